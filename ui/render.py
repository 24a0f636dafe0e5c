"""Pure rendering of the chat: answers, citation cards, the document viewer and the Markdown export.

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
    title = esc(c.get("title") or source_label(c.get("source")))  # a document is named by its title, not its file
    ck = "ck-" + re.sub(r"[^0-9]+", "-", key)  # the sanitizer drops data-*; a class survives
    return (f'<div class="cite-card {ck}"><div class="cite-title"><b>[{int(c.get("n", 0))}]</b> {title}</div>'
            f'<div class="cite-meta">{_meta_line(c, labels)}</div>'
            f'<blockquote class="cite-para">{para}</blockquote>'
            f'<div class="cite-open">{esc(labels["open_hint"])}</div></div>')


def source_label(source: str | None) -> str:
    """A source without a title, as a reader recognises it: its file name without folders."""
    return re.split(r"[\\/]", source or "")[-1]


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
    return [(f"{i + 1}·[{c['n']}] {c.get('title') or source_label(c.get('source'))}"[:90], f"{i}.{c['n']}")
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
