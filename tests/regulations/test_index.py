from pathlib import Path

import pytest

from vntext.normalize import normalize
from regulations.extract import extract_references
from regulations.index import Relation, RegulationIndex, detect_official_header, english_terms

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
LOCALITIES = {"000": "Đăk Nông", "001": "Kon Tum", "002": "An Giang", "003": "Lạng Sơn", "004": "Đồng Nai"}


@pytest.fixture(scope="module")
def index() -> RegulationIndex:
    refs = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8"))
        refs += extract_references(path.stem, path.name, text, LOCALITIES[path.name[:3]])
    return RegulationIndex.build(refs)


def test_card_for_code_in_any_spelling(index):
    card = index.get("38 - ct / tw")
    assert (card.key, card.type, card.type_en, card.issuers, card.issuer_en) == (
        "38-CT/TW", "Chỉ thị", "Directive", ("Bộ Chính trị",), ("Politburo",))
    assert [c.doc_id for c in card.citations] == ["001_fa92974233446845", "002_2dc6bf13558371b9"]
    assert card.subjects == ("tăng cường quản lý các đoàn đi công tác nước ngoài",)
    assert card.citations[0].quote.startswith("Tăng cường quản lý các đoàn đi công tác nước ngoài theo chỉ đạo tại")


def test_date_disagreement_flag(index):
    card = index.get("01/CT-TTg")
    assert card.dates == ("2012-01-09", "2012-10-09")
    assert card.flags == ("dates disagree: 2012-01-09 (000_e258e916e77a1e33.txt); 2012-10-09 (000_e258e916e77a1e33.txt)",)


def test_issuer_disagreement_flag(index):
    card = index.get("04-CT/TW")
    assert card.issuers == ("Bộ Chính trị", "Ban Bí thư")
    assert card.flags == ("issuers disagree: Bộ Chính trị (004_b98956806c35580f.txt); Ban Bí thư (004_b98956806c35580f.txt)",)


def test_variant_symbols_and_provincial_keys(index):
    ctr, ct = index.get("27-CTr/TU"), index.get("27-CT/TU", locality="Đăk Nông")
    assert (ctr.key, ct.key) == ("27-CTr/TU@Đăk Nông", "27-CT/TU@Đăk Nông")
    assert ctr.variants == ("27-CT/TU",) and ct.variants == ("27-CTr/TU",)
    assert ctr.flags == ("variant symbols: 27-CTr/TU vs 27-CT/TU",)
    assert ct.flags == ("type word Chương trình disagrees with symbol CT (Chỉ thị)", "variant symbols: 27-CT/TU vs 27-CTr/TU")
    assert ctr.issuers == ("Tỉnh ủy",)


def test_relations(index):
    assert index.get("33-KL/TW").relations == (Relation("continues", "33-KL/TW", "272-QĐ/TW"),)
    assert index.get("04-CT/TW").relations == (Relation("implements", "11-TT/TU@Đồng Nai", "04-CT/TW"),)


def test_named_congress_resolutions_merge(index):
    card = next(c for c in index.all() if c.key == "name:nghi quyet dai hoi dang toan quoc xii")
    assert card.name == "Nghị quyết Đại hội Đảng toàn quốc lần thứ XII"
    assert [c.doc_id[:3] for c in card.citations] == ["001", "002", "004"]


def test_all_and_search(index):
    assert len(index.all()) == 35
    assert index.all()[0].key == "22-NQ/TW"
    assert [c.key for c in index.search(query="chi thi 38")] == ["38-CT/TW"]
    assert [c.key for c in index.search(query="Quy chế 272")] == ["272-QĐ/TW"]
    assert [c.key for c in index.search(doc_type="Conclusion")] == ["33-KL/TW"]
    assert [c.key for c in index.search(doc_type="Thông tri")] == ["11-TT/TU@Đồng Nai"]
    assert index.search(query="đoàn đi công tác nước ngoài")[0].key == "38-CT/TW"


def test_rows_and_json_round_trip(index):
    rows = index.to_rows()
    assert rows[0] == {
        "key": "22-NQ/TW", "code": "22-NQ/TW", "name": "", "type": "Nghị quyết", "type_en": "Resolution",
        "issuers": "Bộ Chính trị", "issuer_en": "Politburo", "dates": "2013-04-10", "term": "",
        "subjects": "hội nhập quốc tế", "citations": 5,
        "documents": "000_e258e916e77a1e33.txt; 002_2dc6bf13558371b9.txt; 004_b98956806c35580f.txt", "flags": "", "relations": "",
    }
    again = RegulationIndex.from_json(index.to_json())
    assert again.to_rows() == rows
    with pytest.raises(ValueError, match="99"):
        RegulationIndex.from_json('{"version": 99, "references": []}')


def test_english_terms_file():
    terms = english_terms()
    assert terms[("type", "Chỉ thị")] == "Directive"
    assert terms[("issuer", "Bộ Chính trị")] == "Politburo"


def test_detect_official_header():
    text = ("BAN CHẤP HÀNH TRUNG ƯƠNG          ĐẢNG CỘNG SẢN VIỆT NAM\n*\n"
            "Số 38-CT/TW                    Hà Nội, ngày 28 tháng 9 năm 1994\n\nCHỈ THỊ\nCỦA BỘ CHÍNH TRỊ\n"
            "Về việc tăng cường quản lý các đoàn đi công tác nước ngoài\n\nTrong những năm qua ...")
    h = detect_official_header(text)
    assert (h.code, h.doc_type, h.issuer, h.place, h.date, h.title) == (
        "38-CT/TW", "Chỉ thị", "BAN CHẤP HÀNH TRUNG ƯƠNG", "Hà Nội", "1994-09-28",
        "Về việc tăng cường quản lý các đoàn đi công tác nước ngoài")
    state = ("ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH KON TUM          Độc lập - Tự do - Hạnh phúc\n"
             "Số: 3394/KH-UBND          Kon Tum, ngày 04 tháng 12 năm 2018\n\nKẾ HOẠCH\nTriển khai công tác đối ngoại\n"
             "của tỉnh giai đoạn 2018-2021\n\nI. MỤC ĐÍCH")
    h = detect_official_header(state)
    assert (h.code, h.doc_type, h.issuer, h.place, h.date, h.title) == (
        "3394/KH-UBND", "Kế hoạch", "ỦY BAN NHÂN DÂN TỈNH KON TUM", "Kon Tum", "2018-12-04",
        "Triển khai công tác đối ngoại của tỉnh giai đoạn 2018-2021")


def test_news_article_has_no_official_header():
    assert detect_official_header((CORPUS / "000_e258e916e77a1e33.txt").read_text(encoding="utf-8")) is None
