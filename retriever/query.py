"""Question analysis without a model: language, glossary expansions and what kind of answer is wanted.
Follow-up rewriting and province names live in retriever/followup.py."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from vntext.normalize import fold, normalize
from retriever.glossary import Glossary, stem

DEFAULT_PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
QUESTION_KINDS = ("number", "date", "who", "which", "yesno", "what")

# --- language ----------------------------------------------------------------------------------------------

# Marks that occur in Vietnamese letters: grave, acute, tilde, hook above, dot below, circumflex, breve, horn.
_VI_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_WORD = re.compile(r"[^\W\d_]+")

# Frequent Vietnamese syllables as typed without diacritics; English look-alikes ("to", "do", "the", "an", "can",
# "may", "that", "long"...) are left out on purpose.
VI_SYLLABLES = frozenset("""
    ai anh ao bac ban bang bao ben bi bien binh bo boi cac cach cai cam canh cao cap chat chau che chi chien chinh
    cho chu chua chuc chung chuong co coi con cong cu cua cuc cung cuoc dai dan dang dao dat dau day den deu di dia
    diem dien dieu dinh doan doi don dong du duc dung duoc duoi duong gan gi gia giai giam giao gio gioi giua ha hai
    hang hanh hay hien hiep hieu hinh hoa hoach hoac hoc hoi hon hop huong huu huyen kem ket khac khach khai khau
    khi khoa khoan khong khu kien kinh ky lai lam lan lanh lao le len lich loai loi luan luat luc luoc luong ly mat
    moi mot muc muoi ngan ngay nghi nghia ngoai nguoi nhan nhat nhieu nhu nhung nao neu nuoc phai phan phap phat
    pho phong phu quan que qua quoc quy quyen quyet ra rieng roi sach sao sau se so su tac tai tam tang tap theo
    thi thong thu thuan thuc thuoc thuong tich tien tiep tinh toan tong tra tren tri trien trinh trong truoc trung
    truong tu tuong uy va vao ve viec viet vien vien voi vu vung xa xac xay xuat
""".split())

# Frequent English words that are not Vietnamese syllables.
EN_WORDS = frozenset("""
    a what which who whom whose when where why how many much is are was were be been being the of to in on at for
    with by from about and or not does do did has have had this that these those it its there their they them he
    she his her we our you your me my can could will would should shall may might must any all some each every
    more most other than then also only as if into over under between during after before since until out list
    give tell show please name year years province provinces document documents directive directives resolution
    resolutions decision decisions regulation regulations law laws plan plans program programme delegation
    delegations foreign affairs government committee party people friendship association associations
    agreement agreements signed issued number area population border country countries city same
""".split())


def _has_vi_marks(word: str) -> bool:
    if "đ" in word or "Đ" in word:
        return True
    return any(c in _VI_MARKS for ch in word if not ch.isascii() for c in unicodedata.normalize("NFD", ch)[1:])


def _vi_syllable(low: str) -> bool:
    return low in VI_SYLLABLES or (low.startswith(("ng", "nh")) and len(low) <= 6)


def detect_language(text: str) -> str:
    """"vi" or "en". Each Vietnamese word (diacritics, or a common syllable typed without them) scores 1 and each
    common English word scores 1; capitalised Vietnamese words count half (place names inside English questions).
    "vi" when the Vietnamese score is higher."""
    vi = en = 0.0
    for word in _WORD.findall(text):
        low = word.lower()
        capital = word[0].isupper()
        if _has_vi_marks(word):
            vi += 0.5 if capital else 1.0
        elif low in EN_WORDS:
            en += 1.0
        elif _vi_syllable(low):
            vi += 0.5 if capital else 1.0
    return "vi" if vi > en else "en"


# --- document types and question kinds ---------------------------------------------------------------------

# folded Vietnamese type word -> canonical spelling (longest first so "thong tu lien tich" beats "thong tu")
VI_DOC_TYPES: dict[str, str] = dict(sorted({
    "chi thi": "Chỉ thị", "nghi quyet": "Nghị quyết", "quyet dinh": "Quyết định", "ket luan": "Kết luận",
    "quy che": "Quy chế", "quy dinh": "Quy định", "ke hoach": "Kế hoạch", "chuong trinh": "Chương trình",
    "chuong trinh hanh dong": "Chương trình hành động", "thong tu": "Thông tư",
    "thong tu lien tich": "Thông tư liên tịch", "thong tri": "Thông tri", "nghi dinh": "Nghị định",
    "luat": "Luật", "bo luat": "Bộ luật", "hien phap": "Hiến pháp", "chien luoc": "Chiến lược", "de an": "Đề án",
    "cong van": "Công văn", "huong dan": "Hướng dẫn", "thong bao": "Thông báo", "bao cao": "Báo cáo",
    "phap lenh": "Pháp lệnh", "hiep dinh": "Hiệp định", "thoa thuan": "Thỏa thuận",
    "bien ban ghi nho": "Biên bản ghi nhớ", "dieu uoc": "Điều ước quốc tế",
}.items(), key=lambda kv: -len(kv[0])))
_VI_GENERIC = ("van ban quy pham phap luat", "van ban phap luat", "van ban", "tai lieu", "van kien")

# stemmed English type phrase -> canonical Vietnamese type (None: documents in general)
EN_DOC_TYPES: dict[str, str | None] = dict(sorted({
    "directive": "Chỉ thị", "resolution": "Nghị quyết", "decision": "Quyết định", "conclusion": "Kết luận",
    "regulation": "Quy định", "statute": "Quy chế", "plan": "Kế hoạch", "action plan": "Kế hoạch",
    "programme": "Chương trình", "program": "Chương trình", "action programme": "Chương trình hành động",
    "action program": "Chương trình hành động", "circular": "Thông tư", "joint circular": "Thông tư liên tịch",
    "decree": "Nghị định", "law": "Luật", "constitution": "Hiến pháp", "strategy": "Chiến lược",
    "project": "Đề án", "scheme": "Đề án", "official letter": "Công văn", "official dispatch": "Công văn",
    "instruction": "Thông tri", "guideline": "Hướng dẫn", "guidance": "Hướng dẫn", "notice": "Thông báo",
    "announcement": "Thông báo", "report": "Báo cáo", "ordinance": "Pháp lệnh", "agreement": "Thỏa thuận",
    "memorandum of understanding": "Biên bản ghi nhớ", "mou": "Biên bản ghi nhớ", "treaty": "Điều ước quốc tế",
    "document": None, "legal document": None, "text": None, "legal text": None, "legislation": None,
}.items(), key=lambda kv: -len(kv[0])))


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in words)


_VI_TYPE_ALT = _alt([*VI_DOC_TYPES, *_VI_GENERIC])
_VI_WANTS = [
    re.compile(rf"\b(?P<t>{_VI_TYPE_ALT})(?:\s+(?:lien quan|chi dao|huong dan|quy pham phap luat))?\s+(?:nao|gi)\b"),
    re.compile(rf"\bnhung\s+(?P<t>{_VI_TYPE_ALT})\b"),
    re.compile(rf"\b(?:liet ke|ke ten|ke ra|neu ten|cho biet cac)\b.*?\b(?P<t>{_VI_TYPE_ALT})\b"),
]
_EN_TYPE_ALT = _alt(EN_DOC_TYPES)
_EN_SKIP = r"(?!(?:is|are|was|were|do|does|did|has|have|the|this|that|a|an|it)\b)"
_EN_WANTS = [
    re.compile(rf"\b(?:which|what)(?: of the| kind of| type of)?(?: {_EN_SKIP}\w+){{0,3}}? (?P<t>{_EN_TYPE_ALT})\b"),
    re.compile(rf"\b(?:list|name|enumerate|identify)(?: \w+){{0,4}}? (?P<t>{_EN_TYPE_ALT})\b"),
    re.compile(rf"\b(?:are|is) there (?:any )?(?:\w+ ){{0,2}}?(?P<t>{_EN_TYPE_ALT})\b"),
    re.compile(rf"\b(?P<t>{_EN_TYPE_ALT}) (?:that|which) (?:govern|regulate|cover|concern|deal|address|guide|set)"),
]

_KIND_VI = [
    ("date", re.compile(r"\b(?:khi nao|bao gio|luc nao|thoi gian nao|thoi diem nao|dip nao"
                        r"|(?:ngay|thang|nam)(?: thang)?(?: nam)? (?:nao|bao nhieu|may))\b")),
    ("number", re.compile(r"\b(?:bao nhieu|may|so luong la|tong so la)\b")),
    ("who", re.compile(r"\b(?:ai|nguoi nao|vi nao|nhung ai)\b")),
    ("yesno", re.compile(r"(?:\b(?:phai khong|dung khong|hay khong|co phai|hay chua)\b"
                         r"|\b(?:co|da|duoc|phai|con)\b.*\b(?:khong|chua)\s*[?.!]*\s*$)")),
    ("which", re.compile(r"\bnao\b")),
]
_KIND_EN = [
    ("date", re.compile(r"\b(?:when|what (?:date|year|day|month|time)|which (?:date|year|day|month)|since when)\b")),
    ("number", re.compile(r"\b(?:how (?:many|much|large|big|long|far)|what (?:percentage|proportion|number)"
                          r"|what (?:is|was|are|were) the (?:total )?(?:number|area|population|amount|total|"
                          r"percentage|rate|value|size|length|turnover))\b")),
    ("who", re.compile(r"\b(?:who|whom|whose)\b")),
    ("yesno", re.compile(r"^\s*(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|must)\b")),
    ("which", re.compile(r"\bwhich\b")),
]


@dataclass(frozen=True)
class QueryAnalysis:
    text: str
    lang: str  # "vi" | "en"
    expansions: list[str] = field(default_factory=list)  # Vietnamese glossary variants of the English terms
    wants_documents: bool = False  # "which directives ...", "văn bản nào ..."
    doc_type: str | None = None  # canonical Vietnamese type asked for ("Chỉ thị"), None when any document
    question_kind: str = "what"  # one of QUESTION_KINDS


def _stemmed(text: str) -> str:
    return " ".join(stem(w) for w in re.findall(r"[a-z0-9]+", re.sub(r"['’]s\b", "", text.lower())))


def document_request(question: str) -> tuple[bool, str | None]:
    """(asks for documents?, canonical Vietnamese type asked for) from Vietnamese (with or without diacritics)
    or English wording."""
    folded = " ".join(re.findall(r"\w+", fold(normalize(question))))
    for pattern in _VI_WANTS:
        m = pattern.search(folded)
        if m:
            return True, VI_DOC_TYPES.get(m.group("t"))
    english = _stemmed(question)
    for pattern in _EN_WANTS:
        m = pattern.search(english)
        if m:
            return True, EN_DOC_TYPES[m.group("t")]
    return False, None


def question_kind(question: str, lang: str, wants_documents: bool = False) -> str:
    """number | date | who | which | yesno | what, from the question words (date > number > who > yesno >
    which > what)."""
    if lang == "vi":
        end = " ?" if question.rstrip().endswith("?") else ""
        text, rules = " ".join(re.findall(r"\w+", fold(normalize(question)))) + end, _KIND_VI
    else:
        text, rules = " ".join(re.findall(r"[\w']+", question.lower())), _KIND_EN
    for kind, pattern in rules:
        if pattern.search(text):
            return kind
    return "which" if wants_documents else "what"


def analyze(question: str, glossary: Glossary) -> QueryAnalysis:
    text = normalize(question).strip()
    lang = detect_language(text)
    wants, doc_type = document_request(text)
    return QueryAnalysis(
        text=text,
        lang=lang,
        expansions=glossary.expand(text) if lang == "en" else [],
        wants_documents=wants,
        doc_type=doc_type,
        question_kind=question_kind(text, lang, wants),
    )


def load_en_stopwords(prompts_dir: Path) -> frozenset[str]:
    """English function words (prompts/en_stopwords.txt): ignored by the lexical search and the coverage check."""
    lines = (prompts_dir / "en_stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.lower() for line in lines if not line.startswith("#") for w in line.split())
