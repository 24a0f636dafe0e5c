"""Office formats through the real pipeline and AnswerService (HashEmbedder, real Chroma, BM25, Tesseract,
LibreOffice): the summary names what was done, a figure only in a table is answered with its row, an OCR'd quote
is marked, and every quote is found verbatim in the text extracted from its file."""
import shutil
from pathlib import Path

import pytest

from answer.contract import answer_to_json
from benchmarks.format_fixtures import make_doc, make_legacy_txt, make_scan, write_docx
from core.di import Container
from ingest.loaders import load_file
from tests.conftest import CORPUS, make_settings
from ui import render
from ui.uploads import check_upload, ingest_uploads

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("tesseract"),
                                 reason="needs LibreOffice and Tesseract (scripts/test.sh installs them)")]
REPORT = ["Báo cáo kết quả công tác đối ngoại năm 2025 của tỉnh Bình Phước",
          "Trong năm, Sở Ngoại vụ đã tham mưu tổ chức các hoạt động đối ngoại theo kế hoạch được phê duyệt."]
TABLE = [["Chỉ tiêu", "Năm 2024", "Năm 2025"], ["Số đoàn ra", "38", "46"], ["Số đoàn vào", "52", "61"],
         ["Số hội nghị quốc tế", "4", "7"]]
SCAN = ("Thông báo về hội nghị hợp tác\nNgày 12/3/2025, tỉnh Bình Phước tổ chức hội nghị xúc tiến đầu tư với đối tác "
        "Hàn Quốc, thu hút 120 doanh nghiệp tham dự và ký kết 9 biên bản ghi nhớ hợp tác.")
LEGACY = ("Kế hoạch hợp tác với tỉnh Attapeu\nỦy ban nhân dân tỉnh Kon Tum thống nhất với tỉnh Attapeu của Lào "
          "về việc trao đổi đoàn công tác hằng năm và hỗ trợ đào tạo 35 lưu học sinh.")


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    docs = tmp_path_factory.mktemp("office")
    for p in CORPUS.glob("*.txt"):
        shutil.copy(p, docs / p.name)
    write_docx(REPORT, docs / "bao_cao_2025.docx", TABLE)
    make_scan(SCAN, docs / "thong_bao_quet.pdf")
    make_legacy_txt(LEGACY, docs / "ke_hoach_tcvn3.txt", "tcvn3")
    make_doc(["Công văn về đoàn ra", "Sở Ngoại vụ đề nghị các sở, ngành báo cáo kết quả quản lý đoàn ra trước ngày 15/12/2025."],
             docs / "cong_van.doc")
    data = tmp_path_factory.mktemp("office_index")
    container = Container(make_settings(data, data / "unused.sqlite", embedder="hash"))
    events = []
    report = container.ingestor(lambda done, total, name: events.append((done, total, name))).run([docs])
    return container, report, events, docs


def test_summary_names_ocr_confidence_encoding_and_conversion(office):
    _, report, events, docs = office
    assert len(report.added) == 9 and not report.skipped
    summary = report.summary()
    assert "thong_bao_quet.pdf: OCR (Tesseract) of 1 of 1 page(s), mean confidence" in summary
    assert "ke_hoach_tcvn3.txt: legacy encoding TCVN3 (ABC) converted to Unicode" in summary
    assert "cong_van.doc: converted from .doc by libreoffice" in summary
    assert any(name.endswith("thong_bao_quet.pdf: OCR page 1/1") for _, _, name in events)


def test_figure_only_in_a_table_is_answered_with_its_row(office):
    container = office[0]
    ans = container.answers.ask("Năm 2025 tỉnh Bình Phước có bao nhiêu đoàn ra?")
    assert not ans.abstained
    assert "Số đoàn ra | Năm 2024: 38 | Năm 2025: 46" in [c.quote for c in ans.citations]


def test_ocr_quote_is_marked_in_citation_contract_and_card(office):
    container = office[0]
    ans = container.answers.ask("Hội nghị xúc tiến đầu tư với đối tác Hàn Quốc thu hút bao nhiêu doanh nghiệp?")
    cited = [c for c in ans.citations if c.source.endswith("thong_bao_quet.pdf")]
    assert cited and all(c.ocr for c in cited) and "120 doanh nghiệp" in cited[0].quote
    assert not any(c.ocr for c in ans.citations if not c.source.endswith(".pdf"))
    js = answer_to_json(ans)
    assert [c["ocr"] for c in js["citations"]] == [c.ocr for c in ans.citations]
    card = render.citation_card(js["citations"][0] | {"ocr": True}, None, {"locality": "", "date": "", "open_hint": "",
                                                                         "ocr": "văn bản quét, nhận dạng tự động"})
    assert "văn bản quét, nhận dạng tự động" in card


def test_legacy_and_doc_answers(office):
    container = office[0]
    ans = container.answers.ask("Kon Tum hỗ trợ đào tạo bao nhiêu lưu học sinh cho tỉnh Attapeu?")
    assert any("35 lưu học sinh" in c.quote for c in ans.citations)


def test_every_chunk_and_quote_is_verbatim_in_the_extracted_text(office):
    container, _, _, docs = office
    store, tools = container.store, container.extractors
    extracted = {}
    for rec in store.documents():
        extracted[rec.source] = load_file(Path(rec.source), 10_000_000, tools).text
        lines = set(extracted[rec.source].split("\n"))
        stored = store.get_text(rec.doc_id)
        assert all(ln.strip() in {x.strip() for x in lines} for ln in stored.split("\n") if ln.strip()), rec.source
    for chunk in store.all_chunks():
        for line in chunk.text.split("\n"):
            assert line.strip() in extracted[chunk.source], chunk.source
    for q in ("Năm 2025 tỉnh Bình Phước có bao nhiêu đoàn ra?", "Thỏa thuận hợp tác với Champasak",
              "Đồng Nai đã ký bao nhiêu thoả thuận quốc tế?", "Sở Ngoại vụ đề nghị báo cáo gì?"):
        for c in container.answers.ask(q).citations:
            assert all(part in extracted[c.source] for part in c.quote.split("\n")), (q, c.quote)


def test_library_upload_accepts_doc(office, tmp_path):
    container, _, _, docs = office
    assert check_upload("Công văn cũ.doc", 1000, 10_000) == "Công_văn_cũ.doc"
    path = make_doc(["Công văn gửi Sở Ngoại vụ", "Đề nghị hoàn thành báo cáo đoàn vào trước ngày 20/12/2025."],
                    tmp_path / "upload.doc")
    saved, rejected, summary = ingest_uploads(container, [str(path)])
    assert not rejected and saved[0].name == "upload.doc"
    assert "converted from .doc by libreoffice" in summary and "added 1" in summary
