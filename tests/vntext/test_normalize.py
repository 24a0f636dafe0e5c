from core.settings import PROMPTS_DIR
import time
import unicodedata
from pathlib import Path

import pytest

from vntext.normalize import fold, normalize, strip_diacritics, unify_tone_marks
from vntext.tokens import load_stopwords, tokenize

ROOT = Path(__file__).resolve().parents[2]
STOPWORDS = PROMPTS_DIR / "vi_stopwords.txt"
CORPUS = ROOT / "corpus"


@pytest.mark.parametrize("old,new", [
    ("hoà bình", "hòa bình"), ("Hoà Bình", "Hòa Bình"), ("HOÀ", "HÒA"), ("thuỷ lợi", "thủy lợi"),
    ("Thuỷ", "Thủy"), ("khoẻ", "khỏe"), ("huỷ bỏ", "hủy bỏ"), ("toạ đàm", "tọa đàm"), ("hoá", "hóa"),
    ("loè", "lòe"), ("Khánh Hoà.", "Khánh Hòa."),
])
def test_normalize_moves_old_style_tone_marks(old, new):
    assert normalize(old) == new


@pytest.mark.parametrize("word", ["quý", "Quỳnh", "quỹ", "hoàng", "toán", "khuyến", "thuở", "của", "quả", "thuế", "hòa"])
def test_normalize_leaves_words_that_are_already_right(word):
    assert normalize(word) == word


def test_normalize_composes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Đồng Nai hoà bình")
    assert normalize(decomposed) == "Đồng Nai hòa bình"
    assert unicodedata.is_normalized("NFC", normalize(decomposed))


def test_normalize_whitespace():
    raw = "a\u00a0b\u200bc\r\nd\re\u2028f\ufeffg\u202fh\n\nk"
    assert normalize(raw) == "a bc\nd\ne\nfg h\n\nk"


def test_normalize_is_idempotent_on_corpus():
    for path in sorted(CORPUS.glob("*.txt")):
        once = normalize(path.read_text(encoding="utf-8"))
        assert normalize(once) == once, path.name


def test_unify_is_the_tone_part_only():
    assert unify_tone_marks("Thuỷ  hoà\u00a0") == "Thủy  hòa\u00a0"


def test_fold():
    assert fold("Chỉ thị") == "chi thi"
    assert fold("Đồng Nai") == "dong nai"
    assert fold("ĐẮK NÔNG, Ưu tiên") == "dak nong, uu tien"
    assert strip_diacritics("Đồng Nai") == "Dong Nai"


def test_tokenize_unigrams_folded_and_bigrams():
    assert tokenize("Hội nhập quốc tế.") == [
        "hội", "hoi", "nhập", "nhap", "hội_nhập", "hoi_nhap",
        "quốc", "quoc", "nhập_quốc", "nhap_quoc", "tế", "te", "quốc_tế", "quoc_te",
    ]


def test_tokenize_ascii_tokens_are_not_duplicated_and_punctuation_breaks_bigrams():
    assert tokenize("ASEAN, FDI 2016") == ["asean", "fdi", "2016", "fdi_2016"]


def test_tokenize_drops_stopword_unigrams_but_keeps_bigrams():
    stop = load_stopwords(STOPWORDS)
    assert "của" in stop and "và" in stop and "#" not in "".join(stop)
    toks = tokenize("công tác của tỉnh", stop)
    assert "của" not in toks and "cua" not in toks
    assert "tác_của" in toks and "của_tỉnh" in toks and "cua_tinh" in toks
    assert "tỉnh" in toks and "tinh" in toks


def test_load_stopwords_skips_comments_and_blank_lines(tmp_path):
    f = tmp_path / "stop.txt"
    f.write_text("# a comment\n\nVà\nthì \n", encoding="utf-8")
    assert load_stopwords(f) == frozenset({"và", "thì"})


def test_tokenize_is_fast():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    text = normalize(text) * 20  # ~1 MB
    t = time.perf_counter()
    toks = tokenize(text, load_stopwords(STOPWORDS))
    assert time.perf_counter() - t < 5.0
    assert len(toks) > 100_000


def test_stored_form_keeps_characters_and_match_form_keeps_offsets():
    from vntext.codes import find_codes
    from vntext.normalize import match_form, source_text
    from vntext.tokens import tokenize

    raw = "Thoả thuận\u00a0hoà bình\r\ntheo Chỉ thị\u00a0số 38-CT/TW của Uỷ ban"
    stored = source_text(raw)
    assert stored == "Thoả thuận\u00a0hoà bình\ntheo Chỉ thị\u00a0số 38-CT/TW của Uỷ ban"
    assert len(match_form(stored)) == len(stored) and match_form(stored).startswith("Thỏa thuận hòa bình")
    assert set(tokenize("thoả thuận hoà bình")) == set(tokenize("thỏa thuận hòa bình"))
    (code,) = find_codes(stored)
    assert code.code == "38-CT/TW" and stored[code.mention_start:code.end] == "Chỉ thị\u00a0số 38-CT/TW"
