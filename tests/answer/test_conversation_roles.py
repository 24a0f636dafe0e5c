"""References back to a person named only by a role and to a titled document (answer/conversation.py), and a
document swapped into an earlier question without the earlier document's issuer (retriever/followup.py)."""
from __future__ import annotations

import pytest

from answer.conversation import ReferenceResolver
from core.types import Answer, Citation, ShortAnswer, Turn
from retriever.followup import rewrite_followup
from tests.answer.passages import frame, parts


@pytest.fixture(scope="module")
def resolver() -> ReferenceResolver:
    return ReferenceResolver(parts().lexicon)


def resolve(resolver, question, turns, english=False):
    return resolver.resolve(question, [(q, frame(q), a) for q, a in turns], english)


def dated(text: str = "tháng 10/2011") -> Answer:
    """An earlier answer giving a date (no person named)."""
    return Answer("q", "a", False, [], [], short_answer=ShortAnswer(text, 1, 0, len(text)))


RECEIVED = "Lãnh đạo tỉnh Lạng Sơn đã đón Phó Thủ tướng Lào vào thời gian nào?"


@pytest.mark.parametrize("previous, follow, expected", [
    (RECEIVED, "Ông ấy được đưa đi thăm những địa điểm nào?", "Phó Thủ tướng Lào được đưa đi thăm những địa điểm nào?"),
    ("Chủ tịch UBND tỉnh Kon Tum đã làm việc với Đại sứ Nhật Bản vào ngày nào?", "Ông ấy đã tiếp đoàn nào?",
     "Chủ tịch UBND tỉnh Kon Tum đã tiếp đoàn nào?"),
])
def test_a_person_named_only_by_a_role_is_he(resolver, previous, follow, expected):
    r = resolve(resolver, follow, [(previous, dated())])
    assert (r.standalone, r.unresolved) == (expected, "")


def test_a_person_named_is_preferred_to_a_role(resolver):
    named = Answer("q", "a", False, [], [], short_answer=ShortAnswer("Nguyễn Văn Hòa", 1, 0, 14))
    r = resolve(resolver, "Ông ấy giữ chức vụ này từ năm nào?", [("Ai là Chủ tịch UBND tỉnh Kon Tum?", named)])
    assert r.standalone == "Nguyễn Văn Hòa giữ chức vụ này từ năm nào?"
    r = resolve(resolver, "Ông ấy đến từ đâu?", [("Đồng chí Cao Huy đã tiếp Phó Thủ tướng Lào vào ngày nào?", dated())])
    assert r.standalone == "Cao Huy đến từ đâu?"  # the titled name, not the role


# the bundled corpus's sentence (Kon Tum's foreign affairs) that names the đề án by its title
PROJECT = ("Triển khai có hiệu quả Đề án định hướng Hội nhập quốc tế của tỉnh Kon Tum đến năm 2020, tầm nhìn đến năm "
           "2030…")
PROJECT_Q = "Kon Tum triển khai đề án nào về hội nhập quốc tế?"


def quoting(quote: str, abstained: bool = False) -> Answer:
    return Answer("q", "a", abstained, [Citation(1, "docs/kt.txt", "Kon Tum", quote, 10, 10 + len(quote), "d0")], [])


@pytest.mark.parametrize("follow", ["Đề án đó có mục tiêu gì?", "Đề án này có mục tiêu gì?", "đề án ấy có mục tiêu gì?"])
def test_that_project_is_the_one_an_earlier_answer_quoted_by_title(resolver, follow):
    r = resolve(resolver, follow, [(PROJECT_Q, quoting(PROJECT))])
    assert (r.standalone, r.unresolved) == (
        "Đề án định hướng Hội nhập quốc tế của tỉnh Kon Tum đến năm 2020 có mục tiêu gì?", "")


@pytest.mark.parametrize("follow, answer, unresolved", [
    ("Đề án đó có mục tiêu gì?", quoting(PROJECT, abstained=True), "Đề án đó"),  # a refused answer quotes nothing
    ("Kế hoạch đó có mục tiêu gì?", quoting(PROJECT), "Kế hoạch đó"),  # no kế hoạch was quoted
    ("Đề án đó có mục tiêu gì?", quoting("Tỉnh đã ban hành nhiều văn bản triển khai."), "Đề án đó"),
])
def test_no_titled_document_of_the_kind_is_asked_about(resolver, follow, answer, unresolved):
    r = resolve(resolver, follow, [(PROJECT_Q, answer)])
    assert (r.standalone, r.unresolved, r.kind) == (follow, unresolved, "document")


@pytest.mark.parametrize("previous, follow, expected", [
    ("Kết luận 33-KL/TW của Bộ Chính trị được ban hành ngày nào?", "Còn Chỉ thị 25-CT/TW thì sao?",
     "Chỉ thị 25-CT/TW được ban hành ngày nào?"),
    ("Kết luận 33-KL/TW do Bộ Chính trị ban hành ngày nào?", "Còn Chỉ thị 25-CT/TW thì sao?",
     "Chỉ thị 25-CT/TW được ban hành ngày nào?"),
    ("Kết luận 33-KL/TW của Bộ Chính trị về những nội dung gì?", "Còn Chỉ thị 25-CT/TW?",
     "Chỉ thị 25-CT/TW về những nội dung gì?"),
    ("Theo Kết luận 33-KL/TW của Bộ Chính trị, tỉnh cần làm gì?", "Còn Chỉ thị 25-CT/TW thì sao?",
     "Theo Chỉ thị 25-CT/TW, tỉnh cần làm gì?"),
    # no new document: the issuer stays
    ("Kết luận 33-KL/TW của Bộ Chính trị được thực hiện ra sao ở Đồng Nai năm 2015?", "và năm 2016?",
     "Kết luận 33-KL/TW của Bộ Chính trị được thực hiện ra sao ở Đồng Nai năm 2016?"),
])
def test_a_document_swapped_in_drops_the_earlier_ones_issuer(previous, follow, expected):
    assert rewrite_followup(follow, [previous]) == expected


# ---- through the service (fast layer: document cards need no model)


def test_ask_swaps_in_the_document_and_answers_from_its_own_card(fast_container):
    """With "của Bộ Chính trị" kept, Chỉ thị 25-CT/TW (issued by the Ban Bí thư) would contradict the question."""
    first = "Kết luận 33-KL/TW của Bộ Chính trị được ban hành ngày nào?"
    a = fast_container.answers.ask("Còn Chỉ thị 25-CT/TW thì sao?", history=[first])
    assert a.asked_as == "Chỉ thị 25-CT/TW được ban hành ngày nào?"
    assert not a.abstained and a.short_answer.text == "08/8/2018" and a.references[0]["code"] == "25-CT/TW"


def test_ask_resolves_he_to_the_role_the_previous_question_named(fast_container):
    a = fast_container.answers.ask("Ông ấy được đưa đi thăm những địa điểm nào?", history=[RECEIVED])
    assert a.asked_as == "Phó Thủ tướng Lào được đưa đi thăm những địa điểm nào?" and a.reason != "unresolved reference"


DESCRIBED = "Ban Thường vụ Tỉnh ủy Lạng Sơn có chỉ thị về tăng cường công tác đối ngoại thời kỳ CNH, HĐH phải không?"


@pytest.mark.parametrize("previous, follow, expected", [
    (DESCRIBED, "Văn bản đó ra ngày nào?",
     "Chỉ thị về tăng cường công tác đối ngoại thời kỳ CNH, HĐH ra ngày nào, tại Lạng Sơn?"),
    ("Did Kon Tum adopt a plan on foreign affairs for 2018-2021?", "When was this document issued?",
     "When was the plan on foreign affairs for 2018-2021 issued, in Kon Tum?"),
])
def test_any_document_is_the_one_the_previous_question_described_by_type(resolver, previous, follow, expected):
    """With no number and no answer to take it from, "văn bản đó" / "this document" is the document the previous
    question described by its type, up to the question's closing words, in the province it was asked of."""
    r = resolve(resolver, follow, [(previous, None)], english=follow.isascii())
    assert not r.unresolved and r.standalone == expected


@pytest.mark.parametrize("previous", [
    "Tỉnh Lạng Sơn có bao nhiêu dự án ODA?",  # no document at all
    "Kế hoạch nào quy định công tác đối ngoại của Kon Tum?",  # asked which one: named none
])
def test_no_document_described_leaves_the_reference_unresolved(resolver, previous):
    assert resolve(resolver, "Văn bản đó ra ngày nào?", [(previous, None)]).unresolved == "Văn bản đó"


def test_a_document_described_by_type_is_dated_by_the_date_after_its_number(fast_container):
    """"Chỉ thị ... ra ngày nào": the date written after the directive's number answers it, not a year in its title."""
    # asked whether such a directive exists, the first turn names it (26-CT/TU); "văn bản đó" is that one
    a = fast_container.answers.ask("Văn bản đó ra ngày nào?", history=[DESCRIBED])
    assert not a.abstained and a.short_answer.text == "17/3/2008"


def test_a_new_place_asks_the_same_of_it_without_the_earlier_places_qualifiers(fast_container):
    """"Còn tỉnh Đồng Nai thì sao?": the earlier turn's "từ 2008" and "nhân danh UBND tỉnh" qualified Lạng Sơn's
    figure; Đồng Nai's own sentence ("Đến nay, Đồng Nai đã ký kết 27 bản thỏa thuận quốc tế ...") answers."""
    first = "Từ 2008 đến nay Lạng Sơn ký được tổng cộng bao nhiêu thỏa thuận quốc tế nhân danh UBND tỉnh?"
    a = fast_container.answers.ask("Còn tỉnh Đồng Nai thì sao?", history=[first])
    assert "Đồng Nai" in a.asked_as and "2008" in a.asked_as
    assert [c.value for c in a.frame.constraints] == ["Đồng Nai"]
    assert not a.abstained and a.short_answer.text.startswith("27")


def test_a_new_place_the_documents_do_not_cover_is_still_refused(fast_container):
    first = "Từ 2008 đến nay Lạng Sơn ký được tổng cộng bao nhiêu thỏa thuận quốc tế nhân danh UBND tỉnh?"
    a = fast_container.answers.ask("Còn tỉnh Gia Lai thì sao?", history=[first])
    assert a.abstained and a.short_answer is None


def test_a_body_named_by_its_kind_is_the_one_an_earlier_question_named(resolver):
    first = "Liên hiệp các tổ chức hữu nghị tỉnh Đồng Nai được thành lập năm nào?"
    r = resolve(resolver, "Ai đang làm chủ tịch của Liên hiệp này?", [(first, None)])
    assert r.standalone == "Ai đang làm chủ tịch của Liên hiệp các tổ chức hữu nghị tỉnh Đồng Nai?"


def test_they_is_the_body_an_english_question_named_in_capitals(resolver):
    first = "What does the Union of Friendship Organizations in Đồng Nai do?"
    r = resolve(resolver, "How many friendship associations did they set up?", [(first, None)], english=True)
    assert "did the Union of Friendship Organizations set up" in r.standalone


def test_it_after_a_provincial_body_is_that_provinces_body(resolver):
    first = "How many international agreements has Lạng Sơn signed in the name of the provincial People's Committee since 2008?"
    r = resolve(resolver, "And how many did it sign in 2009 alone?", [(first, None)], english=True)
    assert "Lạng Sơn" in r.standalone


def test_asked_for_its_number_it_is_the_document_the_previous_question_described(resolver):
    first = "Tỉnh ủy An Giang có chương trình hành động về hội nhập kinh tế quốc tế đúng không?"
    r = resolve(resolver, "Nó số mấy, ban hành ngày nào?", [(first, None)])
    assert r.standalone.startswith("Chương trình hành động về hội nhập kinh tế quốc tế")


def test_a_reference_of_one_type_skips_a_focus_document_of_another(resolver):
    """"Chương trình đó" is not the Quyết định the previous answer showed: the chương trình the question described."""
    shown = Answer("q", "a", False, [], [], references=[{"code": "272-QĐ/TW", "type": "Quyết định"}])
    first = "Tỉnh ủy An Giang có chương trình hành động về hội nhập kinh tế quốc tế đúng không?"
    r = resolve(resolver, "Chương trình đó được xây dựng theo nghị quyết nào?", [(first, shown)])
    assert r.standalone.startswith("Chương trình hành động về hội nhập") and "272" not in r.standalone
    plan = Answer("q", "a", False, [], [], references=[{"code": "3394/KH-UBND", "type": "Kế hoạch"}])
    r = resolve(resolver, "What does this plan say about cultural diplomacy?",
                [("Which plan did Kon Tum adopt for 2018-2021?", plan)], english=True)
    assert "3394/KH-UBND" in r.standalone


def test_they_after_a_list_answer_are_the_places_it_listed(fast_container):
    first = "An Giang có quan hệ truyền thống với những tỉnh nào của Campuchia?"
    listed_ = fast_container.answers.ask(first)
    head = listed_.answer.split("\n")[0]
    assert "Takeo" in head and "Kandal" in head and "Hồ Chí Minh" not in head  # no Vietnamese province "của Campuchia"
    a = fast_container.answers.ask("An Giang phối hợp với họ để nắm bắt tình hình gì ở tuyến biên giới?",
                                   history=[Turn(first, listed_)])
    assert "Takeo" in a.asked_as and "Kandal" in a.asked_as


def test_they_is_no_issuer_of_a_document_an_answer_showed(resolver):
    shown = Answer("q", "a", False, [], [], references=[{"code": "22-NQ/TW", "type": "Nghị quyết", "issuers": ["Bộ Chính trị"]}])
    r = resolve(resolver, "Họ phối hợp với ai?", [("Hai bên thường thăm hỏi nhau vào dịp nào?", shown)])
    assert "Bộ Chính trị" not in r.standalone


def test_which_leader_asks_for_a_person(resolver):
    from tests.answer.passages import frame as analyse
    assert analyse("Trong bài, lãnh đạo nào của tỉnh đưa ra ý kiến chỉ đạo?").answer_type.value == "person"


def test_that_programme_quoted_with_its_number_is_named_by_it(resolver):
    quoted = Answer("q", "a", False, [Citation(1, "s", "t", "Tỉnh ủy ban hành Chương trình số 27-CT/TU ngày 05/9/2013 của "
                                                         "Ban thường vụ Tỉnh ủy và kế hoạch số 67", 0, 10, "d")], [])
    r = resolve(resolver, "UBND tỉnh ban hành kế hoạch nào để triển khai chương trình đó?", [("Tỉnh ủy ban hành chương trình nào?", quoted)])
    assert r.standalone == "UBND tỉnh ban hành kế hoạch nào để triển khai Chương trình 27-CT/TU?"


def test_the_province_is_the_one_asked_about_and_its_is_the_provinces(resolver):
    first = "Which regulation does Kon Tum's 2018 plan tell agencies to follow?"
    r = resolve(resolver, "Did the province adopt its own regulation on this?", [(first, None)], english=True)
    assert r.standalone == "Did Kon Tum adopt its own regulation on this?"
    # a named province is no reference back
    r = resolve(resolver, "Did the province of Lạng Sơn adopt one?", [(first, None)], english=True)
    assert "Kon Tum" not in r.standalone


def test_a_body_an_earlier_answer_quoted_by_its_kind_is_that_body(resolver):
    quoted = Answer("q", "a", False, [Citation(1, "s", "t", "Tỉnh thống nhất kiện toàn Ban chỉ đạo công tác thông tin đối "
                                                         "ngoại tỉnh An Giang do Ủy ban nhân dân tỉnh quản lý", 0, 10, "d")], [])
    earlier = [("An Giang thực hiện quyết định nào của Bộ Chính trị?", None),
               ("Để thực hiện quyết định đó, tỉnh đã kiện toàn ban chỉ đạo nào?", quoted)]
    r = resolve(resolver, "Ban chỉ đạo đó do cơ quan nào quản lý?", earlier)
    assert r.standalone == "Ban chỉ đạo công tác thông tin đối ngoại tỉnh An Giang do cơ quan nào quản lý?"


def test_this_organisation_is_the_whole_name_holding_the_word(resolver):
    first = "Liên hiệp các tổ chức hữu nghị tỉnh Đồng Nai được thành lập năm nào?"
    r = resolve(resolver, "Hiện nay tổ chức này có bao nhiêu hội hữu nghị thành viên?", [(first, None)])
    assert r.standalone.startswith("Hiện nay Liên hiệp các tổ chức hữu nghị tỉnh Đồng Nai có")


def test_the_body_beside_what_it_does_is_the_answer_and_spacing_does_not_hide_it(fast_container):
    a = fast_container.answers.ask("Ban chỉ đạo công tác thông tin đối ngoại tỉnh An Giang do cơ quan nào quản lý?")
    assert not a.abstained and " ".join(a.short_answer.text.split()) == "Ủy ban nhân dân tỉnh"


def test_a_turn_naming_no_place_goes_on_in_the_conversations_province(fast_container):
    """Turn 2 names no province; turn 3's "nó" resolves against turn 2 as asked in Đồng Nai, not a placeless question."""
    history = ["Đồng Nai hiện có bao nhiêu khu công nghiệp?", "Trong đó bao nhiêu khu đang hoạt động?"]
    resolution = fast_container.answers.standalone("Các khu đó thu hút dự án của bao nhiêu quốc gia?", history)
    earlier_scoped = fast_container.answers.standalone("Còn các dự án thì sao?", history)
    assert "Đồng Nai" in resolution.standalone or "Đồng Nai" in (resolution.with_context or "")
    assert "Đồng Nai" in earlier_scoped.standalone


def test_the_latest_turns_described_document_comes_before_an_older_turns_document(resolver):
    """Turn 1 was about Chỉ thị 26/CT-TTg; turn 2 described a Lạng Sơn directive (and was refused): "văn bản đó" is
    turn 2's."""
    shown = Answer("q", "a", False, [], [], references=[{"code": "26/CT-TTg", "type": "Chỉ thị"}])
    earlier = [("Chỉ thị 26/CT-TTg của Thủ tướng ban hành ngày nào?", shown), (DESCRIBED, None)]
    r = resolve(resolver, "Văn bản đó ra ngày nào?", earlier)
    assert "26/CT-TTg" not in r.standalone and r.standalone.startswith("Chỉ thị về tăng cường công tác đối ngoại")


def test_a_province_written_by_its_initials_is_the_turn_s_own_place(fast_container):
    """"LS" spelt out before the conversation is read: the turn names Lạng Sơn, so the earlier turn's province is not
    carried into it."""
    first = "Phần biên giới mà Đăk Nông giáp với nước bạn Campuchia dài khoảng bao nhiêu cây số?"
    a = fast_container.answers.ask("cho e hỏi từ 2008 đến 2012 có bn đoàn khách qte đến LS vậy ạ", history=[first])
    assert "Lạng Sơn" in a.asked_as and "Đăk Nông" not in a.asked_as
