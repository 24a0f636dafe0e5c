"""A question word alone as a follow-up ("Vào năm nào?", "With whom?") asks the previous question's matter anew."""
import pytest

from retriever.followup import rewrite_followup
from retriever.fragments import is_fragment, merged


@pytest.mark.parametrize("previous, fragment, standalone", [
    ("Lạng Sơn đã ký bao nhiêu thỏa thuận quốc tế từ 2008?", "Với những đối tác nào?",
     "Lạng Sơn đã ký thỏa thuận quốc tế từ 2008 với những đối tác nào?"),
    ("An Giang đã ký bao nhiêu biên bản thỏa thuận với Ta Keo, Kandal?", "Vào năm nào?",
     "An Giang đã ký biên bản thỏa thuận với Ta Keo, Kandal vào năm nào?"),
    ("Kon Tum ký biên bản ghi nhớ với doanh nghiệp Hàn Quốc khi nào?", "Ở đâu?",
     "Kon Tum ký biên bản ghi nhớ với doanh nghiệp Hàn Quốc ở đâu?"),
    ("Kon Tum giáp bao nhiêu nước?", "Những nước nào?", "Kon Tum giáp những nước nào?"),  # named, not counted
    ("Ai ban hành Chỉ thị 01/CT-TTg?", "Khi nào?", "Chỉ thị 01/CT-TTg được ban hành khi nào?"),  # of what was done
    ("Who issued Directive 01/CT-TTg?", "When?", "When was Directive 01/CT-TTg issued?"),
    ("How many agreements did An Giang sign with Takeo and Kandal?", "When?",
     "When did An Giang sign the agreements with Takeo and Kandal?"),
    ("How many international agreements has Lang Son signed since 2008?", "With whom?",
     "With whom has Lang Son signed the international agreements since 2008?"),
])
def test_a_question_word_alone_takes_the_previous_questions_place(previous, fragment, standalone):
    assert is_fragment(fragment)
    assert merged(previous, fragment) == standalone
    assert rewrite_followup(fragment, [previous]) == standalone


def test_no_question_word_to_replace_or_no_fragment_is_left_to_the_other_rewrites():
    assert merged("Kon Tum có kế hoạch đối ngoại nào?", "Khi nào?") is None
    assert not is_fragment("Còn An Giang thì sao?") and not is_fragment("Ai ban hành Chỉ thị 38-CT/TW?")
    assert rewrite_followup("Còn An Giang thì sao?", ["Kon Tum có bao nhiêu cửa khẩu?"]) == "An Giang có bao nhiêu cửa khẩu?"


@pytest.mark.parametrize("follow, earlier, standalone", [
    ("Thế còn phía Nam?", "Phía Bắc và Đông Bắc tỉnh Đăk Nông giáp với đâu?", "Phía Nam tỉnh Đăk Nông giáp với đâu?"),
    ("What about the south?", "Which province lies to the north of Dak Nong?", "Which province lies to the south of Dak Nong?"),
    ("Còn Quảng Nam thì sao?", "Đăk Nông có bao nhiêu khu công nghiệp?", "Quảng Nam có bao nhiêu khu công nghiệp?"),  # a name
])
def test_one_side_of_a_place_for_another(follow, earlier, standalone):
    assert rewrite_followup(follow, [earlier]) == standalone

