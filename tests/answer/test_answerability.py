"""Answerability (answer/answerability.py): the rules for what the question names, and the fitted model, on hand-made
passages and a hand-made model; the fitted file's shape."""
import math
from dataclasses import replace

import pytest

from answer.answerability import ANY_EMBEDDER, DENSE, FEATURES, MODEL_PATH, Answerability, Model
from core.types import IndexStats, Retrieval
from tests.answer.passages import Doc, frame, hits_of, parts, retrieval, uniform_stats

ODA = Doc("Trên địa bàn tỉnh hiện có 22 dự án ODA đang được triển khai với tổng vốn trên 700 tỷ đồng.", locality="Kon Tum")
AREA = Doc("Diện tích tự nhiên của tỉnh là 6.513 km2, phía Tây giáp Campuchia.", locality="Đăk Nông")


def model(weight: float = 4.0, threshold: float = 0.5) -> Model:
    """One signal: the share of the question the top passages cover, centred on 0.5."""
    return Model(("coverage",), (0.5,), (0.1,), (weight,), 0.0, threshold, {"made_by": "test"})


def judge_of(question, docs, m: Model | None = None, stats: IndexStats | None = None):
    p = parts()
    r = retrieval(question, docs)
    stats = stats or uniform_stats(len(docs))
    comp = p.composer.compose(r, stats)
    judge = Answerability(p.coverage, m or model(), p.tuning.coverage_passages, frozenset(u.vi for u in p.lexicon.units))
    return judge.judge(r.frame, r, comp, stats)


def test_probability_is_the_logistic_of_the_standardised_signals():
    m = Model(("coverage", "en"), (0.5, 0.0), (0.1, 1.0), (2.0, -1.0), 0.5, 0.3, {})
    assert m.probability({"coverage": 0.6, "en": 1.0}) == pytest.approx(1 / (1 + math.exp(-(0.5 + 2.0 - 1.0))))
    assert m.probability({}) == pytest.approx(1 / (1 + math.exp(-(0.5 - 10.0))))  # a missing signal counts as 0
    assert m.probability({"coverage": 1e9}) == pytest.approx(1.0)  # clipped, no overflow


def test_model_file_round_trip_and_validation():
    m = model()
    assert Model.from_json(m.to_json()) == m
    bad = m.to_json() | {"weights": [1.0, 2.0]}
    with pytest.raises(ValueError, match="differ in length"):
        Model.from_json(bad)


def test_fitted_file_has_a_model_per_embedder_and_one_for_any():
    import json

    models = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["models"]
    assert ANY_EMBEDDER in models
    for data in models.values():
        m = Model.from_json(data)
        assert set(m.features) <= set(FEATURES) and 0 < m.threshold < 1
    assert Model.load(embedder="an-embedder-never-fitted") == Model.from_json(models[ANY_EMBEDDER])


def test_the_model_for_any_embedder_uses_no_dense_signal():
    m = Model.load(embedder="hash/fold-bigrams-384")
    assert all(w == 0 for f, w in zip(m.features, m.weights) if f in DENSE)


def test_nothing_retrieved_is_a_refusal():
    p = parts()
    f = frame("Kon Tum có bao nhiêu dự án ODA?")
    r = Retrieval(f, [], [], [])
    judge = Answerability(p.coverage, model(), 3, frozenset())
    v = judge.judge(f, r, p.composer.compose(r, uniform_stats()), uniform_stats())
    assert v.abstain and v.reason == "nothing retrieved"


def test_a_document_number_no_passage_holds_is_a_refusal():
    v = judge_of("Chỉ thị 99-CT/TW quy định bao nhiêu dự án ODA?", [ODA])
    assert v.abstain and v.reason == "no passage holds code:99-ct/tw"
    held = IndexStats({}, 1.0, {"code:99-ct/tw": 3}, set(), 1)
    assert judge_of("Chỉ thị 99-CT/TW quy định bao nhiêu dự án ODA?", [ODA], stats=held).reason != v.reason


def test_a_constraint_no_sentence_meets_is_a_refusal_naming_it():
    v = judge_of("Tỉnh Gia Lai đang triển khai mấy dự án ODA?", [ODA])
    assert v.abstain and v.reason == "no sentence meets place Gia Lai" and v.missing == "Gia Lai"


def test_a_claim_to_check_is_not_refused_for_what_it_names():
    v = judge_of("Tỉnh Gia Lai có 22 dự án ODA đang triển khai, đúng hay sai?", [ODA], model(threshold=0.0))
    assert not v.abstain


def test_a_measure_in_the_asked_unit_must_be_stated():
    v = judge_of("Đường biên giới của Đăk Nông với Campuchia dài bao nhiêu km?", [AREA])
    assert v.abstain and v.reason == "no quantity in km is stated" and v.missing == "quantity"
    # a count of things may be given by listing them: its absence is left to the model
    v = judge_of("Đăk Nông có bao nhiêu cửa khẩu chính?", [AREA], model(threshold=0.0))
    assert not v.abstain


INDUSTRY = Doc("Đồng Nai hiện có 35 khu công nghiệp, trong đó 31 khu công nghiệp đang hoạt động.", locality="Đồng Nai")
TREATIES = Doc("Từ năm 2008 đến nay, tỉnh Lạng Sơn đã ký kết tổng cộng 7 thỏa thuận quốc tế.", locality="Lạng Sơn")


def _vocab(*texts: str) -> IndexStats:
    toks = {t: 1 for text in texts for t in parts().analyzer.passage(text)}
    return IndexStats({}, 1.0, toks, set(), len(texts))


def test_a_count_of_a_thing_the_index_names_only_elsewhere_is_refused():
    # the index counts industrial zones for Đồng Nai; the question asks Lạng Sơn's: a near miss, not a paraphrase
    stats = _vocab(INDUSTRY.text, TREATIES.text)
    v = judge_of("Tỉnh Lạng Sơn có bao nhiêu khu công nghiệp?", [TREATIES], model(threshold=0.0), stats)
    assert v.abstain and v.reason == "no quantity in khu công nghiệp is stated"
    # a noun the index never writes may be the question's own word for it: left to the model
    v = judge_of("Tỉnh Lạng Sơn có bao nhiêu văn kiện hợp tác?", [TREATIES], model(threshold=0.0), stats)
    assert not v.abstain
    # "mấy cái" names no thing: a classifier is no counted noun
    v = judge_of("Lạng Sơn ký được mấy cái?", [TREATIES], model(threshold=0.0), stats)
    assert not v.abstain


def test_a_name_in_capitals_no_passage_holds_is_a_refusal_naming_it():
    stats = _vocab(ODA.text)
    v = judge_of("Kon Tum hợp tác với KOICA trong những lĩnh vực nào?", [ODA], model(threshold=0.0), stats)
    assert v.abstain and v.reason == "no passage holds KOICA" and v.missing == "KOICA"
    # names the index holds, the lexicon's abbreviations and a hypothetical's placeholder are not refused for it
    for q in ("Kon Tum có bao nhiêu dự án ODA?", "Công ty ABC ở Kon Tum có bao nhiêu dự án ODA?"):
        assert not judge_of(q, [ODA], model(threshold=0.0), stats).abstain, q
    assert frame("UBND và HĐND tỉnh Kon Tum ký mấy FTA theo Quyết định 99/2025/QĐ-UBND, khóa XII?").acronyms == ()
    assert frame("Which fields does An Giang cooperate with KOICA and USAID on?").acronyms == ("KOICA", "USAID")


def test_a_foreign_name_no_passage_holds_is_a_refusal_naming_it():
    docs = [Doc("Đăk Nông phối hợp với lực lượng chức năng phía Mondulkiri, Campuchia.", locality="Đăk Nông"),
            Doc("Lạng Sơn đã ký 5 thỏa thuận với Quảng Tây (Trung Quốc).", locality="Lạng Sơn"),
            Doc("An Giang giữ quan hệ hữu nghị với tỉnh Ta Keo.", locality="An Giang")]
    stats = _vocab(*(d.text for d in docs))
    # a capitalised word that is no Vietnamese syllable and no table knows is a name the index must hold
    assert frame("Does Dak Nong do the same with Attapeu in Laos?").acronyms == ("Attapeu",)
    v = judge_of("Does Dak Nong do the same with Attapeu in Laos?", docs[:1], model(threshold=0.0), stats)
    assert v.abstain and v.reason == "no passage holds Attapeu" and v.missing == "Attapeu"
    # held as written, in the glossary's rendering ("Guangxi": "Quảng Tây"), or as two syllables ("Takeo": "Ta Keo")
    for q, doc in (("Đăk Nông phối hợp với Mondulkiri thế nào?", docs[0]),
                   ("How many agreements has Lang Son signed with Guangxi?", docs[1]),
                   ("An Giang có quan hệ với tỉnh Takeo không?", docs[2])):
        assert not judge_of(q, [doc], model(threshold=0.0), stats).abstain, q
    # Vietnamese names ("Cao Huy", "Huu Nghi") and words a table knows ("NGOs", "Organisations") are no foreign name
    for q in ("What position does Cao Huy hold?", "How many NGOs work in Kon Tum?", "Which Organisations help Kon Tum?"):
        assert frame(q).acronyms == (), q


def test_who_heads_a_body_is_its_heads_name_or_a_refusal():
    byline = Doc("Nguồn: Võ Thái Lâm - Sở Ngoại vụ tỉnh Đăk Nông", locality="Đăk Nông")
    # a person named beside the body is not its head: the Giám đốc must be stated
    v = judge_of("Who heads Đăk Nông's provincial Department of Foreign Affairs?", [byline], model(threshold=0.0))
    assert v.abstain and v.reason == "no sentence meets role Giám đốc"
    assert v.missing == "the director of the provincial Department of Foreign Affairs"  # as the refusal names it
    head = Doc("Ông Nguyễn Văn An, Giám đốc Sở Ngoại vụ tỉnh Đăk Nông, đã tiếp đoàn.", locality="Đăk Nông")
    assert not judge_of("Who heads Đăk Nông's provincial Department of Foreign Affairs?", [head], model(threshold=0.0)).abstain


def test_the_date_of_a_named_place_must_be_stated():
    v = judge_of("Đăk Nông được thành lập vào ngày nào?", [AREA])
    assert v.abstain and v.reason == "no date is stated"


def test_an_english_question_is_judged_against_the_english_threshold():
    q = "What is the natural area of Đăk Nông in km2?"
    low = replace(model(weight=0.0), threshold=0.6)  # p = 0.5 for every question
    assert judge_of(q, [AREA], low).abstain
    assert not judge_of(q, [AREA], replace(low, threshold_en=0.4)).abstain
    assert judge_of("Đăk Nông có diện tích tự nhiên bao nhiêu km2?", [AREA], replace(low, threshold_en=0.4)).abstain
    assert Model.from_json(replace(low, threshold_en=0.4).to_json()).threshold_en == 0.4


def test_the_model_decides_the_rest():
    answered = judge_of("Đăk Nông có diện tích tự nhiên bao nhiêu km2?", [AREA])
    assert not answered.abstain and answered.probability > 0.5 and answered.features["coverage"] > 0.5
    weak = judge_of("Đăk Nông có diện tích tự nhiên bao nhiêu km2?", [AREA], model(weight=-4.0))
    assert weak.abstain and weak.reason == f"weak evidence (p={weak.probability:.2f})"


def test_features_of_a_retrieval():
    p = parts()
    hits, _ = hits_of([AREA, ODA])
    f = frame("What is the area of Dak Nong?")
    sims = (0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4)
    r = Retrieval(f, hits, [], retrieval(f, []).query_terms, dense_sims=sims)
    comp = p.composer.compose(r, uniform_stats(2))
    judge = Answerability(p.coverage, model(), 3, frozenset(u.vi for u in p.lexicon.units))
    x = judge.features(f, r, comp, uniform_stats(2))
    assert set(x) == set(FEATURES)
    assert x["en"] == 1.0 and x["typed_missing"] == 0.0 and x["same_document"] == 0.0
    assert x["dense_top"] == 0.9 and x["dense_gap"] == pytest.approx(0.5)
    assert x["dense_z"] == pytest.approx(0.5 / 0.01)  # the tail has no spread
    assert x["agree"] == 0.0  # hand-made hits carry no retriever ranks
    assert x["document_agree"] == 0.0


# a question about a law the index lacks (the Law on Handling Administrative Violations): the drug law holds the
# person it names, the procedure code the measure, neither both
DRUGS = Doc("Người nghiện ma túy từ đủ 18 tuổi trở lên phải cai nghiện ma túy.", title="Luật Phòng, chống ma túy")
COURT = Doc("Biện pháp đưa vào trường giáo dưỡng, cơ sở giáo dục bắt buộc do Tòa án quyết định.", title="Luật Tố tụng hành chính")
BOTH = Doc("Người nghiện ma túy từ đủ 18 tuổi trở lên bị đưa vào cơ sở giáo dục bắt buộc khi tái nghiện.",
           title="Luật Xử lý vi phạm hành chính")
ASKED = "Người nghiện ma túy có bị đưa vào cơ sở giáo dục bắt buộc không?"


def signals_of(docs, hits=None):
    p = parts()
    r = retrieval(ASKED, docs)
    if hits is not None:
        r = Retrieval(r.frame, hits, r.code_keys, r.query_terms)
    stats = uniform_stats(len(docs))
    judge = Answerability(p.coverage, model(), 3, frozenset(u.vi for u in p.lexicon.units))
    return judge.features(r.frame, r, p.composer.compose(r, stats), stats)


def test_words_found_only_across_documents_are_scattered():
    # two-syllable words: người_nghiện | cơ_sở, sở_giáo, giáo_dục, dục_bắt, bắt_buộc (the closing "không" asks,
    # so "buộc_không" is none)
    assert signals_of([DRUGS, COURT])["scattered"] == pytest.approx(6 / 6 - 5 / 6)


def test_words_one_document_holds_together_are_not_scattered():
    assert signals_of([BOTH, COURT])["scattered"] == 0.0
    assert signals_of([DRUGS])["scattered"] == 0.0


def test_document_agree_when_both_retrievers_rank_first_a_passage_of_one_document():
    hits, _ = hits_of([DRUGS, COURT, DRUGS])
    same = [replace(hits[0], dense_rank=1, lexical_rank=3), replace(hits[1], dense_rank=2, lexical_rank=2),
            replace(hits[2], dense_rank=3, lexical_rank=1)]
    hits[2] = replace(hits[2], chunk=replace(hits[2].chunk, doc_id=hits[0].chunk.doc_id))  # two passages of one law
    same[2] = replace(same[2], chunk=hits[2].chunk)
    assert signals_of([DRUGS, COURT], same)["document_agree"] == 1.0
    apart = [replace(same[0], lexical_rank=2), replace(same[1], lexical_rank=1), replace(same[2], lexical_rank=3)]
    assert signals_of([DRUGS, COURT], apart)["document_agree"] == 0.0


def _one_law(n: int = 5, ranks: bool = True):
    """n passages of one document (the drug law), the first ranked first by both retrievers."""
    hits, _ = hits_of([DRUGS] * n)
    doc = hits[0].chunk.doc_id
    return [replace(h, chunk=replace(h.chunk, doc_id=doc), dense_rank=i + 1 if ranks else None,
                    lexical_rank=i + 1 if ranks else None) for i, h in enumerate(hits)]


def test_agree_same_is_one_document_with_both_retrievers_agreeing_on_its_top_passage():
    assert signals_of([DRUGS], _one_law())["agree_same"] == 1.0
    assert signals_of([DRUGS], _one_law(ranks=False))["agree_same"] == 0.0  # no retriever ranked it


def test_lexical_same_is_the_lexical_standing_of_a_top_five_from_one_document():
    p = parts()
    stats = uniform_stats(5)
    scores = (9.0, 5.0) + (2.0, 1.0) * 7
    judge = Answerability(p.coverage, model(), 3, frozenset(u.vi for u in p.lexicon.units))
    r = retrieval(ASKED, [DRUGS])
    for hits, same in ((_one_law(), 1.0), (hits_of([DRUGS, COURT, BOTH])[0], 0.0)):
        rr = Retrieval(r.frame, hits, r.code_keys, r.query_terms, lexical_scores=scores)
        x = judge.features(rr.frame, rr, p.composer.compose(rr, stats), stats)
        assert x["same_document"] == same and x["lexical_z"] > 0
        assert x["lexical_same"] == pytest.approx(x["lexical_z"] * same)


NGO_AID = Doc("Tổng giá trị cam kết tài trợ của các tổ chức phi chính phủ là 8.500.000 USD.", locality="Đồng Nai")


def test_a_figure_of_a_kind_named_by_its_acronym_must_be_of_that_kind():
    # "bao nhiêu vốn ODA": NGO aid is another kind of money; before, 8.500.000 USD answered
    f = frame("Đồng Nai tiếp nhận tổng cộng bao nhiêu vốn ODA?")
    assert [(c.kind.value, c.value) for c in f.constraints][-1] == ("qualifier", "ODA")
    v = judge_of("Đồng Nai tiếp nhận tổng cộng bao nhiêu vốn ODA?", [NGO_AID], model(threshold=0.0))
    assert v.abstain and v.reason == "no sentence meets qualifier ODA" and v.missing == "ODA"
    assert not judge_of("Kon Tum có bao nhiêu dự án ODA?", [ODA], model(threshold=0.0)).abstain
    # met by the glossary's spellings: "dự án có vốn đầu tư nước ngoài" are FDI projects
    fdi = Doc("Đến hết năm 2012, tỉnh có 28 dự án có vốn đầu tư nước ngoài còn hiệu lực.", locality="Lạng Sơn")
    assert not judge_of("Đến năm 2012 Lạng Sơn có bao nhiêu dự án FDI?", [fdi], model(threshold=0.0)).abstain


def test_a_province_of_a_foreign_country_must_be_named():
    festival = Doc("Năm 2016 tỉnh đón đoàn Học viện quân sự hoàng gia Thái Lan đến tham quan.", locality="An Giang")
    v = judge_of("Năm 2016 An Giang ký biên bản ghi nhớ với tỉnh nào của Thái Lan?", [festival], model(threshold=0.0))
    assert v.abstain and v.reason == "no place is stated"


def test_a_document_named_by_its_number_in_a_top_passage_is_no_weak_evidence():
    doc = Doc("Tham mưu triển khai Chỉ thị số 26/CT-TTg, ngày 04/9/2018 của Thủ tướng Chính phủ về đẩy mạnh hội nhập "
              "kinh tế quốc tế theo hướng hiệu lực, hiệu quả hơn.", locality="Kon Tum")
    stats = _vocab(doc.text)
    q = "Chỉ thi 26/CT-TTg cua Thủ tướng ban hàng ngày nào, nôi dung về cái gì?"  # typos the model weighs down
    strict = model(threshold=1.0)  # before: refused as weak evidence (p=0.12 on the bundled corpus)
    assert not judge_of(q, [doc], strict, stats).abstain
    # the same threshold refuses a question naming no number
    assert judge_of("Thủ tướng ban hàng chỉ thị về hội nhập ngày nào?", [doc], strict, stats).abstain
