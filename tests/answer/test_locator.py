from answer.locator import legal_locator

ARTICLE = ("Điều 5. Quyền của thanh niên\n1. Thanh niên có quyền học tập.\n2. Thanh niên có quyền:\n"
           "a) Tham gia quản lý nhà nước;\nb) Kiến nghị với cơ quan nhà nước.\n3. Quyền khác.")


def test_article_clause_and_point():
    h = "Điều 5. Quyền của thanh niên"
    assert legal_locator(h, ARTICLE, ARTICLE.index("Kiến nghị")) == "điểm b khoản 2 Điều 5"
    assert legal_locator(h, ARTICLE, ARTICLE.index("Thanh niên có quyền học")) == "khoản 1 Điều 5"
    assert legal_locator(h, ARTICLE, ARTICLE.index("Quyền khác")) == "khoản 3 Điều 5"
    assert legal_locator(h, ARTICLE, 3) == "Điều 5"
    assert legal_locator(h, ARTICLE, ARTICLE.index("Kiến nghị"), "en") == "point b, clause 2, Article 5"


def test_outside_articles_there_is_no_locator():
    assert legal_locator(None, "Tỉnh Đồng Nai có 10 hội hữu nghị.", 4) is None
    assert legal_locator("Chương II", "1. Một.", 3) is None
