"""The reason or purpose a sentence gives, as a direct-answer span for "vì sao", "để làm gì", "why": the clause a
purpose word opens ("nhằm nâng cao chất lượng đội ngũ cán bộ ...", "để đảm bảo ..."), up to where the clause ends.
A clause that opens the sentence ("Để kịp thời nắm bắt ..., An Giang luôn phối hợp ...") ends where the main clause
starts: at the comma before a capitalised word (its subject) or a date ("..., ngày 04/12/2018, UBND tỉnh ...").
One in mid-sentence ends at a semicolon, a colon, a date that opens the main clause, or the sentence's end. A long
clause is cut at its last comma within _MAX_WORDS words, so the bold answer stays readable; the quote below it holds
the rest. Offsets are the sentence's."""
from __future__ import annotations

import re

from answer.name_spans import Span
from core.types import AnswerType

# purpose and cause words ("nhằm", "để", "với mục đích", "vì", "bởi vì", "nhờ"); "để" of "để lại" leaves nothing
_MARKER = re.compile(r"(?<!\w)(?:[Nn]hằm(?: mục (?:đích|tiêu))?|[Đđ]ể(?! lại\b)|[Vv]ới mục (?:đích|tiêu)|[Bb]ởi vì|[Vv]ì(?! (?:vậy|thế)\b)"
                     r"|[Dd]o đó|[Nn]hờ(?: có)?)(?=\s)")
_OPENING_END = re.compile(r",\s+(?=[A-ZĐÀ-Ỹ]|ngày\s+\d|năm\s+\d|\d)")
_CLAUSE_END = re.compile(r"[;:]|\.(?=\s|$)|,\s+(?=(?:ngày|năm)\s+\d)")
_MAX_WORDS = 50


def reasons(text: str) -> list[Span]:
    """The purpose or reason clauses of a sentence, each from its purpose word to the clause's end."""
    out: list[Span] = []
    for m in _MARKER.finditer(text):
        if m.group().lower() == "do đó":  # "do đó": what follows is a consequence, not a reason
            continue
        if out and m.start() < out[-1].end:
            continue  # inside the clause already taken ("nhằm tạo cơ sở để ...")
        opening = not text[:m.start()].strip(" \t\"“(-–")
        end_rx = _OPENING_END if opening else _CLAUSE_END
        stop = end_rx.search(text, m.end())
        end = stop.start() if stop else len(text.rstrip(" .;"))
        end = _shortened(text, m.start(), end)
        if end - m.end() > 3:
            out.append(Span(AnswerType.REASON, m.start(), end, text[m.start():end]))
    return out


def _shortened(text: str, start: int, end: int) -> int:
    """The clause end, or its last comma within _MAX_WORDS words when it runs longer."""
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) <= _MAX_WORDS:
        return end
    limit = start + words[_MAX_WORDS - 1].end()
    comma = text.rfind(",", start, limit)
    return comma if comma > start + 20 else limit
