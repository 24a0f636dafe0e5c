"""Which way delegations go: a count asked of one way is not answered by a figure said only of the other."""
import pytest

from answer.direction import asked_direction, said_direction
from tests.answer.passages import Doc, compose, frame, parts, short_text

VISITS = Doc("Từ năm 2008 đến năm 2012, đã có gần 400 đoàn khách quốc tế với gần 2.800 lượt người nước ngoài đến thăm, "
             "làm việc với lãnh đạo tỉnh. Trong 5 năm, đã có 740 đoàn với trên 4.700 lượt cán bộ của tỉnh đi khảo sát, "
             "học tập tại nhiều quốc gia và vùng lãnh thổ trên thế giới.", locality="Lạng Sơn")


@pytest.mark.parametrize("question, way", [
    ("Trong 5 năm Lạng Sơn cử bao nhiêu đoàn đi nước ngoài?", "out"),
    ("How many delegations of Lang Son officials travelled abroad in five years?", "out"),
    ("Trong 5 năm Lạng Sơn đón bao nhiêu đoàn khách quốc tế?", "in"),
    ("Lạng Sơn đón bao nhiêu lượt người nước ngoài sang thăm?", "in"),  # "sang thăm" goes either way
    ("How many foreign delegations visited Lang Son in five years?", "in"),
    ("Lạng Sơn có bao nhiêu đoàn?", None),
])
def test_the_way_a_question_asks(question, way):
    assert asked_direction(frame(question), parts().lexicon.directions) == way


def test_the_way_a_sentence_says():
    d = parts().lexicon.directions
    assert said_direction("gần 400 đoàn khách quốc tế ... đến thăm, làm việc với lãnh đạo tỉnh", d) == "in"
    assert said_direction("740 đoàn ... cán bộ của tỉnh đi khảo sát tại nhiều quốc gia", d) == "out"
    assert said_direction("Đồng Nai hiện có 35 khu công nghiệp", d) is None


@pytest.mark.parametrize("question, figure", [
    ("Trong 5 năm Lạng Sơn cử bao nhiêu đoàn đi nước ngoài?", "740 đoàn"),
    ("How many delegations of Lang Son officials travelled abroad in five years?", "740 đoàn"),
    ("How many foreign delegations visited Lang Son in five years?", "gần 400 đoàn"),
])
def test_a_count_of_one_way_is_the_figure_said_of_it(question, figure):
    comp, texts = compose(question, [VISITS])
    assert short_text(comp, texts) == figure
