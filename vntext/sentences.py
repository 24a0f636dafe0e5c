"""Sentence splitting on cleaned Vietnamese text, as offsets. Shared by chunking (ingest) and quoting (answer).

Abbreviations ("TP.", "Th."), numbers ("6.513"), dates, document codes ("38-CT/TW") and list markers ("1.")
do not end a sentence; every line break does."""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Abbreviations whose period does not end a sentence ("TP. Hồ Chí Minh", "PGS. TS. Nguyễn Văn A"):
    prompts/sentence_abbreviations.txt, read on first use."""
    from core.lexicon import load_words_cased
    from core.settings import PROMPTS_DIR

    return frozenset(load_words_cased(PROMPTS_DIR / "sentence_abbreviations.txt"))


LINE_RE = re.compile(r"[^\n]+")
_END = re.compile(r"(?:\./\.|[.!?…]+)[\"”’»)\]']*(?=\s)")
_OPENERS = "\"“‘'(«[-–•*"
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*|[IVXLCDM]+|[a-zđ])$")
_HEADING_WORD = re.compile(r"(?:^|\s)(?:Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Khoản|Điểm|Phụ lục|PHỤ LỤC)\s*$")

def sentences_in(text: str, start: int, end: int, items: bool = False) -> list[tuple[int, int]]:
    """Sentence spans (whitespace-trimmed) of text[start:end]; every line break is a boundary. With `items`, a list
    marker or heading number ("2.", "Điều 5.") stands alone, as the regulation extractor reads a text: each item's
    mentions are its own."""
    out: list[tuple[int, int]] = []
    for line in LINE_RE.finditer(text, start, end):
        ls, le = line.span()
        seg = ls
        for m in _END.finditer(text, ls, le):
            if not _is_boundary(text, ls, m, items):
                continue
            out.append((seg, m.end()))
            seg = m.end()
        out.append((seg, le))
    return [s for s in (trim_span(text, a, b) for a, b in out) if s[0] < s[1]]


def _is_boundary(text: str, line_start: int, m: re.Match[str], items: bool = False) -> bool:
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
        if token in abbreviations() or (len(token) == 1 and token.isalpha() and token.isupper()):
            return False
        if "." in token and all(len(p) <= 2 and p.isalpha() for p in token.split(".")):
            return False  # initials: "L.V. Bình"
        if _NUMBERING.match(token) and not items:
            head = before[: len(before) - len(before.rsplit(None, 1)[-1])] if before.strip() else ""
            if not head.strip() or _HEADING_WORD.search(head):
                return False  # list marker "1." or heading "Điều 5."
    return True


def trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def split_sentences(text: str, items: bool = False) -> list[tuple[int, int]]:
    """(start, end) of every sentence; abbreviations, numbers, dates, document codes and (unless `items`) list
    markers don't split."""
    return sentences_in(text, 0, len(text), items)
