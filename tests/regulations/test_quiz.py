"""regulations.quiz: workshop rounds from the bundled corpus's regulation index — content questions, no giveaways,
no document twice, no near-synonym options, consistent codes only, the same round for the same number."""
from __future__ import annotations

import re

import pytest

from regulations import quiz
from regulations.cards import RegulationCard
from vntext.codes import parse_code
from vntext.normalize import fold

ROUNDS = range(1, 41)


@pytest.fixture(scope="module")
def cards(index) -> list[RegulationCard]:
    return index.all()


@pytest.fixture(scope="module")
def rounds(cards) -> list[list[quiz.Question]]:
    return [quiz.make_round(cards, n=8, number=k) for k in ROUNDS]


def test_same_number_same_round_and_other_numbers_differ(cards, rounds):
    assert quiz.make_round(cards, n=8, number=3) == rounds[2]
    assert len({tuple(q.key for q in r) for r in rounds}) > len(rounds) // 2


def test_rounds_ask_about_content_as_well_as_metadata(rounds):
    kinds = {q.kind for r in rounds for q in r}
    assert kinds == set(quiz.KINDS)
    blanks = [q for r in rounds for q in r if q.kind == "blank"]
    assert blanks and all(quiz.BLANK in q.text for q in blanks)
    q = next(q for q in blanks if q.code == "38-CT/TW")
    assert q.options[q.answer] == "tăng cường quản lý các đoàn đi công tác nước ngoài"
    assert "38-CT/TW" in q.text and q.quote.replace(q.options[q.answer], quiz.BLANK).find(q.text.strip("… ")) >= 0
    which = [q for r in rounds for q in r if q.kind == "which"]
    assert which and all(q.text and q.options[q.answer] == q.code for q in which)


def test_no_document_twice_in_a_round_shorter_than_the_documents(rounds):
    for r in rounds:
        assert len({q.key for q in r}) == len(r)


def test_a_long_round_may_come_back_to_a_document_but_never_asks_the_same_twice(cards):
    r = quiz.make_round(cards, n=40, number=5)
    assert len(r) > len({q.key for q in r})
    assert len({(q.key, q.kind) for q in r}) == len(r)


def test_no_prompt_gives_its_answer_away(rounds):
    for q in (q for r in rounds for q in r):
        right = q.options[q.answer]
        if q.kind == "year":
            assert right not in q.code  # "01/2014/QĐ-UBND" is never asked its year
        if q.kind == "issuer":  # "-CP" says Chính phủ, "/TU" says Tỉnh ủy
            symbol = parse_code(q.code.split(" (")[0]).issuer or ""
            assert not set(fold(symbol).split()) <= set(fold(right).split()), (q.code, right)
        if q.kind == "blank":
            assert fold(right) not in fold(q.text) and fold(right) not in fold(q.code)
        if q.kind == "which":
            assert not any(parse_code(o.split(" (")[0]).number in re.findall(r"\w+", q.text) for o in q.options)


def test_options_are_distinct_and_never_near_synonyms(rounds):
    for q in (q for r in rounds for q in r):
        assert len(set(q.options)) == len(q.options) >= 3 and 0 <= q.answer < len(q.options)
        if q.kind in ("issuer", "blank"):
            for i, a in enumerate(q.options):
                for b in q.options[i + 1:]:
                    assert not quiz.close(a, b), (a, b)
    assert quiz.close("Ban Thường vụ Tỉnh ủy", "Tỉnh ủy") and quiz.close("Chính phủ", "Thủ tướng Chính phủ")
    assert not quiz.close("Bộ Chính trị", "Ban Bí thư")


def test_codes_only_from_documents_whose_sources_spell_them_alike(cards, rounds):
    odd = {c.key for c in cards if c.code and not quiz.consistent(c)}
    assert "27-CTr/TU@Đăk Nông" in odd
    shown = {c.display_code for c in cards if c.key in odd}
    for q in (q for r in rounds for q in r):
        assert q.key not in odd and not shown & set(q.options), q


def test_type_filter_and_the_passage_that_states_the_answer(cards):
    r = quiz.make_round(cards, n=10, number=2, doc_type="Chỉ thị", title=lambda doc_id: f"title of {doc_id}")
    assert r and all(q.doc_type == "Chỉ thị" for q in r)
    for q in r:
        assert q.quote and q.title.startswith("title of ")
        if q.kind in ("issuer", "year"):
            assert q.options[q.answer].split(" (")[0] in q.quote


def test_english_issuer_options_and_unknown_kinds(cards):
    r = quiz.make_round(cards, n=20, number=1, kinds=("issuer",), lang="en")
    assert r and all(" (" in q.options[q.answer] for q in r if q.options[q.answer].startswith("Bộ Chính trị"))
    with pytest.raises(ValueError):
        quiz.make_round(cards, n=1, number=1, kinds=("colour",))
