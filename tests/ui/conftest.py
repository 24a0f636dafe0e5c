"""Fixtures for the page tests: a fake container (unit tests) and, per session, a real one with the corpus ingested."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from core.types import Answer, Citation, DocumentMeta  # noqa: E402
from tests.conftest import free_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EVIL = "Mở đầu.\n\nĐoạn có <script>alert('x')</script> và <img src=x onerror=alert(1)> cùng ${1+1} {{x}}.\n\nKết thúc."


@dataclass
class FakeRecord:
    doc_id: str
    source: str
    content_hash: str
    meta: DocumentMeta
    n_chunks: int
    extra: dict = field(default_factory=dict)


class FakeStore:
    """Documents in memory; the regulation references are extracted as ingest would."""

    def __init__(self, docs: dict[str, tuple[str, DocumentMeta]]):
        from regulations.extract import extract_references

        self.docs = dict(docs)
        self.refs = {d: [dataclasses.asdict(r) for r in extract_references(d, f"corpus/{d}.txt", text, m.locality)]
                     for d, (text, m) in self.docs.items()}

    def documents(self):
        return [FakeRecord(d, f"corpus/{d}.txt", "h", m, 2, {"references": self.refs[d]}) for d, (_, m) in self.docs.items()]

    def get_text(self, doc_id):
        return self.docs[doc_id][0] if doc_id in self.docs else None

    def delete_document(self, doc_id):
        self.docs.pop(doc_id, None)

    def fingerprint(self):
        return ",".join(sorted(self.docs))


class FakeAnswers:
    mode = "extractive"

    def __init__(self, store):
        self.store = store
        self.asked = []

    def stream(self, question, filters=None, history=()):
        self.asked.append((question, filters))
        if "boom" in question:
            from core.errors import StoreUnavailable
            raise StoreUnavailable("the document store did not answer")
        text = self.store.get_text("evil")
        start = text.index("<script>")
        end = start + len("<script>alert('x')</script>")
        yield "partial <b>text</b>"
        cite = Citation(1, "corpus/evil.txt", "Tài liệu <i>độc</i>", text[start:end], start, end, "evil", "Đồng Nai", "2014-07-09")
        yield Answer(question, f"- “{text[start:end]}” [1]", False, [cite], [], mode="extractive")


class FakeSettings:
    def __init__(self, data_dir: Path):
        from pydantic import SecretStr
        self.data_dir = data_dir
        self.admin_password = SecretStr("s3cret")
        self.max_file_mb = 1.0
        self.max_file_bytes = 1024 * 1024
        self.ui_language = "vi"
        self.concurrency = 2
        self.host = "127.0.0.1"
        self.port = 0
        self.accounts_path = data_dir / "accounts.json"
        self.audit_path = data_dir / "audit.jsonl"
        self.api_key = None
        self.trusted_proxies = ""
        self.throttle_free_failures, self.throttle_base_seconds = 5, 1.0
        self.throttle_max_seconds, self.throttle_forget_seconds = 900.0, 3600.0
        self.session_hours = 12.0


class FakeContainer:
    def __init__(self, data_dir: Path, corpus: bool = False):
        self.settings = FakeSettings(data_dir)
        docs = {"evil": (EVIL, DocumentMeta("Tài liệu <i>độc</i>", "2014-07-09", "Đồng Nai"))}
        if corpus:
            for p in sorted((ROOT / "corpus").glob("*.txt")):
                text = p.read_text(encoding="utf-8")
                docs[p.stem] = (text, DocumentMeta(text.splitlines()[1][:80], None, None))
        from answer.frames import Frames
        from answer.regulation_answers import RegulationAnswerer
        from vntext.analyzer import Analyzer
        from ingest.library import Library

        from access.audit import AuditLog
        from access.gate import Access

        self.store = FakeStore(docs)
        self.audit = AuditLog(self.settings.audit_path)
        self.access = Access.from_settings(self.settings, self.audit)
        self.answers = FakeAnswers(self.store)
        self.ingested = []
        self.library = Library(self.settings, self.store, self.ingestor)
        from core.lexicon import Lexicon
        from core.tuning import Tuning
        self.regulation_answerer = RegulationAnswerer(self.store, Analyzer(), Frames.load(ROOT / "prompts"),
                                                      Lexicon(ROOT / "prompts"), Tuning())

    def ingestor(self, progress=None):
        container = self

        class _Ing:
            def run(self, paths, prune=True):
                container.ingested.append(list(paths))

                class _R:
                    def summary(self):
                        return f"added {len(paths)}"
                return _R()

            def refresh_lexical(self):
                return None
        return _Ing()


@pytest.fixture
def fake_container(tmp_path):
    return FakeContainer(tmp_path)


# ---- end-to-end: a real container with the bundled corpus ingested, served in-process, and headless chromium
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
ADMIN_PASSWORD = "workshop-admin"


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
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
    settings = Settings(data_dir=data, host="127.0.0.1", port=free_port())
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


@pytest.fixture
def page(browser, live_app):
    """A fresh tab on the app; any JS dialog (alert from injected script) is recorded and fails the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(live_app["url"])
    pg.wait_for_selector("#ask textarea", timeout=30000)
    yield pg
    assert pg.dialogs == [], f"a script ran in the page: {pg.dialogs}"
    context.close()
