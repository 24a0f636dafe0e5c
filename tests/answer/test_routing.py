"""Routing by what is asked (answer/service.py): a content question that names an indexed document is answered from
that document's own text; the same document asked about as a document gets its card with the asked fact first;
the filters hold on every path. The legal fixtures (evaluation/data/legal/) are ingested with the corpus."""
from __future__ import annotations

import pytest

from core.di import Container
from core.types import Filters
from tests.answer.passages import assert_verbatim
from tests.conftest import CORPUS, ROOT, make_settings

LEGAL = ROOT / "evaluation" / "data" / "legal"
QD99 = "qd_99_2025_qd_ubnd_quang_tri_doan_ra_doan_vao.txt"
MEMBERS = "Theo Quyết định 99/2025/QĐ-UBND, mỗi đoàn ra được tối đa bao nhiêu thành viên?"
IN_FORCE = "Quyết định 99/2025/QĐ-UBND có hiệu lực từ ngày nào?"
PASSPORTS = "Theo Quyết định 99/2025/QĐ-UBND, hộ chiếu công vụ phải nộp lại trong bao nhiêu ngày sau khi nhập cảnh?"


def _ingest(container: Container) -> Container:
    report = container.ingestor().run([CORPUS, LEGAL])
    assert len(report.added) == 7 and not report.skipped
    return container


@pytest.fixture(scope="module")
def legal_fast(tmp_path_factory) -> Container:
    data = tmp_path_factory.mktemp("legal_fast")
    return _ingest(Container(make_settings(data, data / "unused.sqlite", embedder="hash")))


@pytest.fixture(scope="module")
def legal_real(tmp_path_factory, embedding_cache) -> Container:
    return _ingest(Container(make_settings(tmp_path_factory.mktemp("legal_real"), embedding_cache)))


def own(answer_or_hits) -> list[bool]:
    hits = getattr(answer_or_hits, "retrieved", answer_or_hits)
    return [h.chunk.source.endswith(QD99) for h in hits]


@pytest.mark.parametrize("question", [MEMBERS, IN_FORCE, PASSPORTS])
def test_a_content_question_naming_a_document_is_searched_in_its_own_text(legal_fast, question):
    a = legal_fast.answers.ask(question)
    assert not a.frame.about_document
    flags = own(a)
    # the document's own passages come first, then passages that merely mention it
    assert flags[0] and flags == sorted(flags, reverse=True)
    assert sum(flags) >= 5


def test_a_named_document_outside_the_filter_is_not_searched(legal_fast):
    kon_tum = next(r.source for r in legal_fast.store.documents() if r.meta.locality == "Kon Tum")
    a = legal_fast.answers.ask(MEMBERS, Filters(sources=(kon_tum,)))
    assert a.retrieved and {h.chunk.source for h in a.retrieved} == {kon_tum}
    assert {c.source for c in a.citations} <= {kon_tum}


def test_the_content_answer_in_the_fast_layer(legal_fast):
    a = legal_fast.answers.ask(MEMBERS)
    assert not a.abstained and a.short_answer.text == "không quá 05 thành viên"


@pytest.mark.parametrize("question, fact", [
    ("Ai ban hành Quyết định 99/2025/QĐ-UBND?", "Ủy ban nhân dân tỉnh"),
    ("Quyết định 99/2025/QĐ-UBND được ban hành ngày nào?", "ngày 15 tháng 3 năm 2025"),
])
def test_the_same_document_asked_about_as_a_document_gets_its_card(legal_fast, question, fact):
    a = legal_fast.answers.ask(question)
    assert a.frame.about_document and not a.abstained
    assert a.references[0]["code"] == "99/2025/QĐ-UBND" and a.short_answer.text == fact
    assert a.answer.startswith(f"**{fact}** [1]\n\n- **99/2025/QĐ-UBND** — Quyết định")
    assert_verbatim(legal_fast, a)


@pytest.mark.parametrize("question, signer, title", [
    ("Ai là người ký Quyết định 99/2025/QĐ-UBND?", "Trần Minh Khoa", "(Phó Chủ tịch)"),
    ("Quyết định 99/2025/QĐ-UBND do ai ký?", "Trần Minh Khoa", "(Phó Chủ tịch)"),
    ("Who signed Plan 47/KH-UBND?", "Hoàng Thị Mai Lan", "(Vice Chairman)"),
])
def test_who_signed_a_document_is_the_signature_block_of_its_own_text(legal_fast, question, signer, title):
    a = legal_fast.answers.ask(question)
    # before: the card's issuing body ("Ủy ban nhân dân tỉnh"), which signs nothing
    assert a.frame.signer and not a.abstained and a.short_answer.text == signer
    assert a.answer.startswith(f"**{signer}** {title} [1]")
    quote = a.citations[0].quote
    assert quote.startswith("TM. ỦY BAN NHÂN DÂN") and "KT. CHỦ TỊCH" in quote and quote.endswith(signer)
    # labelled by the text's own number, not its header lines ("ỦY BAN NHÂN DÂN")
    assert f"— *{a.frame.doc_type} {a.frame.codes[0]}*" in a.answer or "— *Kế hoạch 47/KH-UBND*" in a.answer
    assert_verbatim(legal_fast, a)


@pytest.mark.parametrize("question, title, signer", [
    ("Bà Hoàng Thị Mai Lan giữ chức vụ gì?", "PHÓ CHỦ TỊCH", "Hoàng Thị Mai Lan"),
    ("What position does Trần Minh Khoa hold?", "PHÓ CHỦ TỊCH", "Trần Minh Khoa"),
])
def test_the_office_of_a_signer_is_the_title_above_the_signature(legal_fast, question, title, signer):
    a = legal_fast.answers.ask(question)
    assert a.frame.answer_type.value == "office" and not a.abstained and a.short_answer.text == title
    assert a.citations[0].quote.endswith(signer)  # the block, through the name the question asked about
    assert_verbatim(legal_fast, a)
    # a person no text names holds no office the documents give
    assert legal_fast.answers.ask("Ông Nguyễn Văn Hùng giữ chức vụ gì?").abstained


def test_a_document_whose_text_is_not_indexed_is_signed_by_no_one_we_can_read(legal_fast):
    # 38-CT/TW is only cited by the corpus: its card names the issuing body
    a = legal_fast.answers.ask("Ai ký Chỉ thị 38-CT/TW?")
    assert a.frame.signer and a.references and a.references[0]["code"] == "38-CT/TW"
    assert "TM." not in a.answer


@pytest.mark.slow
@pytest.mark.parametrize("question, fact, locator", [
    (MEMBERS, "không quá 05 thành viên", "khoản 1 Điều 6"),
    # before the fix: "ngày 15 tháng 3 năm 2025", the issue date of the sentence that held the number
    (IN_FORCE, "ngày 01 tháng 4 năm 2025", "Điều 2"),
    (PASSPORTS, "10 ngày", "khoản 2 Điều 9"),
])
def test_a_content_question_is_answered_from_the_documents_own_text(legal_real, question, fact, locator):
    a = legal_real.answers.ask(question)
    assert not a.abstained and a.short_answer.text == fact
    cited = a.citations[a.short_answer.n - 1]
    assert cited.source.endswith(QD99) and cited.locator == locator
    assert a.answer.startswith(f"**{fact}** [{a.short_answer.n}]")
    assert_verbatim(legal_real, a)


@pytest.mark.slow
def test_a_content_question_about_the_plan_is_answered_from_the_plan(legal_real):
    a = legal_real.answers.ask("Theo Kế hoạch 47/KH-UBND, tổng kinh phí thực hiện kế hoạch năm 2025 là bao nhiêu?")
    assert not a.abstained and a.citations[0].source.endswith("kh_47_kh_ubnd_ha_giang_thoa_thuan_quoc_te_2025.txt")
    assert "450.000.000" in a.short_answer.text
    assert_verbatim(legal_real, a)


# ---- filters on the passage path (real embedder: the passages answer)


def test_locality_filter_on_passage_answers(corpus_container):
    a = corpus_container.answers.ask("Tỉnh tiếp giáp trực tiếp với những nước bạn nào?", Filters(localities=("Kon Tum",)))
    assert not a.abstained and [t for t in ("Lào", "Campuchia") if t in a.answer.split("\n")[0]] == ["Lào", "Campuchia"]
    assert a.citations and {c.locality for c in a.citations} == {"Kon Tum"}
    assert {h.chunk.locality for h in a.retrieved} == {"Kon Tum"}
    # filtered to another province, a question about Kon Tum finds no citation from Kon Tum
    a = corpus_container.answers.ask("Kon Tum tiếp giáp trực tiếp với những nước bạn nào?", Filters(localities=("An Giang",)))
    assert {c.locality for c in a.citations} <= {"An Giang"} and {h.chunk.locality for h in a.retrieved} == {"An Giang"}


def test_date_filter_on_passage_answers(corpus_container):
    a = corpus_container.answers.ask("Liên hiệp hữu nghị của tỉnh gồm mấy hội thành viên?", Filters(date_from="2019-01-01"))
    assert {h.chunk.date for h in a.retrieved} == {"2019-07-24"}
    assert {c.date for c in a.citations} <= {"2019-07-24"}


def test_a_restriction_on_a_mention_without_a_figure_goes_to_the_figure_after_it(legal_fast):
    """"bao nhiêu thỏa thuận quốc tế còn hiệu lực": "06 thỏa thuận quốc tế mới, nâng tổng số thỏa thuận quốc tế còn hiệu
    lực ... lên 21 thỏa thuận" - the restriction follows a mention with no figure of its own: 21, not 06."""
    a = legal_fast.answers.ask("Hiện nay Hà Giang có tổng cộng bao nhiêu thỏa thuận quốc tế còn hiệu lực?")
    assert not a.abstained and a.short_answer.text.startswith("21 thỏa thuận")


def test_a_quote_from_a_numbered_text_is_labelled_with_its_number(legal_fast):
    a = legal_fast.answers.ask(PASSPORTS)
    assert a.citations and a.citations[0].locator
    # before: "— *khoản 2 Điều 9, ỦY BAN NHÂN DÂN*", the issuer's header line taken for the title
    assert f"— *{a.citations[0].locator}, Quyết định 99/2025/QĐ-UBND*" in a.answer


def test_a_compound_part_need_not_repeat_the_body_the_shared_words_name(legal_fast):
    """"... gửi hồ sơ cho Sở Ngoại vụ ... ít nhất bao lâu, còn trường hợp đột xuất thì hạn chót là bao nhiêu ngày?":
    the urgent case's clause does not name the Department; the Department constrains the first part only."""
    a = legal_fast.answers.ask("Ở Quảng Trị, muốn cử đoàn đi nước ngoài thì phải gửi hồ sơ cho Sở Ngoại vụ trước ngày "
                               "xuất cảnh ít nhất bao lâu, còn trường hợp đột xuất thì hạn chót là bao nhiêu ngày?")
    first, second = a.answer.splitlines()[:2]
    assert "**20 ngày làm việc**" in first and "**07 ngày làm việc**" in second
