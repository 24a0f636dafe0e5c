"""Workshop quiz from the regulation index: "Which body issued 272-QĐ/TW?", "In which year ...?".

Deterministic for a seed. Options come from the index itself; cards whose sources disagree (two issuers, dates in
different years) are not asked about. After each answer the passage that states the fact is shown.
"""
from __future__ import annotations

import random
from dataclasses import asdict, dataclass

KINDS = ("issuer", "year", "type")
N_OPTIONS = 4


@dataclass(frozen=True)
class Question:
    kind: str  # issuer | year | type
    code: str  # the card's code as displayed ("363-QĐ/TU (Đồng Nai)" for provincial numbering)
    options: tuple[str, ...]
    answer: int  # index into options
    quote: str  # a citing passage that states the fact
    source: str
    doc_type: str | None = None


def _get(obj, name, default=None):
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def _display_code(card) -> str | None:
    code = _get(card, "code")
    if not code:
        return None
    key = _get(card, "key") or code
    _, at, where = key.partition("@")
    return f"{code} ({where})" if at and where else code


def _issuer(card, lang: str, i: int = 0) -> str:
    vi = (_get(card, "issuers") or ())[i]
    en = (_get(card, "issuer_en") or ())
    return f"{vi} ({en[i]})" if lang == "en" and i < len(en) and en[i] else vi


def _doc_type(card, lang: str) -> str | None:
    return (_get(card, "type_en") if lang == "en" else None) or _get(card, "type")


def fact(card, kind: str, lang: str = "vi") -> str | None:
    """The right answer of a question of `kind` about `card`, or None when the index cannot say for sure."""
    if not _display_code(card):
        return None
    if kind == "issuer":
        issuers = _get(card, "issuers") or ()
        return _issuer(card, lang) if len(issuers) == 1 else None
    if kind == "year":
        years = {str(d)[:4] for d in (_get(card, "dates") or ()) if d}
        return years.pop() if len(years) == 1 else None
    if kind == "type":
        flags = " ".join(_get(card, "flags") or ())
        return None if "type word" in flags else _doc_type(card, lang)
    raise ValueError(f"unknown question kind {kind!r}; use one of {KINDS}")


def _passage(card, kind: str, answer: str) -> tuple[str, str]:
    cites = list(_get(card, "citations") or ())
    probe = answer.split(" (")[0]
    best = next((c for c in cites if probe and probe in (_get(c, "quote") or "")), cites[0] if cites else None)
    return ((_get(best, "quote") or "", _get(best, "source") or "") if best else ("", ""))


def _distractors(rng: random.Random, right: str, pool: list[str], kind: str) -> list[str]:
    others = sorted({p for p in pool if p and p != right})
    rng.shuffle(others)
    picked = others[:N_OPTIONS - 1]
    if kind == "year" and len(picked) < N_OPTIONS - 1:  # few dated documents: neighbouring years
        near = [str(int(right) + d) for d in (-1, 1, -2, 2, -3, 3, -4, 4) if str(int(right) + d) not in picked]
        picked += near[:N_OPTIONS - 1 - len(picked)]
    return picked


def eligible(cards, kind: str, doc_type: str | None = None, lang: str = "vi") -> list:
    out = []
    for c in cards:
        if doc_type and doc_type not in (_get(c, "type"), _get(c, "type_en")):
            continue
        if fact(c, kind, lang) is not None:
            out.append(c)
    return out


def make_quiz(cards, n: int = 5, seed: int = 0, kinds: tuple[str, ...] = ("issuer", "year"),
              doc_type: str | None = None, lang: str = "vi") -> list[Question]:
    """Up to `n` questions of the given kinds about cards of `doc_type` (any type when None); same seed, same quiz."""
    rng = random.Random(seed)
    cards = sorted(cards, key=lambda c: _get(c, "key") or _get(c, "code") or "")
    candidates = [(k, c) for k in kinds for c in eligible(cards, k, doc_type, lang)]
    rng.shuffle(candidates)
    questions, asked = [], set()
    for kind, card in candidates:
        if len(questions) >= n:
            break
        code = _display_code(card)
        if (code, kind) in asked:
            continue
        right = fact(card, kind, lang)
        pool = [fact(c, kind, lang) for c in cards]
        if kind == "issuer":
            pool = [_issuer(c, lang, i) for c in cards for i in range(len(_get(c, "issuers") or ()))]
        wrong = _distractors(rng, right, pool, kind)
        if len(wrong) < 2:
            continue
        options = wrong + [right]
        rng.shuffle(options)
        quote, source = _passage(card, kind, right)
        questions.append(Question(kind, code, tuple(options), options.index(right), quote, source, _get(card, "type")))
        asked.add((code, kind))
    return questions


def types_of(cards) -> list[str]:
    return sorted({t for c in cards if (t := _get(c, "type"))})


# ---- a quiz in progress, as a plain dict (kept in gr.State)
def start(questions: list[Question]) -> dict:
    return {"questions": [asdict(q) for q in questions], "i": 0, "score": 0, "answered": False}


def current(state: dict) -> dict | None:
    qs = (state or {}).get("questions") or []
    return qs[state["i"]] if state and state["i"] < len(qs) else None


def answer(state: dict, choice: str | None) -> tuple[dict, bool | None]:
    """Record the answer to the current question; (new state, correct?) — None when nothing to answer."""
    q = current(state)
    if q is None or state["answered"] or choice is None:
        return state, None
    ok = choice == q["options"][q["answer"]]
    return {**state, "score": state["score"] + ok, "answered": True}, ok


def advance(state: dict) -> dict:
    if current(state) is None or not state["answered"]:
        return state
    return {**state, "i": state["i"] + 1, "answered": False}


def finished(state: dict) -> bool:
    return bool(state and state.get("questions")) and current(state) is None


def question_text(q: dict | Question, lang: str) -> str:
    from ui.i18n import t

    q = asdict(q) if isinstance(q, Question) else q
    return t(lang, f"quiz_q_{q['kind']}", code=q["code"])


def build_workshop_tab(get_cards, lang0: str, rl, lang):
    """Workshop tab (inside an open gr.Tab). get_cards() -> regulation cards, or None when there is no index."""
    import gradio as gr

    from ui.i18n import lang_of, t
    from ui.render import esc

    kind_choices = [("issuer", ("issuer",)), ("year", ("year",)), ("type", ("type",)), ("mixed", KINDS)]
    rl.add(gr.Markdown(t(lang0, "quiz_intro")), value="quiz_intro")
    with gr.Row():
        dtype = rl.add(gr.Dropdown([], label=t(lang0, "quiz_type"), elem_id="quiz-type"), label="quiz_type")
        def kind_labels(lg):
            return [(t(lg, f"quiz_kind_{k}"), k) for k, _ in kind_choices]
        kind = rl.add(gr.Dropdown(kind_labels(lang0), value="mixed", label=t(lang0, "quiz_kind"), elem_id="quiz-kind"),
                      label="quiz_kind", choices=kind_labels)
        n = rl.add(gr.Slider(1, 15, value=5, step=1, label=t(lang0, "quiz_n")), label="quiz_n")
        seed = rl.add(gr.Number(1, precision=0, label=t(lang0, "quiz_seed")), label="quiz_seed")
    start_btn = rl.add(gr.Button(t(lang0, "quiz_start"), variant="primary", elem_id="quiz-start"), value="quiz_start")
    state = gr.State({})
    question = gr.HTML("", elem_id="quiz-question", js_on_load=None)
    options = gr.Radio([], show_label=False, elem_id="quiz-options", visible=False)
    with gr.Row():
        check_btn = rl.add(gr.Button(t(lang0, "quiz_check"), elem_id="quiz-check"), value="quiz_check")
        next_btn = rl.add(gr.Button(t(lang0, "quiz_next"), elem_id="quiz-next"), value="quiz_next")
    result = gr.HTML("", elem_id="quiz-result", js_on_load=None)
    score = gr.Markdown("", elem_id="quiz-score")

    def show(st, lg):
        q = current(st)
        total = len(st.get("questions", []))
        sc = t(lg, "quiz_score", score=st.get("score", 0), total=total) if total else ""
        if q is None:
            done = t(lg, "quiz_done", score=st.get("score", 0), total=total) if total else t(lg, "quiz_none")
            return st, f"<p><b>{esc(done)}</b></p>", gr.update(choices=[], value=None, visible=False), "", sc
        head = f'<p class="quiz-n">{st["i"] + 1}/{total}</p><h3>{esc(question_text(q, lg))}</h3>'
        return st, head, gr.update(choices=list(q["options"]), value=None, visible=True), "", sc

    def begin(doc_type, kind_name, count, seed_value, lang_choice):
        lg = lang_of(lang_choice)
        cards = get_cards()
        if not cards:
            return {}, f"<p>{esc(t(lg, 'quiz_no_index'))}</p>", gr.update(visible=False), "", ""
        kinds = dict(kind_choices).get(kind_name, KINDS)
        qs = make_quiz(cards, int(count or 5), int(seed_value or 0), kinds, doc_type or None, lg)
        return show(start(qs), lg)

    def check(choice, st, lang_choice):
        lg = lang_of(lang_choice)
        st, ok = answer(st, choice)
        if ok is None:
            return st, gr.update(), gr.update()
        q = current(st)
        verdict = t(lg, "quiz_right") if ok else t(lg, "quiz_wrong", answer=q["options"][q["answer"]])
        passage = (f'<blockquote class="cite-para">{esc(q["quote"])}</blockquote><div class="cite-source">{esc(q["source"])}</div>'
                   if q["quote"] else "")
        total = len(st["questions"])
        return st, f'<p class="quiz-{"right" if ok else "wrong"}"><b>{esc(verdict)}</b></p>{passage}', \
            t(lg, "quiz_score", score=st["score"], total=total)

    start_btn.click(begin, [dtype, kind, n, seed, lang], [state, question, options, result, score])
    check_btn.click(check, [options, state, lang], [state, result, score])
    next_btn.click(lambda st, lc: show(advance(st), lang_of(lc)), [state, lang], [state, question, options, result, score])

    def refresh(lang_choice):
        cards = get_cards() or []
        return gr.update(choices=[("—", "")] + [(x, x) for x in types_of(cards)], value="")
    return refresh, [dtype]
