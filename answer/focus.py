"""What an earlier turn of a conversation was about (its focus), for references back to resolve to: the document
its answer showed, the person, body or place of its direct answer, else what its question named; a person named
only by a role ("Phó Thủ tướng Lào"), a group ("Liên hiệp các tổ chức hữu nghị tỉnh Đồng Nai", "Lãnh đạo tỉnh
Lạng Sơn"), a document an answer quoted by its title ("Đề án định hướng Hội nhập quốc tế ...")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.types import Answer, AnswerType, ConstraintKind, QuestionFrame
from vntext.codes import find_codes, fold_text


@dataclass(frozen=True)
class Focus:
    """What an answered turn was about, by kind; each value is written as a question would name it."""

    document: str | None = None  # "Chỉ thị 38-CT/TW"
    person: str | None = None
    organisation: str | None = None
    place: str | None = None
    places: tuple[str, ...] = ()  # every place of the turn, `place` first (a province and a country may both be named)
    year: str | None = None
    issuer: str | None = None  # who issued the document the answer showed: "cơ quan đó" may mean it, "họ" hardly

    def get(self, kind: str) -> str | None:
        if kind == "organisation":
            return self.organisation or self.issuer
        return getattr(self, kind, None)


def focus_of(frame: QuestionFrame | None, answer: Answer | None) -> Focus:
    """The answer's own focus first (the document it showed, its direct answer), then what the question named."""
    doc = person = org = place = issuer = None
    if answer is not None and not answer.abstained:
        refs = answer.references or []
        # the document the question named, when the answer shows it, else the first the answer shows
        named = set(frame.codes) if frame is not None and frame.answer_type != AnswerType.DOCUMENTS else set()
        # a person, body or place the answer gave is its focus: a document its quotes merely cite is not ("Which
        # body did An Giang consolidate ...?" -> "Who manages it?" asks of the body)
        entity = frame is not None and answer.short_answer is not None and frame.answer_type in (
            AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.PLACE)
        r = next((r for r in refs if r.get("code") in named), {} if entity else refs[0] if refs else {})
        if r.get("code"):
            doc = f"{r['type']} {r['code']}" if r.get("type") else r["code"]
        short = answer.short_answer.text if answer.short_answer else None
        kind = frame.answer_type if frame else None
        if short and kind == AnswerType.PERSON:
            person = short.split(" - ")[0].split(", ")[0]  # a byline's name, not its agency ("Võ Thái Lâm - Sở ...")
        elif short and kind == AnswerType.ORGANISATION:
            org = short
        elif short and kind == AnswerType.PLACE:
            place = short
        issuer = r["issuers"][0] if r.get("issuers") else None
    if frame is not None:
        codes = [c for c in frame.of(ConstraintKind.CODE)]
        names = [c for c in frame.of(ConstraintKind.DOCUMENT)]
        if doc is None and (codes or names):
            c = (codes or names)[0]
            doc = c.text if codes and c.text != c.value and len(c.text) > len(c.value) else c.value
        places = frame.of(ConstraintKind.PLACE)
        orgs = frame.of(ConstraintKind.ORGANISATION)
        named_places = tuple(c.value for c in places)
        place = place or (named_places[0] if named_places else None)
        org = org or (orgs[0].value if orgs else None)
        if place:  # "Ủy ban nhân dân tỉnh" of a question on Lạng Sơn is Lạng Sơn's
            org, issuer = (f"{o} {place}" if o and re.search(r"(?i)(?<!\w)tỉnh(?: [uủ][yỷ])?$", o) and place not in o
                           else o for o in (org, issuer))
        years = frame.of(ConstraintKind.YEAR)
        year = years[0].value if years else None
    else:
        named_places, year = (), None
    return Focus(doc, person, org, place, tuple(dict.fromkeys(([place] if place else []) + list(named_places))), year,
                 issuer)


_GROUP_VI = re.compile(
    r"(?i)(?<!\w)(?:(?:các|những)\s+)?(?:tổ chức|hiệp hội|hội hữu nghị|hội|liên hiệp|đoàn|cơ quan|doanh nghiệp|đối tác|"
    r"công ty|câu lạc bộ|lãnh đạo|cán bộ|đại biểu|chuyên gia|doanh nhân|kiều bào|đồng bào|người dân|nhân dân|"
    r"người Việt Nam ở nước ngoài|người nước ngoài|du khách|học viên|sinh viên|lao động)(?!\w)(?:\s+(?!(?:đến|tại|ở|đã|có|được|là|vào|trong|sang|của|với|thành lập|ra đời|ban hành|ký|năm|khi)(?!\w))[^\W\d_]+){0,8}")
_GROUP_EN = re.compile(
    r"(?i)\b(?:(?!(?:how|many|much|what|which|the|a|an|did|does|do)\b)[a-z'’-]+\s+){0,2}(?:organi[sz]ations|associations|"
    r"NGOs|companies|partners|delegations|committees|agencies|bodies|groups|unions|leaders|officials|delegates|experts|"
    r"overseas Vietnamese|Vietnamese (?:living |residing )?abroad|residents|workers|visitors|tourists|students)\b")
# a body named in capitals ("the Union of Friendship Organizations in Đồng Nai"): named whole, "of" and all
_NAMED_EN = re.compile(r"\b(?:[A-Z][\w'’-]*\s+)+(?:(?:of|for|and)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*)+)+")


def listed(answer: Answer | None) -> tuple[str, ...]:
    """The items of an earlier list answer ("**Takeo** [1], **Kandal** [1]"), what "họ" / "they" may stand for next."""
    if answer is None or answer.abstained or getattr(answer.frame, "answer_type", None) != AnswerType.LIST:
        return ()
    head = answer.answer.split("\n", 1)[0]
    return tuple(re.findall(r"\*\*([^*]+)\*\* \[\d+\]", head))


_NAME = r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){0,3}"
# places named together as a group: "hai tỉnh Takeo và Kandal", "the two provinces Takeo and Kandal"
_PLACES_VI = re.compile(rf"(?<!\w)(?:hai|ba|bốn|các|những)\s+(?:tỉnh|nước|địa phương|tỉnh bạn|nước bạn)\s+"
                        rf"((?-i:{_NAME})(?:\s*,\s*(?-i:{_NAME}))*\s+(?:và|với)\s+(?-i:{_NAME}))", re.I)
_PLACES_EN = re.compile(rf"\b(?:two|three|both|the)\s+(?:provinces|countries|localities)\s+(?:of\s+)?"
                        rf"((?-i:{_NAME})(?:\s*,\s*(?-i:{_NAME}))*\s+and\s+(?-i:{_NAME}))", re.I)


def group_named(question: str) -> str | None:
    """The group a question is about ("các tổ chức phi chính phủ nước ngoài", "bilateral friendship associations",
    "hai tỉnh Takeo và Kandal"): what "họ" / "they" in the next question most likely means when no answer named an
    organisation."""
    places = _PLACES_VI.search(question) or _PLACES_EN.search(question)
    if places and all(w[0].isupper() for w in re.findall(r"[^\W\d_]+", places.group(1)) if w not in ("và", "với", "and")):
        return places.group(1)
    m = _GROUP_VI.search(question)
    if m is None and (m := _GROUP_EN.search(question)):
        named = next((n for n in _NAMED_EN.finditer(question) if n.start() < m.end() and m.start() < n.end()), None)
        if named is not None:  # the group is part of a body's name: the name
            return named.group().strip()
    return m.group().strip() if m else None


_DEMONSTRATIVE = re.compile(r"(?i)\s+(?:này|đó|ấy|đấy|kia|trên|vừa nêu|nói trên|kể trên|vừa rồi)$")
_DEMONSTRATIVE_EN = re.compile(r"(?i)^(?:this|that|the same|the said|the above|these|those)\s+")
_ASKS = re.compile(r"(?i)(?<!\w)(?:nào|gì|ai|which|what|whose)(?!\w)")


def kind_named(reference: str) -> str | None:
    """The kind of document a reference back names, without its demonstrative ("đề án đó" -> "đề án", "that
    memorandum" -> "memorandum"); None for any document at all ("văn bản này", "this document")."""
    kind = _DEMONSTRATIVE.sub("", _DEMONSTRATIVE_EN.sub("", reference)).strip()
    return None if fold_text(kind) in ("van ban", "tai lieu", "document", "text") else kind


def titled_in(reference: str, answer: Answer | None, body: bool = False) -> str | None:
    """A document without a number that an earlier answer quoted by its type and title, for "đề án đó" / "kế
    hoạch này": "Đề án định hướng Hội nhập quốc tế của tỉnh Kon Tum đến năm 2020" (up to the next punctuation);
    with `body`, a body quoted by its kind and name, for "ban chỉ đạo đó": "Ban chỉ đạo công tác thông tin đối
    ngoại tỉnh An Giang"."""
    kind = kind_named(reference)
    if answer is None or answer.abstained or kind is None:
        return None
    # a short name with its acronym in brackets counts too ("Ngân hàng Châu Á (ADB)")
    rx = re.compile(rf"(?i)(?<!\w){re.escape(kind)}\s+[^\W\d](?:[^,.;:()\n“”\"]{{8,140}}|[^,.;:()\n“”\"]{{2,7}}\((?-i:[A-Z]{{2,}})\))")
    for c in answer.citations:
        m = rx.search(c.quote)
        if m:
            numbered = find_codes(m.group())
            if numbered and re.fullmatch(r"\s*(?:số\s*)?", m.group()[len(kind):numbered[0].start], re.I):
                # "Chương trình số 27-CT/TU ngày 05/9/2013 của ...": the programme is named by its number
                return f"{kind[:1].upper()}{kind[1:]} {numbered[0].code}"
            words = m.group().split()
            if body:  # a body's name ends where the sentence goes on about it ("... tỉnh An Giang do Ủy ban ...")
                words = words[:next((i for i, w in enumerate(words) if i > 1 and w.lower() in _GOES_ON), len(words))]
            return " ".join([words[0][:1].upper() + words[0][1:], *words[1:16]]).strip()
    return None


_GOES_ON = frozenset("do được đã sẽ là có với và để nhằm theo tại trực thuộc gồm".split())


_ASKED_AFTER = re.compile(r"(?i)\s+(?:(?:phải|đúng|có) (?:không|chưa)|hay không|không|chưa|không ạ|vậy|ạ|nhỉ)\s*$")


def named_in(reference: str, question: str, kinds: tuple[str, ...] = ()) -> str | None:
    """A document without a number that an earlier question named by its kind, for "that memorandum" / "biên bản
    ghi nhớ đó": "the memorandum of understanding with Champasak province in Laos" (up to the next punctuation).
    A reference to any document ("văn bản đó", "this document") takes the first of `kinds` (the document types)
    the question named: "... có chỉ thị về tăng cường công tác đối ngoại thời kỳ CNH, HĐH phải không?" -> "chỉ thị
    về tăng cường công tác đối ngoại thời kỳ CNH, HĐH"."""
    kind = kind_named(reference)
    named = _named(question, (kind,), described=False) if kind is not None else described_in(question, kinds)
    return named if named is None or not reference.isascii() else f"the {named}"


def described_in(question: str, kinds: tuple[str, ...]) -> str | None:
    """A document a question described by one of `kinds` (the document types), without a number, up to the end of
    its clause and without the question's closing words: "... có chỉ thị về tăng cường công tác đối ngoại thời kỳ
    CNH, HĐH phải không?" -> "chỉ thị về tăng cường công tác đối ngoại thời kỳ CNH, HĐH"."""
    return _named(question, kinds, described=True) if kinds else None


def _named(question: str, names: tuple[str, ...], described: bool) -> str | None:
    alternatives = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
    m = re.search(rf"(?i)(?<!\w)(?:{alternatives})s?\b[^.;:?()\n“”\"]{{0,90}}", question)
    if not m or re.search(r"(?i)(?<!\w)(?:which|what)\s+(?:[\w-]+\s+){0,2}$", question[:m.start()]):
        return None  # "Which (Belgian) plan did Kon Tum adopt ...": asked which one, named none
    named = m.group()
    if described:  # a description runs to the end of the clause, without the question's closing words
        named = _ASKED_AFTER.sub("", named.split(",")[0] if not re.search(r"\b[A-ZĐ]{2,}\s*,", named) else named)
    else:
        named = _ASKED_AFTER.sub("", named.split(",")[0])  # "quy chế ... riêng của tỉnh không?": the yes/no asked aside
    if _ASKS.search(named) or len(named.split()) < (3 if described else 2):
        return None  # "Đề án nào ...": the question asked which one; it named none
    return " ".join(named.split()[:14])


_ROLE_OF = re.compile(r"(?i)\s*(?:(?:of|from)(?: the)?|của|tỉnh)?\s*")


def role_holder(frame: QuestionFrame) -> str | None:
    """The person a question names only by a role, with the place or body written right after it ("Phó Thủ
    tướng Lào", "Chủ tịch UBND tỉnh"), as a later "ông ấy" / "he" stands for."""
    for role in frame.of(ConstraintKind.ROLE):
        end = role.end
        for c in frame.constraints:
            if c.kind in (ConstraintKind.PLACE, ConstraintKind.ORGANISATION) and c.start >= end and \
                    _ROLE_OF.fullmatch(frame.core[end:c.start]):
                end = c.end
        if role.start >= 0:
            return frame.core[role.start:end]
    return None
