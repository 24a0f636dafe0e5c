"""Fixtures for the page tests: small real containers (fast layer: real Chroma + BM25, HashEmbedder) for the
handlers, and, per session, the page served over the ingested corpus with the real embedder, driven by chromium."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from tests.conftest import free_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EVIL = ("Tài liệu <i>độc</i>\n\nĐồng Nai, ngày 9 tháng 7 năm 2014\n\nMở đầu.\n\nĐoạn có <script>alert('x')</script> và <img src=x onerror=alert(1)> cùng ${1+1} {{x}} "
        "theo Chỉ thị số 38-CT/TW của Bộ Chính trị về tăng cường quản lý các đoàn đi công tác nước ngoài.\n\nKết thúc.")
ADMIN = "s3cret"


def small_container(tmp_path: Path, docs: dict[str, str] | None = None, **settings):
    """A real container over a tmp data folder holding `docs` (file name -> text; the EVIL document by default),
    ingested with the HashEmbedder; the admin password is ADMIN."""
    from core.di import Container
    from core.settings import Settings

    folder = tmp_path / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ({"evil.txt": EVIL} if docs is None else docs).items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = {"admin_password": ADMIN, **settings}
    container = Container(Settings(data_dir=tmp_path / "data", corpus_dir=folder, embedder="hash",
                                   embedding_cache=tmp_path / "cache.sqlite", **settings))
    if any(folder.iterdir()):
        report = container.ingestor().run([folder])
        assert not report.skipped, report.summary()
    return container


@pytest.fixture
def evil_container(tmp_path):
    return small_container(tmp_path)


# ---- end-to-end: a real container with the bundled corpus ingested, served in-process, and headless chromium
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
ADMIN_PASSWORD = "workshop-admin"


@pytest.fixture(scope="session")
def live_app(tmp_path_factory, embedding_cache):
    """The page on a free 127.0.0.1 port over a tmp data dir holding the ingested corpus (once per session)."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright Python package")
    from core.di import Container
    from core.settings import Settings
    from ui.page import launch

    data = tmp_path_factory.mktemp("ui-data")
    mp = pytest.MonkeyPatch()
    mp.setenv("RAG_ADMIN_PASSWORD", ADMIN_PASSWORD)  # as an admin would start the server
    settings = Settings(data_dir=data, host="127.0.0.1", port=free_port(), embedding_cache=embedding_cache)
    container = Container(settings)
    report = container.ingestor().run([ROOT / "corpus"])
    assert not report.skipped, report.summary()
    demo = launch(container, prevent_thread_lock=True, quiet=True)
    yield {"url": f"http://127.0.0.1:{settings.port}/", "container": container, "data": data}
    demo.close()
    mp.undo()


@pytest.fixture(scope="session")
def browser(live_app):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield b
        b.close()


def open_page(browser, url: str, **context):
    """A fresh browser context (its own localStorage) on the app, once the chat box is there. JS dialogs (an alert from
    injected script) are recorded in `page.dialogs`."""
    ctx = browser.new_context(**{"viewport": {"width": 1400, "height": 1000}, "locale": "vi-VN", **context})
    pg = ctx.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(url)
    pg.wait_for_selector("#ask textarea", timeout=30000)
    return pg


@pytest.fixture
def page(browser, live_app):
    """A fresh tab on the app; any JS dialog (alert from injected script) fails the test."""
    pg = open_page(browser, live_app["url"])
    yield pg
    assert pg.dialogs == [], f"a script ran in the page: {pg.dialogs}"
    pg.context.close()
