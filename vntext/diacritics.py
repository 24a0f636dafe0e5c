"""Diacritics put back into a question typed without them ("dong nai hien co bao nhieu khu cong nghiep" -> "Đồng
Nai hiện có bao nhiêu khu công nghiệp"), read off the index's own words.

Each syllable's candidates are the written forms the indexed passages hold that fold to it; the sequence chosen
is the one whose adjacent pairs the passages hold most often (a Viterbi pass over pair and word frequencies), so
"ban hanh" becomes "ban hành" beside "văn bản" and "Ban" beside "Thường vụ". A syllable the passages never
write stays as typed; the restored question only adds to what the plain one matches (passages are indexed under
their folded forms too)."""
from __future__ import annotations

import math
import re
from collections import defaultdict

from vntext.normalize import fold, one_slip, tones as _tones, unify_tone_marks, without_tones

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CODE_JOINERS = frozenset("/-0123456789")
_CANDIDATES = 4  # written forms kept per syllable: the most frequent
_PAIR_WEIGHT, _WORD_WEIGHT = 2.0, 0.5  # a pair the passages hold says far more than a frequent syllable
# Correcting a question typed with diacritics: a syllable the passages never write as typed is taken for a mistyped
# mark when a form of the same letters makes a pair with a neighbour in at least this many passages.
_MIN_PAIR_MARK = 3
_COMMON_WORD = 10  # passages writing a word for a one-letter-short typo of it to be read as it with no pair to say so


class DiacriticRestorer:
    def __init__(self, word_df: dict[str, float], pair_df: dict[tuple[str, str], float]):
        self.pair_df = pair_df
        forms: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for w, df in word_df.items():
            forms[fold(w)].append((df, w))
        self.forms = {k: [w for _, w in sorted(v, reverse=True)[:_CANDIDATES]] for k, v in forms.items()}
        self.word_df = word_df
        self._by_first: dict[str, list[str]] = {}  # written words by their first letter (a word typed one letter short)
        for w in word_df:
            if w.isalpha():
                self._by_first.setdefault(w[0], []).append(w)
        # the rhymes the passages write ("ươc" of "nước", "uc" of "cúc"): a typed syllable whose rhyme no written word
        # has ("nuớc") is mistyped; one whose rhyme is written ("Cục") is a word, though the passages lack it
        self._rhymes = {_rhyme(w) for w in word_df if w.isalpha()}

    @classmethod
    def from_vocab(cls, df_by_term: dict[str, float], stopwords: frozenset[str] = frozenset(),
                   question_words: frozenset[str] = frozenset(),
                   question_phrases: tuple[tuple[str, str], ...] = ()) -> "DiacriticRestorer":
        """From an index's terms and their document frequencies ("khu", "khu_công", their folded twins). Stopwords
        ("của", "nào", "đã") are not indexed alone: they count as often as the pairs they stand in."""
        words: dict[str, float] = defaultdict(float)
        pairs: dict[tuple[str, str], float] = {}
        genuine: dict[str, float] = defaultdict(float)  # unaccented words seen beside an accented one: written so
        for term, df in df_by_term.items():
            if "_" in term:
                a, _, b = term.partition("_")
                if a.isalpha() and b.isalpha():
                    pairs[(a, b)] = df
                    for w in (a, b):  # stopwords are indexed only inside pairs
                        words[w] = max(words[w], 0.5)
                    if not (a.isascii() and b.isascii()):  # "thông_tri": "tri" is written without marks
                        for w in (a, b):
                            if w.isascii():
                                genuine[w] += df
            elif term.isalpha():
                words[term] = max(words[term], df)
        # a folded twin ("thong", "thong_tri") counts only what was written without diacritics: its df is shared
        # with every accented form that folds to it
        words = _unshared(words)
        pairs = _unshared(pairs)
        for w, df in genuine.items():
            words[w] = max(words.get(w, 0.0), df)
        # a stopword is indexed only inside pairs: how often it is written is what those pairs add up to
        in_pairs: dict[str, float] = defaultdict(float)
        for (a, b), df in pairs.items():
            in_pairs[a] += df
            in_pairs[b] += df
        top = max(words.values(), default=1.0)
        for w in stopwords:
            if w.isalpha() and in_pairs.get(w):
                words[w] = max(words.get(w, 0.0), min(top, in_pairs[w]))
        for w in question_words:  # what a question asks with, though passages seldom write it
            words[w] = max(words.get(w, 0.0), top)
        top_pair = max(pairs.values(), default=1.0)
        for a, b in question_phrases:  # how a question is phrased ("bài viết", "được đăng"), as common as any pair
            pairs[(a, b)] = max(pairs.get((a, b), 0.0), top_pair)
            for w in (a, b):
                words.setdefault(w, 1.0)
        return cls(dict(words), pairs)

    def restore(self, text: str) -> str:
        """The text with diacritics where the index's passages write the words with them; case kept."""
        return self._rewrite(text, self._run)

    def correct(self, text: str) -> str:
        """A question typed with diacritics, with the syllables whose mark was mistyped put right where the passages'
        word pairs say so ("cua Thủ tướng", "nôi dung", "ngừoi chỉ đạo" -> "của", "nội", "người"); every syllable the
        passages write as typed stays as typed."""
        return self._rewrite(text, self._correct_run)

    @staticmethod
    def _rewrite(text: str, rewrite_run) -> str:
        """The text with each run of words rewritten by `rewrite_run(phrase, fixed)`; `fixed` says whether its first
        and last word touch a document number ("26-ct/tu", "qd-ubnd"), whose letters are kept as typed."""
        out, at = [], 0
        for run in re.finditer(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)*", text):
            out.append(text[at:run.start()])
            fixed = (run.start() > 0 and text[run.start() - 1] in _CODE_JOINERS,
                     run.end() < len(text) and text[run.end()] in _CODE_JOINERS)
            out.append(rewrite_run(run.group(), fixed))
            at = run.end()
        out.append(text[at:])
        return "".join(out)

    def _correct_run(self, phrase: str, fixed: tuple[bool, bool] = (False, False)) -> str:
        typed = phrase.split()
        words = [w.lower() for w in typed]
        for i in range(len(words)):
            if (i == 0 and fixed[0]) or (i == len(words) - 1 and fixed[1]):
                continue  # part of a document number
            words[i] = self._fix(words[i - 1] if i else None, words[i], words[i + 1] if i + 1 < len(words) else None)
        return " ".join(_cased(w, t) for w, t in zip(words, typed))

    def _fix(self, before: str | None, word: str, after: str | None) -> str:
        """A syllable the passages never write as typed ("nôi", "ngừoi") -> the form of the same letters that makes
        a pair with a neighbour in at least _MIN_PAIR_MARK passages ("nội" beside "dung"), else as typed. Written
        forms are believed: in a small index many right pairs never occur, so pairs alone would undo right words."""
        if (before is None and after is None) or not word.isalpha():
            return word
        if any(self.word_df.get(w, 0.0) > 0 or w in self.forms.get(fold(w), ()) for w in (word, unify_tone_marks(word))):
            return word  # written so in the passages, or in the old tone placement ("thoả" for "thỏa")

        def support(form: str) -> float:
            return max(self.pair_df.get((before, form), 0.0) if before else 0.0,
                       self.pair_df.get((form, after), 0.0) if after else 0.0)

        best, best_support = word, _MIN_PAIR_MARK - 1e-9
        forms = self.forms.get(fold(word), [])
        for form in forms:
            if support(form) > best_support:
                best, best_support = form, support(form)
        if best == word and len(forms) == 1 and _tones(forms[0]) == _tones(word) and _rhyme(word) not in self._rhymes:
            return forms[0]  # the passages write these letters one way, with this tone, a hat or horn aside ("nuớc")
        if best == word and not forms and len(word) > 2:
            # a letter left out ("nhữg", "Đồg"): the written word it is one letter short of, with the same tone, that
            # makes a pair with a neighbour
            nexts = self.forms.get(fold(after), [after]) if after else []  # the next word may be mistyped too

            def paired(w: str) -> float:
                return max([support(w), *(self.pair_df.get((w, n), 0.0) for n in nexts)])
            short = [w for w in self._by_first.get(word[0], ()) if len(w) == len(word) + 1 and _tones(w) == _tones(word)
                     and one_slip(word, w)]
            # a neighbour pair says so, or it is the one such word and a common one (function words make no pairs)
            sure = [w for w in short if paired(w) >= _MIN_PAIR_MARK] or \
                [w for w in short if len(short) == 1 and self.word_df.get(w, 0.0) >= _COMMON_WORD]
            if sure:
                return max(sure, key=paired)
        return best

    def _run(self, phrase: str, fixed: tuple[bool, bool] = (False, False)) -> str:
        typed = phrase.split()
        options = [self.forms.get(w.lower(), []) or [w.lower()] for w in typed]
        if fixed[0]:
            options[0] = [typed[0].lower()]
        if fixed[1]:
            options[-1] = [typed[-1].lower()]
        # Viterbi over the written forms
        best = [{o: (_WORD_WEIGHT * math.log1p(self.word_df.get(o, 0.0)), None) for o in options[0]}]
        for i in range(1, len(typed)):
            row = {}
            for o in options[i]:
                word = _WORD_WEIGHT * math.log1p(self.word_df.get(o, 0.0))
                row[o] = max(((s + word + _PAIR_WEIGHT * math.log1p(self.pair_df.get((p, o), 0.0)), p)
                              for p, (s, _) in best[-1].items()), key=lambda x: x[0])
            best.append(row)
        choice = max(best[-1], key=lambda o: best[-1][o][0])
        chosen = [choice]
        for i in range(len(typed) - 1, 0, -1):
            choice = best[i][choice][1]
            chosen.append(choice)
        chosen.reverse()
        return " ".join(_cased(w, typed_w) for w, typed_w in zip(chosen, typed))


def _unshared(table: dict) -> dict:
    """Keys written without diacritics keep only the df no accented key of the same fold accounts for."""
    key_fold = (lambda k: fold(k)) if not table or isinstance(next(iter(table)), str) else (lambda k: tuple(map(fold, k)))
    accented: dict = defaultdict(float)
    for k, df in table.items():
        if key_fold(k) != k:
            accented[key_fold(k)] += df
    out = {}
    for k, df in table.items():
        if key_fold(k) != k:
            out[k] = df
        elif df - accented.get(k, 0.0) > 0:
            out[k] = df - accented.get(k, 0.0)
    return out


def _cased(word: str, typed: str) -> str:
    if word == typed.lower():
        return typed
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


def typed_without_diacritics(text: str) -> bool:
    """Whether a question has letters and none of them carries a diacritic (nor is "đ")."""
    letters = _WORD.findall(text)
    return bool(letters) and all(w.isascii() for w in letters)


_ONSET = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi(?=[aeiouyăâêôơư])|kh|ph|th|tr|qu|[bcdđghklmnprstvx])")


def _rhyme(word: str) -> str:
    """A syllable's rhyme without its tone ("nước" -> "ươc", "Cục" -> "uc"): what is left after the first consonant."""
    return _ONSET.sub("", without_tones(word.lower()))
