"""Split cleaned text into sentences and pack them into overlapping chunks that respect legal structure.

All results are offsets into the input text; the text itself is never altered. Deterministic.
"""
from __future__ import annotations

import re

from vntext.sentences import LINE_RE, sentences_in, split_sentences, trim_span  # noqa: F401  (re-exported)
from core.types import Span
from ingest.tables import is_table_row
from vntext.contact import is_contact_heading

_ARTICLE = re.compile(r"^[ \t]*(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*[.:]")
_PART = re.compile(r"^[ \t]*(?:(?:Phần|PHẦN)\s+(?:(?:[Tt]hứ|THỨ)\s+\S+|[IVXLCDM]+\b|\d+\b)"
                   r"|(?:Chương|CHƯƠNG)\s+(?:[IVXLCDM]+|\d+)\b|(?:Mục|MỤC)\s+(?:\d+|[IVXLCDM]+)\b)")
_MAX_HEADING = 160


def _split_long(text: str, a: int, b: int, size: int) -> list[tuple[int, int]]:
    """Cut a sentence into pieces of at most `size` chars at ";", then ",", then whitespace, as late as possible."""
    pieces = []
    while b - a > size:
        window = text[a + size // 2: a + size]
        cut = -1
        for sep in (";", ",", " ", "\t", "\n"):
            k = window.rfind(sep)
            if k >= 0:
                cut = a + size // 2 + k + 1
                break
        if cut < 0:
            cut = a + size
        s = trim_span(text, a, cut)
        if s[0] < s[1]:
            pieces.append(s)
        a = trim_span(text, cut, b)[0]
    pieces.append((a, b))
    return pieces


def _sections(text: str, min_chars: int) -> list[tuple[int, int, str | None]]:
    """(start, end, heading) pieces starting at every Phần/Chương/Mục/Điều line; heading-only pieces merge forward."""
    starts: list[tuple[int, str | None]] = []
    lines = list(LINE_RE.finditer(text))
    for k, line in enumerate(lines):
        s = line.group()
        if _ARTICLE.match(s) or _PART.match(s):
            starts.append((line.start(), s.strip()))
        elif is_contact_heading(s, lines[k + 1].group() if k + 1 < len(lines) else None):
            # a publisher's contact block after the article (its name in capitals over its address) is a piece of
            # its own (no legal heading): the article's chunks stay as they were, and the block's chunk names the body
            starts.append((line.start(), None))
    bounds = [(0, None)] + starts if not starts or starts[0][0] > 0 else starts
    raw = []
    for k, (start, head) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else len(text)
        raw.append([start, end, head])
    out: list[tuple[int, int, str | None]] = []
    context: str | None = None  # the current Chương/Mục/Phần line
    pending: int | None = None
    for start, end, head in raw:
        is_article = head is not None and bool(_ARTICLE.match(head))
        if head is not None and not is_article:
            context = head
        heading = head if is_article else context
        if pending is not None:
            start, pending = pending, None
        if head is not None and not is_article and end < len(text) and _titles_only(text[start:end]):
            pending = start  # "Chương I\nQUY ĐỊNH CHUNG" joins the article below it
            continue
        out.append((start, end, _short(heading)))
    return out


def _titles_only(section: str) -> bool:
    """Only heading lines and upper-case titles, no body text."""
    return all(_PART.match(ln) or (ln.isupper() and len(ln) < 200) for ln in section.split("\n") if ln.strip())


def _short(heading: str | None) -> str | None:
    if heading is None or len(heading) <= _MAX_HEADING:
        return heading
    cut = heading.rfind(" ", 0, _MAX_HEADING)
    return heading[: cut if cut > 0 else _MAX_HEADING].rstrip(" ,;:") + "…"


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end], except that a table row (ingest/tables.py) is one unit: never cut."""
    out: list[tuple[int, int]] = []
    for line in LINE_RE.finditer(text, start, end):
        if is_table_row(line.group()):
            span = trim_span(text, *line.span())
            out += [span] if span[0] < span[1] else []
        else:
            out += sentences_in(text, *line.span())
    return out


def chunk_text(text: str, min_chars: int = 300, max_chars: int = 900) -> list[Span]:
    """Greedy sentence packing up to max_chars with one sentence of overlap; legal headings start new chunks.

    Every span is whitespace-trimmed and at most max_chars long; Span.heading names the article ("Điều 5. ...")
    or, outside articles, the chapter/section line the chunk sits in.
    """
    if min_chars > max_chars:
        raise ValueError(f"min_chars {min_chars} is larger than max_chars {max_chars}")
    spans: list[Span] = []
    for sec_start, sec_end, heading in _sections(text, min_chars):
        units: list[tuple[int, int]] = []
        for a, b in _units(text, sec_start, sec_end):
            units += _split_long(text, a, b, max_chars // 2) if b - a > max_chars else [(a, b)]
        i, n = 0, len(units)
        while i < n:
            start, j = units[i][0], i
            while j + 1 < n and units[j + 1][1] - start <= max_chars:
                j += 1
            spans.append(Span(start, units[j][1], heading))
            if j + 1 >= n:
                break
            last_len = units[j][1] - units[j][0]
            overlap = j > i and last_len <= max_chars // 3 and units[j + 1][1] - units[j][0] <= max_chars
            i = j if overlap else j + 1
    return spans
