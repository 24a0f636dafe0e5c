"""Can the retrieved passages answer the question? Rules for what the question names, a fitted model for the rest.

Rules (each a class of question, not a question): nothing retrieved; a document number that no passage holds;
every candidate sentence fails a constraint of the frame (another year, province, role: answer/constraints.py); a
figure or date asked for that no sentence meeting the constraints states.

The model: logistic regression over signals that hold across languages and indexes: how much of the question's
concepts the top passages cover, the best sentence's overlap, the dense similarity of the best passage and how far
it stands above the pack (calibrated across languages: an English word the glossary lacks does not sink it), the
lexical score's standing, whether both retrievers agree on the top passage, the share of question words the index
never saw, and for a question about a document the index lacks, how scattered its words are over the retrieved
documents and whether both retrievers' best passages come from one document. Fitted on public data with a held-out split by `python -m benchmarks.answerability`; the weights, the
threshold and how they were made are in answer/answerability.json."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from answer.compose import Composition
from answer.mention import asked_about, unwritten
from answer.coverage import CoverageJudge
from answer.name_spans import named_in, writes_all
from core.types import AnswerType, ConstraintKind, IndexStats, QuestionFrame, Retrieval
from vntext.normalize import fold
from vntext.tokens import TokenKind, kind_of

MODEL_PATH = Path(__file__).resolve().parent / "answerability.json"
FEATURES = ("coverage", "single_coverage", "bigram_coverage", "missing_rare", "best_sentence", "dense_top", "dense_gap",
            "dense_z", "lexical_z", "agree", "same_document", "oov", "typed_missing", "en", "scattered",
            "document_agree", "agree_same", "lexical_same")
# signals whose scale (or ranking) is the embedder's own
DENSE = frozenset({"dense_top", "dense_gap", "dense_z", "agree", "document_agree", "agree_same"})
ANY_EMBEDDER = "any"  # the model without dense signals, for an embedder no model was fitted for


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    reason: str  # a short reason for logs and the eval report
    probability: float | None = None  # the model's estimate that the passages answer the question
    features: dict[str, float] = field(default_factory=dict)
    missing: str = ""  # what the documents do not give (a partial answer names it)


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    provenance: dict
    threshold_en: float | None = None  # for English questions (set on English tuning questions: ALQAC has none)

    @classmethod
    def load(cls, path: Path = MODEL_PATH, embedder: str = ANY_EMBEDDER) -> "Model":
        """The model fitted with `embedder`'s dense signals, else the one that uses none of them."""
        models = json.loads(Path(path).read_text(encoding="utf-8"))["models"]
        return cls.from_json(models.get(embedder) or models[ANY_EMBEDDER])

    @classmethod
    def from_json(cls, data: dict) -> "Model":
        n = len(data["features"])
        if not all(len(data[k]) == n for k in ("mean", "scale", "weights")):
            raise ValueError("answerability model: features, mean, scale and weights differ in length")
        return cls(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]),
                   float(data["bias"]), float(data["threshold"]), data.get("provenance", {}),
                   float(data["threshold_en"]) if data.get("threshold_en") is not None else None)

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "bias": self.bias, "threshold": self.threshold,
                "threshold_en": self.threshold_en, "provenance": self.provenance}

    def probability(self, values: dict[str, float]) -> float:
        z = self.bias + sum(w * (values.get(f, 0.0) - m) / (s or 1.0)
                            for f, m, s, w in zip(self.features, self.mean, self.scale, self.weights))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def _gap(values: tuple[float, ...], skip: int = 10) -> float:
    """The best value minus the mean of the rest (past `skip`): a language shifts both, the gap stays."""
    tail = values[skip:]
    return values[0] - sum(tail) / len(tail) if values and len(tail) >= 5 else 0.0


def _z(values: tuple[float, ...], skip: int = 10) -> float:
    """How far the best value stands above the rest of the candidates (those past `skip`), in their spread."""
    tail = values[skip:]
    if not values or len(tail) < 5:
        return 0.0
    mean = sum(tail) / len(tail)
    sd = math.sqrt(sum((v - mean) ** 2 for v in tail) / len(tail))
    return (values[0] - mean) / (sd + 0.01)


class Answerability:
    def __init__(self, coverage: CoverageJudge, model: Model, coverage_passages: int, units: frozenset[str]):
        self.coverage, self.model, self.passages, self.units = coverage, model, coverage_passages, units

    def features(self, frame: QuestionFrame, retrieval: Retrieval, comp: Composition, stats: IndexStats) -> dict[str, float]:
        groups = self.coverage.groups(frame, stats)
        top = retrieval.hits[: self.passages]
        contexts = [h.chunk.in_context(locality=True) for h in top]
        covered = self.coverage.coverage(groups, contexts)
        single = max((self.coverage.coverage(groups, [c]) for c in contexts), default=0.0)
        bigrams, missing_rare = self.coverage.bigram_coverage(frame, stats, contexts)
        unseen = sum(g.weight for g in groups if not any(all(t in stats.vocab for t in a) for a in g.alternatives))
        total = sum(g.weight for g in groups) or 1.0
        first = retrieval.hits[0] if retrieval.hits else None
        agree = bool(first and first.dense_rank and first.lexical_rank and first.dense_rank <= 5 and first.lexical_rank <= 5)
        # within the question's scope: a question naming a province reads the top five among passages of its
        # documents and of documents of no province (another province's article is out of its scope, however
        # close its words: "Kon Tum có giáp ... Lào và Campuchia không?" finds Đăk Nông's too)
        named = {c.value for c in frame.of(ConstraintKind.PLACE)}
        scoped = [h for h in retrieval.hits if not h.chunk.locality or h.chunk.locality in named] \
            if first is not None and first.chunk.locality and first.chunk.locality in named else retrieval.hits
        five = scoped[:5]
        same = sum(h.chunk.doc_id == first.chunk.doc_id for h in five[1:]) / max(1, len(five) - 1) if first else 0.0
        lexical_z = _z(retrieval.lexical_scores)
        # an answer is one document's: the top five from one document counts the more as both retrievers agree on
        # the top passage, or the lexical top stands out (products of non-negative signals, each rising with both)
        return {**self._documents(frame, retrieval, stats),
                "agree_same": float(agree) * same, "lexical_same": max(0.0, lexical_z) * same,
                "coverage": covered, "single_coverage": single, "bigram_coverage": bigrams, "missing_rare": missing_rare,
                "same_document": same,
                "best_sentence": comp.best_coverage,
                "dense_top": retrieval.dense_sims[0] if retrieval.dense_sims else 0.0,
                "dense_gap": _gap(retrieval.dense_sims), "dense_z": _z(retrieval.dense_sims),
                "lexical_z": lexical_z,
                "agree": float(agree), "oov": unseen / total, "typed_missing": float(comp.typed and not comp.found),
                "en": float(frame.lang == "en")}

    def _documents(self, frame: QuestionFrame, retrieval: Retrieval, stats: IndexStats) -> dict[str, float]:
        """For a question about a document the index lacks (a law left out): passages of several other documents each
        hold some of its words, no one document holds them together, and the two retrievers land on different
        documents. `scattered`: the idf-weighted share of the question's two-syllable words that all retrieved
        passages hold together, less the share the best single document's passages hold. `document_agree`: the
        best dense and the best lexical passage come from one document."""
        hits = retrieval.hits
        weights = self.coverage.bigram_weights(frame, stats)
        by_doc: dict[str, set[str]] = {}
        for h in hits:
            by_doc.setdefault(h.chunk.doc_id, set()).update(self.coverage.analyzer.passage(h.chunk.in_context(locality=True)))
        pooled, _ = self.coverage.held_share(weights, set().union(*by_doc.values()), stats) if by_doc else (0.0, 0.0)
        best = max((self.coverage.held_share(weights, toks, stats)[0] for toks in by_doc.values()), default=0.0)
        dense = min((h for h in hits if h.dense_rank), key=lambda h: h.dense_rank, default=None)
        lexical = min((h for h in hits if h.lexical_rank), key=lambda h: h.lexical_rank, default=None)
        agree = bool(dense and lexical and dense.chunk.doc_id == lexical.chunk.doc_id)
        return {"scattered": max(0.0, pooled - best), "document_agree": float(agree)}

    def judge(self, frame: QuestionFrame, retrieval: Retrieval, comp: Composition, stats: IndexStats) -> Verdict:
        if not retrieval.hits:
            return Verdict(True, "nothing retrieved")
        full_codes = [k for k in retrieval.code_keys if kind_of(k) == TokenKind.CODE]
        claim = frame.answer_type == AnswerType.YESNO  # a claim's details are to be checked, not required
        if full_codes and not claim and not any(k in stats.vocab for k in full_codes):
            return Verdict(True, f"no passage holds {', '.join(full_codes)}")
        unknown = [a for a in frame.acronyms if not _held(a, stats) and not self._rendered(a, stats)]
        if unknown:  # "KOICA" is named in no passage: the documents say nothing of it
            return Verdict(True, f"no passage holds {unknown[0]}", missing=unknown[0])
        matter = asked_about(frame)
        if matter and not claim and unwritten(matter, self.coverage.analyzer, stats.vocab):
            # "... nhiệm vụ gì về ứng phó với biến đổi khí hậu?": no passage writes the matter asked about
            return Verdict(True, f"no passage holds {matter}", missing=matter)
        values = self.features(frame, retrieval, comp, stats)
        if comp.unmet and not claim:
            c = comp.unmet[0]
            return Verdict(True, f"no sentence meets {c.kind.value} {c.value}", features=values, missing=_named(c))
        if comp.typed and not comp.found and (_must_be_stated(frame, self.units, comp.abroad) or self._counted_elsewhere(frame, comp, stats)):
            return Verdict(True, f"no {frame.answer_type.value}{' in ' + frame.unit if frame.unit else ''} is stated",
                           features=values, missing=frame.answer_type.value)
        p = self.model.probability(values)
        en = frame.lang == "en" and self.model.threshold_en is not None
        if full_codes and not claim and self._code_held(full_codes, retrieval):
            # the document the question names by its full number is in a top passage: what it says of that document
            # is there, however the rest of the question is worded ("Chỉ thi 26/CT-TTg cua Thủ tướng ban hàng ...")
            return Verdict(False, "", p, values)
        if frame.answer_type == AnswerType.OFFICE and _holder_named(frame, comp):
            # "Ông Cao Huy giữ chức vụ gì?": the office written with the person the question names answers it, however
            # little of the asking words ("giữ chức vụ gì") the passage shares
            return Verdict(False, "", p, values)
        if comp.typed and comp.found and min(values["coverage"], values["single_coverage"]) >= 1.0 and not values["oov"]:
            # one passage holds every word of the question, and a sentence meeting every constraint gives a span of
            # the asked type ("Tỉnh nào nằm ở ngã ba Đông Dương, giáp cả Lào và Campuchia?" -> Kon Tum): the model's
            # spread-of-documents signals (top five from one document) do not make that evidence weak
            return Verdict(False, "", p, values)
        if p < (self.model.threshold_en if en else self.model.threshold):
            return Verdict(True, f"weak evidence (p={p:.2f})", p, values)
        return Verdict(False, "", p, values)

    def _rendered(self, name: str, stats: IndexStats) -> bool:
        """Whether the index holds a Vietnamese rendering of a name the glossary knows ("Guangxi": "Quảng Tây")."""
        analyzer = self.coverage.analyzer
        return any((toks := analyzer.passage(v)) and all(t in stats.vocab for t in toks)
                   for m in self.coverage.glossary.find(name) for v in m.variants)

    def _code_held(self, codes: list[str], retrieval: Retrieval) -> bool:
        """Whether one of the first passages holds a document number the question names in full."""
        return any(set(codes) & set(self.coverage.analyzer.passage(h.chunk.text)) for h in retrieval.hits[:3])

    def _counted_elsewhere(self, frame: QuestionFrame, comp: Composition, stats: IndexStats) -> bool:
        """A count of a thing the index names ("khu công nghiệp") but no sentence meeting the question's place,
        year or body does: the documents count it elsewhere, not there, and no listing gives it either. A noun the
        index never writes may be the question's own word for it: that is for the model to judge."""
        if comp.counted_seen or frame.options:  # a multiple-choice question's options give the counts
            return False
        analyzer = self.coverage.analyzer
        return any((toks := set(analyzer.passage(sp))) and all(t in stats.vocab for t in toks) for sp in frame.unit_spellings)


def _held(name: str, stats: IndexStats) -> bool:
    """Whether the index holds a name: as written, without diacritics, or written as two syllables ("Takeo": "Ta Keo")."""
    lower = name.lower()
    return lower in stats.vocab or fold(lower) in stats.vocab or any(
        f"{lower[:i]}_{lower[i:]}" in stats.vocab for i in range(2, len(lower) - 1))


def _holder_named(frame: QuestionFrame, comp: Composition) -> bool:
    """Whether the direct answer's quote holds every name the question writes in capitals ("Cao Huy")."""
    if comp.short is None or not 0 < comp.short.n <= len(comp.citations):
        return False
    names, quote = named_in(frame.core), comp.citations[comp.short.n - 1].quote
    return bool(names) and writes_all(quote, names)


def _must_be_stated(frame: QuestionFrame, units: frozenset[str], abroad: bool = False) -> bool:
    """A measure in an asked unit (km, USD, %, days ...), or the date of a named document or place, is either
    written in a passage or not: its absence is a refusal. A count of things ("bao nhiêu nguyên tắc") may be
    given by listing them, and names are found less reliably: their absence only means no direct answer, unless
    the question says what the person or body did ("cơ quan nào chủ trì") and no sentence says it, or asks for
    countries, which are always found when named."""
    if frame.answer_type == AnswerType.QUANTITY:
        return frame.unit in units
    if frame.answer_type in (AnswerType.OFFICE, AnswerType.CONTACT):
        # the office of a named person is written with the name, a body's address on its contact lines, or the
        # documents do not give them
        return True
    if frame.relation:  # "cơ quan nào chủ trì ...": no sentence says that anyone chairs it
        return True
    if frame.answer_type == AnswerType.PERSON and (frame.of(ConstraintKind.ROLE) and frame.lang == "vi" or frame.head):
        return True  # "Chủ tịch UBND tỉnh ... tên là gì?", "who heads ...": the holder's name, or no answer
    if frame.list_of == "country" and frame.answer_type in (AnswerType.LIST, AnswerType.PLACE):
        return True  # "những nước nào": countries are named by the one table of them, or not at all
    if frame.answer_type == AnswerType.PLACE and frame.list_of in ("province", "district") and abroad:
        return True  # "tỉnh nào của Thái Lan": a foreign locality is written with its kind ("tỉnh Champasak") or not at all
    # the date of an event in a place, or of one with a named body ("Thỏa thuận với Ngân hàng Châu Á (ADB) được ký
    # vào năm nào?"), is written with it or not given; a named document's own date may be written only beside its
    # number: that is for the card or the model to judge
    placed = frame.of(ConstraintKind.PLACE) or frame.of(ConstraintKind.QUALIFIER)
    return frame.answer_type == AnswerType.DATE and bool(placed) and not frame.codes


def _named(c) -> str:
    """A constraint as the refusal names it: "năm 2018" (never "Năm 2018" mid-sentence, never "about in 2018")."""
    if c.kind == ConstraintKind.YEAR:
        return f"năm {c.value}" if c.text.lower().startswith("năm") else c.value
    return c.text
