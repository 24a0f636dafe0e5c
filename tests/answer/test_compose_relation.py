"""What the question's words say chooses the answer (answer/compose.py, answer/answerability.py): a "who / which
body did X" question ("cơ quan nào chủ trì", "do ai phê duyệt") is answered only from a sentence that says X, and
refused when none does; among a sentence's figures, the one beside the words written next to the question word
("đã giải ngân được bao nhiêu") is the answer."""
from dataclasses import replace

import pytest

from answer.answerability import Answerability, Model, _must_be_stated
from answer.span_choice import _beside_ask
from tests.answer.passages import Doc, compose, frame, parts, retrieval, short_text, uniform_stats

CHAIRS = Doc("Sở Ngoại vụ chủ trì, phối hợp với các sở, ngành liên quan tổ chức thực hiện Kế hoạch này.",
             title="Kế hoạch công tác đối ngoại năm 2019", locality="Kon Tum")
REPORTS = Doc("Sở Ngoại vụ tổng hợp kết quả thực hiện Kế hoạch này, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 "
              "hằng năm.", title="Kế hoạch công tác đối ngoại năm 2019", locality="Kon Tum")
APPROVES = Doc("Ủy ban nhân dân tỉnh phê duyệt Kế hoạch tổ chức Hội nghị xúc tiến đầu tư tại Nhật Bản năm 2019.",
               locality="Đồng Nai")
ASSIGNS = Doc("Ủy ban nhân dân tỉnh giao Sở Kế hoạch và Đầu tư xây dựng Kế hoạch tổ chức Hội nghị xúc tiến đầu tư tại Nhật "
              "Bản năm 2019.", locality="Đồng Nai")

CHAIR_Q = "Cơ quan nào chủ trì thực hiện Kế hoạch?"
APPROVE_Q = "Kế hoạch tổ chức Hội nghị xúc tiến đầu tư tại Nhật Bản do ai phê duyệt?"


@pytest.mark.parametrize("question, docs, expected, quoted", [
    (CHAIR_Q, [CHAIRS], "Sở Ngoại vụ", "d0"),
    (CHAIR_Q, [REPORTS, CHAIRS], "Sở Ngoại vụ", "d1"),  # the sentence that says "chủ trì", though ranked second
    ("Cơ quan nào tổng hợp kết quả thực hiện Kế hoạch?", [REPORTS], "Sở Ngoại vụ", "d0"),
    (APPROVE_Q, [APPROVES], "Ủy ban nhân dân tỉnh", "d0"),
    (APPROVE_Q, [ASSIGNS, APPROVES], "Ủy ban nhân dân tỉnh", "d1"),
    ("Cơ quan nào xây dựng Kế hoạch tổ chức Hội nghị xúc tiến đầu tư tại Nhật Bản?", [ASSIGNS], "Sở Kế hoạch và Đầu tư", "d0"),
])
def test_the_body_is_taken_from_a_sentence_that_says_the_relation(question, docs, expected, quoted):
    comp, texts = compose(question, docs)
    assert short_text(comp, texts) == expected and comp.citations[0].doc_id == quoted


@pytest.mark.parametrize("question, docs", [(CHAIR_Q, [REPORTS]), (APPROVE_Q, [ASSIGNS])])
def test_a_body_named_in_a_sentence_that_does_not_say_the_relation_is_no_direct_answer(question, docs):
    f = frame(question)
    comp, _ = compose(f, docs)
    assert comp.typed and not comp.found and comp.short is None
    # the same question without its relation takes the body the sentence names: the relation is what refuses it
    loose, texts = compose(replace(f, relation=()), docs)
    assert loose.found and loose.short is not None


def judge(question, docs):
    p = parts()
    r = retrieval(question, docs)
    comp = p.composer.compose(r, uniform_stats(len(docs)))
    anything = Model(("coverage",), (0.5,), (0.1,), (4.0,), 0.0, 0.0, {"made_by": "test"})  # the model accepts all
    return Answerability(p.coverage, anything, p.tuning.coverage_passages,
                         frozenset(u.vi for u in p.lexicon.units)).judge(r.frame, r, comp, uniform_stats(len(docs)))


def test_no_sentence_saying_the_relation_is_a_refusal():
    v = judge(CHAIR_Q, [REPORTS])
    assert v.abstain and v.reason == "no organisation is stated" and v.missing == "organisation"
    assert not judge(CHAIR_Q, [REPORTS, CHAIRS]).abstain


UNITS = frozenset(u.vi for u in parts().lexicon.units)


@pytest.mark.parametrize("question, stated", [
    (CHAIR_Q, True),
    (APPROVE_Q, True),
    ("Ai là người ký Chỉ thị 38?", True),
    ("Tổ chức nào của Bỉ đã ký thỏa thuận với Lạng Sơn?", False),  # no relation: a name not found is no refusal
    ("Which organisation from Belgium has an agreement with Lang Son?", False),
])
def test_a_relation_must_be_stated(question, stated):
    assert _must_be_stated(frame(question), UNITS) is stated


# ---- among a sentence's figures, the one beside the words next to the question word

PLEDGED = Doc("Tổng giá trị cam kết tài trợ 8.500.000 USD, tương đương trên 196 tỷ đồng, đã giải ngân 2.899.847 USD, trên "
              "66 tỷ đồng.", locality="Đồng Nai")


@pytest.mark.parametrize("question, expected", [
    ("Đồng Nai đã giải ngân được bao nhiêu tiền từ các khoản tài trợ?", "2.899.847 USD"),
    ("Đã giải ngân được bao nhiêu tiền từ các khoản tài trợ?", "2.899.847 USD"),
    ("Đồng Nai đã giải ngân dc bao nhiu tiền từ các khoản tài trợ?", "2.899.847 USD"),  # chat shorthand
    ("Tổng giá trị cam kết tài trợ là bao nhiêu?", "8.500.000 USD"),
])
def test_the_figure_beside_the_words_next_to_the_question_word(question, expected):
    comp, texts = compose(question, [PLEDGED])
    assert short_text(comp, texts) == expected


def test_words_next_to_the_question_word_weigh_more():
    asked = _beside_ask(frame("Đồng Nai đã giải ngân được bao nhiêu tiền từ các khoản tài trợ?"))
    assert asked["duoc"] == asked["tien"] == 2.0  # right beside "bao nhiêu"
    assert asked["ngan"] == 1.5 and asked["giai"] == pytest.approx(4 / 3)
    assert asked["tai"] == pytest.approx(1.2) and asked["tro"] == pytest.approx(7 / 6)
    assert _beside_ask(frame("Đồng Nai có 10 hội hữu nghị.")) == {}  # no question word: no word weighs more


def test_the_disbursed_amount_through_the_service(fast_container):
    a = fast_container.answers.ask("Đồng Nai đã giải ngân được bao nhiêu tiền từ các khoản tài trợ?")
    assert not a.abstained and a.short_answer.text == "2.899.847 USD"
    assert a.answer.startswith("**2.899.847 USD** [1]") and "8.500.000 USD" in a.citations[0].quote


def test_an_amount_disbursed_is_not_the_amount_committed_or_invested(fast_container):
    """"Đã giải ngân được bao nhiêu": only a sentence saying what was disbursed answers; Lạng Sơn's registered and
    invested capital do not. Of a sentence giving both, the amount after "giải ngân" is the answer."""
    refused = fast_container.answers.ask("Đến hết năm 2012, các dự án có vốn đầu tư nước ngoài ở Lạng Sơn đã giải ngân được bao nhiêu vốn?")
    assert refused.abstained and refused.short_answer is None
    a = fast_container.answers.ask("Of the foreign NGO aid pledged to Đồng Nai over the past five years, how much has actually been paid out?")
    assert not a.abstained and a.short_answer.text == "2.899.847 USD"
    pledged = fast_container.answers.ask("Trong 5 năm qua các nhà tài trợ phi chính phủ cam kết với Đồng Nai bao nhiêu tiền?")
    assert pledged.short_answer.text == "8.500.000 USD"


def test_a_labelled_section_is_quoted_to_its_end_across_a_chunk_boundary(fast_container):
    """"Về công tác đào tạo, bồi dưỡng: ..." runs on past its chunk: the quote reads it to the end of its paragraph in
    the document, verbatim, with the last sentence that names the đề án and who approved them."""
    a = fast_container.answers.ask("Về bồi dưỡng cán bộ, công chức làm công tác đối ngoại, kế hoạch giai đoạn 2018-2021 "
                                   "của Kon Tum nói sẽ thực hiện theo các đề án nào?")
    quote = next(c for c in a.citations if c.quote.startswith("Về công tác đào tạo, bồi dưỡng:"))
    assert quote.quote.endswith("đã được Thủ tướng Chính phủ phê duyệt.")
    assert fast_container.store.get_text(quote.doc_id)[quote.start:quote.end] == quote.quote


def test_a_province_across_the_border_is_none_of_vietnams(fast_container):
    """"tỉnh nào bên phía nước bạn": Bình Phước (a Vietnamese neighbour named in the same sentence) is no answer;
    "phía Mondulkiri, Campuchia" names the province on the other side."""
    a = fast_container.answers.ask("Tỉnh Đăk Nông phối hợp với lực lượng chức năng của tỉnh nào bên phía nước bạn để "
                                   "quản lý biên giới?")
    assert not a.abstained and a.short_answer.text == "Mondulkiri"


def test_an_office_holders_name_is_stated_or_refused(fast_container):
    """"Chủ tịch UBND tỉnh ... tên là gì?": a sentence listing offices names no holder; refused, not quoted."""
    a = fast_container.answers.ask("Chủ tịch UBND tỉnh Kon Tum năm 2018 tên là gì?")
    assert a.abstained and a.short_answer is None
    b = fast_container.answers.ask("Phó Chủ tịch UBND tỉnh Đăk Nông năm 2014 là ai?")
    assert not b.abstained and b.short_answer.text == "Cao Huy"


@pytest.mark.parametrize("question, figure", [
    ("Đồng Nai hiện có bao nhiêu khu công nghiệp đang hoạt động?", "31 khu công nghiệp"),  # restricted by what follows
    ("Đồng Nai hiện có bao nhiêu khu công nghiệp?", "35 khu công nghiệp"),
    ("Từ năm 2008 Lạng Sơn đã ký bao nhiêu thỏa thuận quốc tế với phía Quảng Tây?", "5 thỏa thuận"),
])
def test_what_follows_the_counted_noun_chooses_the_figure(fast_container, question, figure):
    a = fast_container.answers.ask(question)
    assert not a.abstained and a.short_answer.text == figure


def test_a_decision_number_asked_is_a_document_answer(fast_container):
    a = fast_container.answers.ask("Quy chế quản lý thống nhất hoạt động đối ngoại trên địa bàn tỉnh Đăk Nông được ban hành "
                                   "kèm quyết định số mấy?")
    assert a.frame.answer_type.value == "documents" and "01/2014/QĐ-UBND" in a.short_answer.text
