"""A workshop round in progress, as a plain dict kept in gr.State: the questions, the teams and their points, which
question is on screen and whether its answer is shown. Pure functions; the tab renders the state."""
from __future__ import annotations

import re
from dataclasses import asdict, is_dataclass

MAX_TEAMS = 8


def parse_teams(text: str | None, default: list[str]) -> list[str]:
    """Team names from "Đội A, Đội B" (commas, semicolons or new lines); `default` when none is given."""
    names = [" ".join(x.split()) for x in re.split(r"[,;\n]", text or "")]
    names = list(dict.fromkeys(x[:40] for x in names if x))
    return names[:MAX_TEAMS] or list(default)


def start(questions, teams: list[str], number: int, seconds: int) -> dict:
    qs = [asdict(q) if is_dataclass(q) else dict(q) for q in questions]
    return {"questions": qs, "teams": list(teams), "number": int(number), "seconds": max(0, int(seconds)), "i": 0,
            "revealed": False, "correct": [None] * len(qs)}


def again(state: dict) -> dict:
    """The same questions from the first one, every team back to nought."""
    return start(state.get("questions", []), state.get("teams", []), state.get("number", 1), state.get("seconds", 0))


def current(state: dict) -> dict | None:
    qs = (state or {}).get("questions") or []
    return qs[state["i"]] if state and state["i"] < len(qs) else None


def reveal(state: dict) -> dict:
    return {**state, "revealed": True} if current(state) else state


def award(state: dict, teams: list[str] | None) -> dict:
    """The teams that answered the question on screen rightly (replacing an earlier choice for it)."""
    if current(state) is None or not state["revealed"]:
        return state
    correct = list(state["correct"])
    correct[state["i"]] = [x for x in state["teams"] if x in (teams or [])]
    return {**state, "correct": correct}


def advance(state: dict) -> dict:
    if current(state) is None or not state["revealed"]:
        return state
    return {**state, "i": state["i"] + 1, "revealed": False}


def finished(state: dict) -> bool:
    return bool(state and state.get("questions")) and current(state) is None


def scores(state: dict) -> list[tuple[str, int]]:
    """(team, points), best first; ties keep the order the teams were given in."""
    points = {x: 0 for x in (state or {}).get("teams", [])}
    for got in (state or {}).get("correct", []):
        for x in got or []:
            points[x] = points.get(x, 0) + 1
    return sorted(points.items(), key=lambda kv: -kv[1])
