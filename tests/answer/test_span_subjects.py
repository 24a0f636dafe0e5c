"""Which span of a sentence answers (answer/span_choice.py, answer/spans.py): the province a sentence is about for
"tỉnh nào có ...", a number with the measure it is written in when no unit is asked, an item's number no quantity."""
import pytest

from tests.answer.passages import Doc, compose, short_text

DAK_NONG = Doc("Đối với tỉnh Đăk Nông, với vị trí là một tỉnh nằm ở phía Tây Nam vùng Tây Nguyên, phía Bắc giáp tỉnh Đắk "
               "Lắk, phía Nam giáp tỉnh Bình Phước, phía Tây giáp Campuchia với 130 km đường biên giới, có 2 cửa khẩu chính "
               "là Bu Prăng và Đăk Perr, diện tích tự nhiên của tỉnh là 6.513 km2.", locality="Đăk Nông")
ITEMS = Doc("1. Trong thời hạn 15 ngày kể từ ngày về nước, trưởng đoàn gửi báo cáo kết quả chuyến công tác.",
            title="Quy chế quản lý đoàn ra", locality="Quảng Trị")


@pytest.mark.parametrize("question", ["Tỉnh nào có 130 km đường biên giới giáp Campuchia?",
                                      "Tỉnh nào có 2 cửa khẩu chính là Bu Prăng và Đăk Perr?",
                                      "Which province has the Bu Prang and Dak Per border gates?"])
def test_which_province_did_or_has_it_is_the_one_the_sentence_is_about(question):
    comp, texts = compose(question, [DAK_NONG])
    assert short_text(comp, texts) == "Đăk Nông"  # not Bình Phước, the neighbour it borders


def test_the_provinces_a_named_one_borders_are_its_neighbours():
    comp, texts = compose("Đăk Nông giáp những tỉnh nào?", [DAK_NONG])
    assert [t for t, _ in comp.items] == ["Đắk Lắk", "Bình Phước"]


@pytest.mark.parametrize("question, expected", [
    ("Đoạn biên giới Đăk Nông có chung với Campuchia dài khoảng bao nhiêu?", "130 km"),  # a length: km asked
    ("Đăk Nông có diện tích tự nhiên là bao nhiêu?", "6.513 km2"),
])
def test_a_measure_is_answered_with_its_unit(question, expected):
    comp, texts = compose(question, [DAK_NONG])
    assert short_text(comp, texts) == expected


def test_an_items_number_is_no_quantity():
    comp, texts = compose("What is the longest time for the head of a delegation to send the report?", [ITEMS])
    assert short_text(comp, texts) == "15 ngày"  # not "1", the clause's number


PARTNERS = Doc("Bên cạnh các đối tác truyền thống, Tỉnh cũng thúc đẩy hợp tác với các đối tác tiềm năng như Cơ quan Hợp tác "
               "quốc tế Nhật Bản (JICA), Lãnh sự quán Ý tại Thành phố Hồ Chí Minh.", locality="An Giang")


@pytest.mark.parametrize("question", ["Which Japanese agency is An Giang trying to work with?",
                                      "An Giang hợp tác với cơ quan nào của Nhật Bản?"])
def test_the_body_a_demonym_qualifies_holds_it(question):
    comp, texts = compose(question, [PARTNERS])
    assert short_text(comp, texts) == "Cơ quan Hợp tác quốc tế Nhật Bản (JICA)"  # not the body written after it


SIGNED = Doc("Từ năm 2008 đến nay, tỉnh Lạng Sơn đã ký kết tổng cộng 7 thỏa thuận quốc tế nhân danh UBND tỉnh; trong đó "
             "có 1 thỏa thuận với Ngân hàng Châu Á (ADB) và 1 thỏa thuận với Tổ chức VECO (Bỉ).", locality="Lạng Sơn")


def test_where_a_period_starts_dates_no_event_in_it():
    comp, _ = compose("Thỏa thuận với ngân hàng ADB được ký vào năm nào?", [SIGNED])
    assert comp.short is None  # "Từ năm 2008 đến nay" starts the period; no year of the ADB agreement is written
    comp, texts = compose("Lạng Sơn ký thỏa thuận quốc tế từ năm nào?", [SIGNED])
    assert short_text(comp, texts) == "năm 2008"  # asked since when: it is the answer


@pytest.mark.parametrize("question", ["Lạng Sơn đã ký thỏa thuận với những tổ chức quốc tế nào?",
                                      "Which international organisations has Lang Son signed agreements with?"])
def test_foreign_bodies_asked_are_no_vietnamese_state_body(question):
    comp, _ = compose(question, [SIGNED])
    assert [t for t, _ in comp.items] == ["Ngân hàng Châu Á (ADB)", "VECO"]  # not "UBND"


def test_a_count_may_be_written_with_a_document_word_before_its_noun():
    doc = Doc("Năm 2016, đã ký 04 biên bản thỏa thuận với tỉnh Ta Keo, Kandal (Campuchia).", locality="An Giang")
    comp, texts = compose("How many agreements did An Giang sign with Ta Keo and Kandal in 2016?", [doc])
    assert short_text(comp, texts) == "04 biên bản thỏa thuận"


@pytest.mark.parametrize("question, expected", [
    ("Đăk Nông muốn xây dựng chiến lược hội nhập về quốc phòng, an ninh gắn với khu vực nào?",
     "khu vực tam giác phát triển Campuchia - Lào - Việt Nam"),
    ("Which region is Dak Nong in?", "vùng Tây Nguyên"),
])
def test_a_region_is_named_by_what_it_is(question, expected):
    docs = [DAK_NONG, Doc("Xây dựng chiến lược hội nhập về quốc phòng, an ninh với khu vực tam giác phát triển Campuchia - "
                          "Lào - Việt Nam và các huyện biên giới với tỉnh.", locality="Đăk Nông")]
    comp, texts = compose(question, docs)
    assert short_text(comp, texts) == expected
