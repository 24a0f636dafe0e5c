"""Chat shorthand written out before a question is read: "Đồng Nai đã giải ngân dc bao nhiu tiền?" -> "... được bao
nhiêu tiền?". Whole words only, any case; the table is prompts/chat_shorthand.tsv, read by the lexicon."""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8)
def _pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?<![\w/-])(?:{alt})(?![\w/-])", re.I)  # never inside a number ("QĐ-UBND")


def expand(text: str, table: dict[str, str]) -> str:
    if not table:
        return text
    return _pattern(tuple(table)).sub(lambda m: table[m.group().lower()], text)
