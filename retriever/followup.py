"""Rewriting elliptical follow-ups ("còn An Giang thì sao?", "what about 2019?") into standalone questions. The
province names it recognises are vntext.places (prompts/provinces_vi.txt)."""
from __future__ import annotations

import re
from pathlib import Path

from core.settings import PROMPTS_DIR
from retriever.fragments import is_fragment, merged, side_swapped
from retriever.swaps import END as _END, TIME, YEAR as _YEAR, phrase_swapped, retimed
from vntext.codes import CodeMatch, find_codes
from vntext.language import has_vietnamese_marks
from vntext.normalize import fold, normalize
from vntext.places import Places, load_places  # noqa: F401  (load_places: callers and tests)

DEFAULT_PROMPTS_DIR = PROMPTS_DIR


def detect_language(text: str) -> str:
    """Enough to phrase a swapped-in year ("năm 2016" / "in 2016"): Vietnamese when a word has its marks."""
    return "vi" if any(has_vietnamese_marks(w) for w in text.split()) else "en"


_FOLLOWUP = [
    re.compile(r"^(?:(?:thế|vậy|thế thì|vậy thì)\s+)?còn\s+(?:về\s+|với\s+|ở\s+|tại\s+)?(?P<x>.+?)"
               r"(?:\s+thì\s+(?:sao|thế nào|như thế nào|ra sao))?" + _END, re.I),
    re.compile(r"^(?:và|với)\s+(?:về\s+|ở\s+|tại\s+)?(?P<x>.+?)(?:\s+thì\s+(?:sao|thế nào|như thế nào|ra sao))?"
               + _END, re.I),
    re.compile(r"^(?:tương tự|cũng vậy|cũng hỏi như vậy)\s+(?:với|cho|đối với)\s+(?P<x>.+?)" + _END, re.I),
    re.compile(r"^(?P<x>.+?)\s+thì\s+(?:sao|thế nào|như thế nào|ra sao)" + _END, re.I),
    re.compile(r"^(?:and\s+)?(?:what|how)\s+about\s+(?P<x>.+?)" + _END, re.I),
    re.compile(r"^(?:and\s+)?(?:the\s+)?same\s+(?:question\s+)?(?:for|with|about)\s+(?P<x>.+?)" + _END, re.I),
    re.compile(r"^and\s+(?:for\s+|in\s+)?(?P<x>.+?)" + _END, re.I),
    # the same figure asked of another year or place: "What was that number in 2016?", "Con số đó năm 2016 là bao
    # nhiêu?"
    re.compile(r"^(?:and\s+)?(?:what|how much|how many)\s+(?:was|is|were|are)\s+(?:that|this|the same|the)\s+"
               r"(?:number|figure|total|amount|count|share)\s+(?:for|in|of)\s+(?P<x>.+?)" + _END, re.I),
    re.compile(r"^(?:(?:còn|thế còn|vậy)\s+)?(?:con số|số liệu|số lượng|tổng số|số)\s+(?:đó|này|ấy|trên)\s+"
               r"(?:vào\s+|trong\s+|của\s+|ở\s+|tại\s+)?(?P<x>.+?)(?:\s+(?:là bao nhiêu|là mấy|thì sao|ra sao|thế nào))?"
               + _END, re.I),
]
# words that make a turn a question of its own
_QUESTION_WORDS = re.compile(
    r"\b(?:bao nhieu|nao|gi|ai|khi|bao gio|tai sao|vi sao|nhu the|la|co|duoc|"
    r"how|what|which|who|when|where|why|is|are|does|do|did)\b")
_LEAD = re.compile(r"^(?:(?:tỉnh|thành phố|tp\.?|province of|the province of|province|the|năm|year|in)\s+)+", re.I)
_MAX_ELLIPSIS_WORDS = 6
# a turn that only names the other side of a comparison continues the previous question's subject
_HOW_COMPARE = re.compile(r"^(?:and\s+)?how\s+(?:did|does|do|has)\s+(?:that|this|it)\s+compared?\s+(?:with|to)\s+", re.I)
_COMPARISON = re.compile(r"^(?:(?:thế|vậy|còn)\s+)?(?:so với|so sánh với|compared (?:with|to)|in comparison (?:with|to)|"
                         r"relative to)\s|" + _HOW_COMPARE.pattern, re.I)
# Capitalised words that start names of bodies or documents, not places ("Ban Bí thư", "Chỉ thị 38"); and
# administrative prefixes dropped in front of a name ("Tỉnh Đồng Nai")
_NOT_PLACE_START = frozenset(
    "ban bộ sở ủy hội đảng nhà chính quốc thủ trung văn chỉ nghị quyết kết kế chương thông luật hiến "
    "chiến đề công hướng báo pháp điều khoản mặt liên đoàn ngày năm tháng".split())
_ADMIN_PREFIX = frozenset("tỉnh thành huyện xã quận phường thị province city".split())


def _capitalised_spans(text: str) -> list[tuple[int, int]]:
    """Runs of capitalised words that may be a name: not a lone sentence-initial word, not a body or document
    name, not only acronyms ("FDI")."""
    spans = []
    run: list[tuple[str, int, int]] = []
    tokens = [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^\W\d_][\w-]*|[^\w\s]", text)]
    for i, tok in enumerate([*tokens, ("", len(text), len(text))]):
        if tok[0] and tok[0][0].isupper():
            run.append(tok)
            continue
        while run and run[0][0].lower() in _ADMIN_PREFIX:
            run.pop(0)
        if (run and run[0][0].lower() not in _NOT_PLACE_START and not all(w.isupper() for w, _, _ in run)
                and not (len(run) == 1 and run[0][1] == 0)):
            spans.append((run[0][1], run[-1][2]))
        run = []
    return spans


def _years(text: str, codes: list[CodeMatch]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _YEAR.finditer(text)
            if not any(c.mention_start <= m.start() < c.end for c in codes)]


def _elliptical_part(turn: str, places: Places | None) -> str | None:
    """The new entity/topic of an elliptical follow-up, or None when the turn stands on its own."""
    text = turn.strip()
    for pattern in _FOLLOWUP:
        m = pattern.match(text)
        if m:
            part = m.group("x").strip(" ,;:")
            break
    else:
        part = re.sub(_END, "", text).strip(" ,;:")
        if places and places.canonical:
            named = bool(places.find(part, ignore_case=True))
        else:  # no gazetteer: a run of capitalised words stands for a name
            named = bool(part) and all(w[0].isupper() and not w.isupper() for w in part.split())
        has_entity = bool(find_codes(part) or _YEAR.search(part) or named)
        if not has_entity or len(part.split()) > 3:
            return None
    folded = " ".join(re.findall(r"\w+", fold(part)))
    timed = TIME.search(part)
    words = len(part.split()) - (len(timed.group().split()) if timed else 0)
    if not part or words > _MAX_ELLIPSIS_WORDS or _QUESTION_WORDS.search(folded):
        return None
    return part


_ISSUER_LEAD = re.compile(r"(?:\s+(?:issued|signed|adopted|promulgated|ban hành|ký))?(?P<lead>\s+(?:của|do|of|by)\s+)", re.I)
_ISSUER_STOP = frozenset("được ban về có là quy nhằm đã sẽ thì vào ngày năm khi nào gì bao hướng "
                         "was is were are issued about on in when what which and".split())


_BY_ISSUER = re.compile(r"(?<=\s)(được|do)\s+[A-ZĐ][^\s,.;?]*(?:\s+[^\s,.;?]+){0,4}?\s+(?=(?:ban hành|ký|thông qua)\b)")


def _type_word_before(text: str, at: int) -> int:
    """Where a capitalised word standing right before a document number begins ("Conclusion 33-KL/TW"), else at."""
    m = re.search(r"(?:^|\s)([A-ZĐ][a-zà-ỹđ]+)\s+$", text[:at])
    return m.start(1) if m else at


def _issuer_after(text: str) -> tuple[int, int]:
    """Where, in `text` (what follows a document number), its issuer is named: "của Bộ Chính trị", "by the
    Politburo" in "issued by the Politburo" (the verb stays); (0, 0) when nowhere."""
    m = _ISSUER_LEAD.match(text)
    if not m:
        return 0, 0
    end = m.end()
    for w in list(re.finditer(r"[^\W_][\w-]*", text[m.end():]))[:6]:
        if w.group().lower() in _ISSUER_STOP or text[end:m.end() + w.start()].strip(" "):
            break  # the issuer ends at a verb, a question word or punctuation
        end = m.end() + w.end()
    return (m.start("lead"), end) if end > m.end() else (0, 0)


def _swap_type(core: str, part: str, type_words: tuple[str, ...], year_at: int) -> str:
    """"Which 2018 conclusion ... does Kon Tum's plan mention?" asked again as "And the Politburo decision from
    2015?": the follow-up's document type replaces the one the swapped year labels (the type word nearest to it),
    when that is the one asked for."""
    if not type_words:
        return core
    rx = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in sorted(type_words, key=len, reverse=True))})(?!\w)", re.I)
    new, old = rx.findall(part), list(rx.finditer(core))
    if len({w.lower() for w in new}) != 1 or not old:
        return core
    at = min(old, key=lambda m: abs(m.start() - year_at))
    asked = [m for m in old if re.match(r"\s+(?:nào|nao|gì|gi)\b", core[m.end():])
             or re.search(r"\b(?:which|what)\s+(?:\d{4}\s+)?$", core[:m.start()], re.I)]
    if at.group().lower() == new[0].lower() or asked and at not in asked:
        return core  # the year labels another document than the one asked for ("Kế hoạch năm 2018 ... kết luận nào")
    word = new[0].capitalize() if at.group()[:1].isupper() else new[0].lower()
    return core[:at.start()] + word + core[at.end():]


def _substitute(base: str, part: str, places: Places | None, type_words: tuple[str, ...] = ()) -> str:
    core = re.sub(_END, "", base)
    mark = base[len(core):].strip() or "?"
    lang = detect_language(base)
    base_codes, part_codes = find_codes(core), find_codes(part)

    def replace(span: tuple[int, int], new: str) -> str:
        return core[:span[0]] + new + core[span[1]:] + mark

    if part_codes:
        if len(base_codes) == 1:
            b, p = base_codes[0], part_codes[0]
            # the earlier document's issuer goes with it ("Kết luận 33-KL/TW của Bộ Chính trị" -> "Chỉ thị 25-CT/TW")
            core = _BY_ISSUER.sub("được ", core)  # "được Bộ Chính trị ban hành" named the earlier one's issuer
            base_codes = find_codes(core)
            b = base_codes[0]
            cut, end = _issuer_after(core[b.end:])
            kept = core[b.end:b.end + cut]  # what stood between the number and its issuer ("issued")
            # the new document's type replaces the earlier one's; a number alone drops it ("Kết luận 33-KL/TW" ->
            # "25-CT/TW"), and an English type is the word before the number ("Conclusion 33-KL/TW")
            start = b.mention_start if b.doc_type else _type_word_before(core, b.start)
            new = part[p.mention_start:p.end] if p.doc_type else part[:p.end].strip()
            return replace((start, b.end + end if end else b.end), new + kept)
    elif _YEAR.search(part) and not (places and places.find(part, True)):
        years = _years(core, base_codes)
        if len(years) == 1:
            core = _swap_type(core, part, type_words, years[0][0])
            years = _years(core, base_codes)
        new_year = _YEAR.search(part).group()
        if len(years) == 1:
            return replace(years[0], new_year)
        span = _year_range(core) if len(_YEAR.findall(part)) == 1 else None
        if span is not None:  # "từ năm 2008 đến 2012" asked again for one year: the year replaces the range
            out = replace(span, f"năm {new_year}" if lang == "vi" else f"in {new_year}")
            return out[:1].upper() + out[1:]
        if part.strip() == new_year:
            part = f"năm {new_year}" if lang == "vi" else f"in {new_year}"
    elif (swapped := side_swapped(core, _LEAD.sub("", part).strip())) is not None:
        return swapped + mark  # "Thế còn phía Nam?" after "Phía Bắc ... giáp với đâu?": one side for another
    else:
        new_places = (places.find(part) or places.find(part, ignore_case=True)) if places else []
        base_places = places.find(core) if places else []
        distinct = {name for name, _, _ in base_places}
        name_spans = [s for s in _capitalised_spans(core)
                      if not any(ps < s[1] and s[0] < pe for _, ps, pe in base_places)
                      and not any(c.mention_start < s[1] and s[0] < c.end for c in base_codes)]
        if new_places:
            new = new_places[0][0]
            if len(distinct) == 1:
                return _replace_all(core, [(s, e) for _, s, e in base_places], new) + mark
            if not distinct and len(name_spans) == 1:
                return replace(name_spans[0], new)
        else:
            new = _LEAD.sub("", part).strip()
            asked = _attribute_question(core, new, sorted(distinct) or [c.text for c in base_codes], lang)
            if asked:
                return asked + mark
            if new and new[0].isupper():
                if len(name_spans) == 1:
                    return replace(name_spans[0], new)
    return f"{core} {part}{mark}"


_ASKS_AMOUNT = re.compile(r"(?i)\b(?:bao nhiêu|mấy|how many|how much|how long|how large|what (?:is|was|are) the)\b")


def _attribute_question(core: str, part: str, names: list[str], lang: str) -> str | None:
    """"Dân số thì sao?" after "Đăk Nông có diện tích bao nhiêu?": another measure of the same place or document
    -> "Dân số của Đăk Nông là bao nhiêu". Only for a common noun (lower-case, or only its first word capitalised;
    a name such as "Kon Tum" is swapped in instead) after a question asking an amount."""
    words = part.split()
    common = bool(words) and (part.islower() or len(words) > 1 and all(w.islower() for w in words[1:]))
    if not common or not names or not _ASKS_AMOUNT.search(core):
        return None
    if detect_language(part) == "en" and re.search(r"(?i)\b(?:what|how|which|is|are|the|of)\b", core):
        lang = "en"  # an English question naming a Vietnamese place ("the area of Đăk Nông")
    joined = " và ".join(names) if lang == "vi" else " and ".join(names)
    if lang == "vi":
        return f"{part[:1].upper()}{part[1:]} của {joined} là bao nhiêu"
    return f"What is the {part[:1].lower()}{part[1:]} of {joined}"


_YEAR_RANGE = re.compile(
    r"(?i)(?:\b(?:từ|trong|giai đoạn|thời kỳ|from|between|in|during)\s+)?(?:\b(?:năm|the years?|years?)\s+)?"
    r"(?<!\d)(?:1[89]\d\d|20\d\d)\s*(?:-|–|đến|tới|to|and|until)\s*(?:năm\s+)?(?:1[89]\d\d|20\d\d)(?!\d)")
_ANY_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")


def _year_range(core: str) -> tuple[int, int] | None:
    """The span of the question's one year range ("từ năm 2008 đến 2012", "between 2008 and 2012"), when the
    question has that range and no other year."""
    ranges = list(_YEAR_RANGE.finditer(core))
    if len(ranges) != 1 or len(_ANY_YEAR.findall(core)) != 2:
        return None
    return ranges[0].span()


def _replace_all(text: str, spans: list[tuple[int, int]], new: str) -> str:
    for s, e in sorted(spans, reverse=True):
        text = text[:s] + new + text[e:]
    return text


def rewrite_followup(question: str, history: list[str], places: Places | None = None,
                     prompts_dir: Path | None = None, type_words: tuple[str, ...] = ()) -> str:
    """Standalone form of `question` given the earlier user questions `history` (oldest first), no LLM.

    An elliptical turn ("còn An Giang thì sao?", "what about An Giang?", "và năm 2016?") takes the previous
    standalone question and swaps in its new entity for the one of the same kind (document code, year, province
    — provinces from prompts/provinces_vi.txt, else capitalised name spans), or appends it when there is no
    single counterpart; a document type it names (`type_words`) replaces the one asked before. Any other turn is
    returned unchanged. A question word alone ("Vào năm nào?", "With whom?") asks the previous question's matter
    (retriever/fragments.py)."""
    if places is None:
        places = load_places(prompts_dir or DEFAULT_PROMPTS_DIR)
    base: str | None = None
    for turn in [*history, question]:
        turn_n = normalize(turn).strip()
        if not turn_n:
            continue
        fragment = merged(base, turn_n) if base and is_fragment(turn_n) else None
        part = _elliptical_part(turn_n, places) if base and fragment is None else None
        if fragment is not None:  # "Vào năm nào?", "With whom?": the previous question asks it instead
            base = fragment
        elif base and _COMPARISON.match(turn_n):  # "So với năm 2015 thì tăng bao nhiêu lần?": of the previous subject
            # "And how did that compare with 2015?": the previous question, compared with 2015
            turn_n = _HOW_COMPARE.sub("compared with ", turn_n)
            base = f"{re.sub(_END, '', base)}, {turn_n[0].lower()}{turn_n[1:]}"
        elif part is None and base and (swapped := phrase_swapped(base, turn_n)) is not None:
            base = swapped  # "What about at the level of departments and agencies?": the phrase of that preposition
        elif part is None:
            base = turn if turn is question else turn_n
        elif (timed := TIME.search(part)) and (rest := (part[:timed.start()] + part[timed.end():]).strip(" ,;:")):
            # "What about Dong Nai over the last five years?": the new place, and the new stretch of time in place
            # of the one asked before ("by the end of 2012")
            base = retimed(_substitute(base, rest, places, type_words), timed.group())
        else:
            base = _substitute(base, part, places, type_words)
    return question if base is None else base
