"""A part of an earlier count asked without its noun ("Trong đó bao nhiêu cái với Quảng Tây?", "How many of them were
with Guangxi?"), or the same count asked again of another year ("And how many did it sign in 2009?", "Năm 2009 ký được
bao nhiêu?"), counts what the earlier question counted: the noun is put back, so that the figure is looked for in
that unit ("5 thỏa thuận"), not in any number the sentence holds."""
from __future__ import annotations

import re
from functools import lru_cache

from core.lexicon import Lexicon
from core.types import AnswerType, QuestionFrame

# a part of what the earlier turn counted: "Trong đó ...", "Trong số đó ...", "How many of them ..."
_PART = re.compile(r"(?i)^\s*(?:trong\s+(?:số\s+)?(?:đó|này)|(?:and\s+)?how many of (?:them|those|these))\b")
# the count without a noun of its own: "bao nhiêu", "mấy", or with only a classifier ("mấy cái"), before what follows
_VI_AFTER = r"(?=\s+(?:với|là|được|đã|có|của|ở|tại|trong|thuộc|do|đang|còn)\b|\s*[?,.]|\s*$)"
# a count that names no noun at all, asked again of another year or place: "And how many did it sign in 2009?",
# "Năm 2009 ký được bao nhiêu?", "Còn mấy cái với VECO?"
_NOUNLESS = re.compile(r"(?i)\bhow many\s+(?:did|do|does|were|was|are|is|have|has|had)\b|"
                       r"(?<!đăng )\b(?:ký|có|đón|tổ chức|cử|thành lập)(?:\s+(?:được|thêm))?\s+(?:bao nhiêu|mấy)\s*(?:cái\s*)?\??\s*$|"
                       r"\b(?:bao nhiêu|mấy)\s+cái\b")
# an elliptical turn, which the rewriting takes as the earlier question asked again
_ELLIPTICAL = re.compile(r"(?i)^\s*(?:(?:thế|vậy)\s+)?còn\b|^\s*(?:and\s+)?what about\b")
_EN = re.compile(r"(?i)\bhow many(?:\s+of\s+(?:them|those|these|the\s+total))?(?=\s+(?:were|was|are|is|have|had|did|do|"
                 r"with|in|from|for)\b|\s*[?,.]|\s*$)")


def with_counted_noun(question: str, earlier: QuestionFrame | None, lex: Lexicon) -> str:
    """The question with the earlier count's noun written where its own count names none (a classifier, or
    nothing); unchanged when it names its own noun or the earlier question counted nothing."""
    if earlier is None or earlier.answer_type != AnswerType.QUANTITY or not earlier.unit:
        return question
    if not _PART.search(question) and (not _NOUNLESS.search(question) or _ELLIPTICAL.match(question)):
        return question  # "Còn Lạng Sơn thì sao, ký được mấy cái?" is the earlier question asked of Lạng Sơn
    if earlier.lang == "vi":
        return _vi_count(lex.number_words.get("classifier", ())).sub(lambda m: f"{m.group(1)} {earlier.unit}", question,
                                                                       count=1)
    return _EN.sub(lambda m: ("How" if m.group().startswith("H") else "how") + f" many {earlier.unit}", question, count=1)


@lru_cache(maxsize=4)
def _vi_count(classifiers: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in classifiers) or "(?!)"
    return re.compile(rf"(?i)\b(bao nhiêu|mấy)(\s+(?:{alt}))?{_VI_AFTER}")


def counted_reference(earlier, english: bool) -> str | None:
    """The things the latest quantity question counted, as a reference back names them: "the member associations",
    "các cửa khẩu chính"; None when no earlier question counted things (a measure such as km is none)."""
    return next(((f"the {fr.unit}" if english else f"các {fr.unit}") for _, fr, _ in reversed(earlier)
                 if fr is not None and fr.answer_type == AnswerType.QUANTITY and fr.unit
                 and re.search(r"[a-z]", fr.unit) and len(fr.unit) > 2), None)
