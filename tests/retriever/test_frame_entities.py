"""Constraints read from a question (retriever/frame_entities.py): a role word that qualifies an institution or a
field of work ("cơ quan lãnh sự", "công tác lãnh sự", "Lãnh sự quán Ý") names no person holding the role; a role
naming a person ("Ai là Tổng Lãnh sự Pháp?") is a role constraint."""
import pytest

from core.lexicon import Lexicon
from core.settings import Settings
from core.types import ConstraintKind as K
from retriever.frame import FrameAnalyzer


@pytest.fixture(scope="module")
def fa() -> FrameAnalyzer:
    return FrameAnalyzer(Lexicon(Settings().prompts_dir))


def roles(fa, question):
    return [(c.value, c.text) for c in fa.analyze(question).of(K.ROLE)]


@pytest.mark.parametrize("question", [
    "Cơ quan lãnh sự nào đặt tại Đồng Nai?",
    "Tỉnh đã làm việc với những cơ quan lãnh sự nào?",
    "Công tác lãnh sự của tỉnh gồm những gì?",
    "Hoạt động lãnh sự năm 2019 ra sao?",
    "Tỉnh có văn bản nào về lãnh sự?",
    "Lãnh sự quán Ý ở đâu?",
    "Tổng Lãnh sự quán Pháp ở đâu?",
])
def test_a_role_word_qualifying_an_institution_or_field_is_no_role(fa, question):
    assert roles(fa, question) == []


@pytest.mark.parametrize("question, role", [
    ("Ai là Tổng Lãnh sự Pháp?", ("Tổng Lãnh sự", "Tổng Lãnh sự")),
    ("Ai là Lãnh sự Pháp tại TP.HCM?", ("Lãnh sự", "Lãnh sự")),
    ("Who is the Consul General of France?", ("Tổng Lãnh sự", "Consul General")),
])
def test_a_role_naming_a_person_is_a_role(fa, question, role):
    assert roles(fa, question) == [role]


def test_the_place_beside_an_institution_is_still_read(fa):
    f = fa.analyze("Cơ quan lãnh sự nào đặt tại Đồng Nai?")
    assert [(c.kind, c.value) for c in f.constraints] == [(K.PLACE, "Đồng Nai")]
    assert [(c.kind, c.value) for c in fa.analyze("Ai là Tổng Lãnh sự Pháp?").constraints] == \
        [(K.ROLE, "Tổng Lãnh sự"), (K.PLACE, "Pháp")]
