"""The office a named person holds (AnswerType.OFFICE: "Ông Cao Huy giữ chức vụ gì?", "What position does Cao Huy
hold?"), a day of every year as a date ("trước ngày 15 tháng 11 hằng năm"), a named border gate or district as a
constraint, and a year that labels a document ("the 2025 plan") met by that document's sentences: on small real
passages, through the composer and the answerability judge."""
import pytest

from answer.answerability import Answerability, Model
from core.types import AnswerType, ConstraintKind
from tests.answer.passages import Doc, compose, frame, parts, retrieval, short_text, uniform_stats

HUY = Doc("Nhằm đẩy mạnh hoạt động đối ngoại và hội nhập quốc tế, ngày 03/7/2014 Đồng chí Cao Huy - Phó Chủ tịch Ủy ban "
          "nhân dân tỉnh đã có ý kiến chỉ đạo việc nâng cao vai trò của các sở, ban, ngành.", locality="Đăk Nông")
OTHER = Doc("Thủ tướng Chính phủ đã ban hành Chỉ thị về tăng cường công tác đối ngoại trong năm 2016.", locality="Đăk Nông")
PLANS = Doc("1. Trước ngày 15 tháng 11 hằng năm, các cơ quan, đơn vị gửi kế hoạch đoàn ra của năm sau về Sở Ngoại vụ để "
            "tổng hợp.", title="Quyết định ban hành Quy chế quản lý đoàn ra", locality="Quảng Trị")
GATE = Doc("Lãnh đạo tỉnh Lạng Sơn và Phó Thủ tướng Lào thăm cửa khẩu Tân Thanh (tháng 10/2011).", locality="Lạng Sơn")
REPORT = Doc("Năm 2024, các cơ quan của tỉnh đã ký kết 06 thỏa thuận quốc tế mới, nâng tổng số thỏa thuận quốc tế còn "
             "hiệu lực của tỉnh lên 21 thỏa thuận.", title="Kế hoạch công tác đối ngoại năm 2025", locality="Hà Giang")


def judge(question, docs):
    p = parts()
    r = retrieval(question, docs)
    comp = p.composer.compose(r, uniform_stats(len(docs)))
    nothing = Model(("coverage",), (0.5,), (0.1,), (4.0,), -40.0, 0.5, {"made_by": "test"})  # the model refuses all
    return Answerability(p.coverage, nothing, p.tuning.coverage_passages,
                         frozenset(u.vi for u in p.lexicon.units)).judge(r.frame, r, comp, uniform_stats(len(docs)))


@pytest.mark.parametrize("question", ["Ông Cao Huy giữ chức vụ gì?", "Đồng chí Cao Huy đảm nhiệm chức vụ nào?",
                                      "What position does Cao Huy hold?", "What was Cao Huy's job title?"])
def test_the_office_written_with_the_named_person_answers(question):
    assert frame(question).answer_type == AnswerType.OFFICE
    comp, texts = compose(question, [OTHER, HUY])
    assert short_text(comp, texts) == "Phó Chủ tịch Ủy ban nhân dân tỉnh"
    # the office beside the name answers however little of the asking words the passage shares
    assert not judge(question, [OTHER, HUY]).abstain


def test_an_office_not_written_with_the_named_person_is_no_answer():
    comp, _ = compose("Ông Nguyễn Văn Hùng giữ chức vụ gì?", [OTHER, HUY])
    assert comp.short is None  # "Thủ tướng Chính phủ" and Cao Huy's office are not his
    v = judge("Ông Nguyễn Văn Hùng giữ chức vụ gì?", [OTHER, HUY])
    assert v.abstain and v.reason == "no office is stated"


@pytest.mark.parametrize("question", ["Các cơ quan phải gửi kế hoạch đoàn ra năm sau trước ngày nào?",
                                      "By what date must agencies send next year's plans for trips abroad?"])
def test_a_day_of_every_year_answers_a_deadline(question):
    comp, texts = compose(question, [PLANS])
    assert short_text(comp, texts) == "ngày 15 tháng 11 hằng năm"


def test_a_named_border_gate_is_a_constraint_another_gate_does_not_meet():
    f = frame("When did the Lao Deputy Prime Minister visit the Huu Nghi border gate?")
    assert ("Huu Nghi", ConstraintKind.PLACE) in [(c.value, c.kind) for c in f.constraints]
    v = judge(f.question, [GATE])
    assert v.abstain and v.reason == "no sentence meets place Huu Nghi"
    comp, texts = compose("When did the Lao Deputy Prime Minister visit the Tan Thanh border gate?", [GATE])
    assert short_text(comp, texts) == "tháng 10/2011"


@pytest.mark.parametrize("question", ["Theo kế hoạch năm 2025 của Hà Giang, tỉnh có bao nhiêu thỏa thuận quốc tế còn hiệu lực?",
                                      "Kế hoạch 2025 của Hà Giang cho biết có bao nhiêu thỏa thuận quốc tế còn hiệu lực?"])
def test_a_year_that_labels_a_document_is_met_by_that_documents_sentences(question):
    f = frame(question)
    assert [c.of_document for c in f.constraints if c.kind == ConstraintKind.YEAR] == [True]
    comp, texts = compose(question, [REPORT])
    assert not comp.unmet and "21 thỏa thuận" in short_text(comp, texts)
    # the same year asked of the fact, not the document, is another year than the sentence's
    comp, _ = compose("Năm 2025 Hà Giang có bao nhiêu thỏa thuận quốc tế còn hiệu lực?", [REPORT])
    assert comp.short is None


KON_TUM = Doc("Là tỉnh nằm ở khu vực ngã ba Đông Dương, tiếp giáp trực tiếp hai nước bạn Lào, Campuchia, những năm qua, "
              "công tác đối ngoại luôn được tỉnh Kon Tum chú trọng đẩy mạnh.", locality="Kon Tum")


def test_every_word_in_one_passage_and_a_span_meeting_every_constraint_is_no_weak_evidence():
    """The model's spread-of-documents signals do not refuse a typed answer one passage holds in full (a model that
    refuses everything here), when the index knows every word; a word the passages lack leaves it to the model."""
    from core.types import IndexStats
    p = parts()
    vocab = {t for d in (KON_TUM, OTHER) for t in p.analyzer.passage(d.text)}
    stats = IndexStats({}, 1.0, dict.fromkeys(vocab, 1), set(), 2)

    def verdict(question):
        r = retrieval(question, [KON_TUM, OTHER])
        nothing = Model(("coverage",), (0.5,), (0.1,), (4.0,), -40.0, 0.5, {"made_by": "test"})
        return Answerability(p.coverage, nothing, p.tuning.coverage_passages, frozenset()).judge(
            r.frame, r, p.composer.compose(r, stats), stats)
    assert not verdict("Tỉnh nào nằm ở ngã ba Đông Dương, giáp cả Lào và Campuchia?").abstain
    assert verdict("Tỉnh nào nằm ở ngã ba Đông Dương, giáp cả Lào và Campuchia về phía biển?").abstain

