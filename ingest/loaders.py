"""Read one file (txt, md, html, pdf, docx, doc) into its extracted text, or raise SkipFile saying why not.

The text is what the file holds, composed (NFC) and with "\\n" line breaks; legacy-encoded Vietnamese (TCVN3, VNI,
VISCII) is converted to Unicode, scanned PDF pages are read by OCR, tables become labelled rows (ingest/tables.py).
Every quote the product shows is a piece of this text.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from components.converters import DocConverter, MissingConverter
from components.ocr import MissingOcr, OcrEngine
from core.errors import SkipFile
from ingest.extracted import Extracted
from ingest.office import doc_text, docx_text
from ingest.pdf import pdf_text
from ingest.tables import table_lines
from vntext import legacy
from vntext.normalize import source_text

SUPPORTED_EXTENSIONS = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc"})
_KINDS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx", ".doc": "doc"}

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ") | {c for c in "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"}
_CP1258_ODD = set("€‚ƒ„…†‡ˆ‰‹Œ‘’“”•–—˜™›œŸ¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿×÷")
_DROP_HTML = ("script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "iframe")
_BLOCK_HTML = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
               "article", "main", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "hr", "form")


@dataclass(frozen=True)
class Extractors:
    """The backends extraction may need: OCR for scanned PDF pages, a converter for .doc files."""

    ocr: OcrEngine = MissingOcr("OCR is not configured")
    doc_converter: DocConverter = MissingConverter("auto")
    convert_timeout: float = 120.0


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    raw_bytes_hash: str  # sha256 hex of the file's bytes
    text: str  # the extracted text (source_text: NFC, "\n" line breaks); quotes are found in it verbatim
    kind: str  # "txt" | "md" | "html" | "pdf" | "docx" | "doc"
    html_title: str | None = None
    ocr_spans: tuple[tuple[int, int], ...] = ()  # ranges of `text` read by OCR
    pages: int = 0  # PDF pages
    ocr_pages: int = 0
    ocr_confidence: float | None = None  # mean word confidence of the OCR'd pages, 0-100
    encoding: str | None = None  # legacy encoding converted to Unicode ("TCVN3 (ABC)", "VNI", "VISCII")
    notes: tuple[str, ...] = ()


def load_file(path: Path, max_bytes: int, extractors: Extractors | None = None,
              on_page: Callable[[int, int], None] | None = None) -> LoadedFile:
    """Read, decode and extract `path`; raises SkipFile for empty, oversized, binary, encrypted or broken files.
    `on_page(done, total)` follows OCR page by page."""
    path = Path(path)
    tools = extractors or Extractors()
    kind = _KINDS.get(path.suffix.lower())
    if kind is None:
        raise SkipFile(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                                  f"supported: {', '.join(sorted(SUPPORTED_EXTENSIONS))}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(str(path), f"file too large: {size:,} bytes > limit {max_bytes:,} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if not data:
        raise SkipFile(str(path), "empty file (0 bytes)")
    title = None
    if kind in ("txt", "md"):
        got = decode_text(data, path)
    elif kind == "html":
        got = decode_text(data, path)
        got.text, title = html_to_text(got.text)
    elif kind == "pdf":
        got = pdf_text(data, path, tools.ocr, on_page or (lambda done, total: None))
    elif kind == "docx":
        got = docx_text(data, path)
    else:
        if not data.startswith(b"\xd0\xcf\x11\xe0"):
            raise SkipFile(str(path), "not a Word 97-2003 .doc file (no OLE header); a .docx or text renamed .doc?")
        got = doc_text(path, tools.doc_converter, tools.convert_timeout)
    text = got.text if got.ocr_spans else source_text(got.text)  # OCR'd text is composed already (offsets kept)
    if not text.strip():
        raise SkipFile(str(path), "empty file (no text)")
    return LoadedFile(path, hashlib.sha256(data).hexdigest(), text, kind, source_text(title) if title else None,
                      tuple(got.ocr_spans), got.pages, got.ocr_pages, got.ocr_confidence, got.encoding, tuple(got.notes))


# --- decoding --------------------------------------------------------------------------------------------

def decode_text(data: bytes, path: Path) -> Extracted:
    """`decode_bytes`, then legacy Vietnamese (TCVN3, VNI, VISCII) converted when the text is written in one."""
    text = decode_bytes(data, path)
    found = legacy.detect(text)
    return Extracted(found.text, encoding=found.name) if found else Extracted(text)


def decode_bytes(data: bytes, path: Path) -> str:
    """BOM (UTF-8/UTF-16), then UTF-8, then legacy Vietnamese or windows-1258 (whichever reads as better-formed
    Vietnamese), then charset-normalizer. Legacy-encoded bytes come back as their surface characters."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise SkipFile(str(path), f"undecodable: {encoding} byte order mark but invalid data at byte {exc.start}") from exc
            if _mostly_unprintable(text):
                raise SkipFile(str(path), f"binary content after a {encoding} byte order mark")
            return text
    sample = data[:65536]
    if b"\x00" in sample:
        raise SkipFile(str(path), "binary content (NUL bytes) in a text file")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13) or b == 127)
    if controls > len(sample) * 0.05:
        raise SkipFile(str(path), f"binary content ({controls} control bytes in the first {len(sample)} bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    surface = legacy.surface(data)
    found = legacy.detect(surface)
    text = _try_cp1258(data)
    if found is not None:
        ok, n = legacy.well_formed(text) if text is not None else (0, 0)
        if text is None or not n or found.after > ok / n:
            return surface
    if text is not None:
        return text
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
    except Exception:  # charset-normalizer failures are just "undecodable"
        best = None
    text = str(best) if best is not None else ""
    if best is None or _mostly_unprintable(text):
        raise SkipFile(str(path), "undecodable text: not UTF-8, UTF-16, windows-1258, TCVN3, VNI, VISCII or any "
                                  "detectable encoding")
    return text


def _mostly_unprintable(text: str) -> bool:
    sample = text[:65536]
    return sum(1 for c in sample if not (c.isprintable() or c in "\n\r\t\f")) > 0.05 * len(sample)


def _try_cp1258(data: bytes) -> str | None:
    """windows-1258 decoding when the result looks like Vietnamese (tone marks compose onto vowels)."""
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    vi = sum(1 for c in letters if c in _VI_LETTERS)
    odd = sum(1 for c in text if c in _CP1258_ODD or unicodedata.combining(c))
    if vi and vi >= odd * 5 and vi >= 0.02 * len(letters):
        return text
    return None


# --- HTML ------------------------------------------------------------------------------------------------

def html_to_text(markup: str) -> tuple[str, str | None]:
    """Visible text with one line per block element, and the page headline (<h1>, else <title>)."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(markup, "lxml")
    title = None
    for tag in (soup.find("h1"), soup.title):
        if tag is not None and tag.get_text(strip=True):
            title = re.sub(r"\s+", " ", tag.get_text(" ", strip=True))
            break
    for tag in soup.find_all(_DROP_HTML):
        tag.decompose()
    if soup.head is not None:
        soup.head.decompose()
    for table in soup.find_all("table"):
        grid = _html_grid(table)
        if grid is not None:
            block = soup.new_tag("div")
            for line in table_lines(grid):
                row = soup.new_tag("p")
                row.string = line
                block.append(row)
            table.replace_with(block)
    for s in soup.find_all(string=True):
        if type(s) is NavigableString and s.find_parent("pre") is None:
            s.replace_with(re.sub(r"\s+", " ", str(s)))
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(_BLOCK_HTML):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for tag in soup.find_all(("td", "th")):
        tag.insert_after(" | ")
    lines = [line.strip(" |") for line in soup.get_text().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), title


def _html_grid(table) -> list[list[str]] | None:
    """A data table's cells, colspan/rowspan repeated; None for a layout table (nested tables, long cells, one
    row or one column), which stays text."""
    if table.find("table") is not None:
        return None
    grid: list[list[str]] = []
    spans: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text) from a rowspan above
    for tr in table.find_all("tr"):
        row: list[str] = []
        cells = tr.find_all(("td", "th"), recursive=False)
        for cell in cells:
            while len(row) in spans:
                left, text = spans.pop(len(row))
                row.append(text)
                if left > 1:
                    spans[len(row) - 1] = (left - 1, text)
            text = re.sub(r"\s+", " ", cell.get_text(" ")).strip()
            if len(text) > 300:
                return None
            for _ in range(max(1, min(_int(cell.get("colspan")), 50))):
                if _int(cell.get("rowspan")) > 1:
                    spans[len(row)] = (_int(cell.get("rowspan")) - 1, text)
                row.append(text)
        while len(row) in spans:
            left, text = spans.pop(len(row))
            row.append(text)
            if left > 1:
                spans[len(row) - 1] = (left - 1, text)
        if row:
            grid.append(row)
    if len(grid) < 2 or max(len(r) for r in grid) < 2:
        return None
    return grid


def _int(v) -> int:
    try:
        return int(str(v).strip())
    except (TypeError, ValueError):
        return 1
