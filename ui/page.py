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
from ui.login import who_line  # noqa: E402
from ui.quiz import build_workshop_tab  # noqa: E402
from ui.uploads import build_library_tab  # noqa: E402

LANG_CHOICES = ["Tiếng Việt", "English"]


def build_page(container, gate=None) -> gr.Blocks:
    """`gate` (ui.serve.Gatekeeper): who each request comes from; launch() passes the server's own."""
    from ui.serve import Gatekeeper

    gate = gate or Gatekeeper(container)
    lang0 = container.settings.ui_language
    rl = Relabel()
    with gr.Blocks(title=t(lang0, "title")) as demo:
        with gr.Row(elem_id="header"):
            rl.add(gr.Markdown(f"## {t(lang0, 'title')}", elem_id="title-md"), value="title_md")
            lang = gr.Radio(LANG_CHOICES, value=LANG_CHOICES[lang0 == "en"], show_label=False, elem_id="lang", scale=0,
                            min_width=240, container=False)
        mode_note = gr.Markdown(t(lang0, "mode_note", mode=container.answers.mode), elem_id="mode-note")
        with gr.Row(elem_id="who-row"):
            who = gr.Markdown("", elem_id="who")  # the account logged in (filled on load), and a way out
            logout = rl.add(gr.Button(t(lang0, "logout"), link="/logout", link_target="_self", size="sm", scale=0,
                                      min_width=80, elem_id="logout", visible=False), value="logout")
        with gr.Tabs(overflow_behavior="wrap", elem_id="tabs"):  # on a phone the tabs wrap instead of hiding behind "…"
            with gr.Tab(t(lang0, "tab_chat"), id="chat") as tab:
                rl.add(tab, label="tab_chat")
                chat = build_chat_tab(container, lang0, rl, lang)
            with gr.Tab(t(lang0, "tab_finder"), id="finder") as tab:
                rl.add(tab, label="tab_finder")
                finder_refresh, finder_outputs = build_finder_tab(container, lang0, rl, lang)
            # with accounts, the Library is an admin's: shown once the page knows who is logged in
            with gr.Tab(t(lang0, "tab_library"), id="library", visible=container.access.library_mode != "accounts") as tab:
                rl.add(tab, label="tab_library")
                after = [chat.refresh_filters, (finder_refresh, [lang], finder_outputs)]  # once the library changed
                lib_refresh, lib_outputs = build_library_tab(container, lang0, rl, lang, after, gate, tab)
            with gr.Tab(t(lang0, "tab_workshop"), id="workshop") as tab:
                rl.add(tab, label="tab_workshop")
                quiz_refresh, quiz_outputs = build_workshop_tab(container, lang0, rl, lang)

        def show_who(choice, request):
            line = who_line(container, gate, lang_of(choice), request)
            return line, gr.update(visible=bool(line))

        def switch(choice, request: gr.Request):
            lg = lang_of(choice)
            return [*rl.updates(lg), gr.update(examples=[{"text": q} for q in tl(lg, "examples")],
                                               placeholder=t(lg, "chat_placeholder")),
                    t(lg, "mode_note", mode=container.answers.mode), *finder_refresh(choice),
                    *lib_refresh(choice, request), *show_who(choice, request)]

        def load(store, choice, request: gr.Request):  # one event per page load: the queue holds few, the page fills
            return (*chat.load(store, choice), *finder_refresh(choice), *lib_refresh(choice, request),
                    quiz_refresh(choice), *show_who(choice, request))
        lang.change(switch, lang, [*rl.components(), chat.chat, mode_note, *finder_outputs, *lib_outputs, who, logout],
                    api_visibility="private")
        demo.load(load, chat.load_inputs, [*chat.load_outputs, *finder_outputs, *lib_outputs, *quiz_outputs, who, logout],
                  api_visibility="private")
    return demo


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
    # a page load queues 1 event and a question 2 (the answer, then saving the conversation): 64 waiting events never
    # turn away 16 users loading the page and asking at once
    demo.queue(default_concurrency_limit=s.concurrency, max_size=max(64, 16 * s.concurrency))
    kwargs = dict(server_name=host, server_port=port, css=PAGE_CSS, head=PAGE_HEAD, js=page_js(strings("vi")["builtin"]),
                  show_error=False, quiet=False, footer_links=[], max_file_size=f"{int(s.max_file_mb * 1024)}kb",
                  **options)
    kwargs.update(overrides)
    try:
        demo.launch(**kwargs)
    except OSError as exc:  # the port taken between the check and the bind
        raise port_in_use(host, port, exc) from exc
    return demo
