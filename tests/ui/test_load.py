"""A small load test through the page's API: 6 gradio_client users x 2 questions at once on the real page over the
session's corpus index (tests/conftest.corpus_container). Every request must come back with a cited answer and the
page's own error message never. (benchmarks/load.py measures the same path at scale.)"""
from __future__ import annotations

import threading

import pytest

from tests.conftest import free_port
from ui.i18n import t

QUESTIONS = ["Which directives govern outbound delegations?",
             "nghi quyet 31/NQ-CP cua chinh phu ban hanh ngay nao",
             "Cơ quan nào ban hành Quy định 272-QĐ/TW?",
             "Tỉnh Đăk Nông chủ động hội nhập quốc tế như thế nào?"]
USERS = 6  # more than the page answers at once (settings.concurrency = 4): the queue holds the rest


def text_of(content) -> str:
    """A chat message's text: a string, or Gradio 6's list of {"type": "text", "text": ...} parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("value") or "")
    return "".join(text_of(c) for c in content) if isinstance(content, (list, tuple)) else ""


@pytest.fixture(scope="module")
def page_url(corpus_container):
    from ui.page import launch

    port = free_port()
    demo = launch(corpus_container, server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


@pytest.mark.slow
def test_concurrent_users_every_request_answered_with_a_citation(page_url):
    from gradio_client import Client

    api = Client(page_url, verbose=False, analytics_enabled=False).view_api(print_info=False, return_format="dict")
    assert "/ask" in api["named_endpoints"] and not {"/search", "/begin", "/reopen", "/keep"} & set(api["named_endpoints"])
    failures = [t(lang, key).split("{")[0].strip() for lang in ("vi", "en") for key in ("error_rag", "error_other")]
    records, lock = [], threading.Lock()

    def user(k: int) -> None:
        client = Client(page_url, verbose=False, analytics_enabled=False, download_files=False)
        try:
            for j in range(2):
                client.reset_session()  # a fresh conversation each time
                q = QUESTIONS[(k + j) % len(QUESTIONS)]
                chat, box, _ = client.predict(q, [], [], "", "", "Tiếng Việt", api_name="/ask")
                with lock:
                    records.append((q, text_of(chat[-1]["content"]) if chat and chat[-1].get("role") == "assistant" else ""))
        finally:
            client.close()

    threads = [threading.Thread(target=user, args=(k,)) for k in range(USERS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(240)
    assert not any(th.is_alive() for th in threads), "a user is still waiting for an answer"
    assert len(records) == 2 * USERS, records
    bad = [(q, a[:200]) for q, a in records
           if 'class="answer"' not in a or "cite-card" not in a or any(f in a for f in failures)]
    assert not bad, bad
