"""Enumerated items of legal texts and plans ("1. Chủ tịch ... quyết định ... đối với:" / "a) ..." / "b) ..."):
where a colon opens them, and the lead-in clause an item stands under. Who acts on an item is in its lead-in; the
bodies named inside the items are what it acts on."""
from __future__ import annotations

import re


def enumerating_colon(sent: str) -> int | None:
    """Where a colon opens enumerated items ("... đối với:\n\na) ..."), or None."""
    m = re.search(r":\s*\n\s*(?:[a-zđ]\)|[-–•+]|\d+[.)])\s", sent)
    return m.start() if m else None


_ITEM = re.compile(r"[a-zđ]\)\s|[-–•+]\s")  # "b) ...", "- ..."
_MAX_LEAD = 600  # how far back an item's lead-in clause may stand (its sibling items between)


def lead_in(text: str, s: int) -> int | None:
    """Where the lead-in clause of the enumerated item starting at `s` begins: the nearest earlier line ending in
    ":" with only sibling items between; None when the sentence is no item or has none."""
    line = text.rfind("\n", 0, s) + 1
    if line != s or not _ITEM.match(text, s):
        return None
    at = line
    while at > 0 and s - at < _MAX_LEAD:
        prev = text.rfind("\n", 0, at - 1) + 1
        row = text[prev:at].strip()
        if row.endswith(":"):
            return prev
        if row and not _ITEM.match(row + " "):
            return None
        at = prev
    return None
