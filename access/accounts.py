"""Accounts of the page and the API: one JSON file (default <data_dir>/accounts.json) holding each account's role, its
password hashed by scrypt and, when issued, the SHA-256 of its API key. Written atomically (temp file, fsync,
rename) under a lock file, read again whenever it changes on disk, so `app.py users ...` takes effect on a running page."""
from __future__ import annotations

import base64
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.errors import RagError

ROLES = ("reader", "admin")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")  # no ':' (HTTP Basic), no spaces
MIN_PASSWORD = 8
# scrypt with n=2^14, r=8 needs 16 MiB and ~50 ms per check here: memory-hard against GPU guessing of a stolen
# file, and still quick for one login.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
KEY_PREFIX = "rag_"


class AccountError(RagError):
    """A bad account command (unknown name, bad role, short password); the message says what to do."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    created: str
    has_api_key: bool = False


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32,
                            maxmem=64 * 1024 * 1024)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def password_matches(password: str, stored: str) -> bool:
    """Constant-time check of a password against a `hash_password` string (False for a malformed one)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        want = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(want), maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return kind == "scrypt" and hmac.compare_digest(got, want)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class AccountStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._cache: tuple[tuple[int, int], dict] | None = None
        self._dummy: str | None = None

    # ---- reading
    def _data(self) -> dict:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {}
        stamp = (st.st_mtime_ns, st.st_size)
        if self._cache is None or self._cache[0] != stamp:
            try:
                accounts = json.loads(self.path.read_text(encoding="utf-8")).get("accounts", {})
            except (OSError, ValueError) as exc:
                raise AccountError(f"the accounts file {self.path} cannot be read ({exc}); restore it from a backup "
                                   "(`python app.py restore DIR`) or move it away and add the accounts again.") from exc
            self._cache = (stamp, accounts)
        return self._cache[1]

    def any(self) -> bool:
        return bool(self._data())

    def list(self) -> list[Account]:
        return [self._account(n, a) for n, a in sorted(self._data().items())]

    def get(self, name: str) -> Account | None:
        a = self._data().get(name)
        return self._account(name, a) if a else None

    @staticmethod
    def _account(name: str, a: dict) -> Account:
        return Account(name, a["role"], a.get("created", ""), bool(a.get("api_key_sha256")))

    def verify_password(self, name: str, password: str) -> Account | None:
        """The account when the password is right. Costs one scrypt whether or not the name exists."""
        a = self._data().get(name or "")
        if a is None:
            if self._dummy is None:
                self._dummy = hash_password(secrets.token_hex(8))
            password_matches(password or "", self._dummy)  # same work as for a known name
            return None
        return self._account(name, a) if password_matches(password or "", a.get("password", "")) else None

    def verify_api_key(self, key: str) -> Account | None:
        """The account whose API key this is; every stored digest is compared, in constant time."""
        digest, found = key_digest(key or ""), None
        for name, a in self._data().items():
            if hmac.compare_digest(digest, a.get("api_key_sha256") or "0" * 64):
                found = self._account(name, a)
        return found

    # ---- writing (the CLI)
    def add(self, name: str, role: str, password: str) -> Account:
        check_name(name)
        check_role(role)
        check_password(password)
        with self._edit() as accounts:
            if name in accounts:
                raise AccountError(f"account {name!r} exists already; change its password with `python app.py users passwd {name}`.")
            accounts[name] = {"role": role, "password": hash_password(password),
                              "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        return self.get(name)

    def remove(self, name: str) -> None:
        with self._edit() as accounts:
            self._need(accounts, name)
            del accounts[name]

    def set_password(self, name: str, password: str) -> None:
        check_password(password)
        with self._edit() as accounts:
            self._need(accounts, name)["password"] = hash_password(password)

    def issue_api_key(self, name: str) -> str:
        """A new API key for the account (the old one stops working). Only its digest is stored."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with self._edit() as accounts:
            self._need(accounts, name)["api_key_sha256"] = key_digest(key)
        return key

    def require(self, name: str) -> Account:
        """The account, or AccountError naming the known ones."""
        return self._account(name, self._need(self._data(), name))

    def _need(self, accounts: dict, name: str) -> dict:
        if name not in accounts:
            known = ", ".join(sorted(accounts)) or "none yet"
            raise AccountError(f"no account named {name!r} (accounts: {known}); see `python app.py users list`.")
        return accounts[name]

    @contextmanager
    def _edit(self):
        """Read-modify-write under an exclusive lock; the file is replaced atomically and readable by its owner only."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = open(self.path.with_name(self.path.name + ".lock"), "a")
        except OSError as exc:
            raise AccountError(f"cannot write the accounts file {self.path} ({exc.strerror or exc}); run the command "
                               "as the user that owns the data folder.") from exc
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._cache = None
            accounts = {n: dict(a) for n, a in self._data().items()}
            yield accounts
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump({"format": 1, "accounts": accounts}, f, ensure_ascii=False, indent=1, sort_keys=True)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, self.path)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise AccountError(f"cannot write the accounts file {self.path} ({exc.strerror or exc}); nothing was changed.") from exc
            self._cache = None


def check_name(name: str) -> None:
    if not NAME.fullmatch(name or ""):
        raise AccountError(f"{name!r} is not a valid account name: use 1-64 letters, digits, '.', '_', '@' or '-', "
                           "starting with a letter or digit.")


def check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"role {role!r} is not one of: {', '.join(ROLES)}.")


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters.")
