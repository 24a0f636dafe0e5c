"""Every language resource in prompts/, loaded once from settings.prompts_dir and handed out by the container.

One table per kind of knowledge: document types, issuing bodies, roles, units, countries, provinces, filler and
question words, stopwords and the English -> Vietnamese glossary. Code reads them from here, never from a path."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from vntext.normalize import fold, normalize, strip_diacritics


class LexiconError(ValueError):
    """A malformed resource file; the message names the file and the line."""


@dataclass(frozen=True)
class Term:
    """One entry of a table: the canonical Vietnamese name, its other spellings and its English names."""

    vi: str
    variants: tuple[str, ...]  # other Vietnamese spellings (canonical excluded)
    english: tuple[str, ...]  # the first is the display name
    extra: tuple[str, ...] = ()  # further columns (symbols, "issued with", ...)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.vi, *self.variants)

    @property
    def english_name(self) -> str:
        return self.english[0] if self.english else self.vi


@dataclass(frozen=True)
class Pattern:
    lang: str
    kind: str
    regex: re.Pattern[str]


def _rows(path: Path, columns: int) -> list[tuple[int, list[str]]]:
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = normalize(raw).rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or len(cells) > columns or not cells[0].strip():
            raise LexiconError(f"{path}: line {n}: expected up to {columns} tab-separated columns, got {raw!r}")
        out.append((n, [c.strip() for c in cells] + [""] * (columns - len(cells))))
    return out


def _split(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in cell.split("|") if v.strip()))


def load_terms(path: Path, extra_columns: int = 0) -> tuple[Term, ...]:
    """vietnamese<TAB>variants (|)<TAB>english (|)[<TAB>extra ...]. Doc types keep symbols in column 2 instead."""
    terms = []
    for _, cells in _rows(path, 3 + extra_columns):
        terms.append(Term(cells[0], _split(cells[1]), _split(cells[2]), tuple(cells[3:])))
    return tuple(terms)


def load_patterns(path: Path) -> tuple[Pattern, ...]:
    out = []
    for n, cells in _rows(path, 3):
        lang, kind, regex = cells
        try:
            out.append(Pattern(lang, kind, re.compile(regex)))
        except re.error as exc:
            raise LexiconError(f"{path}: line {n}: bad regular expression ({exc})") from None
    return tuple(out)


def accent_tolerant(regex: str) -> str:
    """A Vietnamese regular expression written with diacritics that also takes each letter typed bare: "thưa" ->
    "th[ưu]a" matches "thưa" and "thua", never "thừa" or "thửa" (a word typed with its diacritics must be the word
    itself). Matched against lower-cased text."""
    out, in_class, escaped = [], False, False
    for ch in regex:
        bare = strip_diacritics(ch)
        if escaped or ch == "\\":
            out.append(ch)
            escaped = not escaped
        elif ch == bare:
            out.append(ch)
            in_class = ch == "[" or in_class and ch != "]"
        else:
            out.append(ch + bare if in_class else f"[{ch}{bare}]")
    return "".join(out)


def load_words(path: Path) -> frozenset[str]:
    """One or more words a line; '#' starts a comment line."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            words.update(normalize(w).lower() for w in line.split())
    return frozenset(words)


def load_words_cased(path: Path) -> list[str]:
    return [normalize(w) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#") for w in line.split()]


@dataclass(frozen=True)
class DocType:
    vi: str
    symbols: tuple[str, ...]
    english: tuple[str, ...]
    issued_with: str | None  # "Quy chế" is issued with a "Quyết định" of the same number
    party_symbols: tuple[str, ...] = ()  # read as this type only in Party numbering ("12-TT/TW" is a Thông tri)
    numbering: str = ""  # "shorthand" ("Chỉ thị 38" names one), "issued" (so, by the issuing number), "code" or ""

    @property
    def english_name(self) -> str | None:
        return self.english[0] if self.english else None


@dataclass(frozen=True)
class IssuerSymbol:
    """A segment of document numbers that names the issuing body ("TW" in 38-CT/TW)."""

    symbol: str
    body: str | None  # None: only the spelling and the numbering of the symbol are known
    local: bool  # every province numbers its own documents ("363-QĐ/TU" of Kon Tum is not that of An Giang)
    alias_of: str | None  # "TƯ" is written "TW"


class Lexicon:
    """Loaded lazily table by table (a command that needs no glossary never reads it)."""

    def __init__(self, prompts_dir: Path):
        self.dir = Path(prompts_dir)

    def path(self, name: str) -> Path:
        return self.dir / name

    def words(self, name: str) -> frozenset[str]:
        """A word-list file of prompts/ (one or more words a line)."""
        return load_words(self.path(name))

    @cached_property
    def directions(self) -> tuple[Pattern, ...]:
        """Which way delegations go, in questions and passages (prompts/directions.tsv)."""
        return load_patterns(self.path("directions.tsv"))

    @cached_property
    def contacts(self) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
        """(kind, labels a contact line opens with, question words asking it) (prompts/contacts.tsv)."""
        return tuple((kind, _split(labels), _split(words)) for _, (kind, labels, words) in _rows(self.path("contacts.tsv"), 3))

    @cached_property
    def exceptions(self) -> tuple[Pattern, ...]:
        """A legal text's exception clauses, and the questions that name a case (prompts/exceptions.tsv)."""
        return load_patterns(self.path("exceptions.tsv"))

    @cached_property
    def legal_basis(self) -> re.Pattern[str]:
        """The start of a preamble line of a legal text (prompts/legal_basis.txt: "Căn cứ", "Theo đề nghị")."""
        lines = self.path("legal_basis.txt").read_text(encoding="utf-8").splitlines()
        leads = sorted({normalize(x.strip()) for x in lines if x.strip() and not x.lstrip().startswith("#")},
                       key=len, reverse=True)
        return re.compile(r"^\W*(?:" + "|".join(re.escape(w) for w in leads) + r")(?!\w)", re.I) if leads else re.compile(r"(?!)")

    @cached_property
    def doc_types(self) -> tuple[DocType, ...]:
        out = []
        for n, (vi, symbols, english, issued_with, numbering) in _rows(self.path("doc_types.tsv"), 5):
            if numbering not in ("", "shorthand", "issued", "code"):
                raise LexiconError(f"{self.path('doc_types.tsv')}: line {n}: numbering {numbering!r} is not shorthand, issued or code")
            cells = [s.strip() for s in symbols.split(",") if s.strip()]
            party = tuple(s.removesuffix("(party)").strip() for s in cells if s.endswith("(party)"))
            out.append(DocType(vi, tuple(s for s in cells if not s.endswith("(party)")), _split(english),
                               issued_with or None, party, numbering))
        return tuple(out)

    @cached_property
    def issuer_symbols(self) -> tuple[IssuerSymbol, ...]:
        """prompts/issuer_symbols.tsv: symbol, issuing body, numbering ("local" or "alias of X")."""
        out = []
        for n, (symbol, body, numbering) in _rows(self.path("issuer_symbols.tsv"), 3):
            alias = numbering.removeprefix("alias of").strip() if numbering.startswith("alias of") else None
            if numbering not in ("", "local") and not alias:
                raise LexiconError(f"{self.path('issuer_symbols.tsv')}: line {n}: numbering {numbering!r} is not local or alias of X")
            out.append(IssuerSymbol(symbol, body or None, numbering == "local", alias))
        return tuple(out)

    @cached_property
    def issuers(self) -> tuple[Term, ...]:
        return load_terms(self.path("issuers.tsv"), extra_columns=1)  # extra: scope ("local")

    @cached_property
    def roles(self) -> tuple[Term, ...]:
        return load_terms(self.path("roles.tsv"))

    @cached_property
    def heads(self) -> tuple[tuple[str, str], ...]:
        """(how a body's name begins, the role of its head), longest beginning first (prompts/heads.tsv)."""
        rows = [(body, role) for _, (body, role) in _rows(self.path("heads.tsv"), 2)]
        return tuple(sorted(rows, key=lambda r: -len(r[0])))

    @cached_property
    def units(self) -> tuple[Term, ...]:
        return load_terms(self.path("units.tsv"))

    @cached_property
    def countries(self) -> tuple[Term, ...]:
        return load_terms(self.path("countries.tsv"))

    @cached_property
    def provinces(self):
        from vntext.places import Places

        return Places.load(self.path("provinces_vi.txt"))

    @cached_property
    def filler(self) -> tuple[Pattern, ...]:
        """Vietnamese rows are written with diacritics and match lower-cased text letter by letter, a letter
        typed bare matching any of its accented forms ("Thừa kế ..." is no "Thưa ...")."""
        return tuple(Pattern(p.lang, p.kind, re.compile(accent_tolerant(p.regex.pattern))) if p.lang == "vi" else p
                     for p in load_patterns(self.path("filler.tsv")))

    @cached_property
    def references(self) -> tuple[Pattern, ...]:
        """References back to an earlier turn ("nó", "chỉ thị này", "it", "this directive")."""
        return load_patterns(self.path("references.tsv"))

    @cached_property
    def answer_cues(self) -> tuple[Pattern, ...]:
        return load_patterns(self.path("answer_types.tsv"))

    @cached_property
    def number_words(self) -> dict[str, tuple[str, ...]]:
        """qualifier / scale / classifier / numbering -> words (prompts/number_words.tsv)."""
        return {kind: _split(words) for _, (kind, words) in _rows(self.path("number_words.tsv"), 2)}

    @cached_property
    def known_capitals(self) -> frozenset[str]:
        """Words written in capitals that some lexicon file knows: abbreviations, issuers' and document types'
        symbols, and the capitalised spellings of issuers, units, roles, countries and glossary terms ("UBND", "USD", "FTA")."""
        words = set(self.abbreviations) | {s.symbol for s in self.issuer_symbols}
        words |= {sym for t in self.doc_types for sym in (*t.symbols, *t.party_symbols)}
        for terms in (self.issuers, self.units, self.roles, self.countries):
            words |= {w for t in terms for sp in (*t.spellings, *t.english) for w in re.findall(r"\w+", sp)
                      if w.isupper()}
        words |= {w for e in self.glossary.entries for sp in (e.english, *e.variants) for w in re.findall(r"\w+", sp)
                  if w.isupper()}
        return frozenset(words)

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Every word (lower case) some table writes: the spellings and English names of issuers, units, roles,
        countries and document types, the provinces, the glossary's common words (both sides), the English stopwords. A
        capitalised word outside it that is no Vietnamese syllable is a foreign name ("Attapeu")."""
        texts: list[str] = list(self.provinces.canonical)
        for terms in (self.issuers, self.units, self.roles, self.countries):
            texts += [sp for t in terms for sp in (*t.spellings, *t.english)]
        texts += [n for t in self.doc_types for n in (t.vi, *t.english)]
        # the glossary's common words, not the names it renders ("Attapeu": a name the index must hold)
        texts += [sp for e in self.glossary.entries if not e.english[:1].isupper() for sp in (e.english, *e.variants)]
        words = {w.lower() for x in texts for w in re.findall(r"[^\W\d_]+", x)}
        return frozenset(words | set(self.en_stopwords))

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        """Abbreviation -> the document name it stands for ("BLDS" -> "Bộ luật dân sự")."""
        return {a: full for _, (a, full) in _rows(self.path("abbreviations.tsv"), 2)}

    @cached_property
    def question_phrases(self) -> tuple[tuple[str, str], ...]:
        """Two-word phrases of the asking side as written ("bài viết", "được đăng"): passages seldom write them."""
        out = []
        for line in self.path("vi_question_phrases.txt").read_text(encoding="utf-8").splitlines():
            words = normalize(line).lower().split()
            if words and not line.lstrip().startswith("#"):
                if len(words) != 2:
                    raise LexiconError(f"{self.path('vi_question_phrases.txt')}: {line!r} is not two words")
                out.append((words[0], words[1]))
        return tuple(out)

    @cached_property
    def question_words(self) -> frozenset[str]:
        """Vietnamese question words as written ("nào", "bao", "nhiêu"): passages seldom write them."""
        return load_words(self.path("vi_question_words.txt"))

    @cached_property
    def shorthand(self) -> dict[str, str]:
        """Chat shorthand and misspelt question words -> written out ("dc" -> "được", "bao nhiu" -> "bao nhiêu")."""
        return {a.lower(): full for _, (a, full) in _rows(self.path("chat_shorthand.tsv"), 2)}

    @cached_property
    def surnames(self) -> frozenset[str]:
        return frozenset(w for w in load_words_cased(self.path("vi_surnames.txt")))

    @cached_property
    def vi_stopwords(self) -> frozenset[str]:
        return load_words(self.path("vi_stopwords.txt"))

    @cached_property
    def en_stopwords(self) -> frozenset[str]:
        return load_words(self.path("en_stopwords.txt"))

    @cached_property
    def glossary(self):
        from retriever.glossary import Glossary

        return Glossary.load(self.path("glossary_en_vi.tsv"))

    # ---- look-ups built from the tables
    @cached_property
    def issued_with(self) -> dict[str, str]:
        """Type -> the type of the document that issues it under its own number ({"Quy chế": "Quyết định"})."""
        return {t.vi: t.issued_with for t in self.doc_types if t.issued_with}

    @cached_property
    def doc_type_by_folded(self) -> dict[str, str]:
        return {fold(t.vi): t.vi for t in self.doc_types}

    @cached_property
    def doc_type_names(self) -> tuple[str, ...]:
        """Every document type's names as the table writes them, Vietnamese then English, each once ("Kết luận",
        "Conclusion", "conclusion")."""
        return tuple(dict.fromkeys(w for t in self.doc_types for w in (t.vi, *t.english) if w))

    @cached_property
    def doc_type_by_english(self) -> dict[str, str]:
        return {e.lower(): t.vi for t in self.doc_types for e in t.english}

    def english_doc_type(self, vi: str) -> str | None:
        return next((t.english_name for t in self.doc_types if t.vi == vi and t.english), None)

    def english_issuer(self, vi: str) -> str | None:
        return next((t.english_name for t in self.issuers if vi in t.spellings and t.english), None)
