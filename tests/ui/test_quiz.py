"""ui.quiz: questions from regulation cards, options from the index, deterministic per seed, scoring."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from ui import quiz

ROOT = Path(__file__).resolve().parents[2]


def card(code, type_="Quyết định", issuers=("Bộ Chính trị",), dates=("2015-05-21",), flags=(), key=None, quote=None):
    cites = (NS(doc_id="d", source="corpus/x.txt", quote=quote or f"{code} của {issuers[0] if issuers else ''} ngày {dates[0] if dates else ''}"),)
    return NS(key=key or code, code=code, type=type_, type_en={"Quyết định": "Decision", "Chỉ thị": "Directive"}.get(type_),
              issuers=issuers, issuer_en=tuple("EN " + i for i in issuers), dates=dates, flags=flags, citations=cites)


CARDS = [card("272-QĐ/TW"), card("38-CT/TW", "Chỉ thị", dates=()), card("31/NQ-CP", "Nghị quyết", ("Chính phủ",), ("2014-05-13",)),
         card("01/CT-TTg", "Chỉ thị", ("Thủ tướng Chính phủ",), ("2012-01-09", "2012-10-09")),
         card("04-CT/TW", "Chỉ thị", ("Bộ Chính trị", "Ban Bí thư"), ("2011-07-06",)),
         card("363-QĐ/TU", issuers=("Ban Thường vụ Tỉnh ủy",), dates=("2016-10-26",), key="363-QĐ/TU@Đồng Nai"),
         card("25-CT/TW", "Chỉ thị", ("Ban Bí thư",), ("2018-08-08",))]


def test_facts_skip_what_the_sources_disagree_on():
    by = {c.code: c for c in CARDS}
    assert quiz.fact(by["272-QĐ/TW"], "issuer") == "Bộ Chính trị"
    assert quiz.fact(by["272-QĐ/TW"], "issuer", "en") == "Bộ Chính trị (EN Bộ Chính trị)"
    assert quiz.fact(by["04-CT/TW"], "issuer") is None  # two issuers stated
    assert quiz.fact(by["01/CT-TTg"], "year") == "2012"  # two dates, same year
    assert quiz.fact(by["38-CT/TW"], "year") is None
    assert quiz.fact(by["272-QĐ/TW"], "type", "en") == "Decision"
    with pytest.raises(ValueError):
        quiz.fact(by["272-QĐ/TW"], "colour")


def test_quiz_is_deterministic_and_well_formed():
    a = quiz.make_quiz(CARDS, n=6, seed=7)
    assert a == quiz.make_quiz(CARDS, n=6, seed=7)
    assert a != quiz.make_quiz(CARDS, n=6, seed=8) or len(a) <= 1
    assert 1 <= len(a) <= 6
    for q in a:
        assert len(set(q.options)) == len(q.options) >= 3
        right = q.options[q.answer]
        card_ = next(c for c in CARDS if q.code.startswith(c.code))
        assert right == quiz.fact(card_, q.kind)
        assert q.quote and q.source == "corpus/x.txt"
    assert len({(q.code, q.kind) for q in a}) == len(a)


def test_provincial_code_names_its_province_and_type_filter():
    qs = quiz.make_quiz(CARDS, n=20, seed=1, kinds=("issuer",), doc_type="Quyết định")
    assert {q.code for q in qs} <= {"272-QĐ/TW", "363-QĐ/TU (Đồng Nai)"} and qs
    assert all(q.doc_type == "Quyết định" for q in qs)
    assert quiz.types_of(CARDS) == ["Chỉ thị", "Nghị quyết", "Quyết định"]


def test_year_distractors_fall_back_to_neighbouring_years():
    qs = quiz.make_quiz(CARDS[:3], n=5, seed=3, kinds=("year",))
    assert qs and all(len(q.options) == 4 and all(o.isdigit() for o in q.options) for q in qs)


def test_scoring_flow():
    qs = quiz.make_quiz(CARDS, n=2, seed=2)
    st = quiz.start(qs)
    assert quiz.advance(st) == st  # cannot skip before answering
    q = quiz.current(st)
    st, ok = quiz.answer(st, q["options"][q["answer"]])
    assert ok is True and st["score"] == 1
    assert quiz.answer(st, q["options"][0])[1] is None  # answered already
    st = quiz.advance(st)
    q = quiz.current(st)
    st, ok = quiz.answer(st, q["options"][(q["answer"] + 1) % len(q["options"])])
    assert ok is False and st["score"] == 1
    st = quiz.advance(st)
    assert quiz.finished(st) and quiz.current(st) is None


def test_question_text_both_languages():
    q = quiz.make_quiz(CARDS, n=1, seed=0, kinds=("issuer",))[0]
    assert quiz.question_text(q, "vi") == f"Cơ quan nào ban hành {q.code}?"
    assert quiz.question_text(q, "en") == f"Which body issued {q.code}?"


@lru_cache(maxsize=1)
def corpus_cards():
    from regulations.extract import extract_references
    from regulations.index import RegulationIndex

    refs = []
    for p in sorted((ROOT / "corpus").glob("*.txt")):
        refs += extract_references(p.stem, f"corpus/{p.name}", p.read_text(encoding="utf-8"), None)
    return RegulationIndex.build(refs).all()


def test_quiz_on_the_bundled_corpus_asks_about_272():
    cards = corpus_cards()
    qs = [q for seed in range(40) for q in quiz.make_quiz(cards, n=10, seed=seed, kinds=("issuer",))
          if q.code == "272-QĐ/TW"]
    assert qs, "272-QĐ/TW should be asked about for some seed"
    q = qs[0]
    assert q.options[q.answer] == "Bộ Chính trị" and "272" in q.quote
