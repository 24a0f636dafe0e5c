"""Province names typed one slip away are read as the gazetteer spells them (vntext/places.py)."""
import pytest

from core.settings import PROMPTS_DIR
from vntext.places import load_places


@pytest.fixture(scope="module")
def places():
    return load_places(PROMPTS_DIR)


@pytest.mark.parametrize("typed, read", [
    ("vốn FDI giải ngân ở An Gaing đạt bao nhiêu", "vốn FDI giải ngân ở An Giang đạt bao nhiêu"),  # two letters swapped
    ("Kom Tum có bao nhiêu km", "Kon Tum có bao nhiêu km"),  # one changed
    ("Lạng Sơm", "Lạng Sơn"), ("Dak Nogn borders", "Đăk Nông borders"),
    ("Hà Nội Kon Tun", "Hà Nội Kon Tum"),  # after a name spelt right
])
def test_one_slip_from_a_province_is_that_province(places, typed, read):
    assert places.misspelt(typed) == read


@pytest.mark.parametrize("text", ["Ông Cao Huy", "Ban Chỉ đạo", "cửa khẩu Tân Thanh", "Bình Dương Bình Định", "Hà Nam",
                                  "Quyết định 99/2025/QĐ-UBND", "Lang Son and Dong Nai"])
def test_names_and_right_spellings_are_left_alone(places, text):
    assert places.misspelt(text) == text
