"""The finder and the workshop end to end in headless chromium (see conftest.live_app): searches without diacritics
and in English, one card per document, counts that agree; a presenter's round played by two teams to the review,
the same questions again, and the printable sheet opened with python-docx."""
from __future__ import annotations

import re

import pytest

from tests.ui.test_browser import DOCS, download, wait_text
from tests.ui.test_round import sheet_pages

pytestmark = pytest.mark.slow


def first_code(page, query: str, expected: str) -> None:
    page.fill("#finder-q textarea", query)
    page.wait_for_function("([t]) => { const r = document.querySelectorAll('#finder-table [role=row]')[1];"
                           " return r && r.innerText.startsWith(t); }",
                           arg=[expected], timeout=20000)


def test_finder_forgives_spelling_language_and_code_variants(page):
    page.get_by_role("tab", name="Tra cứu văn bản").click()
    page.locator("#finder-table [role=gridcell]").first.wait_for(timeout=20000)
    first_code(page, "doan ra", "38-CT/TW")  # no diacritics; "đoàn ra" = "đoàn đi công tác nước ngoài"
    first_code(page, "outbound delegations", "38-CT/TW")  # English through the glossary
    page.fill("#finder-q textarea", "nguoi viet nam o nuoc ngoai")  # words found only in what the sources say
    page.wait_for_function("() => { const t = document.querySelector('#finder-table').innerText;"
                           " return t.includes('45-CT/TW') && t.includes('36-NQ/TW') && !t.includes('38-CT/TW'); }", timeout=20000)
    first_code(page, "27-CT/TU", "27-CTr/TU (Đăk Nông)")  # the mistyped spelling finds the one card
    assert not re.search(r"^27-CT/TU", page.inner_text("#finder-table"), re.M)
    page.locator("#finder-table [role=gridcell]").first.click()
    wait_text(page, "#finder-detail", "27-CTr/TU")
    detail = page.inner_text("#finder-detail")
    assert "Số hiệu còn được ghi là: 27-CT/TU" in detail and ".txt" not in detail
    # one document: the table's count of citing passages is the detail's, and no passage twice
    first_code(page, "272", "272-QĐ/TW")
    count = page.locator("#finder-table [role=row]").nth(1).locator("[role=gridcell]").last.inner_text().strip()
    page.locator("#finder-table [role=gridcell]").first.click()
    wait_text(page, "#finder-detail", "272-QĐ/TW")
    detail = page.inner_text("#finder-detail")
    assert f"Các đoạn trích dẫn ({count})" in detail and "Bộ Chính trị" in detail and "Quyết định" in detail
    passages = page.locator("#finder-detail .reg-cite blockquote").all_inner_texts()
    assert len(passages) == int(count) == len(set(passages))
    assert "33-KL/TW tiếp tục thực hiện 272-QĐ/TW" in detail
    page.fill("#finder-q textarea", "")
    page.wait_for_function("() => document.querySelector('#finder-table').innerText.includes('31/NQ-CP')", timeout=15000)
    page.locator("#finder-timeline").scroll_into_view_if_needed()
    page.screenshot(path=str(DOCS / "screenshot_finder.png"), full_page=True)


def stage_question(page) -> str:
    return page.inner_text("#quiz-question .quiz-prompt")


def test_workshop_presenter_round_played_to_the_review_then_again_and_printed(page):
    page.get_by_role("tab", name="Hội thảo").click()
    page.fill("#quiz-teams textarea, #quiz-teams input", "Đội Kon Tum, Đội An Giang")
    page.locator("#quiz-number input").fill("7")
    page.click("#quiz-start")
    page.wait_for_selector("#quiz-question .quiz-prompt", timeout=20000)
    first = stage_question(page)
    size = float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('#quiz-question .quiz-prompt')).fontSize)"))
    assert size >= 28, size  # large type for a projector
    assert page.locator("#quiz-question ol.quiz-options li").count() >= 3
    start = int(page.inner_text("#quiz-question .cd-num"))
    page.wait_for_function("s => +document.querySelector('#quiz-question .cd-num').innerText < s", arg=start, timeout=5000)
    total = int(re.search(r"/(\d+)", page.inner_text("#quiz-question .quiz-n")).group(1))
    for i in range(total):
        page.click("#quiz-reveal")
        page.wait_for_selector("#quiz-question li.right", timeout=10000)
        assert not page.locator("#quiz-question .quiz-countdown").count()
        result = page.inner_text("#quiz-result")
        assert "Đáp án:" in result and "Nguồn:" in result and ".txt" not in result  # the cited passage, by title
        if i == 0:
            page.screenshot(path=str(DOCS / "screenshot_workshop.png"), full_page=True)
        team = "Đội Kon Tum" if i % 2 == 0 else "Đội An Giang"
        page.locator("#quiz-correct label", has_text=team).click()
        wait_text(page, "#quiz-board", team)
        page.click("#quiz-next")
        if i + 1 < total:
            wait_text(page, "#quiz-question .quiz-n", f"Câu {i + 2}/{total}")
    page.wait_for_selector("#quiz-review ol.quiz-review li", timeout=10000)
    review = page.inner_text("#quiz-review")
    assert page.locator("#quiz-review ol.quiz-review li").count() == total
    assert review.count("Đáp án:") == total and review.count("Nguồn:") == total
    kon_tum = (total + 1) // 2
    assert f"Đội Kon Tum\t{kon_tum}" in page.inner_text("#quiz-review table")
    page.screenshot(path=str(DOCS / "screenshot_workshop_review.png"), full_page=True)
    # the same questions again, from the first one, scores back to nought
    page.click("#quiz-again")
    page.wait_for_selector("#quiz-question .quiz-prompt", timeout=10000)
    assert stage_question(page) == first and "Câu 1/" in page.inner_text("#quiz-question")
    # the printable sheet: the round's questions, then the key on a page of its own
    page.click("#quiz-sheet")
    pages = sheet_pages(download(page, "#quiz-sheet-file"))
    assert len(pages) == 2 and "Phiếu câu hỏi — bộ số 7" in pages[0][0] and "Đáp án — bộ số 7" in " ".join(pages[1])
    assert any(first in p for p in pages[0]) and sum(bool(re.match(r"\d+\. [A-D] — ", p)) for p in pages[1]) == total
