"""How much of a question the retrieved passages cover, as weighted concept groups.

A Vietnamese question contributes one group per content syllable (its folded form also counts). An English
question contributes one group per glossary term (any Vietnamese variant counts) plus its other content words;
words the glossary does not know weigh less, since we cannot tell what they would be in Vietnamese, unless they
look like names (capitalised or with digits), which must appear as written."""
from __future__ import annotations

import re
from dataclasses import dataclass

from vntext.analyzer import Analyzer
from vntext.normalize import fold
from retriever.glossary import Glossary


_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Group:
    label: str
    alternatives: tuple[frozenset[str], ...]  # covered when every token of one alternative is present
    weight: float


class CoverageJudge:
    def __init__(self, analyzer: Analyzer, glossary: Glossary, en_stopwords: frozenset[str]):
        self.analyzer, self.glossary, self.en_stop = analyzer, glossary, en_stopwords

    def groups(self, question: str, lang: str, idf: dict[str, float], top: float | None = None) -> list[Group]:
        """`top` is max(idf), the weight of an unseen term; pass it when known (computing it walks the vocabulary)."""
        top = max(idf.values(), default=1.0) if top is None else top
        out: list[Group] = []
        if lang == "en":
            taken = []
            for m in self.glossary.find(question):
                taken.append((m.start, m.end))
                alts = tuple(frozenset(self._toks(v)) for v in m.variants if self._toks(v))
                if alts and not all(w in self.en_stop for w in m.english.lower().split()):
                    weight = min(max(idf.get(t, top) for t in a) for a in alts)  # the rarest word defines a variant
                    out.append(Group(m.english, alts, weight))
            for w in _WORD.finditer(question):
                word = re.sub(r"['’]s$", "", w.group(0))
                if any(a <= w.start() < b for a, b in taken) or word.lower() in self.en_stop or len(word) < 2:
                    continue
                name = word[0].isupper() and w.start() > 0 or any(ch.isdigit() for ch in word)
                toks = frozenset(self._toks(word))
                if toks:
                    out.append(Group(word, (toks,), min(idf.get(t, top) for t in toks) * (1.0 if name else 0.35)))
        else:
            folded_stop = {fold(w) for w in self.analyzer.stopwords}
            tokens = list(dict.fromkeys(self.analyzer.query(question)))
            for t in tokens:
                if "_" in t or t.startswith(("code:", "num:")) or fold(t) in folded_stop:
                    continue
                if t == fold(t) and any(fold(o) == t and o != t for o in tokens):
                    continue  # the folded twin of a syllable already counted
                out.append(Group(t, (frozenset({t}), frozenset({fold(t)})), idf.get(t, top)))
        return out

    def _toks(self, text: str) -> list[str]:
        return [t for t in self.analyzer.passage(text) if "_" not in t and not t.startswith(("code:", "num:"))]

    def coverage(self, groups: list[Group], passages: list[str]) -> float:
        if not groups:
            return 1.0
        have: set[str] = set()
        for p in passages:
            have.update(self.analyzer.passage(p))
        total = sum(g.weight for g in groups) or 1.0
        return sum(g.weight for g in groups if any(a <= have for a in g.alternatives)) / total
