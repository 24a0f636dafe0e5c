"""The regulation use cases: the index derived from the store (rebuilt when ingest changes it), its cards worded for
a reader, the finder's search, workshop rounds and the `app.py refs` export. The chat's RegulationAnswerer, the
page's finder and workshop tabs and the CLI all go through this."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from components.derived import StoreDerived
from regulations.cards import Flag, Relation, RegulationCard, display_key, file_name
from regulations.export import export_refs
from regulations.extract import Reference
from regulations.index import RegulationIndex
from regulations.quiz import KINDS, Question, make_round
from regulations.search import CardSearch, Found, synonyms
from regulations.wording import CardView, Wording
from vntext.codes import fold_text, normalize_code

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Snapshot:
    """Everything derived from one read of the store's documents."""

    index: RegulationIndex
    search: CardSearch
    doc_titles: dict[str, str] = field(default_factory=dict)  # doc_id -> title
    source_titles: dict[str, str] = field(default_factory=dict)  # source -> title
    doc_dates: dict[str, str | None] = field(default_factory=dict)  # doc_id -> the document's own date
    numbered: dict[str, frozenset[str]] = field(default_factory=dict)  # code -> sources whose own header carries it
    folded_titles: dict[str, str] = field(default_factory=dict)  # source -> title, diacritics folded, spaces single
    own_codes: dict[str, str] = field(default_factory=dict)  # source -> the number its own header carries


class RegulationService:
    """`retriever`: a callable giving the hybrid retriever (built only when a search needs it)."""

    def __init__(self, store, prompts_dir: Path, retriever: Callable[[], object] | None = None):
        self._store, self._retriever = store, retriever
        self.wording = Wording.load(prompts_dir)
        self._snapshot: StoreDerived[_Snapshot] = StoreDerived(store, self._build)

    def _build(self) -> _Snapshot:
        records = self._store.documents()
        index = RegulationIndex.build([Reference(**r) for rec in records for r in rec.extra.get("references", [])])
        numbered: dict[str, set[str]] = {}
        for rec in records:
            code = (rec.extra.get("header") or {}).get("code")
            if code:
                numbered.setdefault(code, set()).add(rec.source)
        return _Snapshot(index, CardSearch(index.all()), {r.doc_id: r.meta.title for r in records if r.meta.title},
                         {r.source: r.meta.title for r in records if r.meta.title},
                         {r.doc_id: r.meta.date for r in records},
                         {code: frozenset(sources) for code, sources in numbered.items()},
                         {r.source: " ".join(fold_text(r.meta.title or "").split()) for r in records},
                         {source: code for code, sources in numbered.items() for source in sources})

    def invalidate(self) -> None:
        """The library changed in this process: ask the store again on the next call."""
        self._snapshot.invalidate()

    # ---- the index
    def index(self) -> RegulationIndex:
        return self._snapshot.get().index

    def cards(self, doc_type: str | None = None) -> list[RegulationCard]:
        """Every card, most cited first; of one type (Vietnamese or English name) when given."""
        cards = self.index().all()
        return [c for c in cards if doc_type in (c.type, c.type_en)] if doc_type else cards

    def card(self, key: str) -> RegulationCard | None:
        return self.index().card(key)

    def types(self) -> list[str]:
        return sorted({c.type for c in self.cards() if c.type})

    # ---- names a reader recognises
    def title(self, doc_id: str) -> str:
        """The title of an indexed document ("" when it has none)."""
        return self._snapshot.get().doc_titles.get(doc_id, "")

    def source_title(self, source: str) -> str:
        """A source named by its document's title; its file name when it has no title."""
        return self._snapshot.get().source_titles.get(source) or file_name(source)

    def date(self, doc_id: str) -> str | None:
        """The date an indexed document carries (None when it states none)."""
        return self._snapshot.get().doc_dates.get(doc_id)

    def numbered(self, code: str) -> frozenset[str]:
        """Sources of the indexed documents whose own header carries `code` ("Số: 99/2025/QĐ-UBND")."""
        return self._snapshot.get().numbered.get(normalize_code(code) or code, frozenset())

    def own_code(self, source: str) -> str | None:
        """The number an indexed document's own header carries ("Số: 99/2025/QĐ-UBND"), None when it has none."""
        return self._snapshot.get().own_codes.get(source)

    def folded_titles(self) -> dict[str, str]:
        """source -> its document's title with diacritics folded ("" when untitled)."""
        return self._snapshot.get().folded_titles

    def name(self, key: str) -> str:
        """How a card is named: "11-TT/TU (Đồng Nai)" for key "11-TT/TU@Đồng Nai"."""
        card = self.card(key)
        return card.display_code if card else display_key(key, key.partition("@")[0])

    # ---- wording
    def relation_text(self, rel: Relation, lang: str) -> str:
        return self.wording.relation(rel, lang, self.name)

    def flag_text(self, flag: Flag, lang: str) -> str:
        return self.wording.flag(flag, lang, self.source_title)

    def view(self, card: RegulationCard, lang: str) -> CardView:
        return self.wording.view(card, lang, self.source_title, self.title, self.name)

    # ---- use cases
    def search(self, query: str, doc_type: str | None = None) -> list[Found]:
        """The finder: cards for what a reader typed, literal matches first (see regulations/search.py)."""
        snap = self._snapshot.get()
        hits, expansions = (), []
        if query.strip() and self._retriever is not None:
            try:
                retriever = self._retriever()
                retrieval = retriever.retrieve(query)
                hits = retrieval.hits
                expansions = list(retrieval.frame.expansions) + synonyms(retriever.frames.lex.glossary, query)
            except Exception:  # no index yet, a store outage: the literal search still works
                log.warning("finder: retrieval failed for %r; literal matches only", query, exc_info=True)
        found = snap.search.rank(query, expansions, hits)
        return [f for f in found if not doc_type or doc_type in (f.card.type, f.card.type_en)]

    def quiz(self, n: int = 5, number: int = 1, kinds: tuple[str, ...] | None = None, doc_type: str | None = None,
             lang: str = "vi") -> list[Question]:
        """A workshop round (`kinds`: some of regulations.quiz.KINDS, all when None); the same `number` gives the
        same questions on the same index."""
        return make_round(self.cards(), n, number, tuple(kinds or KINDS), doc_type, lang, self.title)

    def export(self, doc_type: str | None = None, fmt: str = "table") -> str:
        """`app.py refs`: the index as a table, JSON or CSV."""
        return export_refs(self.index(), doc_type, fmt)
