"""OCR of PDF pages behind one interface: poppler's `pdftoppm` renders a page, Tesseract (its Vietnamese model)
reads it. `make_ocr` picks the engine from settings; without the tools, a MissingOcr says what to install."""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from core.settings import Settings

PACKAGES = "tesseract-ocr tesseract-ocr-vie poppler-utils"


class OcrUnavailable(Exception):
    """OCR cannot run here; the message names what to install."""


@dataclass(frozen=True)
class OcrPage:
    text: str  # one line per paragraph (its wrapped lines joined by spaces)
    confidence: float  # mean word confidence, 0-100 (0 when no word was read)
    words: int


class OcrEngine(Protocol):
    name: str

    def read_page(self, pdf: Path, page: int) -> OcrPage:
        """Text of page `page` (0-based) of the PDF at `pdf`."""
        ...


class TesseractOcr:
    def __init__(self, tesseract: str, pdftoppm: str, languages: str, dpi: int, timeout: float, threads: int):
        self.tesseract, self.pdftoppm, self.languages, self.dpi = tesseract, pdftoppm, languages, dpi
        self.timeout, self.threads = timeout, threads
        self.name = f"tesseract/{languages}"

    def read_page(self, pdf: Path, page: int) -> OcrPage:
        with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
            image = Path(tmp) / "page"
            self._run([self.pdftoppm, "-r", str(self.dpi), "-f", str(page + 1), "-l", str(page + 1), "-gray", "-png",
                       "-singlefile", str(pdf), str(image)], "pdftoppm")
            env = {**os.environ, "OMP_THREAD_LIMIT": str(self.threads)}
            tsv = self._run([self.tesseract, f"{image}.png", "stdout", "-l", self.languages, "--psm", "3", "tsv"],
                            "tesseract", env)
        return parse_tsv(tsv.decode("utf-8", "replace"))

    def _run(self, cmd: list[str], tool: str, env: dict | None = None) -> bytes:
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=self.timeout, env=env)
        except subprocess.TimeoutExpired as exc:
            raise OcrUnavailable(f"{tool} took longer than {self.timeout:.0f} s on one page") from exc
        if proc.returncode != 0:
            raise OcrUnavailable(f"{tool} failed: {proc.stderr.decode('utf-8', 'replace').strip()[-200:]}")
        return proc.stdout


def parse_tsv(tsv: str) -> OcrPage:
    """Tesseract's TSV (one row per word, with block/paragraph/line numbers and confidence) as text."""
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    paragraphs: dict[tuple[int, int], dict[int, list[str]]] = {}
    confs: list[float] = []
    for r in rows:
        word = (r.get("text") or "").strip()
        if r.get("level") != "5" or not word:
            continue
        para = (int(r["block_num"]), int(r["par_num"]))
        paragraphs.setdefault(para, {}).setdefault(int(r["line_num"]), []).append(word)
        conf = float(r.get("conf") or -1)
        if conf >= 0:
            confs.append(conf)
    # a paragraph's lines are the wrapping of one paragraph on the page: joined by spaces, so no sentence breaks
    text = "\n".join(" ".join(" ".join(words) for _, words in sorted(lines.items()))
                     for _, lines in sorted(paragraphs.items()))
    return OcrPage(text, sum(confs) / len(confs) if confs else 0.0, len(confs))


class MissingOcr:
    name = "none"

    def __init__(self, reason: str):
        self.reason = reason

    def read_page(self, pdf: Path, page: int) -> OcrPage:
        raise OcrUnavailable(self.reason)


def make_ocr(settings: Settings) -> OcrEngine:
    """Tesseract with settings.ocr_languages, or a MissingOcr naming the Debian packages to install."""
    if settings.ocr == "off":
        return MissingOcr("OCR is off (RAG_OCR=off)")
    tesseract, pdftoppm = shutil.which("tesseract"), shutil.which("pdftoppm")
    if not tesseract or not pdftoppm:
        missing = "tesseract" if not tesseract else "pdftoppm"
        return MissingOcr(f"no OCR: {missing} is not installed (Debian packages {PACKAGES})")
    try:
        listed = subprocess.run([tesseract, "--list-langs"], capture_output=True, timeout=30).stdout.decode()
    except (OSError, subprocess.TimeoutExpired) as exc:
        return MissingOcr(f"no OCR: tesseract does not start ({exc})")
    have = {ln.strip() for ln in listed.splitlines()[1:]}
    lacking = [lang for lang in settings.ocr_languages.split("+") if lang not in have]
    if lacking:
        return MissingOcr(f"no OCR: Tesseract has no {'+'.join(lacking)} model "
                          f"(Debian package{'s' if len(lacking) > 1 else ''} "
                          f"{' '.join('tesseract-ocr-' + lang for lang in lacking)})")
    return TesseractOcr(tesseract, pdftoppm, settings.ocr_languages, settings.ocr_dpi, settings.ocr_timeout_s,
                        settings.ocr_threads)
