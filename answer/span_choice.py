"""Which of a sentence's spans answers, and which may: the figure, date or name beside what the question says of it.

A typed question's sentence often holds several spans of the asked type ("35 khu công nghiệp, trong đó 31 khu công
nghiệp đang hoạt động"; "cam kết tài trợ 8.500.000 USD, ... đã giải ngân 2.899.847 USD"; "Thực hiện Quyết định ...
của Bộ Chính trị, ... Ban chỉ đạo ... do Ủy ban nhân dân tỉnh quản lý"). The one chosen is the one beside what the
question says was done (its relation), beside what qualifies the asked entity ("tổ chức nào của Bỉ"), carrying the
question's restrictions of the counted noun, else the nearest to the question's words, those beside the question
word weighing more."""
from __future__ import annotations

import re

from answer.spans import Span
from core.lexicon import Lexicon
from core.types import AnswerType, ConstraintKind, QuestionFrame
from vntext.codes import fold_text
from vntext.places import COMPASS, side_in_english


def choose_span(frame: QuestionFrame | None, sent: str, spans: tuple[Span, ...], terms: set[str],
                glossary=None) -> Span:
    """The span of sentence `sent` that answers: beside what the question says was done (its relation); else nearest
    to what qualifies the asked entity ("tổ chức nào của Bỉ": Bỉ); else the one carrying most of the question's
    restrictions of the counted noun, then the closest to the question's words: each distinct word counts by its
    nearness (1 beside the span, 1/2 ten characters away ...; words inside the span do not count for it); a fuller
    match of the asked unit breaks a tie."""
    if frame is not None and len(spans) > 1 and frame.answer_type == AnswerType.YESNO:
        # a figure a yes/no question claims: the span that writes it confirms it ("35 khu công nghiệp", not the
        # "31 khu công nghiệp" beside it)
        claimed = set(_FIGURE.findall(frame.core))
        same = [sp for sp in spans if set(_FIGURE.findall(sp.text)) & claimed]
        if same:
            return same[0]
    if frame is not None and len(spans) > 1 and (side := _side(frame)):
        # "phía Nam giáp với đâu", "to the south of": the place in the clause the sentence opens with that side
        # ("..., phía Nam giáp tỉnh Bình Phước"), not one beside another side that ends the same ("phía Đông và Đông
        # Nam giáp tỉnh Lâm Đồng")
        folded = fold_text(sent)
        for m in re.finditer(rf"\bphia {side}\b(?! (?:bac|nam))", folded):
            end = folded.find(",", m.end())
            inside = [sp for sp in spans if m.end() <= sp.start and (end < 0 or sp.end <= end)]
            if inside:
                return inside[0]
    if frame is not None and len(spans) > 1 and _asks_subject(frame):
        # "Tỉnh nào có 130 km đường biên giới giáp Campuchia?": the province the sentence is about ("Đối với tỉnh Đăk
        # Nông, ... phía Nam giáp tỉnh Bình Phước, phía Tây giáp Campuchia với 130 km ..."), not a neighbour it borders
        named = {c.value for c in frame.of(ConstraintKind.PLACE)}
        subjects = [sp for sp in spans if sp.text not in named
                    and not _BORDERED.search(fold_text(sent[max(0, sp.start - 24):sp.start]))]
        if subjects:
            return subjects[0]
    if frame is not None and frame.relation:
        acts = [m.span() for m in re.finditer(rf"\b{' '.join(frame.relation)}\b", fold_text(sent))]
        if frame.answer_type == AnswerType.QUANTITY:
            # "how much has been paid out": the amount written after what was done with it ("cam kết tài trợ
            # 8.500.000 USD, ... đã giải ngân 2.899.847 USD")
            after = [sp for sp in spans if any(b <= sp.start for _, b in acts)]
            if after:
                return min(after, key=lambda sp: min(sp.start - b for _, b in acts if b <= sp.start))
        elif acts:
            # "cơ quan nào quản lý": the body written beside what it does ("... do Ủy ban nhân dân tỉnh quản lý",
            # "Sở Ngoại vụ chủ trì"), not one named earlier in the sentence
            return min(spans, key=lambda sp: min(a - sp.end if sp.end <= a else max(0, sp.start - b)
                                                 for a, b in acts))
    if frame is not None and len(spans) > 1 and _asks_counterpart(frame):
        # "ký biên bản ghi nhớ với đối tác nào", "which company did Kon Tum sign ... with": the other party, not the
        # body of the province that asks ("UBND tỉnh Kon Tum và doanh nghiệp Hàn Quốc")
        asking = [c for c in frame.of(ConstraintKind.PLACE) if not _qualifies(frame, c)]  # not "which Japanese ..."
        others = [sp for sp in spans if not any(
            re.match(rf"\s*(?:tỉnh|thành phố)?\s*{re.escape(c.value)}", sent[sp.end:sp.end + 40]) or c.value in sp.text
            for c in asking)]
        spans = tuple(others) or spans
    qualifiers = _qualifier_at(frame, sent) if frame is not None else []
    if qualifiers:
        # a qualifier inside the span is the span's own ("Cơ quan Hợp tác quốc tế Nhật Bản (JICA)" for "Japanese")
        return min(spans, key=lambda sp: (min(0 if sp.start <= h < sp.end else sp.start - h if h < sp.start
                                               else h - sp.end for h in qualifiers), -sp.strength))
    folded_terms = {fold_text(t) for t in terms}
    hits = [(m.start(), m.end()) for m in re.finditer(r"\w+", sent) if fold_text(m.group()) in folded_terms]
    asked = _beside_ask(frame, glossary) if frame is not None else {}

    def key(sp: Span) -> tuple[float, int]:
        nearest: dict[str, int] = {}
        for a, b in hits:
            if b <= sp.start or a >= sp.end:
                d, w = (a - sp.end if a >= sp.end else sp.start - b), fold_text(sent[a:b])
                if asked.get(w) == _QUALIFIER_WEIGHT:
                    continue  # restrictions are counted by _restricted
                nearest[w] = min(d, nearest.get(w, d))
        return (-sum(asked.get(w, 1.0) / (1 + d / 10) for w, d in nearest.items()), -sp.strength)

    restricted = _restricted(frame, sent, spans, asked) if frame is not None else {}
    if frame is not None and frame.answer_type == AnswerType.QUANTITY and not restricted \
            and (marks := _party_marks(frame, fold_text(sent))) and len(spans) > 1:
        # "VECO ký bao nhiêu thỏa thuận?": the figure written with the party named, within the clause that names it
        # ("...; 22 dự án ODA ... với tổng vốn đầu tư trên 700 tỷ đồng"), the figure before the name first ("1 thỏa
        # thuận với Tổ chức VECO")
        def clause(at: int) -> int:
            return sent.count(";", 0, at)
        return min(spans, key=lambda sp: (min((clause(m) != clause(sp.start), m - sp.end if m >= sp.end
                                                else sp.start - m + 1000) for m in marks), -sp.strength))
    if frame is not None and frame.answer_type == AnswerType.QUANTITY and not restricted \
            and not _PART_OF.search(fold_text(frame.core)) and (part := _PART_OF.search(fold_text(sent))) \
            and not _named_in_part(frame, fold_text(sent), part.start()):
        # "đã ký kết tổng cộng 7 thỏa thuận quốc tế ...; trong đó có 5 thỏa thuận ký kết với ...": a count asked
        # with no restriction is the total, not the part counted after "trong đó" ("of which"), unless the
        # question names what only the part is about ("VECO ký bao nhiêu thỏa thuận?": "1 thỏa thuận với ... VECO")
        spans = tuple(sp for sp in spans if sp.end <= part.start()) or spans
    return min(spans, key=lambda sp: (-restricted.get(sp.start, 0),) + key(sp))


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_SIDE = re.compile(rf"\bphia ({'|'.join(fold_text(w) for w in COMPASS)})\b(?! va)")


def _side(frame: QuestionFrame) -> str | None:
    """The side of a place the question asks of, folded ("phia Nam giap ..." / "to the south of ..." -> "nam")."""
    if frame.lang == "en":
        side = side_in_english(frame.core)
        return fold_text(side) if side else None
    m = _SIDE.search(fold_text(frame.core))
    return m.group(1) if m else None
_COUNTERPART_VI = re.compile(r"\bvoi (?:[a-z]+ ){0,3}(?:nao|gi)\b")
_COUNTERPART_EN = re.compile(r"(?i)\bwith (?:which|what|whom)\b|^(?:which|what|who)\b.*\bwith\s*\??\s*$")


# a province asked as the subject of what the question says ("tỉnh nào có ...", "which province shares ..."), not as
# the one a named place borders or deals with ("Đăk Nông giáp tỉnh nào", "which province does X border")
_SUBJECT_VI = re.compile(r"(?:^|[,:]\s*)(?:tinh|dia phuong) nao (?!giap|tiep giap)")
_SUBJECT_EN = re.compile(r"^(?:in |of )?which (?:vietnamese )?(?:province|locality) (?!do |does |did |is |was |are |were )", re.I)
_BORDERED = re.compile(r"(?:giap|tiep giap|(?<!doi )voi|sang|den)\s+(?:tinh\s+)?$")


def _asks_subject(frame: QuestionFrame) -> bool:
    """Whether a question asks which province did or has what it says."""
    if frame.answer_type != AnswerType.PLACE or frame.list_of != "province":
        return False
    return bool(_SUBJECT_VI.search(fold_text(frame.core)) if frame.lang == "vi" else _SUBJECT_EN.search(frame.core))


def _asks_counterpart(frame: QuestionFrame) -> bool:
    """Whether the question asks for the other party of what its place did ("với đối tác nào", "... with?")."""
    if frame.answer_type not in (AnswerType.ORGANISATION, AnswerType.PERSON):
        return False
    return bool(_COUNTERPART_VI.search(fold_text(frame.core)) if frame.lang == "vi" else _COUNTERPART_EN.search(frame.core))


_PARTIES = (ConstraintKind.ORGANISATION, ConstraintKind.QUALIFIER)


def _named_at(frame: QuestionFrame, folded: str, kinds: tuple[ConstraintKind, ...]) -> list[list[int]]:
    """For each thing the question names of `kinds`, and each name in capitals no lexicon knows ("VECO"): where the
    (folded) sentence writes it, by any of its spellings."""
    names = [tuple(sp for sp in c.spellings if sp.strip()) for c in frame.constraints if c.kind in kinds]
    names += [(a,) for a in frame.acronyms]
    return [[m.start() for sp in spellings for m in re.finditer(rf"\b{re.escape(fold_text(sp))}\b", folded)]
            for spellings in names]


def _party_marks(frame: QuestionFrame, folded: str) -> list[int]:
    """Where the sentence names a body, kind or name in capitals the question names (not its places or years)."""
    return [at for where in _named_at(frame, folded, _PARTIES) for at in where]


def _named_in_part(frame: QuestionFrame, folded: str, at: int) -> bool:
    """Whether a body, place or kind the question names is written only after `at` in the (folded) sentence."""
    return any(where and min(where) >= at for where in _named_at(frame, folded, _PARTIES + (ConstraintKind.PLACE,)))


def asked_abroad(frame: QuestionFrame, lex: Lexicon) -> bool:
    """Whether the places asked are qualified by a foreign country ("tỉnh nào của Campuchia", "which provinces of
    Laos")."""
    if frame.list_of not in ("province", "district") or frame.ask_at < 0:
        return False
    if _OTHER_SIDE.search(frame.core[frame.ask_at:]):
        return True  # "tỉnh nào bên phía nước bạn", "which province on the Cambodian side"
    countries = {t.vi for t in lex.countries} - {"Việt Nam"}
    return any(c.value in countries and c.start > frame.ask_at and (_QUALIFIES.match(frame.core[frame.ask_at:c.start])
                                                                    or _ADJECTIVE.match(frame.core[frame.ask_at:c.start]))
               for c in frame.constraints)


def _beside_ask(frame: QuestionFrame, glossary=None) -> dict[str, float]:
    """Words written right beside the question word weigh more in choosing among a sentence's figures: in "đã giải
    ngân được bao nhiêu tiền từ các khoản tài trợ", "giải ngân" says which figure is asked, not "tài trợ"
    ("cam kết tài trợ 8.500.000 USD, ... đã giải ngân 2.899.847 USD"). Weight 1 + 1 / (1 + words between)."""
    if frame.ask_at < 0:
        return {}
    words = list(re.finditer(r"\w+", fold_text(frame.core)))
    at = next((i for i, m in enumerate(words) if m.start() >= frame.ask_at), len(words))
    out: dict[str, float] = {}
    for i, m in enumerate(words):
        gap = at - i - 1 if i < at else i - at - 2  # words between it and the question word ("bao nhiêu": 2 words)
        out[m.group()] = max(out.get(m.group(), 1.0), 1.0 + 1.0 / (1 + max(gap, 0)))
    if frame.answer_type == AnswerType.QUANTITY and frame.unit:
        # what follows the counted noun restricts it: "bao nhiêu khu công nghiệp đang hoạt động" is "31 khu công
        # nghiệp đang hoạt động", not the "35 khu công nghiệp" the province has in all
        unit = fold_text(frame.unit).split()
        names = [m.group() for m in words]
        for i in range(at, len(names) - len(unit) + 1):
            if names[i:i + len(unit)] == unit:
                after = words[i + len(unit): i + len(unit) + (7 if frame.lang == "en" else 4)]
                if frame.lang == "en":
                    # "how many international agreements were with Guangxi": the restriction is what a preposition
                    # brings ("has Lang Son signed" is the clause), as the Vietnamese passage writes it ("Quảng Tây")
                    at_prep = next((k for k, w in enumerate(after) if w.group() in _EN_RESTRICTING or (
                        w.group() in ("are", "were", "is", "was") and k + 1 < len(after)
                        and after[k + 1].group() != "there")), None)  # "are operating", "were with"
                    rest = fold_text(frame.core)[after[at_prep].end():after[-1].end()] if at_prep is not None else ""
                    after = [w for g in (glossary.find(rest) if glossary is not None and rest else ())
                             for v in g.variants[:1] for w in re.finditer(r"\w+", fold_text(v))]
                for m in after:
                    if m.group() not in _FUNCTION_WORDS:  # "với", "của" restrict nothing by themselves
                        out[m.group()] = max(out.get(m.group(), 1.0), _QUALIFIER_WEIGHT)
                break
    return out


def _restricted(frame: QuestionFrame, sent: str, spans: tuple[Span, ...], asked: dict[str, float]) -> dict[int, int]:
    """How many of the question's restrictions of the counted noun ("bao nhiêu khu công nghiệp đang hoạt động") each
    figure carries. A restriction qualifies the mention of the noun written last before it: the figure written with
    that mention ("31 khu công nghiệp đang hoạt động", "5 thỏa thuận ký kết với ... Quảng Tây"), or, when the mention
    has no figure of its own, the figure after it ("tổng số thỏa thuận còn hiệu lực ... lên 21 thỏa thuận")."""
    qualifiers = {w for w, weight in asked.items() if weight == _QUALIFIER_WEIGHT}
    if not qualifiers or not frame.unit:
        return {}
    folded = fold_text(sent)
    # an English count's noun as the passage writes it ("agreements": "thỏa thuận")
    nouns = {fold_text(w).split()[0] for w in (frame.unit, *(frame.unit_spellings if frame.lang == "en" else ()))
             if w.strip()}
    mentions = sorted(m.start() for noun in nouns for m in re.finditer(rf"\b{re.escape(noun)}\b", folded))
    out: dict[int, int] = {}
    for m in re.finditer(r"\w+", folded):
        if m.group() not in qualifiers:
            continue
        before = [x for x in mentions if x < m.start()]
        if not before:
            continue
        at = before[-1]
        owner = next((sp for sp in spans if sp.start <= at < sp.end), None) or next(
            (sp for sp in spans if sp.start > m.start()), None)
        if owner is not None:
            out[owner.start] = out.get(owner.start, 0) + 1
    return out


_PART_OF = re.compile(r"\b(?:trong do|trong so do|trong so nay|of which|of them|among them|including)\b")  # folded
_EN_RESTRICTING = frozenset("with from for to by in under".split())
_FUNCTION_WORDS = frozenset("voi cua o tai trong cho va la co da duoc phia ben tu den ma thi nao gi".split())  # folded
_QUALIFIER_WEIGHT = 3.0  # above any word beside the question word (at most 2): a restriction outweighs a verb


_OTHER_SIDE = re.compile(r"(?i)\b(?:(?:bên\s+)?phía\s+(?:nước\s+)?bạn|của\s+nước\s+bạn|bên\s+kia\s+biên\s+giới|"
                         r"(?:on|from)\s+the\s+(?:other|foreign|\w+)\s+side|across\s+the\s+border)\b")
_ADJECTIVE = re.compile(r"^(?:which|what)\s+(?:\w+\s+)?$", re.I)  # "which (two) Cambodian provinces"
# "tổ chức nào của Bỉ", "which organisation from Belgium"; "which Japanese agency" (the demonym right after "which")
_QUALIFIES = re.compile(r"^\w+(?:\s+\w+){0,2}?\s+(?:của|from|of|in)\s+$|^(?:which|what|any|some)\s+$", re.I)


def _qualifier_at(frame: QuestionFrame, sentence: str) -> list[int]:
    """Where the sentence names the constraint that qualifies the asked entity right after the question word
    ("tỉnh nào của Lào", "tổ chức nào của Bỉ", "which organisation from Belgium")."""
    if frame.ask_at < 0:
        return []
    folded = fold_text(sentence)
    for c in frame.constraints:
        if _qualifies(frame, c):
            return [m.start() for sp in c.spellings if sp for m in re.finditer(re.escape(fold_text(sp)), folded)]
    return []


def _qualifies(frame: QuestionFrame, c) -> bool:
    """Whether a constraint qualifies the asked entity right after the question word ("tổ chức nào của Bỉ")."""
    return frame.ask_at >= 0 and c.start > frame.ask_at and bool(_QUALIFIES.match(frame.core[frame.ask_at:c.start]))
