"""Pure rendering: answers, citation cards, the document viewer, finder rows and the Markdown export.

Every piece of document text, question or answer passes through `esc` before it becomes HTML, so nothing a
document or a user writes can add markup or script. Output is one line of HTML (no blank lines), so the
chat's Markdown renderer passes it through as a single HTML block.
"""
from __future__ import annotations

import html
import re
from typing import Callable, Iterable

QUOTE_MARK_ID = "quote-mark"
_EXTRA = {ord("{"): "&#123;", ord("}"): "&#125;", ord("$"): "&#36;", ord("`"): "&#96;", ord("\\"): "&#92;"}
_CITE = re.compile(r"\[(\d{1,3})\]")


def esc(text: object) -> str:
    """HTML-escape, and neutralise template/LaTeX/Markdown-code characters; newlines become <br>."""
    s = html.escape("" if text is None else str(text), quote=True).translate(_EXTRA)
    return s.replace("\r\n", "\n").replace("\n", "<br>")


def _inline(line: str) -> str:
    s = esc(line)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", s)
    return _CITE.sub(r'<sup class="cite-n">[\1]</sup>', s)


def answer_body_html(text: str) -> str:
    """The answer's own small Markdown (paragraphs, "- " bullets, *italic*, **bold**, [n]) as safe HTML."""
    out: list[str] = []
    items: list[str] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if line.startswith(("- ", "* ")):
            items.append(f"<li>{_inline(line[2:])}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line:
            out.append(f"<p>{_inline(line)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "".join(out)


def context_window(text: str, start: int, end: int, width: int = 300) -> tuple[str, str, str, bool, bool]:
    """(before, quote, after, cut_before, cut_after): the quote inside its paragraph, at most ~`width` chars each side."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    lo, hi = max(para_start, start - width), min(para_end, end + width)
    if lo > para_start:
        sp = text.find(" ", lo, start)
        lo = sp + 1 if sp >= 0 else lo
    if hi < para_end:
        sp = text.rfind(" ", end, hi)
        hi = sp if sp >= 0 else hi
    return text[lo:start], text[start:end], text[end:hi], lo > para_start, hi < para_end


def _meta_line(c: dict, labels: dict) -> str:
    bits = []
    if c.get("locality"):
        bits.append(f'<span class="cite-loc">{esc(labels["locality"])}: {esc(c["locality"])}</span>')
    if c.get("date"):
        bits.append(f'<span class="cite-date">{esc(labels["date"])}: {esc(c["date"])}</span>')
    if c.get("heading"):
        bits.append(f'<span class="cite-head">{esc(c["heading"])}</span>')
    if c.get("ocr"):  # a quote from a scanned page may hold recognition errors
        bits.append(f'<span class="cite-ocr">{esc(labels.get("ocr", "OCR"))}</span>')
    return " · ".join(bits)


def citation_card(c: dict, doc_text: str | None, labels: dict, key: str = "") -> str:
    """One citation: number, title, locality, date, and the quote highlighted inside its paragraph."""
    quote = c.get("quote", "")
    if doc_text and doc_text[c.get("start", 0):c.get("end", 0)] == quote:
        before, q, after, cut_b, cut_a = context_window(doc_text, c["start"], c["end"])
    else:
        before, q, after, cut_b, cut_a = "", quote, "", False, False
    para = ("… " if cut_b else "") + esc(before) + f"<mark>{esc(q)}</mark>" + esc(after) + (" …" if cut_a else "")
    title = esc(c.get("title") or c.get("source") or "")
    ck = "ck-" + re.sub(r"[^0-9]+", "-", key)  # the sanitizer drops data-*; a class survives
    return (f'<div class="cite-card {ck}"><div class="cite-title"><b>[{int(c.get("n", 0))}]</b> {title}</div>'
            f'<div class="cite-meta">{_meta_line(c, labels)}</div>'
            f'<div class="cite-source">{esc(c.get("source", ""))}</div>'
            f'<blockquote class="cite-para">{para}</blockquote>'
            f'<div class="cite-open">{esc(labels["open_hint"])}</div></div>')


def answer_html(turn: dict, get_text: Callable[[str], str | None], labels: dict, turn_no: int = 0) -> str:
    """The assistant message: answer body, then its citation cards (the same HTML for live chat and history)."""
    cards = []
    for c in turn.get("citations", []):
        text = get_text(c["doc_id"]) if c.get("doc_id") else None
        cards.append(citation_card(c, text, labels, f"{turn_no}.{c.get('n')}"))
    heading = f'<div class="cite-heading">{esc(labels["sources"])}</div>' if cards else ""
    note = f'<div class="answer-note">{esc(turn["note"])}</div>' if turn.get("note") else ""
    return (f'<div class="answer">{note}<div class="answer-body">{answer_body_html(turn.get("answer", ""))}</div>'
            f'{heading}<div class="cite-cards">{"".join(cards)}</div></div>')


def messages(turns: list[dict]) -> list[dict]:
    out = []
    for turn in turns:
        out += [{"role": "user", "content": plain_html(turn["question"])},
                {"role": "assistant", "content": turn["html"]}]
    return out


def cite_choices(turns: list[dict]) -> list[tuple[str, str]]:
    return [(f"{i + 1}·[{c['n']}] {c.get('title') or c.get('source')}"[:90], f"{i}.{c['n']}")
            for i, turn in enumerate(turns) for c in turn.get("citations", [])]


def plain_html(text: str) -> str:
    """Streaming partial text or a message: escaped, inside one HTML block."""
    return f'<div class="answer-partial">{esc(text)}</div>'


def document_html(title: str, text: str, start: int | None = None, end: int | None = None) -> str:
    """The whole cleaned document in a scrollable box; the quote in <mark id="quote-mark"> to scroll to."""
    if start is not None and end is not None and 0 <= start <= end <= len(text):
        body = esc(text[:start]) + f'<mark id="{QUOTE_MARK_ID}">{esc(text[start:end])}</mark>' + esc(text[end:])
    else:
        body = esc(text)
    return (f'<div class="doc-view"><h3>{esc(title)}</h3>'
            f'<div class="doc-scroll" style="max-height:60vh;overflow:auto;position:relative">{body}</div></div>')


SCROLL_JS = ("() => { setTimeout(() => { const m = document.getElementById('%s'); const box = m && m.closest('.doc-scroll');"
             " if (box) box.scrollTop = Math.max(0, m.offsetTop - box.clientHeight / 3); }, 150); }" % QUOTE_MARK_ID)


PAGE_CSS = """
#cite-key {display: none !important}
.cite-card {border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin: 6px 0}
.cite-meta, .cite-source {font-size: 0.85em; opacity: 0.8}
.cite-para {margin: 6px 0; padding-left: 8px; border-left: 3px solid var(--color-accent)}
.cite-open {cursor: pointer; color: var(--link-text-color); font-size: 0.9em; text-decoration: underline}
.answer-note {font-size: 0.85em; font-style: italic; opacity: 0.8}
mark {background: #ffe58a; color: inherit}
"""
# A click on "open the whole document" in a citation card (inside the chat) sets the hidden #cite-key box.
PAGE_JS = """() => { document.addEventListener('click', (e) => {
  const b = e.target.closest ? e.target.closest('.cite-open') : null; if (!b) return;
  const card = b.closest('.cite-card'); const box = document.querySelector('#cite-key textarea, #cite-key input');
  const m = card ? card.className.match(/ck-(\\d+)-(\\d+)/) : null;
  if (!m || !box) return; box.value = m[1] + '.' + m[2] + '#' + Date.now();
  box.dispatchEvent(new Event('input', {bubbles: true})); }); }"""


# ---- regulation finder
def _card_get(card, name, default=None):
    return card.get(name, default) if isinstance(card, dict) else getattr(card, name, default)


def _join(v) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return "; ".join(str(x) for x in v if x)


def regulation_row(card, lang: str = "vi") -> list[str]:
    """[code, type, issuer, date, subject, cited by] of one regulation card, as plain strings."""
    dtype = _card_get(card, "type_en") if lang == "en" and _card_get(card, "type_en") else _card_get(card, "type")
    dates = _card_get(card, "dates") or []
    date = dates if isinstance(dates, str) else (sorted(str(d) for d in dates if d)[:1] or [""])[0]
    cited = _card_get(card, "citations") or []
    n_cited = len({_card_get(x, "source") or _card_get(x, "doc_id") or i for i, x in enumerate(cited)}) if not isinstance(cited, int) else cited
    subjects = _card_get(card, "subjects") or []
    return [str(_card_get(card, "code") or _card_get(card, "name") or _card_get(card, "key") or ""), _join(dtype), _join(_card_get(card, "issuers")), date,
            _join(subjects[:2] if isinstance(subjects, list) else subjects), str(n_cited)]


def filter_rows(rows: list[list[str]], query: str = "", sort_col: int = 0, descending: bool = False) -> list[list[str]]:
    """Rows whose any cell contains every word of `query` (case/diacritics-insensitive), sorted by a column."""
    from vntext.codes import fold_text

    words = fold_text(query or "").split()
    keep = [r for r in rows if all(w in fold_text(" ".join(r)) for w in words)]

    def key(r):
        v = r[sort_col] if 0 <= sort_col < len(r) else ""
        return (0, float(v), "") if v.replace(".", "", 1).isdigit() else (1, 0.0, fold_text(v))
    return sorted(keep, key=key, reverse=descending)


def regulation_detail_html(card, labels: dict, lang: str = "vi") -> str:
    """One regulation: its facts, every citing passage (the mention highlighted), disagreements and relations."""
    row = regulation_row(card, lang)
    issuers = list(_card_get(card, "issuers") or ())
    if lang == "en":
        en = list(_card_get(card, "issuer_en") or ())
        issuers = [f"{v} ({en[i]})" if i < len(en) and en[i] else v for i, v in enumerate(issuers)]
    facts = [(labels["type"], row[1]), (labels["issuer"], "; ".join(issuers)),
             (labels["date"], "; ".join(_card_get(card, "dates") or ())), (labels["subject"], _join(_card_get(card, "subjects")))]
    dl = "".join(f"<li><b>{esc(k)}:</b> {esc(v)}</li>" for k, v in facts if v)
    flags = _card_get(card, "flags") or ()
    flag_html = (f'<div class="reg-flags"><b>⚠ {esc(labels["flags"])}</b><ul>'
                 + "".join(f"<li>{esc(f)}</li>" for f in flags) + "</ul></div>") if flags else ""
    rels = _card_get(card, "relations") or ()
    kinds = labels.get("kinds", {})
    rel_html = (f"<h4>{esc(labels.get('relations', ''))}</h4><ul>" + "".join(
        f"<li>{esc(_card_get(r, 'from_code'))} — {esc(kinds.get(_card_get(r, 'kind'), _card_get(r, 'kind')))} — "
        f"{esc(_card_get(r, 'to_code'))}</li>" for r in rels) + "</ul>") if rels else ""
    cites = []
    for c in _card_get(card, "citations") or ():
        quote, written = _card_get(c, "quote") or "", _card_get(c, "written") or ""
        at = quote.find(written) if written else -1
        body = (esc(quote[:at]) + f"<mark>{esc(written)}</mark>" + esc(quote[at + len(written):])) if at >= 0 else esc(quote)
        where = " · ".join(esc(x) for x in (_card_get(c, "source"), _card_get(c, "locality")) if x)
        cites.append(f'<li class="reg-cite"><div class="cite-source">{where}</div><blockquote class="cite-para">{body}</blockquote></li>')
    return (f'<div class="reg-detail"><h3>{esc(row[0])}</h3><ul>{dl}</ul>{flag_html}{rel_html}'
            f'<h4>{esc(labels["cited_by"])} ({len(cites)})</h4><ul class="reg-cites">{"".join(cites)}</ul></div>')


def timeline_points(cards, lang: str = "vi") -> list[dict]:
    """One point per dated regulation: {date, type, code} for the finder's timeline chart."""
    out = []
    for c in cards:
        for d in sorted(set(_card_get(c, "dates") or ()))[:1]:
            row = regulation_row(c, lang)
            out.append({"date": d, "type": row[1] or "?", "code": row[0]})
    return out


# ---- export
def conversation_markdown(turns: Iterable[dict], labels: dict) -> str:
    """The conversation as Markdown: each question, its answer, and its citations with quotes and sources."""
    out = [f"# {labels['export_title']}", ""]
    for i, t in enumerate(turns, 1):
        out += [f"## {i}. {t.get('question', '')}", "", t.get("answer", ""), ""]
        if t.get("citations"):
            out += [f"**{labels['sources']}**", ""]
            for c in t["citations"]:
                meta = ", ".join(x for x in (c.get("locality"), c.get("date"), c.get("ocr") and labels.get("ocr")) if x)
                out.append(f"[{c.get('n')}] {c.get('title') or c.get('source')}" + (f" ({meta})" if meta else "")
                           + f" — `{c.get('source', '')}` {c.get('start')}–{c.get('end')}")
                out.append("    > " + " ".join((c.get("quote") or "").split()))
            out.append("")
    return "\n".join(out).rstrip() + "\n"
