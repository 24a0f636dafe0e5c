"""Data passed between the stages: ingest -> retriever -> answer -> app. Plain frozen dataclasses."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


@dataclass(frozen=True)
class DocumentMeta:
    """What we know about a document beyond its text."""

    title: str
    date: str | None = None  # ISO yyyy-mm-dd, the publication date the page states
    locality: str | None = None  # province the document is about ("Đồng Nai")
    author: str | None = None  # author / source line


@dataclass(frozen=True)
class Document:
    """A cleaned document. `text` is the cleaned text all offsets refer to: the lines extracted from the file, kept
    character for character (NFC), so every quote is found verbatim in the user's file."""

    doc_id: str
    source: str  # file path as ingested (relative to the working directory when possible)
    text: str
    meta: DocumentMeta
    content_hash: str  # sha256 of the raw file bytes


@dataclass(frozen=True)
class Span:
    """A chunk's place in a document's cleaned text; `heading` is the legal unit it sits in ("Điều 5. ...")."""

    start: int
    end: int
    heading: str | None = None


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    source: str
    text: str  # always == document.text[start:end]
    start: int
    end: int
    index: int
    title: str = ""
    locality: str | None = None
    date: str | None = None
    heading: str | None = None
    ocr: bool = False  # the text was read by OCR from a scanned page (may hold recognition errors)

    def in_context(self, locality: bool = False) -> str:
        """The chunk under the context a reader of the whole document has: its title and legal heading (and, with
        `locality`, the province the document is about), each only when the chunk does not already say it.
        Embedded without the locality (unchanged since the first index, so cached vectors stay valid); indexed for
        BM25 with it, so "...trên địa bàn tỉnh có 22 dự án ODA" is found by a question that names the province."""
        parts = [x for x in (self.title, self.heading) if x and x not in self.text[:200]]
        if locality and self.locality and self.locality not in self.text and not any(self.locality in x for x in parts):
            parts.append(self.locality)
        return f"{' — '.join(parts)}\n{self.text}" if parts else self.text


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and the per-retriever ranks that produced it."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    dense_sim: float | None = None


@dataclass(frozen=True)
class Filters:
    sources: tuple[str, ...] = ()
    localities: tuple[str, ...] = ()
    date_from: str | None = None  # ISO
    date_to: str | None = None


@dataclass(frozen=True)
class Citation:
    n: int
    source: str
    title: str
    quote: str  # verbatim == document.text[start:end]
    start: int
    end: int
    doc_id: str = ""
    locality: str | None = None
    date: str | None = None
    heading: str | None = None
    locator: str | None = None  # "khoản 2 Điều 5" for quotes inside a legal text
    ocr: bool = False  # quoted from a scanned page read by OCR ("văn bản quét, nhận dạng tự động")


class AnswerType(str, Enum):
    """What a question asks for; the direct answer is a span of this kind."""

    QUANTITY = "quantity"  # a number with its unit ("6.513 km²", "05 thành viên")
    DATE = "date"  # a date or a year
    PERSON = "person"
    OFFICE = "office"  # the office a named person holds ("Phó Chủ tịch Ủy ban nhân dân tỉnh")
    ORGANISATION = "organisation"  # an organisation or issuing body
    PLACE = "place"
    LIST = "list"  # countries, provinces, partners ... gathered across passages
    DOCUMENTS = "documents"  # which documents govern X
    DOCUMENT_CONTENT = "document_content"  # what a named document is about / says
    YESNO = "yesno"  # yes/no, đúng/sai
    REASON = "reason"  # why, what for: the purpose or cause a sentence gives ("nhằm ...", "để ...")
    CONTACT = "contact"  # a body's address, phone, fax or e-mail, as its contact lines write them ("Địa chỉ: ...")
    DESCRIPTION = "description"  # anything else: quoted passages answer it


class ConstraintKind(str, Enum):
    CODE = "code"  # a document number ("38-CT/TW", or "Chỉ thị 38")
    YEAR = "year"
    DATE = "date"
    PLACE = "place"  # a province or a country
    ORGANISATION = "organisation"  # an issuing body or organisation
    ROLE = "role"  # "Chủ tịch" (not met by "Phó Chủ tịch")
    DOC_TYPE = "doc_type"
    DOCUMENT = "document"  # a document named by its title ("Luật Du lịch", "Bộ luật dân sự năm 2015")
    QUALIFIER = "qualifier"  # the kind of figure asked, named by a known acronym ("bao nhiêu vốn ODA", "FDI projects")


@dataclass(frozen=True)
class Constraint:
    """Something the question names that the answer must be about."""

    kind: ConstraintKind
    value: str  # canonical ("38-CT/TW", "2016", "2016-02-28", "Kon Tum", "Chủ tịch", "Chỉ thị")
    text: str  # as written in the question
    start: int = -1  # in QuestionFrame.core
    end: int = -1
    spellings: tuple[str, ...] = ()  # how a passage may write it (Vietnamese forms for an English question)
    of_document: bool = False  # describes a document the question names ("47/KH-UBND của UBND tỉnh Hà Giang")


@dataclass(frozen=True)
class QuestionPart:
    """One of the things a compound question asks: its own words (`label`) and the question read on its own, with
    the earlier clauses' subject before it (`question`)."""

    label: str
    question: str


# what a question asks of a document or article beside its answer type, each a cue kind of prompts/answer_types.tsv
# and a flag of the frame of the same name
ASK_FLAGS = ("effect", "author", "published", "signer", "head", "own_documents")


@dataclass(frozen=True)
class QuestionFrame:
    """A question analysed once (no model): every later stage reads this, not the question text."""

    question: str  # as asked (normalised)
    core: str  # without greetings, self-introductions and politeness (what retrieval and checks read)
    lang: str  # "vi" | "en"
    answer_type: AnswerType
    unit: str | None = None  # the quantity's unit or counted noun ("km²", "thành viên", "đoàn")
    unit_spellings: tuple[str, ...] = ()  # how a passage writes it
    list_of: str | None = None  # for LIST: "country", "province", "organisation" or None (any); for PLACE the kind named
    constraints: tuple[Constraint, ...] = ()
    topic: tuple[str, ...] = ()  # content words of the core, question words and filler removed
    expansions: tuple[str, ...] = ()  # Vietnamese glossary renderings of an English question's terms
    doc_type: str | None = None  # the document type asked for or named ("Chỉ thị")
    doc_types: tuple[str, ...] = ()  # every type asked for ("những nghị quyết, chỉ thị nào"), `doc_type` among them
    about_document: bool = False  # asks about a named document as a document (issuer, date, kind, subject)
    described_document: str | None = None  # the type of a document asked about as one, described not numbered
    filler: tuple[str, ...] = ()  # the parts of the question recognised as filler
    options: tuple[str, ...] = ()  # a multiple-choice question's options ("A. ...", "B. ..."): choices, not constraints
    ask_at: int = -1  # offset in `core` of the question word ("nào", "gì", "which"); -1 when there is none
    also: tuple[AnswerType, ...] = ()  # further things asked ("ban hành ngày nào và về nội dung gì": content)
    author: bool = False  # asks who wrote the article ("bài viết do ai viết", "who wrote the piece")
    published: bool = False  # asks when the article was posted ("bài viết được đăng ngày nào", "when was it posted")
    signer: bool = False  # asks who signed a document ("ai ký Quyết định 99/2025/QĐ-UBND", "who signed it")
    own_documents: bool = False  # asks for the province's own documents ("quy chế riêng", "its own regulation")
    head: bool = False  # asks who heads a body ("who heads the Department ...", "ai đứng đầu ..."): a person
    effect: bool = False  # asks when a text takes or loses effect ("có hiệu lực từ ngày nào"), not when it was issued
    date_precision: str | None = None  # a date question's "day" / "month" / "year" / "period" ("ngày nào", "what year", "giai đoạn nào"), else None
    parts: tuple[QuestionPart, ...] = ()  # a compound question's asks, each answered on its own; () for one ask
    relation: tuple[str, ...] = ()  # what the person or body asked for did ("chủ trì", "phê duyệt"), folded syllables
    own_terms: tuple[str, ...] = ()  # a part's own words as search terms: its span is the one nearest to them
    acronyms: tuple[str, ...] = ()  # names written in capitals that no lexicon knows ("KOICA"): the index must hold them
    asking: tuple[str, ...] = ()  # folded words that ask for the figure ("dài khoảng bao nhiêu cây số"): not its topic

    def describes_answer(self, c: Constraint) -> bool:
        """Whether a constraint qualifies what is asked rather than what is named: in "14-CTr/TU ... theo nghị
        quyết nào của Trung ương?", "Trung ương" issued the resolution asked for, not the programme."""
        return self.lang == "vi" and 0 <= self.ask_at < c.start

    def of(self, kind: ConstraintKind) -> tuple[Constraint, ...]:
        return tuple(c for c in self.constraints if c.kind == kind)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.of(ConstraintKind.CODE))

    @property
    def wants_documents(self) -> bool:
        return self.answer_type == AnswerType.DOCUMENTS

    def to_json(self) -> dict:
        return {"core": self.core, "lang": self.lang, "answer_type": self.answer_type.value, "unit": self.unit,
                "list_of": self.list_of, "doc_type": self.doc_type, "doc_types": list(self.doc_types),
                "about_document": self.about_document,
                "constraints": [{"kind": c.kind.value, "value": c.value, "text": c.text} for c in self.constraints],
                "topic": list(self.topic), "expansions": list(self.expansions), "filler": list(self.filler),
                "options": list(self.options), "acronyms": list(self.acronyms),
                "asks": [k for k in ASK_FLAGS if k != "effect" and getattr(self, k)],
                "parts": [{"label": p.label, "question": p.question} for p in self.parts]}


@dataclass(frozen=True)
class Retrieval:
    """What the retriever found for a frame: ranked hits and the lexical terms it searched with."""

    frame: QuestionFrame
    hits: list[Hit]
    code_keys: list[str]
    query_terms: list[str]
    timings_ms: dict[str, float] = field(default_factory=dict)
    scope: tuple[str, ...] = ()  # sources the search was limited to (a question about a named document's content)
    dense_sims: tuple[float, ...] = ()  # cosine similarity of each dense candidate, best first (calibration)
    lexical_scores: tuple[float, ...] = ()  # BM25 score of each lexical candidate, best first

    @property
    def question(self) -> str:
        return self.frame.core


@dataclass(frozen=True)
class IndexStats:
    """What answers need to know of the index: term weights and which provinces its documents are about."""

    idf: dict[str, float]
    max_idf: float  # the weight of a term the index never saw
    vocab: dict[str, int]
    localities: set[str]
    n_chunks: int

    @property
    def question(self) -> str:
        return self.frame.core


@dataclass(frozen=True)
class ShortAnswer:
    """The asked-for span ("05 thành viên"): `text == cleaned text[start:end]` of citation `n`'s document."""

    text: str
    n: int
    start: int
    end: int


@dataclass(frozen=True)
class Answer:
    question: str  # as the user typed it (cleaned)
    answer: str  # markdown with [n] markers
    abstained: bool
    citations: list[Citation]
    retrieved: list[Hit]
    references: list[dict] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    mode: str = "extractive"
    lang: str = "vi"
    asked_as: str = ""  # the standalone question that was answered ("" when it is `question` itself)
    short_answer: ShortAnswer | None = None
    frame: Any = None  # the QuestionFrame the answer was built from (retriever/frame.py)
    reason: str = ""  # why the answer abstained ("" when it did not), for logs and the eval report
    evidence: dict[str, float] = field(default_factory=dict)  # the answerability signals and their estimate


@dataclass(frozen=True)
class Turn:
    """An earlier turn of a conversation: the question asked and, when the caller kept it, the answer given."""

    question: str
    answer: Answer | None = None
