"""The unit or counted noun a quantity question asks in, and how passages spell it ("bao nhiêu km" -> km, "km",
"ki-lô-mét"; "bao nhiêu người lao động" -> người, also "lao động"; "how much ... paid out" -> an amount of money,
disbursed), read by the question frame (retriever/frame.py) from the units and number words of the lexicon."""
from __future__ import annotations

import re

from core.lexicon import Lexicon
from retriever.frame_cues import _ask_at
from vntext.codes import fold_text

# words that end a counted noun ("đoàn ra", "đoàn vào" are nouns: "ra", "vào" are not here)
# an elliptical follow-up that opens with the noun it counts ("Còn đoàn cán bộ ... thì bao nhiêu?", "Thế còn số dự án?")
_ELLIPTICAL_COUNT = re.compile(r"(?:(?:[Tt]hế|[Vv]ậy|[Tt]he|[Vv]ay)\s+)?(?:[Cc]òn|[Cc]on)\s+((?:[^\W\d_A-ZĐ][^\W\d_]*\s+){1,8})")
_VI_UNIT_STOP = frozenset("là có được đã đang sẽ tại ở của trong năm đến từ với cho mà thì và hay không "
                          "nào gì lên rồi như thế nhiêu trên dưới theo còn vậy ạ nhỉ nhé hả ad ko để nhằm".split())
_VI_UNIT_STOP_ASCII = frozenset(fold_text(w) for w in _VI_UNIT_STOP | {"đi", "vào", "hiện", "này", "đó"})
_EN_UNIT_STOP = frozenset("are is was were did do does has have had will would can could in of for by at from to on "
                          "with the a an there that which who been be per come comes came work works".split())
_EN_PEOPLE = frozenset("people persons person inhabitants population residents".split())  # people of any kind
_MEASURE_VI = {"dien tich": "km²", r"rong (?:khoang |chung )?bao nhieu": "km²", "chieu dai": "km", r"dai (?:khoang |chung |tam |tong cong |la )?bao nhieu": "km", "duong bien gioi dai": "km",
               "dan so": "người", "ty le": "%", "phan tram": "%", "bao lau": "thời hạn", "thoi han": "thời hạn"}
_MEASURE_NOUN_VI = {"lau": "thời hạn", "xa": "km"}
# "how far ahead", "how early": a time before an event, not a distance (tried first)
_MEASURE_EN = {r"how (?:far|long) (?:ahead|in advance|beforehand|before)": "thời hạn", r"how (?:early|soon)": "thời hạn",
               "area": "km²", "how far": "km", "length": "km", "border": "km", "population": "người",
               "percentage": "%", "proportion": "%", "rate": "%", "share": "%", "how old": "tuổi",
               "how long": "thời hạn"}
_MONEY_EN = re.compile(r"\bhow much (?:money|capital|investment|funding|fdi|oda|aid|foreign direct investment|"
                       r"(?:official )?development assistance|assistance|support|"
                       r"budget|turnover|trade|export|import)|\b(?:budget|cost|costs|fee|fees|funding|capital|price|"
                       r"value|turnover|amount of money|sum|grant|grants|investment|disbursement|spending|expenditure)\b|"
                       r"\bhow much\b[^?]{0,60}\b(?:paid|pay|spent|spend|spends|disbursed|pledged|committed|invested|raised|funded|budgeted|allocated)\b",
                       re.I)


class UnitReader:
    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def read(self, core: str, cue_text: str, lang: str) -> tuple[str | None, tuple[str, ...]]:
        """The unit or counted noun of a quantity question, and how passages spell it."""
        if re.search(r"\b(?:bao nhieu|may) lan\b|\bhow many times\b", fold_text(core)):
            # a ratio ("tăng bao nhiêu lần so với năm 2015", "how many times more"): asked beside the base amount,
            # it is the new fact the question wants
            return "lần", self.spellings("lần")
        if lang == "vi":
            folded = fold_text(core)
            m = re.search(r"\b(?:bao nhieu|may)\b\s*", folded)
            noun_end = None
            if m:
                # a question written without diacritics spells its stop words without them too ("da", "di")
                stop = _VI_UNIT_STOP_ASCII if folded == core.lower() else _VI_UNIT_STOP
                for w in list(re.finditer(r"\w+", core[m.end():]))[:6]:
                    if w.group().lower() in stop:
                        break
                    noun_end = m.end() + w.end()
            written = core[m.end():noun_end] if noun_end else None
            if m and written is None and (counted := re.search(r"(?i)(?<!\w)số (?:lượng )?((?:[^\W\d_]+ ?){1,2})", core[:m.start()])):
                # "số cán bộ được nâng lên mấy": the number of what "số" names
                words = counted.group(1).split()
                words = words[:next((i for i, w in enumerate(words) if w.lower() in _VI_UNIT_STOP), len(words))]
                written = " ".join(words) or None
            if m and written is None and (counted := _ELLIPTICAL_COUNT.match(core)) \
                    and re.search(r"(?i)\b(?:thì|thi)\s+(?:(?:là|la|có|co|được|duoc)\s+)?$", core[:m.start()]):
                # "Còn đoàn cán bộ của tỉnh đi nước ngoài thì bao nhiêu?": a follow-up counts the noun it opens with
                # ("Còn các dự án ODA thì tổng vốn là bao nhiêu?" asks the amount its own words name)
                words = counted.group(1).split()
                words = words[:next((i for i, w in enumerate(words) if w.lower() in _VI_UNIT_STOP), len(words))][:3]
                written = " ".join(words) or None
            if written:
                if fold_text(written) in _MEASURE_NOUN_VI:  # "bao nhiêu lâu": a duration
                    return _MEASURE_NOUN_VI[fold_text(written)], self.spellings(_MEASURE_NOUN_VI[fold_text(written)])
                unit = self._measure_unit(written)
                if unit:
                    return unit.vi, unit.spellings + self._people(unit.vi, written)
                if any(fold_text(written).startswith(fold_text(w)) for w in self.lex.number_words.get("money", ())):
                    return "USD", self.spellings("USD") + self.spellings("đồng")  # an amount of money
                # "bao nhiêu cán bộ": counted as "07 người" too, when no sentence names them ("05 thành viên" first)
                people = fold_text(written) in {fold_text(w) for w in self.lex.number_words.get("people", ())}
                return written, (written,) + (("người",) if people else ())
            for key, unit in _MEASURE_VI.items():
                if re.search(rf"\b{key}\b", cue_text):
                    return unit, self.spellings(unit)
            if any(re.search(rf"\b{re.escape(fold_text(w))}\b", cue_text) for w in self.lex.number_words.get("money", ())):
                return "USD", self.spellings("USD") + self.spellings("đồng")  # "tổng vốn ... là bao nhiêu"
            return None, ()
        # "the maximum number of members", "how many of the agreements"
        m = re.search(r"\b(?:how many|number of)\s+(?:of\s+(?:the|these|those|them)\s+)?((?:[\w-]+\s*){1,4})", cue_text)
        if m:
            noun = []
            for w in m.group(1).split():
                if w in _EN_UNIT_STOP:
                    break
                noun.append(w)
            phrase = " ".join(noun)
            # "how many local workers": the head noun names a unit the table knows though its modifier does not
            unit = self._measure_unit(phrase) or (self._measure_unit(noun[-1]) if len(noun) > 1 else None)
            if unit and unit.vi == "người" and noun and noun[-1] not in _EN_PEOPLE:
                # "how many local workers": workers (lao động), not any people ("5 ngàn hội viên")
                own = tuple(v for g in self.lex.glossary.find(noun[-1]) for v in g.variants)
                return unit.vi, own + ("người",)
            if unit and unit.vi == "người" and noun and noun[-1] in _EN_PEOPLE:
                # "How many people from Dong Nai live overseas?": who they are, named elsewhere in the question
                # ("live overseas": kiều bào), is what is counted
                people = {fold_text(w) for w in self.lex.number_words.get("people", ())}
                groups = [g for g in self.lex.glossary.find(cue_text)
                          if any(fold_text(v) in people or fold_text(v).startswith("nguoi ") for v in g.variants)]
                named = [v for g in groups for v in g.variants if not fold_text(v).startswith("o ")]
                if named:  # (the group's other names too: "người Việt Nam ở nước ngoài" is written "kiều bào")
                    return named[0], tuple(dict.fromkeys(named))
            if unit:
                return unit.vi, unit.spellings + self._people(unit.vi, "")
            # the head noun names what is counted ("FDI projects": projects); a known acronym before it is the
            # kind of figure (a qualifier constraint of the frame), other modifiers rank the sentences
            found = self.lex.glossary.find(phrase)
            head = max(found, key=lambda g: g.end, default=None)
            joined = re.search(r"\s(?:and|or)\s", phrase)
            if joined and (first := max((g for g in found if g.end <= joined.start()), key=lambda g: g.end, default=None)):
                # "countries and territories": a figure is written before the first ("hơn 40 quốc gia, vùng lãnh thổ")
                return phrase, tuple(dict.fromkeys((*first.variants, *(head.variants if head else ()))))
            return (phrase or None), tuple(head.variants) if head is not None else ()
        if _MONEY_EN.search(cue_text):
            return "USD", self.spellings("USD") + self.spellings("đồng")
        if re.search(r"(?i:\bhow (?:big|large|vast) (?:is|was) (?:the (?:province|city|district) of )?)[A-ZĐ]", core):
            return "km²", self.spellings("km²")  # "How big is Dak Nong?": a named place's size is its area
        for key, unit in _MEASURE_EN.items():
            if re.search(rf"\b{key}\b", cue_text):
                return unit, self.spellings(unit)
        return None, ()

    def claimed(self, core: str, lang: str) -> tuple[str | None, tuple[str, ...]]:
        """The unit of a figure a yes/no question claims ("Đồng Nai có hơn 30 ngàn kiều bào, đúng không?", "Does Dong
        Nai have 35 industrial parks?"): read as if the figure were asked ("có hơn bao nhiêu kiều bào"), so the
        figure the documents give in that unit answers first; (None, ()) when the claim holds no figure."""
        m = re.search(r"(?<![\w/.,-])\d+(?:[.,]\d+)*(?:\s+(?:ngàn|nghìn|triệu|tỷ|tỉ|thousand|million|billion))?(?![\w/-])", core)
        if m is None or re.fullmatch(r"(?:19|20)\d\d", m.group()):
            return None, ()  # no figure, or a year
        rest = re.split(r"[,?;.!]", core[m.end():])[0]
        rest = re.sub(r"(?i)(?:\s+(?:phải|đúng|không|chứ|à|hả|nhỉ|sai|hay|có|chưa|or not|right|true))+\s*$", "", rest)
        asked = core[:m.start()] + ("how many" if lang == "en" else "bao nhiêu") + rest
        return self.read(asked, fold_text(asked) if lang == "vi" else asked.lower(), lang)

    def money_act(self, stem: str, lang: str) -> tuple[str, ...]:
        """What the amount asked was ("đã giải ngân được bao nhiêu", "how much has been paid out"): folded syllables
        the sentence giving it must hold; of several, the one nearest the question word (in English, the last after
        it: the clause's verb)."""
        acts = tuple(fold_text(w) for w in self.lex.number_words.get("money_act", ()))
        if lang == "vi":
            found = [(m.start(), act) for act in acts for m in re.finditer(rf"\b{act}\b", fold_text(stem))]
        else:
            # a term holding the act ("registered capital": "vốn đăng ký") says it as well as the act alone
            found = [(g.start, a) for g in self.lex.glossary.find(stem) for v in g.variants for a in acts
                     if re.search(rf"\b{a}\b", fold_text(v))]
        at = _ask_at(stem, lang)
        if not found or at < 0:
            return ()
        if lang == "en" and (later := [f for f in found if f[0] > at]):
            # the clause's verb comes last: "how much of the pledged money have they actually disbursed"
            return tuple(max(later)[1].split())
        return tuple(min(found, key=lambda f: abs(f[0] - at))[1].split())

    def asking(self, core: str, lang: str, unit: str | None) -> tuple[str, ...]:
        """The words that ask for the figure rather than say what it is of, folded: a measure adjective and a hedge
        before the question word, the asked unit after it ("dài khoảng bao nhiêu cây số": dài, khoảng, cây, số;
        "how long ..., approximately?": long, approximately). Passages write the figure in their place."""
        measure = {fold_text(w) for w in self.lex.number_words.get("measure", ())}
        hedge = {fold_text(w) for w in self.lex.number_words.get("hedge", ())}
        words = [fold_text(w) for w in re.findall(r"[^\W_]+(?:-[^\W_]+)*", core)]
        out: list[str] = []
        spellings = next((u.spellings + u.english for u in self.lex.units if u.vi == unit), ())
        if lang == "en":
            out += [w for w in words if w in hedge]
            for i, w in enumerate(words[:-1]):
                if w == "how" and words[i + 1] in measure:
                    out.append(words[i + 1])
                if w == "how" and words[i + 1] in ("many", "much"):
                    out += self._spelled_at(words, i + 2, spellings)
            return tuple(dict.fromkeys(out))
        for i, w in enumerate(words):
            ask = 2 if w == "bao" and i + 1 < len(words) and words[i + 1] in ("nhieu", "lau", "xa") else \
                1 if w == "may" else 0
            if not ask:
                continue
            if ask == 2 and words[i + 1] != "nhieu":
                out.append(words[i + 1])  # "bao lâu", "bao xa"
            j = i - 1
            while j >= 0 and (words[j] in hedge or words[j] in measure):  # "dài khoảng bao nhiêu"
                out.append(words[j])
                j -= 1
            out += self._spelled_at(words, i + ask, spellings)
        return tuple(dict.fromkeys(out))

    @staticmethod
    def _spelled_at(words: list[str], at: int, spellings: tuple[str, ...]) -> list[str]:
        """The words of the longest unit spelling written at `at` ("cây số", "km"), else none."""
        for s in sorted(spellings, key=len, reverse=True):
            spelled = fold_text(s).split()
            if spelled and words[at:at + len(spelled)] == spelled:
                return spelled
        return []

    def _people(self, unit: str, written: str) -> tuple[str, ...]:
        """A count of people ("bao nhiêu người", "how many people") is written under who they are as well ("05
        thành viên"); "bao nhiêu người lao động" under its own noun too ("6.785 lao động")."""
        if unit != "người":
            return ()
        rest = written.split()[1:3] if written and fold_text(written.split()[0]) == "nguoi" else []
        return tuple(self.lex.number_words.get("people", ())) + ((" ".join(rest),) if len(rest) == 2 else ())

    def _measure_unit(self, written: str):
        low = written.lower()
        for unit in self.lex.units:
            if any(low == s.lower() or low.startswith(s.lower() + " ") for s in (*unit.spellings, *unit.english)
                   if len(s) > 1 or not s.isalpha()):
                return unit
        return None

    def spellings(self, canonical: str) -> tuple[str, ...]:
        unit = next((u for u in self.lex.units if u.vi == canonical), None)
        return unit.spellings if unit else (canonical,)
