"""The Gradio page: the header and one builder per tab (ui/chat.py, ui/finder.py, ui/uploads.py, ui/quiz.py), wired
together; `launch` serves it. The page reaches the product through the container's use cases only."""
from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from ui.assets import PAGE_CSS, PAGE_HEAD, page_js  # noqa: E402
from ui.chat import build_chat_tab  # noqa: E402
from ui.finder import build_finder_tab  # noqa: E402
from ui.i18n import Relabel, lang_of, strings, t, tl  # noqa: E402
from ui.quiz import build_workshop_tab  # noqa: E402
from ui.uploads import build_library_tab  # noqa: E402

LANG_CHOICES = ["Tiếng Việt", "English"]


def build_page(container) -> gr.Blocks:
    lang0 = container.settings.ui_language
    rl = Relabel()
    with gr.Blocks(title=t(lang0, "title")) as demo:
        with gr.Row(elem_id="header"):
            rl.add(gr.Markdown(f"## {t(lang0, 'title')}", elem_id="title-md"), value="title_md")
            lang = gr.Radio(LANG_CHOICES, value=LANG_CHOICES[lang0 == "en"], show_label=False, elem_id="lang", scale=0,
                            min_width=240, container=False)
        mode_note = gr.Markdown(t(lang0, "mode_note", mode=container.answers.mode), elem_id="mode-note")
        with gr.Tabs(overflow_behavior="wrap", elem_id="tabs"):  # on a phone the tabs wrap instead of hiding behind "…"
            with gr.Tab(t(lang0, "tab_chat"), id="chat") as tab:
                rl.add(tab, label="tab_chat")
                chat = build_chat_tab(container, lang0, rl, lang)
            with gr.Tab(t(lang0, "tab_finder"), id="finder") as tab:
                rl.add(tab, label="tab_finder")
                finder_refresh, finder_outputs = build_finder_tab(container, lang0, rl, lang)
            with gr.Tab(t(lang0, "tab_library"), id="library") as tab:
                rl.add(tab, label="tab_library")
                after = [chat.refresh_filters, (finder_refresh, [lang], finder_outputs)]  # once the library changed
                lib_refresh, lib_outputs = build_library_tab(container, lang0, rl, lang, after)
            with gr.Tab(t(lang0, "tab_workshop"), id="workshop") as tab:
                rl.add(tab, label="tab_workshop")
                quiz_refresh, quiz_outputs = build_workshop_tab(container, lang0, rl, lang)

        def switch(choice):
            lg = lang_of(choice)
            return [*rl.updates(lg), gr.update(examples=[{"text": q} for q in tl(lg, "examples")],
                                               placeholder=t(lg, "chat_placeholder")),
                    t(lg, "mode_note", mode=container.answers.mode), *finder_refresh(choice), *lib_refresh(choice)]

        def load(store, choice):  # one event per page load: the queue holds few, and the page fills at once
            return (*chat.load(store, choice), *finder_refresh(choice), *lib_refresh(choice), quiz_refresh(choice))
        lang.change(switch, lang, [*rl.components(), chat.chat, mode_note, *finder_outputs, *lib_outputs],
                    api_visibility="private")
        demo.load(load, chat.load_inputs, [*chat.load_outputs, *finder_outputs, *lib_outputs, *quiz_outputs],
                  api_visibility="private")
    return demo


def launch(container, **overrides):
    """Build the page, configure the queue and serve on settings.host:settings.port (blocking unless overridden)."""
    s = container.settings
    demo = build_page(container)
    # a page load queues 1 event and a question 2 (the answer, then saving the conversation): 64 waiting events never
    # turn away 16 users loading the page and asking at once
    demo.queue(default_concurrency_limit=s.concurrency, max_size=max(64, 16 * s.concurrency))
    kwargs = dict(server_name=s.host, server_port=s.port, css=PAGE_CSS, head=PAGE_HEAD, js=page_js(strings("vi")["builtin"]),
                  show_error=False, quiet=False, footer_links=[], max_file_size=f"{int(s.max_file_mb * 1024)}kb")
    kwargs.update(overrides)
    demo.launch(**kwargs)
    return demo
