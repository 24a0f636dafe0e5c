"""Compound questions (retriever/frame_parts.py): a question asking several things is split at the last clause
boundary between two question words; a later part keeps the earlier clauses' subject with their question words
taken out; one ask is never split. Through FrameAnalyzer.analyze: `parts`, and none for a named document asked
about as a document or for a multiple-choice question."""
import pytest

from core.lexicon import Lexicon
from core.settings import Settings
from core.types import QuestionPart as P
from retriever.frame import FrameAnalyzer
from retriever.frame_parts import split_parts


@pytest.fixture(scope="module")
def fa() -> FrameAnalyzer:
    return FrameAnalyzer(Lexicon(Settings().prompts_dir))


INDUSTRIAL = "Đồng Nai hiện có bao nhiêu khu công nghiệp, trong đó bao nhiêu khu đã đi vào hoạt động?"
INDUSTRIAL_PARTS = (
    P("Đồng Nai hiện có bao nhiêu khu công nghiệp", "Đồng Nai hiện có bao nhiêu khu công nghiệp?"),
    P("trong đó bao nhiêu khu đã đi vào hoạt động",
      "Đồng Nai hiện có khu công nghiệp, trong đó bao nhiêu khu đã đi vào hoạt động?"),
)


@pytest.mark.parametrize("question, lang, parts", [
    (INDUSTRIAL, "vi", INDUSTRIAL_PARTS),
    # the boundary is the last one before the later question word (", và"), not the comma inside the first ask
    ("Đồng Nai có bao nhiêu tổ chức phi chính phủ nước ngoài thực hiện chương trình, dự án trên địa bàn, và tổng "
     "giá trị bao nhiêu?", "vi", (
         P("Đồng Nai có bao nhiêu tổ chức phi chính phủ nước ngoài thực hiện chương trình, dự án trên địa bàn",
           "Đồng Nai có bao nhiêu tổ chức phi chính phủ nước ngoài thực hiện chương trình, dự án trên địa bàn?"),
         P("tổng giá trị bao nhiêu",
           "Đồng Nai có tổ chức phi chính phủ nước ngoài thực hiện chương trình, dự án trên địa bàn, tổng giá trị bao "
           "nhiêu?"))),
    ("Quy chế được ban hành bằng văn bản nào, vào ngày nào?", "vi", (
        P("Quy chế được ban hành bằng văn bản nào", "Quy chế được ban hành bằng văn bản nào?"),
        P("vào ngày nào", "Quy chế được ban hành bằng văn bản, vào ngày nào?"))),
    ("When was Directive 38-CT/TW issued and what is it about?", "en", (
        P("When was Directive 38-CT/TW issued", "When was Directive 38-CT/TW issued?"),
        P("what is it about", "Directive 38-CT/TW issued, what is it about?"))),
    # typed without diacritics: the question words are read without them; no "?" typed, none added
    ("dong nai hien co bao nhieu khu cong nghiep, trong do bao nhieu khu da di vao hoat dong", "vi", (
        P("dong nai hien co bao nhieu khu cong nghiep", "dong nai hien co bao nhieu khu cong nghiep"),
        P("trong do bao nhieu khu da di vao hoat dong",
          "dong nai hien co khu cong nghiep, trong do bao nhieu khu da di vao hoat dong"))),
])
def test_a_compound_question_is_split_into_its_asks(question, lang, parts):
    assert split_parts(question, lang) == parts


@pytest.mark.parametrize("question, lang", [
    ("Những nghị quyết, chỉ thị nào về hội nhập quốc tế?", "vi"),  # a list of types is one ask
    ("Cần thực hiện tốt những nghị quyết, chỉ thị nào về hội nhập quốc tế?", "vi"),
    ("Tỉnh nào có bao nhiêu cửa khẩu?", "vi"),  # two question words with no boundary between them
    ("Which provinces border Laos and Cambodia?", "en"),  # "and" joins names, one question word
    ("Đồng Nai có bao nhiêu hội hữu nghị?", "vi"),
    ("How many friendship associations does Dong Nai have?", "en"),
])
def test_a_question_asking_one_thing_is_not_split(question, lang):
    assert split_parts(question, lang) == ()


def test_analyze_fills_the_parts_and_logs_them(fa):
    f = fa.analyze(INDUSTRIAL)
    assert f.parts == INDUSTRIAL_PARTS
    assert f.to_json()["parts"] == [
        {"label": "Đồng Nai hiện có bao nhiêu khu công nghiệp", "question": "Đồng Nai hiện có bao nhiêu khu công nghiệp?"},
        {"label": "trong đó bao nhiêu khu đã đi vào hoạt động",
         "question": "Đồng Nai hiện có khu công nghiệp, trong đó bao nhiêu khu đã đi vào hoạt động?"}]


def test_one_ask_has_no_parts_in_its_frame(fa):
    f = fa.analyze("Đồng Nai có bao nhiêu hội hữu nghị?")
    assert f.parts == () and f.to_json()["parts"] == []


def test_analyze_without_compound_reads_one_ask(fa):
    assert fa.analyze(INDUSTRIAL, compound=False).parts == ()


@pytest.mark.parametrize("question", [
    "Nghị quyết 22-NQ/TW được ban hành ngày nào và về nội dung gì?",
    "When was Directive 38-CT/TW issued and what is it about?",
])
def test_a_named_document_asked_about_as_a_document_is_one_ask(fa, question):
    """The document's card answers every ask; split alone, the question has two parts."""
    stem = fa.analyze(question)
    assert stem.about_document and len(split_parts(stem.core, stem.lang)) == 2
    assert stem.parts == ()


def test_a_multiple_choice_question_is_one_ask(fa):
    f = fa.analyze("Bộ nào quản lý trọng tài, và ai ký? A. Bộ Tài chính B. Bộ Tư pháp C. Bộ Công an D. Bộ Ngoại giao")
    assert len(f.options) == 4 and f.parts == ()
    assert len(fa.analyze("Bộ nào quản lý trọng tài, và ai ký?").parts) == 2  # the same stem without options splits


def test_a_part_naming_its_own_place_stays_within_the_document_the_question_named(fa):
    f = fa.analyze("Theo Kế hoạch 47/KH-UBND của Hà Giang, năm 2025 tỉnh tính ký bao nhiêu thỏa thuận quốc tế mới, "
                   "và thỏa thuận với phía Lào là với địa phương nào?")
    assert f.parts[1].question == "Theo Kế hoạch 47/KH-UBND, thỏa thuận với phía Lào là với địa phương nào?"


def test_a_place_closing_the_whole_question_is_every_parts(fa):
    # a follow-up scoped to the conversation's province ends with it: before, only the last part had it
    f = fa.analyze("How many investment projects do the industrial parks host, and from how many countries and "
                   "territories, in Đồng Nai?")
    assert [p.question.endswith(", in Đồng Nai?") for p in f.parts] == [True, True]
    assert [p.label for p in f.parts] == ["How many investment projects do the industrial parks host",
                                          "from how many countries and territories"]
    vi = fa.analyze("Có bao nhiêu khu công nghiệp, trong đó bao nhiêu khu đang hoạt động, tại Đồng Nai?")
    assert vi.parts[1].question == "Có khu công nghiệp, trong đó bao nhiêu khu đang hoạt động, tại Đồng Nai?"


def test_an_english_later_part_keeps_the_subject_not_the_auxiliary(fa):
    f = fa.analyze("How long is Dak Nong's border with Laos, and how many border gates are there on it?")
    # before: "is Dak Nong's border with Laos, how many ..." read as a yes/no question
    assert f.parts[1].question == "Dak Nong's border with Laos, how many border gates are there on it?"
    assert fa.analyze(f.parts[1].question, compound=False).answer_type.value == "quantity"


def test_an_english_ask_with_its_own_subject_keeps_only_the_opening_setting():
    q = ("In Quang Tri, by when do agencies have to send in next year's plans for trips abroad, and by when does the "
         "province approve the overall plan?")
    assert [p.question for p in split_parts(q, "en")][1] == "In Quang Tri, by when does the province approve the overall plan?"
    # "his" points back: the earlier clause stays ("what was his job title" is about the person asked first)
    q = "Who gave the instructions in Dak Nong in July 2014, and what was his job title?"
    assert "gave the instructions" in split_parts(q, "en")[1].question
