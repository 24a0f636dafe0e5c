"""Load test of the running chat page through its API (gradio_client): U concurrent users for a bounded time.

    python -m benchmarks.load [--users 16] [--seconds 60] [--port N] [--url http://127.0.0.1:7860/]

Starts `python app.py --data-dir benchmarks/out/corpus_data --port N` itself (the page ingests corpus/ on first
start; embeddings are cached in benchmarks/out/embedding_cache.sqlite), unless --url names a page already running.
Each user is a thread with its own gradio_client.Client looping: a question from ../shared/eval/dev.jsonl as a new
conversation -> /ask -> the final chat must end with a non-empty assistant answer. Sending stops at the deadline;
the requests in flight are waited for (bounded by --timeout). Then one more question checks the page is still healthy.

  sent      requests submitted
  answered  a final, non-empty assistant answer that is not the page's error message
  errors    the page answered with its error message (a caught failure), listed with the exceptions below
  lost      no final answer: an exception, a timeout, an empty chat, or still unanswered at the end
Latency is from submit to the final answer (queue wait included); `first` is from submit to the first streamed
update (the "searching..." message), i.e. mostly the time spent waiting in the Gradio queue."""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

from benchmarks.common import DEV, OUT, ROOT, pct, questions, save

QUIET = {"GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}
for _k, _v in QUIET.items():
    os.environ.setdefault(_k, _v)

FALLBACK = [  # used when ../shared is absent
    {"id": "f1", "lang": "en", "question": "Which directives govern outbound delegations?"},
    {"id": "f2", "lang": "vi", "question": "Nghị quyết 31/NQ-CP của Chính phủ ban hành ngày nào?"},
    {"id": "f3", "lang": "vi", "question": "Cơ quan nào ban hành Quy định 272-QĐ/TW?"},
    {"id": "f4", "lang": "vi", "question": "Tỉnh Đăk Nông chủ động hội nhập quốc tế như thế nào?"},
    {"id": "f5", "lang": "en", "question": "When was Resolution 31/NQ-CP of the Government issued?"},
    {"id": "f6", "lang": "vi", "question": "nghi quyet 22-NQ/TW ve hoi nhap quoc te ban hanh ngay nao"},
]
LANGS = {"vi": "Tiếng Việt", "en": "English"}


def error_prefixes() -> list[str]:
    """The page's own error messages (both languages), up to their first placeholder."""
    out = []
    for lang in ("vi", "en"):
        strings = json.loads((PROMPTS_DIR / f"ui_{lang}.json").read_text(encoding="utf-8"))
        out += [strings[k].split("{")[0].strip() for k in ("error_rag", "error_other") if k in strings]
    return [p for p in out if p]


def message_text(content) -> str:
    """A chat message's text: a string, or Gradio 6's list of {"type": "text", "text": ...} parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("value") or "")
    if isinstance(content, (list, tuple)):
        return "".join(message_text(c) for c in content)
    return ""


def final_answer(result) -> str:
    """The last assistant message of /ask's final output (chat, box, open-doc dropdown); "" when there is none."""
    chat = result[0] if isinstance(result, (list, tuple)) and result else None
    if not isinstance(chat, list) or not chat or not isinstance(chat[-1], dict) or chat[-1].get("role") != "assistant":
        return ""
    text = message_text(chat[-1].get("content")).strip()
    return text if 'class="answer"' in text else ""  # the streamed "searching..." placeholder is not an answer


class Run:
    """Shared counters and records of one load run (appended from the user threads)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent = 0
        self.records: list[dict] = []
        self.errors: Counter = Counter()

    def add(self, rec: dict) -> None:
        with self.lock:
            self.records.append(rec)
            if rec.get("error"):
                self.errors[rec["error"][:160]] += 1


def ask_once(client, q: dict, timeout: float, prefixes: list[str]) -> dict:
    """One question as a new conversation; a record with status answered / error / lost and the timings."""
    client.reset_session()  # a fresh conversation: no follow-up rewriting, no growing history
    first: list[float] = []  # when the first streamed update arrived
    t0 = time.perf_counter()
    rec = {"id": q.get("id"), "t0": t0}
    try:
        job = client.submit(q["question"], [], [], "", "", LANGS.get(q.get("lang"), LANGS["vi"]), api_name="/ask")
        while True:
            try:
                result = job.result(timeout=0.05)  # returns as soon as the final output is in
                break
            except TimeoutError:
                if not first and job.outputs():  # a streamed update (the "searching..." message) arrived
                    first.append(time.perf_counter())
                if time.perf_counter() - t0 > timeout:
                    job.cancel()
                    return {**rec, "status": "lost", "error": f"timeout after {timeout:.0f} s"}
    except Exception as exc:  # noqa: BLE001 - every failure is a lost request, named in the report
        return {**rec, "status": "lost", "error": f"{type(exc).__name__}: {exc}"}
    done = time.perf_counter()
    rec.update(latency=done - t0, first=(first[0] if first else done) - t0, t1=done)
    answer = final_answer(result)
    if not answer:
        return {**rec, "status": "lost", "error": "no final assistant answer"}
    failed = next((p for p in prefixes if p in answer), None)
    if failed:
        return {**rec, "status": "error", "error": f"page error message: {failed}"}
    return {**rec, "status": "answered", "cited": "[1]" in answer}


def user(run: Run, url: str, qs: list[dict], offset: int, deadline: float, timeout: float, prefixes: list[str]) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
    except Exception as exc:  # noqa: BLE001
        run.add({"status": "client", "error": f"client did not connect: {type(exc).__name__}: {exc}"})
        return
    i = offset
    try:
        while time.perf_counter() < deadline:
            with run.lock:
                run.sent += 1
            run.add(ask_once(client, qs[i % len(qs)], timeout, prefixes))
            i += 1
    finally:
        try:
            client.close()
        except Exception:  # noqa: BLE001
            pass


def wait_up(url: str, proc: subprocess.Popen | None, limit: float, log: Path | None) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        if proc is not None and proc.poll() is not None:
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log else ""
            raise SystemExit(f"the page exited with code {proc.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(url + "config", timeout=5) as r:
                if r.status == 200:
                    return time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the page at {url} did not come up in {limit:.0f} s")


def start_page(data: Path, port: int, log: Path, concurrency: int | None) -> subprocess.Popen:
    env = {**os.environ, **QUIET, "RAG_EMBEDDING_CACHE": str(OUT / "embedding_cache.sqlite")}
    if concurrency:
        env["RAG_CONCURRENCY"] = str(concurrency)
    cmd = [sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


def stop_page(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # its own session: the page and anything it started
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(url: str, qs: list[dict], users: int, seconds: float, timeout: float) -> dict:
    prefixes = error_prefixes()
    run = Run()
    start = time.perf_counter()
    deadline = start + seconds
    threads = [threading.Thread(target=user, args=(run, url, qs, k * 7, deadline, timeout, prefixes), daemon=True)
               for k in range(users)]
    for th in threads:
        th.start()
    for th in threads:  # each in-flight request ends by its own timeout; the margin covers connecting
        th.join(max(0.0, deadline + timeout + 30 - time.perf_counter()))
    stuck = sum(th.is_alive() for th in threads)
    with run.lock:
        recs = list(run.records)
        sent = run.sent
        errors = dict(run.errors)
    by = Counter(r["status"] for r in recs)
    answered = [r for r in recs if r["status"] == "answered"]
    finished = [r for r in recs if "latency" in r]
    lat = [r["latency"] * 1e3 for r in finished]
    first = [r["first"] * 1e3 for r in finished if r.get("first") is not None]
    end = max((r["t1"] for r in finished), default=time.perf_counter())
    wall = max(1e-9, end - start)
    lost = sent - by["answered"] - by["error"]  # includes requests still unanswered when the wait ended
    return {"users": users, "seconds": seconds, "timeout_s": timeout, "sent": sent, "answered": by["answered"],
            "error_answers": by["error"], "lost": lost, "clients_failed": by["client"], "users_stuck": stuck,
            "errors": errors, "cited": sum(bool(r.get("cited")) for r in answered),
            "p50_ms": round(pct(lat, 0.5), 1), "p95_ms": round(pct(lat, 0.95), 1), "max_ms": round(max(lat, default=0), 1),
            "first_p50_ms": round(pct(first, 0.5), 1), "first_p95_ms": round(pct(first, 0.95), 1),
            "wall_s": round(wall, 1), "answered_per_s": round(by["answered"] / wall, 2)}


def health(url: str, timeout: float) -> dict:
    from gradio_client import Client

    client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
    try:
        rec = ask_once(client, {"id": "health", "lang": "en", "question": "Which directives govern outbound delegations?"},
                       timeout, error_prefixes())
    finally:
        client.close()
    return {"ok": rec["status"] == "answered", "cited": bool(rec.get("cited")),
            "latency_ms": round(rec.get("latency", 0) * 1e3, 1), "error": rec.get("error")}


def table(r: dict) -> str:
    rows = [("users", r["users"]), ("seconds", r["seconds"]), ("sent", r["sent"]), ("answered", r["answered"]),
            ("lost", r["lost"]), ("error answers", r["error_answers"]), ("answered with [1]", r["cited"]),
            ("p50 latency ms", r["p50_ms"]), ("p95 latency ms", r["p95_ms"]), ("max latency ms", r["max_ms"]),
            ("first update p50 / p95 ms", f"{r['first_p50_ms']} / {r['first_p95_ms']}"),
            ("answered / s", r["answered_per_s"]), ("page healthy after", r["health"]["ok"]), ("clients failed to connect", r["clients_failed"]),
            ("server tracebacks", r.get("server_tracebacks", "-"))]
    lines = [f"{k:<28}{v}" for k, v in rows]
    lines += [f"error x{n}: {e}" for e, n in sorted(r["errors"].items(), key=lambda x: -x[1])]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--users", type=int, default=16, help="concurrent users (threads, one Client each)")
    ap.add_argument("--seconds", type=float, default=60, help="time during which questions are sent")
    ap.add_argument("--port", type=int, default=0, help="port of the page started here (default: a free one)")
    ap.add_argument("--url", help="load an already running page instead of starting one")
    ap.add_argument("--data-dir", type=Path, default=OUT / "corpus_data", help="index folder of the page started here")
    ap.add_argument("--concurrency", type=int, help="RAG_CONCURRENCY of the page started here (default: settings)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds a request may take before it counts as lost")
    ap.add_argument("--startup", type=float, default=900, help="seconds allowed for the page to start (and ingest)")
    args = ap.parse_args()
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))  # `kill`: stop the page too
    qs = questions(DEV) if DEV.exists() else FALLBACK
    proc, log = None, OUT / "load_server.log"
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        if args.url:
            url = args.url.rstrip("/") + "/"
        else:
            port = args.port or free_port()
            url = f"http://127.0.0.1:{port}/"
            proc = start_page(args.data_dir, port, log, args.concurrency)
        up = wait_up(url, proc, args.startup, log if proc else None)
        print(f"page up at {url} after {up:.1f} s; {args.users} users for {args.seconds:.0f} s "
              f"({len(qs)} questions, load average {os.getloadavg()[0]:.1f})", flush=True)
        health(url, args.timeout)  # warm-up: the first question loads the embedder and the indexes
        load_before = os.getloadavg()[0]
        result = load(url, qs, args.users, args.seconds, args.timeout)
        result["health"] = health(url, args.timeout)
        result["load_average_before"] = round(load_before, 2)
        result["load_average_after"] = round(os.getloadavg()[0], 2)
        result["cpus"] = os.cpu_count()
        if proc is not None:
            result["page_concurrency"] = args.concurrency or _settings_concurrency()
            result["server_tracebacks"] = log.read_text(encoding="utf-8", errors="replace").count("Traceback")
        print(table(result))
        print(f"saved {save('load', result)}")
        ok = not (result["lost"] or result["error_answers"] or result["clients_failed"]) and result["health"]["ok"]
        sys.exit(0 if ok else 1)
    except KeyboardInterrupt:
        print("interrupted: stopping the page", file=sys.stderr, flush=True)
        sys.stdout.flush()
        sys.stderr = open(os.devnull, "w")  # the client threads only have "connection closed" to print now
        stop_page(proc)
        os._exit(130)  # not waiting for the client threads, whose heartbeats would only report the closed page
    finally:
        stop_page(proc)


def _settings_concurrency() -> int:
    from core.settings import PROMPTS_DIR, Settings

    return Settings().concurrency


if __name__ == "__main__":
    main()
