"""Dates written in a question, in Vietnamese or English, as ISO strings ("28 February 2017" -> "2017-02-28")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_NUMERIC = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")
_VI_WORDS = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b", re.I)
_EN_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_EN_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def valid_iso(d: int, m: int, y: int, years: tuple[int, int] = (1000, 2999)) -> str | None:
    """yyyy-mm-dd of a day that exists ("30/2/2015" does not), in the year range; else None."""
    try:
        return date(y, m, d).isoformat() if years[0] <= y <= years[1] else None
    except ValueError:
        return None


_iso = valid_iso


def parse_dmy(s: str) -> str | None:
    """The day-first date a string is ("10/4/2013", "10 tháng 4 năm 2013" -> "2013-04-10"); None when it is not three
    numbers or is an impossible date."""
    nums = re.findall(r"\d+", s)
    return _iso(*(int(n) for n in nums)) if len(nums) == 3 else None


def dates_in(text: str) -> list[str]:
    """Every day-month-year date in the text (Vietnamese day-first order for numeric dates)."""
    out: list[str | None] = []
    out += [_iso(int(d), int(m), int(y)) for d, m, y in _NUMERIC.findall(text)]
    out += [_iso(int(d), int(m), int(y)) for d, m, y in _VI_WORDS.findall(text)]
    out += [_iso(int(d), _MONTHS[mo.lower()], int(y)) for d, mo, y in _EN_DMY.findall(text) if mo.lower() in _MONTHS]
    out += [_iso(int(d), _MONTHS[mo.lower()], int(y)) for mo, d, y in _EN_MDY.findall(text) if mo.lower() in _MONTHS]
    return list(dict.fromkeys(x for x in out if x))


YEAR_RE = re.compile(r"(?<![\w/.,])(1[89]\d\d|20\d\d)(?![\w/]|[.,]\d)")
_SPAN_RES = (  # most specific first; a later match inside an earlier one is skipped
    re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b", re.I),
    re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/])"),
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(January|February|March|April|May|June|July|August|September|"
               r"October|November|December)\.?,?\s+(\d{4})\b", re.I),
    re.compile(r"\btháng\s+(\d{1,2})\s*(?:năm\s+|/\s*)(\d{4})\b", re.I),
    re.compile(r"(?<![\d/.-])(\d{1,2})\s*/\s*(\d{4})(?![\d/])"),
    re.compile(r"\b(?:năm|year|in)\s+(1[89]\d\d|20\d\d)(?![\d/-])", re.I),
    # a day of every year, written without one ("trước ngày 15 tháng 11 hằng năm", "ngày 31/12", "by 15 November"):
    # a deadline or anniversary in a rule
    re.compile(r"\bngày\s+(\d{1,2})\s*(?:tháng\s+|/\s*)(\d{1,2})(?![\d/.-]|\s+năm\s+\d|\s*/)(?:\s+(?:hằng|hàng)\s+năm)?", re.I),
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(January|February|March|April|May|June|July|August|September|"
               r"October|November|December)\b(?!\.?,?\s+\d{4})(?:\s+(?:each|every)\s+year)?", re.I),
)


@dataclass(frozen=True)
class DateSpan:
    """A date written in a text: `iso` is yyyy-mm-dd, yyyy-mm or yyyy as far as the text says, or --mm-dd for a day
    of every year (`year` is then "")."""

    iso: str
    year: str
    start: int
    end: int

    @property
    def precision(self) -> int:
        """1 a year, 2 a month, 3 a day."""
        return 3 if not self.year else self.iso.count("-") + 1


def _span_of(kind: int, m: re.Match[str]) -> DateSpan | None:
    g = m.groups()
    if kind in (0, 1):
        iso = _iso(int(g[0]), int(g[1]), int(g[2]))
    elif kind == 2:
        iso = _iso(int(g[0]), _MONTHS[g[1].lower()], int(g[2]))
    elif kind in (3, 4):
        iso = f"{int(g[1]):04d}-{int(g[0]):02d}" if 1 <= int(g[0]) <= 12 and 1000 <= int(g[1]) <= 2999 else None
    elif kind == 5:
        iso = g[0]
    else:  # a day of every year: ISO 8601's "--mm-dd", no year
        month = int(g[1]) if kind == 6 else _MONTHS[g[1].lower()]
        iso = f"--{month:02d}-{int(g[0]):02d}" if _iso(int(g[0]), month, 2000) else None
        return DateSpan(iso, "", m.start(), m.end()) if iso else None
    return DateSpan(iso, iso[:4], m.start(), m.end()) if iso else None


def date_spans(text: str) -> list[DateSpan]:
    """Every date, month or year stated in a text, left to right, the longest reading of each place."""
    out: list[DateSpan] = []
    for kind, rx in enumerate(_SPAN_RES):
        for m in rx.finditer(text):
            if any(d.start <= m.start() < d.end or m.start() <= d.start < m.end() for d in out):
                continue
            span = _span_of(kind, m)
            if span:
                out.append(span)
    for m in YEAR_RE.finditer(text):  # bare years ("đến 2010", "giai đoạn 2011-2020")
        before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 1]
        if before == "-" and not YEAR_RE.search(text, max(0, m.start() - 6), m.start() - 1):
            continue  # "38-2012": part of a number, not a year
        if after == "-" and not YEAR_RE.match(text, m.end() + 1):
            continue
        if not any(d.start <= m.start() < d.end for d in out):
            out.append(DateSpan(m.group(1), m.group(1), m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


def years_in(text: str) -> set[str]:
    """The years a text states, in dates or alone."""
    return {d.year for d in date_spans(text) if d.year}


_PERIOD = re.compile(r"(?<![\d/.-])(?:(?:[Tt]ừ|[Ff]rom)\s+(?:năm\s+)?)?((?:19|20)\d{2})(?:\s*[-–—]\s*|\s+(?:đến|tới|to|until)\s+"
                     r"(?:năm\s+)?)((?:19|20)\d{2})(?![\d/.-])")


def period_spans(text: str) -> list[tuple[int, int]]:
    """Periods written as two years ("2018-2021", "2016 - 2020", "từ năm 2016 đến năm 2020"), the later one after:
    (start, end) offsets from the first year to the second."""
    return [(m.start(1), m.end(2)) for m in _PERIOD.finditer(text) if int(m.group(1)) < int(m.group(2))]
