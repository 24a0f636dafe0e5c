"""ui.render: escaping, citation cards, document view, finder rows, Markdown export; and the page's chat handler."""
from __future__ import annotations

import re

import pytest

from tests.ui.conftest import EVIL
from ui import render
from ui.i18n import strings, t, tl

LABELS = dict(strings("vi")["card"])


def _cite(text: str, quote: str, n: int = 1, **kw) -> dict:
    start = text.index(quote)
    return {"n": n, "source": "corpus/a.txt", "title": "Tiêu đề", "quote": quote, "start": start, "end": start + len(quote),
            "doc_id": "a", "locality": "Đồng Nai", "date": "2014-07-09", "heading": None, **kw}


def test_esc_neutralises_markup_templates_and_math():
    out = render.esc("<script>alert(1)</script> ${x} {{y}} `z` \\ \"q\"\nline")
    assert "<script" not in out and "&lt;script&gt;" in out
    assert "$" not in out and "{" not in out and "`" not in out and '"' not in out
    assert out.endswith("<br>line")


def test_no_raw_tag_from_document_or_question_anywhere():
    c = _cite(EVIL, "<script>alert('x')</script>")
    turn = {"question": "<b>q</b>", "answer": f"- “{c['quote']}” [1] <img src=x onerror=alert(1)>", "citations": [c],
            "note": "<svg onload=alert(1)>"}
    html = render.answer_html(turn, lambda d: EVIL, LABELS, 0) + render.plain_html(turn["question"]) \
        + render.document_html("<t>", EVIL, c["start"], c["end"])
    tags = set(re.findall(r"<\s*([a-zA-Z0-9]+)", html))
    assert tags <= {"div", "p", "ul", "li", "sup", "b", "i", "mark", "blockquote", "span", "br", "h3"}, tags
    assert "onerror" not in re.sub(r"&lt;.*?&gt;", "", html)  # only as escaped text


def test_answer_body_markdown_subset():
    html = render.answer_body_html("Theo các tài liệu:\n\n- “Một” [1] — *Đồng Nai*\n- **Hai** [2]")
    assert html.startswith("<p>Theo các tài liệu:</p><ul><li>")
    assert '<sup class="cite-n">[1]</sup>' in html and "<i>Đồng Nai</i>" in html and "<b>Hai</b>" in html
    assert "\n" not in html


def test_context_window_stays_in_paragraph_and_cuts_at_words():
    para = " ".join(f"từ{i}" for i in range(200))
    text = "Đoạn trước.\n\n" + para + "\n\nĐoạn sau."
    quote = "từ100 từ101"
    s = text.index(quote)
    before, q, after, cut_b, cut_a = render.context_window(text, s, s + len(quote), width=60)
    assert q == quote and cut_b and cut_a
    assert "Đoạn trước" not in before and "Đoạn sau" not in after
    assert 40 <= len(before) <= 61 and before.startswith("từ") and after.endswith(tuple("0123456789"))
    b2, _, a2, cb2, ca2 = render.context_window("Ngắn. Câu trích. Hết.", 6, 16)
    assert (b2, a2, cb2, ca2) == ("Ngắn. ", " Hết.", False, False)


def test_citation_card_fields_and_highlight():
    text = "Mở đầu.\n\nNgày 9/7/2014, tỉnh Đăk Nông chủ động hội nhập quốc tế sâu rộng.\n\nCuối."
    c = _cite(text, "chủ động hội nhập quốc tế")
    card = render.citation_card(c, text, LABELS, "0.1")
    assert "<b>[1]</b> Tiêu đề" in card and "Đồng Nai" in card and "2014-07-09" in card and "corpus/a.txt" not in card
    assert "Ngày 9/7/2014, tỉnh Đăk Nông <mark>chủ động hội nhập quốc tế</mark> sâu rộng." in card
    assert "Mở đầu" not in card and "ck-0-1" in card and LABELS["open_hint"] in card
    # stale offsets (document changed): the quote alone, still escaped
    bad = render.citation_card({**c, "quote": "<x>"}, text, LABELS)
    assert "<mark>&lt;x&gt;</mark>" in bad
    untitled = render.citation_card({**c, "title": ""}, text, LABELS)  # no title: the file name, never its folders
    assert "<b>[1]</b> a.txt" in untitled and "corpus/" not in untitled


def test_document_view_marks_quote_with_id():
    c = _cite(EVIL, "<script>alert('x')</script>")
    html = render.document_html("Tài liệu", EVIL, c["start"], c["end"])
    assert f'<mark id="{render.QUOTE_MARK_ID}">&lt;script&gt;' in html and "overflow:auto" in html
    assert "<mark" not in render.document_html("T", EVIL, 5, 2)  # bad offsets: no mark
    assert render.QUOTE_MARK_ID in render.SCROLL_JS and "scrollTop" in render.SCROLL_JS


def test_conversation_markdown_has_questions_answers_and_citations():
    text = "Chỉ thị 38-CT/TW về đoàn ra."
    turns = [{"question": "Đoàn ra?", "answer": "- “Chỉ thị 38-CT/TW” [1]", "citations": [_cite(text, "Chỉ thị 38-CT/TW")]},
             {"question": "Câu hai", "answer": "Không có.", "citations": []}]
    md = render.conversation_markdown(turns, LABELS)
    assert md.startswith("# " + LABELS["export_title"])
    assert "## 1. Đoàn ra?" in md and "## 2. Câu hai" in md
    assert "[1] Tiêu đề (Đồng Nai, 2014-07-09) — `corpus/a.txt` 0–16" in md and "    > Chỉ thị 38-CT/TW" in md


def test_strings_exist_in_both_languages():
    from ui.i18n import strings as s
    assert set(s("vi")) == set(s("en")) and set(s("vi")["card"]) == set(s("en")["card"])
    assert t("en", "send") == "Send" and t("vi", "send") == "Gửi" and t("xx", "send") == "Gửi"
    assert len(tl("en", "examples")) >= 3


# ---- the page's handlers, driven directly on real containers (no browser)
def _handler(demo, name):
    return next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == name)


def test_chat_handler_streams_escapes_and_records_turn(evil_container):
    from ui.page import build_page

    ask = _handler(build_page(evil_container), "ask")
    source = evil_container.library.documents()[0].source
    outs = list(ask("Chỉ thị 38-CT/TW <script> về gì?", [], [source], [], "2014", "", "Tiếng Việt"))
    assert render.plain_html(t("vi", "thinking")) == outs[0][0][-1]["content"]  # at once: "searching..."
    history, box, turns, dd = outs[-1]
    assert outs[0][1] == "" and box == {"__type__": "update"}  # the box is cleared once, when the question is taken
    assert len(turns) == 1 and len(history) == 2
    assert history[0]["content"] == render.plain_html("Chỉ thị 38-CT/TW <script> về gì?")
    html = history[1]["content"]
    assert "cite-card" in html and "38-CT/TW" in html and "&lt;script&gt;" in html and "<script" not in html
    assert "<img" not in html and dd["choices"] and dd["choices"][0][1] == "0.1"
    assert turns[0]["citations"][0]["doc_id"] and turns[0]["asked_as"]


def test_chat_handler_turns_our_errors_into_a_message(tmp_path, evil_container):
    from tests.ui.conftest import small_container
    from ui.page import build_page

    empty = small_container(tmp_path / "empty", docs={})  # nothing indexed: the service raises IndexMissing
    *_, (history, _, turns, _) = _handler(build_page(empty), "ask")("ok", [], [], [], "", "", "English")
    assert turns[0]["error"] and "Sorry" in history[-1]["content"] and "Traceback" not in history[-1]["content"]
    ask = _handler(build_page(evil_container), "ask")
    *_, (history, _, turns, _) = ask("ok", [], [], [], "not a date", "", "English")
    assert turns[0]["error"] and "Not a date" in history[-1]["content"] and "not a date" in history[-1]["content"]


@pytest.mark.parametrize("value,expect", [("", None), ("2014-07-09", "2014-07-09"), ("2014", "2014-01-01")])
def test_make_filters_dates(value, expect):
    from ui.chat import make_filters
    f = make_filters([], [], value, "")
    assert (f.date_from if f else None) == expect


def test_finder_handlers_on_the_corpus_and_without_an_index(fast_container, monkeypatch):
    from ui.finder import RELEVANCE
    from ui.page import build_page

    demo = build_page(fast_container)
    search, show = _handler(demo, "search"), _handler(demo, "show")
    note, frame, keys, plot, pick = search("272", "", RELEVANCE, True, "English")
    assert list(frame.columns) == tl("en", "finder_cols") and frame.iloc[0, 0] == "272-QĐ/TW"
    assert frame.iloc[0, 2] == "Bộ Chính trị (Politburo)" and keys[0] == "272-QĐ/TW" and len(plot) >= 1
    detail = show("272-QĐ/TW", "Tiếng Việt")
    assert "Bộ Chính trị" in detail and f"({frame.iloc[0, 5]})" in detail  # the table's count is the detail's
    assert "33-KL/TW tiếp tục thực hiện 272-QĐ/TW" in detail and ".txt" not in detail and show("nope", "English") == ""
    _, by_type, *_ = search("", "Nghị quyết", 0, False, "Tiếng Việt")
    assert set(by_type.iloc[:, 1]) == {"Nghị quyết"} and "31/NQ-CP" in set(by_type.iloc[:, 0])
    assert list(by_type.iloc[:, 0]) == sorted(by_type.iloc[:, 0], key=str.casefold)

    def fail(*a, **k):
        raise RuntimeError("regulation index unavailable")
    monkeypatch.setattr(fast_container.regulations, "search", fail)  # the index failing to load: a note, no crash
    monkeypatch.setattr(fast_container.regulations, "quiz", fail)
    note, frame, keys, plot, pick = search("", "", 0, False, "English")
    assert note == t("en", "finder_missing") and keys == []
    begin = _handler(demo, "begin")
    assert t("en", "quiz_no_index") in begin("", "mixed", 3, 1, 30, "", "English")[2]


def test_library_handlers_need_the_password(evil_container, tmp_path):
    from ui.page import build_page

    demo = build_page(evil_container)
    upload, delete = _handler(demo, "upload"), _handler(demo, "delete")
    f = tmp_path / "note.txt"
    f.write_text("Ghi chú về hợp tác với tỉnh Champasak năm 2019.", encoding="utf-8")
    before = len(evil_container.library.documents())
    msg, *_ = upload([str(f)], "wrong", "English", progress=lambda *a, **k: None)
    assert msg == t("en", "lib_bad_password") and len(evil_container.library.documents()) == before
    msg, frame, pick, *_ = upload([str(f)], "s3cret", "Tiếng Việt", progress=lambda *a, **k: None)
    assert "note.txt" in msg and "Đã thêm 1" in msg and "added" not in msg  # the summary in the page's language
    assert len(evil_container.library.documents()) == before + 1
    doc_id = next(r.doc_id for r in evil_container.library.documents() if r.source.endswith("note.txt"))
    assert delete(doc_id, "nope", "English")[0] == t("en", "lib_bad_password")
    msg = delete(doc_id, "s3cret", "English")[0]
    assert msg.startswith(t("en", "lib_deleted", source="")) and len(evil_container.library.documents()) == before
