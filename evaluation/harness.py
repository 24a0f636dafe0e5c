"""`app.py eval`: retrieval (hit@1, hit@5, MRR@10), answers (accuracy, refusals), citation faithfulness, lengths, latency."""
from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path

from answer.contract import answer_to_json
from vntext.normalize import normalize


def _norm(s: str) -> str:
    return " ".join(normalize(s).split()).casefold()


@dataclass
class EvalReport:
    n: int = 0
    answerable: int = 0
    hit1: float = 0.0
    hit5: float = 0.0
    mrr10: float = 0.0
    accuracy: float = 0.0
    refusal_unanswerable: float | None = None
    refusal_answerable: float = 0.0
    short_answer_accuracy: float | None = None  # the must_mention group inside short_answer, on single-fact questions
    short_answer_n: int = 0
    rewrite_accuracy: float | None = None  # conversations: every must_resolve string in asked_as
    faithfulness: float = 1.0
    median_quote_chars: float = 0.0
    median_answer_chars: float = 0.0
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0
    failures: list[str] = field(default_factory=list)


def evidence_rank(retrieved: list[dict], evidence: list[str], depth: int = 10) -> int | None:
    """1-based rank of the first retrieved passage holding one of the evidence strings."""
    ev = [_norm(e) for e in evidence if e.strip()]
    for rank, r in enumerate(retrieved[:depth], 1):
        text = _norm(r["text"])
        if any(e in text for e in ev):
            return rank
    return None


def mentions_all(answer: str, groups: list[list[str]]) -> bool:
    text = _norm(answer)
    return all(any(_norm(alt) in text for alt in group) for group in groups)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


TYPED = {"quantity", "date", "person", "organisation", "place", "documents"}


def evaluate(service, path: Path, text_of, limit: int | None = None, out: Path | None = None) -> EvalReport:
    """Score `service` on a question file; `text_of(doc_id)` gives a document's text (citations are checked
    against it). A line with `turns` is a conversation: its last turn is asked with the others as history."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
    texts: dict[str, str | None] = {}
    short_ok = short_n = rewrites = rewrites_ok = 0
    rep = EvalReport(n=len(items))
    hits1 = hits5 = rr = correct = refused_un = refused_ans = 0
    unanswerable = cites = faithful = 0
    quotes, lengths, latencies = [], [], []
    sink = open(out, "w", encoding="utf-8") if out else None
    for item in items:
        turns = item.get("turns") or [item["question"]]
        ans = service.ask(turns[-1], history=turns[:-1] or item.get("history") or ())
        res = answer_to_json(ans, item.get("id"))
        if item.get("must_resolve") is not None:
            rewrites += 1
            rewrites_ok += all(_norm(x) in _norm(ans.asked_as) for x in item["must_resolve"])
        latencies.append(res["timings_ms"].get("total", 0.0))
        lengths.append(len(res["answer"]))
        for c in ans.citations:
            cites += 1
            if c.doc_id not in texts:
                texts[c.doc_id] = text_of(c.doc_id)
            doc = texts[c.doc_id]
            ok = doc is not None and doc[c.start : c.end] == c.quote
            faithful += ok
            quotes.append(len(c.quote))
        if item.get("answerable", True):
            rep.answerable += 1
            rank = evidence_rank(res["retrieved"], item.get("evidence", []))
            hits1 += rank == 1
            hits5 += rank is not None and rank <= 5
            rr += 1.0 / rank if rank else 0.0
            ok = not ans.abstained and mentions_all(res["answer"], item.get("must_mention", []))
            correct += ok
            kind = item.get("answer_type") or (res["frame"] or {}).get("answer_type")
            if len(item.get("must_mention") or []) == 1 and kind in TYPED:  # a single fact asked
                short_n += 1
                short_ok += bool(ans.short_answer) and mentions_all(ans.short_answer.text, item["must_mention"])
            refused_ans += ans.abstained
            if not ok or not rank or rank > 5:
                rep.failures.append(f"{item.get('id')}: rank={rank} abstained={ans.abstained} q={turns[-1][:80]!r}")
        else:
            unanswerable += 1
            refused_un += ans.abstained
            if not ans.abstained:
                rep.failures.append(f"{item.get('id')}: answered an unanswerable question: {turns[-1][:80]!r}")
        if sink:
            sink.write(json.dumps({**res, "gold": item}, ensure_ascii=False) + "\n")
    if sink:
        sink.close()
    a = max(rep.answerable, 1)
    rep.hit1, rep.hit5, rep.mrr10 = hits1 / a, hits5 / a, rr / a
    rep.accuracy, rep.refusal_answerable = correct / a, refused_ans / a
    rep.refusal_unanswerable = refused_un / unanswerable if unanswerable else None
    rep.faithfulness = faithful / cites if cites else 1.0
    rep.short_answer_n = short_n
    rep.short_answer_accuracy = short_ok / short_n if short_n else None
    rep.rewrite_accuracy = rewrites_ok / rewrites if rewrites else None
    rep.median_quote_chars = statistics.median(quotes) if quotes else 0.0
    rep.median_answer_chars = statistics.median(lengths) if lengths else 0.0
    rep.latency_p50_ms, rep.latency_p95_ms = percentile(latencies, 0.5), percentile(latencies, 0.95)
    return rep


def format_report(rep: EvalReport) -> str:
    d = asdict(rep)
    failures = d.pop("failures")
    lines = [f"{k:>22}: {v:.3f}" if isinstance(v, float) else f"{k:>22}: {v}" for k, v in d.items() if v is not None]
    if failures:
        lines += ["", "misses:"] + [f"  {f}" for f in failures[:40]]
    return "\n".join(lines)
