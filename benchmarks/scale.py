"""Scale: the bundled corpus + the 17 ALQAC laws + N VietNews articles (distractors) in one index.

    python -m benchmarks.scale [--vietnews 2000] [--cache FILE]

Builds three data folders under benchmarks/out/scale/: the corpus alone, the ALQAC laws alone and everything
together (ingested by `app.py ingest` in a child process, so its peak memory is measured). Embeddings are cached by
content hash (`--cache`, default benchmarks/out/embedding_cache.sqlite): a re-run, or a bigger N, embeds only what
is new. Reports ingest chunks/s, warm query latency at that size, the resident memory of the answering process, and
dev-set and ALQAC hit@5 / MRR@10 / accuracy with the distractors present against without them (target: hit@5
drops by at most 0.03).
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

import psutil

from benchmarks.common import ALQAC_LAWS, ALQAC_Q, DEV, OUT, ROOT, need, save, write_vietnews
from benchmarks.ingest_speed import run_ingest
from core.di import Container
from core.settings import Settings
from evaluation.harness import evaluate

MAX_DROP = 0.03


def scores(data: Path, cache: Path, qfile: Path) -> dict:
    container = Container(Settings(data_dir=data, corpus_dir=ROOT / "corpus", embedding_cache=cache))
    container.answers.ask("Kon Tum tiếp giáp với những nước nào?")  # warm-up: models and indexes loaded
    rep = evaluate(container.answers, qfile, container.library.text)
    return {"chunks": container.store.count(), "questions": rep.n, "hit1": round(rep.hit1, 3), "hit5": round(rep.hit5, 3),
            "mrr10": round(rep.mrr10, 3), "accuracy": round(rep.accuracy, 3),
            "refusal_answerable": round(rep.refusal_answerable, 3),
            "refusal_unanswerable": None if rep.refusal_unanswerable is None else round(rep.refusal_unanswerable, 3),
            "faithfulness": round(rep.faithfulness, 3),
            "p50_ms": round(rep.latency_p50_ms, 1), "p95_ms": round(rep.latency_p95_ms, 1),
            "rss_mb": round(psutil.Process().memory_info().rss / 2**20)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vietnews", type=int, default=2000, help="VietNews articles added as distractors")
    ap.add_argument("--cache", type=Path, default=OUT / "embedding_cache.sqlite", help="embedding cache (content hash)")
    args = ap.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    need(ALQAC_LAWS), need(DEV), need(ALQAC_Q)
    base = OUT / "scale"
    news = base / f"vietnews_{args.vietnews}"
    if len(list(news.glob("*.txt"))) != args.vietnews:
        write_vietnews(news, args.vietnews)
    ingest = {
        "corpus": run_ingest(base / "corpus", args.cache, ROOT / "corpus"),
        "alqac": run_ingest(base / "alqac", args.cache, ALQAC_LAWS),
    }
    # everything together; the laws last, so a cache warmed by the ALQAC-only index is hit
    ingest["all"] = run_ingest(base / f"all_{args.vietnews}", args.cache, ROOT / "corpus", news, ALQAC_LAWS)
    result = {"vietnews": args.vietnews, "ingest": ingest,
              "dev": {"alone": scores(base / "corpus", args.cache, DEV)},
              "alqac": {"alone": scores(base / "alqac", args.cache, ALQAC_Q)}}
    result["dev"]["with_distractors"] = scores(base / f"all_{args.vietnews}", args.cache, DEV)
    result["alqac"]["with_distractors"] = scores(base / f"all_{args.vietnews}", args.cache, ALQAC_Q)
    for name in ("dev", "alqac"):
        r = result[name]
        r["hit5_drop"] = round(r["alone"]["hit5"] - r["with_distractors"]["hit5"], 3)
        r["within_target"] = r["hit5_drop"] <= MAX_DROP
    report(result)
    save(f"scale_{args.vietnews}", result)


def report(r: dict) -> None:
    """Printed tables; "refuse" is the share of unanswerable questions refused (the dev set has two)."""
    print(f"{'index':<10}{'chunks':>8}{'ingest s':>10}{'chunks/s':>10}{'peak RSS':>10}")
    for name, x in r["ingest"].items():
        print(f"{name:<10}{x['chunks']:>8}{x['ingest_s']:>10.1f}{x['chunks_per_s'] or 0:>10.1f}{x['peak_rss_mb']:>7} MB")
    print(f"\n{'questions':<10}{'index':<18}{'chunks':>8}{'hit@1':>7}{'hit@5':>7}{'MRR':>7}{'acc':>7}{'refuse':>8}{'p50 ms':>8}{'p95 ms':>8}{'RSS':>8}")
    for name in ("dev", "alqac"):
        for which in ("alone", "with_distractors"):
            x = r[name][which]
            refuse = "–" if x.get("refusal_unanswerable") is None else f"{x['refusal_unanswerable']:.3f}"
            print(f"{name:<10}{which:<18}{x['chunks']:>8}{x['hit1']:>7.3f}{x['hit5']:>7.3f}{x['mrr10']:>7.3f}"
                  f"{x['accuracy']:>7.3f}{refuse:>8}{x['p50_ms']:>8.1f}{x['p95_ms']:>8.1f}{x['rss_mb']:>5} MB")
        print(f"{'':<10}hit@5 drop {r[name]['hit5_drop']:+.3f} (target ≤ {MAX_DROP}): "
              f"{'ok' if r[name]['within_target'] else 'OVER'}")


if __name__ == "__main__":
    main()
