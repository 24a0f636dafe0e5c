"""The one text analyzer shared by the lexical index (passages) and the retriever (questions)."""
from __future__ import annotations

from pathlib import Path

from vntext.normalize import normalize
from vntext.tokens import load_stopwords, tokenize
from vntext.codes import code_tokens, query_code_keys

VERSION = "a3"  # part of the index fingerprint: changing tokenization or what is indexed rebuilds the lexical index


class Analyzer:
    def __init__(self, stopwords: frozenset[str] = frozenset()):
        self.stopwords = stopwords

    @classmethod
    def from_prompts(cls, prompts_dir: Path) -> "Analyzer":
        path = prompts_dir / "vi_stopwords.txt"
        return cls(load_stopwords(path) if path.exists() else frozenset())

    def passage(self, text: str) -> list[str]:
        return tokenize(text, self.stopwords) + code_tokens(text)

    def query(self, text: str) -> list[str]:
        text = normalize(text)
        return tokenize(text, self.stopwords) + query_code_keys(text)

    def code_keys(self, text: str) -> list[str]:
        return query_code_keys(normalize(text))

    def passage_codes(self, text: str) -> list[str]:
        return code_tokens(text)
