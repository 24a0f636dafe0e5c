"""English -> Vietnamese domain glossary, used to expand English questions into Vietnamese search terms.

File format (UTF-8, one entry a line): ``english<TAB>vietnamese 1|vietnamese 2|...``; blank lines and lines
starting with ``#`` are ignored. English terms match case-insensitively on word boundaries, longest first, with
simple plural stemming ("directives" -> "directive", "policies" -> "policy").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from core.errors import ConfigError
from vntext.normalize import fold, normalize


class GlossaryError(ConfigError, ValueError):
    """A malformed glossary file; the message names the file, the line number and its content."""


@dataclass(frozen=True)
class GlossaryEntry:
    english: str
    variants: tuple[str, ...]
    line: int  # 1-based line in the file


@dataclass(frozen=True)
class GlossaryMatch:
    """An English term found in a question: `start`/`end` are character offsets in the question."""

    english: str
    variants: tuple[str, ...]
    start: int
    end: int


_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’]", re.IGNORECASE)


_US_SPELLING = {"centre": "center", "programme": "program", "defence": "defense", "licence": "license",
                "labour": "labor", "favour": "favor", "neighbour": "neighbor", "honour": "honor",
                "judgement": "judgment", "offence": "offense", "catalogue": "catalog"}
_ISE = re.compile(r"(?<=\w{3})is(ations?|ational|e|ed|ing)$")  # organisation(al), organised, recognise -> -iz-


def stem(word: str) -> str:
    """Plural -> singular and British -> American spelling, crude but symmetric: applied to glossary terms and
    questions alike ("organisations" and "organization" both give "organization")."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return _US_SPELLING.get(w) or _ISE.sub(r"iz\1", w)


_ARTICLES = frozenset({"the", "a", "an"})


def _words(text: str) -> list[tuple[str, int, int]]:
    """(stemmed word, start, end) for each word but the articles ("gave the instructions" is "gave instruction");
    possessive 's / s' is blanked out (same length)."""
    blanked = _POSSESSIVE.sub(lambda m: " " * len(m.group()), text)
    return [(w, m.start(), m.end()) for m in _WORD.finditer(blanked) if (w := stem(m.group())) not in _ARTICLES]


def _vi_key(text: str) -> str:
    return " ".join(normalize(text).lower().split())


class Glossary:
    def __init__(self, entries: list[GlossaryEntry] | tuple[GlossaryEntry, ...]):
        self.entries: tuple[GlossaryEntry, ...] = tuple(entries)
        self._terms: dict[tuple[str, ...], GlossaryEntry] = {}
        self._english: dict[str, str] = {}
        self._english_folded: dict[str, str] = {}
        for entry in self.entries:
            key = tuple(w for w, _, _ in _words(entry.english))
            if not key:
                raise GlossaryError(f"glossary line {entry.line}: no English word in {entry.english!r}")
            if key in self._terms:
                first = self._terms[key]
                raise GlossaryError(
                    f"glossary line {entry.line}: {entry.english!r} duplicates line {first.line} ({first.english!r})")
            self._terms[key] = entry
            for variant in entry.variants:
                self._english.setdefault(_vi_key(variant), entry.english)
                self._english_folded.setdefault(fold(_vi_key(variant)), entry.english)
        self._max_len = max((len(k) for k in self._terms), default=0)

    @classmethod
    def load(cls, path: Path | str) -> "Glossary":
        path = Path(path)
        entries: list[GlossaryEntry] = []
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            line = normalize(raw).strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            english = parts[0].strip()
            variants = tuple(v.strip() for v in "\t".join(parts[1:]).split("|")) if len(parts) > 1 else ()
            if len(parts) != 2 or not english or not variants or not all(variants):
                raise GlossaryError(
                    f"{path}: line {n}: expected 'english<TAB>variant|variant', got {raw!r}")
            entries.append(GlossaryEntry(english, tuple(dict.fromkeys(variants)), n))
        return cls(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, question: str) -> list[GlossaryMatch]:
        """English terms in `question`, left to right, longest match first, non-overlapping."""
        words = _words(question)
        out: list[GlossaryMatch] = []
        i = 0
        while i < len(words):
            for size in range(min(self._max_len, len(words) - i), 0, -1):
                entry = self._terms.get(tuple(w for w, _, _ in words[i:i + size]))
                if entry is not None:
                    out.append(GlossaryMatch(entry.english, entry.variants, words[i][1], words[i + size - 1][2]))
                    i += size
                    break
            else:
                i += 1
        return out

    def expand(self, question: str) -> list[str]:
        """Vietnamese variants of every English term in `question`, in order, without duplicates."""
        seen: dict[str, None] = {}
        for match in self.find(question):
            for variant in match.variants:
                seen.setdefault(variant, None)
        return list(seen)

    def english_for(self, vietnamese: str) -> str | None:
        """The English term whose variant is `vietnamese` (case, tone placement and, failing that, diacritics
        ignored); None when unknown."""
        key = _vi_key(vietnamese)
        return self._english.get(key) or self._english_folded.get(fold(key))
