"""The Gradio page: layout and event wiring only. Logic lives in render / uploads / quiz / feedback."""
from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from core.errors import RagError  # noqa: E402
from core.types import Filters  # noqa: E402
from ui import render  # noqa: E402
from ui.feedback import FeedbackStore  # noqa: E402
from ui.i18n import Relabel, lang_of, strings, t, tl  # noqa: E402
from ui.login import who_line  # noqa: E402
from ui.quiz import build_workshop_tab  # noqa: E402
from ui.uploads import build_library_tab  # noqa: E402

log = logging.getLogger(__name__)
LANG_CHOICES = ["Tiếng Việt", "English"]


class BadDate(ValueError):
    """A date filter that is not yyyy-mm-dd or yyyy; the message is the text typed."""


def card_labels(lang: str) -> dict:
    return dict(strings(lang)["card"])


def make_filters(sources, localities, date_from, date_to) -> Filters | None:
    """Filters from the side panel; dates as yyyy-mm-dd (or yyyy); BadDate for a malformed one."""
    def iso(v: str | None, end: bool) -> str | None:
        v = (v or "").strip()
        if not v:
            return None
        if re.fullmatch(r"\d{4}", v):
            return f"{v}-12-31" if end else f"{v}-01-01"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return v
        raise BadDate(v)
    f = Filters(tuple(sources or ()), tuple(localities or ()), iso(date_from, False), iso(date_to, True))
    return None if f == Filters() else f


def pick_example(data: gr.SelectData) -> str:
    return data.value.get("text", "") if isinstance(data.value, dict) else str(data.value)


def build_page(container, gate=None) -> gr.Blocks:
    """`gate` (ui.serve.Gatekeeper): who each request comes from; launch() passes the server's own."""
    from ui.serve import Gatekeeper

    gate = gate or Gatekeeper(container)
    settings = container.settings
    lang0 = settings.ui_language
    feedback = FeedbackStore(settings.data_dir)
    rl = Relabel()
    get_text = container.library.text

    def ask(message, turns, sources, localities, date_from, date_to, lang_choice):
        lang, message = lang_of(lang_choice), (message or "").strip()
        turns = list(turns or [])
        if not message:
            yield render.messages(turns), "", turns, gr.update()
            return
        turn = {"question": message, "answer": "", "citations": [], "mode": "", "error": False}
        live = render.messages(turns) + [{"role": "user", "content": render.plain_html(message)},
                                  {"role": "assistant", "content": render.plain_html(t(lang, "thinking"))}]
        yield live, "", turns, gr.update()
        try:
            filters = make_filters(sources, localities, date_from, date_to)
            history = [x["question"] for x in turns if not x["error"]]
            final = None
            for part in container.answers.stream(message, filters, history):
                if isinstance(part, str):
                    live[-1]["content"] = render.plain_html(part)
                    yield live, "", turns, gr.update()
                else:
                    final = part
            if final.asked_as and final.asked_as != final.question:
                turn["note"] = t(lang, "understood_as", q=final.asked_as)
            turn.update(answer=final.answer, mode=final.mode, abstained=final.abstained,
                        citations=[{k: getattr(c, k) for k in c.__dataclass_fields__} for c in final.citations])
        except BadDate as exc:
            turn.update(answer=t(lang, "bad_date", v=str(exc)), error=True)
        except RagError as exc:
            turn.update(answer=t(lang, "error_rag", msg=str(exc)), error=True)
        except Exception:  # never a traceback in the chat
            log.exception("answering %r failed", message)
            turn.update(answer=t(lang, "error_other"), error=True)
        turn["html"] = render.answer_html(turn, get_text, card_labels(lang), len(turns))
        turns.append(turn)
        yield render.messages(turns), "", turns, gr.update(choices=render.cite_choices(turns), value=None)

    def open_doc(key, turns):
        key = (key or "").split("#")[0]
        try:
            i, n = (int(x) for x in key.split("."))
            c = next(c for c in turns[i]["citations"] if c["n"] == n)
        except (ValueError, IndexError, StopIteration, TypeError):
            return gr.update()
        text = get_text(c["doc_id"]) if c.get("doc_id") else None
        if text is None:
            return render.plain_html(c.get("quote", ""))
        return render.document_html(c.get("title") or c.get("source", ""), text, c["start"], c["end"])

    def like(turns, data: gr.LikeData):
        idx = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        turn = (turns or [])[idx // 2] if isinstance(idx, int) and 0 <= idx // 2 < len(turns or []) else None
        rating = {True: 1, "Like": 1, False: -1, "Dislike": -1}.get(data.liked)
        if turn and not turn["error"] and rating:
            try:
                feedback.add(turn["question"], turn["answer"], turn["citations"], rating, turn.get("mode"))
            except Exception:  # a read-only data folder: the rating is lost, the page keeps working
                log.exception("rating not stored in %s", feedback.path)

    def export(turns, lang_choice):
        if not turns:
            return gr.update(value=None, visible=False)
        path = Path(tempfile.mkdtemp(prefix="rag-export-")) / "conversation.md"
        path.write_text(render.conversation_markdown(turns, card_labels(lang_of(lang_choice))), encoding="utf-8")
        return gr.update(value=str(path), visible=True)

    def doc_choices():
        recs = container.library.documents()
        docs = sorted({(r.meta.title or r.source, r.source) for r in recs})
        locs = sorted({r.meta.locality for r in recs if r.meta.locality})
        return gr.update(choices=docs), gr.update(choices=locs)

    with gr.Blocks(title=t(lang0, "title")) as demo:
        with gr.Row():
            rl.add(gr.Markdown(f"## {t(lang0, 'title')}"), value="title_md")
            lang = gr.Radio(LANG_CHOICES, value=LANG_CHOICES[lang0 == "en"], show_label=False, elem_id="lang", scale=0,
                            min_width=280, container=False)
        mode_note = gr.Markdown(t(lang0, "mode_note", mode=container.answers.mode), elem_id="mode-note")
        with gr.Row():
            who = gr.Markdown("", elem_id="who")  # the account logged in (filled on load), and a way out
            logout = rl.add(gr.Button(t(lang0, "logout"), link="/logout", link_target="_self", size="sm", scale=0,
                                      elem_id="logout", visible=False), value="logout")
        turns = gr.State([])
        with gr.Tabs():
            with gr.Tab(t(lang0, "tab_chat"), id="chat") as tab_chat:
                rl.add(tab_chat, label="tab_chat")
                with gr.Row():
                    with gr.Column(scale=3):
                        chat = gr.Chatbot(height=560, elem_id="chat", latex_delimiters=[], allow_tags=False,
                                          examples=[{"text": q} for q in tl(lang0, "examples")],
                                          placeholder=t(lang0, "chat_placeholder"), show_label=False)
                        with gr.Row():
                            box = rl.add(gr.Textbox(placeholder=t(lang0, "ask_placeholder"), show_label=False, scale=5,
                                                    elem_id="ask", max_lines=6), placeholder="ask_placeholder")
                            send = rl.add(gr.Button(t(lang0, "send"), variant="primary", scale=1, elem_id="send"), value="send")
                        with gr.Row():
                            clear = rl.add(gr.Button(t(lang0, "clear"), size="sm"), value="clear")
                            export_btn = rl.add(gr.Button(t(lang0, "export"), size="sm", elem_id="export"), value="export")
                        export_file = rl.add(gr.File(label=t(lang0, "export_file"), elem_id="export-file", visible=False),
                                             label="export_file")
                    with gr.Column(scale=2):
                        with gr.Accordion(t(lang0, "filters"), open=False) as acc:
                            rl.add(acc, label="filters")
                            f_docs = rl.add(gr.Dropdown([], multiselect=True, label=t(lang0, "f_docs")), label="f_docs")
                            f_locs = rl.add(gr.Dropdown([], multiselect=True, label=t(lang0, "f_locs")), label="f_locs")
                            with gr.Row():
                                f_from = rl.add(gr.Textbox(label=t(lang0, "f_from"), placeholder="yyyy-mm-dd"), label="f_from")
                                f_to = rl.add(gr.Textbox(label=t(lang0, "f_to"), placeholder="yyyy-mm-dd"), label="f_to")
                        open_dd = rl.add(gr.Dropdown([], label=t(lang0, "open_doc"), elem_id="open-doc"), label="open_doc")
                        cite_key = gr.Textbox(elem_id="cite-key", show_label=False, container=False)
                        doc_view = gr.HTML(render.plain_html(t(lang0, "doc_hint")), elem_id="doc-view", js_on_load=None)
            regs = Regulations(container)
            with gr.Tab(t(lang0, "tab_finder"), id="finder") as tab:
                rl.add(tab, label="tab_finder")
                finder_refresh, finder_outputs = _finder_tab(regs, lang0, rl, lang)
            with gr.Tab(t(lang0, "tab_library"), id="library", visible=container.access.library_mode != "accounts") as tab:
                rl.add(tab, label="tab_library")
                after = [(lambda: regs.reset(), None, None), (doc_choices, None, [f_docs, f_locs]),
                         (finder_refresh, [lang], finder_outputs)]
                lib_refresh, lib_outputs = build_library_tab(container, lang0, rl, lang, after, gate, tab)
            with gr.Tab(t(lang0, "tab_workshop"), id="workshop") as tab:
                rl.add(tab, label="tab_workshop")
                quiz_refresh, quiz_outputs = build_workshop_tab(regs.cards, lang0, rl, lang)

        inputs = [box, turns, f_docs, f_locs, f_from, f_to, lang]
        outputs = [chat, box, turns, open_dd]
        gr.on([box.submit, send.click], ask, inputs, outputs, show_progress="hidden", api_name="ask")  # one API endpoint: /ask
        chat.example_select(pick_example, None, box).then(
            ask, inputs, outputs, show_progress="hidden")
        clear.click(lambda: ([], [], gr.update(choices=[], value=None), gr.update(value=None, visible=False)), None, [chat, turns, open_dd, export_file])
        chat.like(like, [turns], None)
        export_btn.click(export, [turns, lang], export_file)
        open_dd.change(open_doc, [open_dd, turns], doc_view).then(None, js=render.SCROLL_JS)
        cite_key.change(open_doc, [cite_key, turns], doc_view).then(None, js=render.SCROLL_JS)

        def switch(choice):
            lg = lang_of(choice)
            return [*rl.updates(lg), gr.update(examples=[{"text": q} for q in tl(lg, "examples")],
                                               placeholder=t(lg, "chat_placeholder")),
                    t(lg, "mode_note", mode=container.answers.mode)]
        refreshers = [(doc_choices, None, [f_docs, f_locs]), (finder_refresh, [lang], finder_outputs),
                      (lib_refresh, [lang], lib_outputs), (quiz_refresh, [lang], quiz_outputs)]
        ev = lang.change(switch, lang, [*rl.components(), chat, mode_note])
        for fn, ins, outs in refreshers[1:3]:
            ev = ev.then(fn, ins, outs)

        def show_who(choice, request: gr.Request):
            line = who_line(container, gate, lang_of(choice), request)
            return line, gr.update(visible=bool(line))
        ev.then(show_who, [lang], [who, logout])
        for fn, ins, outs in refreshers:
            demo.load(fn, ins, outs)
        demo.load(show_who, [lang], [who, logout])
    return demo


class Regulations:
    """The regulation index built from the references ingest stored with each document; None when unavailable."""

    def __init__(self, container):
        self.container, self._cards = container, None

    def reset(self) -> None:
        self._cards = None

    def cards(self) -> list | None:
        if self._cards is None:
            try:
                self._cards = self.container.regulation_answerer.index().all()
            except Exception:  # the index module missing or changed: the tab says so, the page keeps working
                log.exception("regulation index unavailable")
                return None
        return self._cards


def _finder_tab(regs: Regulations, lang0: str, rl, lang):
    """Regulation finder: searchable/sortable table, timeline, one document's detail. Returns (refresh, outputs)."""
    import pandas as pd

    cols = lambda lg: tl(lg, "finder_cols")  # noqa: E731
    with gr.Row():
        query = rl.add(gr.Textbox(label=t(lang0, "finder_query"), elem_id="finder-q", scale=3), label="finder_query")
        dtype = rl.add(gr.Dropdown([], label=t(lang0, "finder_type"), elem_id="finder-type", scale=2), label="finder_type")
        sort = rl.add(gr.Dropdown([(c, i) for i, c in enumerate(cols(lang0))], value=5, label=t(lang0, "finder_sort"), scale=2),
                      label="finder_sort", choices=lambda lg: [(c, i) for i, c in enumerate(cols(lg))])
        desc = rl.add(gr.Checkbox(True, label=t(lang0, "finder_desc"), scale=1), label="finder_desc")
    note = gr.Markdown("", elem_id="finder-note")
    table = gr.Dataframe(interactive=False, wrap=True, elem_id="finder-table", max_height=380,
                         column_widths=["13%", "11%", "17%", "11%", "38%", "10%"])
    keys = gr.State([])
    timeline = rl.add(gr.ScatterPlot(x="year", y="type", color="type", tooltip=["code", "date", "type"], height=260,
                                     x_title=t(lang0, "finder_x"), y_title=t(lang0, "finder_y"), color_title=" ", x_axis_format="d",
                                     label=t(lang0, "finder_timeline"), elem_id="finder-timeline"),
                      label="finder_timeline", x_title="finder_x", y_title="finder_y")
    pick = rl.add(gr.Dropdown([], label=t(lang0, "finder_pick"), elem_id="finder-pick"), label="finder_pick")
    detail = gr.HTML("", elem_id="finder-detail", js_on_load=None)

    def search(q, doc_type, sort_col, descending, lang_choice):
        lg, cards = lang_of(lang_choice), regs.cards()
        if cards is None:
            return t(lg, "finder_missing"), pd.DataFrame(columns=cols(lg)), [], None, gr.update(choices=[])
        cards = [c for c in cards if not doc_type or c.type == doc_type]
        by_key = {c.key: c for c in cards}
        rows = render.filter_rows([render.regulation_row(c, lg) + [c.key] for c in cards], q or "", int(sort_col or 0), bool(descending))
        points = render.timeline_points([by_key[r[-1]] for r in rows], lg)
        plot = pd.DataFrame(points or [], columns=["date", "type", "code"])
        when = pd.to_datetime(plot["date"], errors="coerce")
        plot = plot.assign(year=(when.dt.year + (when.dt.dayofyear - 1) / 366).round(2))
        return (t(lg, "finder_count", n=len(rows)), pd.DataFrame([r[:6] for r in rows], columns=cols(lg)), [r[-1] for r in rows],
                plot.dropna(subset=["year"]), gr.update(choices=[(r[0], r[-1]) for r in rows]))

    def refresh(lang_choice):
        cards = regs.cards() or []
        types = sorted({c.type for c in cards if c.type})
        return (gr.update(choices=[("—", "")] + [(x, x) for x in types], value=""),
                *search("", "", 5, True, lang_choice))

    def show(key, lang_choice):
        card = next((c for c in regs.cards() or [] if c.key == key), None)
        return render.regulation_detail_html(card, strings(lang_of(lang_choice))["finder_labels"], lang_of(lang_choice)) if card else ""

    def select_row(ks, evt: gr.SelectData):
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        return ks[row] if isinstance(row, int) and 0 <= row < len(ks) else gr.update()

    outs = [note, table, keys, timeline, pick]
    for ev in (query.submit, query.change, dtype.change, sort.change, desc.change):
        ev(search, [query, dtype, sort, desc, lang], outs, show_progress="hidden")
    table.select(select_row, keys, pick)
    pick.change(show, [pick, lang], detail)
    return refresh, [dtype, *outs]


def launch(container, **overrides):
    """Build the page, configure the queue and serve on settings.host:settings.port (blocking unless overridden),
    with the login, the API routes and the access checks of ui/serve.py on the same server."""
    from ui.serve import check_host, check_port, port_in_use, server_options

    s = container.settings
    host, port = overrides.get("server_name", s.host), overrides.get("server_port", s.port)
    check_host(container, host)
    if port:
        check_port(host, port)
    options, gate = server_options(container)
    demo = build_page(container, gate)
    # a page load queues 4 refresh events and a question 1: 64 waiting events never turn away 16 users loading at once
    demo.queue(default_concurrency_limit=s.concurrency, max_size=max(64, 16 * s.concurrency))
    kwargs = dict(server_name=host, server_port=port, css=render.PAGE_CSS, js=render.PAGE_JS, show_error=False, quiet=False,
                  footer_links=[], max_file_size=f"{int(s.max_file_mb * 1024)}kb", **options)
    kwargs.update(overrides)
    try:
        demo.launch(**kwargs)
    except OSError as exc:  # the port taken between the check and the bind
        raise port_in_use(host, port, exc) from exc
    return demo
