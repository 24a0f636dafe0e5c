"""The regulation index of the bundled corpus, built from the references extraction finds (no store needed)."""
from __future__ import annotations

from pathlib import Path

import pytest

from regulations.extract import extract_references
from regulations.index import RegulationIndex
from vntext.normalize import normalize

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
LOCALITIES = {"000": "Đăk Nông", "001": "Kon Tum", "002": "An Giang", "003": "Lạng Sơn", "004": "Đồng Nai"}


@pytest.fixture(scope="session")
def index() -> RegulationIndex:
    refs = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8"))
        refs += extract_references(path.stem, path.name, text, LOCALITIES[path.name[:3]])
    return RegulationIndex.build(refs)
