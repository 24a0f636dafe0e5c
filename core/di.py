"""Wiring: each backend built once, lazily, from the one Settings object. Nothing else constructs backends."""
from __future__ import annotations

from functools import cached_property

from core.settings import Settings


class Container:
    def __init__(self, settings: Settings):
        self.settings = settings

    @cached_property
    def embedder(self):
        from components.embedder import make_embedder
        return make_embedder(self.settings)

    @cached_property
    def store(self):
        from components.store import ChunkStore
        return ChunkStore(self.settings, self.embedder.name)

    @cached_property
    def lexicon(self):
        from core.lexicon import Lexicon
        return Lexicon(self.settings.prompts_dir)

    @cached_property
    def tuning(self):
        from core.tuning import Tuning
        return Tuning()

    @cached_property
    def analyzer(self):
        from vntext.analyzer import Analyzer
        return Analyzer(self.lexicon.vi_stopwords)

    @cached_property
    def frame_analyzer(self):
        from retriever.frame import FrameAnalyzer
        return FrameAnalyzer(self.lexicon)

    @cached_property
    def retriever(self):
        from components.reranker import Reranker
        from retriever.hybrid import HybridRetriever
        reranker = Reranker(self.settings.reranker_model, self.settings.embedding_device) if self.settings.reranker_model else None
        return HybridRetriever(self.settings, self.store, self.embedder, self.analyzer, self.frame_analyzer, reranker,
                               self.lexicon.en_stopwords)

    @cached_property
    def answers(self):
        from answer.answerability import Answerability, Model
        from answer.compose import Composer
        from answer.constraints import ConstraintChecker
        from answer.coverage import CoverageJudge
        from answer.frames import Frames
        from answer.llm import make_llm_answerer
        from answer.service import AnswerService
        from answer.spans import SpanFinder
        t = self.tuning
        composer = Composer(self.analyzer, SpanFinder(self.lexicon), ConstraintChecker(self.lexicon), t,
                            self.settings.max_answer_sentences, text_of=self.store.get_text)
        coverage = CoverageJudge(self.analyzer, self.lexicon.glossary, self.lexicon.en_stopwords, t.unknown_en_weight)
        judge = Answerability(coverage, Model.load(embedder=self.embedder.name), t.coverage_passages,
                              frozenset(u.vi for u in self.lexicon.units))
        from answer.author import AuthorAnswerer
        from answer.conversation import ReferenceResolver
        frames = Frames.load(self.settings.prompts_dir)
        return AnswerService(self.settings, self.retriever, self.frame_analyzer, composer, judge, frames, t,
                             ReferenceResolver(self.lexicon), regulations=self.regulation_answerer,
                             llm=make_llm_answerer(self.settings), authors=AuthorAnswerer(self._document, frames, self.lexicon, names=self._document_name))

    def _document_name(self, source: str) -> str | None:
        regs = self.regulation_answerer
        return regs.document_name(source) if regs is not None else None

    def _document(self, doc_id: str):
        """A document's metadata and cleaned text, for answers that read a whole document (its byline)."""
        meta = next((r.meta for r in self.store.documents() if r.doc_id == doc_id), None)
        text = self.store.get_text(doc_id) if meta is not None else None
        return (meta, text) if text is not None else None

    @cached_property
    def regulations(self):
        """The regulation use cases (index, finder search, workshop rounds, refs export)."""
        from regulations.service import RegulationService
        return RegulationService(self.store, self.settings.prompts_dir, retriever=lambda: self.retriever)

    @cached_property
    def regulation_answerer(self):
        from answer.regulation_answers import RegulationAnswerer
        from answer.frames import Frames
        return RegulationAnswerer(self.regulations, self.analyzer, Frames.load(self.settings.prompts_dir),
                                  self.lexicon, self.tuning)

    @cached_property
    def library(self):
        from ingest.library import Library

        def changed() -> None:
            self.retriever.lexical.invalidate()
            self.regulations.invalidate()
        return Library(self.settings, self.store, self.ingestor, changed, audit=self.audit)

    @cached_property
    def audit(self):
        from access.audit import AuditLog
        return AuditLog(self.settings.audit_path)

    @cached_property
    def access(self):
        from access.gate import Access
        return Access.from_settings(self.settings, self.audit)

    @cached_property
    def extractors(self):
        from ingest.pipeline import make_extractors
        return make_extractors(self.settings)

    def ingestor(self, progress=None):
        from ingest.pipeline import Ingestor
        return Ingestor(self.settings, self.store, self.embedder, self.analyzer, progress, self.extractors)
