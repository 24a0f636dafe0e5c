"""When to say "the documents do not cover this": general signals, calibrated on the dev set and checked on ALQAC.

1. The question names a document number that no passage in the index holds.
2. The question names a proper noun (a capitalised multi-syllable name, e.g. a province) that no passage holds.
3. The top passages together cover too little of the question's weighted concepts (answer/coverage.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.textnorm import fold
from retriever.glossary import Glossary
from retriever.hybrid import Retrieval

_WORD = re.compile(r"\w+|[^\w\s]")
_SENTENCE_START_WORDS = {"which", "what", "who", "when", "where", "how", "why", "is", "are", "does", "do", "did", "the"}


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    reason: str  # a short reason for logs and the eval report


def unknown_names(question: str, vocab: dict[str, int], glossary: Glossary | None = None) -> list[str]:
    """Capitalised multi-word names in the question (a province, an organisation) some of whose adjacent words
    never appear together in the index. English words the glossary knows and possessives split names."""
    text = question
    if glossary is not None:
        for m in glossary.find(question):
            text = text[: m.start] + "," * (m.end - m.start) + text[m.end :]
    text = re.sub(r"['’]s\b", ",", text)
    out = []
    for words in _capitalised_runs(text):
        while words and words[0].lower() in _SENTENCE_START_WORDS:
            words = words[1:]
        if len(words) < 2:
            continue
        bigrams = [f"{a}_{b}".lower() for a, b in zip(words, words[1:])]
        if not all(b in vocab or fold(b) in vocab for b in bigrams):
            out.append(" ".join(words))
    return out


def _capitalised_runs(text: str) -> list[list[str]]:
    runs, run = [], []
    for tok in _WORD.findall(text):
        if tok[0].isupper():
            run.append(tok)
        else:
            if len(run) > 1:
                runs.append(run)
            run = []
    if len(run) > 1:
        runs.append(run)
    return runs


def judge(retrieval: Retrieval, coverage: float, vocab: dict[str, int], threshold: float,
          glossary: Glossary | None = None) -> Verdict:
    if not retrieval.hits:
        return Verdict(True, "nothing retrieved")
    full_codes = [k for k in retrieval.code_keys if k.startswith("code:")]
    if full_codes and not any(k in vocab for k in full_codes):
        return Verdict(True, f"no passage holds {', '.join(full_codes)}")
    names = unknown_names(retrieval.question, vocab, glossary)
    if names:
        return Verdict(True, f"no passage mentions {', '.join(names)}")
    if coverage < threshold:
        return Verdict(True, f"weak evidence: the passages cover {coverage:.0%} of the question")
    return Verdict(False, "")
