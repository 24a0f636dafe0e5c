"""ui.conversations: what the page keeps in the browser — save, list, reopen, rename, delete; anything the browser
sends back is checked; earlier turns go to the answer service with their answers."""
from __future__ import annotations

from core.types import Answer, Turn
from ui import conversations as convs


def turn(q: str, **kw) -> dict:
    cite = {"n": 1, "source": "corpus/a.txt", "title": "T", "quote": "38-CT/TW", "start": 0, "end": 8, "doc_id": "a",
            "locality": None, "date": None, "heading": None, "locator": None}
    return {"question": q, "answer": "- “38-CT/TW” [1]", "citations": [cite], "mode": "extractive", "error": False,
            "html": "<div>x</div>", "asked_as": q, "references": [{"code": "38-CT/TW"}], "abstained": False, **kw}


def test_save_lists_newest_first_and_drops_the_rendered_html():
    store, a = convs.save(convs.empty(), None, [turn("Chỉ thị nào quy định về quản lý đoàn ra?")])
    store, b = convs.save(store, None, [turn("Kon Tum giáp nước nào?")])
    assert a != b and store["current"] == b
    assert [label.split(" · ")[:2] for label, _ in convs.choices(store)] == [
        ["Kon Tum giáp nước nào?", "1 câu hỏi"], ["Chỉ thị nào quy định về quản lý đoàn ra?", "1 câu hỏi"]]
    assert convs.choices(store, "en")[0][0].split(" · ")[1] == "questions: 1"
    store, again = convs.save(store, a, [turn("Chỉ thị nào quy định về quản lý đoàn ra?"), turn("Ai ban hành nó?")])
    assert again == a and [i for _, i in convs.choices(store)] == [a, b]
    assert len(convs.find(store, a)["turns"]) == 2 and "html" not in convs.find(store, a)["turns"][0]


def test_title_rename_delete_and_choose():
    long_q = "Các văn bản nào của Bộ Chính trị quy định về quản lý thống nhất các hoạt động đối ngoại ở địa phương?"
    store, a = convs.save(convs.empty(), None, [turn(long_q)])
    title = convs.find(store, a)["title"]
    assert len(title) <= convs.TITLE_CHARS and title.endswith("…")
    store = convs.rename(store, a, "  Quy chế   272 ")
    assert convs.find(store, a)["title"] == "Quy chế 272"
    assert convs.find(convs.rename(store, a, "   "), a)["title"] == "Quy chế 272"  # a blank name changes nothing
    store2, b = convs.save(store, None, [turn("Câu khác")])
    assert convs.choose(store2, a)["current"] == a and convs.choose(store2, "nope")["current"] is None
    left = convs.delete(store2, b)
    assert left["current"] is None and [i for _, i in convs.choices(left)] == [a]


def test_bounded_and_malformed_values_come_back_empty():
    store = convs.empty()
    for k in range(convs.MAX_CONVERSATIONS + 5):
        store, _ = convs.save(store, None, [turn(f"Câu {k}")] * (convs.MAX_TURNS + 3))
    assert len(store["items"]) == convs.MAX_CONVERSATIONS and all(len(i["turns"]) == convs.MAX_TURNS for i in store["items"])
    store, big = convs.save(store, None, [turn("x" * 100_000)])
    assert len(convs.find(store, big)["turns"][0]["question"]) == convs.MAX_TEXT_CHARS + 1
    for bad in (None, "x", [], {"v": 99, "items": []}, {"v": 1, "items": "x"}):
        assert convs.load(bad) == convs.empty()
    odd = convs.load({"v": 1, "current": "gone", "items": [{"id": "a", "turns": [{"q": 1}, "x", {"question": "ok"}]}, 5]})
    assert odd["current"] is None and [i["id"] for i in odd["items"]] == ["a"]
    assert [t["question"] for t in convs.restored_turns(odd["items"][0])] == ["ok"]


def test_history_passes_each_question_with_its_answer():
    turns = [turn("Chỉ thị nào quy định về quản lý đoàn ra?"), turn("boom", error=True), turn("Ai ban hành nó?")]
    turns[2]["citations"] = [{"n": 1, "bogus": True}]  # a stored answer that no longer reads back: the question alone
    hist = convs.history(turns)
    assert len(hist) == 2 and isinstance(hist[0], Turn) and isinstance(hist[0].answer, Answer)
    assert hist[0].answer.citations[0].doc_id == "a" and hist[0].answer.references == [{"code": "38-CT/TW"}]
    assert hist[1] == "Ai ban hành nó?"
