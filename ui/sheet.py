"""A workshop round as a printable DOCX sheet (python-docx), for rooms with no screen: the questions with their
options, then, on a page of its own, the answer key with the passage and document that state each answer."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

LETTERS = "ABCDEFGH"


def write_sheet(questions: list[dict], prompts: list[str], labels: dict, number: int) -> Path:
    """`questions`: a round's questions (dicts); `prompts`: each one's question text in the page's language;
    `labels`: title, instructions, key, answer, source. Returns the path of the .docx."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(12)
    doc.add_heading(labels["sheet_title"].format(n=number), level=1)
    doc.add_paragraph(labels["sheet_instructions"])
    for i, (q, prompt) in enumerate(zip(questions, prompts), 1):
        p = doc.add_paragraph()
        p.add_run(f"{i}. {prompt}").bold = True
        if q["kind"] == "blank" and q.get("text"):
            doc.add_paragraph().add_run(q["text"]).italic = True
        for j, option in enumerate(q["options"]):
            doc.add_paragraph(f"{LETTERS[j]}. {option}", style="List Paragraph")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # the key on its own page: the sheet can be handed out
    doc.add_heading(labels["sheet_key"].format(n=number), level=1)
    for i, q in enumerate(questions, 1):
        right = q["options"][q["answer"]]
        p = doc.add_paragraph()
        p.add_run(f"{i}. {LETTERS[q['answer']]} — {right}").bold = True
        where = ", ".join(x for x in (q.get("title"), q.get("locality")) if x)
        if where:
            doc.add_paragraph(f"{labels['sheet_source']}: {where}")
        if q.get("quote"):
            run = doc.add_paragraph().add_run("“" + " ".join(q["quote"].split()) + "”")
            run.italic, run.font.size = True, Pt(10)
    safe = re.sub(r"[^\w-]+", "_", labels["sheet_file"].format(n=number))
    path = Path(tempfile.mkdtemp(prefix="rag-sheet-")) / f"{safe}.docx"
    doc.save(path)
    return path
