"""When to say "the documents do not cover this": general signals, calibrated on the dev set and checked on ALQAC.

1. The question names a document number that no passage in the index holds.
2. The question names a proper noun (a capitalised multi-syllable name, e.g. a province) that no passage holds.
3. The best sentence covers too little of the question's weighted terms and the dense match is weak.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.textnorm import fold
from retriever.hybrid import Retrieval

_NAME = re.compile(r"(?<![\w])((?:[A-ZĐ\u00C0-\u1EF8][\w\u00C0-\u1EF9]*)(?:\s+[A-ZĐ\u00C0-\u1EF8][\w\u00C0-\u1EF9]*)+)")
_SENTENCE_START_WORDS = {"which", "what", "who", "when", "where", "how", "why", "is", "are", "does", "do", "did", "the"}


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    reason: str  # a short reason for logs and the eval report


def unknown_names(question: str, vocab: dict[str, int]) -> list[str]:
    """Capitalised multi-word names in the question whose words never appear together in the index."""
    out = []
    for m in _NAME.finditer(question):
        words = m.group(1).split()
        if words and words[0].lower() in _SENTENCE_START_WORDS:
            words = words[1:]
        if len(words) < 2:
            continue
        bigrams = [f"{a}_{b}".lower() for a, b in zip(words, words[1:])]
        if not any(b in vocab or fold(b) in vocab for b in bigrams):
            out.append(" ".join(words))
    return out


def judge(retrieval: Retrieval, best_coverage: float, vocab: dict[str, int], threshold: float) -> Verdict:
    if not retrieval.hits:
        return Verdict(True, "nothing retrieved")
    full_codes = [k for k in retrieval.code_keys if k.startswith("code:")]
    if full_codes and not any(k in vocab for k in full_codes):
        return Verdict(True, f"no passage holds {', '.join(full_codes)}")
    names = unknown_names(retrieval.question, vocab)
    if names:
        return Verdict(True, f"no passage mentions {', '.join(names)}")
    best_sim = max((h.dense_sim or 0.0) for h in retrieval.hits)
    if best_coverage < 0.25 and best_sim < threshold:
        return Verdict(True, f"weak evidence (coverage {best_coverage:.2f}, similarity {best_sim:.2f})")
    return Verdict(False, "")
