"""Word 97-2003 `.doc` converters behind one interface: LibreOffice headless (to .docx, tables and fonts kept) and
antiword (to UTF-8 text, tables as "|cell|cell|" lines). `make_doc_converter` picks one from settings."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from core.errors import SkipFile
from core.settings import Settings

PACKAGES = {"libreoffice": "libreoffice-writer-nogui", "antiword": "antiword"}


@dataclass(frozen=True)
class Converted:
    kind: str  # "docx": `data` is a .docx package; "text": `data` is UTF-8 text
    data: bytes
    tool: str


class DocConverter(Protocol):
    name: str

    def convert(self, path: Path, timeout: float) -> Converted: ...


class LibreOfficeConverter:
    """`soffice --headless --convert-to docx` with a private profile (one conversion at a time: soffice refuses a
    second instance on the same profile)."""

    name = "libreoffice"

    def __init__(self, exe: str):
        self.exe = exe
        self._lock = threading.Lock()
        self._profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))

    def convert(self, path: Path, timeout: float) -> Converted:
        with self._lock, tempfile.TemporaryDirectory(prefix="doc-") as out:
            src = Path(out) / "in.doc"  # a plain name: soffice mangles some Unicode/space names on the command line
            shutil.copyfile(path, src)
            cmd = [self.exe, "--headless", "--norestore", f"-env:UserInstallation={self._profile.as_uri()}",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", out, str(src)]
            try:
                proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
            except subprocess.TimeoutExpired as exc:
                raise SkipFile(str(path), f"LibreOffice did not convert the .doc within {timeout:.0f} s") from exc
            result = Path(out) / "in.docx"
            if proc.returncode != 0 or not result.is_file():
                detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-200:]
                raise SkipFile(str(path), f"LibreOffice could not convert this .doc (corrupt or protected?): {detail}")
            return Converted("docx", result.read_bytes(), self.name)


class AntiwordConverter:
    name = "antiword"

    def __init__(self, exe: str):
        self.exe = exe

    def convert(self, path: Path, timeout: float) -> Converted:
        try:
            proc = subprocess.run([self.exe, "-m", "UTF-8.txt", "-w", "0", str(path)], capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise SkipFile(str(path), f"antiword did not convert the .doc within {timeout:.0f} s") from exc
        if proc.returncode != 0:
            detail = proc.stderr.decode("utf-8", "replace").strip()[-200:]
            raise SkipFile(str(path), f"antiword could not read this .doc: {detail}")
        return Converted("text", proc.stdout, self.name)


class MissingConverter:
    """Stands in when no converter is installed: every .doc is skipped with the package to install."""

    name = "none"

    def __init__(self, wanted: str):
        self.wanted = wanted

    def convert(self, path: Path, timeout: float) -> Converted:
        if self.wanted == "auto":
            need = f"Debian package {PACKAGES['libreoffice']} (or {PACKAGES['antiword']})"
        else:
            need = f"Debian package {PACKAGES[self.wanted]}"
        raise SkipFile(str(path), f"no .doc converter installed: install the {need}, or save the file as .docx")


def _which(tool: str) -> str | None:
    names = ("soffice", "libreoffice") if tool == "libreoffice" else ("antiword",)
    return next((p for p in map(shutil.which, names) if p), None)


def make_doc_converter(settings: Settings) -> DocConverter:
    """The converter settings.doc_converter names ("auto": LibreOffice, else antiword), or a MissingConverter."""
    order = ("libreoffice", "antiword") if settings.doc_converter == "auto" else (settings.doc_converter,)
    for tool in order:
        exe = _which(tool)
        if exe:
            return LibreOfficeConverter(exe) if tool == "libreoffice" else AntiwordConverter(exe)
    return MissingConverter(settings.doc_converter)
