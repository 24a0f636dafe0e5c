import time
from pathlib import Path

import pytest

from core.types import Span
from ingest.chunking import chunk_text, split_sentences
from ingest.cleaning import clean_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
LAWS = Path("/work/shared/data/alqac/laws")
needs_laws = pytest.mark.skipif(not LAWS.is_dir(), reason="/work/shared/data/alqac/laws is not available")


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_abbreviations_numbers_dates_and_codes_do_not_split():
    text = ("Đồng chí gặp PGS. TS. Nguyễn Văn A và ThS. Lê B tại TP. Hồ Chí Minh. Diện tích là 6.513 km2, vốn "
            "1.000.000 USD. Ngày 09/7/2014 ban hành Chỉ thị 38-CT/TW. Quyết định 01/2014/QĐ-UBND có hiệu lực! Hết?")
    assert sentences(text) == [
        "Đồng chí gặp PGS. TS. Nguyễn Văn A và ThS. Lê B tại TP. Hồ Chí Minh.",
        "Diện tích là 6.513 km2, vốn 1.000.000 USD.",
        "Ngày 09/7/2014 ban hành Chỉ thị 38-CT/TW.",
        "Quyết định 01/2014/QĐ-UBND có hiệu lực!",
        "Hết?",
    ]


def test_more_abbreviations_and_initials():
    assert sentences("Gặp Tp. Hà Nội và St. Petersburg, anh Ngô Th. T và ông L.V. Bình. Xong.") == [
        "Gặp Tp. Hà Nội và St. Petersburg, anh Ngô Th. T và ông L.V. Bình.", "Xong."]


def test_lines_and_list_markers():
    text = "Điều 5. Phạm vi điều chỉnh\n1. Mục một. Câu hai.\na) Điểm a.\n\n  (2) Ý thứ hai./. Kết thúc"
    assert sentences(text) == ["Điều 5. Phạm vi điều chỉnh", "1. Mục một.", "Câu hai.", "a) Điểm a.",
                               "(2) Ý thứ hai./.", "Kết thúc"]


def test_sentence_end_needs_a_capital_or_digit_next():
    assert sentences("Năm 2014. 5 đoàn đến. tiếp tục viết thường") == ["Năm 2014.", "5 đoàn đến. tiếp tục viết thường"]


def test_offsets_are_trimmed():
    text = "  Câu một.   Câu hai.  \n\n"
    assert split_sentences(text) == [(2, 10), (13, 21)]


def test_chunks_pack_sentences_with_one_sentence_overlap():
    sents = [f"Câu số {i} nói về hợp tác quốc tế của tỉnh trong năm nay." for i in range(30)]
    text = " ".join(sents)
    spans = chunk_text(text, 150, 300)
    bounds = split_sentences(text)
    assert len(spans) > 3
    for prev, nxt in zip(spans, spans[1:]):
        last = [b for b in bounds if b[1] == prev.end][0]
        assert nxt.start == last[0]  # the next chunk begins with the previous chunk's last sentence
    assert all(s.end - s.start <= 300 for s in spans)
    assert all(s.end - s.start >= 150 for s in spans[:-1])
    assert spans[0].start == 0 and spans[-1].end == len(text)


def test_legal_headings_are_hard_boundaries_and_name_the_article():
    text = ("Luật Mẫu\n\nChương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về du lịch.\n\n"
            "Điều 2. Đối tượng áp dụng\n1. Cơ quan, tổ chức.\n2. Cá nhân.\n\nChương II\nTÀI NGUYÊN\n\n"
            "Mục 1. Phân loại\nTài nguyên gồm hai loại, được quy định tại Chương này.\n"
            "Điều 3. Tài nguyên\nChương trình du lịch là văn bản.")
    spans = chunk_text(text, 100, 900)
    got = [(text[s.start:s.end], s.heading) for s in spans]
    assert got == [
        ("Luật Mẫu", None),
        ("Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về du lịch.",
         "Điều 1. Phạm vi điều chỉnh"),
        ("Điều 2. Đối tượng áp dụng\n1. Cơ quan, tổ chức.\n2. Cá nhân.", "Điều 2. Đối tượng áp dụng"),
        ("Chương II\nTÀI NGUYÊN\n\nMục 1. Phân loại\nTài nguyên gồm hai loại, được quy định tại Chương này.",
         "Mục 1. Phân loại"),
        ("Điều 3. Tài nguyên\nChương trình du lịch là văn bản.", "Điều 3. Tài nguyên"),
    ]


def test_every_chunk_of_a_long_article_carries_its_heading():
    body = " ".join(f"{i}. Khoản thứ {i} quy định nghĩa vụ của tổ chức, cá nhân có liên quan." for i in range(1, 40))
    text = "Điều 7. Nghĩa vụ\n" + body.replace(" 1", "\n1")
    spans = chunk_text(text, 300, 900)
    assert len(spans) > 2 and {s.heading for s in spans} == {"Điều 7. Nghĩa vụ"}


def test_long_sentence_is_split_at_clause_boundaries():
    clause = "tăng cường hợp tác quốc tế trong lĩnh vực văn hóa và giáo dục"
    text = "; ".join([clause] * 40) + "."
    spans = chunk_text(text, 300, 900)
    assert len(spans) > 1
    for s in spans:
        piece = text[s.start:s.end]
        assert len(piece) <= 900
        assert piece.startswith("tăng cường") and (piece.endswith(";") or piece.endswith("."))


def test_unbreakable_token_is_cut_hard():
    text = "x" * 2000
    assert chunk_text(text, 300, 900) == [Span(0, 900), Span(900, 1800), Span(1800, 2000)]


def test_bad_bounds_and_empty_text():
    with pytest.raises(ValueError, match="min_chars 1000 is larger than max_chars 900"):
        chunk_text("abc", 1000, 900)
    assert chunk_text("  \n\n ") == []


def check_invariants(text: str, spans: list[Span], max_chars: int) -> None:
    assert spans, "no chunks"
    for s in spans:
        chunk = text[s.start:s.end]
        assert chunk and chunk == chunk.strip()
        assert len(chunk) <= max_chars
    covered = set()
    for s in spans:
        covered.update(range(s.start, s.end))
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())  # nothing lost
    assert spans == sorted(spans, key=lambda s: (s.start, s.end))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_corpus_offsets_and_sizes(path):
    text = clean_text(path.read_text(encoding="utf-8"))
    spans = chunk_text(text, 300, 900)
    check_invariants(text, spans, 900)
    assert all(s.heading is None for s in spans)
    # a publisher's contact block is a piece of its own: the article's last chunk before it may be shorter
    contact = [s for s in spans if text[s.start:s.end].split("\n")[0].isupper()]
    assert all(s.end - s.start >= 300 for s in spans[:-1] if not any(c.start == spans[spans.index(s) + 1].start for c in contact))
    assert chunk_text(text, 300, 900) == spans  # deterministic


@needs_laws
def test_alqac_law_offsets_headings_and_speed():
    texts = [p.read_text(encoding="utf-8") for p in sorted(LAWS.glob("*.txt"))]
    t = time.perf_counter()
    all_spans = [chunk_text(x, 300, 900) for x in texts]
    assert time.perf_counter() - t < 2.0
    law = (LAWS / "Luật_Du_lịch.txt").read_text(encoding="utf-8")
    spans = chunk_text(law, 300, 900)
    check_invariants(law, spans, 900)
    assert spans[0].heading is None and law[spans[0].start:spans[0].end] == "Luật Du lịch"
    for s in spans[1:]:
        assert s.heading and s.heading.startswith("Điều ")
        assert law.rfind("\n" + s.heading, 0, s.start + 1) >= 0 or law[s.start:].startswith(s.heading)
    starts = {law[s.start:s.start + 9] for s in spans}
    assert "Điều 1. P" in starts and "Điều 2. Đ" in starts
    assert sum(len(x) for x in all_spans) > 3000


def test_a_publisher_contact_block_is_a_chunk_of_its_own():
    body = " ".join(["Liên hiệp các tổ chức hữu nghị tỉnh đã tổ chức nhiều hoạt động giao lưu nhân dân."] * 6)
    text = (f"{body}\n\nBBT.\n\nLIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ TỈNH ĐỒNG NAI\nĐịa chỉ: Số 129, Hà Huy Giáp, thành phố Biên "
            "Hoà\nĐiện thoại: (02513)843.909")
    spans = chunk_text(text)
    assert text[spans[-2].start:spans[-2].end].endswith("BBT.")  # the article's chunk ends with the article
    assert text[spans[-1].start:spans[-1].end].startswith("LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ TỈNH ĐỒNG NAI\nĐịa chỉ:")
