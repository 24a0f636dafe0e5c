"""Cut the words around a question that carry no content (prompts/filler.tsv): "Chào anh chị, tôi là cán bộ Sở
Ngoại vụ tỉnh Kon Tum, cho tôi hỏi tỉnh mình tiếp giáp với những nước nào ạ?" -> "tỉnh Kon Tum tiếp giáp với
những nước nào?". A province named only in the self-introduction stands in for "tỉnh mình", "tỉnh" alone or
"our province" in the question."""
from __future__ import annotations

import re

from core.lexicon import Lexicon
from vntext.codes import fold_text

_CLAUSE = re.compile(r"[^.!?;,\n]+[.!?;,\n]*")
_BARE_PROVINCE = re.compile(r"\b(?:tỉnh|the province)\b(?!\s+(?-i:[A-ZĐ]))", re.I)
_OWN_PLACE = re.compile(r"\b(?:tỉnh|thành phố) (?:mình|tôi|nhà|ta|chúng tôi|chúng ta|em)\b|\b(?:our|my) province\b", re.I)


def _lower(text: str) -> str:
    """Lower-cased, same length (the filler patterns match this; Vietnamese ones take bare letters too)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _matchable(clause: str) -> tuple[str, str]:
    """(folded Vietnamese form, lower-case form) of a clause without its closing punctuation; same length."""
    body = clause.strip().rstrip(".!?;,").strip()
    return fold_text(body), _lower(body)


def _is_segment(clause: str, lex: Lexicon) -> bool:
    return any(p.kind == "segment" and p.regex.search(_matchable(clause)[1]) for p in lex.filler)


_CONTINUATION = re.compile(r"^(?:va |nen |hien |cung )?(?:dang|hien dang|moi|vua|can|muon|co nhiem vu|phu trach|duoc giao|"
                           r"lam|chuan bi|tim hieu|working|preparing|currently|and i|responsible)\b")
_QUESTION_WORD = re.compile(r"\b(?:nao|gi|ai|bao nhieu|may|khi nao|bao gio|dau|what|which|who|when|where|how)\b|\?")


def _asks(clause: str) -> bool:
    vi, _ = _matchable(clause)
    return bool(_QUESTION_WORD.search(vi + " " + clause))


def _continues_intro(clause: str) -> bool:
    """A clause that goes on with a self-introduction (what the asker is doing) and asks nothing."""
    vi, en = _matchable(clause)
    return bool(_CONTINUATION.search(vi) or _CONTINUATION.search(en)) and not _QUESTION_WORD.search(vi + " " + clause)


def _cut(text: str, kind: str, lex: Lexicon) -> tuple[str, str]:
    """(text without the prefix/suffix filler, the part cut)."""
    for p in lex.filler:
        if p.kind != kind:
            continue
        probe = _lower(text)  # same length as text
        m = p.regex.search(probe)
        if m and m.group().strip() and (kind == "prefix" and m.start() == 0 or kind == "suffix" and m.end() == len(probe)):
            keep = text[m.end():] if kind == "prefix" else text[:m.start()]
            if re.search(r"\w", keep):
                return keep, text[m.start():m.end()]
    return text, ""


def strip_filler(text: str, lex: Lexicon) -> tuple[str, tuple[str, ...]]:
    """(the question without filler, the filler parts). Never returns an empty question."""
    clauses = [m.group() for m in _CLAUSE.finditer(text)]
    if len(clauses) <= 1 and not clauses:
        return text, ()
    kept, dropped = [], []
    intro = False  # the previous clause introduced the asker: "..., đang chuẩn bị số liệu cho báo cáo."
    sentence = False  # ... and its sentence goes on: "em là cán bộ Phòng Hợp tác quốc tế, Sở Ngoại vụ Kon Tum, ..."
    for i, clause in enumerate(clauses):
        # the rest of an introducing sentence asks nothing when a later sentence asks ("Em là chuyên viên Sở Y tế,
        # giám đốc sở em vừa đi Nhật về. Cho em hỏi ...")
        aside = sentence and not kept and not _asks(clause) and any(_asks(c) for c in clauses[i + 1:])
        if _is_segment(clause, lex) or (intro and not kept and _continues_intro(clause)) or aside:
            dropped.append(clause.strip())
            intro = True
            sentence = not re.search(r"[.!?\n]\s*$", clause)
        else:
            kept.append(clause)
            intro = False
    if not kept:
        return text, ()
    core = " ".join(c.strip() for c in kept)
    # trailing greetings after the question mark ("... nào? Cảm ơn anh.") were dropped as clauses; now the edges
    mark = re.search(r"[?.!]+$", core.strip())
    core = core.strip()[: mark.start()] if mark else core.strip()
    for kind in ("prefix", "suffix"):
        core, cut = _cut(core.strip(), kind, lex)
        if cut.strip():
            dropped.append(cut.strip(" ,"))
    # the closing mark as typed: '?' when the question had one, else a statement's own full stop ("Nhận định sau
    # đúng hay sai: ... ."), so a question without filler reaches retrieval as written
    closing = mark.group() if mark else ""
    core = core.strip(" ,;:") + ("?" if "?" in closing or text.rstrip().endswith("?") else "." if "." in closing else "")
    core = _own_place(core, dropped, lex)
    return (core or text), tuple(d for d in dropped if d)


def _own_place(core: str, dropped: list[str], lex: Lexicon) -> str:
    """"tỉnh mình" -> "tỉnh Kon Tum" when the self-introduction named exactly one province."""
    named = {name for part in dropped for name, _, _ in lex.provinces.find(part, ignore_case=True)}
    if len(named) != 1 or lex.provinces.find(core, ignore_case=True):
        return core
    place = named.pop()
    m = _OWN_PLACE.search(core) or _BARE_PROVINCE.search(core)  # "tỉnh mình", or "tỉnh" alone
    if not m:
        return core
    word = "province " + place if m.group().lower().endswith("province") else "tỉnh " + place
    return core[:m.start()] + word + core[m.end():]
