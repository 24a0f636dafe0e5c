"""The reason or purpose a sentence gives, as the direct answer to "vì sao", "để làm gì", "why"."""
import pytest

from answer.reason_spans import reasons

AG = ("Để kịp thời nắm bắt, trao đổi thông tin tình hình trật tự, an toàn xã hội tuyến biên giới, An Giang luôn phối "
      "hợp chặt chẽ với các đơn vị hữu quan của tỉnh Takeo, Kandal nhằm giải quyết kịp thời những vụ việc nảy sinh "
      "giữa cư dân hai nước trên tinh thần cảm thông, hiểu biết lẫn nhau.")


def texts(spans):
    return [s.text for s in spans]


def test_an_opening_purpose_clause_ends_where_the_main_clause_starts():
    assert texts(reasons(AG)) == [
        "Để kịp thời nắm bắt, trao đổi thông tin tình hình trật tự, an toàn xã hội tuyến biên giới",
        "nhằm giải quyết kịp thời những vụ việc nảy sinh giữa cư dân hai nước trên tinh thần cảm thông, hiểu biết lẫn nhau"]


@pytest.mark.parametrize("sentence, reason", [
    ("Nhằm đẩy mạnh hoạt động đối ngoại, ngày 03/7/2014 Đồng chí Cao Huy đã chỉ đạo.", "Nhằm đẩy mạnh hoạt động đối ngoại"),
    ("Tỉnh thường xuyên bồi dưỡng cán bộ nhằm nâng cao chất lượng đội ngũ; đồng thời rà soát quy chế.",
     "nhằm nâng cao chất lượng đội ngũ"),
    ("Trên cơ sở đó, nhằm bảo đảm sự lãnh đạo thống nhất, ngày 04/12/2018, UBND tỉnh đã ban hành Kế hoạch.",
     "nhằm bảo đảm sự lãnh đạo thống nhất"),  # a date opens the main clause
])
def test_a_purpose_clause_from_its_word_to_its_end(sentence, reason):
    assert texts(reasons(sentence)) == [reason]


def test_no_purpose_word_no_reason_and_a_long_clause_is_cut_at_a_comma():
    assert reasons("Đồng Nai hiện có 35 khu công nghiệp; vì vậy tỉnh chú trọng thu hút đầu tư.") == []
    long = "Tỉnh tổ chức hội nghị nhằm " + ", ".join(f"việc thứ {i} của tỉnh bạn" for i in range(20)) + "."
    (span,) = reasons(long)
    assert len(span.text.split()) <= 50 and span.text.endswith("tỉnh bạn") and long[span.start:span.end] == span.text
