"""The page on a phone, 390 px wide (see conftest.live_app): a header that wraps by words, every tab reachable, and
a chat whose answers and citations fit the screen and can be read."""
from __future__ import annotations

import pytest

from tests.ui.conftest import open_page
from tests.ui.test_browser import DOCS, ask

pytestmark = pytest.mark.slow
WIDTH = 390
TABS = ["Hỏi đáp", "Tra cứu văn bản", "Thư viện", "Hội thảo"]


@pytest.fixture
def phone(browser, live_app):
    pg = open_page(browser, live_app["url"], viewport={"width": WIDTH, "height": 844}, device_scale_factor=2,
                   is_mobile=True, has_touch=True)
    yield pg
    assert pg.dialogs == []
    pg.context.close()


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def fits(page) -> bool:
    """Nothing wider than the screen: the page never scrolls sideways."""
    return page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH + 1


def test_header_tabs_chat_and_citations_at_390_px(phone):
    title = box(phone, "#title-md h2")
    line = float(phone.evaluate("parseFloat(getComputedStyle(document.querySelector('#title-md h2')).lineHeight)"))
    assert title["width"] > WIDTH * 0.6 and title["height"] <= 3 * line + 2, title  # words wrap, never letters
    assert box(phone, "#lang")["y"] >= title["y"] and phone.locator("#lang label", has_text="English").is_visible()
    assert fits(phone)
    for name in TABS:  # every tab on screen: none hidden behind "…"
        tab = phone.get_by_role("tab", name=name)
        b = tab.bounding_box()
        assert tab.is_visible() and b["x"] >= 0 and b["x"] + b["width"] <= WIDTH, (name, b)
    assert not phone.locator("button[aria-label='More tabs']").is_visible()
    for name in TABS[1:] + TABS[:1]:
        phone.get_by_role("tab", name=name).tap()
        phone.wait_for_function("n => document.querySelector('[role=tab][aria-selected=true]').innerText === n", arg=name)
        assert fits(phone), name
    answer = ask(phone, "Chỉ thị nào quy định về quản lý đoàn đi công tác nước ngoài?", 1)
    assert "38-CT/TW" in answer
    card = phone.locator("#chat .cite-card").first
    card.scroll_into_view_if_needed()
    b = card.bounding_box()
    assert b["x"] >= 0 and b["x"] + b["width"] <= WIDTH and fits(phone)
    size = float(phone.evaluate("parseFloat(getComputedStyle(document.querySelector('#chat .cite-para')).fontSize)"))
    assert size >= 13, size  # readable without zooming
    chat = box(phone, "#chat")
    assert chat["width"] >= WIDTH * 0.85 and chat["height"] >= 400
    phone.evaluate("window.scrollTo(0, 0)")
    phone.screenshot(path=str(DOCS / "screenshot_phone.png"), full_page=False)
