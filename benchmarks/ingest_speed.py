"""Ingest throughput and peak memory: the bundled corpus and the first N VietNews articles, each into a fresh data
folder with a fresh embedding cache (so every passage is really embedded), plus the unchanged re-run.

    python -m benchmarks.ingest_speed [--vietnews 500]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks.common import ROOT, save, write_vietnews

_SUMMARY = re.compile(r"(\d+) chunks in ([\d.]+) s \(embedding ([\d.]+) s\)")


def run_ingest(data: Path, cache: Path, *paths: Path) -> dict:
    """`app.py ingest PATHS` in a child process: its summary figures, wall time and peak resident memory."""
    cmd = [sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "ingest", *map(str, paths)]
    env = {"RAG_EMBEDDING_CACHE": str(cache), "CI": "true"}
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, cwd=ROOT, env={**__import__("os").environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, proc.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    out = proc.stdout.read()
    wall = time.perf_counter() - t0
    m = _SUMMARY.search(out)
    if not m:
        raise SystemExit(f"ingest failed: {out}")
    chunks, secs, embed = int(m.group(1)), float(m.group(2)), float(m.group(3))
    return {"chunks": chunks, "ingest_s": secs, "embed_s": embed, "wall_s": round(wall, 2),
            "chunks_per_s": round(chunks / secs, 1) if secs else None,
            "non_embedding_share": round(1 - embed / secs, 3) if secs else None, "peak_rss_mb": round(peak / 2**20)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--vietnews", type=int, default=500, help="VietNews articles to ingest (0 to skip)")
    args = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        results["corpus"] = run_ingest(tmp / "d1", tmp / "c1.sqlite", ROOT / "corpus")
        results["corpus_unchanged_rerun"] = run_ingest(tmp / "d1", tmp / "c1.sqlite", ROOT / "corpus")
        if args.vietnews:
            folder = tmp / "vietnews"
            write_vietnews(folder, args.vietnews)
            results[f"vietnews_{args.vietnews}"] = run_ingest(tmp / "d2", tmp / "c2.sqlite", folder)
    print(f"{'set':<26}{'chunks':>8}{'ingest s':>10}{'embed s':>9}{'chunks/s':>10}{'non-embed':>11}{'peak RSS':>10}")
    for name, r in results.items():
        print(f"{name:<26}{r['chunks']:>8}{r['ingest_s']:>10.1f}{r['embed_s']:>9.1f}{r['chunks_per_s'] or 0:>10.1f}"
              f"{(r['non_embedding_share'] or 0):>10.1%}{r['peak_rss_mb']:>8} MB   (wall {r['wall_s']} s)")
    save("ingest_speed", results)


if __name__ == "__main__":
    main()
