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


class FakeAnswers:
    mode = "extractive"

    def __init__(self, store):
        self.store = store
        self.asked = []

    def stream(self, question, filters=None):
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


class FakeContainer:
    def __init__(self, data_dir: Path, corpus: bool = False):
        self.settings = FakeSettings(data_dir)
        docs = {"evil": (EVIL, DocumentMeta("Tài liệu <i>độc</i>", "2014-07-09", "Đồng Nai"))}
        if corpus:
            for p in sorted((ROOT / "corpus").glob("*.txt")):
                text = p.read_text(encoding="utf-8")
                docs[p.stem] = (text, DocumentMeta(text.splitlines()[1][:80], None, None))
        self.store = FakeStore(docs)
        self.answers = FakeAnswers(self.store)
        self.ingested = []

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
