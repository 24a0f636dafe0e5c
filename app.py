"""Command line and entry point. Thin: parse, build the container from Settings, call a use case, print.

  python app.py                      start the chat page (ingests corpus/ first when there is no index)
  python app.py ingest [PATH ...]    add/update/remove documents (default corpus/); --rebuild starts afresh
  python app.py ask "QUESTION" --json | --questions FILE.jsonl
  python app.py eval FILE.jsonl      retrieval and answer metrics
  python app.py refs [--type T] [--json|--csv]
  python app.py users add NAME --role reader|admin | list | remove NAME | passwd NAME | key NAME
  python app.py backup DIR | restore DIR     a consistent snapshot while the page serves; bring one back
"""
from __future__ import annotations

import argparse
import json
import os
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
    users = sub.add_parser("users", help="accounts of the page and the API (kept in <data dir>/accounts.json)")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    add = users_sub.add_parser("add", help="add an account; the password is read from standard input")
    add.add_argument("name")
    add.add_argument("--role", choices=["reader", "admin"], required=True)
    users_sub.add_parser("list", help="list the accounts")
    for name, text in (("remove", "remove an account"), ("passwd", "set a new password (read from standard input)"),
                       ("key", "issue a new API key (Bearer token) for the account; the old one stops working")):
        users_sub.add_parser(name, help=text).add_argument("name")
    backup = sub.add_parser("backup", help="write a consistent snapshot of the data folder to DIR (the page may keep serving)")
    backup.add_argument("dir", type=Path)
    restore = sub.add_parser("restore", help="bring back a snapshot made by `backup` (stop the page first)")
    restore.add_argument("dir", type=Path)
    return p.parse_args(argv)


def load_settings(args: argparse.Namespace):
    from core.settings import Settings

    overrides = {k: v for k, v in {"data_dir": args.data_dir, "host": args.host, "port": args.port}.items() if v is not None}
    return Settings(**overrides)


def cmd_ingest(container, paths: list[Path], rebuild: bool) -> int:
    from tqdm import tqdm

    bar = tqdm(total=0, unit="file", file=sys.stderr, disable=not sys.stderr.isatty() and os.environ.get("CI") == "true")

    def progress(done: float, total: int, name: str) -> None:
        bar.total = total
        bar.n = round(done, 2)  # fractional while a scanned PDF is read: one step per OCR'd page
        bar.set_postfix_str(name[-60:], refresh=True)
        if ": OCR page " in name:
            tqdm.write(f"  {name}", file=sys.stderr)  # a line per page, also when the bar is off (CI, pipes)

    ingestor = container.ingestor(progress)
    if rebuild:
        ingestor.reset()
    report = ingestor.run(paths or [container.settings.corpus_dir])
    bar.close()
    print(report.summary())
    return 0


def cmd_ask(container, args) -> int:
    from answer.contract import answer_to_json
    from core.datafolder import check_for_questions, inspect

    check_for_questions(inspect(container.settings))  # before anything opens (and so creates) the index
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

    report = evaluate(container.answers, args.file, container.library.text, limit=args.limit, out=args.out)
    print(format_report(report))
    return 0


def cmd_refs(container, args) -> int:
    print(container.regulations.export(args.type, "json" if args.json else "csv" if args.csv else "table"))
    return 0


def cmd_serve(container) -> int:
    from core.datafolder import PageLock, check_for_serving, inspect
    from ui.page import launch
    from ui.serve import check_host, check_port

    s = container.settings
    first = check_for_serving(inspect(s))
    check_host(container)
    check_port(s.host, s.port)
    lock = PageLock.acquire(s, f"a page on {s.host}:{s.port}")  # noqa: F841 (held while this process serves)
    if first or not container.store.documents():
        print(f"No index yet in {inspect(s).path}: ingesting {s.corpus_dir} first.", file=sys.stderr, flush=True)
        cmd_ingest(container, [], rebuild=False)
    if container.store.read_only is None:
        pending = container.library.reconcile()
        if pending and pending.changed:
            print(f"Finished interrupted uploads:\n{pending.summary()}", file=sys.stderr)
    print(serving_line(container), file=sys.stderr, flush=True)
    launch(container)
    return 0


def serving_line(container) -> str:
    from core.datafolder import inspect

    s, docs = container.settings, container.store.documents()
    access = container.access
    who = (f"{len(access.accounts.list())} account(s), login required" if access.accounts_on
           else "no accounts: this computer only")
    ro = "; read-only, served from a private copy of its index" if container.store.read_only is not None else ""
    return (f"Serving {len(docs)} documents ({sum(r.n_chunks for r in docs)} passages) from the "
            f"{inspect(s).describe()}{ro} at http://{s.host}:{s.port} ({who}).")


def read_password(name: str) -> str:
    """Twice at a terminal (with no echo), once from a pipe (`echo "$PW" | python app.py users add ...`)."""
    import getpass

    from access.accounts import AccountError

    if sys.stdin.isatty():
        first = getpass.getpass(f"Password for {name}: ")
        if getpass.getpass("The same password again: ") != first:
            raise AccountError("the two passwords differ; nothing was changed.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cli_actor():
    """Who runs a CLI command, for the audit trail: cli:<login name>."""
    import getpass

    from access.audit import Actor
    try:
        return Actor(f"cli:{getpass.getuser()}")
    except (KeyError, OSError):  # a uid without a passwd entry (containers)
        return Actor(f"cli:uid-{os.getuid()}")


def cmd_users(container, args) -> int:
    accounts, cmd, name = container.access.accounts, args.users_command, getattr(args, "name", None)
    actor = cli_actor()
    if cmd == "list":
        rows = accounts.list()
        print("\n".join(f"{a.name:24} {a.role:7} created {a.created}{'  api key' if a.has_api_key else ''}" for a in rows)
              or f"no accounts in {container.settings.accounts_path}")
        return 0
    if cmd == "add":
        accounts.add(name, args.role, read_password(name))
        print(f"added {args.role} {name!r} to {container.settings.accounts_path}")
    elif cmd == "passwd":
        accounts.require(name)  # before asking for the password
        accounts.set_password(name, read_password(name))
        print(f"new password set for {name!r}")
    elif cmd == "remove":
        accounts.remove(name)
        print(f"removed {name!r}")
    elif cmd == "key":
        key = accounts.issue_api_key(name)
        print(f"API key for {name!r} (shown once; send it as 'Authorization: Bearer KEY'):\n{key}")
    container.audit.record(actor, f"account.{cmd}", "ok", detail=name + (f" ({args.role})" if cmd == "add" else ""))
    return 0


def cmd_backup(container, args) -> int:
    from components.backup import take_snapshot

    report = take_snapshot(container.settings, container.store, args.dir)
    container.audit.record(cli_actor(), "backup", "ok", file=str(report.path),
                           detail=f"{report.documents} documents")
    print(report.summary())
    return 0


def cmd_restore(container, args) -> int:
    from components.backup import restore_snapshot
    from core.datafolder import PageLock

    lock = PageLock.acquire(container.settings, "a restore")  # refused while a page serves this folder
    try:
        report = restore_snapshot(container.settings, args.dir)
    finally:
        if lock:
            lock.release()
    container.audit.record(cli_actor(), "restore", "ok",
                           file=str(Path(args.dir).resolve()), detail=f"{report.documents} documents")
    print(report.summary())
    if report.reingest:
        print(container.library.reconcile().summary())
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
        run = {"ask": cmd_ask, "eval": cmd_eval, "refs": cmd_refs, "users": cmd_users, "backup": cmd_backup,
               "restore": cmd_restore}.get(args.command)
        return run(container, args) if run else cmd_serve(container)
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
