"""What an extractor returns: a file's text as extracted, and what was done to get it."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    """A file's text as extracted, with what was done to get it."""

    text: str
    ocr_spans: list[tuple[int, int]] = field(default_factory=list)  # ranges of `text` read by OCR
    pages: int = 0
    ocr_pages: int = 0
    ocr_words: int = 0
    ocr_confidence: float | None = None  # mean word confidence over the OCR'd pages, 0-100
    encoding: str | None = None  # legacy encoding converted (display name)
    notes: list[str] = field(default_factory=list)
