"""Score a knowledge graph against gold annotations (JSON Lines, see ``docs/evaluation.md``).

Predictions come from the contract queries (``observations.rq``, ``entities.rq``), so any graph
that answers them can be scored, whatever built it.

Matching rules:

* An **observation** matches a gold observation of the same document when the values are equal
  and the prediction's quote span (or a span where the document states the same claim again,
  ``ekg:alsoStatedIn``: the story a headline repeats) overlaps the gold ``anchor`` in the text.
  Each prediction and each gold record is matched at most once (largest overlap first). Unit,
  period, qualifier and place are then compared on the matched pairs (attribute accuracy).
  Values in two units of one quantity kind that the ontology sizes (亩, 公顷, 平方公里) are
  compared converted, and the unit then counts as right: the gold format knows only 亩, the
  graph keeps the unit written. The format's units are a closed list (:data:`FORMAT_UNITS`):
  a graph unit outside it (公里, 立方米, 千瓦) has no name there, and annotators write such an
  amount as ``count`` (with the unit in a note), so a gold ``count`` accepts it.
  A negative gold value (a fall written with its sign, -10.0 for 同比下降10.0%) matches the
  graph's value of the same size whose direction is ``fall``.
  A place is right when both names are one gazetteer entry (香港 and 香港特别行政区).
* An **entity** matches when document, type and canonical name agree (names compared in
  simplified script without quotes, 《》 or spaces; an instrument's name also without
  中华人民共和国 and a standard's number, and a party committee's name without 中共, which
  annotators write or leave out at will).
  ``lenient`` scores also accept a gold alias.
* **Identity**: every gold entity name (and indicator name) that occurs in two or more documents
  should be predicted with a single IRI across them; the other side is listed too, predicted
  indicators that answer for several gold indicators (merged metrics).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ecokg.errors import InputError
from ecokg.text.normalize import to_half_width, to_simplified

ATTRIBUTES = ("unit", "period", "qualifier", "place")
# The units of the gold format (shared/eval/FORMAT.md).
FORMAT_UNITS = frozenset(
    (
        "percent",
        "percentage_point",
        "ug_per_m3",
        "mg_per_l",
        "cny",
        "tonne",
        "mu",
        "count",
        "times",
        "rank",
        "year",
        "day",
        "index",
    )
)
# Scored where the gold states them (FORMAT.md leaves them optional): whether a value is a target,
# which way a change went, and the date a running total holds at.
EXTRA_ATTRIBUTES = ("modality", "direction", "as_of")
_NAME_NOISE = re.compile(r"[《》“”\"'‘’「」\s]")
_STATE = "中华人民共和国"
# 中共辽宁省委 and 辽宁省委 (the dev gold's form) are one committee; 中共中央 is the party's centre,
# whose name needs 中共
_PARTY = "中共"
_STANDARD_CODE = re.compile(r"\(?[A-Z]{2}(?:\d{2})?(?:/[TZ])?/?\d+(?:\.\d+)*[-—–]\d{4}\)?")


@dataclass(frozen=True)
class GoldObservation:
    """One gold observation record."""

    doc: str
    id: str
    indicator: str
    value: Decimal
    unit: str
    qualifier: str
    period: str | None
    place: str | None
    anchor: str
    modality: str | None = None  # target | forecast | achieved; None when not stated
    direction: str | None = None  # rise | fall
    as_of: str | None = None


@dataclass(frozen=True)
class GoldEntity:
    """One gold entity record."""

    doc: str
    id: str
    type: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class PredictedObservation:
    """One row of ``observations.rq``."""

    doc: str
    indicator: str
    label: str
    value: Decimal
    unit: str
    qualifier: str
    period: str | None
    place: str | None
    quote: str
    start: int
    end: int
    modality: str = "achieved"
    direction: str | None = None
    as_of: str | None = None
    # the other places the document states the same claim (a headline repeating its story)
    also: tuple[tuple[int, int], ...] = ()
    max_value: Decimal | None = None  # the high end of a range (qualifier "range")


@dataclass(frozen=True)
class PredictedEntity:
    """One row of ``entities.rq``."""

    doc: str
    type: str
    name: str
    iri: str
    start: int
    end: int


@dataclass
class Score:
    """Precision, recall and F1 from counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Accumulate counts."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        """Counts and rates, rounded for printing."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class EvalReport:
    """Everything an evaluation found."""

    observations: Score = field(default_factory=Score)
    attribute_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    extra_correct: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(EXTRA_ATTRIBUTES, 0)
    )
    extra_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EXTRA_ATTRIBUTES, 0))
    entities: Score = field(default_factory=Score)
    entities_lenient: Score = field(default_factory=Score)
    entities_by_type: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    attribute_errors: list[str] = field(default_factory=list)
    entity_misses: list[str] = field(default_factory=list)
    entity_false_positives: list[str] = field(default_factory=list)
    split_entities: list[str] = field(default_factory=list)
    split_indicators: list[str] = field(default_factory=list)
    merged_indicators: list[str] = field(default_factory=list)
    shared_entities: int = 0
    shared_indicators: int = 0
    documents: list[str] = field(default_factory=list)
    # What was matched before scoring: gold documents the corpus lacks are not scored (their
    # offsets point into no text), and gold documents the graph lacks score as all missed.
    gold_documents: int = 0
    corpus_documents: int = 0
    not_in_corpus: list[str] = field(default_factory=list)
    not_in_graph: list[str] = field(default_factory=list)

    def attribute_accuracy(self, name: str) -> float:
        """Share of matched observations whose attribute is right."""
        matched = self.observations.tp
        return self.attribute_correct[name] / matched if matched else 0.0

    def extra_accuracy(self, name: str) -> float | None:
        """Share right among matched observations whose gold states the attribute (None: none)."""
        total = self.extra_total[name]
        return self.extra_correct[name] / total if total else None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (without the error lists)."""
        return {
            "documents": self.documents,
            "matching": {
                "gold_documents": self.gold_documents,
                "corpus_documents": self.corpus_documents,
                "scored": len(self.documents),
                "not_in_corpus": self.not_in_corpus,
                "not_in_graph": self.not_in_graph,
            },
            "observations": self.observations.as_dict(),
            "attribute_accuracy": {a: round(self.attribute_accuracy(a), 4) for a in ATTRIBUTES},
            "extra_accuracy": {
                a: {"accuracy": round(acc, 4), "n": self.extra_total[a]}
                for a in EXTRA_ATTRIBUTES
                if (acc := self.extra_accuracy(a)) is not None
            },
            "entities": self.entities.as_dict(),
            "entities_lenient": self.entities_lenient.as_dict(),
            "entities_by_type": {t: s.as_dict() for t, s in sorted(self.entities_by_type.items())},
            "identity": {
                "entities_shared": self.shared_entities,
                "entities_split": len(self.split_entities),
                "indicators_shared": self.shared_indicators,
                "indicators_split": len(self.split_indicators),
                "indicators_merged": len(self.merged_indicators),
            },
        }

    def text(self, details: bool = True) -> str:
        """A readable report; with ``details``, every miss and false positive with its text."""
        o = self.observations
        lines = [
            f"Documents: {self.gold_documents} in the gold, {self.corpus_documents} in the "
            f"corpus, {len(self.documents)} in both (scored): {', '.join(self.documents)}",
        ]
        if self.not_in_corpus:
            lines.append(f"Gold documents not in the corpus: {', '.join(self.not_in_corpus)}")
        if self.not_in_graph:
            lines.append(
                f"Gold documents not in the graph (all their facts missed): "
                f"{', '.join(self.not_in_graph)}"
            )
        lines += [
            f"Observations  P {o.precision:.3f}  R {o.recall:.3f}  F1 {o.f1:.3f}  "
            f"(tp {o.tp}, fp {o.fp}, fn {o.fn})",
            "Attribute accuracy on matched observations: "
            + ", ".join(f"{a} {self.attribute_accuracy(a):.3f}" for a in ATTRIBUTES),
        ]
        stated = [
            f"{a} {acc:.3f} (n {self.extra_total[a]})"
            for a in EXTRA_ATTRIBUTES
            if (acc := self.extra_accuracy(a)) is not None
        ]
        if stated:
            lines.append("Where the gold states them: " + ", ".join(stated))
        e, el = self.entities, self.entities_lenient
        lines.append(
            f"Entities      P {e.precision:.3f}  R {e.recall:.3f}  F1 {e.f1:.3f}  "
            f"(tp {e.tp}, fp {e.fp}, fn {e.fn}; with aliases F1 {el.f1:.3f})"
        )
        for name, score in sorted(self.entities_by_type.items()):
            lines.append(
                f"  {name:<11} P {score.precision:.3f}  R {score.recall:.3f}  "
                f"F1 {score.f1:.3f}  (tp {score.tp}, fp {score.fp}, fn {score.fn})"
            )
        lines.append(
            f"Identity: {self.shared_entities} gold entity names in 2+ documents, "
            f"{len(self.split_entities)} split over several IRIs; "
            f"{self.shared_indicators} gold indicators in 2+ documents, "
            f"{len(self.split_indicators)} split; "
            f"{len(self.merged_indicators)} predicted indicators hold 2+ gold indicators"
        )
        if details:
            for title, items in (
                ("Missed observations", self.misses),
                ("False-positive observations", self.false_positives),
                ("Attribute errors", self.attribute_errors),
                ("Missed entities", self.entity_misses),
                ("False-positive entities", self.entity_false_positives),
                ("Entities split over IRIs", self.split_entities),
                ("Indicators split over IRIs", self.split_indicators),
                ("Predicted indicators holding several gold ones", self.merged_indicators),
            ):
                if items:
                    lines.append(f"\n{title} ({len(items)}):")
                    lines.extend(f"  {item}" for item in items)
        return "\n".join(lines) + "\n"


def canonical_name(name: str) -> str:
    """A name as compared: simplified script, half-width forms, no quotes, 《》 or spaces."""
    return _NAME_NOISE.sub("", to_half_width(to_simplified(name)))


def entity_key(type_: str, name: str) -> str:
    """What identifies an entity of ``type_`` named ``name``: its canonical name, and for an
    instrument without the state's name before a national law or a standard's number, which
    annotators write or leave out at will (中华人民共和国长江保护法 is 长江保护法;
    GB 3095-2012 环境空气质量标准 is 环境空气质量标准), and for a local party body without 中共
    (中共衡南县委 is 衡南县委)."""
    key = canonical_name(name)
    if type_ == "Agency" and key.startswith(_PARTY) and not key.startswith("中共中央"):
        return key.removeprefix(_PARTY)
    if type_ != "Regulation":
        return key
    bare = _STANDARD_CODE.sub("", key.removeprefix(_STATE))
    return bare or key


def _decimal(value: object, where: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise InputError(where, f"value {value!r} is not a number") from exc


def load_gold(gold_dir: Path) -> tuple[list[GoldObservation], list[GoldEntity]]:
    """Read every ``*.jsonl`` file of a folder of gold annotations."""
    if not gold_dir.is_dir():
        raise InputError(gold_dir, "not a folder of gold .jsonl files")
    observations: list[GoldObservation] = []
    entities: list[GoldEntity] = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
                if record["kind"] == "obs":
                    observations.append(
                        GoldObservation(
                            record["doc"],
                            record["id"],
                            record["indicator"],
                            _decimal(record["value"], where),
                            record["unit"],
                            record.get("qualifier") or "exact",
                            None if record.get("period") in (None, "") else str(record["period"]),
                            record.get("place"),
                            record["anchor"],
                            record.get("modality"),
                            record.get("direction"),
                            None if record.get("as_of") is None else str(record["as_of"]),
                        )
                    )
                elif record["kind"] == "ent":
                    entities.append(
                        GoldEntity(
                            record["doc"],
                            record["id"],
                            record["type"],
                            record["name"],
                            tuple(record.get("aliases") or ()),
                        )
                    )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(where, f"not a gold record ({exc})") from exc
    return observations, entities


def _occurrences(text: str, anchor: str) -> list[tuple[int, int]]:
    spans, pos = [], text.find(anchor)
    while pos >= 0:
        spans.append((pos, pos + len(anchor)))
        pos = text.find(anchor, pos + 1)
    return spans


def _short(doc: str) -> str:
    """A document's number, which lists of errors show for its name (1203 of 1203_tj_page)."""
    return doc.split("_", 1)[0]


# A range ("介于12%至68%之间") is one observation of the graph: its low end is its value, its
# high end ekg:maxValue. Golds write it as one record (qualifier "range") or as two, each end
# as the number it is or as the bound it sets; the high end is scored where a gold writes it,
# and is no false positive where the gold's one record holds the range.
_RANGE = "range"
_RANGE_HIGH = "range-high"
_RANGE_ENDS = {
    _RANGE: ("exact", "lower_bound"),
    _RANGE_HIGH: ("range", "exact", "upper_bound"),
}


def _range_ends(p: PredictedObservation) -> tuple[PredictedObservation, ...]:
    """A prediction, and the high end of its range as a prediction of its own."""
    if p.qualifier != _RANGE or p.max_value is None:
        return (p,)
    return (p, replace(p, value=p.max_value, qualifier=_RANGE_HIGH, max_value=None))


def _same_date(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _equal_values(a: Decimal, b: Decimal, tolerance: Decimal = Decimal("1e-9")) -> bool:
    return abs(a - b) <= max(abs(a), abs(b)) * tolerance


def _same_quantity(
    g: GoldObservation, p: PredictedObservation, sizes: Mapping[str, tuple[str, Decimal]]
) -> bool:
    """Whether gold and prediction state one amount: the same value, or the same quantity in
    another unit of its kind (101.7万公顷 for the gold's 1525.5万亩; ``sizes`` maps a unit to
    its quantity kind and SI size, rounded in the ontology, hence the looser tolerance)."""
    if not _convertible(g.unit, p.unit, sizes):
        # A fall written as a signed change (-10.0 for 同比下降10.0%) is the graph's 10.0 with
        # direction fall: the same claim in the other notation
        signed = -p.value if p.direction == "fall" else p.value
        return _equal_values(g.value, p.value) or (g.value < 0 and _equal_values(g.value, signed))
    g_size, p_size = sizes[g.unit][1], sizes[p.unit][1]
    return _equal_values(g.value * g_size, p.value * p_size, Decimal("1e-6"))


def _same_place(a: str | None, b: str | None, names: Mapping[str, str]) -> bool:
    return a is not None and b is not None and names.get(a, a) == names.get(b, b)


def _same_unit(gold: str, predicted: str, sizes: Mapping[str, tuple[str, Decimal]]) -> bool:
    """Whether a predicted unit is the gold's, in the format's closed list of units."""
    if gold == "count" and predicted not in FORMAT_UNITS:
        return True
    return _convertible(gold, predicted, sizes)


def _convertible(a: str, b: str, sizes: Mapping[str, tuple[str, Decimal]]) -> bool:
    return a != b and a in sizes and b in sizes and sizes[a][0] == sizes[b][0]


def score(
    texts: Mapping[str, str],
    gold_obs: Iterable[GoldObservation],
    gold_ents: Iterable[GoldEntity],
    pred_obs: Iterable[PredictedObservation],
    pred_ents: Iterable[PredictedEntity],
    sizes: Mapping[str, tuple[str, Decimal]] | None = None,
    place_names: Mapping[str, str] | None = None,
) -> EvalReport:
    """Score predictions against gold for the documents the gold annotates. ``sizes`` (unit ->
    quantity kind and SI size) lets a value in another unit of the same kind match;
    ``place_names`` (a gazetteer alias -> its entry's name) lets a place's short name match."""
    gold_obs = list(gold_obs)
    gold_ents = list(gold_ents)
    docs = sorted({g.doc for g in gold_obs} | {g.doc for g in gold_ents})
    report = EvalReport(documents=docs)
    pred_obs = [q for p in pred_obs if p.doc in docs for q in _range_ends(p)]
    pred_ents = [p for p in pred_ents if p.doc in docs]
    # gold indicator -> predicted IRI -> (its label, the documents it was matched in)
    matched_indicator: dict[str, dict[str, tuple[str, set[str]]]] = defaultdict(dict)
    gold_indicator_docs: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        _score_observations(
            report,
            texts.get(doc, ""),
            [g for g in gold_obs if g.doc == doc],
            [p for p in pred_obs if p.doc == doc],
            matched_indicator,
            sizes or {},
            place_names or {},
        )
    for g in gold_obs:
        gold_indicator_docs[g.indicator].add(g.doc)
    shared = sorted(name for name, ds in gold_indicator_docs.items() if len(ds) > 1)
    report.shared_indicators = len(shared)
    report.split_indicators = [
        f"{name}: "
        + "; ".join(
            f"{iri.rsplit('/', 1)[-1]} {label!r} in {','.join(sorted(_short(d) for d in ds))}"
            for iri, (label, ds) in sorted(matched_indicator[name].items())
        )
        for name in shared
        if len(matched_indicator[name]) > 1
    ]
    # The other side of identity: one predicted IRI answering for several gold metrics merges
    # what a researcher's time series must keep apart.
    gold_by_iri: dict[str, dict[str, str]] = defaultdict(dict)
    for name, iris in matched_indicator.items():
        for iri, (label, _) in iris.items():
            gold_by_iri[iri][name] = label
    report.merged_indicators = [
        f"{iri.rsplit('/', 1)[-1]} {next(iter(names.values()))!r}: {', '.join(sorted(names))}"
        for iri, names in sorted(gold_by_iri.items())
        if len(names) > 1
    ]
    _score_entities(report, gold_ents, pred_ents)
    return report


def _score_observations(
    report: EvalReport,
    text: str,
    gold: list[GoldObservation],
    pred: list[PredictedObservation],
    matched_indicator: dict[str, dict[str, tuple[str, set[str]]]],
    sizes: Mapping[str, tuple[str, Decimal]],
    place_names: Mapping[str, str],
) -> None:
    states_modality = any(g.modality is not None for g in gold)
    candidates = []
    for gi, g in enumerate(gold):
        for a_start, a_end in _occurrences(text, g.anchor):
            for pi, p in enumerate(pred):
                spans = ((p.start, p.end), *p.also)
                overlap = max(min(a_end, end) - max(a_start, start) for start, end in spans)
                if overlap > 0 and _same_quantity(g, p, sizes):
                    candidates.append((-overlap, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, gi, pi in sorted(candidates):
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        g, p = gold[gi], pred[pi]
        report.observations.tp += 1
        matched_indicator[g.indicator].setdefault(p.indicator, (p.label, set()))[1].add(p.doc)
        for attr in ATTRIBUTES:
            if (
                getattr(g, attr) == getattr(p, attr)
                or (attr == "unit" and _same_unit(g.unit, p.unit, sizes))
                or (attr == "place" and _same_place(g.place, p.place, place_names))
                or (attr == "qualifier" and g.qualifier in _RANGE_ENDS.get(p.qualifier, ()))
            ):
                report.attribute_correct[attr] += 1
            else:
                report.attribute_errors.append(
                    f"{g.id} {attr}: gold {getattr(g, attr)!r}, predicted {getattr(p, attr)!r} "
                    f"[{g.anchor}]"
                )
        for attr in EXTRA_ATTRIBUTES:
            want, got = getattr(g, attr), getattr(p, attr)
            if attr == "modality" and want is None and states_modality:
                want = "achieved"  # a document that marks its targets leaves results unmarked
            if want is None:
                continue
            report.extra_total[attr] += 1
            # An as-of date agrees at the precision both give (2024-12 and 2024-12-31).
            same = want == got or (attr == "as_of" and got is not None and _same_date(want, got))
            if same:
                report.extra_correct[attr] += 1
            else:
                report.attribute_errors.append(
                    f"{g.id} {attr}: gold {want!r}, predicted {got!r} [{g.anchor}]"
                )
    for gi, g in enumerate(gold):
        if gi not in used_gold:
            report.observations.fn += 1
            where = "anchor not found in text" if not _occurrences(text, g.anchor) else g.anchor
            report.misses.append(f"{g.id} {g.indicator} = {g.value} {g.unit} [{where}]")
    for pi, p in enumerate(pred):
        if pi not in used_pred and p.qualifier != _RANGE_HIGH:
            report.observations.fp += 1
            report.false_positives.append(
                f"{_short(p.doc)} {p.label} = {p.value} {p.unit} [{' '.join(p.quote.split())}] "
                f"@{p.start}"
            )


def _score_entities(
    report: EvalReport, gold: list[GoldEntity], pred: list[PredictedEntity]
) -> None:
    gold_keys = {(g.doc, g.type, entity_key(g.type, g.name)) for g in gold}
    alias_keys: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for g in gold:
        key = (g.doc, g.type, entity_key(g.type, g.name))
        for alias in (g.name, *g.aliases):
            alias_keys.setdefault((g.doc, g.type, entity_key(g.type, alias)), key)
    pred_keys = {(p.doc, p.type, entity_key(p.type, p.name)) for p in pred}
    types = sorted({k[1] for k in gold_keys} | {k[1] for k in pred_keys})
    for t in types:
        g_t = {k for k in gold_keys if k[1] == t}
        p_t = {k for k in pred_keys if k[1] == t}
        s = Score(len(g_t & p_t), len(p_t - g_t), len(g_t - p_t))
        report.entities_by_type[t] = s
        report.entities.add(s)
    lenient_hits = {alias_keys[k] for k in pred_keys if k in alias_keys}
    report.entities_lenient = Score(
        len(lenient_hits),
        len({k for k in pred_keys if k not in alias_keys}),
        len(gold_keys - lenient_hits),
    )
    report.entity_misses = [f"{_short(d)} {t} {n}" for d, t, n in sorted(gold_keys - pred_keys)]
    report.entity_false_positives = [
        f"{_short(d)} {t} {n}" for d, t, n in sorted(pred_keys - gold_keys)
    ]
    # identity: one IRI per gold name across documents
    iris: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in pred:
        iris[(p.type, entity_key(p.type, p.name))].add(p.iri)
    docs_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g in gold:
        docs_of[(g.type, entity_key(g.type, g.name))].add(g.doc)
    shared = sorted(k for k, ds in docs_of.items() if len(ds) > 1)
    report.shared_entities = len(shared)
    report.split_entities = [
        f"{t} {n}: {len(iris[(t, n)])} IRIs" for t, n in shared if len(iris[(t, n)]) > 1
    ]
