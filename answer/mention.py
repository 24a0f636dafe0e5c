"""Whether the documents mention a matter: "Kế hoạch đối ngoại của Kon Tum có giao việc thanh tra chuyên ngành ngoại
giao không?", "... có đề cập đến ... không?". Such a yes/no question asks about the documents' content, not whether a
claim is true: when the quoted sentence holds the matter's words ("Triển khai công tác thanh tra chuyên ngành ngoại
giao theo quy định."), the answer opens with "Có". A claim to check ("... đúng hay sai?", "có phải ... không?") gets
no verdict: a sentence may hold every word of a claim and still deny it (ALQAC's false statements change one word)."""
from __future__ import annotations

import re

from core.types import AnswerType, QuestionFrame
from vntext.analyzer import Analyzer
from vntext.codes import fold_text
from vntext.tokens import TokenKind, kind_of

# "có <verb of saying or setting out> <matter> (hay) không", matched on the folded question
_MENTION = re.compile(r"\bco (?:de cap|nhac|noi|neu|quy dinh|giao|dat ra|de ra|yeu cau|chu trong|trien khai|ke hoach)"
                      r"(?: (?:den|toi|ve|viec|cho))* (?P<matter>.+?) (?:hay )?khong\W*$")


def mentioned_matter(frame: QuestionFrame) -> str | None:
    """The matter a Vietnamese yes/no question asks whether the documents mention (folded), or None."""
    if frame.lang != "vi" or frame.answer_type != AnswerType.YESNO:
        return None
    m = _MENTION.search(fold_text(frame.core))
    return m.group("matter") if m else None


def says_so(matter: str, quote: str, analyzer: Analyzer, share: float) -> bool:
    """Whether the quote holds at least `share` of the matter's two-syllable words (stopwords aside)."""
    grams = _content_bigrams(matter, analyzer)
    if not grams:
        return False
    held = set(analyzer.passage(quote))
    return sum(g in held for g in grams) / len(grams) >= share


# "nhiệm vụ gì về ứng phó với biến đổi khí hậu?", "quy định gì liên quan đến ...": the matter a question asks about,
# from its "về" to its question word or end (folded; a folded text keeps the original's offsets)
_ABOUT = re.compile(r"\b(?:ve|lien quan den|lien quan toi)\s+(?P<matter>[a-z0-9 ]+?)(?=\s+(?:nhu the nao|the nao|ra sao|la gi|"
                    r"gi|nao|khong|chua|hay khong|dung hay sai)\b|\W*$)")


def asked_about(frame: QuestionFrame) -> str | None:
    """The matter a Vietnamese question asks about ("về ứng phó với biến đổi khí hậu"), as the question writes it,
    or None."""
    if frame.lang != "vi":
        return None
    m = _ABOUT.search(fold_text(frame.core).lower())
    return frame.core[m.start("matter"):m.end("matter")] if m else None


def unwritten(matter: str, analyzer: Analyzer, vocab) -> bool:
    """Whether the index writes none of the matter's two-syllable words (stopwords aside): the documents never speak
    of it ("biến đổi khí hậu" in a corpus that never names climate change)."""
    grams = _content_bigrams(matter, analyzer)
    return bool(grams) and not any(g in vocab or fold_text(g) in vocab for g in grams)


def _content_bigrams(matter: str, analyzer: Analyzer) -> set[str]:
    """The matter's two-syllable words, none of whose syllables is a stopword (diacritics aside)."""
    stop = {fold_text(w) for w in analyzer.stopwords}
    return {t for t in analyzer.query(matter) if kind_of(t) == TokenKind.BIGRAM
            and not any(fold_text(p) in stop for p in t.split("_"))}
