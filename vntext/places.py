"""Province names (prompts/provinces_vi.txt: "Canonical|variant|...") found in text on whole words: one gazetteer
for ingest (a document's province), the question frame, the constraints and the follow-up rewriting."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from vntext.normalize import fold, normalize, one_slip


# the sides of a place ("phía Bắc", "phía Đông Nam"), the compound ones first
COMPASS = ("Đông Bắc", "Đông Nam", "Tây Bắc", "Tây Nam", "Bắc", "Nam", "Đông", "Tây")
_COMPASS_EN = {"north": "Bắc", "south": "Nam", "east": "Đông", "west": "Tây"}


def side_in_english(text: str) -> str | None:
    """The side of a place an English question names, as Vietnamese writes it ("to the south of" -> "Nam",
    "northeastern" -> "Đông Bắc"); None when it names none."""
    for m in re.finditer(r"(?i)\b(north|south)?-?(east|west)?(?:ern)?\b", text):
        ns, ew = (m.group(1) or "").lower(), (m.group(2) or "").lower()
        if ns or ew:
            return " ".join(_COMPASS_EN[w] for w in (ew, ns) if w) if ns and ew else _COMPASS_EN[ns or ew]
    return None


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

    def misspelt(self, text: str) -> str:
        """`text` with a province name typed one slip away ("An Gaing", "Kom Tum") spelt as the gazetteer does: a
        run of capitalised words, as many as the name's, each opening with the name's letter, one letter added,
        dropped, changed or two swapped (diacritics and case aside). Names of fewer than six letters are left alone:
        one slip from them is too often another word."""
        known = [(s, e) for _, s, e in self.find(text, ignore_case=True)]
        words = [m for m in _WORD.finditer(text) if m.group()[0].isupper()
                 and not any(s <= m.start() < e for s, e in known)]
        out, at, i = [], 0, 0
        while i < len(words):
            run = [words[i]]  # capitalised words written one space apart
            while i + len(run) < len(words) and text[run[-1].end():words[i + len(run)].start()] == " ":
                run.append(words[i + len(run)])
            for n in range(min(len(run), 4), 1, -1):
                typed = text[run[0].start():run[n - 1].end()]
                name = self._near_name(fold(typed).lower(), n)
                if name:
                    out += [text[at:run[0].start()], name]
                    at, i = run[n - 1].end(), i + n - 1
                    break
            i += 1
        return "".join(out) + text[at:]

    def initials(self, text: str, held, known: frozenset[str] = frozenset()) -> str:
        """`text` with a province written by its two initials in chat ("đoàn khách đến LS") spelt out, when exactly
        one two-word province with those initials (diacritics aside: "DN" is "ĐN") is `held` (the index names it).
        Capitals some lexicon knows (`known`: "CT", "KH", "TW") and parts of a number ("1/KH-UB") are left alone."""
        def spelt(m: re.Match) -> str:
            if m.group() in known:
                return m.group()
            key = fold(m.group()).upper()
            names = {n for n in set(self.canonical.values()) if len(n.split()) == 2
                     and "".join(fold(w)[0] for w in n.split()).upper() == key and held(n)}
            return names.pop() if len(names) == 1 else m.group()
        return _INITIALS.sub(spelt, text)

    def _near_name(self, typed: str, words: int) -> str | None:
        initials = [w[0] for w in typed.split()]
        for name, key, firsts in self._slip_keys:
            if len(firsts) == words and key != typed and firsts == initials and one_slip(typed, key):
                return name
        return None

    @cached_property
    def _slip_keys(self) -> tuple[tuple[str, str, list[str]], ...]:
        """(spelling, its folded lower-case form, its words' first letters) of every name of six letters or more, in
        `_names`' order: folded once, not for every capitalised run of every question."""
        out = []
        for name in self._names:
            key = fold(name).lower()
            if len(key.replace(" ", "")) >= 6:
                out.append((name, key, [p[0] for p in key.split()]))
        return tuple(out)

    def find(self, text: str, ignore_case: bool = False) -> list[tuple[str, int, int]]:
        """(canonical, start, end) of each place named in `text`."""
        names = self._names
        out = []
        for m in _places_re(names, re.IGNORECASE if ignore_case else 0).finditer(text):
            key = m.group() if m.group() in self.canonical else next(
                n for n in names if n.lower() == m.group().lower())
            out.append((self.canonical[key], m.start(), m.end()))
        return out


_WORD = re.compile(r"[^\W\d_]+")
_INITIALS = re.compile(r"(?<![\w/.-])[A-ZĐ]{2}(?![\w/-])")


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
