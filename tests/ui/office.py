"""A page served in-process over a copy of the fast layer's index (bundled corpus, hash embedder), with the
settings an office would give it (accounts, keys, throttle policy). Used by the access and API tests."""
from __future__ import annotations

import base64
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import free_port


@dataclass
class Office:
    url: str
    container: object
    demo: object

    def close(self) -> None:
        self.demo.close()


def serve_office(source_data: Path, tmp: Path, accounts: dict[str, str] | None = None, **settings) -> Office:
    """accounts: name -> role, each with the password f"{name}-password"."""
    from core.di import Container
    from core.settings import Settings
    from ui.page import launch

    data = tmp / "data"
    shutil.copytree(source_data, data)
    s = Settings(data_dir=data, embedder="hash", host="127.0.0.1", port=free_port(), trusted_proxies="127.0.0.1", **settings)
    container = Container(s)
    for name, role in (accounts or {}).items():
        container.access.accounts.add(name, role, f"{name}-password")
    demo = launch(container, prevent_thread_lock=True, quiet=True)
    return Office(f"http://127.0.0.1:{s.port}", container, demo)


def basic(name: str, password: str | None = None) -> dict:
    token = base64.b64encode(f"{name}:{password or name + '-password'}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def from_address(address: str) -> dict:
    """As if through the trusted reverse proxy, from this client address (throttling counts per address)."""
    return {"X-Forwarded-For": address}
