"""Follow-ups that ask the previous question again in part.

A question word alone, with its preposition ("Vào năm nào?", "Với những đối tác nào?", "Ở đâu?", "When?", "With
whom?"), asks the previous question's matter anew: the previous question, without its own question word ("bao
nhiêu", "khi nào", "how many"), takes the fragment in its place: "Lạng Sơn đã ký bao nhiêu thỏa thuận quốc tế từ
2008?" + "Với những đối tác nào?" -> "Lạng Sơn đã ký thỏa thuận quốc tế từ 2008 với những đối tác nào?"; "How many
agreements did An Giang sign with Takeo?" + "When?" -> "When did An Giang sign the agreements with Takeo?"; "Who
issued Directive 01/CT-TTg?" + "When?" -> "When was Directive 01/CT-TTg issued?". A previous question with no
question word to take out is left to the other rewrites (None).

Another side of a place ("Thế còn phía Nam?", "What about the south?") takes the place of the side asked before."""
from __future__ import annotations

import re

from vntext.places import COMPASS

_WORD = r"[^\W\d_]+"
_VI_FRAGMENT = re.compile(
    rf"^(?:(?:và|còn|thế|vậy)\s+)?(?:(?:với|cùng|của|ở|tại|vào|từ|do|bởi|cho|trong|sang)\s+)?"
    rf"(?:ai|đâu|khi nào|bao giờ|(?:năm|ngày|tháng|lúc|dịp) nào|(?:(?:những|các)\s+)?{_WORD}(?:\s+{_WORD})?\s+nào)"
    rf"(?:\s+(?:vậy|thế|ạ|nhỉ|nữa))*\s*\??\s*$", re.I)
_EN_FRAGMENT = re.compile(
    r"^(?:(?:and|so)\s+)?(?:(?:with|by|from|to|in|on|at|for|since)\s+)?(?:whom|who|when|where|what year|what date|"
    r"which (?:ones?|years?|dates?|partners?|countries|provinces|organi[sz]ations|bodies|[a-z]+))\s*\??\s*$", re.I)
# the previous question's own question word, taken out for the fragment's
_VI_ASKED = (re.compile(r"\s+(?:bao nhiêu|mấy)(?=\s)", re.I),
             re.compile(r"\s+(?:vào\s+)?(?:khi nào|bao giờ|(?:năm|ngày|tháng|lúc) nào)(?=\s|$)", re.I),
             re.compile(r"\s+(?:ở|tại)\s+đâu(?=\s|$)", re.I))
_EN_COUNT = re.compile(r"^how (?:many|much) (?P<noun>.+?) (?P<aux>did|does|do|has|have|had|is|are|was|were|will|can|could)"
                       r" (?P<rest>.+)$", re.I)
# "Who issued Directive 01/CT-TTg?" + "When?" -> "When was Directive 01/CT-TTg issued?"
_EN_DOER = re.compile(r"^(?:who|which (?:body|agency|organi[sz]ation|ministry|committee))\s+(?:has\s+|had\s+)?"
                      r"(?P<verb>[a-z]+ed|signed|issued|made|written)\s+(?P<obj>.+)$", re.I)
_VI_DOER = re.compile(r"^(?:ai|cơ quan nào|đơn vị nào|cấp nào)\s+(?:đã\s+)?(?P<verb>ban hành|ký ban hành|ký|phê duyệt|thành lập|"
                      r"tổ chức|chủ trì)\s+(?P<obj>.+)$", re.I)
_EN_PREPOSITION = re.compile(r"\s(?=(?:with|to|in|from|for|since|on|at|by|between|under)\s)", re.I)


def is_fragment(turn: str) -> bool:
    return bool(_VI_FRAGMENT.match(turn) or _EN_FRAGMENT.match(turn))


def merged(previous: str, fragment: str) -> str | None:
    """The previous standalone question asking the fragment's question instead of its own, or None."""
    core = re.sub(r"[\s?.!…]+$", "", previous)
    asked = re.sub(r"[\s?.!…]+$", "", fragment)
    if _VI_FRAGMENT.match(fragment):
        named = re.search(rf"(?:(?:những|các)\s+)?({_WORD}(?:\s+{_WORD})?)\s+nào", asked, re.I)
        counted = named and re.search(rf"\s(?:bao nhiêu|mấy)\s+{re.escape(named.group(1))}(?!\w)", core, re.I)
        if counted:  # "Kon Tum giáp bao nhiêu nước?" + "Những nước nào?": the things counted, named instead
            return f"{core[:counted.start()]} {named.group().lower()}{core[counted.end():]}?"
        for rx in _VI_ASKED:
            if rx.search(core):
                return f"{rx.sub('', core, count=1)} {asked[0].lower()}{asked[1:]}?"
        if (doer := _VI_DOER.match(core)) and not re.match(r"(?i)(?:(?:với|cùng|của|do|bởi)\s+)?(?:ai|cơ quan)", asked):
            return f"{doer.group('obj')} được {doer.group('verb')} {asked[0].lower()}{asked[1:]}?"
        return None
    if (doer := _EN_DOER.match(core)) and not re.match(r"(?i)(?:\w+\s+)?(?:whom|who)\b", asked):
        return f"{asked[0].upper()}{asked[1:]} was {doer.group('obj')} {doer.group('verb')}?"
    m = _EN_COUNT.match(core)
    if m is None:
        return None
    rest, noun = m.group("rest"), m.group("noun")
    cut = _EN_PREPOSITION.search(rest)
    rest = f"{rest[:cut.start()]} the {noun}{rest[cut.start():]}" if cut else f"{rest} the {noun}"
    return f"{asked[0].upper()}{asked[1:]} {m.group('aux')} {rest}?"


_DIRECTION = rf"(?:{'|'.join(COMPASS)})"
# a side of a place ("phía Bắc và Đông Bắc", "the north-east"), sides written together as one
_SIDE = re.compile(rf"(?:[Pp]hía\s+{_DIRECTION}(?:\s*(?:,|và)\s*(?:[Pp]hía\s+)?{_DIRECTION})*)|"
                   r"(?i:(?:north|south)(?:-?(?:east|west))?|east|west)(?=\W*$|\s+(?:side|of)\b)")


def side_swapped(core: str, part: str) -> str | None:
    """The previous question asked of another side of its place ("Thế còn phía Nam?" after "Phía Bắc và Đông Bắc
    tỉnh Đăk Nông giáp với đâu?" -> "Phía Nam tỉnh Đăk Nông giáp với đâu?"), or None."""
    side = _SIDE.fullmatch(re.sub(r"(?i)^the\s+", "", part))
    sides = _SIDE.search(core) if side else None
    if sides is None:
        return None
    new = side.group()
    new = new[:1].upper() + new[1:] if sides.start() == 0 else new[:1].lower() + new[1:]
    return core[:sides.start()] + new + core[sides.end():]

