"""The fixed text around quotes, in the question's language, read from prompts/frames.json and checked."""
from __future__ import annotations

import json
from pathlib import Path

REQUIRED = {"lead", "abstain", "related", "empty_question", "truncated", "documents_lead"}


class Frames:
    def __init__(self, table: dict[str, dict[str, str]]):
        for lang in ("vi", "en"):
            missing = REQUIRED - set(table.get(lang, {}))
            if missing:
                raise ValueError(f"frames.json: language {lang!r} lacks {sorted(missing)}")
        self._table = table

    @classmethod
    def load(cls, prompts_dir: Path) -> "Frames":
        return cls(json.loads((prompts_dir / "frames.json").read_text(encoding="utf-8")))

    def get(self, lang: str, key: str, **values) -> str:
        text = self._table.get(lang, self._table["vi"])[key]
        return text.format(**values) if values else text
