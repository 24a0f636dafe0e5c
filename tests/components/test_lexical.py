from pathlib import Path

from vntext.analyzer import Analyzer
from components.lexical import LexicalIndex
from core.types import Chunk

SENTENCES = [
    "Chỉ thị số 38-CT/TW về quản lý đoàn đi công tác nước ngoài.",
    "Nghị quyết 22-NQ/TW ngày 10/4/2013 của Bộ Chính trị về hội nhập quốc tế.",
    "Tỉnh Đồng Nai có 10 hội hữu nghị thành viên.",
    "An Giang ký biên bản ghi nhớ với tỉnh Champasak của Lào.",
]


def _chunks() -> list[Chunk]:
    return [Chunk(f"c{i}", f"d{i}", f"s{i}.txt", t, 0, len(t), 0) for i, t in enumerate(SENTENCES)]


def _index() -> LexicalIndex:
    return LexicalIndex.build(_chunks(), Analyzer().passage, "fp")


def ids(index, results):
    return [index.chunks[r.index].chunk_id for r in results]


def test_exact_ids_for_plain_terms():
    index = _index()
    analyzer = Analyzer()
    assert ids(index, index.search(analyzer.query("hội hữu nghị Đồng Nai"), 4)) == ["c2", "c1"]  # c1 holds "hội" (hội nhập)
    assert ids(index, index.search(analyzer.query("Champasak"), 4)) == ["c3"]


def test_folded_query_finds_diacritics():
    index = _index()
    assert ids(index, index.search(Analyzer().query("dong nai hoi huu nghi"), 4)) == ["c2", "c1"]


def test_document_number_in_any_spelling():
    index, analyzer = _index(), Analyzer()
    for q in ["38-CT/TW", "38 - CT / TW", "số 38-CT/TW", "Chỉ thị 38", "chi thi 38"]:
        assert ids(index, index.search(analyzer.query(q), 1)) == ["c0"], q


def test_filter_mask_and_unknown_terms():
    import numpy as np

    index = _index()
    assert index.search(["khôngcó"], 4) == []
    mask = np.array([False, True, True, True])
    assert "c0" not in ids(index, index.search(Analyzer().query("38-CT/TW quản lý đoàn"), 4, allowed=mask))


def test_save_load_roundtrip_and_corrupt_file(tmp_path: Path):
    index = _index()
    path = tmp_path / "lexical.pkl"
    index.save(path)
    again = LexicalIndex.load(path)
    assert again is not None and again.fingerprint == "fp" and again.vocab == index.vocab
    path.write_bytes(b"not a pickle")
    assert LexicalIndex.load(path) is None
    assert LexicalIndex.load(tmp_path / "missing.pkl") is None


def test_a_passage_is_found_by_its_documents_title_and_province():
    """BM25 indexes each chunk under its document's context: a passage that says only "trên địa bàn tỉnh" is found by
    a question naming the province, or a word of the title, and the context is added once, not repeated."""
    text = "Đến hết năm 2012, trên địa bàn tỉnh có 22 dự án ODA được triển khai."
    chunks = [Chunk("c0", "d0", "s0.txt", text, 0, len(text), 0, title="Công tác đối ngoại", locality="Lạng Sơn"),
              Chunk("c1", "d1", "s1.txt", SENTENCES[2], 0, len(SENTENCES[2]), 0, locality="Đồng Nai")]
    index, analyzer = LexicalIndex.build(chunks, Analyzer().passage, "fp"), Analyzer()
    assert ids(index, index.search(analyzer.query("tỉnh Lạng Sơn"), 4)) == ["c0", "c1"]  # c1: "Tỉnh"
    assert ids(index, index.search(analyzer.query("đối ngoại"), 4)) == ["c0"]
    assert chunks[0].in_context(locality=True) == f"Công tác đối ngoại — Lạng Sơn\n{text}"
    assert chunks[0].in_context() == f"Công tác đối ngoại\n{text}"  # what is embedded: unchanged, cached vectors stay valid
    assert chunks[1].in_context(locality=True) == SENTENCES[2]  # the province is already in the text
