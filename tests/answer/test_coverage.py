"""How much of a question the passages cover (answer/coverage.py): its concept groups and their weights, coverage
and bigram coverage, with exact values on hand-made passages."""
import pytest

from core.types import IndexStats
from tests.answer.passages import frame, parts, uniform_stats

PASSAGE = "Đăk Nông có 2 cửa khẩu chính với Campuchia là Bu Prăng và Đăk Perr."


@pytest.fixture(scope="module")
def judge():
    return parts().coverage


def groups(judge, question, stats=None):
    return [(g.label, g.weight) for g in judge.groups(frame(question), stats or uniform_stats())]


def test_vietnamese_groups_are_content_syllables_weighted_by_idf(judge):
    stats = IndexStats({"đăk": 2.0, "nông": 2.5, "khẩu": 3.0, "chính": 1.5, "cửa": 2.0, "mấy": 4.0}, 9.0, {}, set(), 10)
    assert groups(judge, "Đăk Nông có mấy cửa khẩu chính?", stats) == [
        ("đăk", 2.0), ("nông", 2.5), ("mấy", 4.0), ("cửa", 2.0), ("khẩu", 3.0), ("chính", 1.5)]
    # a syllable the index never saw weighs the most
    assert groups(judge, "Đăk Nông có mấy cửa khẩu phụ?", stats)[-1] == ("phụ", 9.0)


@pytest.mark.parametrize("word", ["cửa", "thị", "Bỉ", "tư"])
def test_a_syllable_is_not_taken_for_the_stopword_it_folds_to(judge, word):
    """"cửa" folds to "cua" like the stopword "của", "thị" to "thi" like "thì", "Bỉ" to "bi" like "bị", "tư" to
    "tu" like "từ": before the fix these content syllables weighed nothing in the question's coverage."""
    labels = [label for label, _ in groups(judge, f"Đăk Nông có {word} gì?")]
    assert word.lower() in labels


def test_a_question_without_diacritics_counts_each_syllable_once(judge):
    assert groups(judge, "dak nong co may cua khau chinh") == [
        ("dak", 1.0), ("nong", 1.0), ("may", 1.0), ("khau", 1.0), ("chinh", 1.0)]  # "co", "cua": stopwords folded


def test_filler_weighs_nothing(judge):
    bare = groups(judge, "Đăk Nông có mấy cửa khẩu chính?")
    assert groups(judge, "Chào anh chị, tôi là cán bộ Sở Ngoại vụ, cho tôi hỏi Đăk Nông có mấy cửa khẩu chính ạ?") == bare


def test_english_groups_glossary_terms_names_and_unknown_words(judge):
    got = judge.groups(frame("How many border gates does Dak Nong have with its neighbour?"), uniform_stats())
    t = parts().tuning
    assert [(g.label, g.weight) for g in got] == [
        ("border gate", 1.0), ("Dak", 1.0), ("Nong", 1.0), ("neighbour", t.unknown_en_weight)]
    gate = got[0]
    assert frozenset({"cửa", "khẩu", "cua", "khau"}) in gate.alternatives  # any Vietnamese rendering covers it


def test_coverage_is_the_weighted_share_of_groups_held(judge):
    stats = IndexStats({"đăk": 2.0, "nông": 2.0, "khẩu": 3.0, "chính": 1.0, "cửa": 2.0, "mấy": 4.0}, 9.0, {}, set(), 10)
    g = judge.groups(frame("Đăk Nông có mấy cửa khẩu chính?"), stats)
    assert judge.coverage(g, [PASSAGE]) == pytest.approx((2 + 2 + 2 + 3 + 1) / 14)  # all but "mấy"
    assert judge.coverage(g, ["Đăk Nông có diện tích 6.513 km2."]) == pytest.approx(4 / 14)
    assert judge.coverage(g, ["Đăk Nông có diện tích.", "Tỉnh có 2 cửa khẩu chính."]) == pytest.approx(10 / 14)
    assert judge.coverage([], [PASSAGE]) == 1.0  # nothing to cover


def test_an_english_question_is_covered_by_the_vietnamese_renderings(judge):
    g = judge.groups(frame("How many border gates does Dak Nong have with its neighbour?"), uniform_stats())
    total = 3 + parts().tuning.unknown_en_weight
    assert judge.coverage(g, [PASSAGE]) == pytest.approx(3 / total)  # "neighbour" is not in a Vietnamese passage


def test_bigram_coverage_and_the_rarest_missing_word(judge):
    f = frame("Đăk Nông có bao nhiêu cửa khẩu chính?")
    stats = IndexStats({"dak_nong": 2.0, "cua_khau": 4.0, "khau_chinh": 6.0}, 8.0, {}, set(), 10)
    share, missing = judge.bigram_coverage(f, stats, [PASSAGE])
    assert (share, missing) == (pytest.approx(1.0), 0.0)
    share, missing = judge.bigram_coverage(f, stats, ["Đăk Nông có cửa khẩu Bu Prăng."])
    assert share == pytest.approx(6 / 12) and missing == pytest.approx(6 / 8)  # "khẩu chính" is missing


def test_bigram_coverage_of_an_english_question_reads_its_glossary_renderings(judge):
    f = frame("Which directives govern outbound delegations?")
    assert "chỉ thị" in f.expansions
    share, _ = judge.bigram_coverage(f, uniform_stats(), ["Chỉ thị số 38-CT/TW về quản lý đoàn đi công tác nước ngoài."])
    none, _ = judge.bigram_coverage(f, uniform_stats(), ["Tỉnh có 2 cửa khẩu chính."])
    assert share > 0 and none == 0.0
