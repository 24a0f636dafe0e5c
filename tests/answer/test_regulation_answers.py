"""Document cards and document lists (answer/regulation_answers.py, answer/cards.py) on the fast layer: the asked
fact first, partial answers that say what the documents do not give, refusals for a document type, issuer or
title that no indexed document has, and the filters on every card and list."""
from __future__ import annotations

import pytest

from core.types import Filters
from tests.answer.passages import assert_verbatim


@pytest.fixture(scope="module")
def ask(fast_container):
    def ask(question, filters=None, **kw):
        a = fast_container.answers.ask(question, filters, **kw)
        assert_verbatim(fast_container, a)
        return a
    return ask


@pytest.fixture(scope="module")
def source(fast_container):
    by_place = {r.meta.locality: r.source for r in fast_container.store.documents()}
    return by_place.__getitem__


@pytest.mark.parametrize("question, fact", [
    ("Chỉ thị 25-CT/TW được ban hành ngày nào?", "08/8/2018"),
    ("Nghị quyết 22-NQ/TW bàn về vấn đề gì?", "hội nhập quốc tế"),
    ("Quyết định 363-QĐ/TU do ai ban hành?", "Ban Thường vụ Tỉnh ủy"),
    ("Who issued Decision 363-QĐ/TU?", "Ban Thường vụ Tỉnh ủy"),
    ("When was Resolution 31/NQ-CP issued?", "13/5/2014"),
    # the issuer as the passage writes it ("BTV Tỉnh ủy"): before the fix the card gave no direct answer
    ("Ai ban hành Chỉ thị 26-CT/TU?", "BTV Tỉnh ủy"),
    # the date written before the mention ("ngày 04/12/2018, UBND tỉnh đã ban hành Kế hoạch ... số 3394/KH-UBND")
    ("Kế hoạch 3394/KH-UBND được ban hành khi nào?", "04/12/2018"),
])
def test_a_card_opens_with_the_asked_fact(ask, question, fact):
    a = ask(question)
    code = a.frame.codes[0]
    assert not a.abstained and a.references[0]["code"] == code
    assert a.short_answer.text == fact and a.answer.startswith(f"**{fact}** [1]")
    assert f"**{code}**" in a.answer  # the card follows


@pytest.mark.parametrize("question", ["Chỉ thị 25-CT/TW do cơ quan nào ban hành?", "When did the Politburo issue Decision 272-QĐ/TW?"])
def test_other_wordings_about_a_document_get_its_card(ask, question):
    a = ask(question)
    assert a.frame.about_document and not a.abstained and a.references[0]["code"] == a.frame.codes[0]


@pytest.mark.parametrize("question", ["Ai ký ban hành Quyết định 363-QĐ/TU?", "Ai là người ký Kế hoạch 3394/KH-UBND?",
                                      "Who signed Plan 3394/KH-UBND?"])
def test_who_signed_a_document_known_only_by_its_card_is_not_answered_with_its_issuer(ask, question):
    # a card names the issuing body; the person who signed is in the document's own text, which the index lacks
    a = ask(question)
    assert a.abstained and a.reason == "card lacks signer" and a.short_answer is None
    assert a.references[0]["code"] == a.frame.codes[0]  # the card is shown: who issued it is still there to read
    assert ("người ký" in a.answer) if a.frame.lang == "vi" else ("who signed it" in a.answer)


def test_a_card_without_the_asked_date_says_so(ask):
    a = ask("Chỉ thị 45-CT/TW được ban hành khi nào?")
    assert a.abstained and a.reason == "card lacks date" and a.short_answer is None
    assert a.answer.startswith("Các tài liệu có nhắc đến 45-CT/TW nhưng không nêu ngày ban hành.")
    assert "**45-CT/TW** — Chỉ thị — Bộ Chính trị" in a.answer  # the issuer it does state is shown
    en = ask("When was Directive 15/CT-TTg signed?")
    assert en.abstained and en.answer.startswith("The documents mention 15/CT-TTg but do not state when it was issued.")


def test_a_compound_question_says_which_part_the_documents_do_not_give(ask):
    a = ask("Nghị quyết 06-NQ/TW ra đời ngày nào và có nội dung gì?")
    assert not a.abstained and a.short_answer.text == "05/11/2016"
    assert a.answer.rstrip().endswith("Các tài liệu không nêu nội dung của văn bản.")
    # "Nghị quyết 22-NQ/TW ..., Nghị quyết số 31/NQ-CP ... và Chỉ thị số 01/CT-TTg ... về hội nhập quốc tế": the
    # subject after the list is each document's (regulations/index.py), so both parts are given
    listed = ask("Nghị quyết 31/NQ-CP ra đời ngày nào và có nội dung gì?")
    assert listed.short_answer.text == "13/5/2014" and "không nêu" not in listed.answer
    assert "31/NQ-CP** — Nghị quyết — Chính phủ — 13/5/2014: hội nhập quốc tế" in listed.answer
    en = ask("When was Resolution 06-NQ/TW issued and what is it about?")
    assert en.short_answer.text == "05/11/2016" and en.answer.rstrip().endswith("The documents do not state what it is about.")
    full = ask("Chỉ thị 25-CT/TW được ban hành ngày nào và về nội dung gì?")  # both parts given: no note
    assert "không nêu" not in full.answer and "đẩy mạnh và nâng tầm đối ngoại đa phương" in full.answer


@pytest.mark.parametrize("question, what, code, shown", [
    ("Chỉ thị 26-CT/TU do Bộ Chính trị ban hành năm nào?", "Bộ Chính trị", "26-CT/TU", "Ban Thường vụ Tỉnh ủy"),
    ("Chỉ thị 25-CT/TW năm 2015 đề cập đến vấn đề gì?", "năm 2015", "25-CT/TW", "8/8/2018"),  # another year
])
def test_a_card_that_contradicts_the_question_is_a_refusal_that_shows_the_card(ask, question, what, code, shown):
    """A wrong premise is not answered: the answer says the documents do not record it and shows what they do
    record of the document (before: a bare refusal, and the user had to ask again to learn the issuer)."""
    a = ask(question)
    lead = f"Các tài liệu không ghi {what} cho {code}. Văn bản được ghi nhận như sau:"
    assert a.abstained and a.short_answer is None and a.answer.startswith(lead)
    assert f"**{code}**" in a.answer and shown in a.answer and a.citations
    en = ask("When did the Secretariat issue Directive 38-CT/TW?")
    assert en.abstained and en.answer.startswith("The documents do not record Secretariat for 38-CT/TW.")
    assert "Politburo" in en.answer


def test_a_document_list_names_the_documents_of_the_asked_type(ask):
    a = ask("Những chỉ thị nào về quản lý đoàn ra được các tỉnh nhắc đến?")
    codes = [r["code"] for r in a.references]
    assert not a.abstained and codes[0] == "38-CT/TW" and all(r["type"] == "Chỉ thị" for r in a.references)
    assert a.answer.startswith(", ".join(f"**{c}**" for c in codes))
    en = ask("Which directives deal with managing delegations going abroad?")
    assert [r["code"] for r in en.references][0] == "38-CT/TW" and en.answer.count("Directive") >= 1
    both = ask("Những nghị quyết, chỉ thị nào về hội nhập quốc tế?")
    assert {r["type"] for r in both.references} == {"Nghị quyết", "Chỉ thị"}  # before: directives only


@pytest.mark.parametrize("question", [
    "Để cụ thể hóa Chương trình 27-CTr/TU về hội nhập quốc tế, UBND tỉnh Đăk Nông đã ra kế hoạch nào?",
    "UBND tỉnh Đăk Nông ban hành kế hoạch nào để triển khai Chương trình 27-CT/TU, vào ngày nào?",
])
def test_documents_of_another_type_that_carry_out_a_named_one_are_listed_not_its_card(ask, question):
    a = ask(question)
    # before: the programme's own card (or a refusal: "the documents do not say UBND tỉnh for 27-CTr/TU")
    assert not a.abstained and a.short_answer.text.endswith("67/KH-UBND")
    assert [r["code"] for r in a.references] == ["67/KH-UBND"] and "7/3/2014" in a.answer
    # a relation on the named card still answers from the card: "33-KL/TW continues 272-QĐ/TW"
    kl = ask("Kết luận 33-KL/TW tiếp tục thực hiện quyết định nào?")
    assert kl.short_answer.text.endswith("272-QĐ/TW") and kl.references[0]["code"] == "33-KL/TW"


@pytest.mark.parametrize("question", [
    "Tỉnh ủy Kon Tum có quy chế riêng về quản lý thống nhất các hoạt động đối ngoại không?",
    "Did Kon Tum adopt its own regulation on unified management of foreign affairs? Which decision?",
])
def test_the_provinces_own_document_is_one_a_provincial_body_numbered(ask, question):
    a = ask(question)
    # before: the Politburo's 272-QĐ/TW first (or, asked "có quy chế riêng ... không", quotes and no document); a
    # Quy chế is issued with its Quyết định, whose subject names it
    assert a.frame.own_documents and not a.abstained
    assert [r["code"] for r in a.references][0] == "363-QĐ/TU" and a.short_answer.text.endswith("363-QĐ/TU")


@pytest.mark.parametrize("question, answer", [
    ("Những nghị định nào của Bộ Công an về đoàn ra?", "Không có văn bản nào trong tài liệu là Nghị định của Bộ Công an."),
    ("Những chỉ thị nào của Bộ Ngoại giao về đoàn ra?", "Không có văn bản nào trong tài liệu là Chỉ thị của Bộ Ngoại giao."),
    ("Which decrees of the Ministry of Public Security govern delegations?",
     "No document in the collection is Decree of Ministry of Public Security."),
])
def test_a_type_and_issuer_no_indexed_document_has_is_a_refusal(ask, question, answer):
    a = ask(question)
    assert a.abstained and a.citations == [] and a.answer == answer and a.reason.startswith("no_such_document")


def test_a_named_title_the_index_lacks_is_a_refusal(ask):
    a = ask("Luật Cư trú quy định công dân phải đăng ký thường trú trong bao lâu?")
    assert a.abstained and a.answer == "Không có văn bản nào trong tài liệu là Luật Cư trú."
    a = ask("Theo luật quốc tế, đoàn ra cần những thủ tục gì?")  # "luật quốc tế" is law, not a title
    assert not a.reason.startswith("no_such_document")


# ---- filters on the card and list paths


def test_locality_filter_on_a_card(ask):
    a = ask("Ai ban hành Chỉ thị 38-CT/TW?", Filters(localities=("An Giang",)))
    assert not a.abstained and a.short_answer.text == "Bộ Chính trị"
    assert {c.locality for c in a.citations} == {"An Giang"}
    # no document of Lạng Sơn cites it: no card, and what the passages say is not about it
    a = ask("Ai ban hành Chỉ thị 38-CT/TW?", Filters(localities=("Lạng Sơn",)))
    assert a.abstained and a.references == [] and {c.locality for c in a.citations} <= {"Lạng Sơn"}


def test_date_and_source_filters_on_a_card(ask, source):
    q = "Nghị quyết 22-NQ/TW bàn về vấn đề gì?"
    assert {c.locality for c in ask(q).citations} == {"Đăk Nông", "Đồng Nai", "An Giang"}
    late = ask(q, Filters(date_from="2019-01-01"))  # the Đồng Nai article is dated 2019-07-24
    assert late.citations and {c.source for c in late.citations} == {source("Đồng Nai")}
    early = ask(q, Filters(date_to="2015-01-01"))  # the Đăk Nông article, 2014-07-09
    assert early.citations and {c.source for c in early.citations} == {source("Đăk Nông")}
    one = ask(q, Filters(sources=(source("An Giang"),)))
    assert one.citations and {c.source for c in one.citations} == {source("An Giang")}


def test_filters_on_a_document_list(ask, source):
    q = "Những chỉ thị nào về quản lý đoàn ra được các tỉnh nhắc đến?"
    for filters, place in [(Filters(localities=("An Giang",)), "An Giang"), (Filters(date_from="2019-01-01"), "Đồng Nai"),
                           (Filters(sources=(source("Kon Tum"),)), "Kon Tum")]:
        a = ask(q, filters)
        assert not a.abstained and a.citations
        assert {c.source for c in a.citations} == {source(place)}, filters
        assert all(place in r["cited_by"] for r in a.references)


def test_documents_of_either_body_named_together_are_listed(fast_container):
    """"nghị quyết nào của Trung ương và Chính phủ": a resolution of the Politburo (a central Party body, /TW) and one
    of the Government both answer; before, each body ruled out the other's documents and nothing was left."""
    a = fast_container.answers.ask("Đăk Nông triển khai những nghị quyết nào của Trung ương và Chính phủ về hội nhập quốc tế?")
    assert not a.abstained
    assert {"22-NQ/TW", "31/NQ-CP"} <= {r["code"] for r in a.references}


def test_documents_of_a_body_no_document_has_are_still_refused(fast_container):
    a = fast_container.answers.ask("Những nghị quyết nào của Quốc hội về hội nhập quốc tế được Đăk Nông triển khai?")
    assert a.abstained


def test_the_year_and_place_of_the_citing_document_do_not_describe_the_documents_asked(ask):
    for q in ("Kế hoạch 2018 của Kon Tum nhắc đến quyết định nào của Bộ Chính trị về quản lý các hoạt động đối ngoại?",
              "Which Politburo decision on managing foreign activities does Kon Tum's 2018 plan refer to?"):
        a = ask(q)
        # before: "no document is a Decision of the Politburo" (272-QĐ/TW is of 2015, cited by the 2018 plan)
        assert not a.abstained and a.short_answer.text.endswith("272-QĐ/TW"), q
    # a year that describes the documents asked still does
    assert ask("Quyết định nào của Bộ Chính trị năm 2019 về quản lý đối ngoại?").abstained
