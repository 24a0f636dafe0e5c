"""ui.round and the workshop's rendering: a round played by teams on questions from the fast layer's index, to the
review; the printable sheet opened with python-docx."""
from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from ui import round as rnd
from ui.i18n import strings
from ui.quiz import board_html, question_text, review_html, stage_html
from ui.render import esc
from ui.sheet import write_sheet


@pytest.fixture(scope="module")
def questions(fast_container):
    qs = fast_container.regulations.quiz(n=4, number=7)
    assert len(qs) == 4
    return qs


def test_teams_from_what_the_presenter_types():
    assert rnd.parse_teams("Đội A,  Đội   B; Đội C\nĐội A", ["x"]) == ["Đội A", "Đội B", "Đội C"]
    assert rnd.parse_teams(" , ", ["Đội 1", "Đội 2"]) == ["Đội 1", "Đội 2"]
    assert len(rnd.parse_teams(",".join(f"T{i}" for i in range(20)), [])) == rnd.MAX_TEAMS


def test_a_round_played_to_the_review(questions):
    st = rnd.start(questions, ["Đội A", "Đội B"], 7, 30)
    assert rnd.advance(st) == st and rnd.award(st, ["Đội A"]) == st  # nothing counts before the reveal
    html = stage_html(st, "vi")
    assert "Câu 1/4" in html and "quiz-countdown cd-30" in html and "li class=\"right\"" not in html
    for i, q in enumerate(questions):
        st = rnd.reveal(st)
        shown = stage_html(st, "vi")
        assert "quiz-countdown" not in shown and f'<li class="right">' in shown
        st = rnd.award(st, ["Đội A"] if i % 2 == 0 else ["Đội A", "Đội B"])
        st = rnd.award(st, ["Đội B"] if i == 3 else st["correct"][i])  # changing one's mind before "next" replaces it
        st = rnd.advance(st)
    assert rnd.finished(st) and rnd.current(st) is None
    assert rnd.scores(st) == [("Đội A", 3), ("Đội B", 2)]
    review = review_html(st, "vi")
    assert "Đội thắng: Đội A (3 điểm)" in review and review.count("<li>") == len(questions)
    for q in st["questions"]:
        assert esc(question_text(q, "vi")) in review and esc(q["title"]) in review
        assert esc(q["options"][q["answer"]]) in review
    again = rnd.again(st)
    assert again["questions"] == st["questions"] and rnd.scores(again) == [("Đội A", 0), ("Đội B", 0)] and again["i"] == 0
    assert "Đội" in board_html(again, "vi")


def test_no_timer_and_english(questions):
    st = rnd.start(questions, ["A"], 1, 0)
    assert "quiz-countdown" not in stage_html(st, "en") and "Question 1/4" in stage_html(st, "en")
    assert question_text(st["questions"][0], "en") != question_text(st["questions"][0], "vi")


def sheet_pages(path) -> list[list[str]]:
    """The paragraphs of a .docx, split at its hard page breaks."""
    pages: list[list[str]] = [[]]
    for p in Document(str(path)).element.body.iter(qn("w:p")):
        pages[-1].append("".join(t.text or "" for t in p.iter(qn("w:t"))))
        if any(br.get(qn("w:type")) == "page" for br in p.iter(qn("w:br"))):
            pages.append([])
    return pages


def test_printable_sheet_holds_the_questions_then_the_key_on_its_own_page(questions):
    qs = rnd.start(questions, [], 1, 0)["questions"]
    labels = strings("vi")
    path = write_sheet(qs, [question_text(q, "vi") for q in qs], labels, 7)
    assert path.name == "phieu-cau-hoi-7.docx"
    pages = sheet_pages(path)
    assert len(pages) == 2
    sheet, key = "\n".join(pages[0]), "\n".join(pages[1])
    assert labels["sheet_title"].format(n=7) in sheet and labels["sheet_key"].format(n=7) in key
    for i, q in enumerate(qs, 1):
        assert f"{i}. {question_text(q, 'vi')}" in sheet and all(o in sheet for o in q["options"])
        assert f"{i}. {'ABCD'[q['answer']]} — {q['options'][q['answer']]}" in key and q["title"] in key
    assert labels["sheet_key"].format(n=7) not in sheet
