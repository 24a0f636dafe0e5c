"""The answer's text: the direct answer in bold with its citation, then the verbatim quotes, each labelled with where
it comes from; or a refusal that says what the documents do not give and shows the nearest passages."""
from __future__ import annotations

from answer.answerability import Verdict
from answer.citations import passage_opening
from answer.compose import Composition
from answer.frames import Frames
from answer.mention import mentioned_matter, says_so
from core.types import Answer, AnswerType, Citation, QuestionFrame, Retrieval


class AnswerWriter:
    def __init__(self, frames: Frames, words, units, mention_share: float, regulations=None):
        """`words`: the text analyzer that reads a quote's words; `units`: the lexicon's unit terms (their English
        names); `regulations`: names the legal text a quote's article belongs to."""
        self.frames, self.words, self.units, self.mention_share = frames, words, units, mention_share
        self.regulations = regulations

    def extractive(self, frame: QuestionFrame, retrieval: Retrieval, comp: Composition, lang: str) -> Answer:
        head = []
        matter = mentioned_matter(frame)
        if matter and comp.citations and says_so(matter, comp.citations[0].quote, self.words,
                                                          self.mention_share):
            head = [f"**{self.frames.get(lang, 'yes')}** [1]", ""]  # the documents do say it
        elif comp.items:
            head = [", ".join(f"**{text}** [{n}]" for text, n in comp.items), ""]
        elif comp.short is not None:
            head = [f"**{comp.short.text}** [{comp.short.n}]", ""]
        regs = self.regulations
        lines = [f"- “{c.quote}” [{c.n}]" + (f" — *{label}*" if (label := citation_label(
            c, regs.document_name(c.source) if regs is not None and c.locator else None)) else "")
                 for c in comp.citations]
        text = "\n".join(head + [self.frames.get(lang, "lead"), ""] + lines)
        return Answer(retrieval.question, text, False, comp.citations, retrieval.hits, mode="extractive",
                      short_answer=comp.short)

    def refusal(self, frame: QuestionFrame, retrieval: Retrieval, verdict: Verdict, lang: str) -> Answer:
        if verdict.missing and (frame.constraints and verdict.reason.startswith("no sentence meets")
                                or verdict.reason.startswith("no passage holds")):
            lead = self.frames.get(lang, "unmet", what=verdict.missing)
        elif verdict.missing:
            quantity = frame.answer_type == AnswerType.QUANTITY
            if quantity and "đồng" in frame.unit_spellings:  # an amount asked in no particular currency
                what = self.frames.get(lang, "what_quantity_money")
            elif quantity and frame.unit:
                # named in the answer's language: "a figure in people", not "in người"
                term = next((u for u in self.units if u.vi == frame.unit), None)
                unit = term.english[0] if lang == "en" and term is not None and term.english else frame.unit
                what = self.frames.get(lang, "what_quantity_unit", unit=unit)
            else:
                what = self.frames.get(lang, f"what_{frame.answer_type.value}")
            lead = self.frames.get(lang, "partial", what=what)
        else:
            lead = self.frames.get(lang, "abstain")
        related = [passage_opening(n, h, 300) for n, h in enumerate(retrieval.hits[:2], 1)]
        body = "\n".join(f"- “{c.quote}…” [{c.n}]" for c in related)
        text = f"{lead}\n\n{self.frames.get(lang, 'related')}\n{body}" if related else lead
        return Answer(retrieval.question, text, True, related, retrieval.hits, mode="extractive", reason=verdict.reason,
                      evidence=evidence_of(verdict))



def evidence_of(verdict: Verdict) -> dict[str, float]:
    out = dict(verdict.features)
    if verdict.probability is not None:
        out["p_answerable"] = verdict.probability
    return out


def citation_label(c: Citation, document: str | None = None) -> str | None:
    """Where a quote comes from, in a few words: the province, or the article and clause of a legal text and the
    text's name (`document`: "Quyết định 99/2025/QĐ-UBND" for a text carrying its own number, else its title)."""
    if c.locator:
        name = document or c.title
        return f"{c.locator}, {name}" if name else c.locator
    return c.locality
