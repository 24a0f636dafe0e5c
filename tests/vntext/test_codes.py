import pytest

from vntext.codes import (
    CodeMatch, code_key, code_tokens, find_codes, fold_text, normalize_code, parse_code, query_code_keys, shorthand_key,
)


@pytest.mark.parametrize("raw,code", [
    ("38-CT/TW", "38-CT/TW"), ("38 - CT / TW", "38-CT/TW"), ("số 38-CT/TW", "38-CT/TW"), ("Số: 38-ct/tw", "38-CT/TW"),
    ("38/CT-TW", "38/CT-TW"), ("01/2014/QĐ-UBND", "01/2014/QĐ-UBND"), ("3394/KH-UBND", "3394/KH-UBND"),
    ("26/CT-TTg", "26/CT-TTg"), ("26/ct-ttg", "26/CT-TTg"), ("27-CTr/TU", "27-CTr/TU"), ("27-ctr/tu", "27-CTr/TU"),
    ("102 - QĐ / TW", "102-QĐ/TW"), ("272-qd/tw", "272-QĐ/TW"), ("116/2013/nd-cp", "116/2013/NĐ-CP"),
    ("47/2010/QH12", "47/2010/QH12"), ("05-QĐi/TW", "05-QĐi/TW"), ("45-CT/TƯ", "45-CT/TW"),
])
def test_normalize_code(raw, code):
    assert normalize_code(raw) == code


@pytest.mark.parametrize("raw", ["", "abc", "2011-2020", "10/4/2013", "38", "CT/TW"])
def test_normalize_code_rejects(raw):
    assert normalize_code(raw) is None


def test_parse_code_party_state_and_law():
    p = parse_code("11-TT/TU")
    assert (p.number, p.type_symbol, p.issuer_symbol, p.doc_type, p.issuer, p.party) == (
        "11", "TT", "TU", "Thông tri", "Tỉnh ủy", True)
    p = parse_code("15/2014/TT-BNG")
    assert (p.number, p.year, p.doc_type, p.issuer, p.party) == ("15", "2014", "Thông tư", "Bộ Ngoại giao", False)
    assert parse_code("26/CT-TTg").issuer == "Thủ tướng Chính phủ"
    assert parse_code("47/2010/QH12").doc_type == "Luật"
    assert parse_code("1234/UBND-KT").doc_type == "Công văn"
    with pytest.raises(ValueError, match="'nope'"):
        parse_code("nope")


def test_find_codes_with_type_words_and_shorthand():
    text = "Chỉ thị số 38-CT/TW của Bộ Chính trị, Kế hoạch hành động số 3394/KH-UBND và Quy chế 272."
    assert find_codes(text) == [
        CodeMatch("38-CT/TW", 11, 19, "Chỉ thị", False, 0),
        CodeMatch("3394/KH-UBND", 60, 72, "Kế hoạch", False, 38),
        CodeMatch("272", 84, 87, "Quy chế", True, 76),
    ]


def test_find_codes_spaced_symbols_and_lowercase_type_word():
    assert [(c.code, c.doc_type) for c in find_codes("Chỉ thị số 26- CT/TU, kế hoạch số 67/KH-UBND")] == [
        ("26-CT/TU", "Chỉ thị"), ("67/KH-UBND", "Kế hoạch")]
    assert [c.code for c in find_codes("Quyết định số 1143 / QĐ - UBND ngày 19/7/2018")] == ["1143/QĐ-UBND"]


@pytest.mark.parametrize("text", [
    "giai đoạn 2011-2020", "ngày 10/4/2013", "Tin tức > Thông tin KT-VH-XH", "biên bản số 58 / BB - TXM",
    "Kế hoạch 2020", "Chương trình 12.500 căn hộ", "Campuchia - Lào - Việt Nam",
])
def test_find_codes_ignores_non_codes(text):
    assert find_codes(text) == []


def test_shorthand_with_dash_phrase_after_number():
    assert [(c.code, c.shorthand) for c in find_codes("theo Nghị quyết 54 - giao nhiệm vụ")] == [("54", True)]


def test_keys():
    assert code_key("38 - CT / TW") == "code:38-ct/tw"
    assert code_key("01/2014/QĐ-UBND") == "code:01/2014/qd-ubnd"
    assert shorthand_key("Chỉ thị", "01") == "num:chithi:1"
    with pytest.raises(ValueError, match="'Chỉ thị'"):
        code_key("Chỉ thị")


def test_code_tokens_emit_full_and_shorthand_keys():
    assert code_tokens("Chỉ thị số 38-CT/TW; Chương trình số 27-CT/TU; Quy chế 272") == [
        "code:38-ct/tw", "num:chithi:38", "code:27-ct/tu", "num:chithi:27", "num:chuongtrinh:27",
        "num:quyche:272", "num:quyetdinh:272"]


@pytest.mark.parametrize("question,keys", [
    ("Chỉ thị 38 nói gì?", ["num:chithi:38"]),
    ("chi thi 38", ["num:chithi:38"]),
    ("nghi quyet 31/NQ-CP", ["code:31/nq-cp", "num:nghiquyet:31"]),
    ("quyet dinh 272", ["num:quyetdinh:272"]),
    ("Quy chế 272", ["num:quyche:272", "num:quyetdinh:272"]),
    ("Nghị quyết 22-NQ/TW được ban hành ngày nào", ["code:22-nq/tw", "num:nghiquyet:22"]),
    ("chỉ thị 01/ct-ttg", ["code:01/ct-ttg", "num:chithi:1"]),
    ("Kế hoạch năm 2020", []),
])
def test_query_code_keys(question, keys):
    assert query_code_keys(question) == keys


def test_question_keys_meet_chunk_keys():
    assert set(query_code_keys("Chỉ thị 38")) <= set(code_tokens("theo Chỉ thị số 38-CT/TW của Bộ Chính trị"))


def test_fold_text_keeps_length():
    assert fold_text("Đăk Nông, Ủy ban") == "dak nong, uy ban"
    assert len(fold_text("Nghị quyết")) == len("Nghị quyết")
