"""Optional cross-encoder reranking (sentence-transformers CrossEncoder, any model by name or local path)."""
from __future__ import annotations

import dataclasses

from core.errors import ConfigError
from core.types import Hit


class Reranker:
    def __init__(self, model: str, device: str = "cpu"):
        from sentence_transformers import CrossEncoder

        try:
            self._model = CrossEncoder(model, device=device)
        except Exception as exc:
            raise ConfigError(f"cannot load reranker model {model!r}: {exc}") from exc

    def rerank(self, question: str, hits: list[Hit]) -> list[Hit]:
        scores = self._model.predict([(question, h.chunk.text) for h in hits])
        ranked = sorted(zip(hits, scores), key=lambda p: -float(p[1]))
        return [dataclasses.replace(h, score=float(s)) for h, s in ranked]
