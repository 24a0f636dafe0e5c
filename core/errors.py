"""Our own exceptions. app.py turns each into a message for the user; none should surface as a traceback."""
from __future__ import annotations


class RagError(Exception):
    """Base class: the message is written for the person using the product."""


class SkipFile(RagError):
    """A file that cannot be ingested; the reason is shown in the ingest summary."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexMissing(RagError):
    pass


class IndexCorrupt(RagError):
    pass


class ModelMismatch(RagError):
    pass


class StoreUnavailable(RagError):
    pass


class ConfigError(RagError):
    pass


class BadQuestion(RagError):
    pass
