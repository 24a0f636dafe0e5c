"""Chat shorthand written out (vntext/shorthand.py) with the lexicon's table (prompts/chat_shorthand.tsv): whole
words, any case, never inside a document number; and through FrameAnalyzer before a question is read."""
import pytest

from core.lexicon import Lexicon
from core.settings import PROMPTS_DIR
from core.types import AnswerType as T
from retriever.frame import FrameAnalyzer
from vntext.shorthand import expand


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon(PROMPTS_DIR)


@pytest.mark.parametrize("typed, written", [
    ("dc bao nhiu", "được bao nhiêu"),
    ("Đồng Nai đã giải ngân dc bao nhiu tiền?", "Đồng Nai đã giải ngân được bao nhiêu tiền?"),
    ("DC Bao Nhiu", "được bao nhiêu"),  # any case
    ("Tỉnh có sl cty nc ngoài ntn?", "Tỉnh có số lượng công ty nước ngoài như thế nào?"),
    ("đc ko", "được không"),
    ("baonhieu đoàn ra", "bao nhiêu đoàn ra"),
])
def test_shorthand_is_written_out(lex, typed, written):
    assert expand(typed, lex.shorthand) == written


@pytest.mark.parametrize("typed", [
    "Quyết định 01/2014/QĐ-UBND",
    "Số 12/DC-UBND",  # "DC" inside a number
    "Công văn 05/KO-SNgV",
    "Quyết định SL-15",
    "Thông báo 7/dc",
    "dcx ko1",  # inside a longer word
])
def test_never_inside_a_document_number_or_a_word(lex, typed):
    assert expand(typed, lex.shorthand) == typed


def test_a_number_beside_shorthand_is_left_alone(lex):
    assert expand("Số 12/DC-UBND dc ban hành ko?", lex.shorthand) == "Số 12/DC-UBND được ban hành không?"


def test_no_table_changes_nothing():
    assert expand("dc bao nhiu", {}) == "dc bao nhiu"


def test_the_frame_reads_the_written_out_question(lex):
    f = FrameAnalyzer(lex).analyze("Đồng Nai đã giải ngân dc bao nhiu tiền?")
    assert f.core == "Đồng Nai đã giải ngân được bao nhiêu tiền?"
    assert (f.answer_type, f.unit) == (T.QUANTITY, "USD")
