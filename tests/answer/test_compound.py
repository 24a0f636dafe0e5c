"""A compound question's answer (answer/compound.py merge_parts) from hand-made part answers: one line per part
under its own words, citations numbered once across the parts, a refused part's line saying what is missing, the
direct answer of the first answered part; and end to end through the answer service on the bundled corpus."""
from __future__ import annotations

import re

import pytest

from answer.compound import merge_parts
from answer.frames import Frames
from core.settings import Settings
from core.types import Answer, Citation, QuestionPart, ShortAnswer
from tests.answer.passages import assert_verbatim

FRAMES = Frames.load(Settings().prompts_dir)
LEAD = "Theo các tài liệu:"

A = "Đồng Nai hiện có 35 khu công nghiệp, trong đó 31 khu công nghiệp đang hoạt động."
B = "Các khu công nghiệp thu hút trên một ngàn dự án của hơn 40 quốc gia, vùng lãnh thổ."
C = "Năm 2019, tỉnh có thêm 2 khu công nghiệp được thành lập."
D = "Tỉnh đã tổ chức nhiều hoạt động xúc tiến đầu tư tại Nhật Bản và Hàn Quốc."


def cite(n: int, quote: str, doc: str, start: int = 0) -> Citation:
    return Citation(n, f"docs/{doc}.txt", "Tài liệu", quote, start, start + len(quote), doc_id=doc)


def answer(text: str, citations: list[Citation], short: ShortAnswer | None = None, abstained: bool = False,
           references: list[dict] | None = None, evidence: dict | None = None) -> Answer:
    return Answer("q", text, abstained, citations, [], references=list(references or []), short_answer=short,
                  reason="weak evidence (p=0.20)" if abstained else "", evidence=dict(evidence or {}))


WHOLE = Answer("Đồng Nai có bao nhiêu khu công nghiệp, trong đó bao nhiêu khu đang hoạt động?",
               "Các tài liệu hiện có không đề cập đến nội dung này.", True, [], [], reason="weak evidence (p=0.30)",
               mode="llm", evidence={"p": 0.3})
P1 = QuestionPart("Đồng Nai có bao nhiêu khu công nghiệp", "Đồng Nai có bao nhiêu khu công nghiệp?")
P2 = QuestionPart("trong đó bao nhiêu khu đang hoạt động", "Đồng Nai có khu công nghiệp, trong đó bao nhiêu khu đang hoạt động?")
P3 = QuestionPart("khu nào thành lập năm 2019", "Đồng Nai có khu công nghiệp, khu nào thành lập năm 2019?")


def test_citations_are_numbered_once_across_the_parts():
    """Part 2 quotes C as its [1] and A (part 1's [1]) as its [2]: A keeps one number, C is the third citation,
    and part 2's markers are rewritten in one pass ([1] -> [3], [2] -> [1], not [1] -> [3] -> ...)."""
    first = answer(f"**35 khu công nghiệp** [1]\n\n{LEAD}\n\n- “{A}” [1] — *Đồng Nai*\n- “{B}” [2]",
                   [cite(1, A, "d0", 100), cite(2, B, "d1")], ShortAnswer("35 khu công nghiệp", 1, 117, 135))
    second = answer(f"**31 khu công nghiệp** [2], thêm 2 khu năm 2019 [1]\n\n{LEAD}\n\n- “{C}” [1]\n"
                    f"- “{A}” [2] — *Đồng Nai*", [cite(1, C, "d2"), cite(2, A, "d0", 100)])
    merged = merge_parts(WHOLE, [(P1, first), (P2, second)], FRAMES, "vi")
    assert merged.answer == (
        "- *Đồng Nai có bao nhiêu khu công nghiệp*: **35 khu công nghiệp** [1]\n"
        "- *trong đó bao nhiêu khu đang hoạt động*: **31 khu công nghiệp** [1], thêm 2 khu năm 2019 [3]\n\n"
        f"{LEAD}\n\n"
        f"- “{A}” [1] — *Đồng Nai*\n"
        f"- “{B}” [2]\n"
        f"- “{C}” [3]")
    assert [(c.n, c.doc_id, c.quote) for c in merged.citations] == [(1, "d0", A), (2, "d1", B), (3, "d2", C)]


def test_a_passage_quoted_at_other_offsets_is_another_citation():
    """The same document quoted at two places is two citations: identity is (document, start, end)."""
    first = answer(f"**35 khu công nghiệp** [1]\n\n{LEAD}\n\n- “{A}” [1]", [cite(1, A, "d0", 100)])
    second = answer(f"**2 khu** [1]\n\n{LEAD}\n\n- “{C}” [1]", [cite(1, C, "d0", 400)])
    merged = merge_parts(WHOLE, [(P1, first), (P3, second)], FRAMES, "vi")
    assert [(c.n, c.start) for c in merged.citations] == [(1, 100), (2, 400)]
    assert merged.answer.splitlines()[1] == "- *khu nào thành lập năm 2019*: **2 khu** [2]"


def test_a_refused_part_says_the_refusal_and_cites_nothing():
    answered = answer(f"**35 khu công nghiệp** [1]\n\n{LEAD}\n\n- “{A}” [1]", [cite(1, A, "d0")],
                      ShortAnswer("35 khu công nghiệp", 1, 17, 35))
    refused = answer("Các tài liệu có nói về nội dung này nhưng không nêu ngày, năm được hỏi.\n\n"
                     f"Các đoạn liên quan nhất:\n\n- “{D}” [1]", [cite(1, D, "d3")], abstained=True)
    merged = merge_parts(WHOLE, [(P1, answered), (P3, refused)], FRAMES, "vi")
    assert merged.answer == (
        "- *Đồng Nai có bao nhiêu khu công nghiệp*: **35 khu công nghiệp** [1]\n"
        "- *khu nào thành lập năm 2019*: Các tài liệu có nói về nội dung này nhưng không nêu ngày, năm được hỏi.\n\n"
        f"{LEAD}\n\n- “{A}” [1]")
    assert [c.doc_id for c in merged.citations] == ["d0"]  # the refused part's passage is not cited
    assert not merged.abstained and merged.reason == "" and merged.mode == "extractive"
    assert merged.short_answer == ShortAnswer("35 khu công nghiệp", 1, 17, 35)


def test_a_refused_first_part_leaves_the_next_part_numbered_from_one():
    refused = answer("Các tài liệu hiện có không đề cập đến nội dung này.", [cite(1, D, "d3")], abstained=True)
    answered = answer(f"**31 khu công nghiệp** [1]\n\n{LEAD}\n\n- “{A}” [1]", [cite(1, A, "d0")],
                      ShortAnswer("31 khu công nghiệp", 1, 40, 58))
    merged = merge_parts(WHOLE, [(P3, refused), (P2, answered)], FRAMES, "vi")
    assert merged.answer.splitlines()[:2] == [
        "- *khu nào thành lập năm 2019*: Các tài liệu hiện có không đề cập đến nội dung này.",
        "- *trong đó bao nhiêu khu đang hoạt động*: **31 khu công nghiệp** [1]"]
    assert merged.short_answer == ShortAnswer("31 khu công nghiệp", 1, 40, 58)


def test_every_part_refused_is_no_merged_answer():
    refused = answer("Các tài liệu hiện có không đề cập đến nội dung này.", [], abstained=True)
    assert merge_parts(WHOLE, [(P1, refused), (P2, refused)], FRAMES, "vi") is None


def test_the_direct_answer_is_the_first_answered_parts_renumbered():
    """Part 1 is answered by its quotes alone (no direct answer; its line points at them); part 2's direct answer
    sits in its citation [1], which is the merged [2]."""
    quotes_only = answer(f"{LEAD}\n\n- “{B}” [1]", [cite(1, B, "d1")])
    counted = answer(f"**31 khu công nghiệp** [1]\n\n{LEAD}\n\n- “{A}” [1]", [cite(1, A, "d0")],
                     ShortAnswer("31 khu công nghiệp", 1, 40, 58))
    later = answer(f"**2 khu** [1]\n\n{LEAD}\n\n- “{C}” [1]", [cite(1, C, "d2")], ShortAnswer("2 khu", 1, 20, 25))
    merged = merge_parts(WHOLE, [(P1, quotes_only), (P2, counted), (P3, later)], FRAMES, "vi")
    assert merged.short_answer == ShortAnswer("31 khu công nghiệp", 2, 40, 58)
    assert merged.answer.splitlines()[0] == "- *Đồng Nai có bao nhiêu khu công nghiệp*: xem đoạn trích [1]"


def test_a_document_card_is_the_parts_line_and_its_block():
    card = answer("**Chỉ thị 38-CT/TW** — Bộ Chính trị [1]\nNgày ban hành: 07/9/2009\n\nVề đoàn ra", [cite(1, A, "d0")],
                  references=[{"code": "38-CT/TW"}])
    counted = answer(f"**31 khu công nghiệp** [1]\n\n{LEAD}\n\n- “{A}” [1]", [cite(1, A, "d0")],
                     references=[{"code": "38-CT/TW"}, {"code": "22-NQ/TW"}], evidence={"p": 0.9})
    merged = merge_parts(WHOLE, [(P1, card), (P2, counted)], FRAMES, "vi")
    assert merged.answer == (
        "- *Đồng Nai có bao nhiêu khu công nghiệp*: **Chỉ thị 38-CT/TW** — Bộ Chính trị [1]\n"
        "  Ngày ban hành: 07/9/2009\n"
        "\n"
        "  Về đoàn ra\n"
        "- *trong đó bao nhiêu khu đang hoạt động*: **31 khu công nghiệp** [1]\n\n"
        f"{LEAD}\n\n- “{A}” [1]")
    assert merged.references == [{"code": "38-CT/TW"}, {"code": "22-NQ/TW"}]
    assert merged.question == WHOLE.question
    assert merged.evidence == {"p": 0.3}  # the first answered part has none: the whole question's
    assert merge_parts(WHOLE, [(P2, counted), (P1, card)], FRAMES, "vi").evidence == {"p": 0.9}


def test_english_parts_point_at_their_quotes_in_english():
    quotes_only = answer(f"According to the documents (quoted in Vietnamese):\n\n- “{A}” [1]\n- “{B}” [2]",
                         [cite(1, A, "d0"), cite(2, B, "d1")])
    p = QuestionPart("what is it about", "was Directive 38-CT/TW issued, what is it about?")
    merged = merge_parts(WHOLE, [(p, quotes_only)], FRAMES, "en")
    assert merged.answer.splitlines()[0] == "- *what is it about*: see [1], [2]"


# ---- through the service on the bundled corpus (fast layer: BM25 finds the sentence; the hash embedder is enough)


BOTH = ("Đồng Nai hiện có 35 khu công nghiệp, trong đó 31 khu công nghiệp đang hoạt động với trên một ngàn dự án của "
        "hơn 40 quốc gia, vùng lãnh thổ")


def test_a_compound_question_is_answered_part_by_part(fast_container):
    q = "Đồng Nai hiện có bao nhiêu khu công nghiệp, trong đó bao nhiêu khu đã đi vào hoạt động?"
    a = fast_container.answers.ask(q)
    assert not a.abstained and a.asked_as == q and len(a.frame.parts) == 2
    assert a.answer.splitlines()[:2] == [
        "- *Đồng Nai hiện có bao nhiêu khu công nghiệp*: **35 khu công nghiệp** [1]",
        "- *trong đó bao nhiêu khu đã đi vào hoạt động*: **31 khu** [1]"]
    assert a.short_answer.text == "35 khu công nghiệp" and len(a.citations) == 1 and BOTH in a.citations[0].quote
    assert set(map(int, re.findall(r"\[(\d+)\]", a.answer))) == {c.n for c in a.citations}
    assert_verbatim(fast_container, a)


def test_a_compound_question_typed_without_diacritics_is_restored_and_answered(fast_container):
    q = "dong nai hien co bao nhieu khu cong nghiep, trong do bao nhieu khu da di vao hoat dong"
    a = fast_container.answers.ask(q)
    assert a.question == q
    # diacritics put back from the index's words, the province and the first word capitalised as one writes them
    assert a.asked_as == "Đồng Nai hiện có bao nhiêu khu công nghiệp, trong đó bao nhiêu khu đã đi vào hoạt động"
    assert not a.abstained and a.answer.splitlines()[:2] == [
        "- *Đồng Nai hiện có bao nhiêu khu công nghiệp*: **35 khu công nghiệp** [1]",
        "- *trong đó bao nhiêu khu đã đi vào hoạt động*: **31 khu** [1]"]
    assert_verbatim(fast_container, a)


@pytest.mark.parametrize("question, asked_as", [
    ("Đồng Nai hiện có bao nhiêu khu công nghiệp, trong đó bao nhiêu khu đã đi vào hoạt động?",
     "Đồng Nai hiện có bao nhiêu khu công nghiệp, trong đó bao nhiêu khu đã đi vào hoạt động?"),
    ("dong nai hien co bao nhieu khu cong nghiep, trong do bao nhieu khu da di vao hoat dong",
     "Đồng Nai hiện có bao nhiêu khu công nghiệp, trong đó bao nhiêu khu đã đi vào hoạt động"),
])
def test_the_real_embedder_answers_both_parts(corpus_container, question, asked_as):
    a = corpus_container.answers.ask(question)
    assert a.asked_as == asked_as and not a.abstained
    assert [line.split(": ", 1)[1] for line in a.answer.splitlines()[:2]] == ["**35 khu công nghiệp** [1]", "**31 khu** [1]"]
    assert_verbatim(corpus_container, a)
