"""The page over a real Chroma server that goes away mid-session: a clear message in the chat, never a traceback,
and answers again once the server is back (same data folder, same page, no restart)."""
from __future__ import annotations

import pytest

from core.di import Container
from core.settings import Settings
from tests.conftest import CORPUS, free_port, start_chroma_server
from tests.ui.test_browser import ask

QUESTION = "An Giang ký biên bản ghi nhớ với tỉnh nào của Lào?"


@pytest.mark.slow
def test_chroma_server_outage_is_a_message_and_the_page_recovers(browser, tmp_path, embedding_cache):
    from ui.page import launch

    store_dir, port = tmp_path / "chroma-server", free_port()
    server = start_chroma_server(store_dir, port)
    settings = Settings(data_dir=tmp_path / "app", embedding_cache=embedding_cache, chroma_host="127.0.0.1",
                        chroma_port=port, port=free_port())
    container = Container(settings)
    container.ingestor().run([CORPUS / "002_2dc6bf13558371b9.txt"])
    demo = launch(container, prevent_thread_lock=True, quiet=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{settings.port}/")
        page.wait_for_selector("#ask textarea", timeout=30000)
        assert "Champasak" in ask(page, QUESTION, 1)
        server.kill()
        server.wait()
        down = ask(page, QUESTION, 2)
        assert "không thể trả lời lúc này" in down and "did not answer" in down
        assert "Traceback" not in page.inner_text("body")
        server = start_chroma_server(store_dir, port)
        assert "Champasak" in ask(page, QUESTION, 3)
        assert page.locator("#chat .answer").nth(2).locator(".cite-card").count() >= 1
    finally:
        context.close()
        demo.close()
        server.kill()
