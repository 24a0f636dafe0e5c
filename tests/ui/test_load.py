"""A small load test through the page's API: 4 gradio_client users x 2 questions at once on the real page over the
session's corpus index (tests/conftest.corpus_container). Every request must come back with a cited answer."""
from __future__ import annotations

import threading

import pytest

from benchmarks.load import ask_once, error_prefixes
from tests.conftest import free_port

QUESTIONS = ["Which directives govern outbound delegations?",
             "nghi quyet 31/NQ-CP cua chinh phu ban hanh ngay nao",
             "Cơ quan nào ban hành Quy định 272-QĐ/TW?",
             "Tỉnh Đăk Nông chủ động hội nhập quốc tế như thế nào?"]


@pytest.fixture(scope="module")
def page_url(corpus_container):
    from ui.page import launch

    port = free_port()
    demo = launch(corpus_container, server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/", demo
    demo.close()


def test_four_concurrent_users_every_request_answered_with_a_citation(page_url):
    from gradio_client import Client

    url, demo = page_url
    assert demo._queue.max_size >= 16 * 4  # the queue turns nobody away: 16 users, each page load queuing 4 events
    assert "/ask" in Client(url, verbose=False, analytics_enabled=False).view_api(print_info=False, return_format="dict")[
        "named_endpoints"]
    records, prefixes = [], error_prefixes()

    def user(k: int) -> None:
        client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
        try:
            for j in range(2):
                q = QUESTIONS[(k + j) % len(QUESTIONS)]
                records.append((q, ask_once(client, {"id": f"{k}.{j}", "question": q}, 60, prefixes)))
        finally:
            client.close()

    threads = [threading.Thread(target=user, args=(k,)) for k in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(150)
    assert not any(th.is_alive() for th in threads), "a user is still waiting for an answer"
    assert len(records) == 8, records
    bad = [(q, r.get("error")) for q, r in records if r["status"] != "answered" or not r.get("cited")]
    assert not bad, bad
