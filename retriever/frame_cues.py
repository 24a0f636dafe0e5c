"""What the question words of a question say, read off its cue text (folded Vietnamese, lower-case English): the
options of a multiple-choice question, where the question word stands, which kind of place or list is asked,
the document types asked together, how precisely a date is asked, and which constraints describe a named
document. The frame analyzer (retriever/frame.py) puts them together."""
from __future__ import annotations

import re
from dataclasses import replace

from core.types import AnswerType, Constraint, ConstraintKind
from vntext.codes import fold_text

_PUNCT = re.compile(r"[^\w%²]+")

_LIST_OF = (("country", ("nuoc", "quoc gia", "countries", "nations", "neighbo")),
            ("province", ("tinh", "thanh pho", "dia phuong", "provinces", "localities", "cities")),
            ("district", ("huyen", "xa", "districts", "communes")),
            ("border_gate", ("cua khau", "border gate", "border crossing")),
            ("organisation", ("to chuc", "doi tac", "co quan", "partners", "organi", "agencies", "associations",
                              "bodies", "ministries")))


_OPTION = re.compile(r"(?:^|\s)([A-Da-d])[.)]\s+")


def split_options(core: str) -> tuple[str, tuple[str, ...]]:
    """(stem, options) of a multiple-choice question "...? A. x B. y C. z": the options are choices offered, so
    what they name is not asked of the documents. A question without at least "A." and "B." has no options."""
    marks = [m for m in _OPTION.finditer(core)]
    letters = [m.group(1).upper() for m in marks]
    if "A" not in letters or "B" not in letters[letters.index("A"):]:
        return core, ()
    first = letters.index("A")
    marks = marks[first:]
    seq = [m for i, m in enumerate(marks) if m.group(1).upper() == "ABCD"[i]] if len(marks) <= 4 else marks[:4]
    if len(seq) < 2:
        return core, ()
    stem = core[: seq[0].start()].strip()
    opts = [core[m.end(): (seq[i + 1].start() if i + 1 < len(seq) else len(core))].strip() for i, m in enumerate(seq)]
    return (stem or core), tuple(o for o in opts if o)


def _cue_text(core: str, lang: str) -> str:
    """What the answer-type cues read: folded Vietnamese / lower-case English, punctuation as single spaces."""
    text = fold_text(core) if lang == "vi" else core.lower()
    end = " ?" if core.rstrip().endswith("?") else ""
    return " ".join(_PUNCT.sub(" ", text).split()) + end if lang == "vi" else " ".join(text.split())


_ASK_VI = re.compile(r"\b(?:nao|gi|ai|bao nhieu|may|khi nao|bao gio|dau)\b")
_ASK_EN = re.compile(r"\b(?:what|which|who|whom|whose|when|where|how)\b", re.I)


_RELATION_SKIP = frozenset("da duoc se la dang nguoi hien co phai can nen the".split())  # copula, tense, modal words
_QUALIFIER = frozenset("cua o tai tu thuoc ve voi trong".split())


def _relation(stem: str, lang: str) -> tuple[str, ...]:
    """What a Vietnamese "who / which body" question says the one asked did, the words right after its question
    word ("cơ quan nào chủ trì", "do ai phê duyệt", "ai là người ký"): folded syllables a sentence naming the
    answer must hold. None when a qualifier follows ("tổ chức nào của Bỉ") or the question is English."""
    if lang != "vi":
        return ()
    folded = fold_text(stem)
    m = re.search(r"\b(?:ai|nao)\b", folded)
    if not m:
        return ()
    words = []
    # "ai có thẩm quyền cho phép ...": what the one asked has the power to do is the relation
    start = m.end() + ((k := re.match(r"\s*(?:co\s+)?(?:tham quyen|quyen|trach nhiem)\s+(?=[a-z])", folded[m.end():]))
                       and k.end() or 0)
    for w in re.finditer(r"[a-z]+|[^\sa-z]", folded[start:]):
        word = w.group()
        capital = stem[start + w.start()].isupper()  # a name begins ("ký Chỉ thị 38"): the relation has ended
        if not word.isalpha() or len(words) == 2 or capital or (not words and word in _QUALIFIER):
            break
        if not words and word in _RELATION_SKIP:
            continue
        words.append(word)
    return tuple(words)


def _ask_at(stem: str, lang: str) -> int:
    m = (_ASK_VI.search(fold_text(stem)) if lang == "vi" else _ASK_EN.search(stem))
    return m.start() if m else -1


_PLACE_KIND = (("country", re.compile(r"\b(?:(?:nuoc|quoc gia)(?: ban)? nao|(?:which|what) (?:country|nation))\b")),
               ("province", re.compile(r"\b(?:(?:tinh|thanh pho|dia phuong|huyen)(?: ban)? nao|"
                                       r"(?:which|what) (?:province|city|locality|district))\b")),
               # "gắn với khu vực nào": a region named by what it is ("khu vực tam giác phát triển ...")
               ("region", re.compile(r"\b(?:(?:khu vuc|vung|tieu vung) nao|(?:which|what) (?:region|area|zone))\b")))


def _place_kind(cue_text: str) -> str | None:
    """The kind of place a "where" question names before its question word: "nước nào", "which province"."""
    return next((kind for kind, rx in _PLACE_KIND if rx.search(cue_text)), None)


def _list_of(cue_text: str) -> str | None:
    """What a list question lists: the noun after "những" / "các" / "which" ("những đối tác tiềm năng nào":
    organisations, though "tỉnh" is named elsewhere in the question); else any kind's word in the question."""
    asked = [m for m in re.finditer(r"\b(?:nhung|cac)\s+(\w+(?:\s+\w+)?)\s+(?:\w+\s+)?nao\b", cue_text)]
    # the noun the question word follows comes first: "các địa phương thuộc những nước nào" lists countries
    for m in asked + list(re.finditer(r"\b(?:nhung|cac|which|what|list|name|all)\s+(?:other\s+|the\s+)?(\w+(?:\s+\w+)?)",
                                      cue_text)):
        kind = next((k for k, words in _LIST_OF if any(m.group(1).startswith(w) for w in words)), None)
        if kind:
            return kind
    for kind, words in _LIST_OF:
        if any(w in cue_text for w in words):
            return kind
    return None


def _coordinated(text: str, span: tuple[int, int], alt: str, to_type) -> tuple[str, ...]:
    """The type at `span` with the types written right before or after it, joined by a comma, "và", "hoặc", "and",
    "or" or "/": "nghi quyet chi thi nao" -> (Chỉ thị, Nghị quyết)."""
    joint = r"\s*(?:,|/|\bva\b|\bhoac\b|\band\b|\bor\b)?\s*"  # Vietnamese cue text has no commas left
    words = [text[span[0]:span[1]]]
    before = text[:span[0]]
    while (m := re.search(rf"(?:^|\b)({alt}){joint}$", before)):
        words.append(m.group(1))
        before = before[:m.start(1)]
    after = text[span[1]:]
    while (m := re.match(rf"{joint}({alt})\b", after)):
        words.append(m.group(1))
        after = after[m.end():]
    return tuple(dict.fromkeys(t for t in map(to_type, words) if t))


_PRECISION = (  # how precisely a date question asks, Vietnamese cue text folded, English lower-cased
    ("period", re.compile(r"\b(?:giai doan nao|thoi ky nao|nhiem ky nao|(?:what|which|over what|for what) "
                          r"(?:period|time ?frame|span of years)|what years does)\b")),
    ("day", re.compile(r"\b(?:ngay nao|ngay gi|ngay bao nhieu|ngay may|hom nao|truoc ngay|han chot|thoi han|"
                       r"(?:what|which|on what|by what) (?:date|day)|by when|deadline)\b")),
    ("month", re.compile(r"\b(?:thang nao|thang may|thang bao nhieu|(?:what|which|in what) month)\b")),
    ("year", re.compile(r"\b(?:nam nao|nam bao nhieu|nam may|(?:what|which|in what) year)\b")),
)


def _date_precision(cue_text: str) -> str | None:
    """"day" for "ngày nào" / "by what date", "month", "year", "period" for "giai đoạn nào" / "what period" (two years
    answer it: "2018-2021"); None for "khi nào" / "when" (any date answers)."""
    return next((name for name, rx in _PRECISION if rx.search(cue_text)), None)


_OF_DOCUMENT = re.compile(r"\s*(?:của|do|of|by|issued by|from)\s+[^,;:?.()]{0,40}$", re.I)


def _of_documents(stem: str, constraints: tuple[Constraint, ...], type_words: tuple[str, ...] = ()) -> tuple[Constraint, ...]:
    """Marks the issuer and place written with a named document ("Kế hoạch 47/KH-UBND của UBND tỉnh Hà Giang",
    "Decision 99/2025 of the Quảng Trị People's Committee"), and a year that labels a document by its type ("Ha
    Giang's 2025 plan", "Kế hoạch năm 2025"): they describe that document, so its own text meets them, not only a
    sentence that repeats them (the 2025 plan reports what was done in 2024)."""
    ends = [c.end for c in constraints if c.kind == ConstraintKind.CODE]
    types = "|".join(re.escape(w) for w in sorted(type_words, key=len, reverse=True))
    out = []
    for c in constraints:
        if c.kind in (ConstraintKind.ORGANISATION, ConstraintKind.PLACE) and any(
                e <= c.start and _OF_DOCUMENT.fullmatch(stem[e:c.start]) for e in ends):
            c = replace(c, of_document=True)
        elif c.kind == ConstraintKind.YEAR and types and (
                re.match(rf"\s+(?:{types})\b", stem[c.end:], re.I)
                or re.search(rf"\b(?:{types})\s+(?:(?:năm|nam|of|for)\s+)?$", stem[:c.start], re.I)):
            c = replace(c, of_document=True)
        out.append(c)
    return tuple(out)


_SLOTS = (  # what an indefinite in a yes/no question names ("với một tổ chức của Bỉ", "any Japanese aid agency")
    (AnswerType.ORGANISATION, "vi", re.compile(
        r"\b(?:mot|bat ky)\s+(?:to chuc|co quan|doi tac|doanh nghiep|cong ty|ngan hang|quy|nha tai tro)\b|"
        r"\b(?:to chuc|co quan|doi tac|doanh nghiep|cong ty|ngan hang|nha tai tro)(?: [a-z]+){0,3} nao\b")),
    (AnswerType.ORGANISATION, "en", re.compile(
        r"\b(?:any|an?|some)\s+(?:[\w-]+\s+){0,3}?(?:organi[sz]ations?|agenc(?:y|ies)|bod(?:y|ies)|partners?|"
        r"compan(?:y|ies)|banks?|funds?|donors?)\b")),
    (AnswerType.PLACE, "vi", re.compile(r"\b(?:mot|bat ky)\s+(?:tinh|nuoc|quoc gia|dia phuong)\b|\b(?:tinh|nuoc|quoc gia) nao\b")),
    (AnswerType.PLACE, "en", re.compile(r"\b(?:any|some)\s+(?:[\w-]+\s+){0,2}?(?:countr(?:y|ies)|provinces?|localit(?:y|ies))\b")),
)


def _yesno_slot(cue_text: str, lang: str) -> AnswerType | None:
    """The kind of thing a yes/no question's indefinite names ("Lạng Sơn có ký thỏa thuận với một tổ chức của Bỉ
    không?": an organisation; "Did An Giang work with any Japanese aid agency?"): which one the documents name is
    asked too, and opens the answer."""
    return next((kind for kind, language, rx in _SLOTS if language == lang and rx.search(cue_text)), None)


_IDENTITY_VI = re.compile(r"^\s*(?:(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí|[Aa]nh|[Cc]hị)\s+)?(.+?)\s+là ai(?:\s+(?:vậy|thế|nhỉ|ạ|đấy))*\s*\??\s*$")
_IDENTITY_EN = re.compile(r"^\s*[Ww]ho (?:is|was)\s+(?:(?:Mr|Mrs|Ms|Dr|Comrade)\.?\s+)?(.+?)\s*\??\s*$")


def _asks_identity(core: str, lang: str) -> bool:
    """"Cao Huy là ai?", "Who is Mr Cao Huy?": who a named person is, which is the office the documents give them,
    never another person or a body."""
    m = (_IDENTITY_VI if lang == "vi" else _IDENTITY_EN).match(core)
    words = m.group(1).split() if m else []
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and not w.isupper() for w in words)


def _indefinite_at(stem: str) -> int:
    """Where a yes/no question's indefinite opens ("any", "một"): what qualifies it qualifies the answer ("any
    Japanese aid agency": JICA, as "which Japanese agency"); -1 when there is none."""
    return next((m.start() for m in re.finditer(r"(?<!\w)(?:any|some|an?|một|bất kỳ|mot|bat ky)(?!\w)", stem)), -1)
