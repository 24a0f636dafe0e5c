"""Constraint checks (answer/constraints.py): does a sentence, with its paragraph, heading, title and the province its
document is about, meet what the question names? Each kind on hand-made passages, then through the composer."""
import pytest

from answer.constraints import context_of, own_dates
from core.types import ConstraintKind as K
from tests.answer.passages import Doc, compose, frame, hits_of, parts


def unmet(question: str, sentence: str, before: str = "", **doc) -> list[str]:
    """The values of the question's constraints that `sentence` (after `before` in its paragraph) does not meet."""
    text = before + sentence
    hit = hits_of([Doc(text, **doc)])[0][0]
    ctx = context_of(hit.chunk, len(before), len(text))
    assert ctx.sentence == sentence and ctx.before == before
    return [c.value for c in parts().checker.unmet(frame(question), ctx)]


FDI = "Năm 2017, vốn FDI giải ngân trên địa bàn tỉnh đạt 21 triệu đô la, tăng 25% so với năm 2016."


@pytest.mark.parametrize("question, expected", [
    ("Năm 2017 An Giang giải ngân bao nhiêu vốn FDI?", []),  # the year stated
    ("Vốn FDI giải ngân ở An Giang năm 2019 là bao nhiêu?", ["2019"]),  # another year
    ("Năm 2016 vốn FDI của An Giang giải ngân được bao nhiêu?", ["2016"]),  # only compared with: "so với năm 2016"
])
def test_year_stated_another_or_compared(question, expected):
    assert unmet(question, FDI, locality="An Giang") == expected


def test_compared_years_are_not_the_sentences_own():
    assert [d.year for d in own_dates(FDI)] == ["2017"]
    assert [d.year for d in own_dates("tăng khoảng 4,4 lần so năm 2015")] == []
    assert [d.year for d in own_dates("gấp đôi cùng kỳ năm 2015")] == []


RANGE = "Từ năm 2008 đến năm 2012, tỉnh đã đón 315 đoàn khách quốc tế với 4.680 lượt người."


@pytest.mark.parametrize("question, expected", [
    ("Giai đoạn từ năm 2008 đến năm 2012 Lạng Sơn tiếp đón mấy đoàn khách nước ngoài?", []),
    ("Trong năm 2010, Lạng Sơn đón tiếp mấy đoàn khách nước ngoài?", []),  # inside the range
    ("Năm 2014 Lạng Sơn đón tiếp mấy đoàn khách nước ngoài?", ["2014"]),  # outside it
])
def test_a_year_range_covers_the_years_between(question, expected):
    assert unmet(question, RANGE, locality="Lạng Sơn") == expected


def test_a_year_in_the_paragraph_or_title_dates_the_sentence():
    assert unmet("Năm 2012 Lạng Sơn có mấy dự án ODA?", "Trên địa bàn tỉnh có 22 dự án ODA được triển khai.",
                 before="Đến hết năm 2012, tình hình như sau. ", locality="Lạng Sơn") == []
    assert unmet("Năm 2012 Lạng Sơn có mấy dự án ODA?", "Trên địa bàn tỉnh có 22 dự án ODA được triển khai.",
                 title="Báo cáo công tác đối ngoại năm 2012", locality="Lạng Sơn") == []
    assert unmet("Năm 2013 Lạng Sơn có mấy dự án ODA?", "Trên địa bàn tỉnh có 22 dự án ODA được triển khai.",
                 title="Báo cáo công tác đối ngoại năm 2012", locality="Lạng Sơn") == ["2013"]


ODA = "Trên địa bàn tỉnh hiện có 22 dự án ODA đang được triển khai với tổng vốn trên 700 tỷ đồng."


def test_place_the_document_is_about():
    assert unmet("Tỉnh Kon Tum đang triển khai mấy dự án ODA?", ODA, locality="Kon Tum") == []
    # a document about another province does not answer for this one
    assert unmet("Tỉnh Gia Lai đang triển khai mấy dự án ODA?", ODA, locality="Kon Tum") == ["Gia Lai"]
    # a law or a national text is about no province: it applies anywhere
    assert unmet("Ở Gia Lai mỗi đoàn ra dùng ngân sách có tối đa mấy người?",
                 "Mỗi đoàn ra sử dụng ngân sách nhà nước có không quá 05 thành viên.", title="Quy chế quản lý đoàn ra") == []


BORDER = ("Đối với tỉnh Đăk Nông, phía Nam giáp tỉnh Bình Phước, phía Tây giáp Campuchia với 130 km đường biên giới, "
          "có 2 cửa khẩu chính là Bu Prăng và Đăk Perr.")


def test_a_province_named_after_the_documents_own_is_not_what_the_sentence_is_about():
    assert unmet("Bình Phước có mấy cửa khẩu chính?", BORDER, locality="Đăk Nông") == ["Bình Phước"]
    assert unmet("Đăk Nông có mấy cửa khẩu chính?", BORDER, locality="Đăk Nông") == []
    # named on its own, the other province is the subject
    assert unmet("Bình Phước có mấy cửa khẩu chính?", "Tỉnh Bình Phước có 3 cửa khẩu chính với Campuchia.",
                 locality="Đăk Nông") == []


def test_a_country_must_be_named():
    s = "Tỉnh đã ký 04 biên bản thỏa thuận hợp tác với các tỉnh của Campuchia trong lĩnh vực giáo dục."
    assert unmet("An Giang ký mấy biên bản thỏa thuận với Thái Lan?", s, locality="An Giang") == ["Thái Lan"]
    assert unmet("An Giang ký mấy biên bản thỏa thuận với Campuchia?", s, locality="An Giang") == []
    # in the paragraph before the sentence is enough
    assert unmet("An Giang ký mấy biên bản thỏa thuận với Thái Lan?", "Tỉnh đã ký 3 biên bản thỏa thuận.",
                 before="Về hợp tác với Thái Lan: ", locality="An Giang") == []
    # ... but not by a sentence that names another country: it is about that one
    border = "Phía Tây giáp Campuchia với 130 km đường biên giới, có 2 cửa khẩu chính."
    assert unmet("Đăk Nông có mấy cửa khẩu với Lào?", border, before="Hợp tác với Lào được đẩy mạnh. ",
                 locality="Đăk Nông") == ["Lào"]


LEADER = "Ngày 20/5/2019, đồng chí Nguyễn Văn Thắng, Phó Chủ tịch UBND tỉnh dẫn đầu đoàn công tác sang tỉnh Attapeu (Lào)."


def test_role_is_held_exactly():
    q = "Chủ tịch UBND tỉnh Kon Tum dẫn đầu đoàn sang Attapeu là ai?"
    assert (K.ROLE, "Chủ tịch") in {(c.kind, c.value) for c in frame(q).constraints}
    assert unmet(q, LEADER, locality="Kon Tum") == ["Chủ tịch"]  # a deputy is not the head
    assert unmet("Phó Chủ tịch UBND tỉnh Kon Tum dẫn đầu đoàn sang Attapeu là ai?", LEADER, locality="Kon Tum") == []


def test_organisation_must_be_named_in_any_spelling():
    s = "Sau 5 năm thực hiện Chỉ thị số 26-CT/TU ngày 17/3/2008 của BTV Tỉnh ủy, công tác đối ngoại có nhiều chuyển biến."
    assert unmet("Ban Thường vụ Tỉnh ủy Lạng Sơn ban hành Chỉ thị 26-CT/TU khi nào?", s, locality="Lạng Sơn") == []
    assert unmet("Bộ Ngoại giao ban hành Chỉ thị 26-CT/TU khi nào?", s, locality="Lạng Sơn") == ["Bộ Ngoại giao"]


def test_document_number_held_by_the_passage_or_the_document_searched():
    s = "Quyết định này có hiệu lực từ ngày 01 tháng 4 năm 2025."
    q = "Quyết định 99/2025/QĐ-UBND có hiệu lực từ ngày nào?"
    assert unmet(q, s) == ["99/2025/QĐ-UBND"]
    hit = hits_of([Doc(s, source="docs/qd99.txt")])[0][0]
    ctx = context_of(hit.chunk, 0, len(s))
    assert parts().checker.unmet(frame(q), ctx, scope=("docs/qd99.txt",)) == []  # searched in its own text


def test_composition_reports_the_constraint_no_sentence_meets():
    comp, _ = compose("Tỉnh Gia Lai đang triển khai mấy dự án ODA?", [Doc(ODA, locality="Kon Tum")])
    assert [c.value for c in comp.unmet] == ["Gia Lai"] and comp.short is None and not comp.found
    # a sentence meeting the constraints wins over a better-ranked one that fails them
    comp, texts = compose("Tỉnh Kon Tum đang triển khai mấy dự án ODA?",
                          [Doc("Trên địa bàn tỉnh có 31 dự án ODA đang được triển khai.", locality="Gia Lai"),
                           Doc(ODA, locality="Kon Tum")])
    assert comp.unmet == () and comp.short.text == "22 dự án ODA" and comp.citations[0].doc_id == "d1"



def test_a_year_the_question_compares_with_is_met_by_the_compared_year():
    """"tăng bao nhiêu lần so với năm 2016": the sentence's own year is 2017, 2016 is what both compare with."""
    assert unmet("Năm 2017 An Giang giải ngân được bao nhiêu vốn FDI, so với năm 2016 thì tăng bao nhiêu?", FDI,
                 locality="An Giang") == []
    assert unmet("How much more FDI did An Giang disburse in 2017 than in 2016?", FDI, locality="An Giang") == []
    # compared with a year the sentence does not name
    assert unmet("Năm 2017 An Giang giải ngân bao nhiêu vốn FDI, so với năm 2014 thì tăng bao nhiêu?", FDI,
                 locality="An Giang") == ["2014"]


def test_a_full_day_asked_is_met_by_a_document_dated_that_day():
    """"a Prime Minister's directive from 4 September 2018": the day is the directive's, written after its number."""
    from answer.constraints import ConstraintChecker
    from core.lexicon import Lexicon
    from core.settings import Settings
    from core.types import Chunk
    from retriever.frame import FrameAnalyzer
    lex = Lexicon(Settings().prompts_dir)
    frame = FrameAnalyzer(lex).analyze("Which directive of 4 September 2018 does Kon Tum's plan follow?")
    text = "Tham mưu triển khai Chỉ thị số 26/CT-TTg, ngày 04/9/2018 của Thủ tướng Chính phủ về hội nhập kinh tế quốc tế."
    chunk = Chunk("c", "d", "kon_tum.txt", text, 0, len(text), 0, locality="Kon Tum")
    from answer.constraints import context_of
    assert not ConstraintChecker(lex).unmet(frame, context_of(chunk, 0, len(text)))
