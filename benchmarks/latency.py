"""Per-question latency, warm (models loaded, one warm-up question), on the bundled corpus and on ALQAC.

    python -m benchmarks.latency [--alqac-data DIR] [--alqac-n 100]

The corpus index is built in benchmarks/out/corpus_data when missing; ALQAC needs a data folder holding the
ingested laws (`python app.py --data-dir DIR ingest ../shared/data/alqac/laws`)."""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.common import ALQAC_Q, DEV, OUT, ROOT, pct, questions, save
from core.di import Container
from core.settings import Settings


def measure(data: Path, qs: list[dict]) -> dict:
    c = Container(Settings(data_dir=data, corpus_dir=ROOT / "corpus"))
    if not c.store.documents():
        c.ingestor().run([ROOT / "corpus"])
    c.answers.ask("Kon Tum tiếp giáp với những nước nào?")  # warm-up: loads the embedder and the indexes
    totals, retrieve = [], []
    for q in qs:
        t = time.perf_counter()
        ans = c.answers.ask(q["question"])
        totals.append((time.perf_counter() - t) * 1e3)
        retrieve.append(ans.timings_ms.get("retrieve", 0.0))
    return {"questions": len(qs), "chunks": c.store.count(), "p50_ms": round(pct(totals, 0.5), 1),
            "p95_ms": round(pct(totals, 0.95), 1), "max_ms": round(max(totals), 1),
            "retrieve_p50_ms": round(pct(retrieve, 0.5), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--alqac-data", type=Path, help="data folder with the ALQAC laws ingested")
    ap.add_argument("--alqac-n", type=int, default=100)
    args = ap.parse_args()
    results = {"corpus/dev": measure(OUT / "corpus_data", questions(DEV))}
    if args.alqac_data:
        results["alqac"] = measure(args.alqac_data, questions(ALQAC_Q, args.alqac_n))
    print(f"{'set':<14}{'questions':>10}{'chunks':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, r in results.items():
        print(f"{name:<14}{r['questions']:>10}{r['chunks']:>8}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}")
    save("latency", results)


if __name__ == "__main__":
    main()
