"""Every scoring number of retrieval and answers, named, with the reason it has its value. Fitted numbers
(the answerability model) live in answer/answerability.json, written by `python -m benchmarks.answerability`."""
from __future__ import annotations

from dataclasses import dataclass, field


def knob(value: float | int, reason: str):
    return field(default=value, metadata={"reason": reason})


@dataclass(frozen=True)
class Tuning:
    # --- quoting
    max_quote: int = knob(350, "a quote a person reads at a glance; longer sentences are cut to their densest window")
    section_quote: int = knob(700, "a labelled section ('Về công tác quản lý biên giới: ...') answering a description question is quoted whole up to this length")
    min_sentence: int = knob(25, "shorter sentences are labels or fragments, never an answer on their own")
    compose_passages: int = knob(6, "sentences are taken from the first passages only: retrieval puts the answer in the top 5")
    rank_prior: float = knob(0.15, "a sentence of a better-ranked passage wins a tie on word overlap")
    code_bonus: float = knob(0.4, "a sentence holding the document number asked for is about that document")
    typed_bonus: float = knob(0.5, "a sentence holding a span of the asked type (number with the unit, date, name) answers the question")
    exception_penalty: float = knob(0.3, "a legal text's exception clause ('Trường hợp đột xuất, ...') answers a question naming no case less well than its rule; less than the typed bonus, so an exception with the asked figure still beats a sentence without one")
    unmet_penalty: float = knob(1.0, "a sentence failing a constraint (another year, province, role) cannot answer")
    keep_ratio: float = knob(0.6, "further quotes must score this share of the best; weaker ones are noise")
    follow_coverage: float = knob(0.75, "a second or third quote must cover this share of the first quote's question words")
    list_coverage: float = knob(0.5, "a list item counts from sentences covering this share of the best sentence's words")
    max_list_items: int = knob(12, "a list answer names at most this many items")
    mention_share: float = knob(0.8, "'... có đề cập đến X không?' opens with 'Có' when the quoted sentence holds this share of X's two-syllable words: all but one of a five-word matter")
    # --- abstention
    coverage_passages: int = knob(3, "how much of the question the top passages cover is judged on the first three")
    unknown_en_weight: float = knob(0.35, "an English word the glossary lacks weighs less: its Vietnamese form is unknown")
    # --- regulation answers
    max_docs: int = knob(5, "a 'which documents' answer lists at most five documents")
    doc_keep_ratio: float = knob(0.6, "further documents must score this share of the best")
    doc_min_score: float = knob(0.2, "below this topic match no document is proposed")
    retrieved_bonus: float = knob(0.15, "a document whose citing passage was retrieved for the question is more likely meant")


def reasons() -> dict[str, str]:
    """Field name -> reason, for docs and review."""
    from dataclasses import fields

    return {f.name: f.metadata["reason"] for f in fields(Tuning)}
