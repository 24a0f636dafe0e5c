"""Dates written in a text (vntext/dates.py): a day of every year, written without one, is a date of its own kind."""
import pytest

from vntext.dates import date_spans, years_in


@pytest.mark.parametrize("text, iso, written", [
    ("1. Trước ngày 15 tháng 11 hằng năm, các cơ quan gửi kế hoạch", "--11-15", "ngày 15 tháng 11 hằng năm"),
    ("phê duyệt trước ngày 31 tháng 12 hàng năm.", "--12-31", "ngày 31 tháng 12 hàng năm"),
    ("báo cáo trước ngày 3/7, ông nói", "--07-03", "ngày 3/7"),
    ("reports are due by 15 November each year", "--11-15", "15 November each year"),
])
def test_a_day_of_every_year(text, iso, written):
    (d,) = date_spans(text)
    assert (d.iso, d.year, d.precision, text[d.start:d.end]) == (iso, "", 3, written)


@pytest.mark.parametrize("text, iso", [
    ("ngày 15 tháng 11 năm 2019", "2019-11-15"), ("ngày 15/11/2019", "2019-11-15"), ("on 15 November 2019", "2019-11-15"),
    ("tháng 10/2011", "2011-10"), ("năm 2016", "2016"),
])
def test_a_dated_day_month_or_year_keeps_its_year(text, iso):
    (d,) = date_spans(text)
    assert d.iso == iso and d.year == iso[:4] and d.precision == iso.count("-") + 1


def test_no_day_without_a_date_word_and_no_year_from_a_yearly_day():
    assert date_spans("tỷ lệ 3/4 số đoàn") == [] and date_spans("ngày 31/12") != []
    assert years_in("trước ngày 15 tháng 11 hằng năm và năm 2020") == {"2020"}


def test_periods_are_two_years_the_later_after():
    from vntext.dates import period_spans
    t = "giai đoạn 2018-2021 và các năm tiếp theo; từ năm 2016 đến năm 2020; số 12/2018-2019; 2020-2015"
    assert [t[a:b] for a, b in period_spans(t)] == ["2018-2021", "2016 đến năm 2020"]
