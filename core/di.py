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
    def analyzer(self):
        from vntext.analyzer import Analyzer
        return Analyzer.from_prompts(self.settings.prompts_dir)

    @cached_property
    def retriever(self):
        from components.reranker import Reranker
        from retriever.glossary import Glossary
        from retriever.hybrid import HybridRetriever
        reranker = Reranker(self.settings.reranker_model, self.settings.embedding_device) if self.settings.reranker_model else None
        glossary = Glossary.load(self.settings.prompts_dir / "glossary_en_vi.tsv")
        return HybridRetriever(self.settings, self.store, self.embedder, self.analyzer, glossary, reranker,
                               self.en_stopwords)

    @cached_property
    def en_stopwords(self) -> frozenset[str]:
        from retriever.query import load_en_stopwords
        return load_en_stopwords(self.settings.prompts_dir)

    @cached_property
    def answers(self):
        from answer.coverage import CoverageJudge
        from answer.extractive import ExtractiveComposer
        from answer.frames import Frames
        from answer.llm import make_llm_answerer
        from answer.service import AnswerService
        composer = ExtractiveComposer(self.analyzer, self.settings.max_answer_sentences)
        coverage = CoverageJudge(self.analyzer, self.retriever.glossary, self.en_stopwords)
        return AnswerService(self.settings, self.retriever, composer, Frames.load(self.settings.prompts_dir), coverage,
                             regulations=self.regulation_answerer, llm=make_llm_answerer(self.settings))

    @cached_property
    def regulations(self):
        """The regulation use cases (index, finder search, workshop rounds, refs export)."""
        from regulations.service import RegulationService
        return RegulationService(self.store, self.settings.prompts_dir, retriever=lambda: self.retriever)

    @cached_property
    def regulation_answerer(self):
        from answer.regulation_answers import RegulationAnswerer
        from answer.frames import Frames
        return RegulationAnswerer(self.regulations, self.analyzer, Frames.load(self.settings.prompts_dir))

    @cached_property
    def library(self):
        from ingest.library import Library

        def changed() -> None:
            self.retriever.lexical.invalidate()
            self.regulations.invalidate()
        return Library(self.settings, self.store, self.ingestor, changed)

    def ingestor(self, progress=None):
        from ingest.pipeline import Ingestor
        return Ingestor(self.settings, self.store, self.embedder, self.analyzer, progress)
