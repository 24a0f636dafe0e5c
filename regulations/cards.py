"""One card per cited document: its facts as the sources state them, every citing passage, and where the sources
disagree (flags). Built from the references of one document by `make_card`; the index groups references."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.settings import PROMPTS_DIR
from regulations.extract import Reference
from vntext.codes import code_tables, fold_text, parse_code



@dataclass(frozen=True)
class Relation:
    kind: str  # continues | replaces | amends | guides | implements
    from_code: str  # card key of the citing document
    to_code: str


class Flag(str):
    """A disagreement between a card's sources. As a str it is the English wording that `app.py refs` and the JSON
    contract carry; `kind`, `values` and `sources` let the page word it in its own language, with document titles.

    kind "dates" | "issuers": values are the dates / issuers stated, sources[i] the sources stating values[i];
    kind "type_word": values = (type words written, the code's type symbol, the type that symbol stands for);
    kind "variants": values = the card's code, then the other spellings of it that sources use."""

    kind: str
    values: tuple[str, ...]
    sources: tuple[tuple[str, ...], ...]

    def __new__(cls, kind: str, values, sources=()):
        values, sources = tuple(values), tuple(tuple(s) for s in sources)
        obj = super().__new__(cls, _flag_english(kind, values, sources))
        obj.kind, obj.values, obj.sources = kind, values, sources
        return obj

    def __getnewargs__(self):
        return self.kind, self.values, self.sources


def _flag_english(kind: str, values: tuple[str, ...], sources: tuple[tuple[str, ...], ...]) -> str:
    each = "; ".join(f"{v} ({', '.join(file_name(x) for x in src)})" for v, src in zip(values, sources))
    if kind in ("dates", "issuers"):
        return f"{kind} disagree: {each}"
    if kind == "type_word":
        return f"type word {values[0]} disagrees with symbol {values[1]} ({values[2]})"
    if kind == "variants":
        return f"variant symbols: {values[0]} vs {', '.join(values[1:])}"
    raise ValueError(f"unknown flag kind {kind!r}")


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
    citations: tuple[CardCitation, ...]  # one per citing passage (a passage naming the document twice is one)
    flags: tuple[Flag, ...] = ()
    relations: tuple[Relation, ...] = ()
    variants: tuple[str, ...] = ()  # other spellings of `code` in the sources ("27-CT/TU" for "27-CTr/TU")

    @property
    def display_code(self) -> str:
        """The code, with the province for provincial numbering ("363-QĐ/TU (Kon Tum)"); the name when uncoded."""
        return display_key(self.key, self.code or self.name or self.key)


def display_key(key: str, shown: str) -> str:
    """`shown` (a code or name) with the province of a provincial key ("363-QĐ/TU@Kon Tum" -> "363-QĐ/TU (Kon Tum)")."""
    where = key.partition("@")[2]
    return f"{shown} ({where})" if where else shown


def file_name(source: str) -> str:
    return source.rsplit("/", 1)[-1]


@lru_cache(maxsize=4)
def english_terms(prompts_dir: Path = PROMPTS_DIR) -> dict[tuple[str, str], str]:
    """(kind, vietnamese) -> the English name shown, kind "type" or "issuer": the first English name of each document
    type (prompts/doc_types.tsv) and of each spelling of an issuing body (prompts/issuers.tsv), read through the
    lexicon, so that a type or a body has one English name everywhere."""
    from core.lexicon import Lexicon

    lex = Lexicon(prompts_dir)
    out = {("type", t.vi): t.english_name for t in lex.doc_types if t.english_name}
    out.update({("issuer", s): t.english_name for t in lex.issuers if t.english for s in t.spellings})
    out.update({("issuer", t.vi): t.english_name for t in lex.issuers if t.english})  # a row's own name wins
    return out


def card_key(ref: Reference) -> str:
    """Code; "code@locality" for provincial numbering; congress resolutions by issuer+term; else the folded name."""
    if ref.code:
        local = parse_code(ref.code).issuer_symbol in code_tables().local_issuers and ref.locality
        return f"{ref.code}@{ref.locality}" if local else ref.code
    if ref.issuer and ref.issuer.startswith("Đại hội") and (ref.term or "tỉnh" in ref.issuer):
        where = f"@{ref.locality}" if "tỉnh" in ref.issuer and ref.locality else ""
        return f"name:{fold_text(ref.doc_type or '')} {fold_text(ref.issuer)} {(ref.term or '').lower()}".strip() + where
    return "name:" + re.sub(r"\s+", " ", fold_text(ref.name or ref.written)).strip()


def compatible(a: str, b: str) -> bool:
    """One issuer name is the other or ends it ("Ban Thường vụ Tỉnh ủy" and "Tỉnh ủy")."""
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def uniq(items) -> tuple:
    return tuple(dict.fromkeys(i for i in items if i))


def written_type_agrees(code: str, refs: list[Reference]) -> bool:
    """Some source writes the type word that the code's symbol stands for ("Chương trình số 27-CTr/TU")."""
    sym = parse_code(code).doc_type
    return any(r.doc_type == sym for r in refs if not r.shorthand)


def make_card(key: str, code: str | None, rs: list[Reference], rels: list[Relation], terms: dict) -> RegulationCard:
    """The card of the references `rs` to one document; `code` is the spelling kept when sources spell it several ways."""
    sym = parse_code(code) if code else None
    written_types = uniq(r.doc_type for r in rs if not r.shorthand)
    dtype = (sym.doc_type if sym and sym.doc_type in written_types else None) or next(iter(written_types), None) \
        or (sym.doc_type if sym else rs[0].doc_type)
    stated = uniq(r.issuer for r in rs)
    issuers = tuple(i for i in stated if not any(o != i and compatible(o, i) and len(o) > len(i) for o in stated))
    if not issuers and sym and sym.issuer:
        issuers = (sym.issuer,)
    dates = uniq(sorted(r.date for r in rs if r.date))
    flags = []
    if len(dates) > 1:
        flags.append(Flag("dates", dates, [uniq(r.source for r in rs if r.date == d) for d in dates]))
    if len(issuers) > 1:
        flags.append(Flag("issuers", issuers, [uniq(r.source for r in rs if r.issuer and compatible(r.issuer, i))
                                               for i in issuers]))
    same_code = [r for r in rs if r.code == code] if code else rs
    odd = uniq(t for t in (r.doc_type for r in same_code if not r.shorthand) if sym and t != sym.doc_type and t != "Quy chế")
    if sym and sym.doc_type and odd:
        flags.append(Flag("type_word", (", ".join(odd), sym.type_symbol or "", sym.doc_type)))
    variants = uniq(r.code for r in rs if r.code and r.code != code)
    if variants:
        flags.append(Flag("variants", (code, *variants), [uniq(r.source for r in rs if r.code == c) for c in (code, *variants)]))
    seen, citations = set(), []
    for r in rs:
        if (r.doc_id, r.start, r.end) not in seen:  # "Quyết định 272-QĐ/TW ... Quy chế 272": one passage, cited once
            seen.add((r.doc_id, r.start, r.end))
            citations.append(CardCitation(r.doc_id, r.source, r.locality, r.start, r.end, r.quote, r.written))
    return RegulationCard(
        key=key, code=code, name=None if code else _card_name(rs), type=dtype,
        type_en=terms.get(("type", dtype or "")),
        issuers=issuers, issuer_en=tuple(terms.get(("issuer", i), "") for i in issuers), dates=dates,
        term=next(iter(uniq(r.term for r in rs)), None), subjects=uniq(r.subject for r in rs),
        citations=tuple(citations), flags=tuple(flags), relations=tuple(rels), variants=variants)


def _card_name(rs: list[Reference]) -> str | None:
    r = rs[0]
    if r.issuer and r.issuer.startswith("Đại hội") and r.term:
        return f"{r.doc_type} {r.issuer} lần thứ {r.term}"
    return max((x.name for x in rs if x.name), key=len, default=None)
