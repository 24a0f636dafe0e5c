"""access.gate: logins, Basic and Bearer, admin actions in each mode, throttling, audit entries, client address."""
from __future__ import annotations

import base64
from pathlib import Path

from access.audit import AuditLog
from access.gate import Access, Principal, is_loopback
from access.throttle import Throttle, ThrottlePolicy
from access.accounts import AccountStore
from core.settings import Settings


class Clock:
    now = 0.0

    def __call__(self):
        return self.now


def make(tmp_path: Path, accounts: dict | None = None, **kw) -> tuple[Access, Clock]:
    settings = Settings(data_dir=tmp_path, **kw)
    store = AccountStore(settings.accounts_path)
    for name, role in (accounts or {}).items():
        store.add(name, role, f"{name}-password")
    clock = Clock()
    return Access(settings, store, Throttle(ThrottlePolicy.from_settings(settings), clock), AuditLog(settings.audit_path)), clock


def basic(name: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()


def outcomes(access: Access) -> list[tuple[str, str, str]]:
    return [(e.who, e.action, e.outcome) for e in access.audit.entries()]


def test_modes(tmp_path):
    off, _ = make(tmp_path / "a")
    assert (off.accounts_on, off.api_on, off.library_mode) == (False, False, "off")
    pw, _ = make(tmp_path / "b", admin_password="one-person", api_key="k")
    assert (pw.accounts_on, pw.api_on, pw.library_mode) == (False, True, "password")
    acc, _ = make(tmp_path / "c", {"lan": "admin"})
    assert (acc.accounts_on, acc.api_on, acc.library_mode) == (True, True, "accounts")


def test_login_throttled_after_five_failures_and_audited(tmp_path):
    access, clock = make(tmp_path, {"lan": "admin", "minh": "reader"})
    assert access.login("minh", "minh-password", "10.0.0.2").principal == Principal("minh", "reader")
    for i in range(4):
        v = access.login("lan", f"guess{i}", "10.0.0.9")
        assert v.status == 401 and v.retry_after == 0
    v = access.login("lan", "guess4", "10.0.0.9")
    assert v.status == 401 and v.retry_after == 1 and "wait 1 s" in v.message  # the fifth failure starts the wait
    refused = access.login("lan", "lan-password", "10.0.0.9")  # even the right password waits
    assert refused.status == 429 and refused.retry_after == 1 and "wait 1 s" in refused.message
    assert access.login("lan", "lan-password", "10.0.0.3").status == 429  # the account waits from any address
    clock.now += 1.0
    assert access.login("lan", "lan-password", "10.0.0.9").ok
    assert access.login("minh", "bad", "10.0.0.9").retry_after == 2  # the address still counts its failures
    log = outcomes(access)
    assert log[0] == ("minh", "login", "ok") and log.count(("lan", "login", "failed")) == 5
    assert log.count(("lan", "login", "throttled")) == 2 and ("lan", "login", "ok") in log
    assert access.throttle.failures("account:lan") == 0 and access.throttle.failures("address:10.0.0.9") == 6


def test_unknown_names_cost_the_same_check(tmp_path):
    access, _ = make(tmp_path, {"lan": "admin"})
    assert access.login("nobody", "x", "1.1.1.1").status == 401
    assert access.login("", "", "1.1.1.2").status == 401


def test_basic_and_bearer_with_accounts(tmp_path):
    access, _ = make(tmp_path, {"lan": "admin", "minh": "reader"}, api_key="shared")
    key = access.accounts.issue_api_key("minh")
    assert access.authorization(basic("lan", "lan-password"), "a").principal.is_admin
    assert access.authorization(f"Bearer {key}", "a").principal == Principal("minh", "reader")
    assert access.authorization("Bearer shared", "b").status == 401  # with accounts, the shared key is not one
    assert access.authorization(basic("lan", "nope"), "c").status == 401
    assert access.authorization("Basic !!!", "c").status == 401
    none = access.authorization(None, "d")
    assert none.status == 401 and "HTTP Basic" in none.message
    assert ("?", "api.auth", "failed") in outcomes(access) and ("lan", "api.auth", "failed") in outcomes(access)


def test_shared_key_without_accounts(tmp_path):
    access, _ = make(tmp_path, api_key="shared-key")
    assert access.authorization("Bearer shared-key", "a").ok
    assert access.authorization("Bearer shared-kez", "a").status == 401
    assert access.authorization(basic("admin", "x"), "a").status == 401  # no accounts: Basic means nothing
    for _ in range(5):
        access.authorization("Bearer bad", "z")
    assert access.authorization("Bearer shared-key", "z").status == 429


def test_admin_actions_in_each_mode(tmp_path):
    off, _ = make(tmp_path / "off")
    assert off.admin(None, "anything", "a", "delete").status == 403
    pw, clock = make(tmp_path / "pw", admin_password="s3cret-pass")
    assert pw.admin(None, "s3cret-pass", "a", "delete").principal == Principal("admin", "admin")
    for _ in range(5):
        assert pw.admin(None, "wrong", "b", "delete").status == 401
    assert pw.admin(None, "s3cret-pass", "b", "delete").status == 429
    assert ("admin", "delete", "failed") in outcomes(pw)
    acc, _ = make(tmp_path / "acc", {"lan": "admin", "minh": "reader"})
    assert acc.admin(Principal("lan", "admin"), None, "a", "upload").ok
    denied = acc.admin(Principal("minh", "reader"), "lan-password", "a", "upload")  # a password does not lift a role
    assert denied.status == 403 and ("minh", "upload", "denied") in outcomes(acc)
    assert acc.admin(None, None, "a", "upload").status == 403


def test_env_admin_is_an_account_named_admin(tmp_path):
    access, _ = make(tmp_path, {"lan": "reader"}, admin_password="one-person")
    assert access.login("admin", "one-person", "a").principal == Principal("admin", "admin")
    assert access.principal("admin") == Principal("admin", "admin") and access.principal("ghost") is None


def test_client_address_trusts_only_named_proxies(tmp_path):
    access, _ = make(tmp_path, trusted_proxies="127.0.0.1, 10.0.0.1")
    assert access.client_address("127.0.0.1", "203.0.113.7") == "203.0.113.7"
    assert access.client_address("127.0.0.1", "198.51.100.1, 203.0.113.7, 10.0.0.1") == "203.0.113.7"
    assert access.client_address("192.0.2.4", "203.0.113.7") == "192.0.2.4"  # anyone else cannot claim an address
    assert access.client_address(None) == "unknown"


def test_loopback():
    assert all(is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "127.0.1.1"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "", "192.168.1.10", "example.org"))
