"""LLM answer mode: any LangChain chat model (OpenAI-compatible servers, Ollama). Retrieved text goes in as
numbered, quoted data; after generation every [n] is checked against the passages actually sent."""
from __future__ import annotations

import re
from typing import Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from answer.citations import make_citation, quote_window
from answer.claims import check_claims
from answer.frames import Frames
from answer.prompts import load_prompt
from core.errors import ConfigError
from vntext.sentences import split_sentences
from core.settings import Settings
from core.types import Answer, Citation, Hit, Retrieval

_MARK = re.compile(r"\[(\d{1,3})\]")
_WORD = re.compile(r"\w+")


def quote_passages(hits: list[Hit]) -> str:
    """Passages as data: numbered, each fenced in triple quotes with any quote fence inside it neutralised."""
    blocks = []
    for n, h in enumerate(hits, 1):
        body = h.chunk.text.replace('"""', "“““")
        blocks.append(f'[{n}] {h.chunk.title} ({h.chunk.source})\n"""\n{body}\n"""')
    return "\n\n".join(blocks)


def verify_citations(text: str, hits: list[Hit], max_quote: int = 350) -> tuple[str, list[Citation]]:
    """Drop [n] markers not backed by a sent passage; renumber the rest 1..m by first use; quote each passage's
    sentence that best matches the answer sentence citing it."""
    order: dict[int, int] = {}
    for m in _MARK.finditer(text):
        n = int(m.group(1))
        if 1 <= n <= len(hits) and n not in order:
            order[n] = len(order) + 1

    def renumber(m: re.Match) -> str:
        n = int(m.group(1))
        return f"[{order[n]}]" if n in order else ""

    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", _MARK.sub(renumber, text)).strip()
    citations = []
    for n, new in sorted(order.items(), key=lambda p: p[1]):
        context = _citing_sentence(text, n)
        citations.append(_best_quote(new, hits[n - 1], context, max_quote))
    return cleaned, citations


def _citing_sentence(text: str, n: int) -> set[str]:
    at = text.find(f"[{n}]")
    start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
    return {w.lower() for w in _WORD.findall(text[start:at])}


def _best_quote(n: int, hit: Hit, words: set[str], max_quote: int) -> Citation:
    text = hit.chunk.text
    spans = split_sentences(text) or [(0, len(text))]
    s, e = max(spans, key=lambda se: len(words & {w.lower() for w in _WORD.findall(text[se[0]:se[1]])}))
    s, e = quote_window(hit.chunk, hit.chunk.start + s, hit.chunk.start + e, max_quote)
    return make_citation(n, hit, s, e)


class LLMAnswerer:
    def __init__(self, model: BaseChatModel, prompts_dir, label: str, passages: int = 6, max_quote: int = 350):
        self.model, self.label, self.passages, self.max_quote = model, label, passages, max_quote
        self.frames = Frames.load(prompts_dir)
        self.templates = {lang: load_prompt(f"answer_{lang}", {"question", "context"}, prompts_dir) for lang in ("vi", "en")}

    @classmethod
    def from_settings(cls, settings: Settings) -> "LLMAnswerer":
        if not settings.llm_model:
            raise ConfigError(f"answer_mode={settings.answer_mode!r} needs RAG_LLM_MODEL (the chat model's name)")
        if settings.answer_mode == "openai":
            from langchain_openai import ChatOpenAI

            model = ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url, api_key=settings.llm_api_key,
                               temperature=settings.llm_temperature, streaming=True, timeout=120)
        elif settings.answer_mode == "ollama":
            from langchain_ollama import ChatOllama

            model = ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url, temperature=settings.llm_temperature)
        else:
            raise ConfigError(f"unknown answer_mode {settings.answer_mode!r}")
        return cls(model, settings.prompts_dir, f"{settings.answer_mode}:{settings.llm_model}")

    def describe(self) -> str:
        return f"LLM ({self.label})"

    def messages(self, retrieval: Retrieval, lang: str) -> list:
        hits = retrieval.hits[: self.passages]
        system, _, human = self.templates[lang].format(question=retrieval.question, context=quote_passages(hits)).partition("\n---\n")
        return [SystemMessage(system.strip()), HumanMessage(human.strip() or retrieval.question)]

    def stream(self, retrieval: Retrieval, lang: str) -> Iterator[str | Answer]:
        hits = retrieval.hits[: self.passages]
        parts: list[str] = []
        for chunk in self.model.stream(self.messages(retrieval, lang)):
            piece = chunk.content if isinstance(chunk.content, str) else ""
            parts.append(piece)
            yield "".join(parts)
        checked = check_claims("".join(parts), hits)  # a figure, date or code not in the cited passage: dropped
        text, citations = verify_citations(checked.text, hits, self.max_quote)
        if checked.dropped:
            text = f"{text}\n\n{self.frames.get(lang, 'claims_dropped', n=len(checked.dropped))}".strip()
        yield Answer(retrieval.question, text, False, citations, retrieval.hits, mode=self.describe())
