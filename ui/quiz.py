"""The workshop tab: a presenter view for a room (large type, a countdown per question, reveal with the passage that
states the answer, teams and a scoreboard), an end-of-round review, "same questions again", and the round as a
printable sheet. The questions come from container.regulations.quiz (regulations/quiz.py)."""
from __future__ import annotations

import logging
import random

import gradio as gr

from ui import round as rnd
from ui.finder import type_choices
from ui.i18n import lang_of, strings, t
from ui.render import esc
from ui.sheet import LETTERS, write_sheet

log = logging.getLogger(__name__)
KIND_CHOICES = {"mixed": None, "content": ("blank", "which"), "issuer": ("issuer",), "year": ("year",)}
MAX_NUMBER = 9999


def question_text(q: dict, lang: str) -> str:
    """The question as read out: "Cơ quan nào ban hành 272-QĐ/TW?", "Văn bản nào có nội dung “…”?"."""
    return t(lang, f"quiz_q_{q['kind']}", code=q["code"], text=q.get("text", ""))


def passage_html(q: dict, lang: str) -> str:
    where = ", ".join(x for x in (q.get("title"), q.get("locality")) if x)
    source = f'<div class="cite-source">{esc(t(lang, "quiz_source"))}: {esc(where)}</div>' if where else ""
    return f'<blockquote class="cite-para">{esc(q["quote"])}</blockquote>{source}' if q.get("quote") else source


def stage_html(state: dict, lang: str) -> str:
    """The question on screen: number, prompt, the passage with its blank, options A-D, and the countdown (or,
    once revealed, the right option marked)."""
    q, total = rnd.current(state), len(state.get("questions", []))
    if q is None:
        return ""
    sentence = f'<p class="quiz-sentence">{esc(q["text"])}</p>' if q["kind"] == "blank" else ""
    items = "".join(f'<li class="{"right" if state["revealed"] and j == q["answer"] else ""}">{esc(o)}</li>'
                    for j, o in enumerate(q["options"]))
    clock = ""
    if state.get("seconds") and not state["revealed"]:
        clock = (f'<div class="quiz-countdown cd-{int(state["seconds"])}"><span class="cd-num">{int(state["seconds"])}</span>'
                 f'<span class="cd-end">{esc(t(lang, "quiz_time_up"))}</span></div>')
    return (f'<p class="quiz-n">{esc(t(lang, "quiz_progress", i=state["i"] + 1, total=total))}</p>{clock}'
            f'<p class="quiz-prompt">{esc(question_text(q, lang))}</p>{sentence}<ol class="quiz-options">{items}</ol>')


def board_html(state: dict, lang: str) -> str:
    rows = "".join(f"<tr><td>{esc(team)}</td><td>{n}</td></tr>" for team, n in rnd.scores(state))
    return (f'<table class="quiz-board"><tr><th>{esc(t(lang, "quiz_team"))}</th><th>{esc(t(lang, "quiz_points"))}</th></tr>'
            f"{rows}</table>") if rows else ""


def review_html(state: dict, lang: str) -> str:
    """Every question of the round with its answer, who got it, and the passage and document that state it."""
    items = []
    for i, q in enumerate(state.get("questions", [])):
        got = (state.get("correct") or [None] * (i + 1))[i] or []
        who = f'<div class="quiz-who">{esc(t(lang, "quiz_right_teams"))}: {esc(", ".join(got) or "—")}</div>'
        sentence = f"<div><i>{esc(q['text'])}</i></div>" if q["kind"] == "blank" else ""
        items.append(f"<li><b>{esc(question_text(q, lang))}</b>{sentence}<div>{esc(t(lang, 'quiz_answer'))}: "
                     f"<b>{LETTERS[q['answer']]}. {esc(q['options'][q['answer']])}</b></div>{who}{passage_html(q, lang)}</li>")
    top = rnd.scores(state)
    winner = t(lang, "quiz_winner", team=top[0][0], n=top[0][1]) if top and (len(top) == 1 or top[0][1] > top[1][1]) else \
        t(lang, "quiz_tie")
    return (f'<h3>{esc(t(lang, "quiz_review"))}</h3><p><b>{esc(winner)}</b></p>{board_html(state, lang)}'
            f'<ol class="quiz-review">{"".join(items)}</ol>')


def build_workshop_tab(container, lang0: str, rl, lang):
    """The workshop's content (inside an open gr.Tab). Returns (refresh fn, its outputs) for page load."""
    regs = container.regulations

    def kind_labels(lg):
        return [(t(lg, f"quiz_kind_{k}"), k) for k in KIND_CHOICES]

    rl.add(gr.Markdown(t(lang0, "quiz_intro")), value="quiz_intro")
    with gr.Accordion(t(lang0, "quiz_setup"), open=True, elem_id="quiz-setup") as setup:
        rl.add(setup, label="quiz_setup")
        with gr.Row():
            dtype = rl.add(gr.Dropdown([], label=t(lang0, "quiz_type"), elem_id="quiz-type", min_width=150), label="quiz_type")
            kind = rl.add(gr.Dropdown(kind_labels(lang0), value="mixed", label=t(lang0, "quiz_kind"), elem_id="quiz-kind",
                                      min_width=150), label="quiz_kind", choices=kind_labels)
            n = rl.add(gr.Slider(1, 15, value=5, step=1, label=t(lang0, "quiz_n"), min_width=150), label="quiz_n")
            seconds = rl.add(gr.Slider(0, 120, value=30, step=5, label=t(lang0, "quiz_seconds"), elem_id="quiz-seconds",
                                       min_width=150), label="quiz_seconds")
        with gr.Row():
            teams = rl.add(gr.Textbox(t(lang0, "quiz_default_teams"), label=t(lang0, "quiz_teams"), elem_id="quiz-teams",
                                      scale=3, min_width=200), label="quiz_teams")
            number = rl.add(gr.Number(1, precision=0, minimum=1, maximum=MAX_NUMBER, label=t(lang0, "quiz_number"),
                                      elem_id="quiz-number", scale=1, min_width=120), label="quiz_number")
        with gr.Row():
            start_btn = rl.add(gr.Button(t(lang0, "quiz_start"), variant="primary", elem_id="quiz-start"), value="quiz_start")
            new_btn = rl.add(gr.Button(t(lang0, "quiz_new"), elem_id="quiz-new"), value="quiz_new")
    with gr.Row():
        sheet_btn = rl.add(gr.Button(t(lang0, "quiz_sheet"), size="sm", elem_id="quiz-sheet"), value="quiz_sheet")
        rl.add(gr.Button(t(lang0, "quiz_fullscreen"), size="sm", elem_id="quiz-fullscreen"), value="quiz_fullscreen")
    sheet_file = rl.add(gr.File(label=t(lang0, "quiz_sheet_file"), elem_id="quiz-sheet-file", visible=False),
                        label="quiz_sheet_file")
    state = gr.State({})
    with gr.Column(elem_id="quiz-stage"):
        stage = gr.HTML("", elem_id="quiz-question", js_on_load=None)
        result = gr.HTML("", elem_id="quiz-result", js_on_load=None)
        correct = rl.add(gr.CheckboxGroup([], label=t(lang0, "quiz_correct"), elem_id="quiz-correct", visible=False),
                         label="quiz_correct")
        with gr.Row():
            reveal_btn = rl.add(gr.Button(t(lang0, "quiz_reveal"), variant="primary", elem_id="quiz-reveal", visible=False),
                                value="quiz_reveal")
            next_btn = rl.add(gr.Button(t(lang0, "quiz_next"), elem_id="quiz-next", visible=False), value="quiz_next")
            again_btn = rl.add(gr.Button(t(lang0, "quiz_again"), elem_id="quiz-again", visible=False), value="quiz_again")
        board = gr.HTML("", elem_id="quiz-board", js_on_load=None)
        review = gr.HTML("", elem_id="quiz-review", js_on_load=None)

    screen = [state, stage, result, correct, reveal_btn, next_btn, again_btn, board, review, setup]

    def show(st: dict, lg: str, note: str = ""):
        """Every part of the stage for a state: playing (question, reveal), or finished (review)."""
        playing, done = rnd.current(st) is not None, rnd.finished(st)
        q = rnd.current(st)
        revealed = playing and st["revealed"]
        res = note or (f'<p class="quiz-right"><b>{esc(t(lg, "quiz_answer"))}: {LETTERS[q["answer"]]}. '
                       f'{esc(q["options"][q["answer"]])}</b></p>{passage_html(q, lg)}' if revealed else "")
        picked = (st["correct"][st["i"]] or []) if revealed else []
        return (st, stage_html(st, lg) if playing else "", res,
                gr.update(choices=st.get("teams", []), value=picked, visible=revealed),
                gr.update(visible=playing and not revealed), gr.update(visible=revealed), gr.update(visible=done),
                board_html(st, lg) if playing else "", review_html(st, lg) if done else "", gr.update(open=not (playing or done)))

    def round_questions(doc_type, kind_name, count, num, lg):
        return regs.quiz(int(count or 5), int(num or 1), KIND_CHOICES.get(kind_name), doc_type or None, lg)

    def begin(doc_type, kind_name, count, num, secs, team_text, lang_choice):
        lg = lang_of(lang_choice)
        try:
            qs = round_questions(doc_type, kind_name, count, num, lg)
        except Exception:  # the index failing to load: the tab says so, the page keeps working
            log.exception("regulation index unavailable")
            return show({}, lg, f"<p>{esc(t(lg, 'quiz_no_index'))}</p>")
        if not qs:
            return show({}, lg, f"<p>{esc(t(lg, 'quiz_none'))}</p>")
        return show(rnd.start(qs, rnd.parse_teams(team_text, [t(lg, "quiz_team_n", n=i) for i in (1, 2)]), int(num or 1),
                              int(secs or 0)), lg)

    def new_round(doc_type, kind_name, count, secs, team_text, lang_choice):
        num = random.randint(1, MAX_NUMBER)
        return (num, *begin(doc_type, kind_name, count, num, secs, team_text, lang_choice))

    def sheet(doc_type, kind_name, count, num, lang_choice):
        lg = lang_of(lang_choice)
        try:
            qs = rnd.start(round_questions(doc_type, kind_name, count, num, lg), [], 1, 0)["questions"]
        except Exception:
            log.exception("regulation index unavailable")
            return gr.update(value=None, visible=False)
        if not qs:
            return gr.update(value=None, visible=False)
        path = write_sheet(qs, [question_text(q, lg) for q in qs], strings(lg), int(num or 1))
        return gr.update(value=str(path), visible=True)

    private = dict(api_visibility="private")
    setup_in = [dtype, kind, n, number, seconds, teams, lang]
    start_btn.click(begin, setup_in, screen, **private)
    new_btn.click(new_round, [dtype, kind, n, seconds, teams, lang], [number, *screen], **private)
    sheet_btn.click(sheet, [dtype, kind, n, number, lang], sheet_file, **private)
    reveal_btn.click(lambda st, lc: show(rnd.reveal(st), lang_of(lc)), [state, lang], screen, **private)
    def mark(st, chosen, lang_choice):
        st = rnd.award(st, chosen)
        return st, board_html(st, lang_of(lang_choice))

    correct.input(mark, [state, correct, lang], [state, board], **private)
    next_btn.click(lambda st, chosen, lc: show(rnd.advance(rnd.award(st, chosen)), lang_of(lc)), [state, correct, lang], screen,
                   **private)
    again_btn.click(lambda st, lc: show(rnd.again(st), lang_of(lc)), [state, lang], screen, **private)

    return (lambda lang_choice: type_choices(regs)), [dtype]
