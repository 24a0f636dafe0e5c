"""Elliptical follow-ups made standalone: a new place, year or document swapped into the previous question."""
import pytest

from retriever.followup import Places, load_places, rewrite_followup


@pytest.fixture()
def places(tmp_path) -> Places:
    path = tmp_path / "provinces_vi.txt"
    path.write_text("# test list\nAn Giang\nĐồng Nai|Dong Nai\nLạng Sơn|Lang Son\nHòa Bình|Hoà Bình|Hoa Binh\n",
                    encoding="utf-8")
    return Places.load(path)


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


@pytest.mark.parametrize("turn, previous, expected", [
    ("Còn riêng năm 2018 thì sao?", "Từ năm 2008 đến 2012 có bao nhiêu đoàn khách quốc tế đến Lạng Sơn?",
     "Năm 2018 có bao nhiêu đoàn khách quốc tế đến Lạng Sơn?"),
    ("What about 2019?", "How many delegations visited Lang Son between 2008 and 2012?",
     "How many delegations visited Lang Son in 2019?"),
    ("What about 2019?", "How many delegations visited Lang Son in 2008-2012?",
     "How many delegations visited Lang Son in 2019?"),
    # two separate years are no range: the new year is added
    ("Còn năm 2019?", "Năm 2016 và năm 2017 có bao nhiêu đoàn ra?", "Năm 2016 và năm 2017 có bao nhiêu đoàn ra năm 2019?"),
])
def test_one_year_asked_again_replaces_a_year_range(places, turn, previous, expected):
    assert rewrite_followup(turn, [previous], places) == expected


@pytest.mark.parametrize("turn, expected", [
    ("So với năm 2015 thì tăng bao nhiêu lần?",
     "Năm 2016 An Giang giải ngân được bao nhiêu vốn FDI, so với năm 2015 thì tăng bao nhiêu lần?"),
    ("Còn so với năm 2014?", "Năm 2016 An Giang giải ngân được bao nhiêu vốn FDI, còn so với năm 2014?"),
])
def test_a_comparison_continues_the_previous_subject(places, turn, expected):
    assert rewrite_followup(turn, ["Năm 2016 An Giang giải ngân được bao nhiêu vốn FDI?"], places) == expected


def test_a_question_of_its_own_is_no_comparison(places):
    q = "Số đoàn ra năm 2016 so với năm 2015 tăng bao nhiêu?"
    assert rewrite_followup(q, ["Năm 2016 An Giang giải ngân được bao nhiêu vốn FDI?"], places) == q


@pytest.mark.parametrize("turn, previous, expected", [
    ("Dân số thì sao?", "Đăk Nông có diện tích bao nhiêu?", "Dân số của Đăk Nông là bao nhiêu?"),
    ("What about the population?", "What is the area of Đăk Nông province?", "What is the population of Đăk Nông?"),
    ("Còn kim ngạch xuất khẩu?", "Năm 2016 An Giang thu hút bao nhiêu vốn FDI?", "Kim ngạch xuất khẩu của An Giang là bao nhiêu?"),
    # a name is swapped in, not asked as a measure
    ("Còn Kon Tum thì sao?", "Đăk Nông có diện tích bao nhiêu?", "Kon Tum có diện tích bao nhiêu?"),
])
def test_another_measure_of_the_same_place(turn, previous, expected):
    assert rewrite_followup(turn, [previous]) == expected


def test_a_new_year_with_a_new_document_type_swaps_both(places):
    types = ("Kết luận", "Conclusion", "conclusion", "Quyết định", "Decision", "decision", "Kế hoạch", "Plan", "plan")
    base = "Which 2018 conclusion of the Politburo does Kon Tum's plan mention?"
    assert rewrite_followup("And the Politburo decision from 2015?", [base], places, type_words=types) == \
        "Which 2015 decision of the Politburo does Kon Tum's plan mention?"
    # the year labels the plan, not the conclusion asked for: the type asked is not swapped for it
    base = "Kế hoạch năm 2018 của Kon Tum nhắc đến kết luận nào của Bộ Chính trị?"
    assert rewrite_followup("Còn quyết định năm 2015 thì sao?", [base], places, type_words=types) == \
        "Kế hoạch năm 2015 của Kon Tum nhắc đến kết luận nào của Bộ Chính trị?"


@pytest.mark.parametrize("turn, base, expected", [
    ("What about Dong Nai over the last five years?",
     "How many foreign NGO projects had Lang Son attracted by the end of 2012?",
     "How many foreign NGO projects had Đồng Nai attracted over the last five years?"),
    ("Còn Đồng Nai trong 5 năm qua thì sao?", "Lạng Sơn đã thu hút bao nhiêu dự án NGO đến hết năm 2012?",
     "Đồng Nai đã thu hút bao nhiêu dự án NGO trong 5 năm qua?"),
    # a question with no stretch of time of its own gets the new one
    ("Còn Đồng Nai trong 5 năm qua thì sao?", "Lạng Sơn đón bao nhiêu đoàn khách quốc tế?",
     "Đồng Nai đón bao nhiêu đoàn khách quốc tế trong 5 năm qua?"),
])
def test_an_elliptical_turn_with_a_new_stretch_of_time_asks_of_it(places, turn, base, expected):
    assert rewrite_followup(turn, [base], places) == expected


def test_a_new_place_alone_keeps_the_stretch_asked_before(places):
    assert rewrite_followup("What about Dong Nai?", ["How many NGO projects had Lang Son attracted by the end of 2012?"],
                            places) == "How many NGO projects had Đồng Nai attracted by the end of 2012?"


def test_how_did_that_compare_asks_the_previous_question_compared(places):
    assert rewrite_followup("And how did that compare with 2015?", ["How much FDI money was disbursed in An Giang in 2016?"],
                            places) == "How much FDI money was disbursed in An Giang in 2016, compared with 2015?"


def test_a_turn_bringing_a_phrase_swaps_the_previous_phrase_of_its_preposition(places):
    assert rewrite_followup("What about at the level of departments and agencies?",
                            ["How many international agreements has Dong Nai signed at provincial level?"], places) == \
        "How many international agreements has Dong Nai signed at the level of departments and agencies?"
