import hashlib
import io
import unicodedata
from pathlib import Path

import pytest

from core.errors import SkipFile
from ingest.loaders import SUPPORTED_EXTENSIONS, load_file

ROOT = Path(__file__).resolve().parents[2]
VI = "Hoà bình, hữu nghị và hợp tác với tỉnh Đồng Nai."
MB = 1_000_000


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a Helvetica text layer, xref offsets computed."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        ops.append(f"({line}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def cp1258_bytes(text: str) -> bytes:
    """windows-1258 as legacy Vietnamese files store it: base letters precomposed, tone marks combining."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_supported_extensions():
    assert SUPPORTED_EXTENSIONS == {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc"}


def test_txt_utf8_is_kept_verbatim_and_hashed(tmp_path):
    data = (VI + "\r\nDòng\u00a0hai\n").encode("utf-8")
    got = load_file(write(tmp_path, "a.txt", data), MB)
    assert got.kind == "txt" and got.html_title is None
    assert got.text == VI + "\nDòng\u00a0hai\n"  # the file's characters: tone placement, no-break space
    assert got.raw_bytes_hash == hashlib.sha256(data).hexdigest()
    assert got.path == tmp_path / "a.txt"


def test_utf8_bom_and_utf16_boms(tmp_path):
    assert load_file(write(tmp_path, "b.txt", b"\xef\xbb\xbf" + VI.encode()), MB).text == VI
    assert load_file(write(tmp_path, "le.txt", b"\xff\xfe" + VI.encode("utf-16-le")), MB).text == VI
    assert load_file(write(tmp_path, "be.txt", b"\xfe\xff" + VI.encode("utf-16-be")), MB).text == VI


def test_windows_1258_legacy_bytes(tmp_path):
    data = cp1258_bytes(VI)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert load_file(write(tmp_path, "legacy.txt", data), MB).text == VI


def test_markdown_kept_as_text(tmp_path):
    got = load_file(write(tmp_path, "n.md", "# Tiêu đề\n\n- mục một\n".encode()), MB)
    assert got.kind == "md" and got.text == "# Tiêu đề\n\n- mục một\n"


def test_html_drops_chrome_and_keeps_blocks(tmp_path):
    html = """<html><head><title>Trang | Sở Ngoại vụ</title><style>p{color:red}</style></head><body>
    <header>Logo trang</header><nav><a href="/">Trang chủ</a> &gt; Tin tức</nav>
    <h1>Hoà bình  và
      hữu nghị</h1>
    <p>Đoạn một có <b>chữ đậm</b> ở giữa.</p><script>var x = "mã độc";</script>
    <div>Đoạn hai.<br>Dòng mới.</div>
    <table><tr><td>Ô 1</td><td>Ô 2</td></tr></table>
    <aside>Tin liên quan</aside><footer>Bản quyền</footer></body></html>"""
    got = load_file(write(tmp_path, "p.htm", html.encode()), MB)
    assert got.kind == "html"
    assert got.html_title == "Hoà bình và hữu nghị"
    assert got.text == "Hoà bình và hữu nghị\n\nĐoạn một có chữ đậm ở giữa.\n\nĐoạn hai.\nDòng mới.\n\nÔ 1 | Ô 2"
    for noise in ("Logo", "Trang chủ", "mã độc", "color", "Tin liên quan", "Bản quyền"):
        assert noise not in got.text


def test_html_title_falls_back_to_title_tag(tmp_path):
    html = "<html><head><title>Tin đối ngoại</title></head><body><p>Nội dung.</p></body></html>"
    got = load_file(write(tmp_path, "t.html", html.encode()), MB)
    assert got.html_title == "Tin đối ngoại" and got.text == "Nội dung."


def test_pdf_text_layer(tmp_path):
    got = load_file(write(tmp_path, "d.pdf", minimal_pdf(["Dieu 1. Pham vi dieu chinh", "Luat nay quy dinh ve du lich."])), MB)
    assert got.kind == "pdf"
    assert got.text == "Dieu 1. Pham vi dieu chinh\nLuat nay quy dinh ve du lich."


def test_pdf_lines_of_a_paragraph_are_rejoined(tmp_path):
    got = load_file(write(tmp_path, "r.pdf", minimal_pdf(["Cac co quan, to chuc", "va ca nhan."])), MB)
    assert got.text == "Cac co quan, to chuc va ca nhan."


def test_encrypted_pdf_is_skipped(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(minimal_pdf(["Secret text"]))))
    writer.encrypt(user_password="matkhau", owner_password="chu", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(SkipFile, match="password-protected"):
        load_file(write(tmp_path, "e.pdf", buf.getvalue()), MB)


def test_pdf_without_text_layer_is_skipped(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(SkipFile, match="no text layer"):
        load_file(write(tmp_path, "blank.pdf", buf.getvalue()), MB)


def test_corrupt_pdf_is_skipped(tmp_path):
    with pytest.raises(SkipFile, match="corrupt PDF"):
        load_file(write(tmp_path, "bad.pdf", b"%PDF-1.4\nthis is not a pdf body"), MB)


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Điều 1. Phạm vi")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Tỉnh", "Số đoàn"
    table.cell(1, 0).text, table.cell(1, 1).text = "Đồng Nai", "158"
    d.add_paragraph("Khoẻ mạnh.")
    path = tmp_path / "w.docx"
    d.save(path)
    got = load_file(path, MB)
    assert got.kind == "docx"
    assert got.text == "Điều 1. Phạm vi\nĐồng Nai | Số đoàn: 158\nKhoẻ mạnh."  # a row keeps its header


def test_corrupt_docx_is_skipped(tmp_path):
    with pytest.raises(SkipFile, match="corrupt .docx"):
        load_file(write(tmp_path, "bad.docx", b"PK\x03\x04 truncated zip"), MB)


def test_empty_file_is_skipped(tmp_path):
    with pytest.raises(SkipFile, match="empty file") as exc:
        load_file(write(tmp_path, "e.txt", b""), MB)
    assert exc.value.path == str(tmp_path / "e.txt")
    with pytest.raises(SkipFile, match="empty file"):
        load_file(write(tmp_path, "ws.txt", b" \n\t\n"), MB)


def test_oversized_file_names_size_and_limit(tmp_path):
    with pytest.raises(SkipFile) as exc:
        load_file(write(tmp_path, "big.txt", b"a" * 2001), 2000)
    assert exc.value.reason == "file too large: 2,001 bytes > limit 2,000 bytes"


def test_binary_content_is_skipped(tmp_path):
    with pytest.raises(SkipFile, match="binary content"):
        load_file(write(tmp_path, "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), MB)
    with pytest.raises(SkipFile, match="binary content"):
        load_file(write(tmp_path, "ctl.md", bytes(range(1, 9)) * 50), MB)


def test_unsupported_extension(tmp_path):
    with pytest.raises(SkipFile, match=r"unsupported file type '\.xlsx'"):
        load_file(write(tmp_path, "x.xlsx", b"data"), MB)


def test_real_corpus_file_loads_unchanged_apart_from_normalization():
    path = ROOT / "corpus" / "000_e258e916e77a1e33.txt"
    got = load_file(path, MB)
    assert got.text.startswith("Tin tức > Thông tin KT-VH-XH\nĐăk Nông với chủ trương")
    assert "văn hóa" in got.text and "cấp ủy Đảng" in got.text  # "cấp uỷ" in the source, unified


def test_other_legacy_encodings_fall_back_to_charset_normalizer(tmp_path):
    text = "Привет, как дела? Это тест русского текста в кодировке."
    assert load_file(write(tmp_path, "ru.txt", text.encode("cp1251")), MB).text == text


def test_random_bytes_are_binary(tmp_path):
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(3000))
    with pytest.raises(SkipFile, match="binary content"):
        load_file(write(tmp_path, "noise.txt", data), MB)


def test_binary_after_a_bom_is_skipped(tmp_path):
    data = b"\xff\xfe" + bytes(range(1, 32)) * 40
    with pytest.raises(SkipFile, match="binary content after a utf-16-le byte order mark"):
        load_file(write(tmp_path, "bom.txt", data), MB)
