"""A part of an earlier count, or the same count asked again, without its noun (answer/counted.py): the earlier
count's noun is put back."""
import pytest

from answer.counted import with_counted_noun
from tests.answer.passages import frame, parts


@pytest.mark.parametrize("earlier, follow, expected", [
    ("Lạng Sơn đã ký bao nhiêu thỏa thuận quốc tế từ 2008?", "Trong đó bao nhiêu cái với Quảng Tây?",
     "Trong đó bao nhiêu thỏa thuận quốc tế với Quảng Tây?"),
    ("Lạng Sơn đã ký bao nhiêu thỏa thuận quốc tế từ 2008?", "Trong số đó có mấy với ADB?",
     "Trong số đó có mấy thỏa thuận quốc tế với ADB?"),
    ("How many international agreements has Lang Son signed since 2008?", "How many of them were with Guangxi?",
     "How many international agreements were with Guangxi?"),
    # the same count asked again of another year or place, with no noun of its own
    ("How many international agreements has Lang Son signed since 2008?", "And how many did it sign in 2009 alone?",
     "And how many international agreements did it sign in 2009 alone?"),
    ("Lạng Sơn đã ký bao nhiêu thỏa thuận quốc tế từ năm 2008?", "Năm 2009 ký được bao nhiêu?",
     "Năm 2009 ký được bao nhiêu thỏa thuận quốc tế?"),
])
def test_a_part_of_an_earlier_count_counts_its_noun(earlier, follow, expected):
    assert with_counted_noun(follow, frame(earlier), parts().lexicon) == expected


@pytest.mark.parametrize("earlier, follow", [
    # a follow-up that names its own measure, or asks no part of the earlier count, is left alone
    ("Trong 5 năm qua có bao nhiêu lượt đoàn NGO đến Đồng Nai?", "Tổng giá trị cam kết tài trợ của họ là bao nhiêu?"),
    ("Lạng Sơn có bao nhiêu dự án ODA?", "Diện tích là bao nhiêu?"),
    ("Đồng Nai đã ký được bao nhiêu thỏa thuận quốc tế?", "Còn Lạng Sơn thì sao, ký được mấy cái?"),  # elliptical
    ("Lạng Sơn có bao nhiêu dự án ODA?", "Các dự án FDI có tổng vốn đăng ký bao nhiêu?"),  # "đăng ký" is no "ký"
    ("Lạng Sơn có bao nhiêu cửa khẩu?", "Trong đó bao nhiêu cửa khẩu quốc tế?"),
    ("Ai ký kế hoạch 3394/KH-UBND?", "Trong đó có mấy nội dung?"),
])
def test_other_follow_ups_keep_their_words(earlier, follow):
    assert with_counted_noun(follow, frame(earlier), parts().lexicon) == follow
