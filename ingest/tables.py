"""Tables as text lines that keep every figure with its row and column labels.

A grid of cells (from docx, html, a PDF text layer or antiword) becomes one line per body row:
"Số đoàn ra | 2024: 40 | 2025: 46" — the row's label cells, then each other cell after its column's header. A line
is a table row to the chunker (`is_table_row`), which never cuts one, so a figure is always retrieved and quoted
with what it counts. Rows longer than ROW_CHARS are written as several lines, each starting with the row label.
"""
from __future__ import annotations

import re

ROW_CHARS = 400  # longer rows are split between cells, the label repeated: a quote stays readable and whole
SEP = " | "
_FIGURE = re.compile(r"^[-+–(]?\s*[\d.,/%\s]*\d[\d.,/%\s]*\)?\s*(?:\s*[^\W_]{1,8}\.?){0,2}$")
_ROW = re.compile(r"[^\n|]+(?: \| [^\n|]*)+")


def is_table_row(line: str) -> bool:
    """A line written by `table_lines` (or any line of " | "-separated cells)."""
    return " | " in line and bool(line.strip()) and _ROW.fullmatch(line) is not None


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("|", "/")).strip()


def is_figure(cell: str) -> bool:
    """A number, a date or a number with a short unit ("46", "6.513 km2", "12,5%", "15/3/2025", "17 triệu")."""
    return bool(cell) and len(cell) <= 30 and bool(_FIGURE.match(cell))


def _dedupe(cells: list[str]) -> list[str]:
    """Merged cells repeat their text across the columns they span: keep it once."""
    out: list[str] = []
    for c in cells:
        if c and (not out or out[-1] != c):
            out.append(c)
    return out


def table_lines(grid: list[list[str]]) -> list[str]:
    """Lines for a table given as rows of cell texts (merged cells repeated or empty)."""
    rows = [[_cell(c) for c in row] for row in grid]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    if len(rows) < 2 or width < 2:
        return [SEP.join(_dedupe(r)) for r in rows]
    head_n = 1
    while head_n < len(rows) - 1 and _is_subheader(rows, head_n):
        head_n += 1
    head, body = rows[:head_n], rows[head_n:]
    labels_n = _label_columns(body, width)
    headers = [" – ".join(_dedupe([h[j] for h in head])) for j in range(width)]
    out = []
    for row in body:
        label = " – ".join(_dedupe(row[:labels_n]))
        values = [(headers[j], row[j]) for j in range(labels_n, width) if row[j]
                  and not (j > labels_n and row[j] == row[j - 1] and headers[j] == headers[j - 1])]
        cells = [f"{h}: {v}" if h and h != v else v for h, v in values]
        out += _row_lines(label, cells)
    return out


def _is_subheader(rows: list[list[str]], k: int) -> bool:
    """Row k continues the header: the row above spans columns (repeated or empty cells) that row k divides, and
    the label column is merged down into it (same text or empty), or row k holds no figure at all."""
    above, row = rows[k - 1], rows[k]
    spans = any(above[j] == above[j - 1] or not above[j] for j in range(1, len(above)))
    merged_label = row[0] == above[0] or not row[0]
    return spans and sum(map(bool, row)) >= 2 and (merged_label or not any(is_figure(c) for c in row))


def _label_columns(body: list[list[str]], width: int) -> int:
    """The leading columns whose cells mostly are not figures (at least one; one column always holds values)."""
    n = 0
    for j in range(width - 1):
        cells = [r[j] for r in body if r[j]]
        if cells and sum(not is_figure(c) for c in cells) * 2 >= len(cells):
            n = j + 1
        elif j == 0 and cells and _is_numbering(cells):
            n = 1  # an "STT" column: 1, 2, 3 ...
        else:
            break
    return max(1, n if n < width else 1)


def _is_numbering(cells: list[str]) -> bool:
    nums = [c.rstrip(".") for c in cells]
    return all(c.isdigit() for c in nums) and [int(c) for c in nums] == list(range(int(nums[0]), int(nums[0]) + len(nums)))


def _row_lines(label: str, cells: list[str]) -> list[str]:
    if not cells:
        return [label] if label else []
    lines, current = [], []
    for c in cells:
        if current and len(SEP.join([label, *current, c])) > ROW_CHARS:
            lines.append(SEP.join([label, *current] if label else current))
            current = []
        current.append(c)
    lines.append(SEP.join([label, *current] if label else current))
    return lines


def grid_from_pipes(lines: list[str]) -> list[list[str]]:
    """antiword's "|cell  |cell  |" table lines as a grid."""
    return [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in lines]
