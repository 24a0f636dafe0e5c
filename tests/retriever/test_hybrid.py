"""Hybrid retrieval on the real corpus index: no-diacritics, English, document numbers, filters."""
from __future__ import annotations

import pytest

from core.types import Filters

DONG_NAI = "corpus/004_b98956806c35580f.txt"


def top_texts(container, question, k=5, filters=None):
    return [h.chunk.text for h in container.retriever.retrieve(question, filters, k=k).hits]


def test_no_diacritics_question_finds_the_passage(corpus_container):
    texts = top_texts(corpus_container, "nghi quyet 31/NQ-CP cua chinh phu ban hanh ngay nao", k=3)
    assert any("31/NQ-CP ngày 13/5/2014" in t for t in texts)


def test_folded_place_name_matches(corpus_container):
    hits = corpus_container.retriever.retrieve("dong nai co bao nhieu hoi huu nghi thanh vien", k=3).hits
    assert hits[0].chunk.source == DONG_NAI and hits[0].lexical_rank is not None


def test_english_question_is_answered_from_vietnamese(corpus_container):
    r = corpus_container.retriever.retrieve("Which directives govern outbound delegations?", k=5)
    assert r.frame.lang == "en" and "đoàn ra" in r.frame.expansions
    assert any("38-CT/TW" in h.chunk.text for h in r.hits)


@pytest.mark.parametrize("spelling", ["38-CT/TW", "38 - CT / TW", "số 38-CT/TW", "Chỉ thị 38", "chi thi 38"])
def test_document_number_in_any_spelling_ranks_its_passages_first(corpus_container, spelling):
    r = corpus_container.retriever.retrieve(f"{spelling} nói về gì?", k=3)
    assert r.code_keys, spelling
    assert "38-CT/TW" in r.hits[0].chunk.text


def test_filters_restrict_both_retrievers(corpus_container):
    r = corpus_container.retriever.retrieve("hội nhập quốc tế", Filters(localities=("Đồng Nai",)), k=10)
    assert r.hits and {h.chunk.locality for h in r.hits} == {"Đồng Nai"}
    r = corpus_container.retriever.retrieve("hội nhập quốc tế", Filters(sources=(DONG_NAI,)), k=10)
    assert {h.chunk.source for h in r.hits} == {DONG_NAI}
    r = corpus_container.retriever.retrieve("hội nhập quốc tế", Filters(date_from="2030-01-01"), k=10)
    assert r.hits == []


def test_scores_are_ranked_and_ranks_recorded(corpus_container):
    hits = corpus_container.retriever.retrieve("Kon Tum tiếp giáp với những nước nào?", k=10).hits
    assert len(hits) == 10
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(h.dense_rank or h.lexical_rank for h in hits)


def test_english_lexical_terms_drop_function_words_and_share_an_expansions_weight(corpus_container):
    r = corpus_container.retriever
    q = "How many ODA projects were being implemented in Lạng Sơn by the end of 2012?"
    weights = r.lexical_terms(r.frames.analyze(q))
    assert not {"how", "were", "in", "the", "by", "in_lạng", "the_end"} & set(weights)
    assert weights["oda"] == 1.0 and weights["lạng_sơn"] == 1.0 and weights["2012"] == 1.0  # the question's own
    assert weights["phát_triển"] == pytest.approx(1 / 6)  # "hỗ trợ phát triển chính thức": one concept, six syllables
    assert weights["dự_án"] == pytest.approx(1 / 2)
    vi = "Chỉ thị nào quy định về quản lý đoàn ra?"
    assert set(r.lexical_terms(r.frames.analyze(vi)).values()) == {1.0}


def test_leftover_chunks_of_an_interrupted_replacement_never_reach_the_answer(tmp_path, corpus_container, embedding_cache):
    import shutil

    from core.di import Container
    from tests.conftest import make_settings

    shutil.copytree(corpus_container.settings.data_dir, tmp_path / "data")
    c = Container(make_settings(tmp_path / "data", embedding_cache))
    q = "An Giang ký biên bản ghi nhớ với tỉnh nào của Lào?"
    best = c.retriever.retrieve(q).hits[0].chunk
    got = c.store._chunks.get(ids=[best.chunk_id], include=["embeddings", "metadatas"])
    meta = {**got["metadatas"][0], "version": "a-version-never-committed"}  # as a killed replacement leaves it
    c.store._chunks.upsert(ids=["leftover:0"], embeddings=[list(got["embeddings"][0])],
                           documents=["Bản nháp chưa ghi xong: An Giang ký biên bản ghi nhớ với tỉnh Champasak."], metadatas=[meta])
    assert "leftover:0" in {ch.chunk_id for ch, _ in c.store.query(c.embedder.embed_query(q), 10)}  # dense finds it
    hits = c.retriever.retrieve(q, k=100).hits  # every fused candidate, not only the top 10
    assert {h.chunk.chunk_id for h in hits} <= {ch.chunk_id for ch in c.store.all_chunks()}
    assert c.store.repair() == 1 and "leftover:0" not in c.store._chunks.get(ids=["leftover:0"])["ids"]
