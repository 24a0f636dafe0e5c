"""Precision/recall of regulations.extract against the hand-checked gold lists.

    python -m benchmarks.extraction_quality [--verbose]

Gold: tests/regulations/corpus_references.tsv (the five corpus articles) and
tests/regulations/vietnews_sample_references.tsv (50 sampled vietnews articles; ids in its header).
A predicted reference matches a gold row of the same article when the codes are equal, or, for documents
without a full code, when the types are equal and one folded name contains the other. Matching is one-to-one.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from vntext.normalize import normalize
from vntext.codes import fold_text
from regulations.extract import Reference, extract_references

ROOT = Path(__file__).resolve().parent.parent
CORPUS_GOLD = ROOT / "tests" / "regulations" / "corpus_references.tsv"
VIETNEWS_GOLD = ROOT / "tests" / "regulations" / "vietnews_sample_references.tsv"
VIETNEWS = Path("/work/shared/data/vietnews/vietnews_test_plain.jsonl.gz")
SAMPLE_SEED, SAMPLE_SIZE = 20240601, 50
SAMPLE_PATTERN = re.compile(r"(?<!\w)(?:Chỉ thị|Nghị quyết|Quyết định)(?!\w)")


@dataclass(frozen=True)
class GoldRow:
    doc: str
    code: str
    type: str
    issuer: str
    date: str
    term: str
    name: str


@dataclass(frozen=True)
class Score:
    gold: int
    predicted: int
    matched: int
    issuer_ok: int
    date_ok: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


def read_gold(path: Path) -> tuple[list[GoldRow], list[str]]:
    """Rows and the article ids named in a "# ids:" header line (empty for the corpus file)."""
    rows, ids, header_seen = [], [], False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# ids:"):
            ids = line.split(":", 1)[1].split()
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        if len(cols) != 7:
            raise ValueError(f"{path}:{n}: expected 7 columns, got {len(cols)}: {line!r}")
        rows.append(GoldRow(*cols))
    return rows, ids


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", fold_text(s)).strip()


def _same(g: GoldRow, r: Reference) -> bool:
    if g.code:
        return r.code == g.code
    if r.code or _norm(g.type) != _norm(r.doc_type or ""):
        return False
    a, b = _norm(g.name), _norm(r.name or "")
    return bool(a and b) and (a in b or b in a)


def score(gold: list[GoldRow], predicted: dict[str, list[Reference]], verbose: bool = False) -> Score:
    matched = issuer_ok = date_ok = 0
    n_pred = 0
    for doc in sorted(set(predicted) | {g.doc for g in gold}):
        rows = [g for g in gold if g.doc == doc]
        used = [False] * len(rows)
        for r in predicted.get(doc, []):
            n_pred += 1
            hit = next((i for i, g in enumerate(rows) if not used[i] and _same(g, r)), None)
            if hit is None:
                if verbose:
                    print(f"  FP {doc}: {r.code or r.name!r} ({r.doc_type})")
                continue
            used[hit] = True
            matched += 1
            g = rows[hit]
            issuer_ok += (g.issuer or None) == r.issuer
            date_ok += (g.date or None) == r.date
            if verbose and ((g.issuer or None) != r.issuer or (g.date or None) != r.date):
                print(f"  ATTR {doc} {g.code or g.name!r}: issuer {r.issuer!r} vs {g.issuer!r}, date {r.date} vs {g.date}")
        for i, g in enumerate(rows):
            if not used[i] and verbose:
                print(f"  FN {doc}: {g.code or g.name!r} ({g.type})")
    return Score(len(gold), n_pred, matched, issuer_ok, date_ok)


def corpus_predictions(corpus_dir: Path = ROOT / "corpus") -> dict[str, list[Reference]]:
    out = {}
    for path in sorted(corpus_dir.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8"))
        out[path.name[:3]] = extract_references(path.stem, str(path), text, None)
    return out


def vietnews_sample(path: Path = VIETNEWS) -> list[dict]:
    """The fixed 50-article sample: capitalised Chỉ thị/Nghị quyết/Quyết định, seeded random sample, sorted by id."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    candidates = [r for r in rows if SAMPLE_PATTERN.search(r["text"])]
    return sorted(random.Random(SAMPLE_SEED).sample(candidates, SAMPLE_SIZE), key=lambda r: r["id"])


def vietnews_predictions(articles: list[dict]) -> dict[str, list[Reference]]:
    """Articles are normalised as ingest does (NFC, unified tone marks) before extraction."""
    return {a["id"]: extract_references(a["id"], "vietnews", normalize(a["text"]), None) for a in articles}


def _print(label: str, s: Score) -> None:
    print(f"{label}: gold {s.gold}, predicted {s.predicted}, matched {s.matched}; "
          f"precision {s.precision:.3f}, recall {s.recall:.3f}; "
          f"issuer agrees {s.issuer_ok}/{s.matched}, date agrees {s.date_ok}/{s.matched}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list false positives/negatives and attribute misses")
    args = ap.parse_args(argv)
    gold, _ = read_gold(CORPUS_GOLD)
    if args.verbose:
        print("corpus:")
    _print("corpus (5 articles)", score(gold, corpus_predictions(), args.verbose))
    if not VIETNEWS.exists():
        print(f"vietnews: skipped, {VIETNEWS} not found")
        return 0
    gold, ids = read_gold(VIETNEWS_GOLD)
    articles = vietnews_sample()
    if [a["id"] for a in articles] != ids:
        raise SystemExit(f"sample ids differ from {VIETNEWS_GOLD.name}: {[a['id'] for a in articles]}")
    if args.verbose:
        print("vietnews:")
    _print(f"vietnews sample ({len(articles)} articles)", score(gold, vietnews_predictions(articles), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
