"""Who signed an administrative text ("Ai ký Quyết định 99/2025/QĐ-UBND?", "Who signed Decision 99/2025?"): the
signature block at its foot, as Vietnamese administrative texts write it (Nghị định 30/2020/NĐ-CP, Phụ lục I):

    TM. ỦY BAN NHÂN DÂN          (on behalf of the body; also Q., TL., TUQ.)
    KT. CHỦ TỊCH                 (signing for the head)
    PHÓ CHỦ TỊCH                 (the signer's own title)
    (Đã ký)
    Trần Minh Khoa               (the signer: a name led by a family name)

A document whose text holds no such block gives no answer here: its issuing body is on its card."""
from __future__ import annotations

import re
from dataclasses import dataclass

_AUTHORITY = re.compile(r"(?:TM|KT|Q|TL|TUQ|T/M|K/T)\.?\s+\S")  # the line opening a block
_SIGNED = re.compile(r"\(?\s*(?:đã ký|ký|đã ký và đóng dấu|signed)\s*\)?", re.I)
_MAX_LINES = 8  # capacity lines, "(Đã ký)", blank lines and the name: a block is short


@dataclass(frozen=True)
class SignatureBlock:
    start: int  # the block's first line, in the text
    end: int  # the end of the signer's name
    name_start: int
    capacity: tuple[str, ...]  # the lines above the name that say in what capacity ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")

    @property
    def title(self) -> str:
        """The signer's own title, as a reader says it: the last capacity line ("Phó Chủ tịch")."""
        last = self.capacity[-1] if self.capacity else ""
        return last[:1] + last[1:].lower() if last.isupper() else last


def _uppercase(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _name(line: str, surnames: frozenset[str]) -> bool:
    words = line.split()
    return 2 <= len(words) <= 5 and words[0] in surnames and all(w[:1].isupper() and w[1:].islower() for w in words)


def signature_blocks(text: str, surnames: frozenset[str]) -> list[SignatureBlock]:
    """Every signature block of the text, in order."""
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    out: list[SignatureBlock] = []
    i = 0
    while i < len(lines):
        start, line = lines[i]
        if not _AUTHORITY.match(line.strip()) or not _uppercase(line):
            i += 1
            continue
        capacity: list[str] = []
        for j in range(i, min(len(lines), i + _MAX_LINES)):
            at, raw = lines[j]
            s = raw.strip()
            if not s or _SIGNED.fullmatch(s):
                continue
            if _uppercase(s):
                capacity.append(s)
                continue
            if _name(s, surnames):
                lead = at + raw.index(s)
                out.append(SignatureBlock(start, lead + len(s), lead, tuple(capacity)))
                i = j
            break
        i += 1
    return out
