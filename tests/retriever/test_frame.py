"""Question analysis into a frame: language, filler, answer type and unit, constraints, document requests."""
import pytest

from core.lexicon import Lexicon
from core.settings import Settings
from core.types import AnswerType as T, ConstraintKind as K
from retriever.frame import FrameAnalyzer, split_options


@pytest.fixture(scope="module")
def fa() -> FrameAnalyzer:
    return FrameAnalyzer(Lexicon(Settings().prompts_dir))


@pytest.mark.parametrize("text, lang", [
    ("Đồng Nai có bao nhiêu hội hữu nghị?", "vi"),
    ("nghi quyet 31/NQ-CP cua chinh phu ban hanh ngay nao", "vi"),
    ("tinh dong nai co bao nhieu hoi huu nghi", "vi"),
    ("còn An Giang thì sao?", "vi"),
    ("Which directives govern outbound delegations?", "en"),
    ("What about An Giang?", "en"),
    ("How many friendship associations does Đồng Nai have?", "en"),
    ("When was Directive 38-CT/TW issued?", "en"),
    ("Outbound delegations: which directives?", "en"),
])
def test_language(fa, text, lang):
    assert fa.analyze(text).lang == lang


@pytest.mark.parametrize("question, doc_type", [
    ("Which directives govern outbound delegations?", "Chỉ thị"),
    ("What regulation covers inbound delegations?", "Quy định"),
    ("List the resolutions on international integration", "Nghị quyết"),
    ("Which documents regulate foreign NGOs?", None),
    ("Is there a decree on marriage with foreigners?", "Nghị định"),
    ("Chỉ thị nào quy định về đoàn ra?", "Chỉ thị"),
    ("Những nghị quyết nào về hội nhập quốc tế?", "Nghị quyết"),
    ("văn bản nào quy định về quản lý đoàn ra?", None),
    ("chi thi nao quy dinh ve doan ra", "Chỉ thị"),
    ("Tỉnh đã ban hành những kế hoạch gì về ngoại giao kinh tế?", "Kế hoạch"),
])
def test_document_requests(fa, question, doc_type):
    f = fa.analyze(question)
    assert (f.answer_type, f.doc_type) == (T.DOCUMENTS, doc_type)


@pytest.mark.parametrize("question, types", [
    ("Cần thực hiện tốt những nghị quyết, chỉ thị nào về hội nhập quốc tế?", ("Chỉ thị", "Nghị quyết")),
    ("Những nghị quyết và chỉ thị nào về hội nhập?", ("Chỉ thị", "Nghị quyết")),
    ("Which resolutions or directives govern international integration?", ("Nghị quyết", "Chỉ thị")),
    ("Chỉ thị nào quy định về quản lý đoàn đi công tác nước ngoài?", ("Chỉ thị",)),
    ("Quyết định ban hành quy chế nào?", ("Quy chế",)),  # a type before a verb is no part of the list
])
def test_types_written_together_are_all_asked_for(fa, question, types):
    f = fa.analyze(question)
    assert f.doc_types == types and f.doc_type == types[0]


@pytest.mark.parametrize("question, kind", [
    ("Đồng Nai có bao nhiêu hội hữu nghị?", T.QUANTITY),
    ("Tỉnh có mấy cửa khẩu quốc tế?", T.QUANTITY),
    ("How many friendship associations does Dong Nai have?", T.QUANTITY),
    ("What is the area of Dak Nong?", T.QUANTITY),
    ("Chỉ thị 38-CT/TW ban hành ngày nào?", T.DATE),
    ("nghi quyet 31/NQ-CP cua chinh phu ban hanh ngay nao", T.DATE),
    ("Hội hữu nghị được thành lập năm nào?", T.DATE),
    ("In which year was the association founded?", T.DATE),
    ("Ai ký Quyết định 01/2014/QĐ-UBND?", T.ORGANISATION),
    ("Who chairs the provincial steering committee?", T.ORGANISATION),
    ("Ai là Trưởng ban chỉ đạo?", T.PERSON),
    ("Who is the head of the delegation?", T.PERSON),
    ("Tỉnh đã ký thỏa thuận hợp tác với Lào chưa?", T.YESNO),
    ("Does Dong Nai border Cambodia?", T.YESNO),
    ("Thỏa thuận đó có hiệu lực 5 năm, đúng hay sai?", T.YESNO),
    ("Đăk Nông giáp những tỉnh nào?", T.LIST),
    ("Which countries does Kon Tum border?", T.LIST),
    ("An Giang ký biên bản ghi nhớ với tỉnh nào của Lào?", T.PLACE),
    ("Doanh nghiệp Hàn Quốc nào đã ký biên bản ghi nhớ?", T.ORGANISATION),
    ("Chỉ thị 25-CT/TW về vấn đề gì?", T.DOCUMENT_CONTENT),
    ("What is Decision 272-QĐ/TW about?", T.DOCUMENT_CONTENT),
    ("Đối ngoại nhân dân là gì?", T.DESCRIPTION),
    ("Under Quang Tri's rules, who gets to approve a visit by a foreign ambassador?", T.ORGANISATION),  # who acts
])
def test_answer_type(fa, question, kind):
    assert fa.analyze(question).answer_type == kind


@pytest.mark.parametrize("question, unit", [
    ("Diện tích tỉnh Đăk Nông là bao nhiêu?", "km²"),
    ("What is the area of Dak Nong?", "km²"),
    ("Mỗi đoàn ra được tối đa bao nhiêu thành viên?", "thành viên"),
    ("Đường biên giới dài bao nhiêu km?", "km"),
    ("How much FDI was disbursed in An Giang?", "USD"),
    ("Năm 2016 An Giang giải ngân bao nhiêu vốn FDI?", "USD"),
    ("Khu kinh tế có tổng diện tích bao nhiêu ha?", "ha"),
    ("Phải báo cáo trong bao lâu sau khi về nước?", "thời hạn"),
    ("Trưởng đoàn phải gửi báo cáo trong thời hạn nào?", "thời hạn"),
    ("What is the total budget of the plan?", "USD"),
    ("How far ahead of the trip must the agency send in its paperwork?", "thời hạn"),  # a time, not a distance
    ("How far is the border gate from the city?", "km"),
    ("How big is Dak Nong?", "km²"),  # a named place's size is its area
    ("How many people from Dong Nai live overseas?", "kiều bào"),  # who the people are, named by the question
    ("Tỉnh Đăk Nông rộng bao nhiêu?", "km²"),
])
def test_quantity_unit(fa, question, unit):
    f = fa.analyze(question)
    assert (f.answer_type, f.unit) == (T.QUANTITY, unit)


def test_greeting_and_self_introduction_weigh_nothing(fa):
    f = fa.analyze("Chào anh chị, tôi là cán bộ Sở Ngoại vụ tỉnh Kon Tum, đang chuẩn bị báo cáo năm. "
                   "Cho tôi hỏi tỉnh mình tiếp giáp với những nước nào ạ?")
    assert f.core == "tỉnh Kon Tum tiếp giáp với những nước nào?"
    assert f.answer_type == T.LIST and f.list_of == "country"
    assert [c.value for c in f.of(K.PLACE)] == ["Kon Tum"]
    assert f.filler and "Chào anh chị," in f.filler
    en = fa.analyze("Hello, I'm an officer at the provincial Department of Foreign Affairs. "
                    "Could you tell me how long the border between Dak Nong and Cambodia is? Thanks!")
    assert en.core == "how long the border between Dak Nong and Cambodia is?" and en.unit == "km"


def test_the_rest_of_an_introducing_sentence_is_filler_when_a_later_sentence_asks(fa):
    f = fa.analyze("Chào anh/chị, em là cán bộ Phòng Hợp tác quốc tế, Sở Ngoại vụ Kon Tum, đang chuẩn bị tài liệu "
                   "về các địa phương nước ngoài. Cho em hỏi tỉnh định thiết lập quan hệ với những nước nào ạ?")
    assert f.core == "tỉnh Kon Tum định thiết lập quan hệ với những nước nào?"
    assert not f.of(K.ORGANISATION) and "Chào anh/chị," in f.filler
    g = fa.analyze("Chào chị, em là chuyên viên Sở Y tế Quảng Trị, giám đốc sở em vừa đi hội thảo bên Nhật về. "
                   "Cho em hỏi hộ chiếu công vụ của tỉnh phải nộp lại trong bao lâu?")
    assert not g.of(K.ROLE) and [c.value for c in g.of(K.PLACE)] == ["Quảng Trị"]
    # a sentence that asks is never cut: "..., tỉnh có bao nhiêu dự án FDI?"
    h = fa.analyze("Em là cán bộ Sở Ngoại vụ An Giang, tỉnh có bao nhiêu dự án FDI?")
    assert h.core == "tỉnh An Giang có bao nhiêu dự án FDI?"


def test_constraints(fa):
    f = fa.analyze("Phó Chủ tịch UBND tỉnh An Giang đã ký bao nhiêu thỏa thuận với Lào trong năm 2016?")
    got = {(c.kind, c.value) for c in f.constraints}
    assert {(K.ROLE, "Phó Chủ tịch"), (K.PLACE, "An Giang"), (K.PLACE, "Lào"), (K.YEAR, "2016")} <= got
    assert (K.ROLE, "Chủ tịch") not in got  # the deputy is not the head
    codes = fa.analyze("Theo Quyết định 99/2025/QĐ-UBND, mỗi đoàn có tối đa mấy người?")
    assert codes.codes == ("99/2025/QĐ-UBND",) and not codes.of(K.YEAR)  # the year inside a number is no constraint
    named = fa.analyze("Theo Bộ luật dân sự năm 2015, ai là người thừa kế theo pháp luật?")
    assert [c.value for c in named.of(K.DOCUMENT)] == ["Bộ luật dân sự"] and not named.of(K.YEAR)


def test_options_of_a_multiple_choice_question_are_not_constraints(fa):
    stem, options = split_options("Bộ nào quản lý trọng tài? A. Bộ Tài chính B. Bộ Tư pháp C. Bộ Công an D. Bộ Ngoại giao")
    assert stem == "Bộ nào quản lý trọng tài?" and options == ("Bộ Tài chính", "Bộ Tư pháp", "Bộ Công an", "Bộ Ngoại giao")
    f = fa.analyze("Bộ nào quản lý trọng tài? A. Bộ Tài chính B. Bộ Tư pháp C. Bộ Công an D. Bộ Ngoại giao")
    assert not f.of(K.ORGANISATION) and len(f.options) == 4
    assert split_options("Kế hoạch A. được ban hành khi nào?") == ("Kế hoạch A. được ban hành khi nào?", ())


def test_about_document_and_content_routing_signals(fa):
    assert fa.analyze("Kết luận 33-KL/TW được ban hành ngày nào?").about_document
    assert fa.analyze("Thông tri 11-TT/TU nhằm thực hiện chỉ thị nào?").about_document
    content = fa.analyze("Theo Quyết định 99/2025/QĐ-UBND, mỗi đoàn ra được tối đa bao nhiêu thành viên?")
    assert not content.about_document and content.answer_type == T.QUANTITY
    both = fa.analyze("Nghị quyết 22-NQ/TW được ban hành ngày nào và về nội dung gì?")
    assert both.answer_type == T.DATE and T.DOCUMENT_CONTENT in both.also


def test_frame_is_logged_to_json(fa):
    j = fa.analyze("Kon Tum tiếp giáp với những nước nào?").to_json()
    assert j["answer_type"] == "list" and j["constraints"] == [{"kind": "place", "value": "Kon Tum", "text": "Kon Tum"}]
    assert j["asks"] == [] and fa.analyze("Ai ký Quyết định 99/2025/QĐ-UBND?").to_json()["asks"] == ["signer"]


@pytest.mark.parametrize("question, kind", [
    ("Which country does Dak Nong border?", "country"),
    ("Kon Tum ký biên bản ghi nhớ với doanh nghiệp nước nào?", "country"),  # which country's company: a country
    ("Đăk Nông giáp với nước nào ở phía Tây?", "country"),
    ("An Giang ký biên bản ghi nhớ với địa phương nào của Lào?", "province"),
    ("Which province signed a memorandum with Champasak?", "province"),
    ("Hội nghị xúc tiến đầu tư được tổ chức ở đâu?", None),
])
def test_a_place_question_names_the_kind_of_place(fa, question, kind):
    f = fa.analyze(question)
    assert (f.answer_type, f.list_of) == (T.PLACE, kind)


def test_the_number_of_something_is_a_count_of_it_not_money(fa):
    f = fa.analyze("What is the maximum number of members in a delegation paid for by the state budget?")
    assert (f.answer_type, f.unit) == (T.QUANTITY, "members") and "thành viên" in f.unit_spellings
    assert fa.analyze("What is the total budget of the plan?").unit == "USD"


def test_non_governmental_names_no_government(fa):
    assert not fa.analyze("Có bao nhiêu tổ chức phi chính phủ nước ngoài hoạt động ở Đồng Nai?").of(K.ORGANISATION)
    assert not fa.analyze("How many non-government organisations work in Dong Nai?").of(K.ORGANISATION)
    assert [c.value for c in fa.analyze("Chính phủ ban hành nghị quyết nào về hội nhập?").of(K.ORGANISATION)] == ["Chính phủ"]


@pytest.mark.parametrize("question, org", [
    ("Kế hoạch giao Sở Y tế bao nhiêu kinh phí?", "Sở Y tế"),
    ("Sở Văn hóa, Thể thao và Du lịch chủ trì những việc gì?", "Sở Văn hóa, Thể thao và Du lịch"),
    ("What does the Department of Foreign Affairs have to report?", "Sở Ngoại vụ"),
])
def test_provincial_departments_are_organisations(fa, question, org):
    assert org in [c.value for c in fa.analyze(question).of(K.ORGANISATION)]


@pytest.mark.parametrize("question, kind", [
    # "tỉnh" elsewhere in the question does not make a list of organisations a list of provinces
    ("Ngoài các đối tác truyền thống thì tỉnh đang thúc đẩy hợp tác với những đối tác tiềm năng nào?", "organisation"),
    ("Tỉnh Kon Tum tiếp giáp với những nước nào?", "country"),
    ("Tỉnh muốn thiết lập quan hệ với các địa phương thuộc những nước nào?", "country"),  # the noun before "nào"
    ("Kon Tum wants twinning ties with towns and provinces abroad - in which countries?", "country"),
    ("Những tỉnh nào có nhắc đến Chỉ thị 38-CT/TW?", "province"),
    ("Kế hoạch 47/KH-UBND giao những huyện biên giới nào chỉ đạo cấp xã?", "district"),
    ("Đăk Nông có những cửa khẩu nào với Campuchia?", "border_gate"),
    ("What are the names of the main border crossings between Đăk Nông and Cambodia?", "border_gate"),
])
def test_a_list_lists_the_noun_its_question_word_names(fa, question, kind):
    f = fa.analyze(question)
    assert (f.answer_type, f.list_of) == (T.LIST, kind)


@pytest.mark.parametrize("question, about", [
    ("Chỉ thị 25-CT/TW do cơ quan nào ban hành?", True),
    ("Ai ký ban hành Quyết định 363-QĐ/TU?", True),
    ("Quyết định 272-QĐ/TW ký ngày nào?", True),
    ("When did the Politburo sign Decision 272-QĐ/TW?", True),
    # "định kỳ" is no signing: a content question of the plan
    ("Theo Kế hoạch 47/KH-UBND, ngày nào phải gửi báo cáo định kỳ?", False),
])
def test_issuing_and_signing_questions_are_about_the_document(fa, question, about):
    assert fa.analyze(question).about_document is about


@pytest.mark.parametrize("question", ["What else did the Politburo issue?", "Bộ Chính trị còn ban hành những gì?"])
def test_what_a_body_issued_is_a_list_of_documents(fa, question):
    assert fa.analyze(question).answer_type == T.DOCUMENTS


@pytest.mark.parametrize("question, kind", [
    ("Which body issued Directive 26/CT-TTg?", T.ORGANISATION),  # before: a request for documents
    ("Which directives govern outbound delegations?", T.DOCUMENTS),
])
def test_which_names_what_is_asked(fa, question, kind):
    assert fa.analyze(question).answer_type == kind


def test_a_word_typed_with_diacritics_is_filler_only_if_it_is_the_filler_word(fa):
    # "Thừa kế", "Thửa đất" fold to "thua" like the greeting "Thưa": they open a statement, not an address
    q = ("Thừa kế được xác định theo pháp luật của nước mà người để lại di sản thừa kế cư trú ngay trước khi chết, "
         "đúng hay sai?")
    assert fa.analyze(q).core == q and fa.analyze(q).filler == ()
    q = "Thửa đất đã có quyết định thu hồi, người sử dụng đất có được chuyển nhượng không?"
    assert fa.analyze(q).core == q
    greeted = fa.analyze("Thưa anh, tỉnh Kon Tum giáp những nước nào?")
    assert greeted.core == "tỉnh Kon Tum giáp những nước nào?" and greeted.filler == ("Thưa anh,",)
    # typed without diacritics, a bare letter still meets the filler word
    bare = fa.analyze("chao anh, cho em hoi Kon Tum giap nhung nuoc nao a?")
    assert bare.core == "Kon Tum giap nhung nuoc nao?" and bare.filler == ("chao anh,", "cho em hoi", "a")


def test_a_statement_keeps_its_full_stop(fa):
    q = "Nhận định sau đúng hay sai: Người chưa thành niên không được lập di chúc."
    assert fa.analyze(q).core == q  # read by retrieval as written, as before the frame


def test_a_document_described_by_type_and_asked_when_it_came_out(fa):
    f = fa.analyze("Chỉ thị của Ban Thường vụ Tỉnh ủy Lạng Sơn về tăng cường công tác đối ngoại ra ngày nào?")
    assert f.described_document == "Chỉ thị" and f.answer_type == T.DATE
    # whether such a document exists asks which one it is
    g = fa.analyze("Ban Thường vụ Tỉnh ủy Lạng Sơn có chỉ thị về tăng cường công tác đối ngoại phải không?")
    assert g.answer_type == T.DOCUMENTS and g.doc_types == ("Chỉ thị",)


@pytest.mark.parametrize("question, role", [
    ("Who heads Đăk Nông's provincial Department of Foreign Affairs?", "Giám đốc"),
    ("Ai là người đứng đầu Sở Ngoại vụ tỉnh Kon Tum?", "Giám đốc"),
    ("Ai đứng đầu Ủy ban nhân dân tỉnh An Giang?", "Chủ tịch"),
])
def test_who_heads_a_body_asks_for_its_heads_role(fa, question, role):
    f = fa.analyze(question)
    assert f.head and f.answer_type == T.PERSON and [c.value for c in f.of(K.ROLE)] == [role]


def test_the_head_named_as_a_subject_is_no_question_about_who(fa):
    f = fa.analyze("Người đứng đầu Ủy ban nhân dân tỉnh có trách nhiệm gì?")
    assert not f.head and not f.of(K.ROLE)
    # a role the question names itself stays the one asked
    g = fa.analyze("Who is the deputy director who heads the Department of Foreign Affairs?")
    assert [c.value for c in g.of(K.ROLE)] == ["Phó Giám đốc"]


@pytest.mark.parametrize("question", [
    "Kế hoạch đối ngoại năm 2018 của Kon Tum có số hiệu là gì?",
    "What is the number of Kon Tum's 2018 foreign affairs action plan?",
])
def test_a_documents_number_asked_after_its_description_asks_which_document(fa, question):
    f = fa.analyze(question)
    assert f.answer_type == T.DOCUMENTS and f.doc_types == ("Kế hoạch",)  # before: a count, or a description


def test_a_count_of_things_is_still_a_quantity(fa):
    assert fa.analyze("What is the number of delegations Lang Son sent abroad?").answer_type == T.QUANTITY


@pytest.mark.parametrize("question", [
    "Which two Cambodian provinces does An Giang keep traditional friendly ties with?",
    "Which neighbouring countries does Kon Tum border?",
])
def test_an_english_list_question_may_qualify_its_noun(fa, question):
    assert fa.analyze(question).answer_type == T.LIST  # before: a description, with no items


def test_an_english_count_is_of_the_head_noun_with_the_acronym_as_its_kind(fa):
    f = fa.analyze("How many FDI projects did Kon Tum attract in 2018?")
    assert set(f.unit_spellings) == {"dự án", "đề án"}
    assert ("qualifier", "FDI") in {(c.kind.value, c.value) for c in f.constraints}


@pytest.mark.parametrize("question", ["Chỉ thị 26-CT/TU hướng tới mốc năm nào?", "By what year does Directive 26-CT/TU aim?"])
def test_the_year_a_document_aims_at_is_not_its_issue_date(fa, question):
    # before: the date written after its number ("26-CT/TU ngày 17/3/2008") answered "hướng tới mốc năm nào"
    assert fa.analyze(question).effect


@pytest.mark.parametrize("question", ["How much did An Giang spend on foreign affairs in 2016?",
                                      "How much was An Giang's FDI disbursement in 2016?"])
def test_an_amount_spent_or_disbursed_is_money(fa, question):
    f = fa.analyze(question)
    # before: any number answered ("04" biên bản, "trên 17 triệu" without its unit)
    assert f.answer_type == T.QUANTITY and f.unit == "USD"


@pytest.mark.parametrize("question", ["Tên các cửa khẩu của Đăk Nông là gì?", "Tên hai tỉnh bạn của An Giang ở Campuchia là gì?"])
def test_the_names_of_places_or_bodies_are_a_list(fa, question):
    assert fa.analyze(question).answer_type == T.LIST  # before: a description, with no items


@pytest.mark.parametrize("question, unit", [
    ("Còn đoàn cán bộ của tỉnh đi nước ngoài thì bao nhiêu?", "đoàn cán bộ"),  # the follow-up counts the noun it opens with
    ("Còn các dự án ODA thì tổng vốn đầu tư là bao nhiêu?", "USD"),  # its own words name an amount
])
def test_an_elliptical_follow_up_counts_its_opening_noun(fa, question, unit):
    assert fa.analyze(question).unit == unit


def test_a_misspelt_province_is_read_as_the_province(fa):
    f = fa.analyze("Năm 2016 vốn FDI giải ngân ở An Gaing đạt bao nhiêu?")
    assert ("place", "An Giang") in [(c.kind.value, c.value) for c in f.constraints]


@pytest.mark.parametrize("question", ["Nghị quyết của Bộ Chính trị năm 2013 về hội nhập quốc tế là số mấy?",
                                      "Kế hoạch của Kon Tum có số bao nhiêu?"])
def test_the_number_of_a_described_document_is_which_document(fa, question):
    assert fa.analyze(question).answer_type == T.DOCUMENTS
    assert fa.analyze("Đăk Nông có bao nhiêu cửa khẩu?").answer_type == T.QUANTITY


def test_a_kind_of_figure_written_out_in_english_is_its_acronym(fa):
    f = fa.analyze("How many foreign direct investment projects does Kon Tum have?")
    assert [(c.kind, c.value) for c in f.constraints if c.kind == K.QUALIFIER] == [(K.QUALIFIER, "FDI")]
    assert fa.analyze("How much official development assistance did Lang Son attract?").unit == "USD"
    assert fa.analyze("What deadline is set for the scheme on free migrants?").answer_type == T.DATE
    # a body an event is dated by must be written with the date ("thỏa thuận với ADB được ký năm nào")
    f = fa.analyze("Thỏa thuận với ngân hàng ADB được ký vào năm nào?")
    assert [c.value for c in f.constraints if c.kind == K.QUALIFIER] == ["ADB"]
    f = fa.analyze("Investors from how many countries and territories have projects in Đồng Nai?")
    assert f.unit_spellings[:1] == ("quốc gia",)  # the figure is written before the first noun


@pytest.mark.parametrize("question", [
    "Vì sao UBND tỉnh Kon Tum ban hành Kế hoạch 3394/KH-UBND?",
    "An Giang phối hợp với Takeo, Kandal để làm gì?",
    "Tai sao Lang Son trao doi voi phia Quang Tay?",
    "Why does An Giang work with Takeo and Kandal?",
    "For what purpose did Lang Son meet Guangxi officials?",
])
def test_why_and_what_for_ask_for_a_reason_never_the_document_card(fa, question):
    f = fa.analyze(question)
    assert f.answer_type == T.REASON and not f.about_document


@pytest.mark.parametrize("question, unit", [
    ("Nghe nói Đồng Nai có hơn 30 ngàn kiều bào, đúng không?", "kiều bào"),
    ("Mỗi đoàn ra có tối đa 05 thành viên đúng không?", "thành viên"),
    ("Is it true that Dak Nong shares 130 km of border with Cambodia?", "km"),
    ("Lạng Sơn có ký thỏa thuận với VECO không?", None),  # no figure claimed
    ("Đồng Nai có 31 khu công nghiệp đang hoạt động à?", "khu công nghiệp"),  # "à?" asks to confirm
    ("Kế hoạch được ban hành năm 2018 phải không?", None),  # a year is no figure
])
def test_a_yes_no_question_claiming_a_figure_reads_its_unit(fa, question, unit):
    f = fa.analyze(question)
    assert (f.answer_type, f.unit) == (T.YESNO, unit)


@pytest.mark.parametrize("question, kind", [
    ("Cao Huy là ai?", T.OFFICE),  # who a named person is: the office the documents give them
    ("Đồng chí Cao Huy là ai vậy?", T.OFFICE),
    ("Who is Mr Cao Huy?", T.OFFICE),
    ("Who was Nguyen Van Thang?", T.OFFICE),
    ("Who is the Chairman of An Giang?", T.PERSON),  # an office named: its holder
    ("Ai là Chủ tịch UBND tỉnh An Giang?", T.PERSON),
])
def test_who_a_named_person_is_asks_their_office(fa, question, kind):
    f = fa.analyze(question)
    assert f.answer_type == kind
    assert not [c for c in f.constraints if c.text in ("Mr", "Mrs")]  # a title is no foreign name


def test_what_about_is_no_claim_to_check(fa):
    """"... thì sao?" asks the previous question again of something else; "à?" asks to confirm a claim."""
    assert fa.analyze("Vậy kế hoạch cho giai đoạn 2022-2025 thì sao?").answer_type != T.YESNO
    assert fa.analyze("Lạng Sơn ký với VECO à?").answer_type == T.YESNO

