"""`app.py refs`: the regulation index as a table, JSON or CSV, optionally of one document type."""
from __future__ import annotations

import csv
import io
import json

from vntext.codes import fold_text
from regulations.index import RegulationIndex

COLUMNS = ("code", "type", "issuers", "dates", "term", "subjects", "citations", "flags")


def filter_rows(index: RegulationIndex, doc_type: str | None) -> list[dict]:
    rows = index.to_rows()
    if doc_type:
        want = fold_text(doc_type.strip())
        rows = [r for r in rows if fold_text(str(r["type"])).startswith(want) or fold_text(str(r["type_en"])).startswith(want)]
    return rows


def export_refs(index: RegulationIndex, doc_type: str | None, fmt: str) -> str:
    rows = filter_rows(index, doc_type)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()
    lines = [" | ".join(COLUMNS)]
    lines += [" | ".join(str(r.get(c, "") or r.get("name", "")) if c == "code" else str(r.get(c, "")) for c in COLUMNS) for r in rows]
    return "\n".join(lines)
