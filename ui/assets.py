"""The page's CSS and JavaScript: layout for phones and projectors, the workshop countdown, opening a document from
a citation card, and Gradio's own built-in labels ("Drop File Here") in the page's language."""
from __future__ import annotations

import json

PAGE_CSS = """
#cite-key {display: none !important}
#header {flex-wrap: wrap; align-items: center; gap: 4px 12px}
#title-md {flex: 1 1 300px; min-width: 0 !important}
#title-md h2 {margin: 4px 0; word-break: normal; overflow-wrap: normal; hyphens: none}
#lang {flex: 0 0 auto; min-width: 0 !important}
.cite-card {border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin: 6px 0}
.cite-card, .answer, .doc-view, .reg-detail {overflow-wrap: anywhere}
.cite-meta, .cite-source {font-size: 0.85em; opacity: 0.8}
.cite-para {margin: 6px 0; padding-left: 8px; border-left: 3px solid var(--color-accent)}
.cite-open {cursor: pointer; color: var(--link-text-color); font-size: 0.9em; text-decoration: underline}
.answer-note {font-size: 0.85em; font-style: italic; opacity: 0.8}
mark {background: #ffe58a; color: inherit}
#conv-list .wrap {flex-direction: column; align-items: stretch}
/* workshop: a projector at the back of a room */
#quiz-stage {font-size: 1.5rem; line-height: 1.45}
#quiz-stage .quiz-n {font-size: 1.1rem; opacity: 0.75; margin: 0}
#quiz-stage .quiz-prompt {font-size: 2.1rem; font-weight: 600; margin: 0.3em 0}
#quiz-stage .quiz-sentence {font-size: 1.7rem; font-style: italic; margin: 0.3em 0}
#quiz-stage ol.quiz-options {list-style: upper-alpha; padding-left: 2.2em; margin: 0.4em 0}
#quiz-stage ol.quiz-options li {font-size: 1.8rem; margin: 0.25em 0; padding: 0.1em 0.3em; border-radius: 6px}
#quiz-stage ol.quiz-options li.right {background: #c8f0c8; font-weight: 700}
#quiz-stage .cite-para, #quiz-stage .cite-source {font-size: 1.2rem}
.quiz-countdown {font-size: 2.4rem; font-weight: 700; font-variant-numeric: tabular-nums}
.quiz-countdown .cd-end {display: none}
.quiz-countdown.cd-over .cd-num {display: none}
.quiz-countdown.cd-over .cd-end {display: inline; color: #c0392b}
table.quiz-board {font-size: 1.4rem; border-collapse: collapse}
table.quiz-board td, table.quiz-board th {padding: 2px 14px; border-bottom: 1px solid var(--border-color-primary)}
#quiz-review h3 {font-size: 1.9rem}
#quiz-review ol.quiz-review li {font-size: 1.3rem; margin-bottom: 0.8em}
#quiz-review .cite-para, #quiz-review .cite-source {font-size: 1.1rem}
#quiz-stage:fullscreen {background: var(--body-background-fill); padding: 3vw; overflow: auto}
@media (max-width: 600px) {
  #title-md h2 {font-size: 1.2rem; line-height: 1.3}
  #lang {flex-basis: 100%}
  #chat {height: 68vh !important}
  #quiz-stage {font-size: 1.1rem}
  #quiz-stage .quiz-prompt {font-size: 1.4rem}
  #quiz-stage .quiz-sentence, #quiz-stage ol.quiz-options li {font-size: 1.2rem}
}
"""

# Gradio scopes PAGE_CSS inside its container; the page's own side padding is outside it, so it goes in <head>.
PAGE_HEAD = """<style>@media (max-width: 600px) {
  .gradio-container .main.app {padding-left: 8px !important; padding-right: 8px !important}
}</style>"""

_JS = """() => {
  // A click on "open the whole document" in a citation card (inside the chat) sets the hidden #cite-key box.
  document.addEventListener('click', (e) => {
    const b = e.target.closest ? e.target.closest('.cite-open') : null; if (!b) return;
    const card = b.closest('.cite-card'); const box = document.querySelector('#cite-key textarea, #cite-key input');
    const m = card ? card.className.match(/ck-(\\d+)-(\\d+)/) : null;
    if (!m || !box) return; box.value = m[1] + '.' + m[2] + '#' + Date.now();
    box.dispatchEvent(new Event('input', {bubbles: true}));
  });
  // The workshop: full screen for the presenter; each question's countdown ("cd-30": 30 seconds) ticks here.
  document.addEventListener('click', (e) => {
    if (!(e.target.closest && e.target.closest('#quiz-fullscreen'))) return;
    const stage = document.querySelector('#quiz-stage');
    if (document.fullscreenElement) document.exitFullscreen(); else if (stage && stage.requestFullscreen) stage.requestFullscreen();
  });
  setInterval(() => document.querySelectorAll('.quiz-countdown').forEach((el) => {
    if (!el._end) { const m = el.className.match(/cd-(\\d+)/); el._end = Date.now() + (m ? +m[1] : 30) * 1000; }
    const left = Math.max(0, Math.ceil((el._end - Date.now()) / 1000));
    const num = el.querySelector('.cd-num'); if (num && num.textContent !== String(left)) num.textContent = String(left);
    if (left === 0) el.classList.add('cd-over');
  }), 250);
  // Gradio's own labels follow the page's language switch, not the browser's locale.
  const T = __BUILTIN__, done = new WeakMap();  // text node -> the English it had
  const lang = () => { const c = document.querySelector('#lang input:checked'); return c && c.value === 'English' ? 'en' : 'vi'; };
  let queued = false;
  const relabel = () => {
    queued = false; const vi = lang() === 'vi';
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n;
    while ((n = walk.nextNode())) {
      const s = n.nodeValue.trim(); if (!s || s.length > 40) continue;
      if (vi && T[s] !== undefined) { done.set(n, s); n.nodeValue = n.nodeValue.replace(s, T[s]); }
      else if (!vi && done.has(n)) { const en = done.get(n); done.delete(n); if (s === T[en]) n.nodeValue = n.nodeValue.replace(s, en); }
    }
  };
  const later = () => { if (!queued) { queued = true; setTimeout(relabel, 60); } };
  new MutationObserver(later).observe(document.body, {childList: true, subtree: true, characterData: true});
  document.addEventListener('change', later); later();
}"""


def page_js(builtin_vi: dict[str, str]) -> str:
    """The page's script; `builtin_vi`: Gradio's English built-in labels -> the page's Vietnamese for them."""
    return _JS.replace("__BUILTIN__", json.dumps(builtin_vi, ensure_ascii=False))
