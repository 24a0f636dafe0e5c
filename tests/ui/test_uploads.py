"""ui.uploads: upload checks, safe names, atomic save, ingest and delete (who may: tests/access)."""
from __future__ import annotations

import os
from types import SimpleNamespace as NS

import pytest

from ui import uploads
from ui.uploads import UploadRejected, check_upload, safe_name


@pytest.mark.parametrize("given,expect", [
    ("bao-cao.txt", "bao-cao.txt"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\evil.md", "evil.md"),
    ("/abs/path/Kế hoạch 2018.DOCX", "Kế_hoạch_2018.docx"),
    (".hidden.txt", "hidden.txt"),
    ("...", "upload"),
    ("a<b>c|d?.html", "a_b_c_d_.html"),
    ("x..y....pdf", "x.y.pdf"),
    ("", "upload"),
])
def test_safe_name(given, expect):
    assert safe_name(given) == expect


def test_safe_name_never_escapes_or_hides():
    for bad in ("../x.txt", "/", "..", "a/../../b.txt", "\x00evil.txt", "~/.ssh/id.txt", "C:\\x\\.y.md"):
        n = safe_name(bad)
        assert "/" not in n and "\\" not in n and not n.startswith(".") and ".." not in n and "\x00" not in n


def test_check_upload_reasons():
    assert check_upload("a.PDF", 10, 100) == "a.pdf"
    for name in ("docs.zip", "docs.tar.gz", "x.7z"):
        with pytest.raises(UploadRejected, match="archives"):
            check_upload(name, 10, 100)
    with pytest.raises(UploadRejected, match="not accepted"):
        check_upload("run.exe", 10, 100)
    with pytest.raises(UploadRejected, match="not accepted"):
        check_upload("noext", 10, 100)
    with pytest.raises(UploadRejected, match="over the limit"):
        check_upload("big.txt", 101, 100)
    with pytest.raises(UploadRejected, match="empty"):
        check_upload("e.txt", 0, 100)


def test_save_is_atomic_and_inside_uploads(tmp_path, evil_container):
    src = tmp_path / "in.bin"
    src.write_text("Nội dung", encoding="utf-8")
    saved = uploads.save_upload(src, "../../thu.txt", evil_container.settings)
    folder = (evil_container.settings.data_dir / "uploads").resolve()
    assert saved.path == folder / "thu.txt" and saved.path.read_text(encoding="utf-8") == "Nội dung" and not saved.replaced
    src.write_text("Mới", encoding="utf-8")
    again = uploads.save_upload(src, "thu.txt", evil_container.settings)
    assert again.replaced and again.path.read_text(encoding="utf-8") == "Mới"
    assert sorted(os.listdir(folder)) == ["thu.txt"]  # no temp files left


def test_failed_copy_leaves_nothing(tmp_path, evil_container, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text("x")

    def broken(*a, **k):
        raise OSError("disk full")
    monkeypatch.setattr(uploads.shutil, "copyfileobj", broken)
    with pytest.raises(OSError):
        uploads.save_upload(src, "a.txt", evil_container.settings)
    assert os.listdir(evil_container.settings.data_dir / "uploads") == []


def test_ingest_uploads_saves_good_files_and_names_rejections(tmp_path):
    from tests.ui.conftest import small_container

    container = small_container(tmp_path, max_file_mb=1.0)
    good, bad, big = tmp_path / "g.txt", tmp_path / "b.zip", tmp_path / "big.md"
    good.write_text("Văn bản về hợp tác với tỉnh Champasak.", encoding="utf-8")
    bad.write_bytes(b"PK")
    big.write_bytes(b"x" * (container.settings.max_file_bytes + 1))
    files = [NS(name=str(good), orig_name="Tài liệu.txt"), str(bad), NS(name=str(big))]
    saved, rejected, summary = uploads.ingest_uploads(container, files)
    assert [s.name for s in saved] == ["Tài_liệu.txt"] and summary.startswith("added 1, updated 0")
    assert any(r.source.endswith("uploads/Tài_liệu.txt") for r in container.library.documents())
    assert len(rejected) == 2 and "archives" in rejected[0] and "over the limit" in rejected[1]
    assert uploads.ingest_uploads(container, [str(bad)])[2] == ""
    again, refused, vi = uploads.ingest_uploads(container, [NS(name=str(good), orig_name="Tài liệu.txt"), str(bad),
                                                                 NS(name=str(big))], lang="vi")
    assert again[0].replaced and vi.startswith("Đã thêm 0, cập nhật 0, không đổi 1")  # the page's language
    assert "không nhận tệp nén (.zip)" in refused[0] and "1.0 MB, vượt giới hạn 1.0 MB" in refused[1]


def test_delete_and_rows(evil_container):
    rows = uploads.library_rows(evil_container.library.documents())
    (title, source, date, locality, chunks, doc_id), = rows
    assert title == "Tài liệu <i>độc</i>" and source.endswith("evil.txt") and chunks >= 1
    assert uploads.delete_document(evil_container, "nope") is None
    assert uploads.delete_document(evil_container, doc_id) == source
    assert evil_container.library.documents() == []


def test_library_actions_disabled_with_a_note_without_password(tmp_path):
    import gradio as gr

    from tests.ui.conftest import small_container
    from ui.i18n import t
    from ui.page import build_page

    demo = build_page(small_container(tmp_path, admin_password=None))
    by_id = {getattr(b, "elem_id", None): b for b in demo.blocks.values()}
    for eid in ("admin-pw", "upload", "upload-btn", "lib-pick", "delete-btn"):
        assert by_id[eid].interactive is False, eid
    assert by_id["lib-note"].value == t("vi", "lib_note_off") and "RAG_ADMIN_PASSWORD" in by_id["lib-note"].value
    assert isinstance(by_id["lib-table"], gr.Dataframe)
