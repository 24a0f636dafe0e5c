"""What an elliptical turn swaps into the previous question besides a place, year or document: a stretch of time
("What about Dong Nai over the last five years?" in place of "by the end of 2012") and a phrase of the same
preposition ("What about at the level of departments and agencies?" in place of "at provincial level")."""
from __future__ import annotations

import re

END = r"\s*[?.!…]*\s*$"  # a question's closing marks
YEAR = re.compile(r"(?<![\w/.-])(1[89]\d\d|20\d\d)(?![\w/-])")
# a stretch of time a turn asks about ("trong 5 năm qua", "đến hết năm 2012", "over the last five years", "by the
# end of 2012"): an elliptical turn bringing one asks the previous question of that stretch instead
_NUM = r"(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|two|three|four|five|six|seven|eight|nine|ten)"
TIME = re.compile(
    r"(?:trong|suốt)\s+(?:vòng\s+)?" + _NUM + r"\s+năm\s+(?:qua|gần đây|trở lại đây|vừa qua)"
    r"|(?:từ|đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?(?:1[89]|20)\d\d(?:\s+(?:đến|tới)\s+(?:nay|(?:năm\s+)?(?:1[89]|20)\d\d))?"
    r"|giai đoạn\s+(?:1[89]|20)\d\d\s*[-–]\s*(?:1[89]|20)\d\d"
    r"|(?:over|in|during|for)\s+the\s+(?:last|past)\s+" + _NUM + r"\s+years"
    r"|(?:by|until|up to|through)\s+(?:the\s+end\s+of\s+)?(?:1[89]|20)\d\d"
    r"|since\s+(?:1[89]|20)\d\d|from\s+(?:1[89]|20)\d\d\s+(?:to|until|through)\s+(?:now|today|(?:1[89]|20)\d\d)"
    r"|between\s+(?:1[89]|20)\d\d\s+and\s+(?:1[89]|20)\d\d", re.I)

_PHRASE_TURN = re.compile(
    r"^(?:and\s+)?(?:what|how)\s+about\s+(?P<x>(?P<p>at|in|for|on|by|under|through)\s+.+?)" + END
    + r"|^(?:(?:thế|vậy)\s+)?còn\s+(?P<y>(?P<q>ở|tại|trong|theo|đối với)\s+.+?)(?:\s+thì\s+(?:sao|thế nào|ra sao))?" + END,
    re.I)


def phrase_swapped(base: str, turn: str) -> str | None:
    """An elliptical turn that brings a phrase opening with a preposition ("What about at the level of departments
    and agencies?", "Còn ở cấp sở, ngành thì sao?") asks the previous question with it in place of the previous
    question's last phrase of that preposition ("at provincial level", "ở cấp tỉnh"); None when it has none."""
    m = _PHRASE_TURN.match(turn)
    if not m:
        return None
    phrase, prep = (m.group("x"), m.group("p")) if m.group("x") else (m.group("y"), m.group("q"))
    core = re.sub(END, "", base)
    mark = base[len(core):].strip() or "?"
    own = list(re.finditer(rf"(?i)(?<!\w){re.escape(prep)}\s+[^,;?]+", core))
    if not own or YEAR.search(own[-1].group()) or YEAR.search(phrase):
        return None  # a year's phrase is swapped as a year
    return core[:own[-1].start()] + phrase + core[own[-1].end():] + mark


def retimed(base: str, phrase: str) -> str:
    """`base` asked of the stretch of time `phrase`: in place of its own stretch or year, else added."""
    core = re.sub(END, "", base)
    mark = base[len(core):].strip() or "?"
    own = TIME.search(core) or _year_span(core)
    if own:
        return core[:own.start()] + phrase + core[own.end():] + mark
    return f"{core} {phrase}{mark}"


def _year_span(core: str) -> re.Match | None:
    """The one year a question names ("năm 2012", "in 2012"), with its lead word; None for none or several."""
    years = list(re.finditer(r"(?:(?:vào\s+|trong\s+)?năm\s+|in\s+)?(?<![\w/.-])(?:1[89]|20)\d\d(?![\w/-])", core, re.I))
    return years[0] if len(years) == 1 else None
