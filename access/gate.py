"""Who may do what. The one place that checks credentials: page logins, HTTP Basic and Bearer on the API, and
admin actions in the Library. Every failure is throttled per account and per client address, logged, and written
to the audit trail; every comparison of a secret runs in constant time.

Modes: with accounts (the accounts file holds any), the page and the API need a login and roles decide; without
them, RAG_ADMIN_PASSWORD is a single admin account named "admin" for the Library tab, RAG_API_KEY a single shared
API key, and the page serves this computer only."""
from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
import logging
from dataclasses import dataclass

from access.accounts import AccountStore
from access.audit import Actor, AuditLog
from access.throttle import Throttle, ThrottlePolicy, wait_seconds

log = logging.getLogger(__name__)
ENV_ADMIN = "admin"


@dataclass(frozen=True)
class Principal:
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: `status` 200 (go), 401 (bad or missing credentials), 403 (not allowed), 429 (wait
    `retry_after` seconds). `message` is written for the person or program that asked."""

    status: int
    principal: Principal | None = None
    message: str = ""
    retry_after: int = 0

    @property
    def ok(self) -> bool:
        return self.status == 200


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest((a or "").encode("utf-8"), (b or "").encode("utf-8"))


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Access:
    def __init__(self, settings, accounts: AccountStore, throttle: Throttle, audit: AuditLog):
        self.settings, self.accounts, self.throttle, self.audit = settings, accounts, throttle, audit
        self._trusted = {a.strip() for a in settings.trusted_proxies.split(",") if a.strip()}

    @classmethod
    def from_settings(cls, settings, audit: AuditLog) -> "Access":
        return cls(settings, AccountStore(settings.accounts_path), Throttle(ThrottlePolicy.from_settings(settings)), audit)

    # ---- modes
    @property
    def accounts_on(self) -> bool:
        return self.accounts.any()

    @property
    def admin_password(self) -> str | None:
        pw = self.settings.admin_password
        return pw.get_secret_value() if pw is not None and pw.get_secret_value() else None

    @property
    def api_on(self) -> bool:
        key = self.settings.api_key
        return self.accounts_on or (key is not None and bool(key.get_secret_value()))

    @property
    def library_mode(self) -> str:
        """How the Library's admin actions are unlocked: "accounts" (by the login), "password" (RAG_ADMIN_PASSWORD
        typed in the tab) or "off"."""
        return "accounts" if self.accounts_on else "password" if self.admin_password else "off"

    def principal(self, name: str | None) -> Principal | None:
        """The account of a logged-in name, looked up again each time (a removed account is logged out)."""
        if not name:
            return None
        account = self.accounts.get(name)
        if account is not None:
            return Principal(account.name, account.role)
        if name == ENV_ADMIN and self.admin_password:
            return Principal(ENV_ADMIN, "admin")
        return None

    def client_address(self, peer: str | None, forwarded_for: str | None = None) -> str:
        """The client's address: the peer, or, when the peer is a trusted proxy, the last untrusted X-Forwarded-For hop."""
        peer = peer or "unknown"
        if peer in self._trusted and forwarded_for:
            hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
            for hop in reversed(hops):
                if hop not in self._trusted:
                    return hop
        return peer

    # ---- checks
    def _throttled(self, keys: list[str], actor: Actor, action: str) -> Verdict | None:
        wait = self.throttle.wait(keys)
        if wait <= 0:
            return None
        secs = wait_seconds(wait)
        log.warning("%s refused for %r from %s: throttled for %d s", action, actor.name, actor.address, secs)
        self.audit.record(actor, action, "throttled", detail=f"wait {secs} s")
        return Verdict(429, None, f"too many failed attempts: wait {secs} s before trying again", secs)

    def _failed(self, keys: list[str], actor: Actor, action: str, status: int, message: str, outcome: str) -> Verdict:
        wait = self.throttle.fail(keys)
        log.warning("%s %s for %r from %s", action, outcome, actor.name, actor.address)
        self.audit.record(actor, action, outcome)
        if wait > 0:
            message += f"; wait {wait_seconds(wait)} s before trying again"
        return Verdict(status, None, message, wait_seconds(wait) if wait > 0 else 0)

    def login(self, name: str, password: str, address: str, action: str = "login") -> Verdict:
        """A name and password (the page's login form, HTTP Basic on the API)."""
        name = (name or "").strip()
        actor = Actor(name or "?", address)
        keys = [f"account:{name.lower()}", f"address:{address}"]
        if (refused := self._throttled(keys, actor, action)) is not None:
            return refused
        account = self.accounts.verify_password(name, password)
        principal = Principal(account.name, account.role) if account else None
        if principal is None and name == ENV_ADMIN and self.admin_password and self.accounts.get(ENV_ADMIN) is None:
            principal = Principal(ENV_ADMIN, "admin") if _same(password, self.admin_password) else None
        if principal is None:
            return self._failed(keys, actor, action, 401, "wrong account name or password", "failed")
        self.throttle.succeed(keys[:1])
        if action == "login":
            self.audit.record(actor, action, "ok")
        return Verdict(200, principal)

    def bearer(self, token: str, address: str) -> Verdict:
        """An API key: an account's own key with accounts, RAG_API_KEY without."""
        actor = Actor("?", address)
        keys = [f"address:{address}"]
        if (refused := self._throttled(keys, actor, "api.auth")) is not None:
            return refused
        principal = None
        if self.accounts_on:
            account = self.accounts.verify_api_key(token)
            principal = Principal(account.name, account.role) if account else None
        elif self.settings.api_key is not None and _same(token, self.settings.api_key.get_secret_value()):
            principal = Principal("api-key", "reader")
        if principal is None:
            return self._failed(keys, actor, "api.auth", 401, "wrong API key", "failed")
        return Verdict(200, principal)

    def authorization(self, header: str | None, address: str) -> Verdict:
        """An Authorization header: `Basic base64(name:password)` or `Bearer KEY`."""
        scheme, _, value = (header or "").strip().partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return self.bearer(value.strip(), address)
        if scheme.lower() == "basic" and self.accounts_on:
            try:
                name, sep, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
            except (binascii.Error, UnicodeDecodeError):
                name, sep, password = "", "", ""
            if sep:
                return self.login(name, password, address, action="api.auth")
        how = "HTTP Basic (account name and password) or an account's API key as a Bearer token" if self.accounts_on \
            else "the API key (RAG_API_KEY) as a Bearer token"
        return Verdict(401, None, f"credentials needed: send {how}")

    def admin(self, principal: Principal | None, password: str | None, address: str, action: str) -> Verdict:
        """May this caller run an admin action (upload, delete, read the audit trail)? In accounts mode the login
        decides; in password mode the RAG_ADMIN_PASSWORD typed in the tab."""
        mode = self.library_mode
        if mode == "off":
            return Verdict(403, None, "admin actions are off: add an admin account (python app.py users add NAME --role admin)")
        if mode == "accounts":
            name = principal.name if principal else "?"
            actor, keys = Actor(name, address), [f"account:{name.lower()}", f"address:{address}"]
            if principal is not None and principal.is_admin:
                return Verdict(200, principal)
            if (refused := self._throttled(keys, actor, action)) is not None:
                return refused
            return self._failed(keys, actor, action, 403, "only an admin account may do this", "denied")
        actor, keys = Actor(ENV_ADMIN, address), [f"account:{ENV_ADMIN}", f"address:{address}"]
        if (refused := self._throttled(keys, actor, action)) is not None:
            return refused
        if _same(password or "", self.admin_password):
            self.throttle.succeed(keys[:1])
            return Verdict(200, Principal(ENV_ADMIN, "admin"))
        return self._failed(keys, actor, action, 401, "wrong admin password", "failed")
