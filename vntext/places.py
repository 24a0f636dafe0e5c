"""Province names (prompts/provinces_vi.txt: "Canonical|variant|...") found in text on whole words: one gazetteer
for ingest (a document's province), the question frame, the constraints and the follow-up rewriting."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from vntext.normalize import fold, normalize


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in words)


@dataclass(frozen=True)
class Places:
    """Province names from prompts/provinces_vi.txt ("Canonical|variant|..."), matched on whole words."""

    canonical: dict[str, str]  # every spelling -> canonical name

    @classmethod
    def load(cls, path: Path) -> "Places":
        names: dict[str, str] = {}
        for n, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            line = normalize(raw).strip()
            if not line or line.startswith("#"):
                continue
            variants = [v.strip() for v in line.split("|")]
            if not all(variants):
                raise ValueError(f"{path}: line {n}: empty name in {raw!r}")
            for v in variants:
                names.setdefault(v, variants[0])
        return cls(names)

    @cached_property
    def _names(self) -> tuple[str, ...]:
        """Every spelling, longest first (so "Bà Rịa - Vũng Tàu" wins over "Vũng Tàu"): sorted once, not per call."""
        return tuple(sorted(self.canonical, key=len, reverse=True))

    def as_written(self, text: str) -> str:
        """`text` with the provinces it names spelt as written ("đồng nai" -> "Đồng Nai") and a capital first."""
        for name, s, e in reversed(self.find(text, ignore_case=True)):
            if fold(text[s:e]) == fold(name):
                text = text[:s] + name + text[e:]
        return text[:1].upper() + text[1:]

    def find(self, text: str, ignore_case: bool = False) -> list[tuple[str, int, int]]:
        """(canonical, start, end) of each place named in `text`."""
        names = self._names
        out = []
        for m in _places_re(names, re.IGNORECASE if ignore_case else 0).finditer(text):
            key = m.group() if m.group() in self.canonical else next(
                n for n in names if n.lower() == m.group().lower())
            out.append((self.canonical[key], m.start(), m.end()))
        return out


@lru_cache(maxsize=8)
def _places_re(names: tuple[str, ...], flags: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alt(names)})(?!\w)", flags) if names else re.compile(r"(?!)")


@lru_cache(maxsize=4)
def _load_places_cached(path: str, mtime_ns: int) -> Places:
    return Places.load(Path(path))


def load_places(prompts_dir: Path) -> Places | None:
    """prompts_dir/provinces_vi.txt, re-read when it changes; None when the file is missing."""
    path = Path(prompts_dir) / "provinces_vi.txt"
    try:
        return _load_places_cached(str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None
