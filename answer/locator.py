"""Where a quote sits in a legal text: "điểm a khoản 2 Điều 5" from the article heading and the numbered lines above it."""
from __future__ import annotations

import re

_ARTICLE = re.compile(r"^\s*Điều\s+(\d+[a-zđ]?)", re.I)
_CLAUSE = re.compile(r"^\s*(\d{1,3})\.\s", re.M)
_POINT = re.compile(r"^\s*([a-zđ])\)\s", re.M)


def legal_locator(heading: str | None, chunk_text: str, offset: int, lang: str = "vi") -> str | None:
    """The unit holding chunk_text[offset:] inside the article named by `heading`; None outside articles."""
    m = _ARTICLE.match(heading or "")
    if not m:
        return None
    line_end = chunk_text.find("\n", offset)
    before = chunk_text[: line_end if line_end >= 0 else len(chunk_text)]  # the quote's own line may start a clause
    article_at = before.rfind(heading) if heading else -1
    scope = before[article_at + len(heading):] if article_at >= 0 else before
    clauses = list(_CLAUSE.finditer(scope))
    clause = clauses[-1].group(1) if clauses else None
    points = list(_POINT.finditer(scope[clauses[-1].start():] if clauses else scope))
    point = points[-1].group(1) if points and clause else None
    if lang == "en":
        parts = [f"point {point}" if point else "", f"clause {clause}" if clause else "", f"Article {m.group(1)}"]
        return ", ".join(p for p in parts if p)
    parts = [f"điểm {point}" if point else "", f"khoản {clause}" if clause else "", f"Điều {m.group(1)}"]
    return " ".join(p for p in parts if p)
