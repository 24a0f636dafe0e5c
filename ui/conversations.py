"""A user's conversations, kept in their own browser (gr.BrowserState, encrypted localStorage; nothing on the server).

The stored value is a plain JSON dict: {"v": 1, "current": id | None, "items": [{id, title, updated, turns}]}, newest
first. Turns are kept as the page records them (question, answer, citations, ...) without their rendered HTML,
which is rebuilt when a conversation is reopened. Everything read back is checked: the value comes from the browser.
"""
from __future__ import annotations

import time
import uuid

from core.types import Answer, Citation, ShortAnswer, Turn

VERSION = 1
MAX_CONVERSATIONS = 30  # localStorage holds ~5 MB per site: 30 conversations of 40 turns fit with room to spare
MAX_TURNS = 40
TITLE_CHARS = 60
MAX_TEXT_CHARS = 4000  # of a stored question or answer: twice what the service answers (settings.max_question_chars)
TURN_FIELDS = ("question", "answer", "citations", "mode", "error", "note", "abstained", "asked_as", "references",
               "short_answer")


def empty() -> dict:
    return {"v": VERSION, "current": None, "items": []}


def load(value) -> dict:
    """The stored value, or an empty store when it is missing, from another version or malformed."""
    if not isinstance(value, dict) or value.get("v") != VERSION or not isinstance(value.get("items"), list):
        return empty()
    items = [i for i in value["items"] if isinstance(i, dict) and isinstance(i.get("id"), str)
             and isinstance(i.get("turns"), list)]
    current = value.get("current") if any(i["id"] == value.get("current") for i in items) else None
    return {"v": VERSION, "current": current, "items": items}


def _stored_turn(turn: dict) -> dict:
    out = {k: turn[k] for k in TURN_FIELDS if k in turn}
    for k in ("question", "answer"):  # a 100,000-character paste is not kept whole (nor answered whole)
        if isinstance(out.get(k), str) and len(out[k]) > MAX_TEXT_CHARS:
            out[k] = out[k][:MAX_TEXT_CHARS] + "…"
    return out


def title_of(turns: list[dict]) -> str:
    q = " ".join(str(turns[0].get("question", "")).split()) if turns else ""
    return q if len(q) <= TITLE_CHARS else q[:TITLE_CHARS - 1].rstrip() + "…"


def save(store: dict, conv_id: str | None, turns: list[dict]) -> tuple[dict, str]:
    """Store `turns` as conversation `conv_id` (a new one when None) and make it the current one, newest first."""
    store = load(store)
    now = time.strftime("%Y-%m-%d %H:%M")
    old = next((i for i in store["items"] if i["id"] == conv_id), None) if conv_id else None
    conv_id = conv_id if old else uuid.uuid4().hex[:12]
    item = {"id": conv_id, "title": (old or {}).get("title") or title_of(turns), "updated": now,
            "turns": [_stored_turn(t) for t in turns[-MAX_TURNS:]]}
    items = [item] + [i for i in store["items"] if i["id"] != conv_id]
    return {"v": VERSION, "current": conv_id, "items": items[:MAX_CONVERSATIONS]}, conv_id


def find(store: dict, conv_id: str | None) -> dict | None:
    return next((i for i in load(store)["items"] if i["id"] == conv_id), None) if conv_id else None


def rename(store: dict, conv_id: str | None, title: str) -> dict:
    store, title = load(store), " ".join((title or "").split())[:TITLE_CHARS * 2]
    for item in store["items"]:
        if item["id"] == conv_id and title:
            item["title"] = title
    return store


def delete(store: dict, conv_id: str | None) -> dict:
    store = load(store)
    store["items"] = [i for i in store["items"] if i["id"] != conv_id]
    if store["current"] == conv_id:
        store["current"] = None
    return store


def choose(store: dict, conv_id: str | None) -> dict:
    store = load(store)
    store["current"] = conv_id if any(i["id"] == conv_id for i in store["items"]) else None
    return store


def choices(store: dict, lang: str = "vi") -> list[tuple[str, str]]:
    """(label, id) per conversation, newest first, for the side panel's list: title, questions asked, last change."""
    from ui.i18n import t

    return [(f"{i.get('title') or '…'} · {t(lang, 'conv_turns', n=len(i['turns']))} · {i.get('updated', '')}", i["id"])
            for i in load(store)["items"]]


def restored_turns(item: dict | None) -> list[dict]:
    """The turns of a stored conversation, each with the fields the page relies on."""
    out = []
    for t in (item or {}).get("turns", []):
        if isinstance(t, dict) and isinstance(t.get("question"), str):
            cites = [c for c in t.get("citations") or [] if isinstance(c, dict)]
            out.append({"answer": "", "mode": "", "error": False, **_stored_turn(t), "citations": cites})
    return out


def history(turns: list[dict]) -> list[Turn | str]:
    """The earlier turns as the answer service takes them: each question with the answer given (its documents,
    citations and short answer), or the bare question when a stored answer cannot be read back."""
    out: list[Turn | str] = []
    for t in turns:
        if t.get("error"):
            continue
        try:
            sa = t.get("short_answer")
            answer = Answer(t["question"], t.get("answer", ""), bool(t.get("abstained")),
                            [Citation(**c) for c in t.get("citations", [])], [], references=list(t.get("references") or []),
                            asked_as=t.get("asked_as") or "", short_answer=ShortAnswer(**sa) if sa else None,
                            mode=t.get("mode") or "extractive")
            out.append(Turn(t["question"], answer))
        except (TypeError, KeyError):
            out.append(t["question"])
    return out
