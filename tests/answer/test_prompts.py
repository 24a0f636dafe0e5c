from core.settings import PROMPTS_DIR
"""Prompt templates: shipped files are valid; missing/unknown variables are named."""
from pathlib import Path

import pytest

from answer.prompts import PromptError, load_prompt
from core.errors import RagError

PROMPTS = PROMPTS_DIR


@pytest.mark.parametrize("name", ["answer_vi", "answer_en"])
def test_shipped_templates_load_and_format(name):
    tpl = load_prompt(name, {"question", "context"}, PROMPTS)
    assert tpl.variables == frozenset({"question", "context"})
    out = tpl.format(question="Q?", context='[1] T (a.txt)\n"""\nX\n"""')
    assert "Q?" in out and '"""\nX\n"""' in out and "{" not in out
    system, sep, human = out.partition("\n---\n")
    assert sep and "{question}" not in system and "Q?" in human


def test_answer_templates_say_passages_are_data_and_require_citations():
    en = load_prompt("answer_en", {"question", "context"}, PROMPTS).text
    vi = load_prompt("answer_vi", {"question", "context"}, PROMPTS).text
    assert "DATA" in en and "[n]" in en and "do not cover" in en
    assert "DỮ LIỆU" in vi and "[n]" in vi and "không đề cập" in vi


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_missing_variable_is_named(tmp_path):
    d = _write(tmp_path, "Question: {question}")
    with pytest.raises(ValueError, match=r"t\.txt: missing variable \{context\}"):
        load_prompt("t", {"question", "context"}, d)


def test_unknown_variable_is_named(tmp_path):
    d = _write(tmp_path, "{question} {contxt}")
    with pytest.raises(PromptError, match=r"t\.txt: unknown variable \{contxt\}"):
        load_prompt("t", {"question"}, d)


def test_positional_field_and_bad_braces(tmp_path):
    with pytest.raises(ValueError, match=r"unsupported variable \{0\}"):
        load_prompt("t", {"question"}, _write(tmp_path, "{question} {0}"))
    with pytest.raises(ValueError, match=r"t\.txt: bad template syntax"):
        load_prompt("t", {"question"}, _write(tmp_path, "{question} {"))


def test_literal_braces_and_format_checks(tmp_path):
    tpl = load_prompt("t", {"question"}, _write(tmp_path, 'JSON {{"a": 1}} {question}'))
    assert tpl.format(question="x") == 'JSON {"a": 1} x'
    with pytest.raises(ValueError, match=r"missing variables \['question'\]"):
        tpl.format()
    with pytest.raises(ValueError, match=r"unknown variables \['other'\]"):
        tpl.format(question="x", other="y")


def test_missing_file_and_bad_name(tmp_path):
    with pytest.raises(RagError, match=r"prompt file not found: .*nope\.txt"):
        load_prompt("nope", {"question"}, tmp_path)
    with pytest.raises(ValueError, match=r"bad prompt name '\.\./x'"):
        load_prompt("../x", {"question"}, tmp_path)
