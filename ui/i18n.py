"""Page strings: prompts/ui_vi.json (default) and prompts/ui_en.json, and a registry that relabels the page."""
from __future__ import annotations

import json
from functools import lru_cache

from core.settings import PROMPTS_DIR

LANGS = ("vi", "en")


@lru_cache(maxsize=None)
def strings(lang: str) -> dict[str, object]:
    lang = lang if lang in LANGS else "vi"
    with open(PROMPTS_DIR / f"ui_{lang}.json", encoding="utf-8") as f:
        return json.load(f)


def t(lang: str, key: str, **kw) -> str:
    """The string `key` in `lang` (Vietnamese when missing there), formatted with `kw`."""
    value = strings(lang).get(key, strings("vi").get(key, key))
    return str(value).format(**kw) if kw else str(value)


def tl(lang: str, key: str) -> list:
    """A list-valued string (example questions)."""
    value = strings(lang).get(key, strings("vi").get(key, []))
    return list(value) if isinstance(value, list) else [value]


def lang_of(choice: str | None) -> str:
    """The language code of the switch's value ("Tiếng Việt" / "English" / "vi" / "en")."""
    return "en" if choice in ("en", "English") else "vi"


class Relabel:
    """Components whose label/value/placeholder follow the language switch."""

    def __init__(self):
        self.items: list[tuple[object, dict[str, str]]] = []

    def add(self, component, **attrs: str):
        """attrs: attribute -> string key (label="f_docs"), or a function of the language (choices=...)."""
        self.items.append((component, attrs))
        return component

    def components(self) -> list:
        return [c for c, _ in self.items]

    def updates(self, lang: str) -> list:
        import gradio as gr

        return [gr.update(**{attr: key(lang) if callable(key) else t(lang, key) for attr, key in attrs.items()})
                for _, attrs in self.items]
