"""Accounts and roles on a served page, called the way a script would: every admin endpoint of the Library refuses
readers and strangers on the server, whatever the page shows; uploads and deletes land in the audit trail; wrong
passwords wait longer and longer (measured)."""
from __future__ import annotations

import hashlib
import math
import time

import httpx
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AuthenticationError

from tests.ui.office import basic, from_address, serve_office
from ui.i18n import t
from ui.uploads import ADMIN_ENDPOINTS

pytestmark = pytest.mark.slow
VI = "Tiếng Việt"


@pytest.fixture(scope="module")
def office(fast_container, tmp_path_factory):
    o = serve_office(fast_container.settings.data_dir, tmp_path_factory.mktemp("office"),
                     {"lan": "admin", "minh": "reader", "hoa": "reader", "target": "reader"},
                     throttle_base_seconds=0.02, throttle_max_seconds=0.32)
    o.reader_key = o.container.access.accounts.issue_api_key("minh")
    yield o
    o.close()


def call(client: Client, endpoint: str, upload_file=None):
    """Each admin endpoint with the arguments the page would send; returns the status message."""
    if endpoint == "library_upload":
        return client.predict([handle_file(str(upload_file))], "", VI, api_name="/library_upload")[0]
    if endpoint == "library_delete":
        return client.predict("0123456789abcdef", "", VI, api_name="/library_delete")[0]
    return client.predict("", VI, api_name="/library_audit")[0]


def test_every_admin_endpoint_checks_the_role_on_the_server(office, tmp_path):
    doc = tmp_path / "bien_ban.txt"
    doc.write_text("Biên bản hội đàm\n\nTỉnh Lâm Đồng ký biên bản hợp tác về cà phê Arabica với tỉnh Champasak năm 2025.",
                   encoding="utf-8")
    docs_before = {r.doc_id for r in office.container.store.documents()}
    with pytest.raises(AuthenticationError):
        Client(office.url + "/", verbose=False)  # a stranger gets nothing, not even the API's description
    for endpoint in ADMIN_ENDPOINTS:
        r = httpx.post(f"{office.url}/gradio_api/call/{endpoint}", json={"data": ["", "", VI]})
        assert r.status_code == 401, endpoint
    for name, headers in (("basic", basic("minh")), ("bearer", {"Authorization": f"Bearer {office.reader_key}"})):
        reader = Client(office.url + "/", headers={**headers, **from_address(f"192.0.2.{len(name)}")}, verbose=False)
        assert {f"/{e}" for e in ADMIN_ENDPOINTS} <= set(reader.view_api(return_format="dict")["named_endpoints"])
        for endpoint in ADMIN_ENDPOINTS:
            message = call(reader, endpoint, doc)
            assert message in (t("vi", "lib_denied"), ) or "Hãy đợi" in message, (endpoint, message)
    assert {r.doc_id for r in office.container.store.documents()} == docs_before
    assert not (office.container.settings.data_dir / "uploads" / doc.name).exists()
    denied = [e for e in office.container.audit.entries() if e.outcome in ("denied", "throttled")]
    assert {e.who for e in denied} == {"minh"} and {e.action for e in denied} == {"upload", "delete", "audit.read"}

    admin = Client(office.url + "/", auth=("lan", "lan-password"), verbose=False)  # through the login form
    assert "Đã lưu: bien_ban.txt" in call(admin, "library_upload", doc)
    added = next(r for r in office.container.store.documents() if r.source.endswith("bien_ban.txt"))
    upload = next(e for e in reversed(list(office.container.audit.entries())) if e.action == "upload")
    assert (upload.who, upload.outcome, upload.doc_id) == ("lan", "added", added.doc_id)
    assert upload.file.endswith("uploads/bien_ban.txt") and upload.address == "127.0.0.1"
    assert upload.content_hash == hashlib.sha256(doc.read_bytes()).hexdigest()
    trail = call(admin, "library_audit")
    assert trail == ""
    message = admin.predict(added.doc_id, "", VI, api_name="/library_delete")[0]
    assert message == t("vi", "lib_deleted", source=added.source)
    delete = next(e for e in reversed(list(office.container.audit.entries())) if e.action == "delete")
    assert (delete.who, delete.outcome, delete.doc_id, delete.file, delete.content_hash) == (
        "lan", "ok", added.doc_id, added.source, upload.content_hash)
    assert ("lan", "login", "ok") in [(e.who, e.action, e.outcome) for e in office.container.audit.entries()]


def test_the_page_itself_asks_for_a_login(office):
    page = httpx.get(office.url + "/", headers={"accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/"
    form = httpx.get(office.url + "/login")
    assert 'id="login-form"' in form.text and t("vi", "login_submit") in form.text
    with httpx.Client(base_url=office.url) as browser:
        bad = browser.post("/login", data={"username": "hoa", "password": "nope", "next": "/"},
                           headers={"accept": "text/html", **from_address("192.0.2.200")})
        assert bad.status_code == 401 and t("vi", "login_bad") in bad.text
        ok = browser.post("/login", data={"username": "hoa", "password": "hoa-password", "next": "//evil.example/"},
                          headers={"accept": "text/html", **from_address("192.0.2.200")})
        assert ok.status_code == 303 and ok.headers["location"] == "/"  # never sent to another site
        assert browser.get("/", headers={"accept": "text/html"}).status_code == 200
        assert browser.get("/config").status_code == 200
        browser.get("/logout")
        assert browser.get("/config").status_code == 401


def test_sixty_wrong_logins_wait_longer_and_longer(office):
    """60 wrong passwords for one account, each sent as soon as the server accepts another try (the script polls
    every 10 ms). Policy here: 5 free, then 0.02 s doubling to 0.32 s (the default is 1 s doubling to 15 min)."""
    policy = office.container.access.throttle.policy
    headers = {"accept": "application/json", **from_address("203.0.113.60")}
    checked, refused, start = [], 0, time.monotonic()
    with httpx.Client(base_url=office.url) as script:
        while len(checked) < 60:
            r = script.post("/login", data={"username": "target", "password": f"guess-{len(checked)}"}, headers=headers)
            if r.status_code == 429:
                refused += 1
                assert "đợi" in r.json()["detail"] and int(r.headers["retry-after"]) >= 1
                time.sleep(0.01)
                continue
            assert r.status_code == 401
            checked.append(time.monotonic() - start)
    total = checked[-1]
    gaps = [b - a for a, b in zip(checked, checked[1:])]
    print(f"\n60 wrong logins took {total:.2f} s; gaps after each failure: " + ", ".join(f"{g:.3f}" for g in gaps[:12]) + " ...")
    waits = [policy.delay(n) for n in range(1, 60)]
    # no password was checked before the waits imposed so far were over (50 ms: the delivery of two responses)
    early = [(k, round(checked[k] - checked[0], 3), sum(waits[:k])) for k in range(1, 60)
             if checked[k] - checked[0] < sum(waits[:k]) - 0.05]
    assert not early, early
    assert gaps[8] > 3 * gaps[4]  # it grows: 0.02 -> 0.32 s (plus a login's own tens of ms)
    assert total >= sum(waits) and refused > 50
    assert office.container.access.login("target", "target-password", "203.0.113.61").status == 429  # the account waits


def test_the_one_admin_password_is_throttled_too(fast_container, tmp_path):
    """The report: a script called /delete with 60 wrong passwords in 7.7 s. Now (default policy) it is told to wait
    after five, and only the attempts made after each wait reach the password check."""
    office = serve_office(fast_container.settings.data_dir, tmp_path, admin_password="the-one-password")
    try:
        script = Client(office.url + "/", verbose=False)
        start, answers = time.monotonic(), []
        for i in range(60):
            answers.append(script.predict("0123456789abcdef", f"guess-{i}", VI, api_name="/library_delete")[0])
        elapsed = time.monotonic() - start
        wrong = [a for a in answers if a.startswith(t("vi", "lib_bad_password"))]
        waits = [a for a in answers if a.startswith("Quá nhiều lần thử sai. Hãy đợi")]
        print(f"\n60 wrong admin passwords in {elapsed:.1f} s: {len(wrong)} checked, {len(waits)} told to wait")
        # five free, then one check after each wait of 1, 2, 4 ... s: at most log2(elapsed + 1) more in `elapsed` s
        assert 5 <= len(wrong) <= 6 + math.log2(elapsed + 1) and len(wrong) + len(waits) == 60
        assert "Hãy đợi" in script.predict("0123456789abcdef", "the-one-password", VI, api_name="/library_delete")[0]
        failed = [e for e in office.container.audit.entries() if e.action == "delete"]
        assert {e.outcome for e in failed} == {"failed", "throttled"} and len(failed) == 61 and failed[0].who == "admin"
    finally:
        office.close()


def test_in_the_browser_readers_ask_and_admins_also_manage_the_library(office, browser):
    def login(name):
        context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="vi-VN",
                                      extra_http_headers=from_address(f"192.0.2.{80 + len(name)}"))
        page = context.new_page()
        page.goto(office.url + "/")
        page.wait_for_selector("#login-form", timeout=30000)
        page.fill("#username", name)
        page.fill("#password", f"{name}-password")
        page.click("#login-submit")
        page.wait_for_selector("#ask textarea", timeout=30000)
        page.wait_for_function("n => document.querySelector('#who').innerText.includes(n)", arg=name, timeout=15000)
        return context, page

    context, reader = login("hoa")
    try:
        assert "người đọc" in reader.inner_text("#who")
        tabs = reader.get_by_role("tab").all_inner_texts()
        assert "Hỏi đáp" in tabs and "Tra cứu văn bản" in tabs and "Hội thảo" in tabs and "Thư viện" not in tabs
    finally:
        context.close()
    context, admin = login("lan")
    try:
        assert "quản trị" in admin.inner_text("#who")
        admin.get_by_role("tab", name="Thư viện").click()
        admin.wait_for_function("() => document.querySelector('#lib-note').innerText.includes('quyền quản trị')", timeout=15000)
        assert not admin.locator("#admin-pw").is_visible()  # the login decides, no password to type
        admin.locator("#lib-audit-box").click()
        admin.locator("#lib-audit [role=gridcell]", has_text="login").first.wait_for(timeout=15000)
        admin.click("#logout")
        admin.wait_for_selector("#login-form", timeout=15000)
    finally:
        context.close()
