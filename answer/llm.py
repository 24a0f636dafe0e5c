"""The LLM answer mode chosen from settings: None for the extractive default, else an LLMAnswerer."""
from __future__ import annotations

from core.settings import Settings


def make_llm_answerer(settings: Settings):
    if settings.answer_mode == "extractive":
        return None
    from answer.llm_mode import LLMAnswerer
    return LLMAnswerer.from_settings(settings)
