"""Direct answers on small real passages: a body's contact lines (AnswerType.CONTACT), a legal text's rule before
its exception clause, the side of a place asked in English, body names kept whole."""
import pytest

from core.types import AnswerType
from tests.answer.passages import AGREEMENTS, Doc, compose, frame, parts, short_text

CONTACT = Doc("LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ TỈNH ĐỒNG NAI\n"
              "Địa chỉ: Số 129, Hà Huy Giáp, phường Quyết Thắng, thành phố Biên Hoà, tỉnh Đồng Nai\n"
              "Điện thoại: (02513)843.909\nFax: (02513)846.066\nEmail: dufo.dn@gmail.com", locality="Đồng Nai")
ARTICLE = Doc("Năm 2013, tỉnh Đồng Nai đã quyết định thành lập Liên hiệp các tổ chức hữu nghị tỉnh, tổ chức chính trị - "
              "xã hội hoạt động chuyên trách trong lĩnh vực đối ngoại nhân dân.", locality="Đồng Nai")


@pytest.mark.parametrize("question, expected", [
    ("Liên hiệp các tổ chức hữu nghị tỉnh Đồng Nai đặt trụ sở ở địa chỉ nào ạ?",
     "Số 129, Hà Huy Giáp, phường Quyết Thắng, thành phố Biên Hoà, tỉnh Đồng Nai"),
    ("Số điện thoại của Liên hiệp các tổ chức hữu nghị tỉnh Đồng Nai là gì?", "(02513)843.909"),
    ("What is the e-mail address of the Dong Nai Union of Friendship Organizations?", "dufo.dn@gmail.com"),
])
def test_a_contact_question_is_answered_by_the_value_of_its_contact_line(question, expected):
    assert frame(question).answer_type == AnswerType.CONTACT
    comp, texts = compose(question, [ARTICLE, CONTACT])
    assert short_text(comp, texts) == expected


@pytest.mark.parametrize("question", ["Liên hiệp hữu nghị Đồng Nai ở đâu?",
                                      "Where is the Dong Nai Union of Friendship Organizations located?"])
def test_where_a_body_is_is_its_address_line_when_one_says_it(question):
    assert frame(question).answer_type == AnswerType.PLACE  # a place where no address is written
    comp, texts = compose(question, [ARTICLE, CONTACT])
    assert short_text(comp, texts) == "Số 129, Hà Huy Giáp, phường Quyết Thắng, thành phố Biên Hoà, tỉnh Đồng Nai"


@pytest.mark.parametrize("question", ["Cửa khẩu Bu Prăng ở đâu?", "Hội nghị xúc tiến đầu tư được tổ chức ở đâu?",
                                      "Where is Kon Tum?"])
def test_a_place_is_no_contact(question):
    assert frame(question).answer_type == AnswerType.PLACE


def test_no_contact_line_means_no_contact_answer():
    comp, _ = compose("Số điện thoại của Liên hiệp các tổ chức hữu nghị tỉnh Đồng Nai là gì?", [ARTICLE])
    assert comp.short is None and comp.typed and not comp.found  # the refusal: "no contact is stated"


RULE = Doc("Điều 8. Hồ sơ đoàn ra\n2. Chậm nhất 20 ngày làm việc trước ngày dự kiến xuất cảnh, cơ quan chủ quản gửi "
           "01 bộ hồ sơ về Sở Ngoại vụ.", title="Quyết định 99/2025/QĐ-UBND")
EXCEPTION = Doc("4. Trường hợp đột xuất, cơ quan chủ quản gửi hồ sơ chậm nhất 07 ngày làm việc trước ngày dự kiến xuất "
                "cảnh và phải giải trình rõ lý do.", title="Quyết định 99/2025/QĐ-UBND")


@pytest.mark.parametrize("question, expected", [
    ("Hồ sơ đoàn ra phải gửi về Sở Ngoại vụ chậm nhất bao nhiêu ngày làm việc trước ngày xuất cảnh?", "20 ngày làm việc"),
    ("How many working days before departure must the file for a trip abroad reach the Department?", "20 ngày làm việc"),
    # a question naming the case asks of it
    ("Trường hợp đột xuất thì hồ sơ đoàn ra gửi chậm nhất bao nhiêu ngày làm việc trước ngày xuất cảnh?",
     "07 ngày làm việc"),
    ("In an urgent case, how many working days before departure must the file for a trip abroad be sent?",
     "07 ngày làm việc"),
])
def test_the_rule_answers_before_its_exception_unless_the_case_is_asked(question, expected):
    comp, texts = compose(question, [EXCEPTION, RULE])  # the exception retrieved first
    assert short_text(comp, texts) == expected


DAK_NONG = Doc("Đối với tỉnh Đăk Nông, phía Bắc và Đông Bắc giáp tỉnh Đắk Lắk, phía Đông và Đông Nam giáp tỉnh Lâm Đồng, "
               "phía Nam giáp tỉnh Bình Phước, phía Tây giáp Campuchia với 130 km đường biên giới.", locality="Đăk Nông")


@pytest.mark.parametrize("question, expected", [
    ("Which province lies directly to the south of Dak Nong?", "Bình Phước"),
    ("Which province borders Dak Nong to the north?", "Đắk Lắk"),
    ("Phía Nam tỉnh Đăk Nông giáp tỉnh nào?", "Bình Phước"),
])
def test_the_side_asked_in_either_language_picks_its_clause(question, expected):
    comp, texts = compose(question, [DAK_NONG])
    assert short_text(comp, texts) == expected


@pytest.mark.parametrize("text, names", [
    ("Sở Ngoại vụ chủ trì, phối hợp với Sở Tài chính.", ["Sở Ngoại vụ", "Sở Tài chính"]),
    ("Ban Chỉ đạo công tác thông tin đối ngoại chủ động phối hợp với các ngành.", ["Ban Chỉ đạo"]),
    ("kiện toàn Ban chỉ đạo công tác thông tin đối ngoại tỉnh An Giang do Ủy ban nhân dân tỉnh quản lý",
     ["Ban chỉ đạo công tác thông tin đối ngoại tỉnh An Giang", "Ủy ban nhân dân tỉnh"]),
    ("Quỹ Ford tài trợ dự án.", ["Quỹ Ford"]),  # a foreign name is no syllable with a second half
    ("Bộ Ngoại giao và Bộ Công an", ["Bộ Ngoại giao", "Bộ Công an"]),
])
def test_a_body_s_name_is_not_cut_after_the_first_syllable_of_a_word(text, names):
    assert [s.text for s in parts().spans.organisations(text)] == names


STEERING = Doc("Tỉnh thống nhất kiện toàn Ban chỉ đạo công tác thông tin đối ngoại tỉnh An Giang do Ủy ban nhân dân tỉnh "
               "quản lý, đồng thời sẽ ban hành Quy chế hoạt động đối ngoại thuộc thẩm quyền của Tỉnh ủy.", locality="An Giang")


@pytest.mark.parametrize("question, doc, expected", [
    ("Ban chỉ đạo công tác thông tin đối ngoại tỉnh An Giang đặt dưới sự quản lý của Tỉnh ủy, đúng không?", STEERING,
     "Ủy ban nhân dân tỉnh"),
    ("Có phải Lạng Sơn từng ký một thỏa thuận với tổ chức VECO của Hà Lan không?", AGREEMENTS, "Bỉ"),
])
def test_a_claim_naming_another_body_or_country_is_answered_by_the_one_the_documents_name(question, doc, expected):
    comp, texts = compose(question, [doc])
    assert short_text(comp, texts) == expected


@pytest.mark.parametrize("question, doc", [
    ("Ban chỉ đạo công tác thông tin đối ngoại tỉnh An Giang do Ủy ban nhân dân tỉnh quản lý, đúng không?", STEERING),
    ("Có phải Lạng Sơn từng ký một thỏa thuận với tổ chức VECO của Bỉ không?", AGREEMENTS),
])
def test_a_claim_the_sentence_bears_out_gets_no_other_name(question, doc):
    comp, _ = compose(question, [doc])
    assert comp.short is None
