"""What an article's masthead says: who wrote it ("Bài viết về ... do ai viết?", "Who wrote the piece on ...?") and when
it was posted ("Bài viết ... được đăng ngày nào?", "When was the article on ... posted?"); and who signed an
administrative text ("Ai ký Quyết định 99/2025/QĐ-UBND?"): its signature block (answer/signature.py).

The article is the one the best passage belongs to (the question names it by its topic). Its author is what ingest
read from its trailing "Nguồn:" / "Tác giả:" line or signature (ingest/cleaning.find_author), quoted from that line;
its posting date is the dateline ingest read (ingest/cleaning.find_date: "Ngày đăng: 09/07/2014", "Cập nhật
24/07/2019 08:53"), quoted from the line that states it. An article with no byline gives no answer here, and the
question goes on to the passages; an article with no dateline is said to state none (the dates inside its text date
events, not the posting)."""
from __future__ import annotations

import re
from typing import Callable

from answer.frames import Frames
from answer.name_spans import writes_all
from answer.signature import signature_blocks
from core.lexicon import Lexicon
from retriever.frame_entities import find_terms
from core.types import Answer, Citation, DocumentMeta, Hit, Retrieval, ShortAnswer

# doc_id -> (the document's metadata, its cleaned text), or None
DocumentLookup = Callable[[str], "tuple[DocumentMeta, str] | None"]


def dateline(text: str, iso: str) -> tuple[int, int] | None:
    """Where the text first states the ISO date `iso` ("2014-07-09"): "09/07/2014", "9/7/2014", "09-07-2014",
    "ngày 9 tháng 7 năm 2014"."""
    year, month, day = (int(x) for x in iso.split("-"))
    m = re.search(rf"(?<!\d)0?{day}\s*[/.-]\s*0?{month}\s*[/.-]\s*{year}(?!\d)"
                  rf"|ngày\s+0?{day}\s+tháng\s+0?{month}\s+năm\s+{year}(?!\d)", text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


class AuthorAnswerer:
    def __init__(self, lookup: DocumentLookup, frames: Frames, lexicon: Lexicon | None = None,
                 names: Callable[[str], str | None] | None = None):
        self.lookup, self.frames, self.lex = lookup, frames, lexicon
        self.names = names  # source -> the document's own name ("Quyết định 99/2025/QĐ-UBND"), for the citation label

    def _article(self, retrieval: Retrieval) -> tuple[Hit, DocumentMeta, str] | None:
        if not retrieval.hits:
            return None
        hit = retrieval.hits[0]
        found = self.lookup(hit.chunk.doc_id)
        return (hit, *found) if found is not None else None

    def _quote(self, retrieval: Retrieval, hit: Hit, text: str, at: int, end_at: int, lang: str,
               start: int | None = None, note: str = "", through: int | None = None) -> Answer:
        """The answer: the span in bold (with `note` after it), then the whole line that states it (from `start`
        when the quote opens earlier: a signature block's lines; to the line holding `through` when it closes
        later: the signer's name under the title asked), cited."""
        chunk = hit.chunk
        start = text.rfind("\n", 0, at) + 1 if start is None else start
        end = text.find("\n", max(end_at, through or 0))
        end = len(text) if end < 0 else end
        line = text[start:end]
        cite = Citation(1, chunk.source, chunk.title, line, start, end, chunk.doc_id, chunk.locality, chunk.date)
        short = ShortAnswer(text[at:end_at], 1, at, end_at)
        # a legal text is labelled by its own number, not its header lines ("ỦY BAN NHÂN DÂN")
        label = (self.names(chunk.source) if self.names is not None else None) or chunk.title
        where = f" — *{label}*" if label else ""
        shown = " / ".join(x.strip() for x in line.split("\n") if x.strip())
        body = f"**{short.text}**{note} [1]\n\n{self.frames.get(lang, 'lead')}\n\n- “{shown}” [1]{where}"
        return Answer(retrieval.question, body, False, [cite], retrieval.hits, mode="extractive", short_answer=short)

    def signed(self, retrieval: Retrieval, lang: str, sources: tuple[str, ...] = ()) -> Answer | None:
        """Who signed the document: the first signature block of the named document's own text (of `sources`), or
        of the best passage's document when the question names none; None when that text holds no block."""
        if self.lex is None:
            return None
        hits = [h for h in retrieval.hits if not sources or h.chunk.source in sources]
        found = self.lookup(hits[0].chunk.doc_id) if hits else None
        blocks = signature_blocks(found[1], self.lex.surnames) if found else []
        if not blocks:
            return None
        b = blocks[0]  # the decision's own block (an annexed regulation carries none of its own)
        title = next((t.vi for t, _, _ in find_terms(b.capacity[-1], self.lex.roles, "vi", ignore_case=True)),
                     b.title) if b.capacity else ""
        if lang == "en":
            title = next((t.english[0].title() for t in self.lex.roles if t.vi == title and t.english), title)
        note = f" ({title})" if title else ""
        return self._quote(retrieval, hits[0], found[1], b.name_start, b.end, lang, start=b.start, note=note)

    def office_of(self, retrieval: Retrieval, lang: str, names: list[str]) -> Answer | None:
        """The office of a person the question names ("Bà Hoàng Thị Mai Lan giữ chức vụ gì?") as the signature
        block of a retrieved text gives it ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / ... / Hoàng Thị Mai Lan"); None when no
        retrieved text was signed by that name."""
        if self.lex is None or not names:
            return None
        for hit in retrieval.hits[:5]:
            found = self.lookup(hit.chunk.doc_id)
            for b in signature_blocks(found[1], self.lex.surnames) if found else []:
                name = found[1][b.name_start:b.end]
                if b.capacity and writes_all(name, names):
                    at = found[1].rfind(b.capacity[-1], b.start, b.name_start)
                    if at >= 0:
                        return self._quote(retrieval, hit, found[1], at, at + len(b.capacity[-1]), lang, start=b.start,
                                           through=b.end)
        return None

    def answer(self, retrieval: Retrieval, lang: str) -> Answer | None:
        """Who wrote the article: its byline, or None when it has none."""
        found = self._article(retrieval)
        if found is None or not found[1].author:
            return None
        hit, meta, text = found
        at = text.rfind(meta.author)
        return self._quote(retrieval, hit, text, at, at + len(meta.author), lang) if at >= 0 else None

    def published(self, retrieval: Retrieval, lang: str) -> Answer | None:
        """When the article was posted: its dateline; an article without one is said to state none. None when there
        is no article to speak of."""
        found = self._article(retrieval)
        if found is None:
            return None
        hit, meta, text = found
        where = dateline(text, meta.date) if meta.date else None
        if where is None:
            title = meta.title or hit.chunk.title
            return Answer(retrieval.question, self.frames.get(lang, "no_published", title=title), True, [],
                          retrieval.hits, mode="extractive", reason="the article states no posting date")
        return self._quote(retrieval, hit, text, *where, lang)
