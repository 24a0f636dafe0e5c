"""When to say "the documents do not cover this": general signals, calibrated on the dev set and checked on ALQAC.

1. The question names a document number that no passage in the index holds.
2. The question names a province the knowledge base has no document about and no passage mentions, or one the
   top passages are not about: they all come from documents about other provinces and none mentions it.
3. The top passages together cover too little of the question's weighted concepts (answer/coverage.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from vntext.normalize import fold
from core.types import Hit
from retriever.hybrid import Retrieval
from retriever.followup import Places



@dataclass(frozen=True)
class Verdict:
    abstain: bool
    reason: str  # a short reason for logs and the eval report


def place_mismatch(question: str, places: Places | None, known: set[str], vocab: dict[str, int],
                   hits: list[Hit]) -> str:
    """Why the passages cannot answer for the provinces the question names, or "" when they can.
    Applies only where documents are tagged with provinces (a body of laws has none): either the index has no
    document about a named province and no passage mentions it, or the top passages all come from documents
    about other provinces and none of them mentions a named one ("how many agreements has Quảng Ninh signed" is
    not answered with Lạng Sơn's figure). A passage of a document about no province (a law, a national directive)
    may apply anywhere, so it keeps the question open."""
    if places is None or not known:
        return ""
    found = places.find(question, ignore_case=True)
    unknown = []
    for name, s, e in found:
        words = question[s:e].lower().split()
        bigrams = [f"{a}_{b}" for a, b in zip(words, words[1:])] or words
        if name not in known and not all(b in vocab or fold(b) in vocab for b in bigrams):
            unknown.append(name)
    if unknown:
        return f"no document is about {', '.join(dict.fromkeys(unknown))}"
    named = {name for name, _, _ in found}
    if not named or not hits or not all(h.chunk.locality for h in hits):
        return ""
    for h in hits:
        about = places.canonical.get(h.chunk.locality, h.chunk.locality)
        if about in named or named & {n for n, _, _ in places.find(h.chunk.in_context())}:
            return ""
    return f"the passages are about {', '.join(sorted({h.chunk.locality for h in hits}))}, not {', '.join(sorted(named))}"


def judge(retrieval: Retrieval, coverage: float, vocab: dict[str, int], threshold: float, place_reason: str = "") -> Verdict:
    if not retrieval.hits:
        return Verdict(True, "nothing retrieved")
    full_codes = [k for k in retrieval.code_keys if k.startswith("code:")]
    if full_codes and not any(k in vocab for k in full_codes):
        return Verdict(True, f"no passage holds {', '.join(full_codes)}")
    if place_reason:
        return Verdict(True, place_reason)
    if coverage < threshold:
        return Verdict(True, f"weak evidence: the passages cover {coverage:.0%} of the question")
    return Verdict(False, "")
