"""Citations: a verbatim quote of a document (offsets into its text), cut to a length a reader takes in at a glance.
One window function serves every answer path (passages, document cards, LLM claims, related passages)."""
from __future__ import annotations

import re

from answer.locator import legal_locator
from core.types import Chunk, Citation, Hit
from vntext.analyzer import Analyzer


def quote_window(chunk: Chunk, start: int, end: int, max_chars: int, terms: set[str] | None = None,
                 analyzer: Analyzer | None = None, keep: tuple[int, int] | None = None) -> tuple[int, int]:
    """Document offsets of at most `max_chars` inside [start, end) (a sentence of `chunk`), cut at spaces: the
    whole sentence when it fits; else the window that holds `keep` (the direct answer) and, among those, the most
    question `terms`; without terms, the opening."""
    if end - start <= max_chars:
        return start, end
    text = chunk.text[start - chunk.start: end - chunk.start]
    lo_limit, hi_limit = 0, len(text) - max_chars
    if keep is not None:
        k0, k1 = keep[0] - start, keep[1] - start
        lo_limit, hi_limit = max(0, k1 - max_chars), min(hi_limit, k0)
    starts = [0] + [m.end() for m in re.finditer(r"\s+", text)]
    starts = [s for s in starts if lo_limit <= s <= max(lo_limit, hi_limit)] or [max(0, lo_limit)]
    best_at = starts[0]
    if terms and analyzer is not None and len(starts) > 1:
        best = -1
        for s in starts:
            hits = len(terms.intersection(analyzer.passage(text[s:s + max_chars])))
            if hits > best:
                best, best_at = hits, s
    stop = best_at + max_chars
    if stop >= len(text):
        return start + best_at, end
    cut = text.rfind(" ", best_at, stop)
    keep_end = (keep[1] - start) if keep else 0
    cut = cut if cut > best_at + max_chars // 2 and cut >= keep_end else stop
    return start + best_at, start + cut


def make_citation(n: int, hit: Hit, start: int, end: int) -> Citation:
    """Citation n of document offsets [start, end) inside the hit's chunk; the quote is the text there."""
    ch = hit.chunk
    return Citation(n=n, source=ch.source, title=ch.title, quote=ch.text[start - ch.start: end - ch.start], start=start,
                    end=end, doc_id=ch.doc_id, locality=ch.locality, date=ch.date, heading=ch.heading,
                    locator=legal_locator(ch.heading, ch.text, start - ch.start), ocr=ch.ocr)


def passage_opening(n: int, hit: Hit, max_chars: int) -> Citation:
    """The start of a passage, cut at a word (the "closest passages" shown with a refusal)."""
    ch = hit.chunk
    s, e = quote_window(ch, ch.start, ch.end, max_chars)
    return make_citation(n, hit, s, e)
