"""Words that ask for the answer rather than say what it is of (retriever/frame_units.py `asking`, the yes/no
particle in retriever/frame.py): a measure adjective and a hedge before the question word, the asked unit after it,
a yes/no question's closing "không". Passages write the figure in their place, so the evidence check
(answer/coverage.py) does not look for them."""
import pytest

from tests.answer.passages import frame, parts, uniform_stats

PASSAGE = ("Đối với tỉnh Đăk Nông, phía Nam giáp tỉnh Bình Phước, phía Tây giáp Campuchia với 130 km đường biên giới, "
           "có 2 cửa khẩu chính là Bu Prăng và Đăk Perr.")


@pytest.mark.parametrize("question, asking", [
    ("Biên giới Đăk Nông với Campuchia dài khoảng bao nhiêu cây số?", {"dai", "khoang", "cay", "so"}),
    ("Diện tích Đăk Nông rộng bao nhiêu km2?", {"rong", "km2"}),
    ("Thủ tục này mất bao lâu?", {"lau"}),
    ("How long, roughly, is Dak Nong's border with Cambodia?", {"long", "roughly"}),
    ("How many kilometres of border does Dak Nong share with Cambodia?", {"kilometres"}),
    ("Tỉnh Kon Tum có giáp biên giới với cả Lào và Campuchia không?", {"khong"}),
    ("Đồng Nai đã ký thỏa thuận với Nhật Bản chưa ạ?", {"chua"}),
])
def test_the_asking_words_of_a_figure_or_a_yes_no_question(question, asking):
    assert set(frame(question).asking) == asking


@pytest.mark.parametrize("question", [
    "Đăk Nông có mấy cửa khẩu chính?",  # a counted noun is what the figure is of: the passage must name it
    "Lạng Sơn đón bao nhiêu đoàn khách quốc tế?",
    "Ai ký Quyết định 99/2025/QĐ-UBND?",  # no figure asked
])
def test_a_counted_noun_and_other_questions_ask_with_no_such_words(question):
    assert frame(question).asking == ()


def coverage(question: str) -> float:
    judge = parts().coverage
    return judge.coverage(judge.groups(frame(question), uniform_stats()), [PASSAGE])


def test_a_figure_asked_in_other_words_than_the_passage_writes_is_covered():
    # before: "dài", "khoảng", "cây", "số" counted as missing, and the answerable question was refused as weak
    assert coverage("Biên giới Đăk Nông giáp Campuchia dài khoảng bao nhiêu cây số?") == 1.0
    # a word of the topic the passage lacks still counts
    assert coverage("Biên giới Đăk Nông giáp Lào dài khoảng bao nhiêu cây số?") < 1.0


def test_a_yes_no_question_s_closing_particle_is_not_looked_for():
    assert coverage("Đăk Nông có giáp Campuchia không?") == 1.0
