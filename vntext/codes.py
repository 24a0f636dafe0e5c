"""Document numbers/symbols ("38-CT/TW", "01/2014/QĐ-UBND"): normalise, find in text, turn into BM25 keys."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vntext.normalize import match_form
from vntext.tokens import CODE_PREFIX, SHORTHAND_PREFIX

# symbol segment -> document type
TYPE_SYMBOLS: dict[str, str] = {
    "CT": "Chỉ thị", "NQ": "Nghị quyết", "QĐ": "Quyết định", "QĐi": "Quy định", "KL": "Kết luận",
    "KH": "Kế hoạch", "CTr": "Chương trình", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
    "QC": "Quy chế", "NĐ": "Nghị định", "CV": "Công văn", "ĐA": "Đề án", "HD": "Hướng dẫn",
    "TB": "Thông báo", "BC": "Báo cáo", "PL": "Pháp lệnh", "TTr": "Tờ trình", "L": "Luật",
    "CTHĐ": "Chương trình hành động", "QH": "Luật",
}
# symbol segment -> issuing body
ISSUER_SYMBOLS: dict[str, str] = {
    "TW": "Trung ương", "TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "TU": "Tỉnh ủy",
    "UBND": "Ủy ban nhân dân", "QH": "Quốc hội", "HĐND": "Hội đồng nhân dân", "HU": "Huyện ủy",
    "ĐU": "Đảng ủy", "TƯ": "Trung ương", "BNG": "Bộ Ngoại giao", "BCT": "Bộ Công Thương",
    "BTC": "Bộ Tài chính", "BCA": "Bộ Công an", "BQP": "Bộ Quốc phòng", "VPCP": "Văn phòng Chính phủ",
    "BNV": "Bộ Nội vụ", "BTP": "Bộ Tư pháp", "BKHĐT": "Bộ Kế hoạch và Đầu tư", "BYT": "Bộ Y tế",
    "BGDĐT": "Bộ Giáo dục và Đào tạo", "BGTVT": "Bộ Giao thông vận tải", "BXD": "Bộ Xây dựng",
    "BTNMT": "Bộ Tài nguyên và Môi trường", "BTTTT": "Bộ Thông tin và Truyền thông",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội", "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "NHNN": "Ngân hàng Nhà nước", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "CTN": "Chủ tịch nước",
    "BTGTW": "Ban Tuyên giáo Trung ương", "BĐNTW": "Ban Đối ngoại Trung ương", "BTCTW": "Ban Tổ chức Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương", "TTCP": "Thanh tra Chính phủ", "VPTW": "Văn phòng Trung ương",
    "BNN": "Bộ Nông nghiệp và Phát triển nông thôn", "BKHCN": "Bộ Khoa học và Công nghệ", "TƯĐ": "Trung ương Đoàn",
}
# upper-cased segment -> official spelling (case, Đ restored from folded input)
_CASE_FIX: dict[str, str] = {
    "TTG": "TTg", "CTR": "CTr", "QĐI": "QĐi", "QDI": "QĐi", "TTR": "TTr", "QD": "QĐ", "ND": "NĐ",
    "DA": "ĐA", "HDND": "HĐND", "DU": "ĐU", "BKHDT": "BKHĐT", "BGDDT": "BGDĐT", "CTHD": "CTHĐ",
    "BLDTBXH": "BLĐTBXH", "BDNTW": "BĐNTW", "HDTV": "HĐTV", "TƯ": "TW", "TƯĐ": "TƯĐ",
}
# canonical type words that may precede a number ("Chỉ thị số 38-CT/TW", "Quy chế 272")
TYPE_WORDS: tuple[str, ...] = (
    "Thông tư liên tịch", "Chỉ thị", "Nghị quyết", "Quyết định", "Kết luận", "Kế hoạch", "Chương trình",
    "Thông tri", "Thông tư", "Quy chế", "Quy định", "Bộ luật", "Luật", "Nghị định", "Công văn", "Đề án",
    "Chiến lược", "Hiến pháp", "Hướng dẫn", "Thông báo", "Báo cáo", "Pháp lệnh", "Tờ trình",
)
SHORTHAND_TYPES = frozenset({
    "Chỉ thị", "Nghị quyết", "Quyết định", "Quy chế", "Quy định", "Kết luận", "Nghị định", "Thông tư",
    "Thông tri", "Chương trình", "Kế hoạch", "Luật", "Hướng dẫn", "Đề án", "Công văn",
})


@dataclass(frozen=True)
class CodeMatch:
    """A document number in text. `code` is canonical ("38-CT/TW"), or just the number when shorthand."""

    code: str
    start: int  # span of the number/symbol itself
    end: int
    doc_type: str | None = None  # the type word written before it ("Chỉ thị"), canonical spelling
    shorthand: bool = False  # "Chỉ thị 38": number without symbol
    mention_start: int = -1  # start including the type word (== start when there is none)


@dataclass(frozen=True)
class CodeParts:
    number: str
    year: str | None
    type_symbol: str | None
    issuer_symbol: str | None
    doc_type: str | None  # from the symbol
    issuer: str | None  # from the symbol
    party: bool  # Party numbering "N-XX/YY" (dash after the number)


def fold_text(text: str) -> str:
    """Lower-case, diacritics removed, đ->d; same length as `text` so offsets carry over."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append("d" if ch in "đĐ" else base.lower() if len(base.lower()) == 1 else ch)
    return "".join(out)


def _fix_segment(seg: str) -> str:
    up = seg.upper()
    if up in _CASE_FIX:
        return _CASE_FIX[up]
    if sum(c.isupper() for c in seg) >= 2 and any(c.islower() for c in seg):
        return seg  # official mixed case we do not know ("SNgV")
    return up


_NORM_RE = re.compile(r"^(\d{1,5})([-/])(?:(\d{4})/)?([^\W\d_]+\d*(?:[-/][^\W_]+)*)$")


def normalize_code(s: str) -> str | None:
    """Canonical code from any spelling ("38 - CT / TW", "số 38-ct/tw") or None when `s` is not a code."""
    t = unicodedata.normalize("NFC", s).strip()
    t = re.sub(r"^(?:số|so|Số|So|SỐ|No\.?)\s*:?\s*", "", t)
    t = re.sub(r"\s+", "", t)
    m = _NORM_RE.match(t)
    if not m:
        return None
    number, sep, year, symbol = m.groups()
    parts = re.split(r"([-/])", symbol)
    fixed = "".join(p if p in "-/" else _fix_segment(p) for p in parts)
    return f"{number}{sep}{year + '/' if year else ''}{fixed}"


def parse_code(code: str) -> CodeParts:
    """Split a canonical code into number/year/type/issuer; ValueError names the bad code."""
    m = _NORM_RE.match(code)
    if not m:
        raise ValueError(f"not a document code: {code!r}")
    number, sep, year, symbol = m.groups()
    segs = re.split(r"[-/]", symbol)
    if len(segs) == 1 and re.fullmatch(r"QH\d*", segs[0]):
        return CodeParts(number, year, "QH", "QH", "Luật", "Quốc hội", False)
    first, rest = segs[0], segs[1] if len(segs) > 1 else None
    party = sep == "-"
    if first in TYPE_SYMBOLS:
        dtype = "Thông tri" if first == "TT" and party else TYPE_SYMBOLS[first]
        issuer_sym = rest
    elif first in ISSUER_SYMBOLS:
        dtype, issuer_sym = "Công văn", first
    else:
        dtype, issuer_sym = None, rest
    issuer = ISSUER_SYMBOLS.get(issuer_sym) if issuer_sym else None
    if issuer_sym and issuer is None and re.fullmatch(r"QH\d+", issuer_sym):
        issuer = "Quốc hội"
    return CodeParts(number, year, first, issuer_sym, dtype, issuer, party)


def _known(seg: str) -> bool:
    fixed = _fix_segment(seg)
    return fixed in TYPE_SYMBOLS or fixed in ISSUER_SYMBOLS or bool(re.fullmatch(r"QH\d+", fixed))


_UP = "A-ZĐƯƠÂÊÔĂ"
_SEG_STRICT = rf"[{_UP}][{_UP}a-z&]*\d*"
_SEG_LENIENT = r"[^\W\d_]+\d*"
_SEP = r"[ \t]*[-/][ \t]*"


def _code_re(seg: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w./-])(\d{{1,5}}){_SEP}(?:(\d{{4}})[ \t]*/[ \t]*)?({seg}(?:{_SEP}{seg})*)(?![\w])", flags)


_CODE_STRICT = _code_re(_SEG_STRICT)
_CODE_LENIENT = _code_re(_SEG_LENIENT)


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_FOLDED_TYPES = {fold_text(w): w for w in TYPE_WORDS}
_TYPE_BEFORE = re.compile(rf"({_alt(TYPE_WORDS)})(?:[ \t]+hành[ \t]+động)?[ \t]*(?:số[ \t]*:?[ \t]*)?$", re.I)
_TYPE_BEFORE_FOLDED = re.compile(
    rf"({_alt(tuple(_FOLDED_TYPES))})(?:[ \t]+hanh[ \t]+dong)?[ \t]*(?:so[ \t]*:?[ \t]*)?$")
_SHORT_TAIL = (r"[ \t]+(?:{so}[ \t]*)?(\d{{1,5}}(?:/(?:19|20)\d\d)?)(?![\d.,]*\d)(?![\w%])"
               r"(?![ \t]*[-/][ \t]*(?:\d|(?-i:[A-ZĐ][A-ZĐa-z]*)(?![^\W\d_])|[^\W\d_]+[ \t]*[-/]))")
_SHORT = re.compile(rf"(?<!\w)({_alt(tuple(SHORTHAND_TYPES))}){_SHORT_TAIL.format(so='số')}", re.I)
_SHORT_FOLDED = re.compile(
    rf"(?<!\w)({_alt(tuple(fold_text(w) for w in SHORTHAND_TYPES))}){_SHORT_TAIL.format(so='so')}")


def _canonical_type(word: str) -> str:
    return _FOLDED_TYPES[fold_text(word)]


def _scan(text: str, lenient: bool) -> list[CodeMatch]:
    folded = fold_text(text)
    src = folded if lenient else text
    before_re = _TYPE_BEFORE_FOLDED if lenient else _TYPE_BEFORE
    out: list[CodeMatch] = []
    taken: list[tuple[int, int]] = []
    for m in (_CODE_LENIENT if lenient else _CODE_STRICT).finditer(text):
        segs = re.split(r"[ \t]*[-/][ \t]*", m.group(3))
        tb = before_re.search(src, max(0, m.start() - 40), m.start())
        has_intro = tb is not None or re.search(r"(?:số|so)[ \t]*:?[ \t]*$", folded[max(0, m.start() - 6):m.start()])
        known = [s for s in segs if _known(s)]
        if lenient or len(segs) >= 2:
            ok = bool(known) or (not lenient and tb is not None)
        elif m.group(2):
            ok = True
        else:
            ok = bool(known) and bool(has_intro)
        code = normalize_code(m.group(0)) if ok else None
        if code is None:
            continue
        dtype = _canonical_type(tb.group(1)) if tb else None
        out.append(CodeMatch(code, m.start(), m.end(), dtype, False, tb.start() if tb else m.start()))
        taken.append((m.start(), m.end()))
    for m in (_SHORT_FOLDED if lenient else _SHORT).finditer(folded if lenient else text):
        n = m.group(2)
        if len(n) == 4 and n[:2] in ("19", "20"):
            continue  # a year ("Kế hoạch 2020"), not a number
        if any(a <= m.start(2) < b for a, b in taken):
            continue
        out.append(CodeMatch(n, m.start(2), m.end(2), _canonical_type(m.group(1)), True, m.start()))
    return sorted(out, key=lambda c: (c.start, c.end))


def find_codes(text: str) -> list[CodeMatch]:
    """Every document number in (NFC) document text, full codes and "Chỉ thị 38"-style shorthands. Matched on the
    text's `match_form` (odd spaces, either tone placement), so offsets are the text's own."""
    return _scan(match_form(text), lenient=False)


def find_question_codes(question: str) -> list[CodeMatch]:
    """Document numbers in a question, written with or without diacritics and in any case ("chi thi 38")."""
    return _scan(question, lenient=True)


def _key_part(s: str) -> str:
    return re.sub(r"\s+", "", fold_text(s))


def code_key(code: str) -> str:
    """One BM25 token for a full code: "38-CT/TW" -> "code:38-ct/tw"."""
    norm = normalize_code(code)
    if norm is None:
        raise ValueError(f"not a document code: {code!r}")
    return CODE_PREFIX + _key_part(norm)


def shorthand_key(doc_type: str, number: str) -> str:
    """"Chỉ thị", "38" -> "num:chithi:38" (leading zeros and a "/2017" year dropped)."""
    return f"{SHORTHAND_PREFIX}{_key_part(doc_type)}:{number.split('/')[0].lstrip('0') or '0'}"


def _keys(matches: list[CodeMatch]) -> list[str]:
    keys: list[str] = []
    for cm in matches:
        if cm.shorthand:
            types = [cm.doc_type] + (["Quyết định"] if cm.doc_type == "Quy chế" else [])
            new = [shorthand_key(t, cm.code) for t in types if t]
        else:
            parts = parse_code(cm.code)
            types = [t for t in (parts.doc_type, cm.doc_type) if t]
            new = [code_key(cm.code)] + [shorthand_key(t, parts.number) for t in types]
        keys.extend(k for k in new if k not in keys)
    return keys


def code_tokens(text: str) -> list[str]:
    """Index-time keys for a chunk: full key and type+number key of every code found."""
    return _keys(find_codes(text))


def query_code_keys(question: str) -> list[str]:
    """Keys for a question, with or without diacritics ("chi thi 38", "nghi quyet 31/NQ-CP")."""
    return _keys(_scan(question, lenient=True))
