"""Compound questions: one question that asks two or more things ("Đồng Nai có bao nhiêu khu công nghiệp, trong
đó bao nhiêu khu đã hoạt động?", "ban hành bằng văn bản nào, vào ngày nào?", "When was it issued and what is it
about?"). Each thing asked is a part, answered on its own and shown with the others.

A question splits where a clause boundary (a comma, a semicolon, a question mark, "và", "and") stands between two question words,
at the last boundary before the later question word ("bao nhiêu tổ chức ... chương trình, dự án trên địa bàn, và
tổng giá trị bao nhiêu": at ", và"). Words asked together with no boundary between them ("tỉnh nào có bao nhiêu
...") are one ask. A later part is read with the earlier clauses before it, their question words taken out, so it
keeps their subject ("Đồng Nai hiện có khu công nghiệp, trong đó bao nhiêu khu đã hoạt động")."""
from __future__ import annotations

import re

from core.types import QuestionPart
from vntext.codes import fold_text

# question words as written (with diacritics), and as written without them; "đâu" only after "ở"/"từ" ("đầu tư"
# folds to the same letters)
_ASK_VI = re.compile(r"(?<!\w)(?:bao nhiêu|bao nhiu|bao lâu|bao xa|mấy|khi nào|bao giờ|(?:ở|tại|từ) đâu|ra sao|thế nào|nào|gì|ai)(?!\w)",
                     re.I)
_ASK_ASCII = re.compile(r"(?<!\w)(?:bao nhieu|bao nhiu|bao lau|bao xa|khi nao|bao gio|(?:o|tai|tu) dau|ra sao|the nao|nao|gi|ai)(?!\w)",
                        re.I)
_ASK_EN = re.compile(r"(?<!\w)(?:how (?:many|much|long|far|large|big|old)|what|which|who|whom|whose|when|where|how)(?!\w)",
                     re.I)
# where one ask ends and the next begins
_BOUNDARY_VI = re.compile(r"\s*[,;?]\s*(?:(?:và|va|còn|con|cùng|đồng thời|dong thoi)\s+)?|\s+(?:và|va)\s+", re.I)
_BOUNDARY_EN = re.compile(r"\s*[,;?]\s*(?:and\s+)?|\s+and\s+", re.I)
# what a later part drops of an earlier clause besides its question words
_DETERMINERS = re.compile(r"(?<!\w)(?:những|các|nhung|cac|là|la|do)\s*$", re.I)
_MIN_WORDS = 2
# an English ask with its own subject: a question word (after a preposition) followed by an auxiliary verb and a
# subject that is no pronoun pointing back ("what was his job title" is about the earlier clause's person)
_OWN_SUBJECT = re.compile(r"^(?:\w+\s+)?(?:when|what|where|who|whom|which|how(?: \w+)?)(?:\s+\w+)?\s+"
                          r"(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should|must)\s+"
                          r"(?!(?:he|she|it|they|his|her|its|their|them|this|that|these|those)\b)\w", re.I)
# the setting an English question opens with: a place, a time or a source, before its first comma
_SETTING = re.compile(r"^((?:in|at|for|between|from|according to|under|during|since|on|as of)\s[^,?]+),", re.I)
_AUXILIARY = re.compile(r"^(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could)\s+", re.I)


def _asks(text: str, lang: str) -> list[tuple[int, int]]:
    if lang == "en":
        rx = _ASK_EN
    else:
        rx = _ASK_ASCII if fold_text(text) == text.lower() else _ASK_VI
    return [m.span() for m in rx.finditer(text)]


def split_parts(core: str, lang: str) -> tuple[QuestionPart, ...]:
    """The parts of a compound question, each to be read on its own; () when it asks one thing."""
    asks = _asks(core, lang)
    if len(asks) < 2:
        return ()
    boundary = _BOUNDARY_EN if lang == "en" else _BOUNDARY_VI
    cuts: list[tuple[int, int]] = []
    for (_, prev_end), (nxt_start, _) in zip(asks, asks[1:]):
        between = list(boundary.finditer(core, prev_end, nxt_start))
        if between:
            cuts.append(between[-1].span())
    if not cuts:
        return ()
    clauses, at = [], 0
    for a, b in cuts:
        clauses.append(core[at:a])
        at = b
    clauses.append(core[at:])
    if any(len(c.split()) < _MIN_WORDS for c in clauses):
        return ()
    parts = []
    for i, clause in enumerate(clauses):
        if i and lang == "en" and _OWN_SUBJECT.match(clause.strip()):
            # "..., and by when does the province approve the plan": the clause has its own subject and verb; of the
            # earlier clauses it keeps only the setting they open with ("In Quang Tri, ...")
            before = [m.group(1) for c in clauses[:1] if (m := _SETTING.match(c.strip()))]
        else:
            before = [_declarative(c, lang) for c in clauses[:i]]
        context = ", ".join(x for x in before if x)
        own = clause.strip().rstrip(",;?").strip()
        parts.append(QuestionPart(own, _ended(f"{context}, {own}" if context else own, core)))
    return tuple(parts)


def _declarative(clause: str, lang: str) -> str:
    """An earlier clause as context: its question words and the determiners before them taken out."""
    out, at = [], 0
    for a, b in _asks(clause, lang):
        out.append(_DETERMINERS.sub("", clause[at:a]))
        at = b
    out.append(clause[at:])
    text = " ".join(" ".join(out).split()).strip(" ,;")
    # "How long is the border with Laos" -> "the border with Laos": a leading auxiliary would make a yes/no question
    return _AUXILIARY.sub("", text) if lang == "en" else text


def _ended(part: str, core: str) -> str:
    part = part.strip()
    return part if part.endswith("?") or not core.rstrip().endswith("?") else part + "?"
