"""Find every reference to a legal/policy document in a text: code, type, issuer, date, term, subject, passage."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from regulations.issuers import issuers
from vntext.sentences import split_sentences
from vntext.dates import parse_dmy
from vntext.codes import CodeMatch, find_codes, fold_text, parse_code, shorthand_types

TERM_RE = r"[Kk]h(?:óa|oá|oa)[ \t]+([IVXLC]+)\b"


def canonical_issuer(phrase: str) -> str:
    """"của Ban thường vụ Tỉnh ủy" -> "Ban Thường vụ Tỉnh ủy"; unknown bodies come back as written."""
    return issuers().canonical(phrase)


@dataclass(frozen=True)
class Reference:
    """One mention of a document. `code` is None for named documents ("Nghị quyết Đại hội ... lần thứ XI")."""

    doc_id: str
    source: str
    locality: str | None
    doc_type: str | None  # as written before the number, else from the symbol
    code: str | None
    name: str | None  # the written name for documents without a full code
    issuer: str | None  # canonical issuer named in the text ("Bộ Chính trị")
    symbol_issuer: str | None  # issuer implied by the symbol ("Trung ương")
    date: str | None  # ISO
    term: str | None  # "XI" from "khóa XI"
    subject: str | None
    start: int  # citing sentence in `text`
    end: int
    mention_start: int
    mention_end: int
    shorthand: bool = False
    written: str = ""  # the mention as written, for display
    quote: str = ""  # text[start:end]


_DATE = r"ngày[ \t]+(\d{1,2}[ \t]*[/.-][ \t]*\d{1,2}[ \t]*[/.-][ \t]*\d{4}|\d{1,2}[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+\d{4})"
_TAIL_DATE = re.compile(rf"[ \t]*,?[ \t]*(?:ban hành[ \t]+)?{_DATE}")
_TAIL_TERM = re.compile(rf"[ \t]*\(?[ \t]*{TERM_RE}[ \t]*\)?")
_SUBJECT = re.compile(r"[ \t]*,?[ \t]*(về|ban hành|hướng dẫn|quy định|triển khai|thực hiện)[ \t]+")
_SUBJECT_STOP = re.compile(
    r"[;:.!?\n(]|[ \t]*(?:,|và)[ \t]+(?=(?:Chỉ thị|Nghị quyết|Quyết định|Kết luận|Kế hoạch|Chương trình|Thông tri|"
    r"Thông tư|Quy chế|Nghị định|Luật|kế hoạch|\d+[ \t]*[-/]))|,[ \t]+(?=trên cơ sở|theo đó|trong đó|đồng thời|nhằm|"
    r"cùng với|trước mắt|ngày|[A-ZĐ])")
_GENERIC = re.compile(r"(?:các|những|nhiều|mọi|từng)[ \t]+$", re.I)
_DRAFTED = re.compile(r"(?:xây dựng|hoàn thành|soạn thảo|sẽ ban hành|dự thảo|góp ý)[ \t]+$", re.I)
_NAMED_TYPES = (
    "Nghị quyết", "Chiến lược", "Đề án", "Chương trình", "Kế hoạch", "Quy chế", "Hiến pháp", "Bộ luật", "Luật",
    "Chỉ thị", "Quyết định", "Kết luận", "Thông tri", "Quy định", "Nghị định", "Thông tư", "Cương lĩnh", "Pháp lệnh",
)
_TITLED = ("Chiến lược", "Đề án", "Hiến pháp", "Cương lĩnh")  # a following capitalised phrase is a title
_LOWER_TITLED = ("Chương trình", "Kế hoạch", "Quy chế", "Quy định", "Đề án", "Chiến lược", "Nghị quyết", "Luật",
                 "Bộ luật", "Cương lĩnh", "Hiến pháp", "Pháp lệnh")  # mid-sentence + lower-case title word
_STOP_WORDS = frozenset((
    "này", "đó", "nêu", "có", "được", "là", "đã", "sẽ", "mới", "cũng", "nhiều", "và", "các", "với", "để", "thì",
    "không", "chưa", "vẫn", "quy", "ban", "yêu", "trên", "dưới", "trong", "cho", "hiện", "đang", "nói", "chỉ", "gì",
    "ấy", "kia", "nào", "ra", "vào", "lại", "rất", "đều", "phải", "tại", "khi", "mà", "như", "sau", "trước", "theo",
))
_NAMED = re.compile(r"(?<![\w])(" + "|".join(sorted(_NAMED_TYPES, key=len, reverse=True)) + r"|luật)(?![\w])")
_ORG_BEFORE = re.compile(r"(?:Viện|Học viện|Trung tâm|Ban|Vụ|Cục|Văn phòng|đối tác|Đối tác|Tổ|Nhóm|Đoàn|Sở|Phòng|"
                         r"Hội đồng|(?:Ủy|Uỷ) ban|trường|Trường|Khoa|Đại học|nhà|Nhà|hành nghề)[ \t]+$")
_NOT_LAW_BEFORE = re.compile(r"(?:pháp|đạo|Đạo|kỷ|dự|giới|làm|học|ngành|văn|tuân)[ \t]+$")  # "pháp luật Việt Nam"
_NOT_A_DOC = re.compile(r"(?:[ \t]+(?:sư|gia)(?!\w))")  # "Luật sư", "Chiến lược gia"
_LAW_STOP = re.compile(r"[,;:.!?\n(“\"]|[ \t]+(?:và|theo|để|nhằm|thì|là|đã|được|có|với|quy định|về|tại|của|"
                       r"hiện hành|trong|cho|này|đó|năm[ \t]+nay|giải thích|cũng|không|mà|sẽ|số)(?!\w)")
_CENTRAL = re.compile(r"[ \t]+(?:Hội nghị[ \t]+)?(?i:trung ương)(?:[ \t]+(?:lần[ \t]+thứ[ \t]+)?(\d{1,2}|[IVX]+)(?!\w))?"
                      r"(?:[ \t]*,?[ \t]*\(?(?i:kh(?:óa|oá|oa))[ \t]+([IVXLC]+)\)?)?")
_TYPE_ALT = "|".join(sorted(_NAMED_TYPES, key=len, reverse=True))
_TITLE_START = re.compile(rf"[ \t]+(?:(hành động|liên tịch|về[ \t]|{_TYPE_ALT})|(\w+))")
_YEAR_END = re.compile(r"(?:đến|giai đoạn)[ \t]+(?:năm[ \t]+)?\d{4}(?:[ \t]*-[ \t]*\d{4})?(?:,[ \t]*tầm nhìn(?: đến)?(?: năm)?[ \t]+\d{4})?")
_NAME_STOP = re.compile(r"[,;:.!?\n(“\"]|[ \t]+(?:và|theo|để|nhằm|trên địa bàn|thì|là|đã|được|có|với|quy định|nêu)[ \t]")
_CONGRESS = re.compile(
    r"[ \t]+Đại hội(?:[ \t]+(?:đại biểu[ \t]+)?(Đảng toàn quốc|Đảng bộ tỉnh|Đảng bộ thành phố|toàn quốc))?"
    r"(?:[ \t]+(?:lần[ \t]+thứ[ \t]+)?([IVXLC]+|\d{1,2})(?!\w))?(?:[ \t]+của[ \t]+Đảng)?")


@dataclass(frozen=True)
class _IssuerPatterns:
    tail: re.Pattern[str]  # ", của Bộ Chính trị" after a mention
    before: re.Pattern[str]  # "ngày 10/4/2013, Bộ Chính trị ban hành " before one
    direct: re.Pattern[str]  # "Nghị quyết Quốc hội ..."


@lru_cache(maxsize=1)
def _issuer_patterns() -> _IssuerPatterns:
    """Compiled on first use from the issuers table (regulations/issuers.py)."""
    body = issuers().pattern
    return _IssuerPatterns(
        re.compile(rf"[ \t]*,?[ \t]*(?:của|do)[ \t]+(?:{body})", re.I),
        re.compile(rf"(?:{_DATE}[ \t]*,[ \t]*)?(?:(?:Thống đốc|Bộ trưởng|Chủ tịch)[ \t]+)?(?:{body})(?:[ \t]+\([^)]{{1,20}}\))?"
                   rf"(?:[ \t]+(?:đã[ \t]+|vừa[ \t]+|cũng[ \t]+)?(?:ban hành|có|ký|ra)|[ \t]+(?:tại|theo))[ \t]+(?:các[ \t]+|một[ \t]+)?$", re.I),
        re.compile(rf"[ \t]+(?:{body})(?!\w)", re.I))


def _sentence_of(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in bounds:
        if a <= pos < b:
            return a, b
    return pos, pos


def _subject(text: str, pos: int, limit: int) -> str | None:
    m = _SUBJECT.match(text, pos, limit)
    if not m:
        return None
    body_start = m.end() if m.group(1) == "về" else m.start(1)
    if text.startswith(("“", '"'), body_start):
        close = text.find("”" if text[body_start] == "“" else '"', body_start + 1, limit)
        if close > 0:
            return text[body_start + 1:close].strip()
    stop = _SUBJECT_STOP.search(text, body_start, limit)
    end = min(stop.start() if stop else limit, body_start + 250)
    return text[body_start:end].strip() or None


def _tail(text: str, pos: int, limit: int) -> tuple[str | None, str | None, str | None, str | None, int]:
    """Date, issuer, term, subject written after a mention; returns where the tail ends."""
    date = issuer = term = None
    for _ in range(3):
        if date is None and (m := _TAIL_DATE.match(text, pos, limit)):
            date, pos = parse_dmy(m.group(1)), m.end()
        elif issuer is None and (m := _issuer_patterns().tail.match(text, pos, limit)):
            issuer, pos = canonical_issuer(m.group(0)), m.end()
        elif term is None and (m := _TAIL_TERM.match(text, pos, limit)):
            term, pos = m.group(1).upper(), m.end()
    return date, issuer, term, _subject(text, pos, limit), pos


def _coded(doc: tuple[str, str, str | None], text: str, cm: CodeMatch, sent: tuple[int, int]) -> Reference:
    parts = parse_code(cm.code) if not cm.shorthand else None
    date, issuer, term, subject, tail_end = _tail(text, cm.end, sent[1])
    before = _issuer_patterns().before.search(text, max(sent[0], cm.mention_start - 120), cm.mention_start)
    if before:
        issuer = issuer or canonical_issuer(before.group(0))
        date = date or (parse_dmy(before.group(1)) if before.group(1) else None)
    dtype = cm.doc_type or (parts.doc_type if parts else None)
    return Reference(
        *doc, doc_type=dtype, code=None if cm.shorthand else cm.code,
        name=f"{cm.doc_type} {cm.code}" if cm.shorthand else None, issuer=issuer,
        symbol_issuer=parts.issuer if parts else None, date=date, term=term, subject=subject,
        start=sent[0], end=sent[1], mention_start=cm.mention_start, mention_end=cm.end,
        shorthand=cm.shorthand, written=text[cm.mention_start:cm.end], quote=text[sent[0]:sent[1]])


def _named(doc: tuple[str, str, str | None], text: str, m: re.Match[str], sent: tuple[int, int]) -> Reference | None:
    """A document named without a number: "Nghị quyết Đại hội ... lần thứ XI", "Luật Doanh nghiệp", ..."""
    written_type, pos = m.group(1), m.end()
    dtype = "Luật" if written_type == "luật" else written_type
    if _GENERIC.search(text, max(0, m.start() - 12), m.start()) or _DRAFTED.search(text, max(0, m.start() - 20), m.start()) \
            or _ORG_BEFORE.search(text, max(0, m.start() - 15), m.start()) or _NOT_A_DOC.match(text, pos):
        return None
    first_letter = next((i for i in range(sent[0], sent[1]) if text[i].isalpha()), sent[0])
    mid_sentence = m.start() > first_letter
    issuer = term = subject = date = None
    end = None
    if written_type == "luật":  # "luật Dự trữ quốc gia": lower-case word, capitalised name
        if not re.match(r"[ \t]+[A-ZĐ]", text[pos:pos + 3]) or _NOT_LAW_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            return None
        end = _law_end(text, pos, sent[1])
    elif (c := _CONGRESS.match(text, pos, sent[1])) and c.group(0).strip() != "Đại hội":
        where = fold_text(c.group(1) or ("toàn quốc" if "của Đảng" in c.group(0) else ""))
        issuer = "Đại hội Đảng bộ tỉnh" if "dang bo" in where else "Đại hội Đảng toàn quốc" if where else None
        term, end = _roman(c.group(2)), c.end()
    elif c := _CENTRAL.match(text, pos, sent[1]):
        issuer, term, end = "Ban Chấp hành Trung ương", _roman(c.group(2)) if c.group(2) else None, c.end()
    elif re.match(r"[ \t]+của[ \t]", text[pos:pos + 6]):
        date, issuer, term, subject, end = _tail(text, pos, sent[1])
        if issuer is None:
            return None
        if subject:
            end = text.find(subject, end) + len(subject)
    elif d := _issuer_patterns().direct.match(text, pos, sent[1]):
        issuer, end = canonical_issuer(d.group(0)), d.end()
    elif y := re.match(r"[ \t]+(?:năm[ \t]+)?(?:19|20)\d\d(?!\d)", text[pos:pos + 12]):
        if dtype not in ("Hiến pháp", "Bộ luật"):
            return None
        end = pos + y.end()
    else:
        ts = _TITLE_START.match(text, pos, sent[1])
        if not ts:
            return None
        word = ts.group(2) or ""
        if ts.group(1) is None:
            year = _YEAR_END.search(text, pos, min(sent[1], pos + 60))
            titled = word[:1].isupper() and (dtype in _TITLED or dtype in ("Luật", "Bộ luật"))
            lower_title = word[:1].islower() and mid_sentence and dtype in _LOWER_TITLED and word not in _STOP_WORDS
            if not (titled or lower_title or (year and not _NAME_STOP.search(text, pos + 1, year.start()))):
                return None
        if dtype in ("Luật", "Bộ luật"):
            end = _law_end(text, pos, sent[1])
        else:
            year = _YEAR_END.search(text, pos, min(sent[1], pos + 150))
            stop = _NAME_STOP.search(text, pos + 1, sent[1])
            end = stop.start() if stop else sent[1]
            if year and not _NAME_STOP.search(text, pos + 1, year.start()):
                end = year.end()
    before = _issuer_patterns().before.search(text, max(sent[0], m.start() - 120), m.start())
    if before:
        issuer = issuer or canonical_issuer(before.group(0))
        date = date or (parse_dmy(before.group(1)) if before.group(1) else None)
    name = text[m.start():end].strip(" \t,")
    return Reference(
        *doc, doc_type=dtype, code=None, name=name, issuer=issuer, symbol_issuer=None, date=date, term=term,
        subject=subject, start=sent[0], end=sent[1], mention_start=m.start(), mention_end=m.start() + len(name),
        written=name, quote=text[sent[0]:sent[1]])


def _law_end(text: str, pos: int, limit: int) -> int:
    stop = _LAW_STOP.search(text, pos + 1, limit)
    return stop.start() if stop else limit


def _roman(n: str | None) -> str | None:
    if not n or not n.isdigit():
        return n.upper() if n else None
    out, v = "", int(n)
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while v >= value:
            out, v = out + sym, v - value
    return out


def _share_issuers(refs: list[Reference], text: str) -> list[Reference]:
    """"Chỉ thị số 45-CT/TW và Nghị quyết số 36-NQ/TW của Bộ Chính trị": the issuer applies to both;
    "Chính phủ ban hành các Nghị quyết số 33/NQ-CP, 34/NQ-CP": so does one written before the list."""
    out = list(refs)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if text[a.mention_end:b.mention_start].strip() not in ("và", ",", "") or not (a.code and b.code):
            continue
        if parse_code(a.code).issuer_symbol != parse_code(b.code).issuer_symbol:
            continue
        if not (a.issuer or a.date or a.subject) and b.issuer:
            out[i] = replace(a, issuer=b.issuer, term=a.term or b.term)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if b.issuer or not (a.code and b.code and a.issuer) or not text[b.mention_start].isdigit():
            continue
        if text[a.mention_end:b.mention_start].strip() in ("và", ",") and \
                parse_code(a.code).issuer_symbol == parse_code(b.code).issuer_symbol:
            out[i] = replace(b, issuer=a.issuer, term=b.term or a.term)
    return out


def _resolve_shorthand(refs: list[Reference]) -> list[Reference]:
    """"Quy chế 272" -> "272-QĐ/TW" when the same document cites that full code."""
    full: dict[tuple[str, str], set[str]] = {}
    for r in refs:
        if r.code:
            p = parse_code(r.code)
            for t in {p.doc_type, r.doc_type}:
                if t:
                    full.setdefault((t, p.number.lstrip("0")), set()).add(r.code)
    out = []
    for r in refs:
        if r.shorthand and r.name:
            number = r.name.rsplit(" ", 1)[1].split("/")[0].lstrip("0")
            codes = set().union(*(full.get((t, number), set()) for t in shorthand_types(r.doc_type)))
            if len(codes) == 1:
                r = replace(r, code=codes.pop())
        out.append(r)
    return out


def extract_references(doc_id: str, source: str, text: str, locality: str | None) -> list[Reference]:
    """Every document reference in `text`, in reading order; offsets index `text`."""
    doc = (doc_id, source, locality)
    bounds = split_sentences(text, items=True)  # each list item's mentions are its own
    matches = find_codes(text)
    covered = [(cm.mention_start, cm.end) for cm in matches]
    refs = [_coded(doc, text, cm, _sentence_of(bounds, cm.start)) for cm in matches]
    for m in _NAMED.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        if re.match(r"[ \t]+(?:hành[ \t]+động[ \t]+)?(?:số[ \t]*)?\d", text[m.end():m.end() + 30]) and not \
                (m.group(1) in ("Hiến pháp", "Bộ luật") and re.match(r"[ \t]+(?:19|20)\d\d(?!\d)", text[m.end():m.end() + 8])):
            continue
        ref = _named(doc, text, m, _sentence_of(bounds, m.start()))
        if ref and any(r.code is None and r.doc_type == ref.doc_type and r.mention_start < m.start() < r.mention_end
                       for r in refs):
            continue  # "Luật Luật sư": the inner word is part of the name
        if ref and not any(r.subject and r.start == ref.start and _inside_subject(text, r, ref) for r in refs):
            refs.append(ref)
    refs.sort(key=lambda r: r.mention_start)
    return _resolve_shorthand(_share_issuers(refs, text))


def _inside_subject(text: str, owner: Reference, ref: Reference) -> bool:
    """The document issued by `owner` ("... ban hành Quy chế ...") is not a separate reference."""
    if not owner.subject or not owner.subject.startswith("ban hành"):
        return False
    at = text.find(owner.subject, owner.mention_end)
    return at >= 0 and at <= ref.mention_start < at + len(owner.subject)
