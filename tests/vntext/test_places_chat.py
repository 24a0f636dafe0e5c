"""A province written by its two initials in chat ("đoàn khách đến LS") is spelt out when exactly one province
with those initials is held (vntext/places.py `initials`)."""
import pytest

from core.lexicon import Lexicon
from core.settings import PROMPTS_DIR
from vntext.places import load_places


@pytest.fixture(scope="module")
def places():
    return load_places(PROMPTS_DIR)


@pytest.fixture(scope="module")
def known():
    return Lexicon(PROMPTS_DIR).known_capitals


HELD = {"Lạng Sơn", "Kon Tum", "Đồng Nai", "Đăk Nông", "An Giang"}  # the bundled corpus's provinces


def held(name: str) -> bool:
    return name in HELD


@pytest.mark.parametrize("typed, read", [
    ("có bn đoàn khách qte đến LS vậy ạ", "có bn đoàn khách qte đến Lạng Sơn vậy ạ"),
    ("Kế hoạch 3394/KH-UBND của KT ban hành ngày nào?", "Kế hoạch 3394/KH-UBND của Kon Tum ban hành ngày nào?"),
    ("AG ký mấy biên bản năm 2016?", "An Giang ký mấy biên bản năm 2016?"),
])
def test_initials_of_the_one_held_province_are_spelt_out(places, known, typed, read):
    assert places.initials(typed, held, known) == read


@pytest.mark.parametrize("typed", [
    "ĐN có bao nhiêu hội hữu nghị?",  # Đồng Nai and Đắk Nông are both held: which is meant is not guessed
    "Chỉ thị 38-CT/TW do TW ban hành",  # a symbol some lexicon knows, and a part of a number
    "Theo KH số 47 thì sao?",  # "KH" is a document type's symbol (also Khánh Hòa's initials)
    "HN có bao nhiêu đoàn?",  # Hà Nội and Hà Nam: neither held
])
def test_ambiguous_unheld_and_known_capitals_are_left_alone(places, known, typed):
    assert places.initials(typed, held, known) == typed
