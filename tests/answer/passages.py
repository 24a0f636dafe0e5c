"""Small real passages for the answer layer's unit tests: hand-made documents cut into Chunks and Hits, framed and
composed by the product's own components (lexicon, analyzer, frame analyzer, span finder, constraint checker,
composer), with no index and no model. Each passage is a sentence or two as the bundled corpus or a legal text
writes them; each document opens with a header line so that offsets into the document differ from offsets into
the chunk."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from answer.compose import Composer, Composition
from answer.constraints import ConstraintChecker
from answer.coverage import CoverageJudge
from answer.spans import SpanFinder
from core.lexicon import Lexicon
from core.settings import Settings
from core.tuning import Tuning
from core.types import Chunk, Hit, IndexStats, QuestionFrame, Retrieval
from retriever.frame import FrameAnalyzer
from retriever.hybrid import HybridRetriever
from vntext.analyzer import Analyzer


@dataclass(frozen=True)
class Doc:
    """One document: `text` is the passage; the document's text is a header line then the passage."""

    text: str
    title: str = "Tài liệu"
    locality: str | None = None
    heading: str | None = None
    source: str = ""
    date: str | None = None

    def header(self) -> str:
        return f"{self.title}\n"


@dataclass(frozen=True)
class Parts:
    lexicon: Lexicon
    analyzer: Analyzer
    frames: FrameAnalyzer
    spans: SpanFinder
    checker: ConstraintChecker
    composer: Composer
    coverage: CoverageJudge
    tuning: Tuning


@lru_cache(maxsize=1)
def parts() -> Parts:
    """The answer layer's components, wired as core/di.py wires them."""
    lex = Lexicon(Settings().prompts_dir)
    analyzer = Analyzer(lex.vi_stopwords)
    t = Tuning()
    checker = ConstraintChecker(lex)
    spans = SpanFinder(lex)
    return Parts(lex, analyzer, FrameAnalyzer(lex), spans, checker, Composer(analyzer, spans, checker, t, 3),
                 CoverageJudge(analyzer, lex.glossary, lex.en_stopwords, t.unknown_en_weight), t)


def frame(question: str) -> QuestionFrame:
    return parts().frames.analyze(question)


def hits_of(docs: list[Doc]) -> tuple[list[Hit], dict[str, str]]:
    """One chunk per document (its passage), ranked in the order given; doc_id -> the document's full text."""
    hits, texts = [], {}
    for i, d in enumerate(docs):
        doc_id = f"d{i}"
        full = d.header() + d.text
        start = len(d.header())
        chunk = Chunk(f"{doc_id}:0", doc_id, d.source or f"docs/{doc_id}.txt", d.text, start, start + len(d.text), 0,
                      title=d.title, locality=d.locality, date=d.date, heading=d.heading)
        hits.append(Hit(chunk, 1.0 / (i + 1)))
        texts[doc_id] = full
    return hits, texts


def lexical_terms(f: QuestionFrame) -> list[str]:
    """The BM25 terms the retriever searches a frame with (its own method; no index is opened for it)."""
    p = parts()
    return list(HybridRetriever(Settings(), None, None, p.analyzer, p.frames, None, p.lexicon.en_stopwords)
                .lexical_terms(f))


def uniform_stats(n_chunks: int = 1) -> IndexStats:
    """Every term weighs 1 (an index too small for idf to mean anything)."""
    return IndexStats({}, 1.0, {}, set(), n_chunks)


def retrieval(question: str | QuestionFrame, docs: list[Doc], scope: tuple[str, ...] = ()) -> Retrieval:
    f = frame(question) if isinstance(question, str) else question
    hits, _ = hits_of(docs)
    return Retrieval(f, hits, parts().analyzer.code_keys(f.core), lexical_terms(f), scope=scope)


def compose(question: str | QuestionFrame, docs: list[Doc], scope: tuple[str, ...] = ()) -> tuple[Composition, dict[str, str]]:
    """The composition of `question` over `docs`, and the documents' texts by doc_id."""
    r = retrieval(question, docs, scope)
    _, texts = hits_of(docs)
    return parts().composer.compose(r, uniform_stats(len(docs))), texts


def short_text(comp: Composition, texts: dict[str, str]) -> str:
    """The direct answer's text, checked to be the cited document's text at its offsets."""
    sa = comp.short
    assert sa is not None, "no direct answer"
    cit = comp.citations[sa.n - 1]
    assert texts[cit.doc_id][sa.start:sa.end] == sa.text
    assert cit.start <= sa.start and sa.end <= cit.end, "the direct answer lies inside its citation's quote"
    return sa.text


def assert_verbatim(container, answer) -> None:
    """Every quote of an answer from a real index is its document's text at its offsets, and so is the direct
    answer, inside its citation's quote."""
    text = container.store.get_text
    for c in answer.citations:
        assert text(c.doc_id)[c.start:c.end] == c.quote
    sa = answer.short_answer
    if sa is not None:
        c = answer.citations[sa.n - 1]
        assert text(c.doc_id)[sa.start:sa.end] == sa.text and c.start <= sa.start and sa.end <= c.end


# passages several test modules ask about
AGREEMENTS = Doc("Từ năm 2008 đến nay, tỉnh đã ký kết 7 thỏa thuận quốc tế nhân danh UBND tỉnh; trong đó có 5 thỏa thuận "
                 "ký kết với Khu tự trị dân tộc Choang, Quảng Tây (Trung Quốc), 1 thỏa thuận với Ngân hàng Châu Á (ADB) "
                 "và 1 thỏa thuận với Tổ chức VECO (Bỉ).", locality="Lạng Sơn")
