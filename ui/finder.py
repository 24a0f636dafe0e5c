"""The regulation finder tab: search the documents the corpus cites (through container.regulations), a table ranked
or sorted, a timeline of issuing dates, and one document's card with every citing passage."""
from __future__ import annotations

import logging

import gradio as gr

from ui.i18n import lang_of, strings, t, tl
from ui.render import esc

log = logging.getLogger(__name__)
RELEVANCE = -1  # the sort choice that keeps the search's ranking


def row(view) -> list[str]:
    """[code, type, issuers, first date, subject, number of citing passages] of one card view."""
    return [view.code, view.type, "; ".join(view.issuers), (sorted(view.dates)[:1] or [""])[0], view.subject,
            str(len(view.passages))]


def sort_rows(rows: list[list[str]], col: int, descending: bool) -> list[list[str]]:
    """Rows sorted by one column (numbers as numbers); RELEVANCE keeps their order."""
    if col == RELEVANCE or not 0 <= col < 6:
        return rows

    def key(r):
        v = r[col]
        return (0, float(v), "") if v.replace(".", "", 1).isdigit() else (1, 0.0, v.casefold())
    return sorted(rows, key=key, reverse=descending)


def detail_html(view, labels: dict) -> str:
    """One document: its facts, other spellings of its code, disagreements, relations, and every citing passage
    (the mention highlighted) under the title of the document it is in."""
    facts = [(labels["type"], view.type), (labels["issuer"], "; ".join(view.issuers)), (labels["date"], "; ".join(view.dates)),
             (labels["subject"], view.subject), (labels["variants"], "; ".join(view.variants))]
    dl = "".join(f"<li><b>{esc(k)}:</b> {esc(v)}</li>" for k, v in facts if v)
    flags = (f'<div class="reg-flags"><b>⚠ {esc(labels["flags"])}</b><ul>'
             + "".join(f"<li>{esc(f)}</li>" for f in view.flags) + "</ul></div>") if view.flags else ""
    rels = (f"<h4>{esc(labels['relations'])}</h4><ul>" + "".join(f"<li>{esc(r)}</li>" for r in view.relations)
            + "</ul>") if view.relations else ""
    cites = []
    for p in view.passages:
        at = p.quote.find(p.written) if p.written else -1
        body = (esc(p.quote[:at]) + f"<mark>{esc(p.written)}</mark>" + esc(p.quote[at + len(p.written):])) if at >= 0 else esc(p.quote)
        where = " · ".join(esc(x) for x in (p.title, p.locality) if x)
        cites.append(f'<li class="reg-cite"><div class="cite-source">{where}</div><blockquote class="cite-para">{body}</blockquote></li>')
    return (f'<div class="reg-detail"><h3>{esc(view.code)}</h3><ul>{dl}</ul>{flags}{rels}'
            f'<h4>{esc(labels["cited_by"])} ({len(cites)})</h4><ul class="reg-cites">{"".join(cites)}</ul></div>')


def timeline_points(views) -> list[dict]:
    """One point per dated document: {date, type, code} for the timeline chart."""
    return [{"date": sorted(v.dates)[0], "type": v.type or "?", "code": v.code} for v in views if v.dates]


def type_choices(regs) -> dict:
    """The document-type dropdown: "—" (any type), then each type the index holds; only "—" when it cannot load."""
    try:
        types = regs.types()
    except Exception:  # the index failing to load: the tab says so elsewhere, the page keeps working
        log.exception("regulation index unavailable")
        types = []
    return gr.update(choices=[("—", "")] + [(x, x) for x in types], value="")


def build_finder_tab(container, lang0: str, rl, lang):
    """The finder's content (inside an open gr.Tab). Returns (refresh fn, its outputs) for page load and after uploads."""
    import pandas as pd

    regs = container.regulations
    cols = lambda lg: tl(lg, "finder_cols")  # noqa: E731
    sorts = lambda lg: [(t(lg, "finder_relevance"), RELEVANCE)] + [(c, i) for i, c in enumerate(cols(lg))]  # noqa: E731
    with gr.Row():
        query = rl.add(gr.Textbox(label=t(lang0, "finder_query"), elem_id="finder-q", scale=3, min_width=220), label="finder_query")
        dtype = rl.add(gr.Dropdown([], label=t(lang0, "finder_type"), elem_id="finder-type", scale=2, min_width=150), label="finder_type")
        sort = rl.add(gr.Dropdown(sorts(lang0), value=RELEVANCE, label=t(lang0, "finder_sort"), scale=2, min_width=150,
                                  elem_id="finder-sort"), label="finder_sort", choices=sorts)
        desc = rl.add(gr.Checkbox(True, label=t(lang0, "finder_desc"), scale=1, min_width=100), label="finder_desc")
    note = gr.Markdown("", elem_id="finder-note")
    table = gr.Dataframe(interactive=False, wrap=True, elem_id="finder-table", max_height=380,
                         column_widths=["14%", "11%", "17%", "11%", "38%", "9%"])
    keys = gr.State([])
    timeline = rl.add(gr.ScatterPlot(x="year", y="type", color="type", tooltip=["code", "date", "type"], height=260,
                                     x_title=t(lang0, "finder_x"), y_title=t(lang0, "finder_y"), color_title=" ", x_axis_format="d",
                                     label=t(lang0, "finder_timeline"), elem_id="finder-timeline"),
                      label="finder_timeline", x_title="finder_x", y_title="finder_y")
    pick = rl.add(gr.Dropdown([], label=t(lang0, "finder_pick"), elem_id="finder-pick"), label="finder_pick")
    detail = gr.HTML("", elem_id="finder-detail", js_on_load=None)

    def search(q, doc_type, sort_col, descending, lang_choice):
        lg = lang_of(lang_choice)
        try:
            views = [regs.view(f.card, lg) for f in regs.search(q or "", doc_type or None)]
        except Exception:  # the index failing to load: the tab says so, the page keeps working
            log.exception("regulation index unavailable")
            return t(lg, "finder_missing"), pd.DataFrame(columns=cols(lg)), [], None, gr.update(choices=[])
        by_key = {v.key: v for v in views}
        rows = sort_rows([row(v) + [v.key] for v in views], int(RELEVANCE if sort_col is None else sort_col), bool(descending))
        ks = [r[-1] for r in rows]
        plot = pd.DataFrame(timeline_points(by_key[k] for k in ks) or [], columns=["date", "type", "code"])
        when = pd.to_datetime(plot["date"], errors="coerce")
        plot = plot.assign(year=(when.dt.year + (when.dt.day_of_year - 1) / 366).round(2))
        note_key = "finder_found" if (q or "").strip() else "finder_count"
        return (t(lg, note_key, n=len(rows)), pd.DataFrame([r[:6] for r in rows], columns=cols(lg)), ks,
                plot.dropna(subset=["year"]), gr.update(choices=[(r[0], k) for r, k in zip(rows, ks)]))

    def refresh(lang_choice):
        return type_choices(regs), *search("", "", RELEVANCE, True, lang_choice)

    def show(key, lang_choice):
        lg = lang_of(lang_choice)
        card = regs.card(key) if key else None
        return detail_html(regs.view(card, lg), strings(lg)["finder_labels"]) if card else ""

    def select_row(ks, evt: gr.SelectData):
        r = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        return ks[r] if isinstance(r, int) and 0 <= r < len(ks) else gr.update()

    outs = [note, table, keys, timeline, pick]
    private = dict(show_progress="hidden", api_visibility="private")
    query.submit(search, [query, dtype, sort, desc, lang], outs, **private)
    query.change(search, [query, dtype, sort, desc, lang], outs, trigger_mode="always_last", **private)
    for ev in (dtype.change, sort.change, desc.change):
        ev(search, [query, dtype, sort, desc, lang], outs, **private)
    table.select(select_row, keys, pick, api_visibility="private")
    pick.change(show, [pick, lang], detail, api_visibility="private")
    return refresh, [dtype, *outs]
