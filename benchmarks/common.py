"""Helpers shared by the benchmarks: shared data paths, question files, VietNews as text files, percentiles."""
from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "benchmarks" / "out"
DEV = SHARED / "eval" / "dev.jsonl"
ALQAC_Q = SHARED / "data" / "alqac" / "questions.jsonl"
ALQAC_LAWS = SHARED / "data" / "alqac" / "laws"
VIETNEWS = SHARED / "data" / "vietnews" / "vietnews_test_plain.jsonl.gz"


def need(path: Path) -> Path:
    if not path.exists():
        raise SystemExit(f"needs {path} (the shared test data beside the project root)")
    return path


def questions(path: Path, n: int | None = None, seed: int = 7) -> list[dict]:
    items = [json.loads(x) for x in need(path).read_text(encoding="utf-8").splitlines() if x.strip()]
    if n is not None and n < len(items):
        items = random.Random(seed).sample(items, n)
    return items


def write_vietnews(folder: Path, n: int, skip: int = 0) -> list[Path]:
    """The first n VietNews articles (after `skip`) as .txt files: title line, blank line, text."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    with gzip.open(need(VIETNEWS), "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < skip:
                continue
            if len(out) >= n:
                break
            art = json.loads(line)
            path = folder / f"vietnews_{art['id']}.txt"
            path.write_text(f"{art['title']}\n\n{art['text']}", encoding="utf-8")
            out.append(path)
    return out


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))] if s else 0.0


def save(name: str, result: dict) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
