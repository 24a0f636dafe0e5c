"""Diacritics put back into a question typed without them (vntext/diacritics.py), from a hand-made table of an
index's terms and document frequencies: single syllables, pairs ("khu_công"), their folded twins ("cong")."""
import pytest

from vntext.diacritics import DiacriticRestorer, typed_without_diacritics

# as the lexical index holds them: a folded twin counts every accented form's passages ("cong" 8 = "công" 8);
# "của" is a stopword, indexed only inside pairs (it counts as often as the pairs it stands in: 3 + 4); "cửa" is
# rarer than "của" but written before "khẩu"; "lao" is
# written without diacritics in 3 of its 5 passages
DF = {"khu": 10, "công": 8, "cong": 8, "nghiệp": 6, "nghiep": 6, "khu_công": 5, "công_nghiệp": 6,
      "cửa": 4, "cua": 4, "khẩu": 4, "khau": 4, "cửa_khẩu": 4, "tỉnh": 5, "tinh": 5, "của_tỉnh": 3, "của_công": 4,
      "lao": 5, "lào": 2}


@pytest.fixture(scope="module")
def restorer() -> DiacriticRestorer:
    return DiacriticRestorer.from_vocab(DF, frozenset({"của", "có"}))


@pytest.mark.parametrize("typed, restored", [
    ("khu cong nghiep", "khu công nghiệp"),
    ("cua khau", "cửa khẩu"),  # the pair the passages write chooses the rarer word
    ("cua tinh", "của tỉnh"),
    ("tinh cua", "tỉnh của"),  # no pair: the more frequent word (the stopword)
    ("khu cong nghiep cua tinh", "khu công nghiệp của tỉnh"),
])
def test_the_words_the_passages_write_are_chosen(restorer, typed, restored):
    assert restorer.restore(typed) == restored


@pytest.mark.parametrize("typed, restored", [
    ("Khu Cong Nghiep", "Khu Công Nghiệp"),
    ("KHU CONG NGHIEP", "KHU CÔNG NGHIỆP"),
    ("khu cong xyz", "khu công xyz"),  # a syllable the passages never write stays as typed
    ("Xyz khu", "Xyz khu"),
    ("khu cong nghiep 2019, cua khau?", "khu công nghiệp 2019, cửa khẩu?"),  # digits and punctuation kept in place
    ("lao", "lao"),  # written without diacritics more often than with them: kept
])
def test_case_unknown_syllables_and_the_rest_are_kept(restorer, typed, restored):
    assert restorer.restore(typed) == restored


def test_a_folded_twin_counts_only_what_was_written_without_diacritics(restorer):
    assert restorer.forms["cong"] == ["công"] and "cong" not in restorer.word_df  # 8 - 8: never written so
    assert restorer.forms["lao"] == ["lao", "lào"] and restorer.word_df["lao"] == 3  # 5 - 2 written without
    assert restorer.forms["cua"] == ["của", "cửa"]  # the stopword counts as often as the pairs it stands in
    assert restorer.word_df["của"] == 7 and restorer.word_df["cửa"] == 4
    assert restorer.pair_df == {("khu", "công"): 5, ("công", "nghiệp"): 6, ("cửa", "khẩu"): 4, ("của", "tỉnh"): 3,
                                ("của", "công"): 4}


@pytest.mark.parametrize("text, plain", [
    ("dong nai hien co bao nhieu khu cong nghiep", True),
    ("When was Directive 38-CT/TW issued?", True),
    ("Đồng Nai có bao nhiêu khu công nghiệp?", False),
    ("dong nai hien có bao nhieu", False),  # one diacritic is enough
    ("Dong Nai thuộc vùng nào", False),
    ("đong nai", False),  # "đ" is no plain letter
    ("2019", False),  # no letters
    ("", False),
])
def test_typed_without_diacritics(text, plain):
    assert typed_without_diacritics(text) is plain


# a question typed with diacritics, one mark mistyped: "nội_dung" is written in 3 passages, "nôi" in none
TYPO_DF = {**DF, "nội": 4, "noi": 4, "dung": 5, "nội_dung": 3, "về": 6, "ve": 6, "nội_về": 1, "thỏa": 3,
           "thoa": 3, "thuận": 3, "thuan": 3, "thỏa_thuận": 3}


@pytest.mark.parametrize("typed, corrected", [
    ("nôi dung", "nội dung"),  # written nowhere as typed; the pair the passages write
    ("Nôi dung", "Nội dung"),
    ("khu cộng nghiệp", "khu công nghiệp"),  # "cộng" is written nowhere in this index
    ("thoả thuận", "thoả thuận"),  # the old tone placement of a written word: as typed
    ("nôi", "nôi"),  # no neighbour to tell by
    ("nôi về", "nôi về"),  # the pair "nội về" in one passage only: too little to undo what was typed
    ("cua khau", "cua khau"),  # written without diacritics: restoring is restore()'s work
    ("26/CT-TTg cua", "26/CT-TTg cua"),
])
def test_a_mistyped_mark_is_corrected_only_on_the_passages_word(typed, corrected):
    restorer = DiacriticRestorer.from_vocab(TYPO_DF, frozenset({"của", "có"}))
    assert restorer.correct(typed) == corrected


def test_question_phrases_are_restored_as_questions_write_them():
    """"bai viet ... duoc dang": the passages write "Việt" (Việt Nam) and "Đảng" but never "bài viết" or "được đăng";
    the asking side's phrases (prompts/vi_question_phrases.txt) count as common pairs."""
    df = {"việt": 10, "viet": 10, "việt_nam": 9, "nam": 9, "đảng": 30, "dang": 30, "đăng": 1, "được": 50, "duoc": 50,
          "bài": 2, "bai": 2, "viết": 1, "đảng_ủy": 5, "ủy": 5, "uy": 5}
    plain = DiacriticRestorer.from_vocab(df)
    asking = DiacriticRestorer.from_vocab(df, question_phrases=(("bài", "viết"), ("được", "đăng")))
    assert plain.restore("bai viet duoc dang") != "bài viết được đăng"
    assert asking.restore("bai viet duoc dang") == "bài viết được đăng"
    assert asking.restore("viet nam") == "việt nam" and asking.restore("dang uy") == "đảng ủy"


def test_the_lexicon_reads_two_word_question_phrases():
    from core.lexicon import Lexicon
    from core.settings import Settings
    phrases = Lexicon(Settings().prompts_dir).question_phrases
    assert ("bài", "viết") in phrases and all(len(p) == 2 for p in phrases)


@pytest.mark.parametrize("typed, corrected", [
    ("nhữg nuớc nào", "những nước nào"),  # a letter left out of a common word; a horn left off ("nuớc")
    ("Tỉnh Đồg Nai", "Tỉnh Đồng Nai"),  # the pair "Đồng Nai" says so
    ("cơn bão lớn", "cơn bão lớn"),  # "báo" has another tone: a word the passages do not write stays as typed
    ("Cục Văn hóa", "Cục Văn hóa"),  # "cực" is the one form of "cuc" written, but "uc" is a written rhyme ("thúc")
])
def test_a_letter_or_a_hat_left_out_is_put_back_from_the_passages(typed, corrected):
    df = {"những": 40, "nhung": 40, "nước": 30, "nuoc": 30, "nào": 5, "nao": 5, "đồng": 9, "dong": 9, "nai": 9,
          "đồng_nai": 9, "dong_nai": 9, "tỉnh": 20, "tinh": 20, "báo": 4, "bao": 4, "lớn": 3, "lon": 3, "cực": 6, "cuc": 6, "thúc": 2, "thuc": 2, "văn": 5, "van": 5,
          "hóa": 5, "hoa": 5}
    restorer = DiacriticRestorer.from_vocab(df, frozenset({"những", "nào"}))
    assert restorer.correct(typed) == corrected
