"""Names in a sentence as direct-answer spans: a person (a name led by a family name or a title: "ông",
"đồng chí"), an organisation (an issuing body, an acronym or a named body: "Tổ chức VECO"), the office a person holds
("Phó Chủ tịch Ủy ban nhân dân tỉnh"), a place (a province, a country, a named foreign locality: "tỉnh Champasak";
a region: "vùng Tây Nguyên"). Offsets are into the sentence's text."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from core.lexicon import Lexicon
from core.types import AnswerType
from retriever.frame_entities import find_terms
from vntext.codes import find_codes
from vntext.legacy import is_syllable

# an upper-case first letter, Vietnamese ones included ("À-Ỹ" as a range would take lower-case "ở", "đ" too)
_UPPER = "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isalpha() and c.isupper())
_CAP = rf"[A-Z{_UPPER}][\wÀ-ỹ'-]*"
# a word of a name after its capitalised first word ("Cơ quan Hợp tác quốc tế Nhật Bản"); never a word that
# starts what follows the name ("Lãnh sự quán Ý tại ...", "... của ...", "... và ...")
_LOW = (r"(?!(?:tại|của|và|với|ở|trong|đã|để|cho|từ|là|trên|về|theo|thuộc|đến|sang|nhằm|được|có|như|cùng|gồm)(?!\w))"
        r"[a-zđà-ỹ][\w-]*")
_HEADS = (r"Tổ chức|Hiệp hội|Hội|Quỹ|Ngân hàng|Công ty|công ty|[Dd]oanh nghiệp|Tập đoàn|Viện|Trường|Đại học|Trung tâm|"
          r"Cơ quan|Ủy ban|Bộ|Sở|Ban|Văn phòng|Đại sứ quán|Tổng Lãnh sự quán|Lãnh sự quán|Chương trình|Liên hiệp|"
          r"Tổng cục|Cục")
# a field a body is named after, each word capitalised on its first syllable only ("Văn hóa", "Du lịch"); fields
# joined as a department's name joins them ("Văn hóa, Thể thao và Du lịch", "Kế hoạch và Đầu tư"), never a second
# body ("Bộ Ngoại giao và Bộ Công an")
_LOW_NEXT = r"và|tỉnh|thành phố|huyện|tại|của|đã|đang|sẽ|được|cho|với|về|trong|nhằm|để|cùng|thuộc|là"
_FIELD = rf"(?!(?:{_HEADS})\b){_CAP}(?:\s+{_LOW})?"
_NAMED_BODY = re.compile(rf"\b(?:{_HEADS})(?:\s+{_CAP}(?:\s+{_LOW}(?=\s+{_CAP}|\s*[,.;:()]|\s*$|\s+(?:{_LOW_NEXT})\b))?){{1,6}}"
                         rf"(?:(?:,\s+{_FIELD})*\s+và\s+{_FIELD}(?=\s+[a-zđà-ỹ]|\s*[,.;:(]|\s*$))?"
                         rf"(?:(?:\s+{_LOW}){{1,4}}(?:\s+{_CAP}){{1,4}})?(?:\s*\([A-ZĐ]{{2,8}}\))?")
# a body named in lower case after its kind, with the province or city it is of ("Liên hiệp các tổ chức hữu nghị tỉnh
# Đồng Nai", "Ban chỉ đạo công tác thông tin đối ngoại tỉnh An Giang", "... tỉnh," with the province left implied)
_LOCAL_BODY = re.compile(rf"\b(?:Liên hiệp|Ban [Cc]hỉ đạo|Hiệp hội|Hội(?!\s+(?:nghị|thảo|đàm|chợ|diễn|nhập|đồng|viên|trại|họp)\b)|"
                         rf"Trung tâm|Câu lạc bộ|Quỹ|Ủy ban|Uỷ ban)(?:\s+{_LOW}){{1,7}}\s+(?:tỉnh|thành phố|huyện)"
                         rf"(?:\s+{_CAP}(?:\s+{_CAP}){{0,2}}|(?=\s*[,.;:)]))")
_ACRONYM = re.compile(r"(?<![\w-])[A-ZĐ]{2,8}(?![\w/-])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_FOREIGN_PLACE = re.compile(rf"\b(?P<kind>tỉnh|thành phố|huyện|xã|bang|khu tự trị|vùng|thủ đô|quận|châu|tiểu bang|"
                            rf"phía(?!\s+(?:Bắc|Nam|Đông|Tây|Trung|Tây Nam|Đông Nam|Tây Bắc|Đông Bắc|Việt Nam)\b)|"
                            rf"cửa khẩu(?:\s+(?:quốc tế|chính|phụ|song phương))?(?:\s+là)?)"
                            rf"(?:\s+(?:biên giới|bạn|kết nghĩa|giáp biên|miền núi|vùng cao|ven biển))?\s+"
                            rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})")
_PROVINCE_KINDS = frozenset({"tỉnh", "thành", "bang", "tiểu", "khu", "thủ", "phía"})  # tỉnh, thành phố, bang, "phía Mondulkiri"
_LOCALITY_KIND = {"huyện": "district", "xã": "district", "quận": "district", "cửa": "border_gate"}
# the further names of an enumeration after a place ("các huyện biên giới Đồng Văn, Mèo Vạc, Yên Minh và Quản Bạ")
# a body's name opening after "và" ends an enumeration of places ("tỉnh Hà Giang và Chính quyền tỉnh Luông Nặm Thà")
_BODY_HEAD = re.compile(r"(?:Chính quyền|Ủy ban|Uỷ ban|Sở|Bộ|Ban|Hội|Công ty|Cơ quan|Tổng cục|Cục|Văn phòng|Trung tâm|"
                        r"Đại sứ quán|Tổng Lãnh sự quán|Lãnh sự quán|Quỹ|Ngân hàng|Tổ chức|Liên hiệp|Đoàn)(?!\w)")
_NEXT_NAME = re.compile(rf"\s*(?:,|và|and)\s*({_CAP}(?:\s+{_CAP}){{0,3}})")
_TITLE = re.compile(rf"\b(?:ông|bà|đồng chí|đ/c|Đ/c|Ông|Bà|Đồng chí|Mr\.?|Mrs\.?|Ms\.?)\s+({_CAP}(?:\s+{_CAP}){{1,4}})")

# a region written with its kind and what it is, to the next clause ("khu vực tam giác phát triển Campuchia - Lào -
# Việt Nam", "vùng Tây Nguyên")
_REGION = re.compile(r"(?<!\w)(?:khu vực|vùng|tiểu vùng)\s+(?!này|đó|nào)[^\W\d_][^,;.()\n]{2,60}?(?=\s+(?:và|với|của|để|nhằm)\s|[,;.()\n]|$)")
_ITEM_START = re.compile(r"(?:^|\n)\s*(?:[a-zđ]\)|\d+[.)]|[-–•])?\s*$")
_TITLES = frozenset({"ông", "bà", "đồng", "chí", "mr", "mrs", "ms", "dr"})


@dataclass(frozen=True)
class Span:
    kind: AnswerType
    start: int
    end: int
    text: str
    strength: int = 1  # a quantity: how many of the asked unit's words follow it; a date: 1 year, 2 month, 3 day


class NameSpans:
    """Persons, bodies, offices and places in a text (the name-finding half of SpanFinder)."""

    lex: Lexicon

    @cached_property
    def _bodies(self) -> re.Pattern[str] | None:
        """Names of bodies the glossary writes in Vietnamese with a capital and two words or more ("Đoàn Thanh niên",
        "Hội Phụ nữ", "Mặt trận Tổ quốc"): their first words are no person's name ("Đoàn" is also a family name)."""
        names = {v for e in self.lex.glossary.entries for v in e.variants
                 if len(v.split()) >= 2 and v[:1].isupper() and v.split()[0] in self.lex.surnames}
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alt})(?!\w)") if alt else None

    def titled(self, text: str) -> list[Span]:
        """Names led by a title ("đồng chí Cao Huy", "ông Nguyễn Văn A"): persons beyond doubt."""
        return [Span(AnswerType.PERSON, m.start(1), m.end(1), m.group(1)) for m in _TITLE.finditer(text)]

    def persons(self, text: str) -> list[Span]:
        out = self.titled(text)
        # a place is no person though it starts with a family name ("Hà Nội", "Lâm Đồng", "Cao Bằng")
        places = [(s, e) for _, s, e in self.lex.provinces.find(text)] + \
                 [(s, e) for _, s, e in find_terms(text, self.lex.countries, "vi", False)] + \
                 ([m.span() for m in self._bodies.finditer(text)] if self._bodies is not None else [])
        for m in re.finditer(rf"(?<!\w){_CAP}(?:\s+{_CAP}){{1,4}}", text):
            words = m.group().split()
            if any(a <= m.start() < b for a, b in places):
                continue
            if words[0] in self.lex.surnames and len(words) >= 2 and not any(o.start <= m.start() < o.end for o in out):
                out.append(Span(AnswerType.PERSON, m.start(), m.end(), m.group()))
        return sorted(out, key=lambda s: s.start)

    def organisations(self, text: str) -> list[Span]:
        codes = [(c.start, c.end) for c in find_codes(text)]
        # an issuer's symbol inside a document number ("99/2025/QĐ-UBND") names the number, not a body
        out = [Span(AnswerType.ORGANISATION, s, e, text[s:e])
               for _, s, e in find_terms(text, self.lex.issuers, "vi", ignore_case=False)
               if not any(a <= s < b for a, b in codes)]
        # the longer of two names opening at one word ("Ban Chỉ đạo công tác thông tin đối ngoại tỉnh An Giang", not
        # "Ban Chỉ")
        for m in sorted([*_NAMED_BODY.finditer(text), *_LOCAL_BODY.finditer(text)], key=lambda m: (m.start(), -m.end())):
            if m.group().startswith("Tổ chức") and _ITEM_START.search(text[:m.start()]):
                continue  # "a) Tổ chức Hội đàm thường niên ...": a task that opens with the verb, no body
            if not any(o.start <= m.start() < o.end for o in out):
                end = _whole_word(text, m.start(), m.end())
                out.append(Span(AnswerType.ORGANISATION, m.start(), end, text[m.start():end]))
        for m in _ACRONYM.finditer(text):
            inside = [o for o in out if o.start <= m.start() < o.end]
            if _ROMAN.match(m.group()) or any(a <= m.start() < b for a, b in codes):
                continue
            if any(o.text.endswith(f"({m.group()})") for o in inside):
                continue  # "Ngân hàng Châu Á (ADB)": the name with its acronym is one item
            # an acronym inside a named body is the name itself ("Tổ chức VECO" -> "VECO")
            out = [o for o in out if o not in inside] + [Span(AnswerType.ORGANISATION, m.start(), m.end(), m.group())]
        # the office that heads a body acts for it: "Chủ tịch Ủy ban nhân dân tỉnh quyết định ..." is the Chairman's
        roles = [(s, e) for _, s, e in find_terms(text, self.lex.roles, "vi", ignore_case=False)]
        return sorted((_with_office(o, text, roles) for o in out), key=lambda s: s.start)

    def offices(self, text: str) -> list[Span]:
        """Offices a person holds ("Phó Chủ tịch"), each with the body written right after it ("Phó Chủ tịch Ủy ban
        nhân dân tỉnh"): the body's span already reaches back to the office before it."""
        bodies = {o.start: o for o in self.organisations(text)}
        return [bodies.get(s) or Span(AnswerType.OFFICE, s, e, text[s:e])
                for _, s, e in find_terms(text, self.lex.roles, "vi", ignore_case=False)]

    def regions(self, text: str) -> list[Span]:
        """Regions written with their kind and what they are ("khu vực tam giác phát triển ...", "vùng Tây Nguyên")."""
        return [Span(AnswerType.PLACE, m.start(), m.end(), m.group()) for m in _REGION.finditer(text)]

    def places(self, text: str, list_of: str | None = None) -> list[Span]:
        """Provinces, countries and localities named with their kind ("tỉnh Champasak", "huyện Đồng Văn", and the
        names enumerated after it); `list_of` keeps one kind ("province", "district", "border_gate", "country")."""
        out: list[Span] = []
        countries = {s for _, s, _ in find_terms(text, self.lex.countries, "vi", False)}
        if list_of in (None, "province"):
            out += [Span(AnswerType.PLACE, s, e, text[s:e]) for _, s, e in self.lex.provinces.find(text)]
        if list_of in (None, "country"):
            out += [Span(AnswerType.PLACE, s, e, text[s:e]) for _, s, e in find_terms(text, self.lex.countries, "vi", False)]
        if list_of in (None, "province", "district", "border_gate"):
            for m in _FOREIGN_PLACE.finditer(text):
                word = m.group("kind").split()[0].lower()
                if list_of in ("district", "border_gate") and _LOCALITY_KIND.get(word) != list_of:
                    continue  # "những huyện nào": not the provinces or regions the sentence names
                if list_of == "province" and word not in _PROVINCE_KINDS:
                    continue  # "which provinces": not a district, border gate or region ("vùng Tây Nguyên")
                if not any(o.start <= m.start('name') < o.end for o in out):
                    out.append(Span(AnswerType.PLACE, m.start('name'), m.end('name'), m.group('name')))
                at = m.end('name')
                while (n := _NEXT_NAME.match(text, at)) and n.start(1) not in countries \
                        and not _BODY_HEAD.match(text, n.start(1)) \
                        and not any(o.start <= n.start(1) < o.end for o in out):
                    out.append(Span(AnswerType.PLACE, n.start(1), n.end(1), n.group(1)))
                    at = n.end(1)
        return sorted(out, key=lambda s: s.start)


# a region written with its kind and what it is, to the next clause ("khu vực tam giác phát triển Campuchia - Lào -
# Việt Nam", "vùng Tây Nguyên")


def named_in(core: str) -> list[str]:
    """The words a question writes in capitals past its first word, titles aside ("Ông Cao Huy giữ chức vụ gì?" ->
    ["Cao", "Huy"]; "What position does Cao Huy hold?" -> ["Cao", "Huy"])."""
    return [w for w in re.findall(r"\w+", core)[1:] if w[:1].isupper() and w.lower() not in _TITLES]


def writes_all(text: str, words: list[str]) -> bool:
    """Whether `text` writes every one of `words` whole ("Cao", "Huy" in "Đồng chí Cao Huy - Phó Chủ tịch ...")."""
    return all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in words)


def written_near(text: str, word: str, span: Span, reach: int = 40) -> bool:
    """Whether `word` is written (whole) within `reach` characters of the span ("Cao Huy - Phó Chủ tịch ...")."""
    return writes_all(text[max(0, span.start - reach):span.end + reach], [word])


def _with_office(span: Span, text: str, roles: list[tuple[int, int]]) -> Span:
    """A body's span widened to the office written right before it ("Chủ tịch" + "Ủy ban nhân dân tỉnh")."""
    # the role may be written with the body ("Chủ tịch Ủy ban nhân dân" is a role of the lexicon): it overlaps it
    start = next((s for s, e in roles if s < span.start and (span.start <= e or span.start - e <= 2
                                                              and not text[e:span.start].strip())), None)
    return span if start is None else replace(span, start=start, text=text[start:span.end])


_NEXT_LOW = re.compile(r"\s([a-zđà-ỹ]+)(?!\w)")


def _whole_word(text: str, start: int, end: int) -> int:
    """The end of a name cut after the capitalised first syllable of the word following its kind ("Sở Ngoại" of "Sở
    Ngoại vụ chủ trì", "Ban Chỉ" of "Ban Chỉ đạo công tác ..."): that word is mostly two Vietnamese syllables, the
    second in lower case. A foreign name ("Quỹ Ford tài trợ") is no Vietnamese syllable and keeps its end; so does
    a name ending in a place ("tỉnh An Giang do ...")."""
    last = text[:end].split()[-1] if text[:end].split() else ""
    m = _NEXT_LOW.match(text, end)
    after_kind = bool(re.fullmatch(rf"(?:{_HEADS})\s+", text[start:end - len(last)]))  # "Sở " before "Ngoại"
    first_syllable = last[:1].isupper() and last[1:].islower() and is_syllable(last)
    if m and after_kind and first_syllable and re.fullmatch(_LOW, m.group(1)) and not re.fullmatch(_LOW_NEXT, m.group(1)):
        return m.end()
    return end
