"""PDF text: the text layer of every page that has one (pypdf), OCR for the pages that have none, and tables the
text layer keeps in columns turned into labelled rows."""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Callable

from components.ocr import OcrEngine, OcrUnavailable
from core.errors import SkipFile
from ingest.extracted import Extracted
from ingest.tables import is_figure, is_table_row, table_lines
from vntext import legacy
from vntext.normalize import source_text

MIN_LAYER_CHARS = 20  # a page whose text layer has fewer visible characters is read by OCR
_GAP = re.compile(r"\s{2,}")


def pdf_text(data: bytes, path: Path, ocr: OcrEngine, on_page: Callable[[int, int], None]) -> Extracted:
    """Text layer per page, OCR where there is none (progress through `on_page(done, total)`), in page order."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SkipFile(str(path), "password-protected (encrypted) PDF")
        pages = list(reader.pages)
        layers = [page.extract_text() or "" for page in pages]
    except SkipFile:
        raise
    except Exception as exc:  # pypdf raises many types on broken files
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise SkipFile(str(path), f"password-protected (encrypted) PDF: {exc}") from exc
        raise SkipFile(str(path), f"corrupt PDF: {type(exc).__name__}: {exc}") from exc
    scanned = [i for i, t in enumerate(layers) if len("".join(t.split())) < MIN_LAYER_CHARS]
    found = legacy.detect("\n".join(t for i, t in enumerate(layers) if i not in scanned))
    out = Extracted("", pages=len(pages))
    if found:
        out.encoding = found.name
    texts: list[tuple[str, bool]] = []
    confs: list[tuple[float, int]] = []
    for i, layer in enumerate(layers):
        if i not in scanned:
            text = _with_tables(layer, pages[i])
            texts.append((legacy.convert_lines(text, found.encoding) if found else text, False))
            continue
        try:
            page = ocr.read_page(path, i)
        except OcrUnavailable as exc:
            if len(scanned) == len(layers):
                raise SkipFile(str(path), f"PDF has no text layer ({len(layers)} page(s), scanned images) and {exc}") from exc
            out.notes.append(f"{len(scanned)} page(s) without a text layer left out: {exc}")
            break
        on_page(len(confs) + 1, len(scanned))
        confs.append((page.confidence, page.words))
        texts.append((page.text, True))
    parts: list[str] = []
    at = 0
    for text, by_ocr in texts:
        text = _reflow(source_text(text))
        if not text.strip():
            continue
        if parts:
            at += 2
        if by_ocr:
            out.ocr_spans.append((at, at + len(text)))
        parts.append(text)
        at += len(text)
    out.text = "\n\n".join(parts)
    if confs:
        out.ocr_pages, out.ocr_words = len(confs), sum(w for _, w in confs)
        out.ocr_confidence = sum(c * w for c, w in confs) / max(out.ocr_words, 1)
    if not out.text.strip() and not scanned:
        raise SkipFile(str(path), f"PDF has no text ({len(layers)} page(s))")
    return out


def _reflow(page: str) -> str:
    """Join a line to the next when it does not end a sentence and the next starts in lower case (table rows stay)."""
    lines = [ln.rstrip() for ln in page.split("\n")]
    out: list[str] = []
    for line in lines:
        if (out and out[-1] and line[:1].islower() and not out[-1].endswith((".", ":", ";", "!", "?"))
                and not is_table_row(out[-1]) and not is_table_row(line)):
            out[-1] = out[-1] + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out).strip()


def _with_tables(text: str, page) -> str:
    """`text` with the rows of each column-aligned table (as pypdf's layout mode shows it) as labelled rows."""
    if sum(1 for ln in text.split("\n") if sum(map(is_figure, ln.split())) >= 2) < 2:
        return text  # fewer than two lines holding figures: no table worth the layout pass
    try:
        layout = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is best effort; the plain text layer stands
        return text
    lines = text.split("\n")
    for block in _aligned_blocks(layout):
        flat = [" ".join(" ".join(cells).split()) for cells in block]
        at = _find_run(lines, flat)
        if at is not None:
            lines[at : at + len(flat)] = table_lines(block)
    return "\n".join(lines)


def _aligned_blocks(layout: str) -> list[list[list[str]]]:
    """Runs of at least 3 lines split by wide gaps into the same number (>= 2) of cells, one column of figures
    (blank lines between rows do not end a run)."""
    blocks: list[list[list[str]]] = []
    run: list[list[str]] = []

    def flush() -> None:
        if len(run) >= 3 and any(all(is_figure(r[j]) for r in run[1:]) for j in range(1, len(run[0]))):
            blocks.append(list(run))

    for line in layout.split("\n"):
        if not line.strip():
            continue
        cells = _GAP.split(line.strip())
        if len(cells) >= 2 and (not run or len(cells) == len(run[0])):
            run.append(cells)
            continue
        flush()
        run = [cells] if len(cells) >= 2 else []
    flush()
    return blocks


def _find_run(lines: list[str], flat: list[str]) -> int | None:
    norm = [" ".join(ln.split()) for ln in lines]
    for i in range(len(norm) - len(flat) + 1):
        if norm[i : i + len(flat)] == flat:
            return i
    return None
