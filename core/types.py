"""Data passed between the stages: ingest -> retriever -> answer -> app. Plain frozen dataclasses."""
from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Turn:
    """An earlier turn of a conversation: the question asked and, when the caller kept it, the answer given."""

    question: str
    answer: Answer | None = None
