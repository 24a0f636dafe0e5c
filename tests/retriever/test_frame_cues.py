"""What a "who / which body" question says the one asked did (retriever/frame_cues.py `_relation`, read into
QuestionFrame.relation): the folded words right after the question word, none when a qualifier or a name follows,
none for English and for questions that ask no person or body."""
import pytest

from core.lexicon import Lexicon
from core.settings import Settings
from core.types import AnswerType as T
from retriever.frame import FrameAnalyzer
from retriever.frame_cues import _relation


@pytest.fixture(scope="module")
def fa() -> FrameAnalyzer:
    return FrameAnalyzer(Lexicon(Settings().prompts_dir))


@pytest.mark.parametrize("question, relation", [
    ("Cơ quan nào chủ trì thực hiện kế hoạch?", ("chu", "tri")),
    ("Kế hoạch do ai phê duyệt?", ("phe", "duyet")),
    ("Tổ chức nào của Bỉ đã ký thỏa thuận với Lạng Sơn?", ()),  # a qualifier follows: "của Bỉ"
    ("Ai là người ký Chỉ thị 38?", ("ky",)),  # "là người" skipped; the name ends it
    ("Ai đã được giao nhiệm vụ này?", ("giao", "nhiem")),  # at most two syllables
    ("Cơ quan nào ở Trung ương quản lý trọng tài?", ()),
    ("Ai hiện đang là Chủ tịch UBND tỉnh?", ()),  # a name right after the skipped words
    ("Who approved the plan?", ()),  # English: none
    ("Ai có thẩm quyền cho phép đoàn của Đại sứ vào làm việc?", ("cho", "phep")),  # what the power is to do
])
def test_relation(fa, question, relation):
    f = fa.analyze(question)
    assert f.answer_type in (T.PERSON, T.ORGANISATION)
    assert f.relation == relation == _relation(f.core, f.lang)


def test_only_a_person_or_body_asked_for_has_a_relation(fa):
    f = fa.analyze("Chỉ thị nào quy định về quản lý đoàn ra?")
    assert f.answer_type == T.DOCUMENTS and f.relation == ()
    assert _relation(f.core, f.lang) == ("quy", "dinh")  # the words are there; a document list does not need them
