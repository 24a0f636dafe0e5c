"""regulations.service over the fast layer (real Chroma + BM25, HashEmbedder): the index from the store, search
through the retriever and the glossary, cards worded in each language with document titles, rounds, refs."""
from __future__ import annotations

from core.settings import PROMPTS_DIR

import json

import pytest

from regulations.service import RegulationService
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def regs(fast_container) -> RegulationService:
    return fast_container.regulations


def test_index_comes_from_the_store(regs, fast_container):
    assert regs.index() is regs.index() and len(regs.cards()) == 34
    assert fast_container.regulation_answerer.index() is regs.index()  # the chat answers from the same index
    assert {c.type for c in regs.cards("Directive")} == {"Chỉ thị"} == {c.type for c in regs.cards("Chỉ thị")}
    assert "Chỉ thị" in regs.types() and regs.card("nope") is None


def test_search_goes_through_the_chats_analysis(regs):
    def first(q):
        return [f.card.display_code for f in regs.search(q)][:2]
    assert first("doan ra") == ["38-CT/TW"]  # diacritics folded, glossary synonyms
    assert first("outbound delegations") == ["38-CT/TW"]  # English through the glossary
    assert set(first("người Việt Nam ở nước ngoài")) == {"45-CT/TW", "36-NQ/TW"}
    assert first("27-CT/TU")[0] == "27-CTr/TU (Đăk Nông)"
    assert [f.card.type for f in regs.search("", "Kết luận")] == ["Kết luận"]


def test_search_survives_a_failing_retriever(fast_container, monkeypatch):
    def broken(*a, **k):
        raise RuntimeError("store outage")
    monkeypatch.setattr(fast_container.retriever, "retrieve", broken)
    assert [f.card.code for f in fast_container.regulations.search("272")][:1] == ["272-QĐ/TW"]


def test_cards_worded_in_the_page_language_with_titles_not_file_names(regs):
    card = regs.card("04-CT/TW")
    vi, en = regs.view(card, "vi"), regs.view(card, "en")
    assert vi.relations == ("11-TT/TU (Đồng Nai) thực hiện 04-CT/TW",)
    assert en.relations == ("11-TT/TU (Đồng Nai) implements 04-CT/TW",)
    title = "Hiệu quả công tác đối ngoại nhân dân trên địa bàn tỉnh Đồng Nai"
    assert vi.flags[0].startswith("Các nguồn ghi cơ quan ban hành khác nhau: Bộ Chính trị (theo “" + title)
    assert en.flags[0].startswith("The sources name different issuing bodies: Bộ Chính trị (Politburo) (in “" + title)
    assert not any(".txt" in f for f in vi.flags + en.flags)
    assert en.issuers[0] == "Bộ Chính trị (Politburo)" and en.type == "Directive" and vi.type == "Chỉ thị"
    assert {p.title for p in vi.passages} == {title}
    assert regs.relation_text(regs.card("33-KL/TW").relations[0], "vi") == "33-KL/TW tiếp tục thực hiện 272-QĐ/TW"
    dates = regs.card("01/CT-TTg").flags[0]
    assert "9/1/2012" in regs.flag_text(dates, "vi") and "2012-01-09" in regs.flag_text(dates, "en")


def test_chat_card_lines_speak_the_answers_language(fast_container):
    vi = fast_container.answers.ask("Chỉ thị 04-CT/TW do ai ban hành?").answer
    assert "11-TT/TU (Đồng Nai) thực hiện 04-CT/TW" in vi and "Các nguồn ghi cơ quan ban hành khác nhau" in vi
    for english in ("implements", "continues", "issuers disagree", ".txt", "Cited in"):
        assert english not in vi, english
    assert "33-KL/TW tiếp tục thực hiện 272-QĐ/TW" in fast_container.answers.ask("Quyết định 272-QĐ/TW là gì?").answer
    en = fast_container.answers.ask("What is Directive 04-CT/TW about?").answer
    assert "implements 04-CT/TW" in en and "The sources name different issuing bodies" in en


def test_rounds_name_the_document_a_passage_is_in(regs, fast_container):
    r = regs.quiz(n=6, number=4)
    assert r == regs.quiz(n=6, number=4) and len(r) == 6
    titles = {rec.meta.title for rec in fast_container.library.documents()}
    assert all(q.title in titles for q in r)
    assert {q.kind for q in regs.quiz(n=10, number=4, kinds=("year",))} == {"year"}


def test_refs_export(regs):
    rows = json.loads(regs.export("Chỉ thị", "json"))
    assert rows and {r["type"] for r in rows} == {"Chỉ thị"}
    assert "272-QĐ/TW" in regs.export(None, "table") and regs.export(None, "csv").startswith("key,")


def test_a_store_without_documents(tmp_path):
    from types import SimpleNamespace as NS

    store = NS(documents=lambda: [], fingerprint=lambda: "empty")
    regs = RegulationService(store, PROMPTS_DIR)
    assert regs.cards() == [] and regs.search("272") == [] and regs.quiz(5, 1) == [] and regs.types() == []
