"""Library tab logic: the admin check, upload checks, atomic save under data_dir/uploads/, ingest, list, delete."""
from __future__ import annotations

import hmac
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ALLOWED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


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


def admin_enabled(settings) -> bool:
    pw = settings.admin_password
    return pw is not None and bool(pw.get_secret_value())


def check_password(settings, given: str | None) -> bool:
    """Constant-time comparison with settings.admin_password; always False when none is set."""
    if not admin_enabled(settings):
        return False
    return hmac.compare_digest((given or "").encode("utf-8"), settings.admin_password.get_secret_value().encode("utf-8"))


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
    """What an ingest did, in the page's language (the CLI prints IngestReport.summary(), in English)."""
    from ui.i18n import t

    lines = [t(lang, "lib_summary", added=len(report.added), updated=len(report.updated), unchanged=len(report.unchanged),
               removed=len(report.removed), skipped=len(report.skipped), chunks=report.chunks, seconds=f"{report.seconds:.1f}")]
    lines += [t(lang, "lib_skipped", path=path, why=why) for path, why in report.skipped]
    return "\n".join(lines)


def ingest_uploads(container, files: list, progress=None, lang: str | None = None) -> tuple[list[Saved], list[str], str]:
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
    if not saved:
        return saved, rejected, ""
    report = container.library.add([s.path for s in saved], progress)
    return saved, rejected, report_summary(report, lang) if lang else report.summary()


def delete_document(container, doc_id: str) -> str | None:
    """Remove one document from the index (and its uploaded file, when it was one). Returns its source or None."""
    return container.library.delete(doc_id)


def library_rows(records) -> list[list]:
    """[title, source, date, locality, chunks, doc_id] per document, by title."""
    rows = [[r.meta.title or r.source, r.source, r.meta.date or "", r.meta.locality or "", r.n_chunks, r.doc_id]
            for r in records]
    return sorted(rows, key=lambda r: (str(r[0]).lower(), r[1]))


def build_library_tab(container, lang0: str, rl, lang, after: list[tuple]):
    """Library tab (inside an open gr.Tab): upload + ingest with progress, document list, delete. `after`: (fn, inputs,
    outputs) run once the library changed (filter choices, finder). Returns (refresh fn, its outputs) for page load."""
    import gradio as gr
    import pandas as pd

    from ui.i18n import lang_of, t, tl

    settings, on = container.settings, admin_enabled(container.settings)
    rl.add(gr.Markdown(t(lang0, "lib_note_on" if on else "lib_note_off"), elem_id="lib-note"),
           value="lib_note_on" if on else "lib_note_off")
    with gr.Row():
        pw = rl.add(gr.Textbox(label=t(lang0, "lib_password"), type="password", interactive=on, elem_id="admin-pw"),
                    label="lib_password")
        files = rl.add(gr.File(label=t(lang0, "lib_files"), file_count="multiple", interactive=on, elem_id="upload",
                               file_types=list(ALLOWED_EXTENSIONS)), label="lib_files")
    up_btn = rl.add(gr.Button(t(lang0, "lib_upload"), variant="primary", interactive=on, elem_id="upload-btn"), value="lib_upload")
    status = rl.add(gr.Textbox(label=t(lang0, "lib_status"), interactive=False, lines=3, elem_id="lib-status"), label="lib_status")
    table = gr.Dataframe(interactive=False, wrap=True, elem_id="lib-table", max_height=420,
                         column_widths=["38%", "30%", "12%", "12%", "8%"])
    with gr.Row():
        pick = rl.add(gr.Dropdown([], label=t(lang0, "lib_pick"), interactive=on, elem_id="lib-pick", scale=3), label="lib_pick")
        del_btn = rl.add(gr.Button(t(lang0, "lib_delete"), variant="stop", interactive=on, elem_id="delete-btn", scale=1),
                         value="lib_delete")

    def refresh(lang_choice):
        rows = library_rows(container.library.documents())
        frame = pd.DataFrame([r[:5] for r in rows], columns=tl(lang_of(lang_choice), "lib_cols"))
        return frame, gr.update(choices=[(f"{r[0]} — {r[1]}", r[5]) for r in rows], value=None)

    def upload(chosen, password, lang_choice, progress=gr.Progress()):
        lg = lang_of(lang_choice)
        if not check_password(settings, password):
            return t(lg, "lib_bad_password"), *refresh(lang_choice), gr.update()
        if not chosen:
            return t(lg, "lib_no_files"), *refresh(lang_choice), gr.update()
        try:
            saved, rejected, summary = ingest_uploads(
                container, chosen, lambda done, total, name: progress((done, max(total, 1)), desc=name or None), lg)
        except Exception as exc:  # RagError or a loader failure: a message, not a traceback
            saved, rejected, summary = [], [str(exc)], ""
        lines = ([t(lg, "lib_saved", names=", ".join(s.name for s in saved))] if saved else []) + [summary] + rejected
        return "\n".join(x for x in lines if x), *refresh(lang_choice), gr.update(value=None)

    def delete(doc_id, password, lang_choice):
        lg = lang_of(lang_choice)
        if not check_password(settings, password):
            return t(lg, "lib_bad_password"), *refresh(lang_choice)
        source = delete_document(container, doc_id) if doc_id else None
        return (t(lg, "lib_deleted", source=source) if source else t(lg, "lib_pick_first")), *refresh(lang_choice)

    one = dict(concurrency_limit=1, concurrency_id="library")  # one ingest/delete at a time
    ev_up = up_btn.click(upload, [files, pw, lang], [status, table, pick, files], **one)
    ev_del = del_btn.click(delete, [pick, pw, lang], [status, table, pick], **one)
    for ev in (ev_up, ev_del):
        for fn, inputs, outputs in after:
            ev = ev.then(fn, inputs, outputs)
    return refresh, [table, pick]
