"""Enumerated items (answer/items.py): the colon that opens them and the lead-in an item stands under."""
from answer.items import enumerating_colon, lead_in

CLAUSE = ("1. Chủ tịch Ủy ban nhân dân tỉnh quyết định mời hoặc cho phép đối với:\n"
          "a) Đoàn của Đại sứ tại Việt Nam;\nb) Đoàn vào làm việc với lãnh đạo Ủy ban nhân dân tỉnh;\n")


def test_the_colon_that_opens_items():
    assert enumerating_colon(CLAUSE) == CLAUSE.index(":")
    assert enumerating_colon("Thời gian dự kiến ký: quý II năm 2025.") is None  # a label's colon opens no items


def test_an_item_stands_under_its_lead_in():
    b = CLAUSE.index("b)")
    assert lead_in(CLAUSE, b) == 0  # sibling item a) between
    assert lead_in(CLAUSE, 0) is None  # the lead-in itself is no item
    assert lead_in("Một câu.\nb) Mục không có dòng dẫn;", 9) is None
