import pickle

import pytest

from regulations.extract import Reference
from regulations.index import Flag, Relation, RegulationIndex, detect_official_header, english_terms
from tests.regulations.conftest import CORPUS


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


def test_one_card_for_a_code_spelt_two_ways(index):
    """"Chương trình số 27-CTr/TU" and "Chương trình số 27-CT/TU" (a mistyped symbol) of one province: one card,
    kept under the spelling whose symbol is the type word the sources write, the other spelling listed and flagged."""
    card = index.get("27-CTr/TU")
    assert index.get("27-CT/TU", locality="Đăk Nông") == card == index.card("27-CT/TU@Đăk Nông")
    assert (card.key, card.code, card.type, card.variants) == ("27-CTr/TU@Đăk Nông", "27-CTr/TU", "Chương trình", ("27-CT/TU",))
    assert card.issuers == ("Ban Thường vụ Tỉnh ủy",) and card.dates == ("2013-09-05",)
    assert [(f.kind, f.values) for f in card.flags] == [("variants", ("27-CTr/TU", "27-CT/TU"))]
    assert card.flags == ("variant symbols: 27-CTr/TU vs 27-CT/TU",)  # the English wording `refs` and the JSON carry
    assert not [c for c in index.all() if c.code == "27-CT/TU"]


def test_two_documents_that_only_share_a_number_stay_apart():
    """Different dates: two documents (or a typo we cannot settle), each flagged with the other spelling."""
    def ref(code, dtype, date, start):
        return Reference("d", "corpus/d.txt", "Kon Tum", dtype, code, None, None, None, date, None, None, start, start + 40,
                         start, start + 12, written=f"{dtype} {code}", quote=f"{dtype} {code} ngày ...")
    index = RegulationIndex.build([ref("5-CTr/TU", "Chương trình", "2013-01-01", 0),
                                   ref("5-CT/TU", "Chỉ thị", "2015-01-01", 100)])
    a, b = index.get("5-CTr/TU"), index.get("5-CT/TU")
    assert a is not b and a.variants == ("5-CT/TU",) and b.variants == ("5-CTr/TU",)
    assert [f.kind for f in a.flags] == ["variants"]


def test_a_passage_citing_a_document_twice_is_one_citation(index):
    card = index.get("272-QĐ/TW")  # "Quyết định 272-QĐ/TW ... Quy chế 272" in one sentence
    assert len(card.citations) == len({(c.doc_id, c.start) for c in card.citations}) == 2


def test_a_subject_written_after_a_list_of_documents_is_each_ones(index):
    """"Nghị quyết 22-NQ/TW ngày ... của Bộ Chính trị, Nghị quyết số 31/NQ-CP ... và Chỉ thị số 01/CT-TTg ... về hội
    nhập quốc tế": 31/NQ-CP is about it too; "Chương trình số 27-CT/TU ... và kế hoạch số 67/KH-UBND ... về triển
    khai hội nhập quốc tế" too. A document whose sources state no subject gets none."""
    assert index.get("31/NQ-CP").subjects == ("hội nhập quốc tế",)
    assert "triển khai hội nhập quốc tế" in index.get("27-CTr/TU").subjects
    assert index.get("45-CT/TW").subjects == () and index.get("06-NQ/TW").subjects == ()
    assert index.get("38-CT/TW").subjects == ("tăng cường quản lý các đoàn đi công tác nước ngoài",)


def test_flags_carry_their_parts(index):
    dates = index.get("01/CT-TTg").flags[0]
    assert (dates.kind, dates.values) == ("dates", ("2012-01-09", "2012-10-09"))
    assert dates.sources == (("000_e258e916e77a1e33.txt",), ("000_e258e916e77a1e33.txt",))
    assert pickle.loads(pickle.dumps(dates)) == dates and pickle.loads(pickle.dumps(dates)).kind == "dates"
    assert Flag("type_word", ("Chương trình", "CT", "Chỉ thị")) == "type word Chương trình disagrees with symbol CT (Chỉ thị)"
    with pytest.raises(ValueError):
        Flag("colour", ())


def test_relations(index):
    assert index.get("33-KL/TW").relations == (Relation("continues", "33-KL/TW", "272-QĐ/TW"),)
    assert index.get("04-CT/TW").relations == (Relation("implements", "11-TT/TU@Đồng Nai", "04-CT/TW"),)


def test_named_congress_resolutions_merge(index):
    card = next(c for c in index.all() if c.key == "name:nghi quyet dai hoi dang toan quoc xii")
    assert card.name == "Nghị quyết Đại hội Đảng toàn quốc lần thứ XII"
    assert [c.doc_id[:3] for c in card.citations] == ["001", "002", "004"]


def test_all(index):
    assert len(index.all()) == 34
    assert index.all()[0].key == "22-NQ/TW"
    assert index.card("nope") is None and index.get("99-CT/TW") is None


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


def test_a_card_named_in_shorthand(index):
    """"Quyết định 272" names 272-QĐ/TW, and so does "Quy chế 272" (the Quy chế it issues); a shorthand no card
    carries names none."""
    assert index.get("Quyết định 272").code == index.get("Quy chế 272").code == "272-QĐ/TW"
    assert index.get("Kế hoạch 3394").code == "3394/KH-UBND"
    assert index.get("Quyết định 9999") is None
