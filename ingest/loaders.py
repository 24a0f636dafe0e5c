"""Read one file (txt, md, html, pdf, docx) into normalized text, or raise SkipFile saying why not."""
from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from core.errors import SkipFile
from vntext.normalize import normalize

SUPPORTED_EXTENSIONS = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})
_KINDS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ") | {c for c in "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"}
_CP1258_ODD = set("€‚ƒ„…†‡ˆ‰‹Œ‘’“”•–—˜™›œŸ¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿×÷")
_DROP_HTML = ("script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "iframe")
_BLOCK_HTML = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
               "article", "main", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "hr", "form")


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    raw_bytes_hash: str  # sha256 hex of the file's bytes
    text: str  # decoded, normalize()d
    kind: str  # "txt" | "md" | "html" | "pdf" | "docx"
    html_title: str | None = None


def load_file(path: Path, max_bytes: int) -> LoadedFile:
    """Read, decode and extract `path`; raises SkipFile for empty, oversized, binary, encrypted or broken files."""
    path = Path(path)
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
        text = decode_bytes(data, path)
    elif kind == "html":
        text, title = html_to_text(decode_bytes(data, path))
    elif kind == "pdf":
        text = pdf_text(data, path)
    else:
        text = docx_text(data, path)
    text = normalize(text)
    if not text.strip():
        raise SkipFile(str(path), "empty file (no text)")
    return LoadedFile(path, hashlib.sha256(data).hexdigest(), text, kind, normalize(title) if title else None)


# --- decoding --------------------------------------------------------------------------------------------

def decode_bytes(data: bytes, path: Path) -> str:
    """BOM (UTF-8/UTF-16), then UTF-8, then Vietnamese windows-1258, then charset-normalizer."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
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
    text = _try_cp1258(data)
    if text is not None:
        return text
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
    except Exception:  # charset-normalizer failures are just "undecodable"
        best = None
    text = str(best) if best is not None else ""
    if best is None or _mostly_unprintable(text):
        raise SkipFile(str(path), "undecodable text: not UTF-8, UTF-16, windows-1258 or any detectable encoding")
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


# --- PDF -------------------------------------------------------------------------------------------------

def pdf_text(data: bytes, path: Path) -> str:
    """Text layer of every page (pypdf), lines of one paragraph rejoined."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SkipFile(str(path), "password-protected (encrypted) PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
    except SkipFile:
        raise
    except Exception as exc:  # pypdf raises many types on broken files
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise SkipFile(str(path), f"password-protected (encrypted) PDF: {exc}") from exc
        raise SkipFile(str(path), f"corrupt PDF: {type(exc).__name__}: {exc}") from exc
    if not any(p.strip() for p in pages):
        raise SkipFile(str(path), f"PDF has no text layer ({len(pages)} page(s), scanned images?); OCR it first")
    return "\n\n".join(_reflow(p) for p in pages if p.strip())


def _reflow(page: str) -> str:
    """Join a line to the next when it does not end a sentence and the next starts in lower case."""
    lines = [ln.rstrip() for ln in page.split("\n")]
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line[:1].islower() and not out[-1].endswith((".", ":", ";", "!", "?")):
            out[-1] = out[-1] + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out).strip()


# --- DOCX ------------------------------------------------------------------------------------------------

def docx_text(data: bytes, path: Path) -> str:
    """Paragraphs and table rows (cells joined by " | ") in document order."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SkipFile(str(path), "not a .docx package: password-protected or legacy Word .doc file")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for el in document.element.body.iterchildren():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "p":
                blocks.append(Paragraph(el, document).text)
            elif tag == "tbl":
                for row in Table(el, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        t = cell.text.strip()
                        if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                            cells.append(t)
                    blocks.append(" | ".join(cells))
    except Exception as exc:  # zipfile/lxml/python-docx errors on broken packages
        raise SkipFile(str(path), f"corrupt .docx: {type(exc).__name__}: {exc}") from exc
    return re.sub(r"\n{3,}", "\n\n", "\n".join(blocks)).strip()
