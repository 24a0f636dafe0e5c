"""What an article's masthead answers (answer/author.py): who wrote it, from its byline, and when it was posted, from
its dateline ("Ngày đăng: 09/07/2014", "Cập nhật 24/07/2019 08:53"). Dates inside the text date events, not the
posting: an article with no dateline is said to state none."""
from __future__ import annotations

import pytest

from answer.author import dateline
from tests.answer.passages import assert_verbatim


@pytest.mark.parametrize("question", [
    "Bài viết về Đăk Nông chủ động hội nhập quốc tế được đăng ngày nào?",
    "Ngày đăng của bài viết về hội nhập quốc tế ở Đăk Nông là ngày nào?",
    "When was the article on Dak Nong's international integration posted?",
])
def test_the_posting_date_is_the_dateline_not_a_date_in_the_text(fast_container, question):
    a = fast_container.answers.ask(question)
    assert a.frame.published and not a.abstained
    assert a.short_answer.text == "09/07/2014"
    assert a.answer.startswith("**09/07/2014** [1]")
    assert "Ngày đăng: 09/07/2014" in a.citations[0].quote
    assert_verbatim(fast_container, a)


def test_an_update_line_dates_the_article(fast_container):
    a = fast_container.answers.ask("When was the piece on people-to-people diplomacy in Đồng Nai published?")
    assert a.frame.published and a.short_answer.text == "24/07/2019"


def test_an_article_without_a_dateline_is_said_to_state_none(fast_container):
    a = fast_container.answers.ask("Bài viết về công tác đối ngoại tỉnh Kon Tum được đăng năm nào?")
    assert a.abstained and not a.citations and a.short_answer is None
    assert "không ghi ngày đăng" in a.answer and "Kon Tum" in a.retrieved[0].chunk.locality


@pytest.mark.parametrize("question", [
    "Quyết định 272-QĐ/TW được ban hành khi nào?",  # a document's issuing is its card's, not a posting
    "Tỉnh đang triển khai kế hoạch hội nhập khi nào?",  # "đang" (ongoing) folds to the letters of "đăng"
    "Thông tin đối ngoại Kon Tum được cập nhật thế nào?",  # asks how, not when
    "When was the Friendship Union of Đồng Nai founded?",
])
def test_other_date_questions_are_no_posting_questions(fast_container, question):
    assert not fast_container.answers.analyzer.analyze(question).published


def test_who_wrote_the_article_is_its_byline(fast_container):
    a = fast_container.answers.ask("Bài viết về chủ trương hội nhập quốc tế của Đăk Nông do ai viết?")
    assert a.frame.author and not a.abstained
    assert a.short_answer.text.startswith("Võ Thái Lâm")
    assert_verbatim(fast_container, a)


@pytest.mark.parametrize("text, iso, found", [
    ("Ngày đăng: 09/07/2014 - Số lần xem", "2014-07-09", "09/07/2014"),
    ("Cập nhật 24/7/2019 08:53", "2019-07-24", "24/7/2019"),
    ("Đắk Nông, ngày 15 tháng 3 năm 2024", "2024-03-15", "ngày 15 tháng 3 năm 2024"),
    ("ngày 19/07/2014 và 09/07/2014", "2014-07-09", "09/07/2014"),
    ("năm 2014", "2014-07-09", None),
])
def test_dateline_finds_the_date_as_written(text, iso, found):
    where = dateline(text, iso)
    assert (text[slice(*where)] if where else None) == found
