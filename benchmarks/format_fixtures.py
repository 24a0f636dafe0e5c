"""Documents in the forms offices hold, made from Unicode text with the real tools (tests and benchmarks/formats.py):
a Word 97-2003 .doc written by LibreOffice, a scanned PDF (pages rendered as images, no text layer), TCVN3/VNI/
VISCII text files, and a .docx whose figures are only in a table."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from vntext import legacy

SCAN_DPI = 200


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise RuntimeError("LibreOffice (Debian libreoffice-writer-nogui) is needed to build this fixture")
    return exe


def soffice_convert(src: Path, fmt: str, out_dir: Path) -> Path:
    """`soffice --headless --convert-to fmt` with a throw-away profile; the converted file's path."""
    with tempfile.TemporaryDirectory(prefix="lo-fixture-") as profile:
        subprocess.run([_soffice(), "--headless", "--norestore", f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--convert-to", fmt, "--outdir", str(out_dir), str(src)],
                       check=True, capture_output=True, timeout=300)
    out = out_dir / f"{src.stem}.{fmt.split(':')[0]}"
    if not out.is_file():
        raise RuntimeError(f"LibreOffice did not write {out}")
    return out


def write_docx(paragraphs: list[str], dest: Path, table: list[list[str]] | None = None, font: str | None = None,
               size: float | None = None) -> Path:
    """A .docx of these paragraphs (and a table after the first one), optionally all set in `font` at `size` pt."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    if font:
        d.styles["Normal"].font.name = font
    if size:
        d.styles["Normal"].font.size = Pt(size)
    for i, text in enumerate(paragraphs):
        d.add_paragraph(text)
        if i == 0 and table:
            t = d.add_table(rows=len(table), cols=len(table[0]))
            t.style = "Table Grid"
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    t.cell(r, c).text = value
    d.save(dest)
    return dest


def make_doc(paragraphs: list[str], dest: Path, table: list[list[str]] | None = None) -> Path:
    """A Word 97-2003 .doc, written by LibreOffice from a .docx of the paragraphs."""
    with tempfile.TemporaryDirectory(prefix="doc-fixture-") as tmp:
        src = write_docx(paragraphs, Path(tmp) / f"{dest.stem}.docx", table)
        out = soffice_convert(src, "doc:MS Word 97", Path(tmp))
        shutil.move(out, dest)
    return dest


def make_scan(text: str, dest: Path, dpi: int = SCAN_DPI) -> tuple[Path, int]:
    """A scanned PDF of `text`: LibreOffice lays it out as PDF (a serif font at 13 pt, as official documents are
    set), pdftoppm renders each page at `dpi` (grey), and the page images alone make the new PDF (no text layer).
    Returns (path, pages)."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="scan-fixture-") as tmp:
        src = write_docx([ln for ln in text.split("\n") if ln.strip()], Path(tmp) / f"{dest.stem}.docx",
                         font="Liberation Serif", size=13)
        pdf = soffice_convert(src, "pdf", Path(tmp))
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(Path(tmp) / "page")],
                       check=True, capture_output=True, timeout=300)
        images = [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("page*.png"))]
        images[0].save(dest, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
        return dest, len(images)


def holdable(text: str, encoding: str) -> str:
    """`text` with what the encoding cannot write replaced as a typist of its day would: a capital it lacks by the
    small letter (TCVN3 capitals came from ".VnTimeH" fonts), curly quotes by straight ones, others by a space."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        for cand in (c, c.lower(), '"' if c in "“”«»" else "'" if c in "‘’" else "-" if c in "–—" else " "):
            try:
                legacy.encode(cand, encoding)
            except ValueError:
                continue
            out.append(cand)
            break
    return "".join(out)


def make_legacy_txt(text: str, dest: Path, encoding: str) -> tuple[Path, str]:
    """`text` saved in a legacy encoding; returns (path, the Unicode text the file now holds)."""
    held = holdable(text, encoding)
    dest.write_bytes(legacy.encode(held, encoding))
    return dest, held


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (character error count of `b` read for `a`)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]
