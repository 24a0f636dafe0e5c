"""The LLM modes' claim check (answer/claims.py, answer/llm_mode.py) with LangChain's fake chat models: a sentence
whose figure, date or document number is not in the passage it cites is dropped and the answer says so; through
LLMAnswerer.stream and through AnswerService with an LLM answer mode."""
from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from answer.claims import check_claims, facts_of
from answer.llm_mode import LLMAnswerer
from core.settings import Settings
from core.types import Retrieval
from tests.answer.passages import Doc, frame, hits_of

AREA = Doc("Đối với tỉnh Đăk Nông, phía Tây giáp Campuchia với 130 km đường biên giới, diện tích tự nhiên của tỉnh là "
           "6.513 km2.", locality="Đăk Nông")
DIRECTIVE = Doc("Sau 5 năm thực hiện Chỉ thị số 26-CT/TU ngày 17/3/2008 của BTV Tỉnh ủy, tỉnh đã ký 7 thỏa thuận quốc tế.",
                locality="Lạng Sơn")
DROPPED_VI = "({n} câu trả lời của mô hình đã bị bỏ vì số liệu, ngày hoặc số hiệu văn bản không có trong đoạn được dẫn.)"


def test_facts_of_a_sentence():
    numbers, dates, codes = facts_of("Chỉ thị 26-CT/TU ngày 17/3/2008 nêu 7 thỏa thuận và 6.513 km2 [2].")
    assert numbers == {"7", "6513"} and dates == {"2008-03-17"} and codes == {"26-CT/TU"}  # [2] is no figure
    assert facts_of("Công tác đối ngoại được chú trọng [1].") == (set(), set(), set())


def test_check_claims_keeps_what_the_cited_passage_holds():
    hits, _ = hits_of([AREA, DIRECTIVE])
    text = ("Diện tích tự nhiên của Đăk Nông là 6.513 km2 [1]. Tỉnh ký 7 thỏa thuận quốc tế [1]. "
            "Chỉ thị 26-CT/TU ban hành ngày 17/3/2008 [2]. Tỉnh có 9 cửa khẩu [2]. Công tác đối ngoại được chú trọng.")
    got = check_claims(text, hits)
    assert got.dropped == ["Tỉnh ký 7 thỏa thuận quốc tế [1].", "Tỉnh có 9 cửa khẩu [2]."]
    assert got.text == ("Diện tích tự nhiên của Đăk Nông là 6.513 km2 [1]. Chỉ thị 26-CT/TU ban hành ngày 17/3/2008 [2]. "
                        "Công tác đối ngoại được chú trọng.")


def test_a_figure_citing_nothing_or_a_passage_not_sent_is_dropped():
    hits, _ = hits_of([AREA])
    assert check_claims("Biên giới dài 130 km.", hits).dropped == ["Biên giới dài 130 km."]
    assert check_claims("Biên giới dài 130 km [4].", hits).dropped == ["Biên giới dài 130 km [4]."]
    assert check_claims("Biên giới dài 130 km [1].", hits).dropped == []


def test_a_sentence_citing_two_passages_may_take_its_facts_from_both():
    hits, _ = hits_of([AREA, DIRECTIVE])
    assert check_claims("Đăk Nông rộng 6.513 km2 còn Lạng Sơn ký 7 thỏa thuận [1][2].", hits).dropped == []


def test_list_lines_are_checked_one_by_one():
    hits, _ = hits_of([AREA, DIRECTIVE])
    got = check_claims("Các số liệu:\n- Biên giới 130 km [1]\n- Diện tích 7.000 km2 [1]\n- Chỉ thị 26-CT/TU [2]", hits)
    assert got.text == "Các số liệu:\n- Biên giới 130 km [1]\n- Chỉ thị 26-CT/TU [2]"
    assert got.dropped == ["- Diện tích 7.000 km2 [1]"]


def fake(text: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=text)]))


def stream(text: str, question: str = "Diện tích và biên giới của Đăk Nông thế nào?"):
    settings = Settings()
    hits, _ = hits_of([AREA, DIRECTIVE])
    llm = LLMAnswerer(fake(text), settings.prompts_dir, "fake")
    parts = list(llm.stream(Retrieval(frame(question), hits, [], []), "vi"))
    assert all(isinstance(p, str) for p in parts[:-1])
    return parts[-1]


def test_a_figure_cited_to_the_wrong_passage_is_dropped_and_the_answer_says_so():
    a = stream("Diện tích tự nhiên của tỉnh là 6.513 km2 [2]. Phía Tây giáp Campuchia [1].")
    assert a.answer == "Phía Tây giáp Campuchia [1].\n\n" + DROPPED_VI.format(n=1)
    assert [c.n for c in a.citations] == [1] and "Campuchia" in a.citations[0].quote


def test_an_invented_figure_is_dropped():
    a = stream("Đăk Nông có 130 km đường biên giới [1]. Tỉnh có 4 cửa khẩu quốc tế [1].")
    assert a.answer == "Đăk Nông có 130 km đường biên giới [1].\n\n" + DROPPED_VI.format(n=1)


def test_a_correct_answer_is_kept_whole():
    a = stream("Diện tích tự nhiên là 6.513 km2 [1]; Chỉ thị 26-CT/TU được ban hành ngày 17/3/2008 [2].")
    assert a.answer == "Diện tích tự nhiên là 6.513 km2 [1]; Chỉ thị 26-CT/TU được ban hành ngày 17/3/2008 [2]."
    assert [c.n for c in a.citations] == [1, 2] and "6.513 km2" in a.citations[0].quote


def test_an_invented_date_or_document_number_is_dropped():
    a = stream("Chỉ thị 26-CT/TU được ban hành ngày 20/3/2008 [2]. Tỉnh còn thực hiện Chỉ thị 27-CT/TU [2].")
    assert a.answer == DROPPED_VI.format(n=2) and a.citations == []


# ---- through the use case, built as core/di.py builds it, with the fake model injected


@pytest.fixture()
def llm_service(corpus_container):
    from answer.conversation import ReferenceResolver
    from answer.frames import Frames
    from answer.service import AnswerService

    def build(text_for):
        c = corpus_container
        settings = c.settings.model_copy(update={"answer_mode": "openai", "llm_model": "fake"})
        svc = c.answers
        llm = LLMAnswerer(GenericFakeChatModel(messages=iter([AIMessage(content=text_for)])), settings.prompts_dir,
                          "fake")
        return AnswerService(settings, c.retriever, c.frame_analyzer, svc.composer, svc.answerability,
                             Frames.load(settings.prompts_dir), c.tuning, ReferenceResolver(c.lexicon),
                             regulations=c.regulation_answerer, llm=llm)
    return build


QUESTION = "Diện tích tự nhiên của tỉnh Đăk Nông là bao nhiêu?"


def ranks(corpus_container, needle):
    """1-based ranks of the passages sent to the model that hold `needle`, and of those that do not."""
    hits = corpus_container.retriever.retrieve(QUESTION).hits[:6]
    holds = [n for n, h in enumerate(hits, 1) if needle in h.chunk.text]
    return holds, [n for n in range(1, len(hits) + 1) if n not in holds]


def test_service_in_llm_mode_drops_a_wrongly_cited_figure(corpus_container, llm_service):
    holds, other = ranks(corpus_container, "6.513 km2")
    assert holds and other
    svc = llm_service(f"Diện tích tự nhiên của tỉnh là 6.513 km2 [{other[0]}]. Tỉnh nằm ở Tây Nguyên [{holds[0]}].")
    a = svc.ask(QUESTION)
    assert svc.mode == "LLM (fake)" and a.mode == "LLM (fake)" and not a.abstained
    assert a.answer == "Tỉnh nằm ở Tây Nguyên [1].\n\n" + DROPPED_VI.format(n=1)
    assert len(a.citations) == 1 and a.citations[0].quote == \
        corpus_container.store.get_text(a.citations[0].doc_id)[a.citations[0].start:a.citations[0].end]


def test_service_in_llm_mode_drops_an_invented_figure_and_keeps_a_correct_one(corpus_container, llm_service):
    holds, _ = ranks(corpus_container, "6.513 km2")
    svc = llm_service(f"Diện tích tự nhiên là 6.513 km2 [{holds[0]}]. Dân số của tỉnh là 650.000 người [{holds[0]}].")
    a = svc.ask(QUESTION)
    assert a.answer == "Diện tích tự nhiên là 6.513 km2 [1].\n\n" + DROPPED_VI.format(n=1)
    assert "6.513 km2" in a.citations[0].quote
    kept = llm_service(f"Diện tích tự nhiên là 6.513 km2 [{holds[0]}].").ask(QUESTION)
    assert kept.answer == "Diện tích tự nhiên là 6.513 km2 [1]." and len(kept.citations) == 1
