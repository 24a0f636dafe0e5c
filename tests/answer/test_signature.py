"""Signature blocks (answer/signature.py): the capacity lines, an optional "(Đã ký)" and the signer's name at the foot
of an administrative text."""
from answer.signature import signature_blocks
from tests.answer.passages import parts


def blocks(text: str):
    return signature_blocks(text, parts().lexicon.surnames)


def test_a_block_with_capacity_lines_and_a_signed_mark():
    text = "Nơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nTrần Minh Khoa\n"
    [b] = blocks(text)
    assert text[b.start:b.end] == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nTrần Minh Khoa"
    assert text[b.name_start:b.end] == "Trần Minh Khoa" and b.capacity[-1] == "PHÓ CHỦ TỊCH"


def test_a_block_without_the_signed_mark_and_a_deputy_signing_for_a_director():
    text = "Điều 3. Hiệu lực.\nQ. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Thị Hoa\n"
    [b] = blocks(text)
    assert text[b.name_start:b.end] == "Nguyễn Thị Hoa" and b.capacity == ("Q. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")


def test_no_block_without_a_name_or_in_running_text():
    assert blocks("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n\n(Đã ký)\n\nĐiều 1. Phạm vi điều chỉnh") == []
    assert blocks("Ông Trần Minh Khoa, KT. Chủ tịch UBND tỉnh, đã ký quyết định.") == []
