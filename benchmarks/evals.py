"""Every evaluation set in one run, as README's results table: `python -m benchmarks.evals`.

dev (../shared/eval/dev.jsonl) and our own questions (evaluation/data: the tuning and held-out halves, the legal
texts, the conversations) on the bundled corpus; ALQAC (728) on its 17 laws; ALQAC leave-laws-out on the two folds
of benchmarks/answerability.py (questions of the laws left out count as unanswerable). Indexes and the embedding
cache are shared with that benchmark (benchmarks/out/answerability/)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks.answerability import DATA, WORK, container_for, question_sets
from benchmarks.common import ALQAC_Q, DEV, OUT, save
from evaluation.harness import evaluate

SETS = [  # (name, index, file or a question_sets() name, split)
    ("dev", "corpus", DEV, "dev"),
    ("ours: tuning half", "corpus", DATA / "dev_extra_tune.jsonl", "tune"),
    ("ours: held-out half", "corpus", DATA / "dev_extra_heldout.jsonl", "held-out"),
    ("fresh: tuning half", "corpus", DATA / "dev_fresh_tune.jsonl", "tune"),
    ("fresh: held-out half", "corpus", DATA / "dev_fresh_heldout.jsonl", "held-out"),
    ("fresh 2: tuning", "corpus", DATA / "dev_fresh2_tune.jsonl", "tune"),
    ("fresh 3: tuning", "corpus", DATA / "dev_fresh3_tune.jsonl", "tune"),
    ("fresh 4: tuning half", "corpus", DATA / "dev_fresh4_tune.jsonl", "tune"),
    ("fresh 4: held-out half", "corpus", DATA / "dev_fresh4_heldout.jsonl", "held-out"),
    ("fresh 5: tuning half", "corpus", DATA / "dev_fresh5_tune.jsonl", "tune"),
    ("fresh 5: held-out half", "corpus", DATA / "dev_fresh5_heldout.jsonl", "held-out"),
    ("legal texts: tuning", "corpus_legal", DATA / "legal_questions_tune.jsonl", "tune"),
    ("legal texts: held-out", "corpus_legal", DATA / "legal_questions_heldout.jsonl", "held-out"),
    ("legal texts fresh 2: tuning", "corpus_legal", DATA / "legal_questions_fresh2_tune.jsonl", "tune"),
    ("legal texts fresh 4: tuning", "corpus_legal", DATA / "legal_questions_fresh4_tune.jsonl", "tune"),
    ("legal texts fresh 5: tuning", "corpus_legal", DATA / "legal_questions_fresh5_tune.jsonl", "tune"),
    ("conversations: tuning", "corpus", DATA / "conversations_tune.jsonl", "tune"),
    ("conversations: held-out", "corpus", DATA / "conversations_heldout.jsonl", "held-out"),
    ("conversations fresh: tuning", "corpus", DATA / "conversations_fresh_tune.jsonl", "tune"),
    ("conversations fresh: held-out", "corpus", DATA / "conversations_fresh_heldout.jsonl", "held-out"),
    ("conversations fresh 2: tuning", "corpus", DATA / "conversations_fresh2_tune.jsonl", "tune"),
    ("conversations fresh 3: tuning", "corpus", DATA / "conversations_fresh3_tune.jsonl", "tune"),
    ("conversations fresh 4: tuning half", "corpus", DATA / "conversations_fresh4_tune.jsonl", "tune"),
    ("conversations fresh 4: held-out half", "corpus", DATA / "conversations_fresh4_heldout.jsonl", "held-out"),
    ("conversations fresh 5: tuning half", "corpus", DATA / "conversations_fresh5_tune.jsonl", "tune"),
    ("conversations fresh 5: held-out half", "corpus", DATA / "conversations_fresh5_heldout.jsonl", "held-out"),
    ("conversations fresh 6: tuning half", "corpus", DATA / "conversations_fresh6_tune.jsonl", "tune"),
    ("conversations fresh 6: held-out half", "corpus", DATA / "conversations_fresh6_heldout.jsonl", "held-out"),
    ("fresh 7: tuning half", "corpus", DATA / "dev_fresh7_tune.jsonl", "tune"),
    ("fresh 7: held-out half", "corpus", DATA / "dev_fresh7_heldout.jsonl", "held-out"),
    ("legal texts fresh 7: tuning half", "corpus_legal", DATA / "legal_questions_fresh7_tune.jsonl", "tune"),
    ("legal texts fresh 7: held-out half", "corpus_legal", DATA / "legal_questions_fresh7_heldout.jsonl", "held-out"),
    ("conversations fresh 7: tuning half", "corpus", DATA / "conversations_fresh7_tune.jsonl", "tune"),
    ("conversations fresh 7: held-out half", "corpus", DATA / "conversations_fresh7_heldout.jsonl", "held-out"),
    ("fresh 8 (all held out)", "corpus", DATA / "dev_fresh8_heldout.jsonl", "held-out"),
    ("conversations fresh 8 (all held out)", "corpus", DATA / "conversations_fresh8_heldout.jsonl", "held-out"),
    ("fresh 9: tuning half", "corpus", DATA / "dev_fresh9_tune.jsonl", "tune"),
    ("fresh 9: held-out half", "corpus", DATA / "dev_fresh9_heldout.jsonl", "held-out"),
    ("legal texts fresh 9: tuning half", "corpus_legal", DATA / "legal_questions_fresh9_tune.jsonl", "tune"),
    ("legal texts fresh 9: held-out half", "corpus_legal", DATA / "legal_questions_fresh9_heldout.jsonl", "held-out"),
    ("conversations fresh 9: tuning half", "corpus", DATA / "conversations_fresh9_tune.jsonl", "tune"),
    ("conversations fresh 9: held-out half", "corpus", DATA / "conversations_fresh9_heldout.jsonl", "held-out"),
    ("fresh 10: tuning half", "corpus", DATA / "dev_fresh10_tune.jsonl", "tune"),
    ("fresh 10: held-out half", "corpus", DATA / "dev_fresh10_heldout.jsonl", "held-out"),
    ("legal texts fresh 10: tuning half", "corpus_legal", DATA / "legal_questions_fresh10_tune.jsonl", "tune"),
    ("legal texts fresh 10: held-out half", "corpus_legal", DATA / "legal_questions_fresh10_heldout.jsonl", "held-out"),
    ("conversations fresh 10: tuning half", "corpus", DATA / "conversations_fresh10_tune.jsonl", "tune"),
    ("conversations fresh 10: held-out half", "corpus", DATA / "conversations_fresh10_heldout.jsonl", "held-out"),
    ("fresh 11: tuning half", "corpus", DATA / "dev_fresh11_tune.jsonl", "tune"),
    ("fresh 11: held-out half", "corpus", DATA / "dev_fresh11_heldout.jsonl", "held-out"),
    ("legal texts fresh 11: tuning half", "corpus_legal", DATA / "legal_questions_fresh11_tune.jsonl", "tune"),
    ("legal texts fresh 11: held-out half", "corpus_legal", DATA / "legal_questions_fresh11_heldout.jsonl", "held-out"),
    ("conversations fresh 11: tuning half", "corpus", DATA / "conversations_fresh11_tune.jsonl", "tune"),
    ("conversations fresh 11: held-out half", "corpus", DATA / "conversations_fresh11_heldout.jsonl", "held-out"),
    ("fresh 12: tuning half", "corpus", DATA / "dev_fresh12_tune.jsonl", "tune"),
    ("fresh 12: held-out half", "corpus", DATA / "dev_fresh12_heldout.jsonl", "held-out"),
    ("conversations fresh 12: tuning half", "corpus", DATA / "conversations_fresh12_tune.jsonl", "tune"),
    ("conversations fresh 12: held-out half", "corpus", DATA / "conversations_fresh12_heldout.jsonl", "held-out"),
    ("fresh 13: tuning half", "corpus", DATA / "dev_fresh13_tune.jsonl", "tune"),
    ("fresh 13: held-out half", "corpus", DATA / "dev_fresh13_heldout.jsonl", "held-out"),
    ("legal texts fresh 13: tuning half", "corpus_legal", DATA / "legal_questions_fresh13_tune.jsonl", "tune"),
    ("legal texts fresh 13: held-out half", "corpus_legal", DATA / "legal_questions_fresh13_heldout.jsonl", "held-out"),
    ("conversations fresh 13: tuning half", "corpus", DATA / "conversations_fresh13_tune.jsonl", "tune"),
    ("conversations fresh 13: held-out half", "corpus", DATA / "conversations_fresh13_heldout.jsonl", "held-out"),
    ("fresh 14: tuning half", "corpus", DATA / "dev_fresh14_tune.jsonl", "tune"),
    ("fresh 14: held-out half", "corpus", DATA / "dev_fresh14_heldout.jsonl", "held-out"),
    ("legal texts fresh 14: tuning half", "corpus_legal", DATA / "legal_questions_fresh14_tune.jsonl", "tune"),
    ("legal texts fresh 14: held-out half", "corpus_legal", DATA / "legal_questions_fresh14_heldout.jsonl", "held-out"),
    ("conversations fresh 14: tuning half", "corpus", DATA / "conversations_fresh14_tune.jsonl", "tune"),
    ("conversations fresh 14: held-out half", "corpus", DATA / "conversations_fresh14_heldout.jsonl", "held-out"),
    ("ALQAC (728)", "alqac", ALQAC_Q, "public"),
    ("ALQAC leave-laws-out fold 1", "alqac_f1", "alqac_f1", "fit fold"),
    ("ALQAC leave-laws-out fold 2", "alqac_f2", "alqac_f2", "held-out fold"),
    ("ALQAC near-miss variants", "alqac", DATA / "alqac_nearmiss.jsonl", "unanswerable"),
]
COLUMNS = ("hit1", "hit5", "mrr10", "accuracy", "short_answer_accuracy", "refusal_unanswerable",
           "refusal_answerable", "rewrite_accuracy", "faithfulness", "latency_p50_ms", "latency_p95_ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=OUT / "embedding_cache.sqlite")
    ap.add_argument("--only", nargs="*", help="names of the sets to run (default: all)")
    args = ap.parse_args()
    relabelled = {name: items for name, _, _, items in question_sets() if name.startswith("alqac_f")}
    containers, results = {}, {}
    for name, index, source, split in SETS:
        if args.only and name not in args.only:
            continue
        if index not in containers:
            containers[index] = container_for(index, args.cache)
        c = containers[index]
        if isinstance(source, str):  # a relabelled leave-laws-out set
            path = WORK / f"{source}.jsonl"
            path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in relabelled[source]) + "\n", encoding="utf-8")
        else:
            path = source
        rep = evaluate(c.answers, path, c.library.text, out=WORK / f"eval_{index}_{Path(path).stem}.jsonl")
        results[name] = {"split": split, "n": rep.n, **{k: getattr(rep, k) for k in COLUMNS}}
        print(f"{name}: done", flush=True)
    fmt = lambda v: "–" if v is None else f"{v:.3f}" if isinstance(v, float) and v <= 1 else f"{v:.0f}"  # noqa: E731
    print("\n| set | split | n | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 3) + "|")
    for name, r in results.items():
        print(f"| {name} | {r['split']} | {r['n']} | " + " | ".join(fmt(r[k]) for k in COLUMNS) + " |")
    save("evals", results)


if __name__ == "__main__":
    main()
