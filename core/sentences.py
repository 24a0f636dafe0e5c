"""Sentence splitting shared by chunking (ingest) and quoting (answer)."""
from ingest.chunking import split_sentences  # noqa: F401  (moved here once chunking lands)
