"""How the regulation index speaks to a reader, in the reader's language: relations between documents, where the
sources disagree, dates, and sources named by their document titles (never file names). Words come from
prompts/regulation_wording.json; English names of types and issuers from prompts/doc_types.tsv and prompts/issuers.tsv."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from regulations.cards import Flag, Relation, RegulationCard, display_key, english_terms

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Passage:
    """A citing passage as a reader sees it: the citing document's title and province, the sentence, the mention."""

    doc_id: str
    title: str
    locality: str | None
    quote: str
    written: str
    start: int
    end: int


@dataclass(frozen=True)
class CardView:
    """One card worded for a reader in one language."""

    key: str
    code: str  # "363-QĐ/TU (Kon Tum)", or the name of an uncoded document
    type: str
    issuers: tuple[str, ...]  # English: "Bộ Chính trị (Politburo)"
    dates: tuple[str, ...]  # ISO, sortable
    subject: str
    variants: tuple[str, ...]
    relations: tuple[str, ...]  # "33-KL/TW tiếp tục thực hiện 272-QĐ/TW"
    flags: tuple[str, ...]
    passages: tuple[Passage, ...]


class Wording:
    def __init__(self, table: dict[str, dict]):
        for lang in ("vi", "en"):
            if not {"relations", "flags", "item", "list_sep"} <= set(table.get(lang, {})):
                raise ValueError(f"regulation_wording.json: language {lang!r} lacks relations/flags/item/list_sep")
        self._table = table

    @classmethod
    def load(cls, prompts_dir: Path) -> "Wording":
        return cls(json.loads((Path(prompts_dir) / "regulation_wording.json").read_text(encoding="utf-8")))

    def _words(self, lang: str) -> dict:
        return self._table.get(lang, self._table["vi"])

    def date(self, iso: str, lang: str) -> str:
        """Vietnamese readers write 21/5/2015; English readers get the ISO date."""
        m = _ISO.match(iso or "")
        return f"{int(m.group(3))}/{int(m.group(2))}/{m.group(1)}" if m and lang == "vi" else iso

    def relation_verb(self, kind: str, lang: str) -> str:
        return self._words(lang)["relations"].get(kind, kind)

    def relation(self, rel: Relation, lang: str, name: Callable[[str], str] = lambda k: display_key(k, k.partition("@")[0])) -> str:
        """"33-KL/TW tiếp tục thực hiện 272-QĐ/TW"; `name` turns a card key into the name shown."""
        return f"{name(rel.from_code)} {self.relation_verb(rel.kind, lang)} {name(rel.to_code)}"

    def flag(self, flag: Flag, lang: str, title: Callable[[str], str]) -> str:
        """A disagreement in `lang`; `title` turns a source into the title of the document it is."""
        w, en = self._words(lang), lang == "en"
        terms = english_terms()
        if flag.kind in ("dates", "issuers"):
            def value(v: str) -> str:
                if flag.kind == "dates":
                    return self.date(v, lang)
                return f"{v} ({terms[('issuer', v)]})" if en and ("issuer", v) in terms else v
            items = w["list_sep"].join(
                w["item"].format(value=value(v), sources=", ".join(f"“{title(s)}”" for s in src))
                for v, src in zip(flag.values, flag.sources))
            return w["flags"][flag.kind].format(items=items)
        if flag.kind == "type_word":
            written, symbol, symbol_type = flag.values
            if en:
                written = ", ".join(terms.get(("type", t.strip()), t.strip()) for t in written.split(","))
                symbol_type = terms.get(("type", symbol_type), symbol_type)
            return w["flags"]["type_word"].format(written=written, symbol=symbol, symbol_type=symbol_type)
        if flag.kind == "variants":
            return w["flags"]["variants"].format(codes=w["list_sep"].join(flag.values))
        return str(flag)

    def view(self, card: RegulationCard, lang: str, title: Callable[[str], str], doc_title: Callable[[str], str],
             name: Callable[[str], str]) -> CardView:
        """`title(source)` and `doc_title(doc_id)`: a document's title; `name(key)`: how another card is named."""
        en = lang == "en"
        issuers = tuple(f"{v} ({card.issuer_en[i]})" if en and i < len(card.issuer_en) and card.issuer_en[i] else v
                        for i, v in enumerate(card.issuers))
        passages = tuple(Passage(c.doc_id, doc_title(c.doc_id) or title(c.source), c.locality, c.quote, c.written,
                                 c.start, c.end) for c in card.citations)
        return CardView(
            key=card.key, code=card.display_code, type=((card.type_en if en else None) or card.type or ""),
            issuers=issuers, dates=card.dates, subject=card.subjects[0] if card.subjects else "",
            variants=card.variants, relations=tuple(self.relation(r, lang, name) for r in card.relations),
            flags=tuple(self.flag(f, lang, title) for f in card.flags), passages=passages)
