"""access.accounts: scrypt hashes, constant work for unknown names, API keys stored as digests, atomic file."""
from __future__ import annotations

import json
import stat

import pytest

from access.accounts import AccountError, AccountStore, hash_password, key_digest, password_matches


def test_hash_is_salted_scrypt_and_checks(tmp_path):
    a, b = hash_password("mật khẩu dài"), hash_password("mật khẩu dài")
    assert a.startswith("scrypt$16384$8$1$") and a != b  # a fresh salt each time
    assert password_matches("mật khẩu dài", a) and not password_matches("mật khẩu dà", a)
    assert not password_matches("x", "not-a-hash") and not password_matches("x", "md5$1$1$1$AA==$AA==")


def test_add_list_verify_remove(tmp_path):
    store = AccountStore(tmp_path / "accounts.json")
    assert not store.any() and store.list() == []
    store.add("lan.nguyen", "admin", "correct horse")
    store.add("minh", "reader", "battery staple")
    assert [(a.name, a.role) for a in store.list()] == [("lan.nguyen", "admin"), ("minh", "reader")]
    assert store.verify_password("minh", "battery staple").role == "reader"
    assert store.verify_password("minh", "wrong password") is None
    assert store.verify_password("nobody", "battery staple") is None
    text = (tmp_path / "accounts.json").read_text(encoding="utf-8")
    assert "battery staple" not in text and "correct horse" not in text  # only hashes on disk
    assert stat.S_IMODE((tmp_path / "accounts.json").stat().st_mode) == 0o600
    store.set_password("minh", "new secret 1")
    assert store.verify_password("minh", "new secret 1") and not store.verify_password("minh", "battery staple")
    store.remove("minh")
    assert store.get("minh") is None and [a.name for a in store.list()] == ["lan.nguyen"]


def test_bad_input_is_a_message(tmp_path):
    store = AccountStore(tmp_path / "accounts.json")
    with pytest.raises(AccountError, match="at least 8"):
        store.add("a", "reader", "short")
    with pytest.raises(AccountError, match="role"):
        store.add("a", "owner", "long enough")
    for bad in ("", "a:b", "has space", "-x", "x" * 65):
        with pytest.raises(AccountError, match="not a valid account name"):
            store.add(bad, "reader", "long enough")
    store.add("a", "reader", "long enough")
    with pytest.raises(AccountError, match="exists already"):
        store.add("a", "admin", "long enough")
    with pytest.raises(AccountError, match=r"no account named 'b' \(accounts: a\)"):
        store.remove("b")


def test_api_keys_are_per_account_and_stored_as_digests(tmp_path):
    store = AccountStore(tmp_path / "accounts.json")
    store.add("a", "reader", "long enough")
    store.add("b", "admin", "long enough")
    ka, kb = store.issue_api_key("a"), store.issue_api_key("b")
    assert ka.startswith("rag_") and ka != kb
    assert store.verify_api_key(ka).name == "a" and store.verify_api_key(kb).name == "b"
    assert store.verify_api_key("rag_guess") is None and store.verify_api_key("") is None
    text = (tmp_path / "accounts.json").read_text()
    assert ka not in text and key_digest(ka) in text
    assert store.issue_api_key("a") != ka and store.verify_api_key(ka) is None  # a new key retires the old one
    assert store.get("a").has_api_key


def test_changes_by_another_process_are_seen(tmp_path):
    path = tmp_path / "accounts.json"
    page, cli = AccountStore(path), AccountStore(path)
    assert page.get("x") is None
    cli.add("x", "reader", "long enough")
    assert page.get("x").role == "reader"  # re-read on change, as a running page does
    cli.remove("x")
    assert page.get("x") is None
    assert json.loads(path.read_text())["format"] == 1
    assert not list(tmp_path.glob(".accounts.json.*.tmp"))


def test_a_damaged_file_says_what_to_do(tmp_path):
    (tmp_path / "accounts.json").write_text("{not json")
    with pytest.raises(AccountError, match="restore"):
        AccountStore(tmp_path / "accounts.json").any()
