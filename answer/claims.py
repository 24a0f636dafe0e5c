"""The claim check of the LLM modes: every number, date and document code in a generated sentence must appear in
the passage(s) the sentence cites with [n]. A sentence that fails (or states such a fact citing nothing) is dropped;
the caller says how many were dropped. The same rule the extractive answer keeps by construction."""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.types import Hit
from vntext.codes import find_codes
from vntext.dates import date_spans
from vntext.sentences import split_sentences

_MARK = re.compile(r"\[(\d{1,3})\]")
_NUMBER = re.compile(r"(?<![\w/-])\d+(?:[.,]\d+)*(?![\w/-])")


@dataclass(frozen=True)
class ClaimCheck:
    text: str  # the generated answer without the sentences that failed
    dropped: list[str]  # the sentences dropped


def facts_of(sentence: str) -> tuple[set[str], set[str], set[str]]:
    """(numbers as digit strings, dates as ISO, codes) a sentence states, its [n] markers left out."""
    text = _MARK.sub(" ", sentence)
    codes = find_codes(text)
    dates = date_spans(text)
    taken = [(c.mention_start, c.end) for c in codes] + [(d.start, d.end) for d in dates]
    numbers = {re.sub(r"\D", "", m.group()).lstrip("0") or "0" for m in _NUMBER.finditer(text)
               if not any(a <= m.start() < b for a, b in taken)}
    return numbers, {d.iso for d in dates}, {c.code for c in codes if not c.shorthand}


def _holds(passage: str, numbers: set[str], dates: set[str], codes: set[str]) -> bool:
    p_numbers, p_dates, p_codes = facts_of(passage)
    p_digits = {re.sub(r"\D", "", m.group()).lstrip("0") or "0" for m in _NUMBER.finditer(passage)}
    years = {d[:4] for d in p_dates}
    return (numbers <= (p_numbers | p_digits | years) and dates <= (p_dates | years) and codes <= p_codes)


def check_claims(text: str, hits: list[Hit]) -> ClaimCheck:
    kept, dropped = [], []
    for line in text.split("\n"):
        pieces, last = [], 0
        for s, e in split_sentences(line):
            sent = line[s:e]
            numbers, dates, codes = facts_of(sent)
            if numbers or dates or codes:
                cited = [hits[int(n) - 1].chunk.text for n in _MARK.findall(sent) if 1 <= int(n) <= len(hits)]
                if not any(_holds(p, numbers, dates, codes) for p in cited) and not (
                        cited and _holds("\n".join(cited), numbers, dates, codes)):
                    dropped.append(sent)
                    pieces.append(line[last:s])
                    last = e
                    continue
            pieces.append(line[last:e])
            last = e
        pieces.append(line[last:])
        rebuilt = re.sub(r"(?<=\S) {2,}", " ", "".join(pieces))  # the space a dropped sentence left
        rebuilt = rebuilt if line[:1].isspace() else rebuilt.lstrip()
        if rebuilt.strip() or not line.strip():
            kept.append(rebuilt.rstrip())
    return ClaimCheck(re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip(), dropped)
