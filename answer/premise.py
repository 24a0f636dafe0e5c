"""A yes/no claim naming a body or a country the best sentence does not ("Ban chỉ đạo ... đặt dưới sự quản lý của
Tỉnh ủy, đúng không?" over "... do Ủy ban nhân dân tỉnh quản lý"; "... tổ chức VECO của Hà Lan không?" over "...
Tổ chức VECO (Bỉ)"): the direct answer is the one the sentence names instead, near the claim's other words. No
verdict is drawn: the reader sees what the documents say and compares."""
from __future__ import annotations

from answer.name_spans import named_in
from answer.span_choice import choose_span
from answer.spans import Span, SpanFinder
from core.types import AnswerType, ConstraintKind, QuestionFrame
from vntext.codes import fold_text


def corrected(frame: QuestionFrame, sentence: str, finder: SpanFinder, terms: set[str]) -> Span | None:
    """The body or country `sentence` names, nearest the claim's words, in place of the one the claim names; None
    when the nearest is the claim's own, the sentence speaks of none of the claim's other names, or names no other
    of that kind."""
    if frame.answer_type != AnswerType.YESNO:
        return None
    countries = {t.vi for t in finder.lex.countries}
    claimed = [c for c in frame.constraints if c.kind == ConstraintKind.ORGANISATION
               or c.kind == ConstraintKind.PLACE and c.value in countries]
    folded, asked = _key(sentence), _key(frame.core)
    for c in claimed:
        own = {_key(s) for s in (c.value, c.text, *c.spellings)}
        claimed_words = set(_key(c.text).split())
        others = [w for w in named_in(frame.core) if _key(w) not in claimed_words]
        if not any(_key(w) in folded.split() for w in others):
            continue  # the sentence is about something else
        found = finder.organisations(sentence) if c.kind == ConstraintKind.ORGANISATION else \
            [sp for sp in finder.places(sentence, "country") if sp.text in countries]
        # the claim's own is a candidate; what else the question names (its subject) is not
        found = [sp for sp in found if _key(sp.text) in own or _key(sp.text) not in asked]
        if not found:
            continue
        nearest = choose_span(frame, sentence, tuple(found), terms, finder.lex.glossary)
        if _key(nearest.text) not in own:
            return nearest
    return None


def _key(text: str) -> str:
    """Diacritics folded, lower case, whitespace (no-break spaces too) collapsed."""
    return " ".join(fold_text(text).lower().split())
