"""Issuing bodies as the texts citing a document write them, matched and named from prompts/issuers.tsv.

The table gives the names; this module adds only how citing sentences write them: either tone placement ("Ủy",
"Uỷ"), a minister's title before the ministry ("Bộ trưởng Bộ Tài chính"), and after a local body its level and place
("UBND huyện Đăk Hà", "Tỉnh ủy Kon Tum"). Built on first use (importing reads no file)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vntext.codes import fold_text

# administrative levels written after a local body; a local body written without one is the province's
_LEVELS = r"tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường"
_LEVEL_NAMES = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố", "huyen": "huyện", "quan": "quận"}
_DEFAULT_LEVEL = "tỉnh"
_PLACE = r"(?-i:(?:(?: [-–])? [A-ZĐ]\w+)*)"  # "Tỉnh ủy Bà Rịa - Vũng Tàu"


def _written(name: str) -> str:
    """A name as a regular expression that accepts both tone placements."""
    rx = re.escape(name).replace("\\ ", " ")
    return rx.replace("Ủy", "(?:Ủy|Uỷ)").replace("ủy", "(?:ủy|uỷ)").replace("hóa", "(?:hóa|hoá)")


@dataclass(frozen=True)
class Issuers:
    """`pattern`: any issuing body as written (to embed in larger expressions, matched ignoring case);
    `canonical(phrase)`: the table's name of the body a phrase names."""

    pattern: str
    _by_folded: dict[str, tuple[str, bool]]  # folded spelling -> (canonical, generic local body)
    _find: re.Pattern[str]  # folded spellings, longest first

    def canonical(self, phrase: str) -> str:
        """"của Ban thường vụ Tỉnh ủy" -> "Ban Thường vụ Tỉnh ủy"; "UBND huyện Đăk Hà" -> "Ủy ban nhân dân huyện";
        unknown bodies come back as written (spaces made single)."""
        body = re.sub(r"^[\s,]*(?:của|do)\s+", "", phrase.strip(), flags=re.I)
        body = re.sub(r"\s+(?:đã\s+|vừa\s+)?ban hành\s*$", "", body)
        body = re.sub(r"^.*?,\s*", "", body) if re.match(r"ngày", body, re.I) else body
        body = re.sub(r"\s+(?:đã\s+|vừa\s+|cũng\s+)?(?:ban hành|có|ký|ra|tại|theo)(?:\s+các|\s+một)?\s*$", "", body, flags=re.I)
        folded = fold_text(body)
        found = sorted(self._find.finditer(folded), key=lambda m: (-len(m.group()), m.start()))
        if not found:
            return re.sub(r"\s+", " ", body)
        m = found[0]
        name, generic = self._by_folded[m.group()]
        if not generic:
            return name
        level = re.match(r" (thanh pho|tinh|tp|huyen|quan)(?!\w)", folded[m.end():])
        return f"{name} {_LEVEL_NAMES[level.group(1)] if level else _DEFAULT_LEVEL}"


@lru_cache(maxsize=4)
def issuers(prompts_dir: Path | None = None) -> Issuers:
    """From the issuers table of `prompts_dir` (default: the product's prompts/)."""
    from core.lexicon import Lexicon
    from core.settings import PROMPTS_DIR

    terms = Lexicon(prompts_dir or PROMPTS_DIR).issuers
    names = {t.vi for t in terms}
    rows = {fold_text(t.vi) for t in terms}
    alts, by_folded = [], {}
    for t in terms:
        local = t.extra[:1] == ("local",)
        generic = local and f"{t.vi} {_DEFAULT_LEVEL}" in names  # "Ủy ban nhân dân": of some level
        for s in t.spellings:
            tail = (f"(?: (?:{_LEVELS}))?" if generic else "") + (_PLACE if local else "")
            alts.append((not generic, -len(s), _written(s) + tail))
            if s == t.vi or fold_text(s) not in rows:  # a name that is its own row names that row
                by_folded.setdefault(fold_text(s), (t.vi, generic))
    # a generic local body first: with its level and place it spans "UBND TP. HCM", which "UBND TP" would cut short
    pattern = "(?:Bộ trưởng )?(?:" + "|".join(rx for *_, rx in sorted(alts)) + ")"
    folded = sorted(by_folded, key=len, reverse=True)
    find = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in folded) + r")(?!\w)")
    return Issuers(pattern, by_folded, find)
