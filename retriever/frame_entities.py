"""The constraints a question names: document numbers, dates and years, places, issuing bodies, roles, document
types. Each is found from the lexicon's tables, on whole words, longest name first; spans never overlap."""
from __future__ import annotations

import re
from functools import lru_cache

from core.lexicon import Lexicon, Term
from core.types import Constraint, ConstraintKind
from vntext.codes import fold_text, find_question_codes
from vntext.legacy import is_folded_syllable
from vntext.dates import date_spans


@lru_cache(maxsize=64)
def _table_re(key: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern[str], dict[str, int]]:
    """One regex over every spelling of every term (longest first, whole words); spelling -> term index."""
    owner: dict[str, int] = {}
    for i, spellings in enumerate(key):
        for sp in spellings:
            owner.setdefault(sp, i)
    # words of a spelling may stand apart by more than one space in a text ("Ủy  ban nhân dân tỉnh")
    alt = "|".join(r"\s+".join(re.escape(w) for w in n.split(" ")) for n in sorted(owner, key=len, reverse=True))
    return (re.compile(rf"(?<!\w)(?:{alt})(?!\w)") if alt else re.compile(r"(?!)")), owner


def find_terms(text: str, terms: tuple[Term, ...], lang: str, ignore_case: bool) -> list[tuple[Term, int, int]]:
    """(term, start, end) of each term named in `text`: its Vietnamese spellings, and its English ones in English.
    Ignoring case also ignores diacritics ("chu tich" is "Chủ tịch"); offsets hold, the folding keeps lengths."""
    spell = [t.spellings + (t.english if lang == "en" else ()) for t in terms]
    key = tuple(tuple(fold_text(s) for s in sp) if ignore_case else tuple(sp) for sp in spell)
    rx, owner = _table_re(key)
    probe = fold_text(text) if ignore_case else text
    return [(terms[owner[" ".join(m.group().split())]], m.start(), m.end()) for m in rx.finditer(probe)]


def _names_document(before: str, lex: Lexicon) -> bool:
    """Whether the year that follows `before` is part of a document's name ("Bộ luật Dân sự năm 2015",
    "Luật Giáo dục 2019", "Hiến pháp năm 2013"): the document is named, no time is asked."""
    folded = fold_text(before[-80:])
    types = "|".join(re.escape(fold_text(t)) for t in (*_TITLE_WORDS, *lex.abbreviations))
    return bool(re.search(rf"\b(?:{types})\b(?:\s+[^\s,.;:?!]+){{0,8}}?\s*(?:nam|ban hanh nam|sua doi nam)?\s*$", folded))


_NAME_STOP = frozenset("năm thì đã có được là đúng sai này khi nếu cho không phải mà theo tại trong với hay hoặc do "
                       "bởi nào gì ai".split())
_NAME_STOP_PAIRS = frozenset({("quy", "định"), ("hiện", "hành"), ("sửa", "đổi"), ("bổ", "sung"), ("đối", "với"),
                              ("ban", "hành"), ("có", "hiệu")})
_TITLE_WORDS = ("Bộ luật", "Luật", "Hiến pháp", "Pháp lệnh", "Nghị định", "Điều lệ")


def named_documents(core: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, name) of documents named by title: "Luật Du lịch", "luật trọng tài thương mại", "BLDS năm 2015"
    (-> "Bộ luật dân sự"). The name runs to the first word that cannot continue a title; whether such a document
    is indexed is for the router to tell (titles are the index's, not the lexicon's)."""
    out = []
    abbrev = "|".join(re.escape(a) for a in lex.abbreviations)
    types = "|".join(re.escape(t) for t in _TITLE_WORDS)
    for m in re.finditer(rf"(?<![\w])(?:(?i:{types})|{abbrev})(?![\w])", core):
        if re.search(r"(?i:pháp|văn bản|dự|nhà|kỷ|điều)\s*$", core[max(0, m.start() - 10):m.start()]):
            continue  # "pháp luật", "dự luật", "kỷ luật"
        word = m.group()
        if word in lex.abbreviations:
            out.append((m.start(), m.end(), lex.abbreviations[word]))
            continue
        found = [(w.group(1), w.start(), w.end()) for w in re.finditer(r"\s+([\w-]+)", core[m.end():])]
        words: list[tuple[str, int]] = []
        for i, (w, ws, we) in enumerate(found):
            pair = (w.lower(), found[i + 1][0].lower()) if i + 1 < len(found) else None
            if ws != (words[-1][1] if words else 0) or w.lower() in _NAME_STOP or pair in _NAME_STOP_PAIRS \
                    or len(words) >= 8:
                break
            words.append((w, we))
        if words and words[0][0].lower() in ("này", "về", "sư", "pháp", "và", "của"):
            continue  # "luật này", "luật về ...", "Luật sư"
        if not words and word.lower() != "hiến pháp":
            continue
        end = m.end() + (words[-1][1] if words else 0)
        if re.match(r"\s+(?:này|đó|nói trên)(?!\w)", core[end:]):
            continue  # "Luật hành chính này": the law being read, not one named
        out.append((m.start(), end, core[m.start():end]))
    return out


def _free(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return not any(a < e and s < b for a, b in spans)


# a role word that qualifies an institution or a field of work names no person holding it: "cơ quan lãnh sự",
# "công tác lãnh sự", "về lãnh sự", "Tổng Lãnh sự quán", "consular affairs"
_FIELD_BEFORE = re.compile(r"(?i:(?:(?-i:Ban)|cơ quan|công tác|hoạt động|nghiệp vụ|lĩnh vực|vấn đề|quan hệ|về|mảng|phòng|"
                           r"co quan|cong tac|hoat dong|nghiep vu|linh vuc|van de|quan he|ve|mang|phong)\s+)$")
_FIELD_AFTER = re.compile(r"^(?i:\s*quán|\s*quan\b|[a-z]*\s+(?:affairs|office|section|work|services))")


def _role_as_modifier(core: str, start: int, end: int) -> bool:
    return bool(_FIELD_BEFORE.search(core[max(0, start - 14):start]) or _FIELD_AFTER.match(core[end:end + 12]))


_ROMAN = re.compile(r"[IVXLC]+")
_ACRONYM = re.compile(r"(?<![\w/.-])[A-ZĐ][A-ZĐ0-9]{2,}(?![\w/-])")


def acronyms_in(core: str, lex: Lexicon, codes: tuple[tuple[int, int], ...] = ()) -> tuple[str, ...]:
    """Names written in capitals ("KOICA", "USAID") that no lexicon file knows: not an abbreviation, an issuer's or a
    document type's symbol, a unit, a glossary term or a roman numeral, nor a placeholder ("Công ty ABC"). A
    document number's letters (`codes`: where the question's numbers stand) are the number's, not names."""
    known = lex.known_capitals
    out = []
    for m in _ACRONYM.finditer(core):
        word = m.group()
        if any(s <= m.start() < e for s, e in codes) or word in known or _placeholder(word):
            continue
        if _ROMAN.fullmatch(word) or lex.glossary.find(word):
            continue
        out.append(word)
    return tuple(dict.fromkeys(out))


def foreign_names_in(core: str, lex: Lexicon, taken: tuple[tuple[int, int], ...] = ()) -> tuple[str, ...]:
    """Capitalised words past the first that are no one Vietnamese syllable and that no table knows ("Attapeu",
    "Mondulkiri"): a foreign place or body's name, which the index must hold for the documents to speak of it.
    Vietnamese names ("Cao Huy", "Huu Nghi") are syllables; words any lexicon writes ("Cambodia", "Politburo") are
    known; `taken`: where constraints stand."""
    out = []
    for m in re.finditer(r"(?<![\w/-])([^\W\d_][^\W\d_'’]*)(?![\w/-])", core):
        word = m.group(1)
        if m.start() == 0 or not word[0].isupper() or word.isupper() or any(s <= m.start() < e for s, e in taken):
            continue
        lower = word.lower()
        if is_folded_syllable(fold_text(word)) or lower in lex.known_words or lower.endswith("s") and (
                lower[:-1] in lex.known_words or lex.glossary.find(word)):  # "NGOs", "Organisations"
            continue
        if core[:m.start()].rstrip().endswith((".", "?", "!", ":")):
            continue  # a sentence's first word
        out.append(word)
    return tuple(dict.fromkeys(out))


def qualifiers_in(core: str, lex: Lexicon, constraints: tuple[Constraint, ...], any_acronym: bool = False) -> list[Constraint]:
    """The kind of figure a quantity question asks, named by an acronym the glossary knows ("bao nhiêu vốn ODA",
    "how many FDI projects"): a figure of another kind ("8.500.000 USD" of NGO aid) does not answer it. Met by any of
    the glossary's spellings ("ODA", "hỗ trợ phát triển chính thức")."""
    out = []
    for m in _ACRONYM.finditer(core):
        if any(c.start <= m.start() < c.end for c in constraints) or lex.provinces.find(m.group()):
            continue
        spellings = tuple(dict.fromkeys(v for g in lex.glossary.find(m.group()) for v in g.variants))
        known = m.group() in lex.known_capitals or _ROMAN.fullmatch(m.group())
        if (spellings or any_acronym and not known) and m.group() not in {c.value for c in out}:
            out.append(Constraint(ConstraintKind.QUALIFIER, m.group(), m.group(), m.start(), m.end(),
                                  (m.group(),) + spellings))
    # the same kind written out in English ("foreign direct investment projects": FDI), known by its acronym
    for g in lex.glossary.find(core):
        acronym = next((v for v in g.variants if _ACRONYM.fullmatch(v)), None)
        if acronym is None or g.english == acronym or acronym in {c.value for c in out} \
                or any(c.start <= g.start < c.end for c in constraints):
            continue
        spellings = tuple(dict.fromkeys(v for x in lex.glossary.find(acronym) for v in x.variants))
        out.append(Constraint(ConstraintKind.QUALIFIER, acronym, core[g.start:g.end], g.start, g.end,
                              tuple(dict.fromkeys((acronym, *g.variants, *spellings)))))
    return out


def _placeholder(word: str) -> bool:
    """"ABC", "XYZ", "AAA": the letters a hypothetical names a party by."""
    letters = [ord(c) for c in word if c.isalpha()]
    return len(set(letters)) == 1 or all(b - a == 1 for a, b in zip(letters, letters[1:]))


def constraints_in(core: str, lang: str, lex: Lexicon) -> list[Constraint]:
    out: list[Constraint] = []
    taken: list[tuple[int, int]] = []

    def add(kind: ConstraintKind, value: str, s: int, e: int, spellings: tuple[str, ...] = ()) -> None:
        if _free(taken, s, e):
            out.append(Constraint(kind, value, core[s:e], s, e, spellings or (core[s:e],)))
            taken.append((s, e))

    for s, e, name in named_documents(core, lex):
        add(ConstraintKind.DOCUMENT, name, s, e)
    for cm in find_question_codes(core):
        value = f"{cm.doc_type} {cm.code}" if cm.shorthand else cm.code
        add(ConstraintKind.CODE, value, cm.mention_start if cm.mention_start >= 0 else cm.start, cm.end)
        if cm.doc_type:
            out.append(Constraint(ConstraintKind.DOC_TYPE, cm.doc_type, cm.doc_type, cm.mention_start, cm.start))
    for d in date_spans(core):
        if not d.year:
            continue  # a day of every year ("trước ngày 15 tháng 11 hằng năm") constrains no year
        if not _free(taken, d.start, d.end) or (len(d.iso) == 4 and _names_document(core[:d.start], lex)):
            continue
        kind = ConstraintKind.DATE if len(d.iso) == 10 else ConstraintKind.YEAR
        add(kind, d.iso if kind == ConstraintKind.DATE else d.year, d.start, d.end, (core[d.start:d.end], d.year))
    for term, s, e in find_terms(core, lex.roles, lang, ignore_case=True):
        if not _role_as_modifier(core, s, e):
            add(ConstraintKind.ROLE, term.vi, s, e, term.spellings)
    for term, s, e in find_terms(core, lex.issuers, lang, ignore_case=True):
        if not re.search(r"(?i:phi|non)[ -]$", core[max(0, s - 4):s]):  # "tổ chức phi chính phủ" names no government
            add(ConstraintKind.ORGANISATION, term.vi, s, e, term.spellings)
    places = lex.provinces
    by_name: dict[str, list[str]] = {}
    for spelling, canonical in places.canonical.items():
        by_name.setdefault(canonical, []).append(spelling)
    for canonical, s, e in places.find(core, ignore_case=True):
        add(ConstraintKind.PLACE, canonical, s, e, tuple(by_name.get(canonical, [canonical])))
    for term, s, e in find_terms(core, lex.countries, lang, ignore_case=False):
        add(ConstraintKind.PLACE, term.vi, s, e, term.spellings)
    for s, e in _named_localities(core, taken):
        add(ConstraintKind.PLACE, core[s:e], s, e)
    return sorted(out, key=lambda c: c.start)


# a border gate or district named with its kind: "cửa khẩu Hữu Nghị", "huyện Đồng Văn", "the Huu Nghi border gate",
# "Dong Van district"; the name is its capitalised words
_LOCALITY_VI = re.compile(r"(?i:cửa khẩu|cua khau|huyện|huyen)(?:\s+(?i:quốc tế|quoc te|chính|chinh|phụ|phu))?\s+"
                          r"((?:[^\W\d_]+)(?:\s+[^\W\d_]+){0,3})")
_LOCALITY_EN = re.compile(r"((?:[^\W\d_]+\s+){1,3})(?i:international\s+)?(?i:border gate|border crossing|district)\b")


_ASKING = frozenset({"which", "what", "the", "this", "that", "each", "how", "many", "a", "an"})


def _named_localities(core: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the question names a border gate or district ("cửa khẩu Tân Thanh"): a sentence about another one does
    not answer it. Only capitalised words count as the name, and none that another constraint took (a province, a
    country)."""
    out = []
    for m in _LOCALITY_VI.finditer(core):
        words = list(re.finditer(r"[^\W\d_]+", m.group(1)))
        n = next((i for i, w in enumerate(words) if not w.group()[0].isupper()), len(words))
        if n:
            out.append((m.start(1), m.start(1) + words[n - 1].end()))
    for m in _LOCALITY_EN.finditer(core):
        words = list(re.finditer(r"[^\W\d_]+", m.group(1)))
        k = len(words)
        while k and words[k - 1].group()[0].isupper() and words[k - 1].group().lower() not in _ASKING:
            k -= 1
        if k < len(words):
            out.append((m.start(1) + words[k].start(), m.start(1) + words[-1].end()))
    return [(s, e) for s, e in out if _free(taken, s, e)]
