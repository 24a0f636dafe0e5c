"""Whether the documents mention a matter (answer/mention.py): "... có đề cập đến X không?" opens with "Có" when the
quoted sentence holds X's words; a claim to check gets no verdict."""
import pytest

from answer.mention import asked_about, mentioned_matter, says_so, unwritten
from tests.answer.passages import frame, parts

LINE = "Triển khai công tác thanh tra chuyên ngành ngoại giao theo quy định."


@pytest.mark.parametrize("question, matter", [
    ("Kế hoạch của Kon Tum có giao việc thanh tra chuyên ngành ngoại giao không?", "thanh tra chuyen nganh ngoai giao"),
    ("Ke hoach cua Kon Tum co de cap den thanh tra chuyen nganh ngoai giao khong?", "thanh tra chuyen nganh ngoai giao"),
    ("Kế hoạch có nhắc đến biến đổi khí hậu hay không?", "bien doi khi hau"),
])
def test_the_matter_a_question_asks_the_documents_to_mention(question, matter):
    assert mentioned_matter(frame(question)) == matter


@pytest.mark.parametrize("question", [
    "Có phải Lạng Sơn ký thỏa thuận với VECO không?",  # a claim to check
    "Đồng Nai đã ký 39 thỏa thuận quốc tế cấp tỉnh, đúng không?",
    "Does the plan mention consular work?",  # English: not read here
    "Kon Tum có bao nhiêu dự án ODA?",
])
def test_claims_and_other_questions_ask_no_mention(question):
    assert mentioned_matter(frame(question)) is None


def test_the_quote_must_hold_the_matters_words():
    analyzer = parts().analyzer
    assert says_so("thanh tra chuyen nganh ngoai giao", LINE, analyzer, 0.8)
    # two of three: cooperation with Korea is said, on education it is not
    assert not says_so("hop tac voi Han Quoc ve giao duc", "Ký biên bản hợp tác đầu tư với doanh nghiệp Hàn Quốc.",
                       analyzer, 0.8)


def test_a_mention_answer_opens_with_yes(fast_container):
    a = fast_container.answers.ask("Trong kế hoạch đối ngoại của Kon Tum, phần công tác lãnh sự có giao việc thanh "
                                   "tra chuyên ngành ngoại giao không?")
    assert not a.abstained and a.answer.startswith("**Có** [1]") and "thanh tra chuyên ngành ngoại giao" in a.citations[0].quote


@pytest.mark.parametrize("question, matter", [
    ("Kế hoạch đối ngoại của Kon Tum đề ra những nhiệm vụ gì về ứng phó với biến đổi khí hậu?",
     "ứng phó với biến đổi khí hậu"),
    ("Tỉnh có quy định gì liên quan đến hộ chiếu công vụ không?", "hộ chiếu công vụ"),
    ("Đồng Nai có bao nhiêu hội hữu nghị?", None),
    ("What does the plan say about climate change?", None),  # English: its matter is read by the glossary, not here
])
def test_the_matter_a_question_asks_about(question, matter):
    assert asked_about(frame(question)) == matter


def test_a_matter_the_index_never_writes_is_unwritten():
    analyzer = parts().analyzer
    vocab = set(analyzer.passage("Làm tốt công tác lãnh sự và người Việt Nam ở nước ngoài."))
    assert unwritten("ứng phó với biến đổi khí hậu", analyzer, vocab)
    assert not unwritten("công tác lãnh sự", analyzer, vocab)


def test_a_question_about_a_matter_no_passage_writes_is_refused_naming_it(fast_container):
    a = fast_container.answers.ask("Kế hoạch của Kon Tum giao những nhiệm vụ gì về ứng phó với biến đổi khí hậu?")
    assert a.abstained and a.reason == "no passage holds ứng phó với biến đổi khí hậu"
    assert "biến đổi khí hậu" in a.answer
