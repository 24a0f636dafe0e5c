"""The HTTP API on the page's own server: /api/ask and the OpenAI-compatible /v1/chat/completions, through the real
`openai` client and httpx; off without a key, 401 without credentials, 429 while throttled."""
from __future__ import annotations

import httpx
import openai
import pytest

from tests.ui.office import basic, from_address, serve_office

pytestmark = pytest.mark.slow
Q1, Q2 = "Kon Tum tiếp giáp với những nước nào?", "còn An Giang thì sao?"


@pytest.fixture(scope="module")
def keyed(fast_container, tmp_path_factory):
    office = serve_office(fast_container.settings.data_dir, tmp_path_factory.mktemp("api-key"), api_key="shared-test-key")
    yield office
    office.close()


@pytest.fixture(scope="module")
def accounts(fast_container, tmp_path_factory):
    office = serve_office(fast_container.settings.data_dir, tmp_path_factory.mktemp("api-accounts"),
                          {"lan": "admin", "minh": "reader"}, api_key="ignored-with-accounts")
    office.key = office.container.access.accounts.issue_api_key("minh")
    yield office
    office.close()


def client(office, key: str, **headers) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{office.url}/v1", api_key=key, max_retries=0, timeout=60, default_headers=headers or None)


def test_openai_client_holds_a_two_turn_conversation(keyed):
    ai = client(keyed, "shared-test-key")
    assert [m.id for m in ai.models.list()] == ["vnrag"]
    messages = [{"role": "user", "content": Q1}]
    first = ai.chat.completions.create(model="vnrag", messages=messages)
    content = first.choices[0].message.content
    extra = first.model_extra
    assert "Lào" in content and "[1]" in content and first.choices[0].finish_reason == "stop"
    assert extra["asked_as"] == Q1 and extra["abstained"] is False
    assert extra["citations"][0]["n"] == 1 and extra["citations"][0]["quote"] in keyed.container.library.text(
        next(r.doc_id for r in keyed.container.store.documents() if r.source == extra["citations"][0]["source"]))
    messages += [{"role": "assistant", "content": content}, {"role": "user", "content": Q2}]
    second = ai.chat.completions.create(model="vnrag", messages=messages)
    asked = second.model_extra["asked_as"]
    assert asked != Q2 and "An Giang" in asked  # the earlier question reached the service as history
    assert asked == keyed.container.answers.ask(Q2, None, [Q1]).asked_as
    assert second.choices[0].message.content == keyed.container.answers.ask(Q2, None, [Q1]).answer


def test_streaming_gives_the_same_answer_and_its_citations_last(keyed):
    ai = client(keyed, "shared-test-key")
    whole = ai.chat.completions.create(model="vnrag", messages=[{"role": "user", "content": Q1}])
    chunks = list(ai.chat.completions.create(model="vnrag", messages=[{"role": "user", "content": Q1}], stream=True))
    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == whole.choices[0].message.content
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"] == whole.model_extra["citations"]


def test_without_the_key_requests_are_refused(keyed):
    for key in ("wrong-key", "shared-test-kez"):  # (the openai client itself refuses to send no key at all)
        with pytest.raises(openai.AuthenticationError):
            client(keyed, key, **from_address("198.51.100.1")).chat.completions.create(
                model="vnrag", messages=[{"role": "user", "content": Q1}])
    r = httpx.post(f"{keyed.url}/api/ask", json={"question": Q1})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_api_ask_returns_the_json_contract(keyed):
    headers = {"Authorization": "Bearer shared-test-key"}
    r = httpx.post(f"{keyed.url}/api/ask", json={"question": Q2, "history": [Q1]}, headers=headers, timeout=60)
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"question", "answer", "abstained", "citations", "retrieved", "asked_as", "timings_ms", "mode"}
    assert body["question"] == Q2 and "An Giang" in body["asked_as"]
    only = httpx.post(f"{keyed.url}/api/ask", json={"question": "Lào", "filters": {"localities": ["Kon Tum"]}},
                      headers=headers, timeout=60).json()
    assert {h["source"] for h in only["retrieved"]} <= {r.source for r in keyed.container.store.documents()
                                                       if r.meta.locality == "Kon Tum"}
    bad = httpx.post(f"{keyed.url}/api/ask", json={"question": Q1, "filters": {"date_from": "last year"}}, headers=headers)
    assert bad.status_code == 400 and "last year" in bad.json()["error"]["message"]
    assert httpx.post(f"{keyed.url}/api/ask", json={"history": []}, headers=headers).status_code == 422


def test_wrong_keys_are_throttled_per_address(keyed):
    address = from_address("203.0.113.50")
    for _ in range(5):
        r = httpx.post(f"{keyed.url}/api/ask", json={"question": Q1}, headers={"Authorization": "Bearer nope", **address})
        assert r.status_code == 401
    r = httpx.post(f"{keyed.url}/api/ask", json={"question": Q1}, headers={"Authorization": "Bearer shared-test-key", **address})
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1 and "wait" in r.json()["error"]["message"]
    with pytest.raises(openai.RateLimitError):
        client(keyed, "shared-test-key", **address).chat.completions.create(model="vnrag", messages=[{"role": "user", "content": Q1}])
    ok = httpx.post(f"{keyed.url}/api/ask", json={"question": Q1}, headers={"Authorization": "Bearer shared-test-key",
                                                                             **from_address("203.0.113.51")}, timeout=60)
    assert ok.status_code == 200  # other addresses are not held back


def test_with_accounts_each_account_uses_its_own_credentials(accounts):
    r = httpx.post(f"{accounts.url}/api/ask", json={"question": Q1}, headers=basic("lan"), timeout=60)
    assert r.status_code == 200 and not r.json()["abstained"]
    ai = client(accounts, accounts.key)
    assert "Lào" in ai.chat.completions.create(model="vnrag", messages=[{"role": "user", "content": Q1}]).choices[0].message.content
    for headers in (basic("lan", "wrong"), {"Authorization": "Bearer ignored-with-accounts"}, {}):
        r = httpx.post(f"{accounts.url}/api/ask", json={"question": Q1}, headers={**headers, **from_address("198.51.100.7")})
        assert r.status_code == 401 and "Basic" in r.headers["www-authenticate"]


def test_the_api_is_off_without_a_key_or_accounts(fast_container, tmp_path):
    office = serve_office(fast_container.settings.data_dir, tmp_path)
    try:
        r = httpx.post(f"{office.url}/api/ask", json={"question": Q1}, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 404 and "RAG_API_KEY" in r.json()["error"]["message"]
        assert httpx.post(f"{office.url}/v1/chat/completions", json={"messages": [{"role": "user", "content": Q1}]}).status_code == 404
    finally:
        office.close()
