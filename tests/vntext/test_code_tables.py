"""The document-number tables come from prompts/ (doc_types.tsv, issuer_symbols.tsv), read through the lexicon."""
from __future__ import annotations

import shutil
from pathlib import Path

from core.settings import PROMPTS_DIR
from regulations.cards import english_terms
from regulations.issuers import issuers
from vntext.codes import code_tables, parse_code


def test_the_tables_are_the_prompts_files():
    t = code_tables()
    assert t.type_symbols["CT"] == "Chỉ thị" and t.party_type_symbols["TT"] == "Thông tri"
    assert t.issuer_symbols["TW"] == "Trung ương" and "UBND" in t.local_issuers
    assert t.case_fix["QD"] == "QĐ" and t.case_fix["TƯ"] == "TW"
    assert "Quy chế" in t.shorthand_types and t.issued_with == {"Quy chế": "Quyết định"}
    assert parse_code("12-TT/TW").doc_type == "Thông tri" and parse_code("12/2015/TT-BNG").doc_type == "Thông tư"


def test_a_type_added_to_doc_types_tsv_is_recognised(tmp_path: Path):
    prompts = tmp_path / "resources"
    shutil.copytree(PROMPTS_DIR, prompts)
    with (prompts / "doc_types.tsv").open("a", encoding="utf-8") as f:
        f.write("Thông điệp\tTĐi\tMessage|message\t\tshorthand\n")
    t = code_tables(prompts)
    assert t.type_symbols["TĐi"] == "Thông điệp" and "Thông điệp" in t.shorthand_types
    assert "TĐi" not in code_tables().type_symbols  # the product's tables are untouched
    assert english_terms(prompts)[("type", "Thông điệp")] == "Message"


def test_one_english_name_for_each_type_and_body():
    terms = english_terms()
    assert terms[("type", "Quy chế")] == "Rules"
    assert terms[("issuer", "Bộ Chính trị")] == "Politburo"
    assert terms[("issuer", "Ủy ban nhân dân tỉnh")] == "Provincial People's Committee"


def test_issuers_are_named_from_the_table():
    names = issuers()
    assert names.canonical("của UBND TP. Hồ Chí Minh") == "Ủy ban nhân dân thành phố"
    assert names.canonical("UBND huyện Đăk Hà ban hành") == "Ủy ban nhân dân huyện"
    assert names.canonical("của UBND tỉnh Kon Tum") == "Ủy ban nhân dân tỉnh"
    assert names.canonical("Bộ trưởng Bộ Tài chính") == "Bộ Tài chính"
    assert names.canonical("của Sở Ngoại vụ") == "Sở Ngoại vụ"
    assert names.canonical("của Hội Nông dân") == "Hội Nông dân"
