"""Document numbers/symbols ("38-CT/TW", "01/2014/QĐ-UBND"): normalise, find in text, turn into BM25 keys."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vntext.normalize import match_form
from vntext.tokens import CODE_PREFIX, SHORTHAND_PREFIX

@dataclass(frozen=True)
class CodeTables:
    """What document numbers are made of, from prompts/doc_types.tsv and prompts/issuer_symbols.tsv (read through
    core/lexicon.py once, on first use: importing this module reads no file)."""

    type_symbols: dict[str, str]  # symbol segment -> document type ("CT" -> "Chỉ thị")
    party_type_symbols: dict[str, str]  # read so only in Party numbering N-XX/YY ("TT" -> "Thông tri")
    issuer_symbols: dict[str, str]  # symbol segment -> issuing body ("TW" -> "Trung ương")
    local_issuers: frozenset[str]  # numbering restarts in every province ("TU", "UBND")
    case_fix: dict[str, str]  # upper-cased or Đ-folded segment -> official spelling ("TTG" -> "TTg", "QD" -> "QĐ")
    type_words: tuple[str, ...]  # canonical type words written before a full number ("Chỉ thị số 38-CT/TW")
    shorthand_types: frozenset[str]  # type words that with a bare number name a document ("Chỉ thị 38")
    issued_with: dict[str, str]  # "Quy chế" -> "Quyết định": "Quy chế 272" is most often 272-QĐ/TW


def _case_fix(symbols: list[str], aliases: dict[str, str]) -> dict[str, str]:
    """Every symbol as typed in capitals, or with Đ typed as D, back to its official spelling."""
    out: dict[str, str] = {}
    for sym in symbols:
        for typed in (sym.upper(), sym.upper().replace("Đ", "D")):
            if typed != sym:
                out.setdefault(typed, sym)
    return {**out, **aliases}


@lru_cache(maxsize=4)
def code_tables(prompts_dir: Path | None = None) -> CodeTables:
    """The tables of `prompts_dir` (default: the product's prompts/)."""
    from core.lexicon import Lexicon
    from core.settings import PROMPTS_DIR

    lex = Lexicon(prompts_dir or PROMPTS_DIR)
    types, party = {}, {}
    for t in lex.doc_types:
        for sym in t.symbols:
            types.setdefault(sym, t.vi)
        for sym in t.party_symbols:
            party.setdefault(sym, t.vi)
    issuers = {i.symbol: i.body for i in lex.issuer_symbols if i.body}
    aliases = {i.symbol: i.alias_of for i in lex.issuer_symbols if i.alias_of}
    symbols = [*types, *party, *(i.symbol for i in lex.issuer_symbols)]
    return CodeTables(
        types, party, issuers, frozenset(i.symbol for i in lex.issuer_symbols if i.local), _case_fix(symbols, aliases),
        tuple(t.vi for t in lex.doc_types if t.numbering),
        frozenset(t.vi for t in lex.doc_types if t.numbering in ("shorthand", "issued")),
        {t.vi: t.issued_with for t in lex.doc_types if t.numbering == "issued" and t.issued_with})


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
    fix = code_tables().case_fix
    if up in fix:
        return fix[up]
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
    tables = code_tables()
    if first in tables.type_symbols or (party and first in tables.party_type_symbols):
        dtype = (tables.party_type_symbols.get(first) if party else None) or tables.type_symbols[first]
        issuer_sym = rest
    elif first in tables.issuer_symbols:
        dtype, issuer_sym = "Công văn", first  # a bare issuer symbol ("123/BNG"): an official letter
    else:
        dtype, issuer_sym = None, rest
    issuer = tables.issuer_symbols.get(issuer_sym) if issuer_sym else None
    if issuer_sym and issuer is None and re.fullmatch(r"QH\d+", issuer_sym):
        issuer = "Quốc hội"
    return CodeParts(number, year, first, issuer_sym, dtype, issuer, party)


def _known(seg: str) -> bool:
    fixed, tables = _fix_segment(seg), code_tables()
    return fixed in tables.type_symbols or fixed in tables.issuer_symbols or bool(re.fullmatch(r"QH\d+", fixed))


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


@dataclass(frozen=True)
class _TypePatterns:
    """The type words' regular expressions, compiled once from the tables on first use."""

    folded_types: dict[str, str]  # folded type word -> canonical
    before: re.Pattern[str]  # a type word right before a number ("Chỉ thị số ")
    before_folded: re.Pattern[str]
    short: re.Pattern[str]  # "Chỉ thị 38"
    short_folded: re.Pattern[str]


@lru_cache(maxsize=1)
def _type_patterns() -> _TypePatterns:
    t = code_tables()
    folded = {fold_text(w): w for w in t.type_words}
    short = tuple(t.shorthand_types)
    return _TypePatterns(
        folded,
        re.compile(rf"({_alt(t.type_words)})(?:[ \t]+hành[ \t]+động)?[ \t]*(?:số[ \t]*:?[ \t]*)?$", re.I),
        re.compile(rf"({_alt(tuple(folded))})(?:[ \t]+hanh[ \t]+dong)?[ \t]*(?:so[ \t]*:?[ \t]*)?$"),
        re.compile(rf"(?<!\w)({_alt(short)}){_SHORT_TAIL.format(so='số')}", re.I),
        re.compile(rf"(?<!\w)({_alt(tuple(fold_text(w) for w in short))}){_SHORT_TAIL.format(so='so')}"))


_SHORT_TAIL = (r"[ \t]+(?:{so}[ \t]*)?(\d{{1,5}}(?:/(?:19|20)\d\d)?)(?![\d.,]*\d)(?![\w%])"
               r"(?![ \t]*[-/][ \t]*(?:\d|(?-i:[A-ZĐ][A-ZĐa-z]*)(?![^\W\d_])|[^\W\d_]+[ \t]*[-/]))")


def _canonical_type(word: str) -> str:
    return _type_patterns().folded_types[fold_text(word)]


def _scan(text: str, lenient: bool) -> list[CodeMatch]:
    folded = fold_text(text)
    src = folded if lenient else text
    pats = _type_patterns()
    before_re = pats.before_folded if lenient else pats.before
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
    for m in (pats.short_folded if lenient else pats.short).finditer(folded if lenient else text):
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


def key_part(s: str) -> str:
    """A code or type word compared as written, case, marks and spaces aside ("272-QĐ/TW" -> "272-qd/tw")."""
    return re.sub(r"\s+", "", fold_text(s))


def code_key(code: str) -> str:
    """One BM25 token for a full code: "38-CT/TW" -> "code:38-ct/tw"."""
    norm = normalize_code(code)
    if norm is None:
        raise ValueError(f"not a document code: {code!r}")
    return CODE_PREFIX + key_part(norm)


def shorthand_key(doc_type: str, number: str) -> str:
    """"Chỉ thị", "38" -> "num:chithi:38" (leading zeros and a "/2017" year dropped)."""
    return f"{SHORTHAND_PREFIX}{key_part(doc_type)}:{number.split('/')[0].lstrip('0') or '0'}"


def _keys(matches: list[CodeMatch]) -> list[str]:
    keys: list[str] = []
    for cm in matches:
        if cm.shorthand:
            new = [shorthand_key(t, cm.code) for t in shorthand_types(cm.doc_type)]
        else:
            parts = parse_code(cm.code)
            types = [t for t in (parts.doc_type, cm.doc_type) if t]
            new = [code_key(cm.code)] + [shorthand_key(t, parts.number) for t in types]
        keys.extend(k for k in new if k not in keys)
    return keys


def keys_of(match: CodeMatch) -> frozenset[str]:
    """The keys one document number is known by: "272-QĐ/TW" -> {code:272-qd/tw, num:quyetdinh:272, ...}; a
    shorthand ("Quyết định 272") has only its type+number keys, which the full code's keys include."""
    return frozenset(_keys([match]))


def shorthand_types(doc_type: str | None) -> list[str]:
    """The types a shorthand "<type> <number>" may be numbered as: its own, and the type of the document that issues
    it ("Quy chế 272" is issued by Quyết định 272-QĐ/TW)."""
    if not doc_type:
        return []
    issued = code_tables().issued_with.get(doc_type)
    return [doc_type] + ([issued] if issued else [])


def code_tokens(text: str) -> list[str]:
    """Index-time keys for a chunk: full key and type+number key of every code found."""
    return _keys(find_codes(text))


def query_code_keys(question: str) -> list[str]:
    """Keys for a question, with or without diacritics ("chi thi 38", "nghi quyet 31/NQ-CP")."""
    return _keys(_scan(question, lenient=True))
