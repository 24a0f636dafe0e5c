"""One answer for a compound question: each part's answer under the part's own words, then the quotes of all.

    - *bao nhiêu khu công nghiệp*: **35 khu công nghiệp** [1]
    - *trong đó bao nhiêu khu đã đi vào hoạt động*: **31 khu công nghiệp** [1]

    Theo các tài liệu:
    - “…” [1]

A part the documents do not answer says so in its line ("the documents speak of this but do not give the date"),
so a partial answer names what is missing. A part answered by a document card or list keeps that block. Citations
are numbered once across the parts: a passage quoted by two parts is one citation."""
from __future__ import annotations

import re
from dataclasses import replace

from answer.frames import Frames
from core.types import Answer, Citation, QuestionPart

_MARK = re.compile(r"\[(\d+)\]")


def _renumber(text: str, mapping: dict[int, int]) -> str:
    return _MARK.sub(lambda m: f"[{mapping.get(int(m.group(1)), int(m.group(1)))}]", text)


def _sections(answer: Answer, frames: Frames, lang: str) -> tuple[str, list[str]]:
    """(what the part's line says, the quote lines) of a part's answer."""
    text = answer.answer.strip()
    if answer.abstained:
        return text.split("\n\n")[0].strip(), []
    lead = frames.get(lang, "lead")
    if lead in text:
        head, _, quotes = text.partition(lead)
        lines = [x for x in quotes.splitlines() if x.strip()]
        said = head.strip()
        if not said:  # passages answer it: the quotes are the answer
            said = frames.get(lang, "see_quotes", refs=", ".join(f"[{c.n}]" for c in answer.citations))
        return said, lines
    return text, []  # a document card or list is the answer itself


def merge_parts(whole: Answer, parts: list[tuple[QuestionPart, Answer]], frames: Frames, lang: str,
                latest_last: bool = False) -> Answer | None:
    """The parts' answers as one, or None when no part is answered (the whole question's answer stands). The short
    answer is the first part's, or the last one's with `latest_last` (a follow-up made a compound question by
    continuing the earlier one: "So với năm 2015 thì tăng bao nhiêu lần?" asks the last part)."""
    if not any(not a.abstained for _, a in parts):
        return None
    citations: list[Citation] = []
    where: dict[tuple[str, int, int], int] = {}
    lines, quotes, references, short = [], [], [], None
    for part, answer in parts:
        mapping = {}
        for c in answer.citations if not answer.abstained else ():
            key = (c.doc_id or c.source, c.start, c.end)
            if key not in where:
                where[key] = len(citations) + 1
                citations.append(replace(c, n=where[key]))
            mapping[c.n] = where[key]
        said, quoted = _sections(answer, frames, lang)
        said = _renumber(said, mapping) if not answer.abstained else said
        block = said.splitlines()
        lines.append(f"- *{part.label}*: {block[0]}")
        lines += [f"  {x}" if x.strip() else "" for x in block[1:]]
        quotes += [q for q in (_renumber(x, mapping) for x in quoted) if q not in quotes]
        references += [r for r in answer.references if r not in references]
        if (short is None or latest_last) and answer.short_answer is not None and not answer.abstained:
            short = replace(answer.short_answer, n=mapping.get(answer.short_answer.n, answer.short_answer.n))
    text = "\n".join(lines)
    if quotes:
        text += "\n\n" + frames.get(lang, "lead") + "\n\n" + "\n".join(quotes)
    first = next(a for _, a in parts if not a.abstained)
    return replace(whole, answer=text, abstained=False, citations=citations, references=references,
                   short_answer=short, reason="", evidence=first.evidence or whole.evidence, mode="extractive")
