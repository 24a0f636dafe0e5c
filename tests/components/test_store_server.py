"""The same code against a real Chroma server (`chroma run`): same answers as embedded mode, a clear error when
the server goes away, and recovery when it returns."""
from __future__ import annotations

import json

import pytest

from core.di import Container
from core.errors import StoreUnavailable
from tests.conftest import CORPUS, free_port, make_settings, shared_path, start_chroma_server


@pytest.fixture()
def server(tmp_path):
    port = free_port()
    proc = start_chroma_server(tmp_path / "chroma-server", port)
    yield tmp_path / "chroma-server", port, proc
    proc.kill()


def _summary(answer) -> tuple:
    return (answer.abstained, [h.chunk.chunk_id for h in answer.retrieved[:5]], [(c.source, c.start, c.end) for c in answer.citations])


def test_server_mode_matches_embedded_mode(server, tmp_path, corpus_container, embedding_cache):
    _, port, _ = server
    remote = Container(make_settings(tmp_path / "app", embedding_cache, chroma_host="127.0.0.1", chroma_port=port))
    report = remote.ingestor().run([CORPUS])
    assert len(report.added) == 5
    questions = [json.loads(x)["question"] for x in shared_path("eval", "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    for q in questions:
        assert _summary(remote.answers.ask(q)) == _summary(corpus_container.answers.ask(q)), q


def test_server_going_away_is_a_clear_error_and_recovers(server, tmp_path, embedding_cache):
    path, port, proc = server
    c = Container(make_settings(tmp_path / "app", embedding_cache, chroma_host="127.0.0.1", chroma_port=port))
    c.ingestor().run([CORPUS / "002_2dc6bf13558371b9.txt"])
    q = "An Giang ký biên bản ghi nhớ với tỉnh nào của Lào?"
    assert "Champasak" in c.answers.ask(q).answer
    proc.kill()
    proc.wait()
    c.retriever.lexical.invalidate()
    with pytest.raises(StoreUnavailable, match="did not answer|does not answer"):
        c.answers.ask(q)
    again = start_chroma_server(path, port)
    try:
        c.retriever.lexical.invalidate()
        assert "Champasak" in c.answers.ask(q).answer
    finally:
        again.kill()
