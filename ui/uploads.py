"""Library tab logic: upload checks, atomic save under data_dir/uploads/, ingest, list, delete, the audit view.
Who may act is decided by access.gate for every event on the server, whatever the page shows."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from access.audit import Actor

ALLOWED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc")
ADMIN_ENDPOINTS = ("library_upload", "library_delete", "library_audit")  # api names; each checks the caller's role
AUDIT_ROWS = 50


class UploadRejected(Exception):
    """An upload we refuse; the message names the reason in English, `key` and `params` word it in the page's
    language (prompts/ui_*.json "lib_rej_<key>")."""

    def __init__(self, message: str, key: str = "", **params):
        super().__init__(message)
        self.key, self.params = key, params

    def text(self, lang: str | None) -> str:
        from ui.i18n import t

        return t(lang, f"lib_rej_{self.key}", **self.params) if lang and self.key else str(self)


@dataclass(frozen=True)
class Saved:
    path: Path
    name: str
    replaced: bool


def safe_name(original: str) -> str:
    """A safe base name: directories dropped (both separators), no hidden files, only word characters, '-', '.', '_'."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", original or ""))[-1].strip()
    base = re.sub(r"[^\w.\- ]", "_", base).replace(" ", "_")
    base = re.sub(r"\.{2,}", ".", base).lstrip("._-")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = stem[:100] or "upload"
    return f"{stem}.{ext.lower()}" if ext else stem


def check_upload(original_name: str, size: int, max_bytes: int) -> str:
    """The safe name to save under, or UploadRejected with a clear reason."""
    name = safe_name(original_name)
    ext = os.path.splitext(name)[1].lower()
    if ext in (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz"):
        raise UploadRejected(f"{name}: archives ({ext}) are not accepted; upload the documents themselves "
                             f"({', '.join(ALLOWED_EXTENSIONS)}).", "archive", name=name, ext=ext,
                             allowed=", ".join(ALLOWED_EXTENSIONS))
    if ext not in ALLOWED_EXTENSIONS:
        raise UploadRejected(f"{name}: file type {ext or '(none)'} is not accepted; allowed: {', '.join(ALLOWED_EXTENSIONS)}.",
                             "type", name=name, ext=ext or "—", allowed=", ".join(ALLOWED_EXTENSIONS))
    if size <= 0:
        raise UploadRejected(f"{name}: the file is empty.", "empty", name=name)
    if size > max_bytes:
        raise UploadRejected(f"{name}: {size / 1048576:.1f} MB is over the limit of {max_bytes / 1048576:.1f} MB.", "size",
                             name=name, mb=f"{size / 1048576:.1f}", limit=f"{max_bytes / 1048576:.1f}")
    return name


def save_upload(src: Path | str, original_name: str, settings) -> Saved:
    """Check, then copy to data_dir/uploads/<safe name> via a temp file and os.replace (never a half-written file)."""
    src = Path(src)
    name = check_upload(original_name, src.stat().st_size, settings.max_file_bytes)
    folder = (Path(settings.data_dir) / "uploads").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    dest = (folder / name).resolve()
    if dest.parent != folder:
        raise UploadRejected(f"{original_name}: not a valid file name.", "name", name=original_name)
    fd, tmp = tempfile.mkstemp(prefix=".part-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out)
        replaced = dest.exists()
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Saved(dest, name, replaced)


def report_summary(report, lang: str = "vi") -> str:
    """What an ingest did, in the page's language (the CLI prints IngestReport.summary(), in English): the counts,
    what extraction did to a file (OCR, a legacy encoding, a .doc converted) and the files skipped."""
    from ui.i18n import t

    lines = [t(lang, "lib_summary", added=len(report.added), updated=len(report.updated), unchanged=len(report.unchanged),
               removed=len(report.removed), skipped=len(report.skipped), chunks=report.chunks, seconds=f"{report.seconds:.1f}")]
    lines += [t(lang, "lib_extracted", path=path, note=note) for path, note in report.notes]
    lines += [t(lang, "lib_skipped", path=path, why=why) for path, why in report.skipped]
    if report.repaired:
        lines.append(t(lang, "lib_repaired", n=report.repaired))
    return "\n".join(lines)


def ingest_uploads(container, files: list, progress=None, actor: Actor = Actor("?"),
                   lang: str | None = None) -> tuple[list[Saved], list[str], str]:
    """Save each upload and ingest the saved files. Returns (saved, rejections, ingest summary in `lang`; the CLI's
    English summary when None)."""
    saved, rejected = [], []
    for f in files or []:
        path = Path(getattr(f, "name", None) or str(f))
        original = getattr(f, "orig_name", None) or path.name
        try:
            saved.append(save_upload(path, original, container.settings))
        except UploadRejected as exc:
            rejected.append(exc.text(lang))
            container.library.record_rejection(actor, original, str(exc))
    if not saved:
        return saved, rejected, ""
    report = container.library.add([s.path for s in saved], progress, actor)
    return saved, rejected, report_summary(report, lang) if lang else report.summary()


def delete_document(container, doc_id: str, actor: Actor = Actor("?")) -> str | None:
    """Remove one document from the index (and its uploaded file, when it was one). Returns its source or None."""
    return container.library.delete(doc_id, actor)


def library_rows(records) -> list[list]:
    """[title, source, date, locality, chunks, doc_id] per document, by title."""
    rows = [[r.meta.title or r.source, r.source, r.meta.date or "", r.meta.locality or "", r.n_chunks, r.doc_id]
            for r in records]
    return sorted(rows, key=lambda r: (str(r[0]).lower(), r[1]))


def audit_rows(entries) -> list[list]:
    """[time, who, action, outcome, file, document id, content hash (12), address] per entry, newest first."""
    return [[e.ts, e.who, e.action, e.outcome + (f" ({e.detail})" if e.detail else ""), e.file or "", e.doc_id or "",
             (e.content_hash or "")[:12], e.address or ""] for e in entries]


def verdict_text(lg: str, verdict) -> str:
    """What the Library says when access.gate refuses an action."""
    from ui.i18n import t

    if verdict.status == 429:
        return t(lg, "lib_throttled", s=verdict.retry_after)
    text = t(lg, {401: "lib_bad_password", 403: "lib_denied"}.get(verdict.status, "lib_note_off"))
    return text + (" " + t(lg, "lib_throttled", s=verdict.retry_after) if verdict.retry_after else "")


def build_library_tab(container, lang0: str, rl, lang, after: list[tuple], gate=None, tab=None):
    """Library tab (inside an open gr.Tab): upload + ingest with progress, document list, delete, audit trail.
    `after`: (fn, inputs, outputs) run once the library changed (filter choices, finder). `tab`: the gr.Tab, shown
    on load to admins only when there are accounts. Returns (refresh fn, its outputs) for page load."""
    import pandas as pd

    from ui.i18n import lang_of, t, tl
    from ui.serve import Gatekeeper

    gate = gate or Gatekeeper(container)
    access = container.access
    read_only = getattr(container.store, "read_only", None) is not None
    mode0 = "read_only" if read_only else access.library_mode
    on0 = mode0 == "password"
    note = gr.Markdown(t(lang0, {"password": "lib_note_on", "off": "lib_note_off"}.get(mode0, "lib_note_" + mode0)),
                       elem_id="lib-note")
    with gr.Row():
        pw = rl.add(gr.Textbox(label=t(lang0, "lib_password"), type="password", interactive=on0, elem_id="admin-pw",
                               visible=mode0 in ("password", "off")), label="lib_password")
        files = rl.add(gr.File(label=t(lang0, "lib_files"), file_count="multiple", interactive=on0, elem_id="upload",
                               file_types=list(ALLOWED_EXTENSIONS)), label="lib_files")
    up_btn = rl.add(gr.Button(t(lang0, "lib_upload"), variant="primary", interactive=on0, elem_id="upload-btn"), value="lib_upload")
    status = rl.add(gr.Textbox(label=t(lang0, "lib_status"), interactive=False, lines=3, elem_id="lib-status"), label="lib_status")
    table = gr.Dataframe(interactive=False, wrap=True, elem_id="lib-table", max_height=420,
                         column_widths=["38%", "30%", "12%", "12%", "8%"])
    with gr.Row():
        pick = rl.add(gr.Dropdown([], label=t(lang0, "lib_pick"), interactive=on0, elem_id="lib-pick", scale=3,
                                  allow_custom_value=True), label="lib_pick")  # scripts name a document id; unknown ones are refused
        del_btn = rl.add(gr.Button(t(lang0, "lib_delete"), variant="stop", interactive=on0, elem_id="delete-btn", scale=1),
                         value="lib_delete")
    with gr.Accordion(t(lang0, "lib_audit"), open=False, elem_id="lib-audit-box") as audit_box:
        rl.add(audit_box, label="lib_audit")
        audit_btn = rl.add(gr.Button(t(lang0, "lib_audit_show"), size="sm", interactive=on0, elem_id="audit-btn"),
                           value="lib_audit_show")
        audit_table = gr.Dataframe(interactive=False, wrap=True, elem_id="lib-audit", max_height=360)

    def audit_frame(lg: str, entries=()):
        return pd.DataFrame(audit_rows(entries), columns=tl(lg, "lib_audit_cols"))

    def view(lg: str, request) -> tuple[bool, list]:
        """(may act, updates): what this caller may see and use, decided again on every load."""
        mode = "read_only" if read_only else access.library_mode
        who = gate.principal_of(request) if mode == "accounts" else None
        admin = mode == "password" or (who is not None and who.is_admin)
        key = {"password": "lib_note_on", "off": "lib_note_off", "accounts": "lib_note_accounts" if admin else "lib_denied"}
        shown = [gr.update(value=t(lg, key.get(mode, "lib_note_read_only"))),
                 gr.update(visible=mode in ("password", "off"), interactive=mode == "password")]
        shown += [gr.update(interactive=admin)] * 4  # files, upload, delete, audit
        shown.append(audit_frame(lg, container.audit.recent(AUDIT_ROWS) if admin and mode == "accounts" else ()))
        if tab is not None:
            shown.append(gr.update(visible=True) if admin else gr.update())  # a Gradio tab can be shown, not hidden again
        return admin, shown

    def rows(lang_choice, **pick):
        found = library_rows(container.library.documents())
        frame = pd.DataFrame([r[:5] for r in found], columns=tl(lang_of(lang_choice), "lib_cols"))
        return frame, gr.update(choices=[(f"{r[0]} — {r[1]}", r[5]) for r in found], value=None, **pick)

    def refresh(lang_choice, request: gr.Request = None):
        admin, shown = view(lang_of(lang_choice), request)
        return *rows(lang_choice, interactive=admin), *shown

    def authorize(password, request, action):
        address = gate.address(request) if request is not None else "unknown"
        verdict = access.admin(gate.principal_of(request), password, address, action)
        return verdict, Actor(verdict.principal.name if verdict.principal else "?", address)

    def recent(lg):
        return audit_frame(lg, container.audit.recent(AUDIT_ROWS))

    def upload(chosen, password, lang_choice, request: gr.Request = None, progress=gr.Progress()):
        lg = lang_of(lang_choice)
        verdict, actor = authorize(password, request, "upload")
        if not verdict.ok:
            return verdict_text(lg, verdict), *rows(lang_choice), gr.update(), gr.update()
        if not chosen:
            return t(lg, "lib_no_files"), *rows(lang_choice), gr.update(), recent(lg)
        try:
            saved, rejected, summary = ingest_uploads(
                container, chosen, lambda done, total, name: progress(done / max(total, 1), desc=name or None), actor, lg)
        except Exception as exc:  # RagError or a loader failure: a message, not a traceback
            saved, rejected, summary = [], [str(exc)], ""
        lines = ([t(lg, "lib_saved", names=", ".join(s.name for s in saved))] if saved else []) + [summary] + rejected
        return "\n".join(x for x in lines if x), *rows(lang_choice), gr.update(value=None), recent(lg)

    def delete(doc_id, password, lang_choice, request: gr.Request = None):
        lg = lang_of(lang_choice)
        verdict, actor = authorize(password, request, "delete")
        if not verdict.ok:
            return verdict_text(lg, verdict), *rows(lang_choice), gr.update()
        source = delete_document(container, doc_id, actor) if doc_id else None
        return (t(lg, "lib_deleted", source=source) if source else t(lg, "lib_pick_first")), *rows(lang_choice), recent(lg)

    def show_audit(password, lang_choice, request: gr.Request = None):
        lg = lang_of(lang_choice)
        verdict, _ = authorize(password, request, "audit.read")
        return (verdict_text(lg, verdict), gr.update()) if not verdict.ok else ("", recent(lg))

    one = dict(concurrency_limit=1, concurrency_id="library")  # one ingest/delete at a time
    ev_up = up_btn.click(upload, [files, pw, lang], [status, table, pick, files, audit_table], api_name=ADMIN_ENDPOINTS[0], **one)
    ev_del = del_btn.click(delete, [pick, pw, lang], [status, table, pick, audit_table], api_name=ADMIN_ENDPOINTS[1], **one)
    audit_btn.click(show_audit, [pw, lang], [status, audit_table], api_name=ADMIN_ENDPOINTS[2])
    for ev in (ev_up, ev_del):
        for fn, inputs, outputs in after:
            ev = ev.then(fn, inputs, outputs)
    return refresh, [table, pick, note, pw, files, up_btn, del_btn, audit_btn, audit_table] + ([tab] if tab is not None else [])
