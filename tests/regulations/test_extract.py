from pathlib import Path

import pytest

from benchmarks.extraction_quality import CORPUS_GOLD, corpus_predictions, read_gold, score
from regulations.extract import canonical_issuer, extract_references
from vntext.sentences import split_sentences
from vntext.dates import parse_dmy as parse_date

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _refs(text: str):
    return extract_references("d", "d.txt", text, "Kon Tum")


def test_coded_reference_fields():
    text = ("Mở đầu. Tiếp tục thực hiện nghiêm túc Quyết định 272-QĐ/TW, ngày 21/5/2015 của Bộ Chính trị ban hành "
            "Quy chế quản lý thống nhất các hoạt động đối ngoại, Kết luận số 33-KL/TW, ngày 25/7/2018 của Bộ Chính trị "
            "về tiếp tục thực hiện Quy chế 272 để đảm bảo quản lý thống nhất.")
    refs = _refs(text)
    assert [(r.code, r.doc_type, r.issuer, r.date, r.shorthand) for r in refs] == [
        ("272-QĐ/TW", "Quyết định", "Bộ Chính trị", "2015-05-21", False),
        ("33-KL/TW", "Kết luận", "Bộ Chính trị", "2018-07-25", False),
        ("272-QĐ/TW", "Quy chế", None, None, True),
    ]
    first = refs[0]
    assert first.subject == "ban hành Quy chế quản lý thống nhất các hoạt động đối ngoại"
    assert refs[1].subject == "tiếp tục thực hiện Quy chế 272 để đảm bảo quản lý thống nhất"
    assert (first.start, first.end) == (8, len(text))
    assert first.quote == text[8:]
    assert text[first.mention_start:first.mention_end] == "Quyết định 272-QĐ/TW"
    assert first.symbol_issuer == "Trung ương" and first.locality == "Kon Tum"


def test_issuer_and_date_written_before_the_type():
    refs = _refs("Ngày 04/12/2018, UBND tỉnh đã ban hành Kế hoạch hành động số 3394/KH-UBND triển khai công tác đối ngoại.")
    assert [(r.code, r.issuer, r.date, r.subject) for r in refs] == [
        ("3394/KH-UBND", "Ủy ban nhân dân tỉnh", "2018-12-04", "triển khai công tác đối ngoại")]


def test_issuer_and_term_shared_by_a_list():
    refs = _refs("theo đúng tinh thần Chỉ thị số 45-CT/TW và Nghị quyết số 36-NQ/TW của Bộ Chính trị khóa IX.")
    assert [(r.code, r.issuer, r.term) for r in refs] == [
        ("45-CT/TW", "Bộ Chính trị", "IX"), ("36-NQ/TW", "Bộ Chính trị", "IX")]
    refs = _refs("Chính phủ vừa ban hành các Nghị quyết số 33 / NQ - CP, 34 / NQ - CP điều chỉnh quy hoạch.")
    assert [(r.code, r.issuer) for r in refs] == [("33/NQ-CP", "Chính phủ"), ("34/NQ-CP", "Chính phủ")]


def test_named_documents():
    text = ("xuất phát từ chủ trương đối ngoại được xác định tại Nghị quyết Đại hội Đảng toàn quốc lần thứ XI, "
            "cương lĩnh hành động đổi mới; đồng thời thực hiện Kế hoạch Chiến lược Ngoại giao văn hóa đến năm 2020 "
            "trên địa bàn tỉnh và Nghị quyết của Ban Chấp hành Trung ương về Chiến lược bảo vệ Tổ quốc trong tình hình mới.")
    assert [(r.doc_type, r.name, r.issuer, r.term) for r in _refs(text)] == [
        ("Nghị quyết", "Nghị quyết Đại hội Đảng toàn quốc lần thứ XI", "Đại hội Đảng toàn quốc", "XI"),
        ("Kế hoạch", "Kế hoạch Chiến lược Ngoại giao văn hóa đến năm 2020", None, None),
        ("Chiến lược", "Chiến lược Ngoại giao văn hóa đến năm 2020", None, None),
        ("Nghị quyết", "Nghị quyết của Ban Chấp hành Trung ương về Chiến lược bảo vệ Tổ quốc trong tình hình mới",
         "Ban Chấp hành Trung ương", None),
        ("Chiến lược", "Chiến lược bảo vệ Tổ quốc trong tình hình mới", None, None),
    ]


@pytest.mark.parametrize("text", [
    "Bộ Chính trị, Ban Bí thư đã ban hành nhiều Nghị quyết, Quyết định, Chỉ thị quan trọng.",
    "Kế hoạch nêu rõ yêu cầu công tác đối ngoại.",
    "Xây dựng Chương trình hành động về hội nhập kinh tế quốc tế theo hướng khả thi.",
    "đồng thời sẽ ban hành Quy chế hoạt động đối ngoại thuộc thẩm quyền của Tỉnh ủy.",
    "Quyết định của ông Trump đã dẫn đến quyết định từ chức.",
    "Chiến lược gia Steve Schmidt tuyên bố bỏ đảng.",
    "theo luật sư Giang, Đoàn Luật sư TP.",
    "vi phạm luật pháp quốc tế và pháp luật Việt Nam.",
])
def test_not_references(text):
    assert _refs(text) == []


def test_laws_and_central_resolutions_in_news():
    text = ("Ông Hưng cho rằng quy định này trái với Luật Luật sư và Luật Doanh nghiệp 2014 quy định rõ. "
            "Căn cứ quy định luật Dự trữ quốc gia; thực hiện Nghị quyết Trung ương 4 khóa XII.")
    assert [(r.doc_type, r.name, r.issuer, r.term) for r in _refs(text)] == [
        ("Luật", "Luật Luật sư", None, None), ("Luật", "Luật Doanh nghiệp 2014", None, None),
        ("Luật", "luật Dự trữ quốc gia", None, None),
        ("Nghị quyết", "Nghị quyết Trung ương 4 khóa XII", "Ban Chấp hành Trung ương", "XII"),
    ]


def test_shorthand_resolved_within_document_only():
    refs = _refs("Công văn 1736 / BKHĐT - ĐKKD ngày 7-3-2017 của Bộ Kế hoạch và đầu tư. Công văn 1736 giải thích. "
                 "Nghị định 46 của Chính phủ.")
    assert [(r.code, r.name, r.issuer, r.date) for r in refs] == [
        ("1736/BKHĐT-ĐKKD", None, "Bộ Kế hoạch và Đầu tư", "2017-03-07"),
        ("1736/BKHĐT-ĐKKD", "Công văn 1736", None, None),
        (None, "Nghị định 46", "Chính phủ", None),
    ]


def test_helpers():
    assert parse_date("10/4/2013") == "2013-04-10"
    assert parse_date("10 tháng 4 năm 2013") == "2013-04-10"
    assert parse_date("31/13/2013") is None
    assert canonical_issuer("của Ban thường vụ Tỉnh ủy") == "Ban Thường vụ Tỉnh ủy"
    assert canonical_issuer("của BTV Tỉnh ủy") == "Ban Thường vụ Tỉnh ủy"
    assert canonical_issuer("Ngày 12/7/2017, Bộ trưởng bộ Tài chính ban hành") == "Bộ Tài chính"
    assert canonical_issuer("của Ban Bí thư Trung ương Đảng") == "Ban Bí thư"
    assert canonical_issuer("của Hội Nông dân") == "Hội Nông dân"
    assert split_sentences("Ở TP. Hồ Chí Minh. Câu hai!\nDòng ba", items=True) == [(0, 18), (19, 27), (28, 35)]
    # a list item's marker stands alone for the extractor; the chunker keeps it with its item
    assert split_sentences("2. Sở Ngoại vụ chủ trì.", items=True) == [(0, 2), (3, 23)]
    assert split_sentences("2. Sở Ngoại vụ chủ trì.") == [(0, 23)]


def test_corpus_matches_hand_checked_gold():
    gold, _ = read_gold(CORPUS_GOLD)
    s = score(gold, corpus_predictions(CORPUS))
    assert (s.gold, s.predicted, s.matched, s.issuer_ok, s.date_ok) == (52, 52, 52, 52, 52)


def test_corpus_date_disagreement_is_kept_as_written():
    text = (CORPUS / "000_e258e916e77a1e33.txt").read_text(encoding="utf-8")
    dates = [r.date for r in extract_references("000", "x", text, None) if r.code == "01/CT-TTg"]
    assert dates == ["2012-10-09", "2012-01-09"]


@pytest.mark.parametrize("text,found", [
    ("thực hiện Nghị quyết 54/2017 của Quốc hội và Kết luận 21 của Bộ Chính trị.",
     [(None, "Nghị quyết 54/2017", "Quốc hội"), (None, "Kết luận 21", "Bộ Chính trị")]),
    ("lễ công bố Nghị quyết của Ban Thường vụ Quốc hội về việc thành lập phường Mỹ Đức.",
     [(None, "Nghị quyết của Ban Thường vụ Quốc hội về việc thành lập phường Mỹ Đức", "Ủy ban Thường vụ Quốc hội")]),
    ("(Khoản 2 Điều 14 Hiến pháp 2013, Khoản 2 Điều 2 BLDS 2015).", [(None, "Hiến pháp 2013", None)]),
    ("Ngày 11/9/2018, Ủy Ban nhân dân tỉnh Bà Rịa - Vũng Tàu đã ban hành Quyết định số 2538 / QĐ - UBND phê duyệt.",
     [("2538/QĐ-UBND", None, "Ủy ban nhân dân tỉnh")]),
])
def test_news_patterns(text, found):
    assert [(r.code, r.name, r.issuer) for r in _refs(text)] == found
