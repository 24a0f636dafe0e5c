"""Typed spans of a sentence (answer/spans.py): the candidates for a direct answer, with exact offsets."""
import pytest

from core.types import AnswerType as T
from tests.answer.passages import frame, parts


@pytest.fixture(scope="module")
def sf():
    return parts().spans


def texts(spans) -> list[str]:
    return [s.text for s in spans]


def test_every_span_is_its_sentence_at_its_offsets(sf):
    s = ("Ngày 20/5/2019, đồng chí Nguyễn Văn Thắng, Phó Chủ tịch UBND tỉnh dẫn đầu đoàn gồm 12 thành viên sang "
         "tỉnh Attapeu (Lào).")
    found = [*sf.quantities(s, ("thành viên",)), *sf.dates(s, False), *sf.persons(s), *sf.organisations(s), *sf.places(s)]
    assert found and all(s[x.start:x.end] == x.text for x in found)


@pytest.mark.parametrize("sentence, unit, expected", [
    # the unit right after the number, with its scale and qualifier kept
    ("diện tích tự nhiên của tỉnh là 6.513 km2, cùng với vị trí chiến lược", ("km2", "km²"), ["6.513 km2"]),
    ("giải ngân được trên 17 triệu đô la, tăng khoảng 4,4 lần so năm 2015", ("USD", "đô la"), ["trên 17 triệu đô la"]),
    ("chiếm 12,5% tổng kim ngạch xuất khẩu của tỉnh", ("%", "phần trăm"), ["12,5%"]),
    ("Mỗi đoàn ra có không quá 05 thành viên.", ("thành viên",), ["không quá 05 thành viên"]),
    # a classifier may stand between ("27 bản thỏa thuận"); a unit of two words or more must be there in full, and
    # the fuller match of it wins ("dự án ODA": "22 dự án ODA", not "28 dự án" beside it); which of several equal
    # matches answers is for the composer's nearness to the question's words (test_compose.py)
    ("tỉnh đã ký 27 bản thỏa thuận hợp tác", ("thỏa thuận",), ["27 bản thỏa thuận"]),
    ("có 28 dự án có vốn đầu tư nước ngoài và 22 dự án ODA được triển khai", ("dự án ODA",), ["22 dự án ODA"]),
    ("có 28 dự án có vốn đầu tư nước ngoài và 22 dự án ODA được triển khai", ("dự án",), ["28 dự án", "22 dự án"]),
    ("đã ký kết 06 thỏa thuận quốc tế mới, nâng tổng số lên 21 thỏa thuận", ("thỏa thuận quốc tế",),
     ["06 thỏa thuận quốc tế", "21 thỏa thuận"]),  # the unit said again after its full mention
    # another unit is no answer
    ("phía Tây giáp Campuchia với 130 km đường biên giới", ("km2", "km²"), []),
])
def test_quantities_in_the_asked_unit(sf, sentence, unit, expected):
    assert texts(sf.quantities(sentence, unit)) == expected


def test_years_dates_codes_and_numbering_are_not_quantities(sf):
    s = "Theo Điều 5 Quyết định 99/2025/QĐ-UBND ngày 15/3/2025, năm 2024 tỉnh cử 46 đoàn."
    assert texts(sf.quantities(s, ())) == ["46"]


@pytest.mark.xfail(strict=True, reason="the numbering word 'số' (as in 'số 38') also ends 'dân số', 'tổng số': the "
                                       "population in 'dân số 750.000 người' is taken for a label and never answers")
def test_a_count_after_a_noun_ending_in_so_is_a_quantity(sf):
    assert texts(sf.quantities("Tỉnh có dân số 750.000 người.", ("người",))) == ["750.000 người"]


def test_table_row_cells_count_the_unit_its_label_names(sf):
    row = "Số đoàn ra | Năm 2024: 38 | Năm 2025: 46"
    assert texts(sf.quantities(row, ("đoàn ra",))) == ["38", "46"]
    # with a year asked, the cell under that year's header
    assert texts(sf.quantities(row, ("đoàn ra",), ("2025",))) == ["46"]
    assert texts(sf.quantities(row, ("đoàn ra",), ("2024",))) == ["38"]
    assert texts(sf.quantities(row, ("thành viên",))) == []  # the label counts another thing


@pytest.mark.xfail(strict=True, reason="a count is met by the counted noun's first syllable: '46 đoàn ra' answers "
                                       "'bao nhiêu đoàn vào' (outbound for inbound delegations)")
def test_a_count_of_another_kind_of_the_same_noun_is_no_answer(sf):
    # the last words of a longer unit after a modifier: the fuller match answers, not "5 ngàn hội" of "hội viên"
    s = "Đến nay, Liên hiệp có 10 hội hữu nghị thành viên với trên 5 ngàn hội viên."
    assert texts(sf.quantities(s, ("hội thành viên",))) == ["10 hội hữu nghị thành viên"]
    # a unit asked with a comma in it is read word by word, as the words after a number are
    s = "toàn tỉnh có 158 lượt đoàn đến thực hiện 219 chương trình, dự án và khoản viện trợ."
    assert texts(sf.quantities(s, ("chương trình, dự án",))) == ["219 chương trình"]
    assert texts(sf.quantities("năm 2025 tỉnh cử 46 đoàn ra nước ngoài", ("đoàn vào",))) == []
    assert texts(sf.quantities("Số đoàn ra | Năm 2024: 38 | Năm 2025: 46", ("đoàn vào",))) == []


def test_a_date_after_a_document_number_dates_the_document(sf):
    s = "Thực hiện Chỉ thị số 26-CT/TU ngày 17/3/2008 của BTV Tỉnh ủy, đến ngày 05/6/2013 tỉnh đã tổng kết."
    assert texts(sf.dates(s, about_documents=False)) == ["05/6/2013"]  # the event's date, not the directive's
    assert texts(sf.dates(s, about_documents=True)) == ["17/3/2008", "05/6/2013"]
    # the document asked about, named in shorthand: only its own date among documents' dates
    s = "Thực hiện Quyết định 272-QĐ/TW, ngày 21/5/2015 và Kết luận số 33-KL/TW, ngày 25/7/2018 của Bộ Chính trị"
    assert texts(sf.dates(s, True, ("Quyết định 272",))) == texts(sf.dates(s, True, ("Quy chế 272",))) == ["21/5/2015"]


def test_persons_by_title_and_by_family_name(sf):
    assert texts(sf.persons("ngày 03/7/2014 Đồng chí Cao Huy - Phó Chủ tịch Ủy ban nhân dân tỉnh đã chỉ đạo")) == ["Cao Huy"]
    assert texts(sf.persons("(Đã ký) Trần Minh Khoa")) == ["Trần Minh Khoa"]
    assert texts(sf.titled("Trần Minh Khoa đã ký")) == []  # no title: not beyond doubt


def test_organisations_issuers_named_bodies_and_acronyms(sf):
    s = "1 thỏa thuận với Ngân hàng Châu Á (ADB) và 1 thỏa thuận với Tổ chức VECO (Bỉ)."
    # an acronym inside a named body is the name itself
    assert texts(sf.organisations(s)) == ["Ngân hàng Châu Á (ADB)", "VECO"]
    assert texts(sf.organisations("Chỉ thị số 38-CT/TW của Bộ Chính trị")) == ["Bộ Chính trị"]
    # a body named after fields, each capitalised on its first syllable, joined as department names join them
    s = ("Biên bản ghi nhớ giữa Sở Văn hóa, Thể thao và Du lịch tỉnh Hà Giang và Cục Văn hóa và Du lịch thành phố "
         "Bách Sắc (Khu tự trị dân tộc Choang Quảng Tây, Trung Quốc)")
    assert "Cục Văn hóa và Du lịch thành phố Bách Sắc" in texts(sf.organisations(s))
    assert texts(sf.organisations("Bộ Ngoại giao và Bộ Công an đã phối hợp")) == ["Bộ Ngoại giao", "Bộ Công an"]
    # a body named in lower case after its kind, with its province (written, or left implied before a comma)
    assert texts(sf.organisations("Năm 2013, tỉnh Đồng Nai thành lập Liên hiệp các tổ chức hữu nghị tỉnh, tổ chức chính "
                                  "trị - xã hội")) == ["Liên hiệp các tổ chức hữu nghị tỉnh"]
    assert texts(sf.organisations("kiện toàn Ban chỉ đạo công tác thông tin đối ngoại tỉnh An Giang do Ủy ban nhân dân "
                                  "tỉnh quản lý"))[0] == "Ban chỉ đạo công tác thông tin đối ngoại tỉnh An Giang"
    assert texts(sf.organisations("Hội nghị tổng kết công tác đối ngoại tỉnh Kon Tum")) == []  # a meeting, no body
    # a name whose later words are lower-case ends at the word that starts what follows it
    s = ("hợp tác với các đối tác tiềm năng như Cơ quan Hợp tác quốc tế Nhật Bản (JICA), Lãnh sự quán Ý tại Thành phố "
         "Hồ Chí Minh, Chương trình DAP của Tổng Lãnh sự quán Úc")
    assert texts(sf.organisations(s)) == ["Cơ quan Hợp tác quốc tế Nhật Bản (JICA)", "Lãnh sự quán Ý", "DAP",
                                          "Tổng Lãnh sự quán Úc"]


def test_an_issuer_symbol_inside_a_document_number_is_no_organisation(sf):
    # before the fix "UBND" of "99/2025/QĐ-UBND" answered "which body issued Decision 99/2025/QĐ-UBND?"
    s = "(Ban hành kèm theo Quyết định số 99/2025/QĐ-UBND ngày 15 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh Quảng Trị)"
    assert texts(sf.organisations(s)) == ["Ủy ban nhân dân tỉnh"]


def test_places_provinces_countries_and_foreign_localities(sf):
    s = "đã ký 04 biên bản thỏa thuận với tỉnh Ta Keo (Campuchia) và 01 biên bản ghi nhớ với tỉnh Champasak (Lào)"
    assert texts(sf.places(s)) == ["Ta Keo", "Campuchia", "Champasak", "Lào"]
    assert texts(sf.places(s, "country")) == ["Campuchia", "Lào"]
    assert texts(sf.places(s, "province")) == ["Ta Keo", "Champasak"]
    assert texts(sf.places("Đăk Nông giáp tỉnh Bình Phước và Campuchia", "province")) == ["Đăk Nông", "Bình Phước"]



def test_an_enumeration_after_a_place_lists_each_name(sf):
    s = "Ủy ban nhân dân các huyện biên giới Đồng Văn, Mèo Vạc, Yên Minh và Quản Bạ chỉ đạo cấp xã"
    assert texts(sf.places(s, "district")) == ["Đồng Văn", "Mèo Vạc", "Yên Minh", "Quản Bạ"]
    # a list of border gates or districts keeps its kind, not the provinces and regions around them
    s = "Đăk Nông thuộc vùng Tây Nguyên, giáp tỉnh Lâm Đồng, có 2 cửa khẩu chính là Bu Prăng và Đăk Perr."
    assert texts(sf.places(s, "border_gate")) == ["Bu Prăng", "Đăk Perr"]
    assert texts(sf.places(s, "district")) == []


@pytest.mark.parametrize("question, kind, expected", [
    ("Đường biên giới của tỉnh với Campuchia dài mấy km?", T.QUANTITY, ["130 km"]),
    ("Đăk Nông có mấy cửa khẩu chính?", T.QUANTITY, ["2 cửa khẩu chính"]),
    ("Which country does the province border?", T.PLACE, ["Campuchia"]),
    ("Tỉnh giáp những tỉnh nào?", T.LIST, ["Đắk Lắk", "Bình Phước"]),
])
def test_find_reads_what_the_frame_asks(sf, question, kind, expected):
    s = "phía Bắc giáp tỉnh Đắk Lắk, phía Nam giáp tỉnh Bình Phước, phía Tây giáp Campuchia với 130 km đường biên giới, có 2 cửa khẩu chính"
    f = frame(question)
    assert f.answer_type == kind
    assert texts(sf.find(f, s)) == expected


def test_a_ratio_is_a_quantity_in_lan():
    """"tăng bao nhiêu lần": the unit is "lần", which is also a classifier ("4,4 lần"), so it is not skipped."""
    q = frame("Năm 2016 An Giang giải ngân được bao nhiêu vốn FDI, so với năm 2015 thì tăng bao nhiêu lần?")
    assert q.unit == "lần"
    text = "Năm 2016, các dự án FDI giải ngân được trên 17 triệu đô la, tăng khoảng 4,4 lần so năm 2015."
    assert [s.text for s in parts().spans.find(q, text)] == ["khoảng 4,4 lần"]
    assert frame("In 2016 how many times more FDI did An Giang disburse than in 2015?").unit == "lần"


def test_a_place_or_a_lower_case_word_is_no_part_of_a_name(sf):
    """"Hà Nội" starts with a family name but is a place; "ở" is lower-case although "À-Ỹ" spans it."""
    s = "Chủ tịch nước đứng đầu Nhà nước, ở Hà Nội, ông Nguyễn Văn An và bà Lâm Thị Mai ở Lâm Đồng"
    assert texts(sf.persons(s)) == ["Nguyễn Văn An", "Lâm Thị Mai"]


def test_a_body_named_after_va_ends_an_enumeration_of_places():
    from answer.spans import SpanFinder
    from core.lexicon import Lexicon
    from core.settings import Settings
    text = "Thỏa thuận giữa Ủy ban nhân dân tỉnh Hà Giang và Chính quyền tỉnh Luông Nặm Thà (Lào) về nông nghiệp."
    places = [sp.text for sp in SpanFinder(Lexicon(Settings().prompts_dir)).places(text, "province")]
    assert "Luông Nặm Thà" in places and "Chính" not in places


@pytest.mark.parametrize("sentence, unit, expected", [
    # a number in words before the asked unit ("hai tỉnh bạn", "trên một ngàn dự án"); before: no direct answer
    ("duy trì quan hệ truyền thống với hai tỉnh bạn Takeo, Kandal (Campuchia)", ("tỉnh",), ["hai tỉnh"]),
    ("31 khu công nghiệp đang hoạt động với trên một ngàn dự án của hơn 40 quốc gia", ("dự án",), ["trên một ngàn dự án"]),
    ("the two sides keep three border gates open", ("border gates",), ["three border gates"]),
    # never without the unit as written: "ngã ba Đông Dương" is no "ba đồng", "năm" alone no count
    ("tỉnh nằm ở khu vực ngã ba Đông Dương", ("USD", "đồng"), []),
    ("Năm 2016 tỉnh đã ký 04 biên bản", (), ["04"]),
    # a vague "hàng ngàn" is no figure
    ("các hoạt động giao lưu thu hút hàng ngàn người tham gia", ("người",), []),
])
def test_numbers_written_in_words_count_before_the_asked_unit(sf, sentence, unit, expected):
    assert texts(sf.quantities(sentence, unit)) == expected


def test_a_scale_word_is_a_whole_word():
    # "2 tỉnh" was read as "2 tỉ" (a scale) and its unit lost: before, no span
    assert texts(parts().spans.quantities("tỉnh đã kết nghĩa với 2 tỉnh của Lào", ("tỉnh",))) == ["2 tỉnh"]


def test_the_office_written_with_the_body_is_part_of_its_span(sf):
    s = "1. Chủ tịch Ủy ban nhân dân tỉnh quyết định mời hoặc cho phép đối với:"
    assert texts(sf.organisations(s)) == ["Chủ tịch Ủy ban nhân dân tỉnh"]


def test_an_enterprise_named_by_its_country_is_a_body(sf):
    s = "Ký biên bản ghi nhớ hợp tác đầu tư giữa UBND tỉnh Kon Tum và doanh nghiệp Hàn Quốc"
    assert "doanh nghiệp Hàn Quốc" in texts(sf.organisations(s))  # before: only "UBND"


def test_a_body_whose_name_opens_with_a_family_name_is_no_person(sf):
    # before: "Đoàn Thanh" (the Youth Union's first words) answered "who chairs ..."
    assert texts(sf.persons("các hoạt động của Đoàn Thanh niên, Hội Liên hiệp Phụ nữ tỉnh")) == []
    assert texts(sf.persons("ông Đoàn Văn Minh, Chủ tịch Hội")) == ["Đoàn Văn Minh"]


def test_a_task_opening_with_to_chuc_names_no_body(sf):
    text = "a) Tổ chức Hội đàm thường niên giữa lãnh đạo tỉnh Hà Giang và lãnh đạo Châu Văn Sơn trong quý III năm 2025."
    assert "Tổ chức Hội" not in [s.text for s in sf.organisations(text)]
    # mid-sentence it names one ("Tổ chức VECO": the acronym is the name)
    assert [s.text for s in sf.organisations("1 thỏa thuận với Tổ chức VECO (Bỉ).")] == ["VECO"]
