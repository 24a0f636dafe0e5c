"""When to say "the documents do not cover this": general signals, calibrated on the dev set and checked on ALQAC.

1. The question names a document number that no passage in the index holds.
2. The question names a province the knowledge base has no document about and no passage mentions.
3. The top passages together cover too little of the question's weighted concepts (answer/coverage.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from core.textnorm import fold
from retriever.hybrid import Retrieval
from retriever.followup import Places



@dataclass(frozen=True)
class Verdict:
    abstain: bool
    reason: str  # a short reason for logs and the eval report


def unknown_places(question: str, places: Places | None, known: set[str], vocab: dict[str, int]) -> list[str]:
    """Provinces the question names that the knowledge base has no document about and no passage mentions.
    Applies only to an index whose documents are tagged with provinces (a body of laws has none)."""
    if places is None or not known:
        return []
    out = []
    for name, s, e in places.find(question, ignore_case=True):
        words = question[s:e].lower().split()
        bigrams = [f"{a}_{b}" for a, b in zip(words, words[1:])] or words
        if name not in known and not all(b in vocab or fold(b) in vocab for b in bigrams):
            out.append(name)
    return out


def judge(retrieval: Retrieval, coverage: float, vocab: dict[str, int], threshold: float,
          missing_places: list[str]) -> Verdict:
    if not retrieval.hits:
        return Verdict(True, "nothing retrieved")
    full_codes = [k for k in retrieval.code_keys if k.startswith("code:")]
    if full_codes and not any(k in vocab for k in full_codes):
        return Verdict(True, f"no passage holds {', '.join(full_codes)}")
    if missing_places:
        return Verdict(True, f"no document is about {', '.join(missing_places)}")
    if coverage < threshold:
        return Verdict(True, f"weak evidence: the passages cover {coverage:.0%} of the question")
    return Verdict(False, "")
