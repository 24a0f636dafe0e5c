"""Which way delegations go (prompts/directions.tsv): out of the province ("đoàn ra", "travelled abroad") or into it
("đoàn vào", "foreign delegations visited"). A figure is said of one way by the words of its own sentence; a count
asked of one way is not answered by a figure said only of the other ("gần 400 đoàn khách quốc tế ... đến thăm" for
"how many delegations of officials travelled abroad", which "740 đoàn ... cán bộ của tỉnh đi khảo sát ... tại nhiều
quốc gia" answers)."""
from __future__ import annotations

from core.lexicon import Pattern
from core.types import QuestionFrame
from vntext.codes import fold_text


def asked_direction(frame: QuestionFrame, patterns: tuple[Pattern, ...]) -> str | None:
    """"out" or "in" when the question asks of one way only, else None."""
    text = fold_text(frame.core) if frame.lang == "vi" else frame.core.lower()
    found = {p.kind.split("_")[1] for p in patterns if p.lang == frame.lang and p.kind.startswith("question_")
             and p.regex.search(text)}
    return found.pop() if len(found) == 1 else None


def said_direction(sentence: str, patterns: tuple[Pattern, ...]) -> str | None:
    """"out" or "in" when a passage's sentence speaks of one way only, else None."""
    text = fold_text(sentence)
    found = {p.kind.split("_")[1] for p in patterns if p.kind.startswith("passage_") and p.regex.search(text)}
    return found.pop() if len(found) == 1 else None
