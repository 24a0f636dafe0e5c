"""regulations.search: the finder's ranking over the bundled corpus's cards, with the real glossary."""
from __future__ import annotations

from core.settings import PROMPTS_DIR

import pytest

from regulations.search import TIER_CODE, TIER_FIELDS, TIER_PASSAGE, CardSearch, card_code_keys, synonyms
from retriever.glossary import Glossary
from tests.regulations.conftest import CORPUS
from vntext.codes import code_key


@pytest.fixture(scope="module")
def search(index) -> CardSearch:
    return CardSearch(index.all())


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load(PROMPTS_DIR / "glossary_en_vi.tsv")


def codes(found) -> list[str]:
    return [f.card.display_code for f in found]


def test_code_in_any_spelling_and_a_number_alone_come_first(search):
    assert codes(search.rank("38/CT-TW"))[:1] == ["38-CT/TW"]
    found = search.rank("272")
    assert codes(found)[0] == "272-QĐ/TW" and found[0].tier == TIER_CODE
    assert "33-KL/TW" in codes(found)  # its subject says "Quy chế 272": a literal match, after the code
    mistyped = search.rank("27-CT/TU")  # the variant spelling finds the one card, which lists it
    assert codes(mistyped)[0] == "27-CTr/TU (Đăk Nông)" and mistyped[0].card.variants == ("27-CT/TU",)
    assert "27-CT/TU" not in codes(mistyped)
    assert {code_key("27-CTr/TU"), code_key("27-CT/TU")} <= card_code_keys(mistyped[0].card)


def test_words_without_diacritics_match_the_facts(search):
    found = search.rank("quy che doi ngoai")
    literal = [f for f in found if f.tier == TIER_FIELDS]
    assert {"272-QĐ/TW", "363-QĐ/TU (Kon Tum)"} <= set(codes(literal))
    assert codes(found)[:len(literal)] == codes(literal)  # literal matches first
    assert codes(search.rank("Politburo"))[:1] and all(
        "Bộ Chính trị" in f.card.issuers for f in search.rank("Politburo") if f.tier == TIER_FIELDS)


def test_words_found_only_in_a_citing_passage(search):
    for q in ("người Việt Nam ở nước ngoài", "nguoi viet nam o nuoc ngoai"):
        found = search.rank(q)
        assert set(codes(found)) == {"45-CT/TW", "36-NQ/TW"} and {f.tier for f in found} == {TIER_PASSAGE}, q


def test_english_terms_through_the_glossary(search, glossary):
    assert search.rank("outbound delegations") == []  # no literal match, no expansion: nothing
    found = search.rank("outbound delegations", glossary.expand("outbound delegations"))
    assert codes(found) == ["38-CT/TW"]
    overseas = search.rank("overseas Vietnamese", glossary.expand("overseas Vietnamese"))
    assert set(codes(overseas)) == {"45-CT/TW", "36-NQ/TW"}


def test_vietnamese_synonyms_from_the_glossary(search, glossary):
    assert "đoàn đi công tác nước ngoài" in synonyms(glossary, "doan ra")
    assert "quan ly đoàn đi công tác nước ngoài" in synonyms(glossary, "quan ly doan ra")
    assert synonyms(glossary, "Kon Tum") == [] and synonyms(None, "doan ra") == []
    assert codes(search.rank("doan ra", synonyms(glossary, "doan ra"))) == ["38-CT/TW"]


def test_retrieved_passages_rank_and_admit_cards(search, index):
    from types import SimpleNamespace as NS

    card = index.get("25-CT/TW")
    cite = card.citations[0]
    hit = NS(chunk=NS(doc_id=cite.doc_id, start=cite.start - 5, end=cite.end + 5))
    assert "25-CT/TW" not in codes(search.rank("đa phương hóa quan hệ"))  # a third of the concept: below the bar alone
    assert "25-CT/TW" in codes(search.rank("đa phương hóa quan hệ", hits=[hit]))  # ... but the retriever's best hit cites it


def test_empty_query_lists_every_card_in_index_order(search, index):
    assert [f.card.key for f in search.rank("  ")] == [c.key for c in index.all()]
