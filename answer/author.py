"""Who wrote an article ("Bài viết về ... do ai viết?", "Who wrote the piece on ...?"): the byline of the document
the question describes, quoted from its own line ("• Nguồn: Võ Thái Lâm - Sở Ngoại vụ tỉnh Đăk Nông").

The document is the one the best passage belongs to (the question names the article by its topic); its author is
what ingest read from its trailing "Nguồn:" / "Tác giả:" line or signature (ingest/cleaning.find_author). A
document with no byline gives no answer here, and the question goes on to the passages."""
from __future__ import annotations

from typing import Callable

from answer.frames import Frames
from core.types import Answer, Citation, DocumentMeta, Retrieval, ShortAnswer

# doc_id -> (the document's metadata, its cleaned text), or None
DocumentLookup = Callable[[str], "tuple[DocumentMeta, str] | None"]


class AuthorAnswerer:
    def __init__(self, lookup: DocumentLookup, frames: Frames):
        self.lookup, self.frames = lookup, frames

    def answer(self, retrieval: Retrieval, lang: str) -> Answer | None:
        if not retrieval.hits:
            return None
        chunk = retrieval.hits[0].chunk
        found = self.lookup(chunk.doc_id)
        if found is None or not found[0].author:
            return None
        meta, text = found
        at = text.rfind(meta.author)
        if at < 0:
            return None
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[start:end]
        cite = Citation(1, chunk.source, chunk.title, line, start, end, chunk.doc_id, chunk.locality, chunk.date)
        short = ShortAnswer(meta.author, 1, at, at + len(meta.author))
        where = f" — *{chunk.title}*" if chunk.title else ""
        body = f"**{meta.author}** [1]\n\n{self.frames.get(lang, 'lead')}\n\n- “{line.strip()}” [1]{where}"
        return Answer(retrieval.question, body, False, [cite], retrieval.hits, mode="extractive", short_answer=short)
