"""A body's contact block: its name in capitals over its address line ("LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ TỈNH ĐỒNG NAI /
Địa chỉ: Số 129, Hà Huy Giáp, ..."), as a web article's publisher prints it at the foot of the page. The cleaner
keeps it, the chunker gives it a chunk of its own, and only a question asking where a body is or how to reach it is
answered from it (its address lines hold the words of many other questions: "tổ chức", "hữu nghị", "tỉnh")."""
from __future__ import annotations

import re

_ADDRESS = r"[ \t]*(?:Địa chỉ|Đ/c|Trụ sở)\s*:"  # the label an address line opens with
ADDRESS_LINE = re.compile("^" + _ADDRESS, re.I)
_BLOCK = re.compile(r"\A[ \t]*[^\n]{3,120}\n" + _ADDRESS, re.I)


def is_contact_heading(line: str, next_line: str | None) -> bool:
    """Whether `line` names a body in capitals and the line after it is its address."""
    return line.strip().isupper() and len(line.strip()) <= 120 and next_line is not None \
        and bool(ADDRESS_LINE.match(next_line))


def is_contact_block(text: str) -> bool:
    """Whether a chunk is a contact block (it opens with the body's name over its address)."""
    m = _BLOCK.match(text)
    return bool(m) and text.split("\n", 1)[0].strip().isupper()
