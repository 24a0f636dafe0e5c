"""Answer types from prompts/answer_types.tsv through FrameAnalyzer: a list of things that are no names ("những
lĩnh vực nào", "which fields", products) is a description, not a list; "chủ lực nào" folds to letters holding "lúc
nào" and asks no date, while "diễn ra vào lúc nào" does."""
import pytest

from core.lexicon import Lexicon
from core.settings import Settings
from core.types import AnswerType as T
from retriever.frame import FrameAnalyzer


@pytest.fixture(scope="module")
def fa() -> FrameAnalyzer:
    return FrameAnalyzer(Lexicon(Settings().prompts_dir))


@pytest.mark.parametrize("question, kind", [
    # "có quan hệ" folds to "co quan he": no body is asked ("cơ quan nào")
    ("An Giang có quan hệ thế nào với hai tỉnh Takeo và Kandal?", T.DESCRIPTION),
    ("Tỉnh ưu tiên hợp tác trong những lĩnh vực nào?", T.DESCRIPTION),
    ("Hai tỉnh hợp tác trong các lĩnh vực nào?", T.DESCRIPTION),
    ("Tỉnh hợp tác với Lào trong các lĩnh vực gì?", T.DESCRIPTION),
    ("Which fields does the province cooperate in?", T.DESCRIPTION),
    ("In which areas do they cooperate?", T.DESCRIPTION),
    ("Những nông sản chủ lực nào được xuất khẩu?", T.DESCRIPTION),
    ("Những nông sản chủ lực nào của tỉnh được xuất khẩu sang Nhật Bản?", T.DESCRIPTION),
    ("Lễ ký kết diễn ra vào lúc nào?", T.DATE),
    ("Hội nghị được tổ chức lúc nào?", T.DATE),
    # names are still a list
    ("Tỉnh giáp những nước nào?", T.LIST),
    ("Tỉnh đã ký thỏa thuận với những tổ chức nào?", T.LIST),
    ("Which countries does Kon Tum border?", T.LIST),
])
def test_answer_type(fa, question, kind):
    assert fa.analyze(question).answer_type == kind


@pytest.mark.parametrize("question, about", [
    ("What does Plan 3394/KH-UBND say about foreign information and cultural diplomacy?", False),  # one matter
    ("What is Directive 38-CT/TW about?", True),  # the document as a whole: its card
    ("Chỉ thị 38-CT/TW nói về vấn đề gì?", True),
])
def test_what_a_named_document_says_on_one_matter_is_searched_in_its_text(fa, question, about):
    f = fa.analyze(question)
    assert f.answer_type == T.DOCUMENT_CONTENT and f.codes and f.about_document is about


@pytest.mark.parametrize("question, unit, spelled", [
    # people are counted under the words for who they are
    ("Tạo việc làm cho bao nhiêu người lao động?", "người", ("lao động", "thành viên")),
    ("Mỗi đoàn được cử tối đa bao nhiêu người?", "người", ("thành viên", "cán bộ")),
    ("How many local workers do foreign firms employ?", "người", ("lao động", "người")),  # workers, not any people
    ("Mỗi đoàn ra được tối đa bao nhiêu thành viên?", "thành viên", ("thành viên", "người")),
    # "số cán bộ ... mấy": the number of what "số" names
    ("Nếu có doanh nghiệp đi cùng thì số cán bộ được nâng lên mấy?", "cán bộ", ("cán bộ", "người")),
    ("Số đoàn ra năm 2016 là mấy?", "đoàn ra", ("đoàn ra",)),
])
def test_the_counted_noun_is_read_where_people_write_it(fa, question, unit, spelled):
    f = fa.analyze(question)
    assert f.answer_type == T.QUANTITY and f.unit == unit
    assert set(spelled) <= set(f.unit_spellings)


def test_a_message_of_two_questions_is_two_parts(fa):
    f = fa.analyze("Mỗi đoàn được cử tối đa bao nhiêu người? Nếu có doanh nghiệp đi cùng thì số cán bộ được nâng lên mấy?")
    assert [p.label for p in f.parts] == ["Mỗi đoàn được cử tối đa bao nhiêu người",
                                         "Nếu có doanh nghiệp đi cùng thì số cán bộ được nâng lên mấy"]
    second = fa.analyze(f.parts[1].question, compound=False)
    assert second.answer_type == T.QUANTITY and second.unit == "cán bộ"


@pytest.mark.parametrize("question, act", [
    ("Các dự án FDI ở Lạng Sơn đã giải ngân được bao nhiêu vốn?", ("giai", "ngan")),
    ("Tổng giá trị cam kết tài trợ là bao nhiêu tiền?", ("cam", "ket")),
    ("Of the aid pledged to Đồng Nai, how much has actually been paid out?", ("giai", "ngan")),  # the clause verb
    ("How much of the pledged money have they actually disbursed?", ("giai", "ngan")),
    ("How much aid did Đồng Nai's donors pledge?", ("cam", "ket")),
    ("Tổng vốn của các dự án là bao nhiêu?", ()),  # no act named: any amount
    ("Bao nhiêu dự án đã giải ngân?", ()),  # a count, not an amount
])
def test_an_amount_asked_of_what_was_done_with_it(fa, question, act):
    assert fa.analyze(question).relation == act


def test_workers_are_not_any_people(fa):
    assert "hội viên" not in fa.analyze("How many local workers do foreign firms employ?").unit_spellings
    assert "hội viên" in fa.analyze("How many people are members?").unit_spellings


@pytest.mark.parametrize("typed, counted", [
    ("Mỗi năm tổ chức khoảng bn sự kiện?", "bao nhiêu"),
    ("Tỉnh có bn khu công nghiệp vậy ad?", "bao nhiêu"),
])
def test_bn_is_bao_nhieu_after_the_words_a_count_follows(fa, typed, counted):
    f = fa.analyze(typed)
    assert f.answer_type == T.QUANTITY and counted in f.core
    assert "vậy" not in (f.unit or "") and "ad" not in (f.unit or "").split()


def test_bn_alone_is_left_as_typed(fa):
    assert "bao nhiêu" not in fa.analyze("bn ơi cho mình hỏi Kon Tum giáp nước nào?").core


@pytest.mark.parametrize("question", ["About how many Vietnamese living abroad have ties to Đồng Nai?",
                                      "How many overseas Vietnamese come from Lạng Sơn?"])
def test_vietnamese_abroad_are_kieu_bao(fa, question):
    assert "kiều bào" in fa.analyze(question).unit_spellings


def test_nguoi_alone_is_no_unit_of_several_words():
    from answer.spans import _unit_heads
    assert "nguoi" not in _unit_heads(("người Việt Nam ở nước ngoài", "kiều bào"))
    assert "doan" in _unit_heads(("đoàn khách quốc tế",))
