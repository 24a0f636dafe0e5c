"""The JSON contract of `app.py ask --json` that scripts and the page rely on."""
from __future__ import annotations

from core.types import Answer


def answer_to_json(answer: Answer, qid: str | None = None) -> dict:
    return {
        "id": qid,
        "question": answer.question,
        "answer": answer.answer,
        "abstained": answer.abstained,
        "citations": [{"n": c.n, "source": c.source, "title": c.title, "quote": c.quote, "start": c.start, "end": c.end,
                       "locality": c.locality, "date": c.date, "heading": c.heading} for c in answer.citations],
        "references": answer.references,
        "retrieved": [{"source": h.chunk.source, "text": h.chunk.text, "score": round(h.score, 6), "start": h.chunk.start,
                       "end": h.chunk.end, "title": h.chunk.title} for h in answer.retrieved],
        "timings_ms": answer.timings_ms,
        "mode": answer.mode,
        "lang": answer.lang,
    }
