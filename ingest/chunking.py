"""Split cleaned text into sentences and pack them into overlapping chunks that respect legal structure.

All results are offsets into the input text; the text itself is never altered. Deterministic.
"""
from __future__ import annotations

import re

from core.types import Span

# Abbreviations whose period does not end a sentence ("TP. Hồ Chí Minh", "PGS. TS. Nguyễn Văn A").
ABBREVIATIONS = frozenset({
    "TP", "Tp", "tp", "Th", "TS", "Ts", "PGS", "GS", "ThS", "Ths", "St", "BS", "BSCK", "KS", "CN", "NCS", "TX", "TT",
    "Tr", "tr", "Nxb", "NXB", "Mr", "Mrs", "Ms", "Dr", "Prof", "No", "Vol", "pp", "Q", "P", "H", "Ô", "ông", "bà",
})
_LINE = re.compile(r"[^\n]+")
_END = re.compile(r"(?:\./\.|[.!?…]+)[\"”’»)\]']*(?=\s)")
_OPENERS = "\"“‘'(«[-–•*"
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*|[IVXLCDM]+|[a-zđ])$")
_HEADING_WORD = re.compile(r"(?:^|\s)(?:Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Khoản|Điểm|Phụ lục|PHỤ LỤC)\s*$")
_ARTICLE = re.compile(r"^[ \t]*(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*[.:]")
_PART = re.compile(r"^[ \t]*(?:(?:Phần|PHẦN)\s+(?:(?:[Tt]hứ|THỨ)\s+\S+|[IVXLCDM]+\b|\d+\b)"
                   r"|(?:Chương|CHƯƠNG)\s+(?:[IVXLCDM]+|\d+)\b|(?:Mục|MỤC)\s+(?:\d+|[IVXLCDM]+)\b)")
_MAX_HEADING = 160


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (whitespace-trimmed) of text[start:end]; every line break is a boundary."""
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text, start, end):
        ls, le = line.span()
        seg = ls
        for m in _END.finditer(text, ls, le):
            if not _is_boundary(text, ls, m):
                continue
            out.append((seg, m.end()))
            seg = m.end()
        out.append((seg, le))
    return [s for s in (_trim(text, a, b) for a, b in out) if s[0] < s[1]]


def _is_boundary(text: str, line_start: int, m: re.Match[str]) -> bool:
    nxt = m.end()
    while nxt < len(text) and text[nxt] in " \t":
        nxt += 1
    if nxt >= len(text) or text[nxt] == "\n":
        return False  # the line ends here anyway
    c = text[nxt]
    if not (c.isupper() or c.isdigit() or c in _OPENERS):
        return False
    if m.group().startswith((".", "./.")) and m.group()[:3] not in ("./.", "..."):
        before = text[line_start:m.start()]
        token = before.rsplit(None, 1)[-1] if before.strip() else ""
        token = token.lstrip(_OPENERS)
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha() and token.isupper()):
            return False
        if "." in token and all(len(p) <= 2 and p.isalpha() for p in token.split(".")):
            return False  # initials: "L.V. Bình"
        if _NUMBERING.match(token):
            head = before[: len(before) - len(before.rsplit(None, 1)[-1])] if before.strip() else ""
            if not head.strip() or _HEADING_WORD.search(head):
                return False  # list marker "1." or heading "Điều 5."
    return True


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence; abbreviations, numbers, dates, document codes and list markers don't split."""
    return _sentences(text, 0, len(text))


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
        s = _trim(text, a, cut)
        if s[0] < s[1]:
            pieces.append(s)
        a = _trim(text, cut, b)[0]
    pieces.append((a, b))
    return pieces


def _sections(text: str, min_chars: int) -> list[tuple[int, int, str | None]]:
    """(start, end, heading) pieces starting at every Phần/Chương/Mục/Điều line; heading-only pieces merge forward."""
    starts: list[tuple[int, str]] = []
    for line in _LINE.finditer(text):
        s = line.group()
        if _ARTICLE.match(s) or _PART.match(s):
            starts.append((line.start(), s.strip()))
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
        for a, b in _sentences(text, sec_start, sec_end):
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
