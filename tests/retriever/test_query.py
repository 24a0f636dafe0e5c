"""Question analysis: language, document requests, question kinds, follow-up rewriting."""
from pathlib import Path

import pytest

from retriever.glossary import Glossary
from retriever.followup import Places, load_places, rewrite_followup
from retriever.query import QueryAnalysis, analyze, detect_language

GLOSSARY = Path(__file__).resolve().parents[2] / "prompts" / "glossary_en_vi.tsv"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load(GLOSSARY)


@pytest.fixture()
def places(tmp_path) -> Places:
    path = tmp_path / "provinces_vi.txt"
    path.write_text("# test list\nAn Giang\nĐồng Nai|Dong Nai\nLạng Sơn|Lang Son\nHòa Bình|Hoà Bình|Hoa Binh\n",
                    encoding="utf-8")
    return Places.load(path)


@pytest.mark.parametrize("text, lang", [
    ("Đồng Nai có bao nhiêu hội hữu nghị?", "vi"),
    ("nghi quyet 31/NQ-CP cua chinh phu ban hanh ngay nao", "vi"),
    ("tinh dong nai co bao nhieu hoi huu nghi", "vi"),
    ("còn An Giang thì sao?", "vi"),
    ("Đồng Nai?", "vi"),
    ("Which directives govern outbound delegations?", "en"),
    ("What about An Giang?", "en"),
    ("How many friendship associations does Đồng Nai have?", "en"),
    ("When was Directive 38-CT/TW issued?", "en"),
    ("38-CT/TW", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("question, wants, doc_type", [
    ("Which directives govern outbound delegations?", True, "Chỉ thị"),
    ("What regulation covers inbound delegations?", True, "Quy định"),
    ("List the resolutions on international integration", True, "Nghị quyết"),
    ("Which documents regulate foreign NGOs?", True, None),
    ("Is there a decree on marriage with foreigners?", True, "Nghị định"),
    ("What is the directive about?", False, None),
    ("Chỉ thị nào quy định về đoàn ra?", True, "Chỉ thị"),
    ("Những nghị quyết nào về hội nhập quốc tế?", True, "Nghị quyết"),
    ("văn bản nào quy định về quản lý đoàn ra?", True, None),
    ("chi thi nao quy dinh ve doan ra", True, "Chỉ thị"),
    ("Tỉnh đã ban hành những kế hoạch gì về ngoại giao kinh tế?", True, "Kế hoạch"),
    ("Chỉ thị 38-CT/TW do cơ quan nào ban hành?", False, None),
    ("Đăk Nông giáp những tỉnh nào?", False, None),
])
def test_document_requests(glossary, question, wants, doc_type):
    qa = analyze(question, glossary)
    assert (qa.wants_documents, qa.doc_type) == (wants, doc_type)


@pytest.mark.parametrize("question, kind", [
    ("Đồng Nai có bao nhiêu hội hữu nghị?", "number"),
    ("Tỉnh có mấy cửa khẩu quốc tế?", "number"),
    ("How many friendship associations does Dong Nai have?", "number"),
    ("What is the area of Dak Nong?", "number"),
    ("Chỉ thị 38-CT/TW ban hành ngày nào?", "date"),
    ("nghi quyet 31/NQ-CP cua chinh phu ban hanh ngay nao", "date"),
    ("Hội hữu nghị được thành lập năm nào?", "date"),
    ("When was Directive 38 issued?", "date"),
    ("In which year was the association founded?", "date"),
    ("Ai ký Quyết định 01/2014/QĐ-UBND?", "who"),
    ("Who signed the memorandum of understanding?", "who"),
    ("Tỉnh đã ký thỏa thuận hợp tác với Lào chưa?", "yesno"),
    ("Đồng Nai có tỉnh kết nghĩa không?", "yesno"),
    ("Does Dong Nai border Cambodia?", "yesno"),
    ("Đăk Nông giáp những tỉnh nào?", "which"),
    ("Which directives govern outbound delegations?", "which"),
    ("What directives govern outbound delegations?", "which"),
    ("Đối ngoại nhân dân là gì?", "what"),
    ("What is people-to-people diplomacy?", "what"),
])
def test_question_kind(glossary, question, kind):
    assert analyze(question, glossary).question_kind == kind


def test_analysis_result(glossary):
    qa = analyze("Which directives govern outbound delegations?", glossary)
    assert qa == QueryAnalysis(
        text="Which directives govern outbound delegations?", lang="en",
        expansions=["nào", "chỉ thị", "đoàn ra", "đoàn đi công tác nước ngoài"],
        wants_documents=True, doc_type="Chỉ thị", question_kind="which")
    vi = analyze("Chỉ thị nào quy định về quản lý đoàn ra?", glossary)
    assert (vi.lang, vi.expansions) == ("vi", [])
    assert analyze("hoà bình  ", glossary).text == "hòa bình"  # normalised


HISTORY = ["Đồng Nai có bao nhiêu hội hữu nghị?"]


@pytest.mark.parametrize("turn, expected", [
    ("còn An Giang thì sao?", "An Giang có bao nhiêu hội hữu nghị?"),
    ("thế còn Lạng Sơn?", "Lạng Sơn có bao nhiêu hội hữu nghị?"),
    ("vậy còn tỉnh Hoà Bình thì thế nào?", "Hòa Bình có bao nhiêu hội hữu nghị?"),
    ("còn an giang thì sao", "An Giang có bao nhiêu hội hữu nghị?"),
    ("An Giang?", "An Giang có bao nhiêu hội hữu nghị?"),
    ("và năm 2016?", "Đồng Nai có bao nhiêu hội hữu nghị năm 2016?"),
    ("Lạng Sơn có bao nhiêu cửa khẩu?", "Lạng Sơn có bao nhiêu cửa khẩu?"),
    ("Còn bao nhiêu đoàn ra chưa được phê duyệt?", "Còn bao nhiêu đoàn ra chưa được phê duyệt?"),
])
def test_followup_vi(places, turn, expected):
    assert rewrite_followup(turn, HISTORY, places) == expected


def test_followup_other_entities(places):
    en = ["How many friendship associations does Dong Nai have?"]
    assert rewrite_followup("what about An Giang?", en, places) == "How many friendship associations does An Giang have?"
    assert rewrite_followup("And in 2016?", en, places) == "How many friendship associations does Dong Nai have in 2016?"
    assert rewrite_followup("và năm 2016?", ["Năm 2015 Đồng Nai đón bao nhiêu đoàn vào?"], places) == \
        "Năm 2016 Đồng Nai đón bao nhiêu đoàn vào?"
    assert rewrite_followup("còn Nghị quyết 22-NQ/TW?", ["Chỉ thị 38-CT/TW ban hành ngày nào?"], places) == \
        "Nghị quyết 22-NQ/TW ban hành ngày nào?"
    # a name that is not a province replaces the other (non-province) name, not the province
    assert rewrite_followup("còn Lào thì sao?", ["Đồng Nai ký bao nhiêu thỏa thuận với Campuchia?"], places) == \
        "Đồng Nai ký bao nhiêu thỏa thuận với Lào?"
    assert rewrite_followup("còn Lào thì sao?", ["Đồng Nai ký bao nhiêu thỏa thuận?"], places) == \
        "Đồng Nai ký bao nhiêu thỏa thuận Lào?"


def test_followup_chain_and_edges(places):
    history = ["Đồng Nai có bao nhiêu hội hữu nghị?", "còn An Giang thì sao?"]
    assert rewrite_followup("và năm 2016?", history, places) == "An Giang có bao nhiêu hội hữu nghị năm 2016?"
    assert rewrite_followup("còn An Giang thì sao?", [], places) == "còn An Giang thì sao?"
    standalone = "Which directives govern outbound delegations?"
    assert rewrite_followup(standalone, HISTORY, places) is standalone


def test_followup_without_province_list(tmp_path):
    assert load_places(tmp_path) is None
    assert rewrite_followup("còn An Giang thì sao?", HISTORY, prompts_dir=tmp_path) == \
        "An Giang có bao nhiêu hội hữu nghị?"
    assert rewrite_followup("An Giang?", HISTORY, prompts_dir=tmp_path) == "An Giang có bao nhiêu hội hữu nghị?"
    assert rewrite_followup("còn Lạng Sơn?", ["Tỉnh Đồng Nai có bao nhiêu dự án FDI?"], prompts_dir=tmp_path) == \
        "Tỉnh Lạng Sơn có bao nhiêu dự án FDI?"


def test_places_file_errors_name_the_line(tmp_path):
    path = tmp_path / "provinces_vi.txt"
    path.write_text("An Giang\nĐồng Nai||Dong Nai\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 2: empty name in 'Đồng Nai\|\|Dong Nai'"):
        Places.load(path)
