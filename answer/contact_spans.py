"""A body's contact lines as direct answers: "Địa chỉ: Số 129, Hà Huy Giáp, ..." answers where it is, "Điện thoại:
(02513)843.909" how to call it (prompts/contacts.tsv names each kind's labels and the words a question asks it by)."""
from __future__ import annotations

import re
from functools import lru_cache

from answer.name_spans import Span
from core.types import AnswerType, QuestionFrame
from vntext.codes import fold_text

Contacts = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # (kind, labels, asking words), as the lexicon reads them


def asked_kinds(frame: QuestionFrame, contacts: Contacts) -> tuple[str, ...]:
    """The kinds of contact the question asks, its longest asking words first, each read once ("e-mail address" asks
    the e-mail, not the address). Read once per question, not for every sentence its spans are sought in."""
    return _asked_kinds(frame.core, contacts)


@lru_cache(maxsize=256)
def _asked_kinds(core: str, contacts: Contacts) -> tuple[str, ...]:
    asked = fold_text(core).lower()
    kinds: list[str] = []
    for kind, word in sorted(((kind, w) for kind, _, words in contacts for w in words), key=lambda x: -len(x[1])):
        pattern = rf"(?<!\w){re.escape(fold_text(word).lower())}(?!\w)"
        if re.search(pattern, asked):
            asked = re.sub(pattern, " ", asked)
            kinds += [kind] if kind not in kinds else []
    return tuple(kinds)


def contact_spans(text: str, frame: QuestionFrame, contacts: Contacts, only: str | None = None) -> list[Span]:
    """The values of the contact lines of the kinds the question asks (of any kind when it names none; of kind `only`
    alone when given)."""
    kinds = (only,) if only else asked_kinds(frame, contacts) or tuple(kind for kind, _, _ in contacts)
    labels = [lb for kind, group, _ in contacts if kind in kinds for lb in group]
    if not labels:
        return []
    alt = "|".join(re.escape(lb) for lb in sorted(labels, key=len, reverse=True))
    return [Span(AnswerType.CONTACT, m.start(1), m.end(1), m.group(1), 2)
            for m in re.finditer(rf"(?im)^[ \t]*(?:{alt})[ \t]*:[ \t]*(\S[^\n]*?)[ \t.;]*$", text)]


def asks_address(frame: QuestionFrame, contacts: Contacts) -> bool:
    """Whether a contact question asks where the body is (its address), not its phone, fax or e-mail."""
    return set(asked_kinds(frame, contacts)) <= {"address"}
