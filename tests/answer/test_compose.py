"""The extractive composer (answer/compose.py) on small real passages: the direct answer of each answer type
(`short_answer.text == document_text[start:end]` of its citation), sentence choice by type and constraints, list
answers gathered across passages, and the exact scores of its candidates."""
import pytest

from core.types import AnswerType as T, IndexStats
from tests.answer.passages import AGREEMENTS, Doc, compose, frame, parts, retrieval, short_text, uniform_stats

DAK_NONG = Doc("Đối với tỉnh Đăk Nông, phía Tây giáp Campuchia với 130 km đường biên giới, có 2 cửa khẩu chính là "
               "Bu Prăng và Đăk Perr, diện tích tự nhiên của tỉnh là 6.513 km2, cùng với vị trí chiến lược quan trọng "
               "về quốc phòng, an ninh.", title="Đăk Nông với chủ trương hội nhập quốc tế", locality="Đăk Nông")
QUY_CHE = Doc("1. Mỗi đoàn ra sử dụng ngân sách nhà nước có không quá 05 thành viên.\n2. Trưởng đoàn phải là cán bộ "
              "lãnh đạo cấp sở trở lên.", title="Quy chế quản lý đoàn ra, đoàn vào", heading="Điều 6. Thành phần đoàn ra")
FDI = Doc("Năm 2016, các dự án đầu tư trực tiếp nước ngoài (FDI) trên địa bàn tỉnh giải ngân được trên 17 triệu đô la, "
          "tăng khoảng 4,4 lần so năm 2015; các doanh nghiệp FDI đã góp phần giải quyết việc làm cho nhiều lao động.",
          locality="An Giang")
EXPORT = Doc("Năm 2019, kim ngạch xuất khẩu của tỉnh sang thị trường Lào đạt 45 triệu USD, chiếm 12,5% tổng kim ngạch "
             "xuất khẩu của tỉnh.", locality="Kon Tum")
TABLE = Doc("Số đoàn ra | Năm 2024: 38 | Năm 2025: 46", title="Kết quả công tác đối ngoại", locality="Bình Phước")
VISIT = Doc("Ngày 20/5/2019, đồng chí Nguyễn Văn Thắng, Phó Chủ tịch UBND tỉnh dẫn đầu đoàn công tác của tỉnh sang thăm "
            "và làm việc tại tỉnh Attapeu (Lào).", locality="Kon Tum")
MOU = Doc("Năm 2016, đã ký 04 biên bản thỏa thuận với tỉnh Ta Keo, Kandal (Campuchia) và 01 biên bản ghi nhớ với tỉnh "
          "Champasak (Lào) hợp tác trên nhiều lĩnh vực như giáo dục, nông nghiệp, y tế.", locality="An Giang")


@pytest.mark.parametrize("question, docs, kind, expected", [
    ("Tỉnh Đăk Nông rộng bao nhiêu km2?", [DAK_NONG], T.QUANTITY, "6.513 km2"),
    ("Biên giới của Đăk Nông với Campuchia dài bao nhiêu km?", [DAK_NONG], T.QUANTITY, "130 km"),
    ("Một đoàn đi công tác nước ngoài bằng ngân sách được có tối đa mấy thành viên?", [QUY_CHE], T.QUANTITY,
     "không quá 05 thành viên"),
    ("How many members may a state-funded outbound delegation have at most?", [QUY_CHE], T.QUANTITY,
     "không quá 05 thành viên"),
    ("What is the maximum number of members in a delegation paid for by the state budget?", [QUY_CHE], T.QUANTITY,
     "không quá 05 thành viên"),
    ("Trong năm 2016, doanh nghiệp FDI ở An Giang giải ngân được bao nhiêu tiền?", [FDI], T.QUANTITY,
     "trên 17 triệu đô la"),
    ("Xuất khẩu sang Lào chiếm bao nhiêu phần trăm kim ngạch xuất khẩu của Kon Tum năm 2019?", [EXPORT], T.QUANTITY,
     "12,5%"),
    ("Bình Phước cử bao nhiêu đoàn ra trong năm 2025?", [TABLE], T.QUANTITY, "46"),
    ("Năm 2024 tỉnh Bình Phước có mấy đoàn ra?", [TABLE], T.QUANTITY, "38"),
    ("Đoàn công tác của Kon Tum sang Attapeu vào ngày nào?", [VISIT], T.DATE, "20/5/2019"),
    ("Ai dẫn đầu đoàn công tác của tỉnh Kon Tum sang thăm Attapeu?", [VISIT], T.PERSON, "Nguyễn Văn Thắng"),
    ("Who led the Kon Tum delegation to Attapeu?", [VISIT], T.PERSON, "Nguyễn Văn Thắng"),
    ("Tổ chức nào của Bỉ đã ký thỏa thuận với Lạng Sơn?", [AGREEMENTS], T.ORGANISATION, "VECO"),
    ("Which organisation from Belgium has an agreement with Lang Son?", [AGREEMENTS], T.ORGANISATION, "VECO"),
    ("Năm 2016 An Giang ký biên bản ghi nhớ với địa phương nào của Lào?", [MOU], T.PLACE, "Champasak"),
    ("Which country does Dak Nong border?", [DAK_NONG], T.PLACE, "Campuchia"),
])
def test_direct_answer_of_each_type(question, docs, kind, expected):
    assert frame(question).answer_type == kind
    comp, texts = compose(question, docs)
    assert short_text(comp, texts) == expected
    assert comp.typed and comp.found and comp.unmet == ()


def test_the_span_nearest_to_what_qualifies_the_asked_entity_answers():
    """"Tổ chức nào của Bỉ": the body written beside "(Bỉ)", not the one beside the province's name. Before the fix
    the span nearest to any question word won: "UBND" (of "tỉnh Lạng Sơn ... nhân danh UBND tỉnh")."""
    doc = Doc("Từ năm 2008 đến nay, tỉnh Lạng Sơn đã ký kết tổng cộng 7 thỏa thuận quốc tế nhân danh UBND tỉnh; trong "
              "đó có 5 thỏa thuận ký kết với Khu tự trị dân tộc Choang, Quảng Tây (Trung Quốc), 1 thỏa thuận với Ngân "
              "hàng Châu Á (ADB) và 1 thỏa thuận với Tổ chức VECO (Bỉ).", locality="Lạng Sơn")
    for q in ("Tổ chức nào của Bỉ có thỏa thuận hợp tác với tỉnh Lạng Sơn?",
              "Which organisation from Belgium has a cooperation agreement with Lang Son province?"):
        comp, texts = compose(q, [doc])
        assert short_text(comp, texts) == "VECO", q


def test_the_sentence_holding_the_asked_unit_is_chosen_over_one_with_another_count():
    doc = Doc("Đến hết năm 2012, trên địa bàn tỉnh có 28 dự án có vốn đầu tư nước ngoài còn hiệu lực và 22 dự án ODA. "
              "Diện tích tự nhiên của tỉnh là 8.310 km2.", locality="Lạng Sơn")
    comp, texts = compose("Diện tích tự nhiên của Lạng Sơn rộng bao nhiêu?", [doc])
    assert short_text(comp, texts) == "8.310 km2"
    assert comp.citations[0].quote == "Diện tích tự nhiên của tỉnh là 8.310 km2."


def test_a_who_question_quotes_the_sentence_that_names_a_person():
    doc = Doc("Đoàn công tác của tỉnh đã sang thăm và làm việc tại tỉnh Attapeu (Lào) theo lời mời của chính quyền bạn. "
              "Trưởng đoàn là ông Lê Ngọc Tuấn, Phó Bí thư Tỉnh ủy.", locality="Kon Tum")
    comp, texts = compose("Ai là trưởng đoàn công tác của Kon Tum sang Attapeu?", [doc])
    assert short_text(comp, texts) == "Lê Ngọc Tuấn"
    assert comp.citations[0].quote == "Trưởng đoàn là ông Lê Ngọc Tuấn, Phó Bí thư Tỉnh ủy."


ITEMS = Doc("Điều 11. Thẩm quyền cho phép đoàn vào\n1. Chủ tịch Ủy ban nhân dân tỉnh quyết định mời hoặc cho phép đối "
            "với:\na) Đoàn do cấp Bộ trưởng hoặc tương đương trở lên làm trưởng đoàn;\nb) Đoàn của Đại sứ, Tổng Lãnh sự "
            "tại Việt Nam;\n2. Năm 2025, tỉnh dự kiến ký kết 04 thỏa thuận quốc tế mới, cụ thể:\na) Thỏa thuận về hợp "
            "tác quản lý cửa khẩu với Châu Văn Sơn.\nThời gian dự kiến ký: quý II năm 2025.", locality="Quảng Trị")


def test_who_acts_on_an_enumerated_item_is_in_the_clause_that_leads_it_in():
    comp, texts = compose("Ai quyết định cho phép đoàn của Đại sứ vào làm việc?", [ITEMS])
    # the office that heads the body, not the body alone; before: the item alone, with no one named
    assert short_text(comp, texts) == "Chủ tịch Ủy ban nhân dân tỉnh"
    quote = comp.citations[0].quote
    assert quote.startswith("1. Chủ tịch Ủy ban nhân dân tỉnh quyết định") and quote.endswith("Tổng Lãnh sự tại Việt Nam;")
    # a date in a lead-in is the list's, not the item's: the item is never read with it
    comp, texts = compose("Thỏa thuận về hợp tác quản lý cửa khẩu với Châu Văn Sơn dự kiến ký khi nào?", [ITEMS])
    assert not any(c.quote.startswith("2. Năm 2025") and "a) Thỏa thuận" in c.quote for c in comp.citations)


def test_a_sentence_about_the_named_documents_own_text_dates_it():
    """In the named document's own text, "Quyết định này có hiệu lực từ ngày ..." is about that document: before the
    fix the sentence that held the number ("Ban hành kèm theo Quyết định số 99/2025/QĐ-UBND ngày 15 tháng 3...")
    won and its issue date answered "from when is it in force"."""
    docs = [Doc("(Ban hành kèm theo Quyết định số 99/2025/QĐ-UBND ngày 15 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh "
                "Quảng Trị)", source="docs/qd99.txt", locality="Quảng Trị"),
            Doc("Quyết định này có hiệu lực từ ngày 01 tháng 4 năm 2025 và thay thế Quyết định số 27/2019/QĐ-UBND ngày "
                "12 tháng 7 năm 2019.", source="docs/qd99.txt", heading="Điều 2. Hiệu lực thi hành", locality="Quảng Trị")]
    q = "Quyết định 99/2025/QĐ-UBND có hiệu lực từ ngày nào?"
    comp, texts = compose(q, docs, scope=("docs/qd99.txt",))
    assert short_text(comp, texts) == "ngày 01 tháng 4 năm 2025"
    comp, _ = compose(q, docs)  # searched everywhere: the issue date beside the number never answers "in force"
    assert comp.short is None or comp.short.text != "ngày 15 tháng 3 năm 2025"


def test_list_items_are_gathered_across_passages_and_documents():
    west = Doc("Phía Tây, tỉnh Kon Tum giáp tỉnh Attapeu của nước Cộng hòa dân chủ nhân dân Lào với đường biên giới dài "
               "142 km.", locality="Kon Tum")
    south = Doc("Phía Tây Nam, tỉnh Kon Tum giáp tỉnh Ratanakiri của Vương quốc Campuchia với đường biên giới dài 138 km.",
                locality="Kon Tum")
    for q in ("Tỉnh Kon Tum có chung đường biên giới với những quốc gia nào?",
              "Which countries share a border with Kon Tum province?"):
        comp, texts = compose(q, [west, south])
        assert comp.items == [("Lào", 1), ("Vương quốc Campuchia", 2)] and comp.short is None
        assert [c.doc_id for c in comp.citations] == ["d0", "d1"]
        for text, n in comp.items:
            assert text in comp.citations[n - 1].quote


def test_list_items_come_from_sentences_meeting_the_constraints():
    other = Doc("Đối với tỉnh Đăk Nông, phía Tây giáp Campuchia với 130 km đường biên giới.", locality="Đăk Nông")
    kon_tum = Doc("Là tỉnh nằm ở ngã ba Đông Dương, tỉnh tiếp giáp trực tiếp hai nước bạn Lào, Campuchia.", locality="Kon Tum")
    comp, _ = compose("Những nước nào tiếp giáp với tỉnh Kon Tum?", [other, kon_tum])
    assert comp.items == [("Lào", 1), ("Campuchia", 1)] and [c.doc_id for c in comp.citations] == ["d1"]


def test_list_items_are_those_the_question_qualifies():
    # before: Champasak (Lào) was listed among Cambodia's provinces; a place written with another country in
    # brackets is that country's
    for q in ("An Giang đã ký thỏa thuận với những tỉnh nào của Campuchia?", "And with which Cambodian provinces?"):
        comp, _ = compose(q, [MOU])
        assert [t for t, _ in comp.items] == ["Ta Keo", "Kandal"], q


def test_documents_asked_for_are_answered_with_their_numbers():
    doc = Doc("Tăng cường quản lý các đoàn đi công tác nước ngoài theo chỉ đạo tại Chỉ thị số 38-CT/TW của Bộ Chính trị.",
              locality="Kon Tum")
    f = frame("Văn bản nào chỉ đạo tăng cường quản lý các đoàn đi nước ngoài?")
    assert f.answer_type == T.DOCUMENTS
    comp, _ = compose(f, [doc])
    assert [s.text for s in comp.chosen[0].spans] == ["Chỉ thị số 38-CT/TW"]


def test_no_span_of_the_asked_type_is_no_direct_answer():
    comp, _ = compose("Tỉnh Đăk Nông có dân số bao nhiêu người?", [DAK_NONG])
    assert comp.typed and not comp.found and comp.short is None and comp.unmet == ()
    assert len(comp.citations) == 1  # the closest sentence is still quoted, for the refusal to show


def test_a_description_question_has_no_direct_answer():
    comp, texts = compose("Đăk Nông thực hiện chủ trương hội nhập quốc tế như thế nào?", [DAK_NONG])
    assert not comp.typed and comp.short is None and comp.items == []
    assert comp.citations[0].quote == texts["d0"][comp.citations[0].start:comp.citations[0].end]


# ---- exact scores


def test_coverage_and_score_of_a_candidate():
    """With every term weighing 1, coverage is the share of the question's words and bigrams the sentence holds."""
    q = "Bu Prăng là cửa khẩu gì?"  # terms: bu prăng prang bu_prăng bu_prang prăng_là prang_la cửa cua là_cửa la_cua
    #                                  khẩu khau cửa_khẩu cua_khau khẩu_gì khau_gi (17)
    doc = Doc("Tỉnh có 2 cửa khẩu chính là Bu Prăng và Đăk Perr.")
    r = retrieval(q, [doc])
    assert len(r.query_terms) == 17
    (c,) = parts().composer.candidates(r, uniform_stats())
    assert c.coverage == pytest.approx(11 / 17)  # all but prăng_là, prang_la, là_cửa, la_cua, khẩu_gì, khau_gi
    t = parts().tuning
    assert c.score == pytest.approx(11 / 17 + t.rank_prior / 1)  # a description: no typed bonus, nothing unmet


def test_rare_terms_weigh_more():
    q = "Bu Prăng là cửa khẩu gì?"
    doc = Doc("Tỉnh có 2 cửa khẩu chính là Bu Prăng và Đăk Perr.")
    idf = {t: 1.0 for t in retrieval(q, [doc]).query_terms} | {"prăng": 10.0, "prang": 10.0}
    stats = IndexStats(idf, 12.0, {}, set(), 100)
    (c,) = parts().composer.candidates(retrieval(q, [doc]), stats)
    assert c.coverage == pytest.approx((9 + 20) / (15 + 20))


def test_typed_bonus_and_unmet_penalty():
    t = parts().tuning
    r = retrieval("Tỉnh Gia Lai rộng bao nhiêu km2?", [DAK_NONG])
    (c,) = parts().composer.candidates(r, uniform_stats())
    assert [s.text for s in c.spans] == ["6.513 km2"] and [u.value for u in c.unmet] == ["Gia Lai"]
    assert c.score == pytest.approx(c.coverage + t.rank_prior + t.typed_bonus - t.unmet_penalty)


def test_short_sentences_and_bare_headings_are_never_quoted():
    doc = Doc("Điều 6. Thành phần đoàn ra\nTối đa 05 người.\nMỗi đoàn ra sử dụng ngân sách nhà nước có không quá 05 thành viên.")
    r = retrieval("Mỗi đoàn ra có tối đa bao nhiêu thành viên?", [doc])
    cands = parts().composer.candidates(r, uniform_stats())
    assert [doc.text[c.start - len(doc.header()):c.end - len(doc.header())] for c in cands] == \
        ["Mỗi đoàn ra sử dụng ngân sách nhà nước có không quá 05 thành viên."]


def test_only_the_first_passages_are_read_and_at_most_three_sentences_quoted():
    t = parts().tuning
    same = Doc("Mỗi đoàn ra sử dụng ngân sách nhà nước có không quá 05 thành viên.")
    docs = [Doc(f"Đoàn ra thứ {i} của tỉnh sử dụng ngân sách nhà nước có 0{i} thành viên.") for i in range(1, 8)]
    r = retrieval("Mỗi đoàn ra sử dụng ngân sách có bao nhiêu thành viên?", docs + [same])
    cands = parts().composer.candidates(r, uniform_stats(8))
    assert {c.rank for c in cands} == set(range(1, t.compose_passages + 1))  # the 7th and 8th passages are not read
    comp, _ = compose("Mỗi đoàn ra sử dụng ngân sách có bao nhiêu thành viên?", docs)
    assert len(comp.citations) == 3 and [c.n for c in comp.citations] == [1, 2, 3]


def test_the_same_sentence_through_overlapping_chunks_is_quoted_once():
    from core.types import Chunk, Hit, Retrieval

    text = "Tỉnh Đồng Nai có 10 hội hữu nghị thành viên. Các hội hoạt động ngày càng hiệu quả."
    a = Chunk("c1", "d1", "docs/a.txt", text, 0, len(text), 0, locality="Đồng Nai")
    b = Chunk("c2", "d1", "docs/a.txt", text[:44], 0, 44, 1, locality="Đồng Nai")
    f = frame("Đồng Nai có bao nhiêu hội hữu nghị?")
    r = Retrieval(f, [Hit(a, 1.0), Hit(b, 0.9)], [], retrieval(f, []).query_terms)
    comp = parts().composer.compose(r, uniform_stats(2))
    assert comp.short.text == "10 hội hữu nghị" and [(c.start, c.end) for c in comp.citations] == [(0, 44)]


PLAN = "docs/kh47.txt"


def test_a_day_asked_is_answered_with_a_day_not_a_year():
    """"trước ngày nào": a sentence giving only the plan's year ("năm 2025") is no answer beside one giving the day."""
    docs = [Doc("Ủy ban nhân dân tỉnh ban hành Kế hoạch ký kết và thực hiện thỏa thuận quốc tế của tỉnh năm 2025 như sau:",
                source=PLAN, locality="Hà Giang"),
            Doc("Các cơ quan, địa phương báo cáo tình hình thực hiện thỏa thuận quốc tế định kỳ 6 tháng, gửi Sở Ngoại vụ "
                "trước ngày 10 tháng 6 năm 2025.", source=PLAN, locality="Hà Giang")]
    q = "Theo Kế hoạch 47/KH-UBND, các cơ quan gửi báo cáo thỏa thuận quốc tế 6 tháng trước ngày nào?"
    assert frame(q).date_precision == "day"
    comp, texts = compose(q, docs, scope=(PLAN,))
    assert short_text(comp, texts) == "ngày 10 tháng 6 năm 2025"
    assert frame("Kế hoạch được ban hành năm nào?").date_precision == "year"
    assert frame("Khi nào kế hoạch được ban hành?").date_precision is None


def test_a_legal_basis_line_never_answers_a_content_question():
    """"Căn cứ Luật ... ngày 13 tháng 11 năm 2020;" dates another document: before the fix it answered "by what date
    must the report be sent" in plan 47/KH-UBND."""
    docs = [Doc("Căn cứ Luật Thỏa thuận quốc tế ngày 13 tháng 11 năm 2020 về báo cáo thỏa thuận quốc tế;", source=PLAN),
            Doc("Các cơ quan báo cáo tình hình thực hiện thỏa thuận quốc tế, gửi Sở Ngoại vụ trước ngày 10 tháng 6 năm "
                "2025.", source=PLAN)]
    comp, texts = compose("Theo Kế hoạch 47/KH-UBND, báo cáo thỏa thuận quốc tế gửi trước ngày nào?", docs, scope=(PLAN,))
    assert short_text(comp, texts) == "ngày 10 tháng 6 năm 2025"
    assert all(not c.quote.startswith("Căn cứ") for c in comp.citations)


def test_the_issuer_written_with_the_named_document_is_met_by_its_own_text():
    """"Kế hoạch 47/KH-UBND của UBND tỉnh Hà Giang": the plan's own sentences need not repeat "UBND tỉnh"."""
    q = "Theo Kế hoạch 47/KH-UBND của UBND tỉnh Hà Giang, năm 2025 tỉnh dự kiến ký mới bao nhiêu thỏa thuận quốc tế?"
    f = frame(q)
    assert {c.value for c in f.constraints if c.of_document} == {"Ủy ban nhân dân tỉnh", "Hà Giang"}
    docs = [Doc("Sở Ngoại vụ rà soát toàn bộ 21 thỏa thuận quốc tế còn hiệu lực, hoàn thành trước ngày 30 tháng 4 năm "
                "2025 và báo cáo Ủy ban nhân dân tỉnh.", source=PLAN, locality="Hà Giang"),
            Doc("Năm 2025, tỉnh dự kiến đàm phán, ký kết 04 thỏa thuận quốc tế mới, cụ thể:", source=PLAN,
                locality="Hà Giang")]
    comp, texts = compose(q, docs, scope=(PLAN,))
    assert short_text(comp, texts) == "04 thỏa thuận quốc tế"
    # a body the question names for the content ("cho Sở Y tế") is no description of the document
    assert not any(c.of_document for c in frame("Kế hoạch 47/KH-UBND giao Sở Y tế bao nhiêu kinh phí?").constraints)


def test_who_acts_is_before_the_colon_that_opens_the_items_it_acts_on():
    doc = Doc("1. Chủ tịch Ủy ban nhân dân tỉnh quyết định mời hoặc cho phép đối với:\n\na) Đoàn của Đại sứ tại Việt "
              "Nam;\n\nb) Đoàn vào làm việc với lãnh đạo Ủy ban nhân dân tỉnh;\n\nc) Đoàn vào làm việc tại khu vực "
              "biên giới.", locality="Quảng Trị")
    # before: "Ủy ban nhân dân tỉnh" of item b), nearer the question's words, answered
    comp, texts = compose("In Quang Tri, who approves a foreign delegation that wants to work in a border area?", [doc])
    assert short_text(comp, texts) == "Chủ tịch Ủy ban nhân dân tỉnh"


TOTAL = Doc("Từ năm 2008 đến nay, tỉnh Lạng Sơn đã ký kết tổng cộng 7 thỏa thuận quốc tế nhân danh UBND tỉnh; trong đó "
            "có 5 thỏa thuận ký kết với Khu tự trị dân tộc Choang, Quảng Tây (Trung Quốc), 1 thỏa thuận với Ngân hàng "
            "Châu Á (ADB).", locality="Lạng Sơn")


@pytest.mark.parametrize("question, expected", [
    # a count asked with no restriction is the total, not the part after "trong đó" (before: "5 thỏa thuận", beside
    # the question's verb "ký")
    ("Lạng Sơn đã ký bao nhiêu thỏa thuận quốc tế từ 2008?", "7 thỏa thuận quốc tế"),
    ("How many international agreements has Lang Son signed since 2008?", "7 thỏa thuận quốc tế"),
    # a restriction picks the part, in English as the passage writes it ("with Guangxi": Quảng Tây)
    ("Từ 2008 Lạng Sơn ký bao nhiêu thỏa thuận với Quảng Tây?", "5 thỏa thuận"),
    ("How many international agreements has Lang Son signed with Guangxi since 2008?", "5 thỏa thuận"),
])
def test_a_total_unless_the_question_restricts_it(question, expected):
    comp, texts = compose(question, [TOTAL])
    assert short_text(comp, texts) == expected


def test_an_english_restriction_after_a_verb_to_be():
    doc = Doc("Đồng Nai hiện có 35 khu công nghiệp, trong đó 31 khu công nghiệp đang hoạt động.", locality="Đồng Nai")
    for q, expected in (("How many industrial parks are operating in Dong Nai?", "31 khu công nghiệp"),
                        ("How many industrial parks are there in Dong Nai?", "35 khu công nghiệp")):
        comp, texts = compose(q, [doc])
        assert short_text(comp, texts) == expected, q


def test_a_count_of_a_named_party_is_the_figure_written_with_it():
    # before: the total (7) or the part beside the verb (5); "VECO" is written with its own count
    comp, texts = compose("VECO ký bao nhiêu thỏa thuận với Lạng Sơn?", [TOTAL_VECO])
    assert short_text(comp, texts) == "1 thỏa thuận"
    # within the clause naming the kind asked (after ";"), not the figure just before it
    oda = Doc("Đến hết năm 2012, tỉnh có 28 dự án có vốn đầu tư nước ngoài còn hiệu lực với tổng vốn đăng ký 224,5 "
              "triệu USD; 22 dự án ODA được triển khai với tổng vốn đầu tư trên 700 tỷ đồng.", locality="Lạng Sơn")
    comp, texts = compose("Các dự án ODA ở Lạng Sơn có tổng vốn đầu tư là bao nhiêu?", [oda])
    assert short_text(comp, texts) == "trên 700 tỷ đồng"


TOTAL_VECO = Doc(TOTAL.text[:-1] + " và 1 thỏa thuận với Tổ chức VECO (Bỉ).", locality="Lạng Sơn")


def test_the_other_party_is_asked_with_which():
    doc = Doc("Ký biên bản ghi nhớ hợp tác đầu tư giữa UBND tỉnh Kon Tum và doanh nghiệp Hàn Quốc", locality="Kon Tum")
    for q in ("Kon Tum ký biên bản ghi nhớ với đối tác nào?", "Which company did Kon Tum sign an investment memorandum with?"):
        comp, texts = compose(q, [doc])
        assert short_text(comp, texts) == "doanh nghiệp Hàn Quốc", q  # before: "UBND", the asking province's own body


BORDER = Doc("Tỉnh thường xuyên tổ chức giao lưu văn hóa với các tỉnh bạn. Để kịp thời nắm bắt thông tin tuyến biên giới, "
             "An Giang luôn phối hợp chặt chẽ với các đơn vị hữu quan của tỉnh Takeo, Kandal nhằm giải quyết kịp thời "
             "những vụ việc nảy sinh giữa cư dân hai nước.", locality="An Giang")


@pytest.mark.parametrize("question", ["An Giang phối hợp với tỉnh Takeo để làm gì?",
                                      "Why does An Giang work closely with Takeo province?"])
def test_a_reason_opens_the_answer_when_a_sentence_gives_one(question):
    comp, texts = compose(question, [BORDER])
    assert short_text(comp, texts) in ("Để kịp thời nắm bắt thông tin tuyến biên giới",
                                       "nhằm giải quyết kịp thời những vụ việc nảy sinh giữa cư dân hai nước")
    # a sentence with no purpose word is no reason to refuse: the composition asks no span of the model
    assert not comp.typed


PLAN = Doc("Ngày 04/12/2018, UBND tỉnh đã ban hành Kế hoạch hành động số 3394/KH-UBND triển khai công tác đối ngoại của "
           "tỉnh giai đoạn 2018-2021 và các năm tiếp theo.", locality="Kon Tum")


@pytest.mark.parametrize("question", ["Kế hoạch 3394/KH-UBND áp dụng cho giai đoạn nào?",
                                      "What period does Plan 3394/KH-UBND cover?"])
def test_a_period_is_answered_by_its_two_years(question):
    f = frame(question)
    assert (f.answer_type, f.date_precision) == (T.DATE, "period")
    comp, texts = compose(question, [PLAN])
    assert short_text(comp, texts) == "2018-2021"


PARKS = Doc("Đồng Nai hiện có 35 khu công nghiệp, trong đó 31 khu công nghiệp đang hoạt động, đồng thời có trên 32,5 ngàn "
            "kiều bào.", locality="Đồng Nai")


@pytest.mark.parametrize("question, figure", [
    ("Nghe nói Đồng Nai có hơn 30 ngàn kiều bào, đúng không?", "trên 32,5 ngàn kiều bào"),  # the figure given
    ("Đồng Nai có 35 khu công nghiệp phải không?", "35 khu công nghiệp"),  # the one claimed, not "31" beside it
    ("Đồng Nai có 40 khu công nghiệp phải không?", "35 khu công nghiệp"),
])
def test_a_claimed_figure_is_answered_by_the_figure_the_documents_give(question, figure):
    comp, texts = compose(question, [PARKS])
    assert short_text(comp, texts) == figure and not comp.typed  # shown first; its absence refuses nothing


PARTNERS = Doc("Bên cạnh các đối tác truyền thống, Tỉnh cũng thúc đẩy hợp tác với các đối tác tiềm năng như Cơ quan Hợp tác "
               "quốc tế Nhật Bản (JICA), Lãnh sự quán Ý tại Thành phố Hồ Chí Minh.", locality="An Giang")


@pytest.mark.parametrize("question, docs, name", [
    ("Lạng Sơn có ký thỏa thuận quốc tế nào với một tổ chức của Bỉ không?", [AGREEMENTS], "VECO"),
    ("Has Lang Son signed anything with a Belgian organisation?", [AGREEMENTS], "VECO"),
    ("Did An Giang work with any Japanese development aid agency?", [PARTNERS],
     "Cơ quan Hợp tác quốc tế Nhật Bản (JICA)"),
])
def test_a_yes_no_questions_indefinite_is_answered_by_the_one_the_documents_name(question, docs, name):
    f = frame(question)
    assert (f.answer_type, f.also) == (T.YESNO, (T.ORGANISATION,))
    comp, texts = compose(question, docs)
    assert short_text(comp, texts) == name and not comp.typed  # no verdict drawn; its absence refuses nothing


SIDES = Doc("Đăk Nông phía Bắc và Đông Bắc giáp tỉnh Đắk Lắk, phía Đông và Đông Nam giáp tỉnh Lâm Đồng, phía Nam giáp tỉnh "
            "Bình Phước, phía Tây giáp Campuchia.", locality="Đăk Nông")


@pytest.mark.parametrize("question, place", [
    ("Phía Nam tỉnh Đăk Nông giáp với đâu?", "Bình Phước"),  # not Lâm Đồng beside "Đông Nam"
    ("Phía Đông tỉnh Đăk Nông giáp tỉnh nào?", "Lâm Đồng"),
    ("Phía Bắc và Đông Bắc tỉnh Đăk Nông giáp với đâu?", "Đắk Lắk"),
])
def test_a_side_of_a_place_is_answered_by_its_own_clause(question, place):
    assert frame(question).answer_type == T.PLACE  # "giáp với đâu" asks a place
    comp, texts = compose(question, [SIDES])
    assert short_text(comp, texts) == place

