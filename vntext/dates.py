"""Dates written in a question, in Vietnamese or English, as ISO strings ("28 February 2017" -> "2017-02-28")."""
from __future__ import annotations

import re

_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_NUMERIC = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")
_VI_WORDS = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b", re.I)
_EN_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_EN_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def _iso(d: int, m: int, y: int) -> str | None:
    if 1 <= d <= 31 and 1 <= m <= 12 and 1000 <= y <= 2999:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def dates_in(text: str) -> list[str]:
    """Every day-month-year date in the text (Vietnamese day-first order for numeric dates)."""
    out: list[str | None] = []
    out += [_iso(int(d), int(m), int(y)) for d, m, y in _NUMERIC.findall(text)]
    out += [_iso(int(d), int(m), int(y)) for d, m, y in _VI_WORDS.findall(text)]
    out += [_iso(int(d), _MONTHS[mo.lower()], int(y)) for d, mo, y in _EN_DMY.findall(text) if mo.lower() in _MONTHS]
    out += [_iso(int(d), _MONTHS[mo.lower()], int(y)) for mo, d, y in _EN_MDY.findall(text) if mo.lower() in _MONTHS]
    return list(dict.fromkeys(x for x in out if x))
