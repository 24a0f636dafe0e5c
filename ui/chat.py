"""The chat tab: questions and cited answers, the conversation's earlier turns passed to the answer service, the
conversations kept in the browser (reopen, rename, delete, export), filters and the whole-document viewer."""
from __future__ import annotations

import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from core.errors import RagError
from core.types import Filters
from ui import conversations as convs
from ui import render
from ui.feedback import FeedbackStore
from ui.i18n import lang_of, strings, t, tl

log = logging.getLogger(__name__)


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


def write_markdown(turns: list[dict], lang: str, name: str = "conversation") -> str:
    """The conversation as a Markdown file in a fresh temp folder; returns its path."""
    safe = re.sub(r"[^\w-]+", "_", name)[:40] or "conversation"
    path = Path(tempfile.mkdtemp(prefix="rag-export-")) / f"{safe}.md"
    path.write_text(render.conversation_markdown(turns, card_labels(lang)), encoding="utf-8")
    return str(path)


@dataclass
class ChatTab:
    """What the page wires to the rest: the chat (relabelled on a language switch), what a page load runs, and the
    refresh of the filter choices once the library changed."""

    chat: gr.Chatbot
    load: object  # fn(store, lang_choice) -> load_outputs: filter choices, and the conversation open before a reload
    load_inputs: list
    load_outputs: list
    refresh_filters: tuple  # (fn, inputs, outputs)


def build_chat_tab(container, lang0: str, rl, lang) -> ChatTab:
    """The chat tab's content (inside an open gr.Tab)."""
    feedback = FeedbackStore(container.settings.data_dir)
    get_text = container.library.text

    def html_of(turns: list[dict], lang_code: str) -> list[dict]:
        for i, turn in enumerate(turns):
            turn["html"] = render.answer_html(turn, get_text, card_labels(lang_code), i)
        return turns

    def ask(message, turns, sources, localities, date_from, date_to, lang_choice):
        lg, message = lang_of(lang_choice), (message or "").strip()
        turns = list(turns or [])
        if not message:
            yield render.messages(turns), "", turns, gr.update()
            return
        turn = {"question": message, "answer": "", "citations": [], "mode": "", "error": False}
        live = render.messages(turns) + [{"role": "user", "content": render.plain_html(message)},
                                         {"role": "assistant", "content": render.plain_html(t(lg, "thinking"))}]
        yield live, "", turns, gr.update()
        try:
            filters = make_filters(sources, localities, date_from, date_to)
            final = None
            for part in container.answers.stream(message, filters, convs.history(turns)):
                if isinstance(part, str):  # the box is left alone: the user may be typing the next question
                    live[-1]["content"] = render.plain_html(part)
                    yield live, gr.update(), turns, gr.update()
                else:
                    final = part
            if final.asked_as and final.asked_as != final.question:
                turn["note"] = t(lg, "understood_as", q=final.asked_as)
            turn.update(answer=final.answer, mode=final.mode, abstained=final.abstained, asked_as=final.asked_as,
                        references=list(final.references or []),
                        short_answer=_fields(final.short_answer) if final.short_answer else None,
                        citations=[_fields(c) for c in final.citations])
        except BadDate as exc:
            turn.update(answer=t(lg, "bad_date", v=str(exc)), error=True)
        except RagError as exc:
            turn.update(answer=t(lg, "error_rag", msg=str(exc)), error=True)
        except Exception:  # never a traceback in the chat
            log.exception("answering %r failed", message)
            turn.update(answer=t(lg, "error_other"), error=True)
        turn["html"] = render.answer_html(turn, get_text, card_labels(lg), len(turns))
        turns.append(turn)
        yield render.messages(turns), gr.update(), turns, gr.update(choices=render.cite_choices(turns), value=None)

    def listed(store, conv_id, lang_choice):
        return gr.update(choices=convs.choices(store, lang_of(lang_choice)), value=conv_id)

    def keep(turns, conv_id, store, lang_choice):
        """After each answer: the conversation saved in the browser, and listed."""
        if not turns:
            return conv_id, gr.update(), gr.update()
        store, conv_id = convs.save(store, conv_id, turns)
        return conv_id, store, listed(store, conv_id, lang_choice)

    def show(turns: list[dict], conv_id, store, lang_choice):
        """Outputs that put a conversation on screen: chat, turns, citations, viewer, export, id, store, list."""
        hint = render.plain_html(t(lang_of(lang_choice), "doc_hint"))
        return (render.messages(turns), turns, gr.update(choices=render.cite_choices(turns), value=None), hint,
                gr.update(value=None, visible=False), conv_id, store, listed(store, conv_id, lang_choice))

    def new_conversation(store, lang_choice):
        return show([], None, convs.choose(store, None), lang_choice)

    def reopen(conv_id, store, lang_choice):
        item = convs.find(store, conv_id)
        if item is None:
            return new_conversation(store, lang_choice)
        turns = html_of(convs.restored_turns(item), lang_of(lang_choice))
        return show(turns, conv_id, convs.choose(store, conv_id), lang_choice)

    def restore(store, lang_choice):
        """At page load: the conversation that was open before the reload, and the list."""
        store = convs.load(store)
        return reopen(store["current"], store, lang_choice) if store["current"] else new_conversation(store, lang_choice)

    def rename_conversation(conv_id, title, store, lang_choice):
        store = convs.rename(store, conv_id, title)
        return store, listed(store, conv_id, lang_choice), ""

    def delete_conversation(conv_id, current, store, lang_choice):
        store = convs.delete(store, conv_id)
        if conv_id and conv_id == current:
            return new_conversation(store, lang_choice)
        return (gr.update(),) * 5 + (current, store, listed(store, None, lang_choice))

    def export_saved(conv_id, store, lang_choice):
        item = convs.find(store, conv_id)
        if item is None:
            return gr.update(value=None, visible=False)
        return gr.update(value=write_markdown(convs.restored_turns(item), lang_of(lang_choice), item.get("title", "")), visible=True)

    def export(turns, lang_choice):
        if not turns:
            return gr.update(value=None, visible=False)
        return gr.update(value=write_markdown(turns, lang_of(lang_choice)), visible=True)

    def open_doc(key, turns):
        key = (key or "").split("#")[0]
        try:
            i, n = (int(x) for x in key.split("."))
            c = next(c for c in turns[i]["citations"] if c["n"] == n)
        except (ValueError, IndexError, StopIteration, TypeError, KeyError):
            return gr.update()
        text = get_text(c["doc_id"]) if c.get("doc_id") else None
        if text is None:
            return render.plain_html(c.get("quote", ""))
        return render.document_html(c.get("title") or render.source_label(c.get("source")), text, c["start"], c["end"])

    def like(turns, data: gr.LikeData):
        idx = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        turn = (turns or [])[idx // 2] if isinstance(idx, int) and 0 <= idx // 2 < len(turns or []) else None
        rating = {True: 1, "Like": 1, False: -1, "Dislike": -1}.get(data.liked)
        if turn and not turn["error"] and rating:
            try:
                feedback.add(turn["question"], turn["answer"], turn["citations"], rating, turn.get("mode"))
            except Exception:  # a read-only data folder: the rating is lost, the page keeps working
                log.exception("rating not stored in %s", feedback.path)

    def doc_choices():
        recs = container.library.documents()
        docs = sorted({(r.meta.title or r.source, r.source) for r in recs})
        locs = sorted({r.meta.locality for r in recs if r.meta.locality})
        return gr.update(choices=docs), gr.update(choices=locs)

    turns, conv_id = gr.State([]), gr.State(None)
    store = gr.BrowserState(convs.empty(), storage_key="rag-conversations", secret=browser_secret(container.settings))
    with gr.Row():
        with gr.Column(scale=3, min_width=300):
            chat = gr.Chatbot(height=560, elem_id="chat", latex_delimiters=[], allow_tags=False,
                              examples=[{"text": q} for q in tl(lang0, "examples")],
                              placeholder=t(lang0, "chat_placeholder"), show_label=False)
            with gr.Row():
                box = rl.add(gr.Textbox(placeholder=t(lang0, "ask_placeholder"), show_label=False, scale=5, elem_id="ask",
                                        max_lines=6, min_width=180), placeholder="ask_placeholder")
                send = rl.add(gr.Button(t(lang0, "send"), variant="primary", scale=1, elem_id="send", min_width=70), value="send")
            with gr.Row():
                clear = rl.add(gr.Button(t(lang0, "clear"), size="sm", elem_id="clear"), value="clear")
                export_btn = rl.add(gr.Button(t(lang0, "export"), size="sm", elem_id="export"), value="export")
            export_file = rl.add(gr.File(label=t(lang0, "export_file"), elem_id="export-file", visible=False), label="export_file")
        with gr.Column(scale=2, min_width=300):
            with gr.Accordion(t(lang0, "convs"), open=True, elem_id="convs") as acc:
                rl.add(acc, label="convs")
                conv_list = rl.add(gr.Radio([], label=t(lang0, "conv_list"), elem_id="conv-list"), label="conv_list")
                with gr.Row():
                    conv_title = rl.add(gr.Textbox(placeholder=t(lang0, "conv_title"), show_label=False, elem_id="conv-title",
                                                   scale=3, min_width=140), placeholder="conv_title")
                    rename_btn = rl.add(gr.Button(t(lang0, "conv_rename"), size="sm", elem_id="conv-rename", scale=1,
                                                  min_width=60), value="conv_rename")
                with gr.Row():
                    delete_btn = rl.add(gr.Button(t(lang0, "conv_delete"), size="sm", variant="stop", elem_id="conv-delete",
                                                  min_width=60), value="conv_delete")
                    export_saved_btn = rl.add(gr.Button(t(lang0, "conv_export"), size="sm", elem_id="conv-export",
                                                        min_width=60), value="conv_export")
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

    screen = [chat, turns, open_dd, doc_view, export_file, conv_id, store, conv_list]
    inputs = [box, turns, f_docs, f_locs, f_from, f_to, lang]
    outputs = [chat, box, turns, open_dd]
    private = dict(api_visibility="private", show_progress="hidden")
    saved = ([turns, conv_id, store, lang], [conv_id, store, conv_list])
    # A question sent while the last one is still being saved runs right after it ("once" would drop it).
    gr.on([box.submit, send.click], ask, inputs, outputs, show_progress="hidden", api_name="ask", trigger_mode="always_last").then(
        keep, *saved, **private)  # the one API endpoint: /ask
    chat.example_select(pick_example, None, box, **private).then(ask, inputs, outputs, **private).then(keep, *saved, **private)
    clear.click(new_conversation, [store, lang], screen, **private)
    conv_list.input(reopen, [conv_list, store, lang], screen, **private)
    rename_btn.click(rename_conversation, [conv_list, conv_title, store, lang], [store, conv_list, conv_title], **private)
    lang.change(listed, [store, conv_id, lang], conv_list, **private)
    delete_btn.click(delete_conversation, [conv_list, conv_id, store, lang], screen, **private)
    export_saved_btn.click(export_saved, [conv_list, store, lang], export_file, **private)
    chat.like(like, [turns], None, api_visibility="private")
    export_btn.click(export, [turns, lang], export_file, api_visibility="private")
    open_dd.change(open_doc, [open_dd, turns], doc_view, api_visibility="private").then(None, js=render.SCROLL_JS)
    cite_key.change(open_doc, [cite_key, turns], doc_view, api_visibility="private").then(None, js=render.SCROLL_JS)
    def load(store_value, lang_choice):
        return (*doc_choices(), *restore(store_value, lang_choice))
    return ChatTab(chat, load, [store, lang], [f_docs, f_locs, *screen], (doc_choices, None, [f_docs, f_locs]))


def _fields(obj) -> dict:
    return {k: getattr(obj, k) for k in obj.__dataclass_fields__}


def browser_secret(settings) -> str:
    """The key that encrypts conversations in the browser: kept in the data folder so they survive a restart of the
    page; a key for this run only when the folder cannot be written (conversations then last until a restart)."""
    import secrets

    path = Path(settings.data_dir) / "browser_state.key"
    try:
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()
        key = secrets.token_urlsafe(24)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(key, encoding="utf-8")
        path.chmod(0o600)
        return key
    except OSError:
        return secrets.token_urlsafe(24)
