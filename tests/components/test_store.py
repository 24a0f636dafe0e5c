"""components.store on a real embedded Chroma in a temp folder, vectors from the HashEmbedder: the write order that
makes ingest crash-safe, reads that ignore uncommitted chunks, filters, reset, copy and read-only folders."""
from __future__ import annotations

import pytest

from components import chroma_client
from components.embedder import HashEmbedder
from components.store import ChunkStore, ReadOnlyIndex, where_clause
from core.errors import ModelMismatch
from core.settings import Settings
from core.types import Chunk, Document, DocumentMeta, Filters

EMB = HashEmbedder()
TEXTS = {
    "kontum": ("Kon Tum", "Kon Tum", "2020-05-01", "Tỉnh Kon Tum tiếp giáp với Lào và Campuchia. Đường biên giới dài 280 km."),
    "angiang": ("An Giang", "An Giang", "2019-03-02", "An Giang ký biên bản ghi nhớ với tỉnh Champasak của Lào. Hai bên hợp tác."),
}


def doc(key: str, version: str = "v1", extra_text: str = "") -> tuple[Document, list[Chunk]]:
    title, place, date, text = TEXTS[key]
    text += extra_text
    d = Document(key, f"corpus/{key}.txt", text, DocumentMeta(title, date, place), f"p1:{version}")
    cut = text.index(". ") + 2
    chunks = [Chunk(f"{key}:{version}:{i}", key, d.source, text[s:e], s, e, i, title, place, date)
              for i, (s, e) in enumerate([(0, cut), (cut, len(text))])]
    return d, chunks


def write(store: ChunkStore, key: str, version: str = "v1", extra: dict | None = None, **kw) -> None:
    d, chunks = doc(key, version, **kw)
    store.add_document(d, chunks, EMB.embed_passages([c.text for c in chunks]), extra or {"references": []})


def make(tmp_path, name: str = "data") -> ChunkStore:
    return ChunkStore(Settings(data_dir=tmp_path / name), EMB.name)


def state(store: ChunkStore) -> set[tuple]:
    return {(c.doc_id, c.index, c.text) for c in store.all_chunks()}


def test_write_read_query_and_filters(tmp_path):
    s = make(tmp_path)
    write(s, "kontum")
    write(s, "angiang")
    assert {r.doc_id: r.n_chunks for r in s.documents()} == {"kontum": 2, "angiang": 2}
    assert s.versions() == {"kontum": "p1:v1", "angiang": "p1:v1"} and s.count() == 4
    assert s.get_text("kontum").startswith("Tỉnh Kon Tum") and s.get_text("nope") is None
    hits = s.query(EMB.embed_query("Champasak của Lào"), 2)
    assert hits[0][0].doc_id == "angiang" and hits[0][1] > hits[1][1]
    only = s.query(EMB.embed_query("Lào"), 4, Filters(localities=("Kon Tum",)))
    assert {c.doc_id for c, _ in only} == {"kontum"}
    assert {c.doc_id for c, _ in s.query(EMB.embed_query("Lào"), 4, Filters(date_from="2020-01-01"))} == {"kontum"}
    assert {c.doc_id for c, _ in s.query(EMB.embed_query("Lào"), 4, Filters(date_to="2019-12-31"))} == {"angiang"}


def test_where_clause():
    assert where_clause(None) is None and where_clause(Filters()) is None
    assert where_clause(Filters(sources=("a",))) == {"source": {"$in": ["a"]}}
    assert where_clause(Filters(localities=("X",), date_from="2020-01-02")) == {
        "$and": [{"locality": {"$in": ["X"]}}, {"date_num": {"$gte": 20200102}}]}


def test_a_write_killed_before_its_record_is_invisible_and_repaired(tmp_path):
    s = make(tmp_path)
    write(s, "kontum")
    before = state(s)
    with pytest.raises(TypeError):  # the record cannot be written: as if the process died after the chunks
        write(s, "kontum", "v2", extra={"bad": object()}, extra_text=" Thêm câu mới.")
    assert s.count() == 4 and state(s) == before and s.versions() == {"kontum": "p1:v1"}  # old version whole
    with pytest.raises(TypeError):
        write(s, "angiang", extra={"bad": object()})  # a new document: its chunks without a record
    assert {r.doc_id for r in s.documents()} == {"kontum"} and state(s) == before
    assert s.repair() == 2 and s.count() == 2 and state(s) == before


def test_replace_then_delete(tmp_path):
    s = make(tmp_path)
    write(s, "kontum")
    write(s, "kontum", "v2", extra_text=" Câu bổ sung.")
    assert s.versions() == {"kontum": "p1:v2"} and s.count() == 2  # the old chunks went after the new record
    assert all("v2" in c.chunk_id for c in s.all_chunks())
    s.delete_document("kontum")
    assert s.documents() == [] and s.count() == 0


def test_fingerprint_reset_and_model_mismatch(tmp_path):
    s = make(tmp_path)
    assert s.fingerprint() == ""
    write(s, "kontum")
    s.set_fingerprint("abc")
    assert s.fingerprint() == "abc"
    s.reset()
    assert s.documents() == [] and s.count() == 0 and s.fingerprint() == ""
    write(s, "angiang")
    assert s.versions() == {"angiang": "p1:v1"}
    with pytest.raises(ModelMismatch, match="--rebuild"):
        ChunkStore(Settings(data_dir=tmp_path / "data"), "another/model")


def test_copy_to_takes_committed_documents_whole(tmp_path):
    s = make(tmp_path)
    write(s, "kontum")
    write(s, "angiang")
    s.set_fingerprint("fp1")
    with pytest.raises(TypeError):
        write(s, "kontum", "v2", extra={"bad": object()}, extra_text=" Không hoàn tất.")  # leftovers of a killed write
    dst = make(tmp_path, "copy")
    write(dst, "angiang", "old")  # emptied first
    assert s.copy_to(dst) == (2, 4)
    assert state(dst) == state(s) and dst.versions() == s.versions() and dst.fingerprint() == "fp1"
    assert dst.count() == 4 and s.count() == 6  # the copy has no leftovers; the source is untouched
    hit = dst.query(EMB.embed_query("Champasak"), 1)[0][0]
    assert hit.doc_id == "angiang"  # vectors came along


def test_a_read_only_index_is_served_from_a_private_copy(tmp_path, monkeypatch):
    s = make(tmp_path)
    write(s, "kontum")
    s.close()
    monkeypatch.setattr(chroma_client, "index_writable", lambda path: False)  # as a folder this user cannot write
    ro = make(tmp_path)
    assert ro.read_only == tmp_path / "data" and {r.doc_id for r in ro.documents()} == {"kontum"}
    assert ro.query(EMB.embed_query("Kon Tum Lào"), 1)[0][0].doc_id == "kontum"
    for write_op in (lambda: write(ro, "angiang"), lambda: ro.delete_document("kontum"), ro.repair, ro.reset,
                     lambda: ro.set_fingerprint("x")):
        with pytest.raises(ReadOnlyIndex, match="read-only"):
            write_op()
