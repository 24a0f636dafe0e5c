"""The files offices hold, read with the real tools: .doc (LibreOffice, antiword), scanned and mixed PDFs
(Tesseract), legacy encodings in docx/pdf/doc, tables in docx/html/pdf, and quotes found verbatim in the file."""
import io
import shutil

import pytest

from benchmarks.format_fixtures import edit_distance, make_doc, make_scan, soffice_convert, write_docx
from components.converters import AntiwordConverter, MissingConverter, make_doc_converter
from components.ocr import MissingOcr, make_ocr
from core.errors import SkipFile
from core.settings import Settings
from ingest.loaders import Extractors, load_file
from vntext import legacy

MB = 10_000_000
PAGE = ("Báo cáo công tác đối ngoại của tỉnh Đắk Nông năm 2025\n"
        "Trong năm, tỉnh đã đón tiếp 46 đoàn khách quốc tế, ký kết 9 thỏa thuận hợp tác với các địa phương "
        "của Lào và Campuchia, tổ chức thành công hội nghị xúc tiến đầu tư với sự tham gia của 120 doanh nghiệp.\n"
        "Công tác quản lý đoàn ra, đoàn vào được thực hiện đúng quy định của Chỉ thị số 38-CT/TW.")
TABLE = [["Chỉ tiêu", "Năm 2024", "Năm 2025"], ["Số đoàn ra", "38", "46"], ["Số đoàn vào", "52", "61"]]
needs_soffice = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                                   reason="needs LibreOffice (Debian libreoffice-writer-nogui)")
needs_ocr = pytest.mark.skipif(isinstance(make_ocr(Settings()), MissingOcr),
                               reason="needs tesseract-ocr, tesseract-ocr-vie and poppler-utils")


@pytest.fixture(scope="module")
def tools(tmp_path_factory) -> Extractors:
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"))
    return Extractors(make_ocr(settings), make_doc_converter(settings), 120)


@pytest.mark.slow
@needs_soffice
def test_doc_by_libreoffice_keeps_vietnamese_and_tables(tmp_path, tools):
    path = make_doc(PAGE.split("\n"), tmp_path / "bao cao.doc", TABLE)
    got = load_file(path, MB, tools)
    assert got.kind == "doc" and "converted from .doc by libreoffice" in got.notes
    for line in PAGE.split("\n"):
        assert line in got.text.split("\n")
    assert "Số đoàn ra | Năm 2024: 38 | Năm 2025: 46" in got.text.split("\n")


@pytest.mark.slow
@needs_soffice
@pytest.mark.skipif(shutil.which("antiword") is None, reason="needs antiword")
def test_doc_by_antiword(tmp_path):
    path = make_doc(PAGE.split("\n"), tmp_path / "a.doc", TABLE)
    got = load_file(path, MB, Extractors(doc_converter=AntiwordConverter(shutil.which("antiword"))))
    assert "converted from .doc by antiword" in got.notes
    assert PAGE.split("\n")[1] in got.text
    assert "Số đoàn ra | Năm 2024: 38 | Năm 2025: 46" in got.text.split("\n")


def test_missing_converter_skips_the_file_naming_the_package(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    converter = make_doc_converter(Settings())
    assert isinstance(converter, MissingConverter)
    with pytest.raises(SkipFile, match="libreoffice-writer-nogui.*antiword"):
        load_file(path, MB, Extractors(doc_converter=converter))
    assert "tesseract-ocr-vie" in make_ocr(Settings()).reason


def test_doc_that_is_not_a_word_file_is_skipped(tmp_path, tools):
    path = tmp_path / "fake.doc"
    path.write_text("chỉ là văn bản", encoding="utf-8")
    with pytest.raises(SkipFile, match="not a Word 97-2003"):
        load_file(path, MB, tools)


@pytest.mark.slow
@needs_soffice
@needs_ocr
def test_scanned_page_is_read_by_ocr_with_progress(tmp_path, tools):
    path, pages = make_scan(PAGE, tmp_path / "scan.pdf")
    seen = []
    got = load_file(path, MB, tools, lambda done, total: seen.append((done, total)))
    assert pages == 1 and seen == [(1, 1)]
    assert got.ocr_pages == 1 and got.ocr_confidence > 80 and got.ocr_spans == ((0, len(got.text)),)
    ref, hyp = " ".join(PAGE.split()), " ".join(got.text.split())
    assert edit_distance(ref, hyp) / len(ref) <= 0.03  # character error rate on a clean 200 dpi scan


@pytest.mark.slow
@needs_soffice
@needs_ocr
def test_mixed_pdf_uses_the_text_layer_where_there_is_one(tmp_path, tools):
    from pypdf import PdfWriter

    layer_src = tmp_path / "layer.txt"
    layer_src.write_text("Trang có lớp văn bản: Sở Ngoại vụ tỉnh Đồng Nai tiếp 12 đoàn khách quốc tế.", encoding="utf-8")
    layer = soffice_convert(layer_src, "pdf", tmp_path)
    scan, _ = make_scan(PAGE, tmp_path / "scan.pdf")
    writer = PdfWriter()
    writer.append(str(layer))
    writer.append(str(scan))
    mixed = tmp_path / "mixed.pdf"
    writer.write(mixed)
    got = load_file(mixed, MB, tools)
    assert got.pages == 2 and got.ocr_pages == 1
    first = "Trang có lớp văn bản: Sở Ngoại vụ tỉnh Đồng Nai tiếp 12 đoàn khách quốc tế."
    assert got.text.startswith(first + "\n\n")  # the text layer, character for character
    (a, b), = got.ocr_spans
    assert a == len(first) + 2 and b == len(got.text) and "46 đoàn khách quốc tế" in got.text[a:b]
    without = load_file(mixed, MB, Extractors(ocr=MissingOcr("no OCR: tesseract is not installed")))
    assert without.text == first and "1 page(s) without a text layer left out" in without.notes[0]


def test_scan_without_ocr_is_skipped_naming_the_packages(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "blank.pdf"
    path.write_bytes(buf.getvalue())
    with pytest.raises(SkipFile, match="no text layer.*tesseract-ocr-vie"):
        load_file(path, MB, Extractors(ocr=MissingOcr("no OCR: tesseract is not installed (Debian packages "
                                                      "tesseract-ocr tesseract-ocr-vie poppler-utils)")))


def test_docx_legacy_fonts_and_content(tmp_path):
    import docx

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run(legacy.surface(legacy.encode("Cộng hoà xã hội", "tcvn3"))).font.name = ".VnTime"
    p.add_run(" ")
    p.add_run(legacy.surface(legacy.encode("chủ nghĩa việt nam", "tcvn3"))).font.name = ".VnTimeH"
    d.add_paragraph(legacy.surface(legacy.encode("Báo cáo tình hình đối ngoại của tỉnh", "vni"))).runs[0].font.name = "VNI-Times"
    d.add_paragraph("Dòng Unicode giữ nguyên: thoả thuận.")
    path = tmp_path / "fonts.docx"
    d.save(path)
    got = load_file(path, MB)
    assert got.text.split("\n") == ["Cộng hoà xã hội CHỦ NGHĨA VIỆT NAM", "Báo cáo tình hình đối ngoại của tỉnh",
                                    "Dòng Unicode giữ nguyên: thoả thuận."]
    assert got.encoding == "TCVN3 (ABC), VNI"
    text = "Sở Ngoại vụ tham mưu tổ chức các hoạt động đối ngoại của tỉnh trong năm qua."
    plain = write_docx([legacy.surface(legacy.encode(text, "vni"))] * 2, tmp_path / "plain.docx")  # font unnamed
    got = load_file(plain, MB)
    assert got.encoding == "VNI" and got.text == text + "\n" + text


@pytest.mark.slow
@needs_soffice
def test_legacy_text_in_pdf_and_doc(tmp_path, tools):
    text = "Ủy ban nhân dân tỉnh đã tiếp đoàn đại biểu của tỉnh Champasak và ký biên bản ghi nhớ hợp tác."
    surface = legacy.surface(legacy.encode(text, "vni"))
    src = tmp_path / "vni.txt"
    src.write_text(surface + "\n" + surface, encoding="utf-8")
    got = load_file(soffice_convert(src, "pdf", tmp_path), MB, tools)
    assert got.encoding == "VNI" and text in got.text
    got = load_file(make_doc([surface, surface], tmp_path / "vni.doc"), MB, tools)
    assert got.encoding == "VNI" and got.text.split("\n")[0] == text


def test_tables_in_docx_and_html(tmp_path):
    got = load_file(write_docx(["Kết quả năm 2025"], tmp_path / "t.docx", TABLE), MB)
    assert got.text.split("\n") == ["Kết quả năm 2025", "Số đoàn ra | Năm 2024: 38 | Năm 2025: 46",
                                    "Số đoàn vào | Năm 2024: 52 | Năm 2025: 61"]
    html = ("<html><body><h1>Kết quả</h1><table><tr><th rowspan=2>Chỉ tiêu</th><th colspan=2>Số lượng</th></tr>"
            "<tr><th>2024</th><th>2025</th></tr><tr><td>Số đoàn ra</td><td>38</td><td>46</td></tr></table></body></html>")
    (tmp_path / "t.html").write_text(html, encoding="utf-8")
    assert "Số đoàn ra | Số lượng – 2024: 38 | Số lượng – 2025: 46" in load_file(tmp_path / "t.html", MB).text.split("\n")


@pytest.mark.slow
@needs_soffice
def test_table_in_a_pdf_text_layer(tmp_path, tools):
    pdf = soffice_convert(write_docx(["Kết quả năm 2025"], tmp_path / "t.docx", TABLE), "pdf", tmp_path)
    got = load_file(pdf, MB, tools)
    assert "Số đoàn ra | Năm 2024: 38 | Năm 2025: 46" in got.text.split("\n")
