from core.settings import PROMPTS_DIR
"""The shipped English -> Vietnamese glossary and its matcher."""
import unicodedata
from pathlib import Path

import pytest

from vntext.normalize import normalize
from retriever.glossary import Glossary, GlossaryError, stem

GLOSSARY = PROMPTS_DIR / "glossary_en_vi.tsv"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load(GLOSSARY)


def test_shipped_file_is_large_nfc_and_new_style_tones(glossary):
    assert len(glossary) >= 200
    text = GLOSSARY.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert normalize(text) == text  # "hòa", "thủy": tone marks already unified
    assert text.startswith("#")
    assert all(e.english and e.variants and all(e.variants) for e in glossary.entries)


@pytest.mark.parametrize("english, variant", [
    ("directive", "chỉ thị"), ("resolution", "nghị quyết"), ("decision", "quyết định"), ("conclusion", "kết luận"),
    ("regulation", "quy chế"), ("regulation", "quy định"), ("plan", "kế hoạch"), ("programme", "chương trình"),
    ("program", "chương trình"), ("circular", "thông tư"), ("decree", "nghị định"), ("law", "luật"),
    ("constitution", "hiến pháp"), ("strategy", "chiến lược"), ("scheme", "đề án"), ("official letter", "công văn"),
    ("instruction", "thông tri"), ("Politburo", "Bộ Chính trị"), ("Secretariat", "Ban Bí thư"),
    ("Central Committee", "Ban Chấp hành Trung ương"), ("Prime Minister", "Thủ tướng Chính phủ"),
    ("National Assembly", "Quốc hội"), ("provincial People's Committee", "UBND tỉnh"),
    ("Provincial Party Committee", "Tỉnh ủy"), ("standing committee", "Ban Thường vụ"),
    ("Department of Foreign Affairs", "Sở Ngoại vụ"), ("Ministry of Foreign Affairs", "Bộ Ngoại giao"),
    ("Union of Friendship Organizations", "Liên hiệp các tổ chức hữu nghị"), ("Fatherland Front", "Mặt trận Tổ quốc"),
    ("inbound delegation", "đoàn vào"), ("people-to-people diplomacy", "đối ngoại nhân dân"),
    ("overseas Vietnamese", "kiều bào"), ("foreign direct investment", "FDI"),
    ("non-governmental organization", "tổ chức phi chính phủ"), ("memorandum of understanding", "biên bản ghi nhớ"),
    ("agreement", "thỏa thuận"), ("border gate", "cửa khẩu"), ("sister province", "tỉnh kết nghĩa"),
    ("cultural diplomacy", "ngoại giao văn hóa"), ("border with", "tiếp giáp"), ("disbursed", "giải ngân"),
    ("article", "điều"), ("clause", "khoản"), ("obligation", "nghĩa vụ"), ("marriage", "kết hôn"),
    ("how many", "bao nhiêu"), ("when", "năm nào"), ("who", "ai"),
])
def test_core_domain_terms(glossary, english, variant):
    assert variant in glossary.expand(english)


def test_expansion_of_plural_question(glossary):
    assert glossary.expand("Which directives govern outbound delegations?") == [
        "nào", "chỉ thị", "đoàn ra", "đoàn đi công tác nước ngoài"]


def test_longest_match_wins_and_offsets(glossary):
    q = "How many friendship associations does the provincial People's Committee have?"
    found = [(m.english, q[m.start:m.end]) for m in glossary.find(q)]
    assert found == [("how many", "How many"), ("friendship association", "friendship associations"),
                     ("provincial People's Committee", "provincial People's Committee")]


def test_word_boundaries_and_case(glossary):
    assert glossary.expand("LAWS") == ["luật", "bộ luật"]
    assert glossary.expand("lawyer") == []  # no match inside a word
    assert glossary.expand("Women's Union") == ["Hội Liên hiệp Phụ nữ", "Hội Phụ nữ"]


def test_stem():
    assert [stem(w) for w in ["directives", "delegations", "policies", "dispatches", "status", "Affairs", "law"]] == [
        "directive", "delegation", "policy", "dispatch", "status", "affair", "law"]


def test_english_for(glossary):
    assert glossary.english_for("Chỉ thị") == "directive"
    assert glossary.english_for("chi thi") == "directive"
    assert glossary.english_for("hoà bình") == "peace"  # old-style tone placement
    assert glossary.english_for("đoàn  ra") == "outbound delegation"
    assert glossary.english_for("không có") is None


def test_bad_line_is_named(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("# header\ndirective\tchỉ thị\nresolution nghị quyết\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 3: .*'resolution nghị quyết'"):
        Glossary.load(path)


def test_empty_variant_is_rejected(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("directive\tchỉ thị|\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"line 1: .*'directive\\tchỉ thị\|'"):
        Glossary.load(path)


def test_duplicate_term_is_rejected(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("directive\tchỉ thị\nDirectives\tchỉ thị\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 2: 'Directives' duplicates line 1"):
        Glossary.load(path)


def test_british_and_american_spellings_match_the_same_entry(glossary):
    assert stem("organisations") == stem("organization") == "organization"
    assert [stem(w) for w in ["organisational", "recognised", "centres", "programmes"]] == [
        "organizational", "recognized", "center", "program"]
    for q in ["Which organisation signed it?", "Which organization signed it?"]:
        assert [m.english for m in glossary.find(q)][:2] == ["which", "organization"]
    assert [m.english for m in glossary.find("the Labor Code and national defense")] == ["Labour Code", "national defence"]


def test_partner_countries_and_nationalities_are_translated(glossary):
    found = {m.english: m.variants for m in glossary.find("Belgian and Dutch partners from Belgium and the Netherlands")}
    assert "Bỉ" in found["Belgian"] and "Bỉ" in found["Belgium"] and "Hà Lan" in found["Netherlands"]
    assert "Trung Quốc" in glossary.expand("Chinese investors")


@pytest.mark.parametrize("question, english", [
    ("Who gave the instructions on integration?", "gave instruction"),
    ("Who gave instructions on integration?", "gave instruction"),
    ("What about the fields of cooperation it wants to push?", "field"),
])
def test_articles_inside_a_term_do_not_break_it(glossary, question, english):
    assert english in [m.english for m in glossary.find(question)]
