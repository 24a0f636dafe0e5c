"""The place rule of abstention, on hand-made hits: exact verdicts for each case."""
from __future__ import annotations

from answer.abstain import place_mismatch
from core.types import Chunk, Hit
from retriever.followup import load_places

KNOWN = {"Lạng Sơn", "Đồng Nai", "Quảng Ninh"}
QUESTION = "Tỉnh Quảng Ninh đã ký bao nhiêu thỏa thuận quốc tế?"


def hit(text: str, locality: str | None, title: str = "") -> Hit:
    return Hit(Chunk("c", "d", "s.txt", text, 0, len(text), 0, title=title, locality=locality), 1.0)


LANG_SON = hit("Từ năm 2008 đến nay, tỉnh đã ký kết tổng cộng 7 thỏa thuận quốc tế.", "Lạng Sơn")
DONG_NAI = hit("Đồng Nai đã ký kết 27 bản thỏa thuận quốc tế ký kết cấp tỉnh.", "Đồng Nai")


def test_passages_about_other_provinces_do_not_answer_for_the_named_one():
    reason = place_mismatch(QUESTION, load_places(), KNOWN, {}, [LANG_SON, DONG_NAI])
    assert reason == "the passages are about Lạng Sơn, Đồng Nai, not Quảng Ninh"


def test_a_passage_about_or_mentioning_the_named_province_keeps_the_question_open():
    places = load_places()
    about = hit("Tỉnh đã ký 3 thỏa thuận quốc tế.", "Quảng Ninh")
    mentions = hit("Lạng Sơn và Quảng Ninh cùng ký thỏa thuận quốc tế.", "Lạng Sơn")
    in_title = hit("Tỉnh đã ký 3 thỏa thuận.", "Lạng Sơn", title="Quảng Ninh và Lạng Sơn hợp tác")
    for extra in (about, mentions, in_title):
        assert place_mismatch(QUESTION, places, KNOWN, {}, [LANG_SON, extra]) == ""


def test_a_passage_about_no_province_may_apply_anywhere():
    law = hit("Điều 5. Thỏa thuận quốc tế do Ủy ban nhân dân cấp tỉnh ký kết.", None)
    assert place_mismatch(QUESTION, load_places(), KNOWN, {}, [LANG_SON, law]) == ""


def test_the_rule_needs_an_index_tagged_with_provinces_and_a_named_province():
    assert place_mismatch(QUESTION, load_places(), set(), {}, [LANG_SON]) == ""  # a body of laws
    assert place_mismatch("Có bao nhiêu thỏa thuận quốc tế?", load_places(), KNOWN, {}, [LANG_SON]) == ""


def test_a_province_no_document_is_about_and_no_passage_mentions():
    reason = place_mismatch("Tỉnh Cà Mau đã ký bao nhiêu thỏa thuận quốc tế?", load_places(), KNOWN, {}, [LANG_SON])
    assert reason == "no document is about Cà Mau"
    vocab = {"cà_mau": 0}  # some passage mentions it: only the passages' own places count then
    assert place_mismatch("Tỉnh Cà Mau đã ký bao nhiêu thỏa thuận quốc tế?", load_places(), KNOWN, vocab, [LANG_SON]) \
        == "the passages are about Lạng Sơn, not Cà Mau"
