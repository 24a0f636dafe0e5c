"""Cards per cited document: every citation, issuers, dates, relations and disagreements between sources."""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path

from vntext.codes import TYPE_WORDS, code_key, fold_text, normalize_code, parse_code, query_code_keys, shorthand_key
from regulations.extract import Reference

TERMS_PATH = Path(__file__).resolve().parent.parent / "prompts" / "regulation_terms_en.tsv"
LOCAL_ISSUERS = frozenset({"TU", "UBND", "HĐND", "HU", "ĐU", "QU", "ThU"})  # numbering restarts in every province
_RELATIONS = (  # phrase opening the citing document's subject -> relation kind
    ("tiếp tục thực hiện", "continues"), ("thay thế", "replaces"), ("sửa đổi, bổ sung", "amends"),
    ("sửa đổi", "amends"), ("bổ sung", "amends"), ("hướng dẫn", "guides"), ("thực hiện", "implements"),
    ("triển khai", "implements"),
)


@dataclass(frozen=True)
class Relation:
    kind: str  # continues | replaces | amends | guides | implements
    from_code: str  # card key of the citing document
    to_code: str


@dataclass(frozen=True)
class CardCitation:
    doc_id: str
    source: str
    locality: str | None
    start: int
    end: int
    quote: str
    written: str


@dataclass(frozen=True)
class RegulationCard:
    key: str  # the code, "code@locality" for provincial codes, or "name:<folded name>"
    code: str | None
    name: str | None
    type: str | None
    type_en: str | None
    issuers: tuple[str, ...]
    issuer_en: tuple[str, ...]
    dates: tuple[str, ...]
    term: str | None
    subjects: tuple[str, ...]
    citations: tuple[CardCitation, ...]
    flags: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()
    variants: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def english_terms(path: Path = TERMS_PATH) -> dict[tuple[str, str], str]:
    """(kind, vietnamese) -> english, from prompts/regulation_terms_en.tsv."""
    out: dict[tuple[str, str], str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            raise ValueError(f"{path}:{n}: expected kind<TAB>vietnamese<TAB>english, got {line!r}")
        out[(cols[0], cols[1])] = cols[2]
    return out


def card_key(ref: Reference) -> str:
    """Code; "code@locality" for provincial numbering; congress resolutions by issuer+term; else the folded name."""
    if ref.code:
        local = parse_code(ref.code).issuer_symbol in LOCAL_ISSUERS and ref.locality
        return f"{ref.code}@{ref.locality}" if local else ref.code
    if ref.issuer and ref.issuer.startswith("Đại hội") and (ref.term or "tỉnh" in ref.issuer):
        where = f"@{ref.locality}" if "tỉnh" in ref.issuer and ref.locality else ""
        return f"name:{fold_text(ref.doc_type or '')} {fold_text(ref.issuer)} {(ref.term or '').lower()}".strip() + where
    return "name:" + re.sub(r"\s+", " ", fold_text(ref.name or ref.written)).strip()


def _compatible(a: str, b: str) -> bool:
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def _uniq(items) -> tuple:
    return tuple(dict.fromkeys(i for i in items if i))


def _relations(refs: list[Reference], keys: dict[int, str]) -> list[Relation]:
    """A document whose subject starts "thay thế/sửa đổi/hướng dẫn/thực hiện ..." and names another one."""
    out: list[Relation] = []
    for i, a in enumerate(refs):
        if not a.subject:
            continue
        at = a.quote.find(a.subject, a.mention_end - a.start)
        if at < 0:
            continue
        lo, hi = a.start + at, a.start + at + len(a.subject)
        kind = next((k for p, k in _RELATIONS if fold_text(a.subject).startswith(fold_text(p))), None)
        for j, b in enumerate(refs):
            if kind and j != i and b.doc_id == a.doc_id and lo <= b.mention_start < hi and keys[j] != keys[i]:
                out.append(Relation(kind, keys[i], keys[j]))
                break
    return list(dict.fromkeys(out))


class RegulationIndex:
    """All documents cited by a corpus, one card each. Build with `RegulationIndex.build(refs)`."""

    def __init__(self, cards: dict[str, RegulationCard], refs: list[Reference]):
        self._cards = cards
        self._refs = refs

    @classmethod
    def build(cls, refs: list[Reference]) -> RegulationIndex:
        refs = _resolve_across(refs)
        keys = {i: card_key(r) for i, r in enumerate(refs)}
        groups: dict[str, list[Reference]] = {}
        for i, r in enumerate(refs):
            groups.setdefault(keys[i], []).append(r)
        rels = _relations(refs, keys)
        terms = english_terms()
        cards: dict[str, RegulationCard] = {}
        for key, rs in groups.items():
            cards[key] = _card(key, rs, [r for r in rels if key in (r.from_code, r.to_code)], terms)
        return cls(_flag_variants(cards), refs)

    def get(self, code: str, locality: str | None = None) -> RegulationCard | None:
        """Card for a code in any spelling; provincial codes need `locality` when several provinces cite them."""
        norm = normalize_code(code) or code
        if locality and f"{norm}@{locality}" in self._cards:
            return self._cards[f"{norm}@{locality}"]
        if norm in self._cards:
            return self._cards[norm]
        local = [c for k, c in self._cards.items() if k.startswith(norm + "@")]
        return local[0] if len(local) == 1 else None

    def all(self) -> list[RegulationCard]:
        return sorted(self._cards.values(), key=lambda c: (-len(c.citations), c.key))

    def search(self, doc_type: str | None = None, query: str = "") -> list[RegulationCard]:
        """Cards of a type (Vietnamese or English name) matching a question: code keys first, then word overlap."""
        cards = self.all()
        if doc_type:
            want = fold_text(doc_type)
            cards = [c for c in cards if want in (fold_text(c.type or ""), fold_text(c.type_en or ""))]
        if not query.strip():
            return cards
        keys = set(query_code_keys(query))
        words = set(re.findall(r"\w+", fold_text(query))) - {"so", "cua", "ve", "va", "nao", "gi", "the"}
        scored = []
        for c in cards:
            ck = _card_keys(c)
            hay = set(re.findall(r"\w+", fold_text(" ".join((c.name or "",) + c.subjects + c.issuers))))
            score = 10 * len(keys & ck) + len(words & hay) / max(1, len(words))
            if (keys and keys & ck) or (not keys and score >= 0.5):
                scored.append((score, c))
        return [c for _, c in sorted(scored, key=lambda t: -t[0])]

    def to_rows(self) -> list[dict[str, str | int]]:
        """One flat row per card, for CSV/JSON export."""
        return [{
            "key": c.key, "code": c.code or "", "name": c.name or "", "type": c.type or "", "type_en": c.type_en or "",
            "issuers": "; ".join(c.issuers), "issuer_en": "; ".join(c.issuer_en), "dates": "; ".join(c.dates),
            "term": c.term or "", "subjects": " | ".join(c.subjects), "citations": len(c.citations),
            "documents": "; ".join(_uniq(x.source for x in c.citations)), "flags": " | ".join(c.flags),
            "relations": "; ".join(f"{r.from_code} {r.kind} {r.to_code}" for r in c.relations),
        } for c in self.all()]

    def to_json(self) -> str:
        return json.dumps({"version": 1, "references": [asdict(r) for r in self._refs]}, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str) -> RegulationIndex:
        obj = json.loads(data)
        if obj.get("version") != 1:
            raise ValueError(f"unknown regulation index version: {obj.get('version')!r}")
        return cls.build([Reference(**r) for r in obj["references"]])


def _card_keys(c: RegulationCard) -> set[str]:
    if not c.code:
        return set()
    p = parse_code(c.code)
    return {code_key(c.code)} | {shorthand_key(t, p.number) for t in (p.doc_type, c.type) if t}


def _card(key: str, rs: list[Reference], rels: list[Relation], terms: dict) -> RegulationCard:
    code = rs[0].code
    sym = parse_code(code) if code else None
    written_types = _uniq(r.doc_type for r in rs if not r.shorthand)
    dtype = (sym.doc_type if sym and sym.doc_type in written_types else None) or next(iter(written_types), None) \
        or (sym.doc_type if sym else rs[0].doc_type)
    stated = _uniq(r.issuer for r in rs)
    issuers = tuple(i for i in stated if not any(o != i and _compatible(o, i) and len(o) > len(i) for o in stated))
    if not issuers and sym and sym.issuer:
        issuers = (sym.issuer,)
    dates = _uniq(sorted(r.date for r in rs if r.date))
    flags = []
    if len(dates) > 1:
        flags.append("dates disagree: " + "; ".join(
            f"{d} ({', '.join(_uniq(_file(r.source) for r in rs if r.date == d))})" for d in dates))
    if len(issuers) > 1:
        flags.append("issuers disagree: " + "; ".join(
            f"{i} ({', '.join(_uniq(_file(r.source) for r in rs if r.issuer and _compatible(r.issuer, i)))})" for i in issuers))
    if sym and sym.doc_type and any(t != sym.doc_type and t not in ("Quy chế",) for t in written_types):
        flags.append(f"type word {', '.join(t for t in written_types if t != sym.doc_type)} "
                     f"disagrees with symbol {sym.type_symbol} ({sym.doc_type})")
    return RegulationCard(
        key=key, code=code, name=None if code else _card_name(rs), type=dtype,
        type_en=terms.get(("type", dtype or "")),
        issuers=issuers, issuer_en=tuple(terms.get(("issuer", i), "") for i in issuers), dates=dates,
        term=next(iter(_uniq(r.term for r in rs)), None), subjects=_uniq(r.subject for r in rs),
        citations=tuple(CardCitation(r.doc_id, r.source, r.locality, r.start, r.end, r.quote, r.written) for r in rs),
        flags=tuple(flags), relations=tuple(rels))


def _card_name(rs: list[Reference]) -> str | None:
    r = rs[0]
    if r.issuer and r.issuer.startswith("Đại hội") and r.term:
        return f"{r.doc_type} {r.issuer} lần thứ {r.term}"
    return max((x.name for x in rs if x.name), key=len, default=None)


def _file(source: str) -> str:
    """A source as a reader recognises it in a flag: its file name."""
    return source.rsplit("/", 1)[-1]


def _flag_variants(cards: dict[str, RegulationCard]) -> dict[str, RegulationCard]:
    """27-CTr/TU and 27-CT/TU: same number and issuer, different type symbol -> probably one document."""
    groups: dict[tuple, list[str]] = {}
    for k, c in cards.items():
        if c.code:
            p = parse_code(c.code)
            groups.setdefault((p.number, p.year, p.issuer_symbol, k.partition("@")[2]), []).append(k)
    out = dict(cards)
    for ks in groups.values():
        if len(ks) > 1:
            for k in ks:
                others = tuple(cards[o].code for o in ks if o != k)
                flag = f"variant symbols: {cards[k].code} vs {', '.join(others)}"
                c = out[k]
                out[k] = RegulationCard(**{**{f: getattr(c, f) for f in c.__dataclass_fields__},
                                           "flags": c.flags + (flag,), "variants": others})
    return out


def _resolve_across(refs: list[Reference]) -> list[Reference]:
    """Shorthand left unresolved in its own document -> the one full code of that type+number in the corpus."""
    full: dict[str, set[str]] = {}
    for r in refs:
        if r.code and not r.shorthand:
            p = parse_code(r.code)
            if p.issuer_symbol not in LOCAL_ISSUERS:
                for t in {p.doc_type, r.doc_type}:
                    if t:
                        full.setdefault(shorthand_key(t, p.number), set()).add(r.code)
    out = []
    for r in refs:
        if r.shorthand and not r.code and r.name and r.doc_type:
            number = r.name.rsplit(" ", 1)[1]
            types = [r.doc_type] + (["Quyết định"] if r.doc_type == "Quy chế" else [])
            codes = set().union(*(full.get(shorthand_key(t, number), set()) for t in types))
            if len(codes) == 1:
                r = replace(r, code=codes.pop())
        out.append(r)
    return out


@dataclass(frozen=True)
class OfficialHeader:
    """The header block of a document that is itself an official text."""

    code: str
    doc_type: str | None
    issuer: str | None  # issuing body line(s) ("BAN CHẤP HÀNH TRUNG ƯƠNG")
    place: str | None
    date: str | None  # ISO
    title: str | None  # trích yếu ("Về việc tăng cường quản lý ...")


_MOTTO = re.compile(r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[ÒO]A XÃ H[ỘO]I CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc"
                    r"|[*\-_=]{1,}\s*$", re.I)
_NUMBER_LINE = re.compile(r"(?:^|\s)Số\s*:?\s*(\d{1,5}\s*[-/][^\s,]*(?:\s*[-/]\s*[^\s,]+)*)")
_PLACE_DATE = re.compile(r"([A-ZĐ][^\W\d_]*(?: [A-ZĐ][^\W\d_]*){0,3}),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def detect_official_header(text: str) -> OfficialHeader | None:
    """"Số: 38-CT/TW", "Hà Nội, ngày 28 tháng 9 năm 1994", issuing body, type line and title in the first lines."""
    head = text[:2000]
    lines = [ln.strip() for ln in head.splitlines()]
    num_at = next((i for i, ln in enumerate(lines[:25]) if _NUMBER_LINE.search(ln)), None)
    if num_at is None:
        return None
    code = normalize_code(_NUMBER_LINE.search(lines[num_at]).group(1))
    if code is None:
        return None
    issuer_lines = [_MOTTO.sub("", ln).strip(" *-") for ln in lines[:num_at]]
    issuer = " ".join(x for x in issuer_lines if x and x.upper() == x) or None
    pd = _PLACE_DATE.search(head)
    place = pd.group(1).strip() if pd else None
    date = f"{int(pd.group(4)):04d}-{int(pd.group(3)):02d}-{int(pd.group(2)):02d}" if pd else None
    doc_type, title = None, None
    for i in range(num_at + 1, min(len(lines), num_at + 12)):
        ln = lines[i]
        if not doc_type and ln and ln.upper() == ln and _type_word(ln):
            doc_type = _type_word(ln)
            body: list[str] = []
            for x in lines[i + 1:i + 6]:
                if not x and body:
                    break
                if x and not (x.startswith("CỦA ") and not body):  # "CỦA BỘ CHÍNH TRỊ" names the issuer
                    body.append(x)
            title = " ".join(body) or None
            break
    if doc_type is None:
        doc_type = parse_code(code).doc_type
    return OfficialHeader(code, doc_type, issuer, place, date, title)


def _type_word(line: str) -> str | None:
    folded = fold_text(line).strip()
    return next((t for t in TYPE_WORDS if folded == fold_text(t)), None)
