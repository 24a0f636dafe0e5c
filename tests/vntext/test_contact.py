"""A publisher's contact block (vntext/contact.py): a name in capitals over an address line."""
from vntext.contact import is_contact_block, is_contact_heading


def test_a_contact_block_opens_with_a_name_in_capitals_over_an_address():
    assert is_contact_block("LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ TỈNH ĐỒNG NAI\nĐịa chỉ: Số 129, Hà Huy Giáp\nFax: 1")
    assert not is_contact_block("Liên hiệp các tổ chức hữu nghị tỉnh\nĐịa chỉ: Số 129")  # no name in capitals
    assert not is_contact_block("KẾ HOẠCH\nKý kết và thực hiện thỏa thuận quốc tế năm 2025")  # no address under it


def test_a_heading_needs_the_address_right_under_it():
    assert is_contact_heading("SỞ NGOẠI VỤ TỈNH KON TUM", "Trụ sở: 123 Trần Hưng Đạo")
    assert not is_contact_heading("SỞ NGOẠI VỤ TỈNH KON TUM", "Thực hiện kế hoạch năm 2025")
    assert not is_contact_heading("SỞ NGOẠI VỤ TỈNH KON TUM", None)
