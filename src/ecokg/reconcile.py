"""Reconcile claims across documents: the corpus-level pass that runs after the document shards.

Every document is extracted on its own, so nothing in a document's graph says that another
document states the same figure, a newer one or a different one. This pass reads the observations
back from the shards, groups them by indicator, place, unit, modality and comparable period (one
period, or running totals, which are ordered by their as-of dates) and compares the claims of
different documents in each group. Each pair becomes an ``ekg:ClaimComparison`` in a named graph
of its own, with both observations, both evidence spans, the difference, a verdict
(``ekg:corroborated``, ``ekg:updated``, ``ekg:conflicting``) and a short reason. The rules and
their thresholds (``data/reconciliation/thresholds.yaml``) are explained in
``docs/reconciliation.md``.

Like the rest of the build it streams in bounded memory: each worker writes the comparable
observations of its document beside its shard, the pass reads those records, sorts them and the
output statements on disk when they do not fit in a chunk, and holds one group of claims at once.
The output depends only on the shards' content (sorted N-Quads, IRIs from the two observation
IRIs), so it is byte-identical for any number of workers, order of documents and hash seed; it is
computed afresh on every build, so an incremental build that adds or changes a document
recomputes every comparison it touches.
"""

from __future__ import annotations

import datetime
import heapq
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ecokg.corpus import PartialDate
from ecokg.errors import EcokgError
from ecokg.kg.ntriples import iri, literal, statement, term_value
from ecokg.kg.vocab import EKG, ID, IND, NIF, digest
from ecokg.resources import resource_dir, resource_files
from ecokg.shards import claims_path

RECONCILIATION_GRAPH = ID["graph/corpus/reconciliation"]
"""The named graph of the comparisons (a slug never holds ``/``, so no document's graph is it)."""

VERDICTS = ("corroborated", "updated", "conflicting")
RUNNING_TOTAL = "running_total"
SAME_PERIOD = "same_period"

# Records and statements are sorted in chunks of this many lines; more are spilled to disk and
# merged, at most this many files at once.
CHUNK_LINES = 200_000
FAN_IN = 128


class ThresholdError(EcokgError):
    """A thresholds file that cannot be used (a missing key, a value of the wrong kind)."""


@dataclass(frozen=True)
class Thresholds:
    """The numbers the verdicts depend on, as :func:`load_thresholds` reads them from
    ``data/reconciliation/thresholds.yaml`` (whose comments say what each one means)."""

    approx_relative: Decimal
    max_growth_per_year: Decimal
    min_days: int
    inferred_as_of_lag_days: int
    growth_unlimited: frozenset[str]  # indicator IRIs
    additive_units: frozenset[str]  # unit codes
    open_max_relative_change: Decimal
    documents_per_claim: int


def _deep_merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _deep_merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ThresholdError(f"{path}: cannot read the reconciliation thresholds ({exc})") from exc


def load_thresholds(extra_dirs: Sequence[str | Path] = ()) -> Thresholds:
    """The built-in thresholds with the ``reconciliation:`` section of any ``*.yaml`` file in
    ``extra_dirs`` (the ``--lexicon`` folders) laid over them, key by key."""
    files = [resource_dir("reconciliation") / "thresholds.yaml"]
    for folder in extra_dirs:
        files += sorted(Path(folder).glob("*.yaml"))
    settings: dict[str, Any] = {}
    thresholds: Thresholds | None = None
    for path in files:
        data = _read_yaml(path)
        section = data.get("reconciliation") if isinstance(data, Mapping) else None
        if section is None:
            continue
        if not isinstance(section, Mapping):
            raise ThresholdError(f"{path}: reconciliation must be a mapping of settings")
        settings = _deep_merge(settings, section)
        # Checked after every layer: the settings were sound before, so a bad value is this
        # file's, and the message names it.
        thresholds = _thresholds(settings, path)
    if thresholds is None:
        raise ThresholdError(f"{files[0]}: no reconciliation section")
    return thresholds


def _thresholds(settings: Mapping[str, Any], source: Path) -> Thresholds:
    def get(*keys: str) -> Any:
        node: Any = settings
        for key in keys:
            if not isinstance(node, Mapping) or key not in node:
                raise ThresholdError(f"{source}: reconciliation.{'.'.join(keys)} is missing")
            node = node[key]
        return node

    def number(*keys: str) -> Decimal:
        value = get(*keys)
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value))
        except InvalidOperation:
            number = Decimal(-1)
        if not number.is_finite() or number < 0:
            raise ThresholdError(
                f"{source}: reconciliation.{'.'.join(keys)} must be a number >= 0, not {value!r}"
            )
        return number

    def count(*keys: str) -> int:
        value = number(*keys)
        if value != value.to_integral_value():
            raise ThresholdError(
                f"{source}: reconciliation.{'.'.join(keys)} must be a whole number"
            )
        return int(value)

    def names(*keys: str) -> frozenset[str]:
        value = get(*keys)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ThresholdError(
                f"{source}: reconciliation.{'.'.join(keys)} must be a list of names"
            )
        return frozenset(value)

    unlimited = frozenset(
        name if "://" in name else str(IND[name])
        for name in names("running_total", "growth_unlimited")
    )
    return Thresholds(
        approx_relative=number("approx_relative"),
        max_growth_per_year=number("running_total", "max_growth_per_year"),
        min_days=max(1, count("running_total", "min_days")),
        inferred_as_of_lag_days=count("running_total", "inferred_as_of_lag_days"),
        growth_unlimited=unlimited,
        additive_units=names("open_period", "additive_units"),
        open_max_relative_change=number("open_period", "max_relative_change"),
        documents_per_claim=max(1, count("pairs", "documents_per_claim")),
    )


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateSpan:
    """A date at the precision it was written: ``2025`` is the whole year."""

    text: str
    start: datetime.date
    end: datetime.date


def date_span(text: str | None) -> DateSpan | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the days it covers (None when unreadable)."""
    if not text:
        return None
    try:
        date = PartialDate.parse(text)
    except ValueError:
        return None
    if date.month is None:
        return DateSpan(text, datetime.date(date.year, 1, 1), datetime.date(date.year, 12, 31))
    if date.day is None:
        start = datetime.date(date.year, date.month, 1)
        following = datetime.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return DateSpan(text, start, following - datetime.timedelta(days=1))
    day = datetime.date(date.year, date.month, date.day)
    return DateSpan(text, day, day)


def period_end(period: str) -> datetime.date | None:
    """The last day of a period (``2022``, ``2025-12``, ``2021/2025``, ``2025-01/2025-09``)."""
    span = date_span(period.rpartition("/")[2])
    return span.end if span else None


_LATEST = datetime.date.max


# ---------------------------------------------------------------- claims read from the shards


@dataclass(frozen=True)
class Claim:
    """One observation as the pass needs it (everything else stays in the graph)."""

    key: str  # indicator, place, unit, modality, period class and scope, joined
    obs: str
    doc: str
    indicator: str
    label: str  # the indicator's simplified-Chinese label
    unit: str  # the unit's short code
    period: str  # a period, or "cumulative"
    modality: str
    qualifier: str
    value: Decimal  # signed: a change that is a fall is negative
    max_value: Decimal | None
    tolerance: Decimal  # half a unit of the value's last written digit
    evidence: str
    as_of: str | None = None
    as_of_basis: str | None = None
    issued: str | None = None  # the document's date

    @property
    def running(self) -> bool:
        """A running total, ordered by its as-of date."""
        return self.period == "cumulative"

    def to_line(self) -> str:
        """One JSON line, sorting by group key first."""
        fields = [
            self.key,
            self.obs,
            self.doc,
            self.indicator,
            self.label,
            self.unit,
            self.period,
            self.modality,
            self.qualifier,
            str(self.value),
            "" if self.max_value is None else str(self.max_value),
            str(self.tolerance),
            self.evidence,
            self.as_of or "",
            self.as_of_basis or "",
            self.issued or "",
        ]
        return json.dumps(fields, ensure_ascii=False)

    @classmethod
    def from_line(cls, line: str) -> Claim:
        """Read a line written by :meth:`to_line`."""
        f = json.loads(line)
        return cls(
            key=f[0],
            obs=f[1],
            doc=f[2],
            indicator=f[3],
            label=f[4],
            unit=f[5],
            period=f[6],
            modality=f[7],
            qualifier=f[8],
            value=Decimal(f[9]),
            max_value=Decimal(f[10]) if f[10] else None,
            tolerance=Decimal(f[11]),
            evidence=f[12],
            as_of=f[13] or None,
            as_of_basis=f[14] or None,
            issued=f[15] or None,
        )

    def as_of_span(self) -> DateSpan | None:
        """The as-of date of a running total."""
        return date_span(self.as_of)

    def issued_span(self) -> DateSpan | None:
        """The date of the claim's document."""
        return date_span(self.issued)

    def time(self) -> tuple[datetime.date, datetime.date, str, str]:
        """When the claim holds (a running total) or was made (a figure for a period): the
        order of a comparison's claims, a before b."""
        issued = self.issued_span()
        made = issued.end if issued else _LATEST
        if self.running and (as_of := self.as_of_span()) is not None:
            return as_of.end, made, self.doc, self.obs
        return made, made, self.doc, self.obs


def _p(term: Any) -> str:
    return iri(str(term))


_OBS_PREFIX = iri(str(ID["obs/"]))[:-1]
_INDICATOR_PREFIX = iri(str(IND))[:-1]
_PROPERTIES = {
    _p(EKG.indicator): "indicator",
    _p(EKG.value): "value",
    _p(EKG.unit): "unit",
    _p(EKG.qualifier): "qualifier",
    _p(EKG.modality): "modality",
    _p(EKG.period): "period",
    _p(EKG.place): "place",
    _p(EKG.maxValue): "maxValue",
    _p(EKG.asOf): "asOf",
    _p(EKG.asOfBasis): "asOfBasis",
    _p(EKG.evidence): "evidence",
    _p(EKG.valueSpan): "valueSpan",
    _p(EKG.changeDirection): "direction",
    _p(EKG.basePeriod): "basePeriod",
    _p(EKG.rankScope): "rankScope",
    _p(PROV.wasDerivedFrom): "doc",
}
_ISSUED = _p(DCTERMS.issued)
_PREF_LABEL = _p(SKOS.prefLabel)
_ANCHOR = _p(NIF.anchorOf)
_SIMPLIFIED = '"@zh-hans'  # the end of a label in simplified Chinese (tags are lower-case)
COMPARED_PREDICATES = frozenset((*_PROPERTIES, _ISSUED, _PREF_LABEL, _ANCHOR))
"""The predicates of the statements :func:`document_claims` reads."""
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@cache
def vocabulary_codes() -> dict[str, str]:
    """The short code (``skos:notation``) of every unit, qualifier and modality IRI."""
    notation = ox.NamedNode(str(SKOS.notation))
    return {
        t.subject.value: t.object.value
        for path in resource_files("ontology", "*.ttl")
        for t in ox.parse(path=path, format=ox.RdfFormat.TURTLE)
        if t.predicate == notation and isinstance(t.subject, ox.NamedNode)
    }


def rounding(value_text: str, value: Decimal) -> Decimal:
    """Half a unit of the last digit the text writes (``1.36亿`` -> 0.005亿, ``97.7`` -> 0.05).

    The written number is found in the value's span; how much the graph's value was multiplied
    by (万, 亿) scales the unit. A value written in Chinese numerals is read as whole.
    """
    found = _NUMBER.search(unicodedata.normalize("NFKC", value_text))
    if found is not None:
        written = Decimal(found.group())
        places = len(found.group().partition(".")[2])
        if written != 0 and value != 0:
            scale = abs(value) / written
            if scale == scale.to_integral_value() and scale >= 1:
                return Decimal(5) * scale / (Decimal(10) ** (places + 1))
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Decimal(5) / (Decimal(10) ** (places + 1))


def _one(values: Mapping[str, list[str]], name: str) -> str | None:
    # The least term (as the sorted lines of a graph with several would give it first).
    found = values.get(name)
    return min(found) if found else None


def _text(term: str | None) -> str:
    return "" if term is None else term_value(term)


def document_claims(
    statements: Iterable[tuple[str, str, str]], codes: Mapping[str, str] | None = None
) -> Iterator[Claim]:
    """The comparable observations of one document's graph, in IRI order.

    ``statements`` are the graph's statements whose predicates are in
    :data:`COMPARED_PREDICATES` (others are ignored), as canonical N-Triples terms
    (:mod:`ecokg.kg.ntriples`): the graph builder hands them over as it makes them, so the
    finished lines need not be parsed again. An observation is comparable when it has an
    indicator, value, unit, qualifier, modality, place and period (a running total also an
    as-of date): without a place or a time there is nothing to say two claims are about the
    same thing. Run by the worker that made the graph, which writes them beside its shard.
    """
    codes = vocabulary_codes() if codes is None else codes
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    # A span has one anchor and a document one date: each node's is made once.
    anchors: dict[str, str] = {}
    labels: dict[str, str] = {}
    issued: dict[str, str] = {}
    for s, p, o in statements:
        name = _PROPERTIES.get(p)
        if name is not None:
            if s.startswith(_OBS_PREFIX):
                props[s[1:-1]][name].append(o)
        elif p == _ANCHOR:
            anchors[s[1:-1]] = term_value(o)
        elif p == _ISSUED:
            issued[s[1:-1]] = term_value(o)
        elif p == _PREF_LABEL and s.startswith(_INDICATOR_PREFIX) and o.endswith(_SIMPLIFIED):
            node, label = s[1:-1], term_value(o)
            labels[node] = min(labels.get(node, label), label)
    for obs in sorted(props):
        claim = _claim(obs, props[obs], codes, anchors, labels, issued)
        if claim is not None:
            yield claim


def _claim(
    obs: str,
    values: Mapping[str, list[str]],
    codes: Mapping[str, str],
    anchors: Mapping[str, str],
    labels: Mapping[str, str],
    issued: Mapping[str, str],
) -> Claim | None:
    names = ("indicator", "value", "unit", "qualifier", "modality", "place", "period", "doc")
    terms = {name: _one(values, name) for name in names}
    if any(term is None for term in terms.values()) or _one(values, "evidence") is None:
        return None
    period = _text(terms["period"])
    as_of = _text(_one(values, "asOf")) or None
    if period == "cumulative" and as_of is None:
        return None  # a running total with no date cannot be ordered
    try:
        value = Decimal(_text(terms["value"]))
        top = _text(_one(values, "maxValue"))
        max_value = Decimal(top) if top else None
    except InvalidOperation:
        return None
    if _text(_one(values, "direction")) == "down":  # a fall of 6.5% and a rise of 6.5% differ
        value, max_value = -value, (-max_value if max_value is not None else None)
    indicator = _text(terms["indicator"])
    unit = _text(terms["unit"])
    key = "\x1f".join(
        (
            indicator,
            _text(terms["place"]),
            unit,
            _text(terms["modality"]),
            period,
            _text(_one(values, "basePeriod")),
            _text(_one(values, "rankScope")),
        )
    )
    span = _text(_one(values, "valueSpan"))
    doc = _text(terms["doc"])
    return Claim(
        key=key,
        obs=obs,
        doc=doc,
        indicator=indicator,
        label=labels.get(indicator, indicator.rsplit("/", 1)[-1]),
        unit=codes.get(unit, unit),
        period=period,
        modality=codes.get(_text(terms["modality"]), _text(terms["modality"])),
        qualifier=codes.get(_text(terms["qualifier"]), _text(terms["qualifier"])),
        value=value,
        max_value=max_value,
        tolerance=rounding(anchors.get(span, ""), abs(value)),
        evidence=_text(_one(values, "evidence")),
        as_of=as_of,
        as_of_basis=_text(_one(values, "asOfBasis")) or None,
        issued=issued.get(doc),
    )


# ---------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Comparison:
    """A judged pair of claims; ``a`` is the earlier one."""

    a: Claim
    b: Claim
    verdict: str
    reason: str
    basis: str

    @property
    def iri(self) -> str:
        """Made from the two observation IRIs (in sorted order: the pair, not who came first)."""
        first, second = sorted((self.a.obs, self.b.obs))
        return str(ID[f"comparison/{digest(first + '|' + second, 16)}"])

    @property
    def difference(self) -> Decimal:
        """Claim b's value minus claim a's."""
        return self.b.value - self.a.value

    def lines(self) -> list[str]:
        """The comparison's statements as N-Quads lines of the reconciliation graph."""
        node, graph = iri(self.iri), iri(str(RECONCILIATION_GRAPH))
        label = (
            f"{self.a.label}：{_shown(self.a)} → {_shown(self.b)}（{_VERDICT_ZH[self.verdict]}）"
        )
        triples = [
            (_p(RDF.type), _p(EKG.ClaimComparison)),
            (_p(RDFS.label), literal(label, lang="zh-Hans")),
            (_p(EKG.claimA), iri(self.a.obs)),
            (_p(EKG.claimB), iri(self.b.obs)),
            (_p(EKG.evidence), iri(self.a.evidence)),
            (_p(EKG.evidence), iri(self.b.evidence)),
            (_p(EKG.difference), literal(decimal_lexical(self.difference), datatype=XSD.decimal)),
            (_p(EKG.verdict), _p(EKG[self.verdict])),
            (_p(EKG.reason), literal(self.reason)),
            (_p(EKG.comparisonBasis), literal(self.basis)),
            (_p(PROV.wasDerivedFrom), iri(self.a.doc)),
            (_p(PROV.wasDerivedFrom), iri(self.b.doc)),
        ]
        return sorted({statement(node, p, o, graph) for p, o in triples})


_VERDICT_ZH = {"corroborated": "相互印证", "updated": "数据更新", "conflicting": "相互矛盾"}
Interval = tuple[Decimal | None, Decimal | None]  # None: unbounded


def decimal_lexical(value: Decimal) -> str:
    """The canonical ``xsd:decimal`` form: no exponent, no trailing zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def interval(claim: Claim, thresholds: Thresholds) -> Interval:
    """The values a claim stands for, given its rounding and qualifier."""
    size, tol = abs(claim.value), claim.tolerance
    top = abs(claim.max_value) if claim.max_value is not None else size
    low: Decimal | None
    high: Decimal | None
    if claim.qualifier == "approx":
        spread = max(tol, size * thresholds.approx_relative)
        low, high = size - spread, size + spread
    elif claim.qualifier == "lower_bound":
        low, high = size - tol, None
    elif claim.qualifier == "upper_bound":
        low, high = None, size + tol
    elif claim.qualifier == "range":
        low, high = min(size, top) - tol, max(size, top) + tol
    else:
        low, high = size - tol, size + tol
    if claim.value < 0:  # a fall: the magnitudes' range mirrored
        return _mirror((low, high))
    return low, high


def _above(upper: Interval, lower: Interval) -> bool:
    """Every value of ``upper`` is above every value of ``lower``.

    Ranges that only touch do not agree: 97.7 (97.65 up to 97.75) and 97.8 (from 97.75) are
    two different figures written to the same precision.
    """
    return upper[0] is not None and lower[1] is not None and upper[0] >= lower[1]


def _shown(claim: Claim) -> str:
    value = decimal_lexical(claim.value)
    if claim.qualifier == "range" and claim.max_value is not None:
        value += "–" + decimal_lexical(claim.max_value)
    mark = {"approx": "≈", "lower_bound": ">", "upper_bound": "<"}.get(claim.qualifier, "")
    unit = {"percent": "%", "count": ""}.get(claim.unit, f" {claim.unit}")
    return f"{mark}{value}{unit}"


def _percent(ratio: Decimal) -> str:
    return f"{(ratio * 100).quantize(Decimal('0.1'))}%"


def _when(claim: Claim) -> str:
    return (claim.as_of if claim.running else claim.issued) or "undated"


def judge(first: Claim, second: Claim, thresholds: Thresholds) -> Comparison:
    """Compare two claims of one group from different documents (earlier first or not)."""
    a, b = sorted((first, second), key=Claim.time)
    if a.running:
        return _running(a, b, thresholds)
    return _same_period(a, b, thresholds)


def _agree(a: Claim, b: Claim, basis: str, what: str) -> Comparison:
    reason = f"{_shown(a)} and {_shown(b)} agree within rounding and qualifiers ({what})"
    return Comparison(a, b, "corroborated", reason, basis)


def _mirror(span: Interval) -> Interval:
    low, high = span
    return (-high if high is not None else None, -low if low is not None else None)


def _running(a: Claim, b: Claim, th: Thresholds) -> Comparison:
    ia, ib = interval(a, th), interval(b, th)
    dates = f"as of {_when(a)} and {_when(b)}"
    if not _above(ib, ia) and not _above(ia, ib):
        return _agree(a, b, RUNNING_TOTAL, dates)
    span_a, span_b = a.as_of_span(), b.as_of_span()
    assert span_a is not None and span_b is not None  # running totals are read with a date
    if span_a.end == span_b.end:
        reason = f"different running totals for one date: {_shown(a)} and {_shown(b)} {dates}"
        return Comparison(a, b, "conflicting", reason, RUNNING_TOTAL)
    # A cumulative fall (累计下降17%, then 57%) accumulates like any running total: its size is
    # what grows, so two falls are judged by their sizes.
    falls = a.value < 0 and b.value < 0
    if falls:
        ia, ib = _mirror(ia), _mirror(ib)
    total, up, down = (
        ("cumulative fall", "deepened", "narrowed") if falls else ("running total", "rose", "fell")
    )
    if _above(ia, ib):
        reason = f"{total} {down} from {_shown(a)} to {_shown(b)} between {dates[6:]}"
        return Comparison(a, b, "conflicting", reason, RUNNING_TOTAL)
    # A rise: judged by the least it must have grown over the most time there can have been.
    earliest = span_a.start
    if a.as_of_basis == "document":
        earliest -= datetime.timedelta(days=th.inferred_as_of_lag_days)
    days, nominal = (span_b.end - earliest).days, (span_b.end - span_a.end).days
    low_b, high_a = ib[0], ia[1]
    assert low_b is not None and high_a is not None  # b is above a
    rise = f"{total} {up} from {_shown(a)} to {_shown(b)} between {dates[6:]}"
    if a.indicator in th.growth_unlimited:
        reason = f"{rise} (it moves in steps: any pace)"
        return Comparison(a, b, "updated", reason, RUNNING_TOTAL)
    if high_a <= 0:
        reason = f"{rise} (from nothing: any pace)"
        return Comparison(a, b, "updated", reason, RUNNING_TOTAL)
    growth = (low_b - high_a) / high_a
    allowed = th.max_growth_per_year * Decimal(max(days, th.min_days)) / Decimal("365.25")
    # The time that may have passed: from the later date back to the earliest the first figure
    # can hold at (the start of its date, and before its document when the date is inferred).
    elapsed = f"{days} days" if days == nominal else f"{nominal} to {days} days"
    change = f"(+{_percent(growth)} in {elapsed})"
    if growth <= allowed:
        return Comparison(a, b, "updated", f"{rise} {change}", RUNNING_TOTAL)
    reason = f"{rise} {change}: faster than {_percent(th.max_growth_per_year)} a year"
    return Comparison(a, b, "conflicting", reason, RUNNING_TOTAL)


def _same_period(a: Claim, b: Claim, th: Thresholds) -> Comparison:
    ia, ib = interval(a, th), interval(b, th)
    period = f"period {a.period}"
    if not _above(ib, ia) and not _above(ia, ib):
        return _agree(a, b, SAME_PERIOD, period)
    if a.modality != "achieved":
        reason = f"different {a.modality} values for {period}: {_shown(a)} and {_shown(b)}"
        return Comparison(a, b, "conflicting", reason, SAME_PERIOD)
    made_a, made_b, end = a.issued_span(), b.issued_span(), period_end(a.period)
    still_open = (
        made_a is not None and made_b is not None and end is not None
        and made_a.end < end and made_a.end < made_b.start
    )  # fmt: skip
    if not still_open:
        reason = (
            f"different values for {period}: {_shown(a)} ({_when(a)}) and {_shown(b)} ({_when(b)})"
        )
        return Comparison(a, b, "conflicting", reason, SAME_PERIOD)
    moved = f"{_shown(a)} ({_when(a)}, before the period ended) to {_shown(b)} ({_when(b)})"
    if a.unit in th.additive_units:
        if _above(ib, ia):
            reason = f"figure for {period} rose from {moved}"
            return Comparison(a, b, "updated", reason, SAME_PERIOD)
        reason = f"figure for {period} fell from {moved}, though it adds up over the period"
        return Comparison(a, b, "conflicting", reason, SAME_PERIOD)
    base = abs(a.value)
    change = abs(b.value - a.value) / base if base else Decimal(1)
    if change <= th.open_max_relative_change:
        reason = f"figure for {period} moved from {moved} ({_percent(change)})"
        return Comparison(a, b, "updated", reason, SAME_PERIOD)
    reason = (
        f"figure for {period} moved from {moved} by {_percent(change)}: more than "
        f"{_percent(th.open_max_relative_change)}"
    )
    return Comparison(a, b, "conflicting", reason, SAME_PERIOD)


# ---------------------------------------------------------------- pairing


def _match(left: Sequence[Claim], right: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """Pair two documents' claims of one group one to one, closest values first."""
    if len(left) == 1 and len(right) == 1:
        return [(left[0], right[0])]
    candidates = sorted(
        (abs(x.value - y.value), x.obs, y.obs, x, y) for x in left for y in right
    )  # fmt: skip
    used: set[str] = set()
    pairs = []
    for _, xo, yo, x, y in candidates:
        if xo not in used and yo not in used:
            used.update((xo, yo))
            pairs.append((x, y))
    return pairs


def compare_group(claims: Iterable[Claim], thresholds: Thresholds) -> Iterator[Comparison]:
    """Every comparison of one group: documents in time order, each with the next
    ``documents_per_claim`` documents, claims matched one to one (never within a document)."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_doc[claim.doc].append(claim)
    for items in by_doc.values():
        items.sort(key=Claim.time)
    docs = sorted(by_doc, key=lambda d: by_doc[d][0].time())
    window = thresholds.documents_per_claim
    for i, doc in enumerate(docs):
        for other in docs[i + 1 : i + 1 + window]:
            for x, y in _match(by_doc[doc], by_doc[other]):
                yield judge(x, y, thresholds)


# ---------------------------------------------------------------- streaming


def external_sort(lines: Iterable[str], work: Path, name: str) -> Iterator[str]:
    """``lines`` (no line breaks inside) in sorted order, spilling sorted runs into ``work``."""
    runs: list[Path] = []
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= CHUNK_LINES:
            runs.append(_spill(sorted(buffer), work / f"{name}-{len(runs)}.run"))
            buffer = []
    buffer.sort()
    if not runs:
        yield from buffer
        return
    if buffer:
        runs.append(_spill(buffer, work / f"{name}-{len(runs)}.run"))
    round_no = 0
    while len(runs) > FAN_IN:
        merged = []
        for start in range(0, len(runs), FAN_IN):
            out = work / f"{name}-merge{round_no}-{start}.run"
            merged.append(_spill(heapq.merge(*map(_read, runs[start : start + FAN_IN])), out))
        for old in runs:
            old.unlink()
        runs, round_no = merged, round_no + 1
    yield from heapq.merge(*map(_read, runs))
    for old in runs:
        old.unlink()


def _spill(lines: Iterable[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line)
            handle.write("\n")
    return path


def _read(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8", newline="\n") as handle:
        for line in handle:
            yield line[:-1]


def _group_key(line: str) -> str:
    key: str = json.loads(line)[0]
    return key


@dataclass
class Reconciled:
    """What the pass wrote: comparisons per verdict."""

    verdicts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All comparisons."""
        return sum(self.verdicts.values())


def claims_bytes(claims: Iterable[Claim]) -> bytes:
    """The content of a claims file."""
    return "".join(f"{claim.to_line()}\n" for claim in claims).encode("utf-8")


def reconcile(
    shards: Sequence[Path], out: Path, work: Path, thresholds: Thresholds | None = None
) -> Reconciled:
    """Compare the claims of all ``shards`` (read from their claims files) and write the
    reconciliation graph to ``out`` as sorted N-Quads (an empty file when nothing is compared);
    ``work`` holds temporary runs."""
    thresholds = thresholds or load_thresholds()
    counts: Counter[str] = Counter()
    records = (line for shard in shards for line in _read(claims_path(shard)))

    def statements() -> Iterator[str]:
        for _, group in groupby(external_sort(records, work, "claims"), key=_group_key):
            for comparison in compare_group(map(Claim.from_line, group), thresholds):
                counts[comparison.verdict] += 1
                yield from comparison.lines()

    _spill(external_sort(statements(), work, "statements"), out)
    return Reconciled({v: counts[v] for v in VERDICTS if counts[v]})
