"""Word files: .docx read with python-docx (paragraphs and tables in document order), .doc converted first.

Runs set in a legacy Vietnamese font are converted by the font's encoding: ".VnTime", ".VnArial" ... are TCVN3
(their "H" variants, ".VnTimeH", draw capitals), "VNI-Times" ... are VNI. Text in other fonts is left to the
content detection of vntext.legacy."""
from __future__ import annotations

import io
import re
from pathlib import Path

from components.converters import DocConverter
from core.errors import SkipFile
from ingest.extracted import Extracted
from ingest.tables import grid_from_pipes, table_lines
from vntext import legacy

_PIPE_ROW = re.compile(r"^\|.*\|\s*$")


def _font_encoding(font: str | None) -> tuple[str | None, bool]:
    """(legacy encoding, capitals font) of a font name: (".VnTimeH") -> ("tcvn3", True)."""
    name = (font or "").strip().lower()
    if name.startswith(".vn"):
        return "tcvn3", name.endswith("h")
    if name.startswith("vni"):
        return "vni", False
    return None, False


class _Fonts:
    """The font a run is drawn in: its own, its character style's, its paragraph style's chain, the default."""

    def __init__(self, document):
        self.default = None
        try:
            self.default = document.styles.default(1).font.name if document.styles.default(1) is not None else None
        except Exception:  # unusual styles parts: no default font
            self.default = None
        self.used: set[str] = set()

    def of(self, run, paragraph) -> str | None:
        if run.font.name:
            return run.font.name
        for style in (getattr(run, "style", None), paragraph.style):
            while style is not None:
                if style.font is not None and style.font.name:
                    return style.font.name
                style = style.base_style
        return self.default

    def text(self, paragraph) -> str:
        """The paragraph's text, legacy-font runs converted to Unicode."""
        from docx.text.run import Run

        out = []
        for item in paragraph.iter_inner_content():
            for run in ([item] if isinstance(item, Run) else list(getattr(item, "runs", []))):
                text = run.text
                enc, caps = _font_encoding(self.of(run, paragraph))
                if enc and not text.isascii():
                    text = legacy.convert(text, enc)
                    text = text.upper() if caps else text
                    self.used.add(enc)
                out.append(text)
        return "".join(out)


def docx_text(data: bytes, path: Path) -> Extracted:
    """Paragraphs, and tables as labelled rows, in document order."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SkipFile(str(path), "not a .docx package: password-protected, or a Word 97-2003 .doc renamed .docx")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        fonts = _Fonts(document)
        blocks: list[str] = []
        for el in document.element.body.iterchildren():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "p":
                blocks.append(fonts.text(Paragraph(el, document)))
            elif tag == "tbl":
                grid = [["\n".join(fonts.text(p) for p in cell.paragraphs) for cell in row.cells]
                        for row in Table(el, document).rows]
                blocks += table_lines(grid)
    except Exception as exc:  # zipfile/lxml/python-docx errors on broken packages
        raise SkipFile(str(path), f"corrupt .docx: {type(exc).__name__}: {exc}") from exc
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(blocks)).strip()
    encodings = {legacy.NAMES[e] for e in fonts.used}
    found = legacy.detect(text)
    if found:
        text = found.text
        encodings.add(found.name)
    return Extracted(text, encoding=", ".join(sorted(encodings)) or None)


def doc_text(path: Path, converter: DocConverter, timeout: float) -> Extracted:
    """A Word 97-2003 file through the converter: LibreOffice's .docx, or antiword's text (its "|a |b |" tables
    made labelled rows)."""
    converted = converter.convert(path, timeout)
    if converted.kind == "docx":
        out = docx_text(converted.data, path)
    else:
        out = Extracted(_pipe_tables(converted.data.decode("utf-8", "replace")))
        found = legacy.detect(out.text)
        if found:
            out.text, out.encoding = found.text, found.name
    out.notes.append(f"converted from .doc by {converted.tool}")
    return out


def _pipe_tables(text: str) -> str:
    lines, out, run = text.split("\n"), [], []
    for line in lines + [""]:
        if _PIPE_ROW.match(line):
            run.append(line)
            continue
        if run:
            out += table_lines(grid_from_pipes(run))
            run = []
        out.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
