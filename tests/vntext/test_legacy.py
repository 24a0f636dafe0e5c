"""Legacy Vietnamese encodings: tables checked against glibc's iconv, round trips over the corpus and ALQAC laws,
phrases as real documents write them, and no detection on Unicode, windows-1258 or other Latin text."""
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from benchmarks.format_fixtures import holdable
from ingest.loaders import decode_text
from tests.conftest import CORPUS, SHARED
from tests.ingest.test_loaders import cp1258_bytes
from vntext import legacy
from vntext.normalize import source_text

LAWS = SHARED / "data" / "alqac" / "laws"
needs_iconv = pytest.mark.skipif(shutil.which("iconv") is None, reason="needs glibc's iconv (libc-bin)")


def iconv_byte(encoding: str, b: int) -> str:
    return subprocess.run(["iconv", "-f", encoding, "-t", "UTF-8"], input=bytes([b]), capture_output=True,
                          check=True).stdout.decode()


@pytest.mark.slow
@needs_iconv
def test_tcvn3_table_is_tcvn5712_as_iconv_reads_it():
    assert all(legacy.TCVN3[b] == iconv_byte("TCVN5712-1", b) for b in range(0xA1, 0x100))


@pytest.mark.slow
@needs_iconv
def test_viscii_table_is_rfc1456_as_iconv_reads_it():
    for b in list(range(0x80, 0x100)) + [0x02, 0x05, 0x06, 0x14, 0x19, 0x1E]:
        assert legacy.VISCII[b] == iconv_byte("VISCII", b), hex(b)


def test_phrases_as_legacy_documents_write_them():
    assert legacy.convert("B¸o c¸o tµi chÝnh", "tcvn3") == "Báo cáo tài chính"
    assert legacy.convert("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    # ".VnTimeH" headings: capital ASCII with the small toned codes; the line is upper-cased
    assert legacy.convert("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "tcvn3") == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert legacy.convert("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert legacy.convert("Ñoäc laäp - Töï do - Haïnh phuùc", "vni") == "Độc lập - Tự do - Hạnh phúc"
    assert legacy.convert("ÑAØ NAÜNG, saün coù, khuyeán khích, quyù", "vni") == "ĐÀ NẴNG, sẵn có, khuyến khích, quý"
    assert legacy.convert("Vi\xaet Nam", "viscii") == "Việt Nam"


def test_every_vietnamese_letter_round_trips():
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    toned = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")]
    text = " ".join(list(letters) + toned)
    for enc in ("vni", "viscii"):
        for case in (text, text.upper()):
            assert legacy.convert(legacy.surface(legacy.encode(case, enc)), enc) == case
    assert legacy.convert(legacy.surface(legacy.encode(text, "tcvn3")), "tcvn3") == text


def texts() -> list[tuple[str, str]]:
    paths = sorted(CORPUS.glob("*.txt")) + (sorted(LAWS.glob("*.txt"))[:6] if LAWS.is_dir() else [])
    return [(p.name, source_text(p.read_text(encoding="utf-8"))) for p in paths]


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_round_trip_over_the_corpus_and_laws(encoding):
    """Each text written in the encoding is detected as it and comes back as it was (TCVN3: capitals of mixed-case
    lines come back small, as in a plain-text TCVN3 file; all-capital lines come back whole)."""
    for name, text in texts():
        held = holdable(text, encoding)
        found = legacy.detect(legacy.surface(legacy.encode(held, encoding)))
        assert found is not None and found.encoding == encoding, name
        if encoding == "tcvn3":
            assert found.text.casefold() == held.casefold(), name
            for line, back in zip(text.split("\n"), found.text.split("\n")):
                if line.isupper() and holdable(line, "tcvn3").upper() == line:
                    assert back == line, name  # an all-capital line (".VnTimeH") comes back in capitals
        else:
            assert found.text == held, name


def test_no_detection_on_unicode_texts():
    for name, text in texts():
        assert legacy.detect(text) is None, name


def test_no_detection_on_windows_1258_or_other_latin_text(tmp_path):
    for name, text in texts()[:5]:
        got = decode_text(cp1258_bytes(text[:3000]), Path(name))
        assert got.encoding is None and got.text == unicodedata.normalize("NFC", text[:3000]), name
    english = ("The provincial Department of Foreign Affairs received 46 delegations in 2025, a café owner's naïve "
               "résumé notwithstanding. ") * 20
    others = ("El niño comió una piña en España; año tras año. Über die Straße fährt ein Bäcker. "
              "L'élève français a été très ému à Noël; où est la forêt? Ação, coração, não. ") * 10
    for text in (english, others):
        assert legacy.detect(text) is None
        for data in (text.encode("cp1252"), text.encode("utf-8")):
            assert decode_text(data, Path("x.txt")).encoding is None


def test_legacy_txt_bytes_are_decoded_and_named(tmp_path):
    text = texts()[0][1][:4000]
    for enc, name in (("tcvn3", "TCVN3 (ABC)"), ("vni", "VNI"), ("viscii", "VISCII")):
        held = holdable(text, enc)
        got = decode_text(legacy.encode(held, enc), Path(f"{enc}.txt"))
        assert got.encoding == name
        assert got.text.casefold() == held.casefold()


def test_mixed_document_keeps_its_unicode_lines():
    uni = "Ủy ban nhân dân tỉnh Đồng Nai đã tiếp 12 đoàn khách quốc tế trong năm."
    tcvn = legacy.surface(legacy.encode("Sở Ngoại vụ tham mưu tổ chức các hoạt động đối ngoại của tỉnh.", "tcvn3"))
    found = legacy.detect("\n".join([uni, tcvn, tcvn, uni]))
    assert found is not None and found.encoding == "tcvn3"
    converted = "Sở Ngoại vụ tham mưu tổ chức các hoạt động đối ngoại của tỉnh."
    assert found.text.split("\n") == [uni, converted, converted, uni]


def test_syllables():
    good = ["người", "nghiêng", "khuya", "quốc", "giữ", "hoà", "hòa", "thuở", "Ủy", "xoong", "ĐỒNG", "Việt"]
    bad = ["c¸o", "Vieät", "tµi", "chÝnh", "hoøa", "café", "oâng", "hóá"]
    assert all(legacy.is_syllable(w) for w in good)
    assert not any(legacy.is_syllable(w) for w in bad)


def test_unencodable_letter_is_refused():
    with pytest.raises(ValueError, match="VISCII cannot hold"):
        legacy.encode("“Việt Nam”", "viscii")
