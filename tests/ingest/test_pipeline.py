"""The incremental pipeline on real files, the real embedder and a real Chroma store."""
from __future__ import annotations

import zipfile

import pytest

from core.di import Container
from core.errors import ModelMismatch
from tests.conftest import make_settings


def _container(tmp_path, cache, **kw) -> Container:
    return Container(make_settings(tmp_path / "data", cache, **kw))


def test_offsets_hold_for_every_stored_chunk(corpus_container):
    store = corpus_container.store
    texts = {r.doc_id: store.get_text(r.doc_id) for r in store.documents()}
    chunks = list(store.all_chunks())
    assert len(chunks) == sum(r.n_chunks for r in store.documents()) > 40
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    for c in chunks:
        assert texts[c.doc_id][c.start:c.end] == c.text


def test_metadata_is_stored(corpus_container):
    by_source = {r.source: r for r in corpus_container.store.documents()}
    rec = by_source["corpus/000_e258e916e77a1e33.txt"]
    assert rec.meta.date == "2014-07-09" and rec.meta.locality == "Đăk Nông"
    assert rec.extra["references"] and rec.content_hash.endswith(rec.content_hash[-64:])


def test_rerun_is_incremental_and_tracks_changes(tmp_path, corpus_copy, embedding_cache):
    c = _container(tmp_path, embedding_cache)
    first = c.ingestor().run([corpus_copy])
    assert len(first.added) == 5 and first.chunks > 40
    again = c.ingestor().run([corpus_copy])
    assert len(again.unchanged) == 5 and again.chunks == 0 and not again.added
    victim, edited = sorted(corpus_copy.glob("*.txt"))[:2]
    victim.unlink()
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nĐoạn mới về hợp tác quốc tế của tỉnh.", encoding="utf-8")
    third = c.ingestor().run([corpus_copy])
    assert [s.split("/")[-1] for s in third.removed] == [victim.name]
    assert [s.split("/")[-1] for s in third.updated] == [edited.name]
    assert len(third.unchanged) == 3
    sources = {r.source.split("/")[-1] for r in c.store.documents()}
    assert victim.name not in sources and edited.name in sources
    assert {ch.doc_id for ch in c.store.all_chunks()} == {r.doc_id for r in c.store.documents()}
    lexical = c.retriever.lexical.get()
    assert any("Đoạn mới về hợp tác" in ch.text for ch in lexical.chunks)


def test_bad_files_are_skipped_and_named(tmp_path, embedding_cache):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("Tỉnh Đồng Nai ký kết 27 bản thỏa thuận quốc tế với các đối tác nước ngoài.", encoding="utf-8")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (docs / "fake.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (docs / "archive.zip").write_bytes(b"PK")
    with zipfile.ZipFile(docs / "bad.docx", "w") as z:
        z.writestr("nothing.txt", "no document.xml here")
    (docs / "big.txt").write_text("a" * 2_000_000, encoding="utf-8")
    c = _container(tmp_path, embedding_cache, max_file_mb=1)
    report = c.ingestor().run([docs])
    skipped = {p.split("/")[-1]: why for p, why in report.skipped}
    assert set(skipped) == {"empty.txt", "binary.txt", "fake.pdf", "archive.zip", "bad.docx", "big.txt"}
    assert "unsupported" in skipped["archive.zip"] and "limit" in skipped["big.txt"]
    assert [s.split("/")[-1] for s in report.added] == ["good.txt"]
    summary = report.summary()
    assert all(f"{name}: {why}" in summary for name, why in skipped.items())


def test_missing_path_is_reported(tmp_path, embedding_cache):
    report = _container(tmp_path, embedding_cache).ingestor().run([tmp_path / "nope"])
    assert report.skipped == [(str(tmp_path / "nope"), "no such file or folder")]


def test_opening_with_another_model_is_refused(tmp_path, corpus_copy, embedding_cache):
    c = _container(tmp_path, embedding_cache)
    c.ingestor().run([sorted(corpus_copy.glob("*.txt"))[0]])
    other = _container(tmp_path, embedding_cache, embedder="sentence-transformers", embedding_model="some/other-model")
    with pytest.raises(ModelMismatch, match="--rebuild"):
        other.store
