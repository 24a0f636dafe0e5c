"""A true/false statement naming a law by its title is checked against the whole index: the passage that settles
it may be another law's (ALQAC: '... theo quy định của Luật Tố tụng hành chính, đúng hay sai?' about an arbitrator,
defined by the Luật Trọng tài thương mại). Other questions naming a law are searched in its text first."""
import pytest

from core.di import Container
from tests.conftest import make_settings

ARBITRATION = """Luật Trọng tài thương mại

Điều 3. Giải thích từ ngữ
Trọng tài viên là người được các bên lựa chọn hoặc được Trung tâm trọng tài hoặc Tòa án chỉ định để giải quyết tranh chấp theo quy định của Luật này.

Điều 4. Nguyên tắc giải quyết tranh chấp bằng Trọng tài
Trọng tài viên phải tôn trọng thỏa thuận của các bên nếu thỏa thuận đó không vi phạm điều cấm của luật.
"""
PROCEDURE = "Luật Tố tụng hành chính\n\n" + "\n\n".join(
    f"Điều {n}. Thủ tục số {n}\nTòa án giải quyết vụ án hành chính theo thủ tục số {n} trong thời hạn {n} ngày "
    f"kể từ ngày thụ lý; đương sự có quyền khiếu nại quyết định của Tòa án." for n in range(1, 13))
STATEMENT = ("Trọng tài viên là người được các bên lựa chọn hoặc được Trung tâm trọng tài hoặc Tòa án chỉ định để "
             "giải quyết tranh chấp theo quy định của Luật Tố tụng hành chính, đúng hay sai?")


@pytest.fixture(scope="module")
def two_laws(tmp_path_factory) -> Container:
    laws = tmp_path_factory.mktemp("laws")
    (laws / "Luật_Trọng_tài_thương_mại.txt").write_text(ARBITRATION, encoding="utf-8")
    (laws / "Luật_Tố_tụng_hành_chính.txt").write_text(PROCEDURE, encoding="utf-8")
    data = tmp_path_factory.mktemp("two_laws")
    c = Container(make_settings(data, data / "unused.sqlite", embedder="hash"))
    assert len(c.ingestor().run([laws]).added) == 2
    return c


def _titles(answer) -> list[str]:
    return [h.chunk.title for h in answer.retrieved]


def test_a_true_false_statement_naming_the_wrong_law_finds_the_law_that_says_it(two_laws):
    a = two_laws.answers.ask(STATEMENT)
    assert a.frame.answer_type.value == "yesno"
    assert _titles(a)[0] == "Luật Trọng tài thương mại"
    assert "Trọng tài viên là người được các bên lựa chọn" in a.retrieved[0].chunk.text


def test_a_question_naming_a_law_is_still_searched_in_its_text_first(two_laws):
    a = two_laws.answers.ask("Theo Luật Tố tụng hành chính, trọng tài viên là người được ai lựa chọn?")
    assert a.frame.answer_type.value != "yesno"
    assert set(_titles(a)[:5]) == {"Luật Tố tụng hành chính"}
