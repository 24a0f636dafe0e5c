"""Command line and entry point. Thin: parse, build the container from Settings, call a use case, print.

  python app.py                      start the chat page (ingests corpus/ first when there is no index)
  python app.py ingest [PATH ...]    add/update/remove documents (default corpus/); --rebuild starts afresh
  python app.py ask "QUESTION" --json | --questions FILE.jsonl
  python app.py eval FILE.jsonl      retrieval and answer metrics
  python app.py refs [--type T] [--json|--csv]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

QUIET = {"GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="app.py", description="Vietnamese foreign-affairs documents: cited answers.")
    p.add_argument("--data-dir", type=Path, help="index folder (default: settings, ./data)")
    p.add_argument("--host", help="address of the chat page (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port of the chat page (default 7860)")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("serve", help="start the chat page (the default)")
    ing = sub.add_parser("ingest", help="ingest files or folders")
    ing.add_argument("paths", nargs="*", type=Path)
    ing.add_argument("--rebuild", action="store_true", help="delete the index and ingest from scratch")
    ask = sub.add_parser("ask", help="answer one question, or a JSONL file of them")
    ask.add_argument("question", nargs="?")
    ask.add_argument("--json", action="store_true", help="print the JSON contract")
    ask.add_argument("--questions", type=Path,
                     help="JSONL file with {id, question, history?} per line (history: earlier questions, oldest first)")
    ev = sub.add_parser("eval", help="evaluate on a question file (dev.jsonl schema)")
    ev.add_argument("file", type=Path)
    ev.add_argument("--limit", type=int, help="only the first N questions")
    ev.add_argument("--out", type=Path, help="also write per-question results as JSONL")
    refs = sub.add_parser("refs", help="list the regulation index")
    refs.add_argument("--type", help="only this document type (Chỉ thị, directive, ...)")
    fmt = refs.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    return p.parse_args(argv)


def load_settings(args: argparse.Namespace):
    from core.settings import Settings

    overrides = {k: v for k, v in {"data_dir": args.data_dir, "host": args.host, "port": args.port}.items() if v is not None}
    return Settings(**overrides)


def cmd_ingest(container, paths: list[Path], rebuild: bool) -> int:
    from tqdm import tqdm

    if rebuild and container.settings.chroma_host is None:
        shutil.rmtree(container.settings.chroma_dir, ignore_errors=True)
        (container.settings.data_dir / "lexical.pkl").unlink(missing_ok=True)
    bar = tqdm(total=0, unit="file", file=sys.stderr, disable=not sys.stderr.isatty() and os.environ.get("CI") == "true")

    def progress(done: int, total: int, name: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_postfix_str(name[-40:], refresh=True)

    report = container.ingestor(progress).run(paths or [container.settings.corpus_dir])
    bar.close()
    print(report.summary())
    return 0


def cmd_ask(container, args) -> int:
    from answer.contract import answer_to_json

    if args.questions:
        with open(args.questions, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    item = json.loads(line)
                    ans = container.answers.ask(item["question"], history=item.get("history") or ())
                    print(json.dumps(answer_to_json(ans, item.get("id")), ensure_ascii=False), flush=True)
        return 0
    if args.question is None:
        print("ask needs a question or --questions FILE", file=sys.stderr)
        return 2
    ans = container.answers.ask(args.question)
    print(json.dumps(answer_to_json(ans), ensure_ascii=False) if args.json else render_text(ans))
    return 0


def render_text(ans) -> str:
    lines = [ans.answer, ""]
    lines += [f"[{c.n}] {c.title} — {c.source} ({c.start}-{c.end})" for c in ans.citations]
    return "\n".join(lines)


def cmd_eval(container, args) -> int:
    from evaluation.harness import evaluate, format_report

    report = evaluate(container.answers, args.file, limit=args.limit, out=args.out)
    print(format_report(report))
    return 0


def cmd_refs(container, args) -> int:
    print(container.regulations.export(args.type, "json" if args.json else "csv" if args.csv else "table"))
    return 0


def cmd_serve(container) -> int:
    from ui.page import launch

    if not container.store.documents():
        print(f"No index yet: ingesting {container.settings.corpus_dir} first.", file=sys.stderr)
        cmd_ingest(container, [], rebuild=False)
    pending = container.library.reconcile()
    if pending and pending.changed:
        print(f"Finished interrupted uploads:\n{pending.summary()}", file=sys.stderr)
    launch(container)
    return 0


def main(argv: list[str] | None = None) -> int:
    from core.di import Container
    from core.errors import RagError

    for key, value in QUIET.items():  # no telemetry, no model downloads: set before chromadb/gradio are imported
        os.environ.setdefault(key, value)
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        container = Container(load_settings(args))
        if args.command == "ingest":
            return cmd_ingest(container, args.paths, args.rebuild)
        if args.command == "ask":
            return cmd_ask(container, args)
        if args.command == "eval":
            return cmd_eval(container, args)
        if args.command == "refs":
            return cmd_refs(container, args)
        return cmd_serve(container)
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
