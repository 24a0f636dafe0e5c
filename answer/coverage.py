"""How much of a question the retrieved passages cover, as weighted concept groups.

A Vietnamese question contributes one group per content syllable (its folded form also counts). An English
question contributes one group per glossary term (any Vietnamese variant counts) plus its other content words;
words the glossary does not know weigh less, since we cannot tell what they would be in Vietnamese, unless they
look like names (capitalised or with digits), which must appear as written."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from core.types import IndexStats, QuestionFrame
from retriever.glossary import Glossary
from vntext.analyzer import Analyzer
from vntext.normalize import fold
from vntext.tokens import TokenKind, kind_of


_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Group:
    label: str
    alternatives: tuple[frozenset[str], ...]  # covered when every token of one alternative is present
    weight: float


class CoverageJudge:
    def __init__(self, analyzer: Analyzer, glossary: Glossary, en_stopwords: frozenset[str], unknown_en_weight: float):
        self.analyzer, self.glossary, self.en_stop = analyzer, glossary, en_stopwords
        self.unknown_en_weight = unknown_en_weight

    def groups(self, frame: QuestionFrame, stats: IndexStats) -> list[Group]:
        """The question's concepts (from its core: filler weighs nothing), each weighted by its rarest word's idf;
        a word the index never saw weighs the most."""
        question, idf, top = frame.core, stats.idf, stats.max_idf
        asking = frozenset(frame.asking)  # "dài khoảng bao nhiêu cây số": passages write the figure instead
        out: list[Group] = []
        if frame.lang == "en":
            taken = []
            for m in self.glossary.find(question):
                taken.append((m.start, m.end))
                alts = tuple(frozenset(self._toks(v)) for v in m.variants if self._toks(v))
                if alts and not all(w in self.en_stop or w in asking for w in m.english.lower().split()):
                    weight = min(max(idf.get(t, top) for t in a) for a in alts)  # the rarest word defines a variant
                    out.append(Group(m.english, alts, weight))
            for w in _WORD.finditer(question):
                word = re.sub(r"['’]s$", "", w.group(0))
                if any(a <= w.start() < b for a, b in taken) or word.lower() in self.en_stop or len(word) < 2 \
                        or fold(word.lower()) in asking:
                    continue
                name = word[0].isupper() and w.start() > 0 or any(ch.isdigit() for ch in word)
                toks = frozenset(self._toks(word))
                if toks:
                    weight = min(idf.get(t, top) for t in toks) * (1.0 if name else self.unknown_en_weight)
                    out.append(Group(word, (toks,), weight))
        else:
            tokens = list(dict.fromkeys(self.analyzer.query(question)))
            for t in tokens:
                if kind_of(t) != TokenKind.WORD or self._stopword(t) or fold(t) in asking:
                    continue
                if t == fold(t) and any(fold(o) == t and o != t for o in tokens):
                    continue  # the folded twin of a syllable already counted
                out.append(Group(t, (frozenset({t}), frozenset({fold(t)})), idf.get(t, top)))
        return out

    def _stopword(self, syllable: str) -> bool:
        """A stopword as written; a syllable written without diacritics when it may be one ("cua": "của").
        "cửa" is not "của", "thị" is not "thì", "Bỉ" is not "bị"."""
        stop = self.analyzer.stopwords
        return syllable in stop or (syllable == fold(syllable) and syllable in self._folded_stop)

    @cached_property
    def _folded_stop(self) -> frozenset[str]:
        return frozenset(fold(w) for w in self.analyzer.stopwords)

    def _toks(self, text: str) -> list[str]:
        return [t for t in self.analyzer.passage(text) if kind_of(t) == TokenKind.WORD]

    def coverage(self, groups: list[Group], passages: list[str]) -> float:
        if not groups:
            return 1.0
        have: set[str] = set()
        for p in passages:
            have.update(self.analyzer.passage(p))
        total = sum(g.weight for g in groups) or 1.0
        return sum(g.weight for g in groups if any(a <= have for a in g.alternatives)) / total

    def bigram_coverage(self, frame: QuestionFrame, stats: IndexStats, passages: list[str]) -> tuple[float, float]:
        """The idf-weighted share of the question's two-syllable words (adjacent content syllables; for an English
        question, those of its glossary renderings) that the passages hold: Vietnamese words are mostly compounds,
        and a passage of another law shares their syllables far more often than the words themselves. Also the
        weight of the rarest such word the passages lack, relative to the rarest possible (a specific term of the
        question missing from every passage)."""
        have: set[str] = set()
        for p in passages:
            have.update(self.analyzer.passage(p))
        return self.held_share(self.bigram_weights(frame, stats), have, stats)

    def bigram_weights(self, frame: QuestionFrame, stats: IndexStats) -> dict[str, float]:
        """The question's two-syllable words (as `bigram_coverage` reads them), each with its idf."""
        text = " ".join(frame.expansions) if frame.lang == "en" else frame.core
        tokens = list(dict.fromkeys(t for t in self.analyzer.query(text) if kind_of(t) == TokenKind.BIGRAM))
        grams = dict.fromkeys(  # each word once, folded (as passages index it), read from its written form
            fold(t) for t in tokens if not any(self._stopword(p) or fold(p) in frame.asking for p in t.split("_"))
            and (t != fold(t) or not any(fold(o) == t and o != t for o in tokens)))
        return {g: stats.idf.get(g, stats.max_idf) for g in grams}

    @staticmethod
    def held_share(weight: dict[str, float], have: set[str] | frozenset[str], stats: IndexStats) -> tuple[float, float]:
        """The idf-weighted share of `weight`'s words in `have`, and the weight of the rarest one missing relative to
        the rarest possible."""
        if not weight:
            return 1.0, 0.0
        lacking = max((w for g, w in weight.items() if g not in have), default=0.0)
        return sum(w for g, w in weight.items() if g in have) / (sum(weight.values()) or 1.0), lacking / (stats.max_idf or 1.0)
