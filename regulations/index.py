"""The regulation index: all documents a corpus cites, one card each, built from the references ingest extracted.
Shorthand resolved across documents, a subject shared by a list of documents, one card per document whatever the
spelling of its code, and the relations between documents ("33-KL/TW tiếp tục thực hiện 272-QĐ/TW")."""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from functools import cached_property

from regulations.cards import (CardCitation, Flag, Relation, RegulationCard, card_key, english_terms,
                               make_card, uniq, written_type_agrees)
from regulations.extract import Reference
from vntext.codes import (code_tables, find_question_codes, fold_text, keys_of, normalize_code, parse_code, shorthand_key,
                          shorthand_types)

__all__ = ["CardCitation", "Flag", "Relation", "RegulationCard", "RegulationIndex", "english_terms"]
_RELATIONS = (  # phrase opening the citing document's subject -> relation kind
    ("tiếp tục thực hiện", "continues"), ("thay thế", "replaces"), ("sửa đổi, bổ sung", "amends"),
    ("sửa đổi", "amends"), ("bổ sung", "amends"), ("hướng dẫn", "guides"), ("thực hiện", "implements"),
    ("triển khai", "implements"),
)


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

    def __init__(self, cards: dict[str, RegulationCard], refs: list[Reference], alias: dict[str, str] | None = None):
        self._cards = cards
        self._refs = refs
        self._alias = alias or {}

    @classmethod
    def build(cls, refs: list[Reference]) -> RegulationIndex:
        refs = _share_subjects(_resolve_across(refs))
        keys = {i: card_key(r) for i, r in enumerate(refs)}
        groups: dict[str, list[Reference]] = {}
        for i, r in enumerate(refs):
            groups.setdefault(keys[i], []).append(r)
        alias = _same_document(groups)  # variant spellings of one code -> the key of the spelling kept
        keys = {i: alias.get(k, k) for i, k in keys.items()}
        groups = {}
        for i, r in enumerate(refs):
            groups.setdefault(keys[i], []).append(r)
        rels = _relations(refs, keys)
        terms = english_terms()
        cards: dict[str, RegulationCard] = {}
        for key, rs in groups.items():
            code = _kept_code(rs)
            cards[key] = make_card(key, code, rs, [r for r in rels if key in (r.from_code, r.to_code)], terms)
        return cls(_flag_variants(cards), refs, alias)

    def get(self, code: str, locality: str | None = None) -> RegulationCard | None:
        """Card for a code in any spelling; provincial codes need `locality` when several provinces cite them."""
        norm = normalize_code(code) or code
        cards = {**{k: self._cards[v] for k, v in self._alias.items()}, **self._cards}
        if locality and f"{norm}@{locality}" in cards:
            return cards[f"{norm}@{locality}"]
        if norm in cards:
            return cards[norm]
        local = {c.key: c for k, c in cards.items() if k.startswith(norm + "@")}
        if not local and normalize_code(code) is None:
            return self._by_shorthand(code, locality)
        return next(iter(local.values())) if len(local) == 1 else None

    def _by_shorthand(self, written: str, locality: str | None) -> RegulationCard | None:
        """The one card a "<type> <number>" shorthand names ("Quyết định 272" -> 272-QĐ/TW; "Quy chế 272", issued
        by it, too), in the province asked about when several provinces' documents share it; None when it names
        none or several."""
        named = [m for m in find_question_codes(written) if m.shorthand]
        if not named:
            return None
        found = list({id(c): c for k in keys_of(named[0]) for c in self._by_key.get(k, ())}.values())
        if locality and len(found) > 1:
            found = [c for c in found if c.key.endswith("@" + locality)] or found
        return found[0] if len(found) == 1 else None

    @cached_property
    def _by_key(self) -> dict[str, list[RegulationCard]]:
        """Each key a card's full code is known by ("num:quyetdinh:272") -> the cards: built once, not for every
        shorthand looked up."""
        out: dict[str, list[RegulationCard]] = {}
        for c in self._cards.values():
            for m in (find_question_codes(c.code) if c.code else ()):
                if not m.shorthand:
                    for k in keys_of(m):
                        if c not in out.setdefault(k, []):
                            out[k].append(c)
        return out

    def card(self, key: str) -> RegulationCard | None:
        """The card of a key, or of a variant spelling's key."""
        return self._cards.get(self._alias.get(key, key))

    def all(self) -> list[RegulationCard]:
        return sorted(self._cards.values(), key=lambda c: (-len(c.citations), c.key))

    def to_rows(self) -> list[dict[str, str | int]]:
        """One flat row per card, for CSV/JSON export."""
        return [{
            "key": c.key, "code": c.code or "", "name": c.name or "", "type": c.type or "", "type_en": c.type_en or "",
            "issuers": "; ".join(c.issuers), "issuer_en": "; ".join(c.issuer_en), "dates": "; ".join(c.dates),
            "term": c.term or "", "subjects": " | ".join(c.subjects), "citations": len(c.citations),
            "documents": "; ".join(uniq(x.source for x in c.citations)), "flags": " | ".join(c.flags),
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


def _kept_code(rs: list[Reference]) -> str | None:
    """The spelling a card shows: the one whose symbol matches the type word the sources write, else the first."""
    codes = uniq(r.code for r in rs)
    return next((c for c in codes if written_type_agrees(c, rs)), codes[0] if codes else None)


def _same_document(groups: dict[str, list[Reference]]) -> dict[str, str]:
    """Keys that are one document spelt two ways -> the key kept. "Chương trình số 27-CT/TU" and "Chương trình số
    27-CTr/TU" of one province: same number, issuer and province; the sources of the odd spelling write the type word
    of the other's symbol, never their own symbol's; their dates do not disagree."""
    buckets: dict[tuple, list[str]] = {}
    for k, rs in groups.items():
        if rs[0].code:
            p = parse_code(rs[0].code)
            buckets.setdefault((p.number, p.year, p.issuer_symbol, k.partition("@")[2]), []).append(k)
    alias: dict[str, str] = {}
    for ks in buckets.values():
        kept = [k for k in ks if written_type_agrees(groups[k][0].code, groups[k])]
        if len(ks) < 2 or len(kept) != 1:
            continue
        canon = kept[0]
        canon_type, canon_dates = parse_code(groups[canon][0].code).doc_type, {r.date for r in groups[canon] if r.date}
        for k in ks:
            written = {r.doc_type for r in groups[k] if not r.shorthand and r.doc_type}
            dates = {r.date for r in groups[k] if r.date}
            if k != canon and canon_type in written and not (canon_dates and dates and not canon_dates & dates):
                alias[k] = canon
    return alias


_LIST_GAP = re.compile(  # what may stand between two documents of a list: the first one's date and issuer, a comma or "và"
    r"^[ \t]*,?[ \t]*(?:(?:ban hành[ \t]+)?ngày[ \t]+(?:\d{1,2}[ \t]*[/.-][ \t]*\d{1,2}[ \t]*[/.-][ \t]*\d{4}"
    r"|\d{1,2}[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+\d{4}))?[ \t]*,?[ \t]*"
    r"(?:(?:của|do)[ \t]+(?:(?!về\b)[^,;:.()\n]){2,60}?)?[ \t]*(?:\(?[ \t]*kh[oó]a[ \t]+[IVXLC]+[ \t]*\)?)?"
    r"[ \t]*(?:,[ \t]*và|,|;|và)[ \t]*$", re.I)


def _about(r: Reference) -> bool:
    """The subject was written "về ..." right after the mention and its tail."""
    at = r.quote.find(r.subject or "\0", r.mention_end - r.start)
    return at >= 0 and r.quote[:at].rstrip().endswith("về")


def _share_subjects(refs: list[Reference]) -> list[Reference]:
    """"Nghị quyết 22-NQ/TW ngày 10/4/2013 của Bộ Chính trị, Nghị quyết số 31/NQ-CP ... và Chỉ thị số 01/CT-TTg ... về
    hội nhập quốc tế": the subject written after the last document of a list is the subject of each one."""
    out = list(refs)
    order = sorted(range(len(out)), key=lambda i: (out[i].doc_id, out[i].start, out[i].mention_start))
    carry, nxt = None, None
    for i in reversed(order):
        r = out[i]
        same = nxt is not None and (nxt.doc_id, nxt.start) == (r.doc_id, r.start)
        if r.subject:
            carry = r.subject if _about(r) else None
        elif carry and same and r.code and nxt.code and \
                _LIST_GAP.match(r.quote[r.mention_end - r.start:nxt.mention_start - r.start]):
            out[i] = r = replace(r, subject=carry)
        else:
            carry = None
        nxt = r
    return out


def _flag_variants(cards: dict[str, RegulationCard]) -> dict[str, RegulationCard]:
    """Same number, issuer and province but another type symbol, and not known to be one document: each card names
    the other spellings (they may be one document mistyped, or two)."""
    groups: dict[tuple, list[str]] = {}
    for k, c in cards.items():
        if c.code:
            p = parse_code(c.code)
            groups.setdefault((p.number, p.year, p.issuer_symbol, k.partition("@")[2]), []).append(k)
    out = dict(cards)
    for ks in groups.values():
        for k in ks if len(ks) > 1 else ():
            order = [k] + [o for o in ks if o != k]
            others = tuple(cards[o].code for o in order[1:])
            c = out[k]
            flag = Flag("variants", (c.code, *others), [uniq(x.source for x in cards[o].citations) for o in order])
            out[k] = replace(c, flags=c.flags + (flag,), variants=c.variants + others)
    return out


def _resolve_across(refs: list[Reference]) -> list[Reference]:
    """Shorthand left unresolved in its own document -> the one full code of that type+number in the corpus."""
    full: dict[str, set[str]] = {}
    for r in refs:
        if r.code and not r.shorthand:
            p = parse_code(r.code)
            if p.issuer_symbol not in code_tables().local_issuers:
                for t in {p.doc_type, r.doc_type}:
                    if t:
                        full.setdefault(shorthand_key(t, p.number), set()).add(r.code)
    out = []
    for r in refs:
        if r.shorthand and not r.code and r.name and r.doc_type:
            number = r.name.rsplit(" ", 1)[1]
            codes = set().union(*(full.get(shorthand_key(t, number), set()) for t in shorthand_types(r.doc_type)))
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
    return next((t for t in code_tables().type_words if folded == fold_text(t)), None)
