"""The JSON contract of `app.py ask --json` that scripts and the page rely on."""
from __future__ import annotations

from core.types import Answer, Chunk


def passage_with_heading(chunk: Chunk) -> str:
    """A retrieved passage as shown: its legal heading ("Điều 5. ...") first when the chunk starts inside the article.
    `start`/`end` still locate the chunk text itself in the document."""
    if chunk.heading and not chunk.text.startswith(chunk.heading):
        return f"{chunk.heading}\n{chunk.text}"
    return chunk.text


def answer_to_json(answer: Answer, qid: str | None = None) -> dict:
    return {
        "id": qid,
        "question": answer.question,
        "answer": answer.answer,
        "abstained": answer.abstained,
        "abstain_reason": answer.reason or None,
        "citations": [{"n": c.n, "source": c.source, "title": c.title, "quote": c.quote, "start": c.start, "end": c.end,
                       "locality": c.locality, "date": c.date, "heading": c.heading, "locator": c.locator,
                       "ocr": c.ocr} for c in answer.citations],
        "references": answer.references,
        "retrieved": [{"source": h.chunk.source, "text": passage_with_heading(h.chunk), "score": round(h.score, 6),
                       "start": h.chunk.start, "end": h.chunk.end, "title": h.chunk.title, "heading": h.chunk.heading,
                       "ocr": h.chunk.ocr}
                      for h in answer.retrieved],
        "asked_as": answer.asked_as or answer.question,
        "short_answer": ({"text": answer.short_answer.text, "n": answer.short_answer.n, "start": answer.short_answer.start,
                          "end": answer.short_answer.end} if answer.short_answer else None),
        "frame": answer.frame.to_json() if answer.frame is not None else None,
        "evidence": {k: round(v, 4) for k, v in answer.evidence.items()},
        "timings_ms": answer.timings_ms,
        "mode": answer.mode,
        "lang": answer.lang,
    }
