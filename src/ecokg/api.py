"""The Python API: what the CLI calls, and what a notebook uses directly.

>>> import ecokg
>>> summary = ecokg.build("data/corpus", "out")          # doctest: +SKIP
>>> kg = ecokg.open_kg("out")                             # doctest: +SKIP
>>> kg.query(ecokg.load_query("observations")).records()  # doctest: +SKIP
>>> ecokg.query_frame(kg, "documents")                    # doctest: +SKIP
>>> g = ecokg.to_networkx(kg)                             # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal
from rdflib.term import Node

from ecokg import __version__
from ecokg.assemble import GraphSource, StoreLoader, assemble
from ecokg.catalog import canned_queries, param_term
from ecokg.corpus import MAX_DOCUMENT_BYTES, iter_corpus
from ecokg.errors import InputError, QueryError, StoreError
from ecokg.evaluate import (
    EvalReport,
    PredictedEntity,
    PredictedObservation,
    load_gold,
    score,
)
from ecokg.export import export
from ecokg.extract.lexicon import load_lexicon
from ecokg.labels import CANONICAL, relabel
from ecokg.network import to_networkx
from ecokg.outputs import existing_build, staged_output, write_atomic
from ecokg.push import push
from ecokg.query_params import decimal_of, resolve
from ecokg.reconcile import date_span, load_thresholds, period_end
from ecokg.resources import resource_dir
from ecokg.shards import shard_path, slice_path
from ecokg.store import STORE_DIR, KnowledgeGraph, QueryResult, open_kg, plain_value
from ecokg.texts import graph_file
from ecokg.validate import ValidationReport, validate_kg

if TYPE_CHECKING:
    import pandas

    from ecokg.pipeline import Progress

BUILD_RECORD = "build.json"

__all__ = [
    "BuildSummary",
    "KnowledgeGraph",
    "QueryResult",
    "build",
    "claim_pairs",
    "evaluate",
    "export",
    "indicator_series",
    "list_queries",
    "load_query",
    "open_kg",
    "push",
    "query",
    "query_frame",
    "to_networkx",
    "validate",
]


@dataclass
class DocumentSummary:
    """Per-document counts recorded in ``build.json``."""

    doc_id: str
    file: str
    encoding: str
    triples: int
    observations: int
    entities: int
    violations: int


@dataclass
class BuildSummary:
    """What a build produced; also written to ``OUT_DIR/build.json``."""

    out_dir: str
    documents: list[DocumentSummary] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # What was ignored without losing anything else (an unknown key in sources.yaml).
    warnings: list[str] = field(default_factory=list)
    triples: int = 0
    violations: int = 0
    text_chars: int = 0
    # Claims compared across documents (docs/reconciliation.md), per verdict.
    comparisons: dict[str, int] = field(default_factory=dict)
    # Documents whose shard the previous build in the same folder had made (not in build.json:
    # it describes this run, not the graph).
    reused: int = 0

    @property
    def observations(self) -> int:
        """Observations over all documents."""
        return sum(d.observations for d in self.documents)

    @property
    def entities(self) -> int:
        """Entity mentions (distinct per document) over all documents."""
        return sum(d.entities for d in self.documents)

    @property
    def ok(self) -> bool:
        """No document failed and the graph conforms to the shapes."""
        return not self.problems and not self.violations

    def to_json(self) -> str:
        """Deterministic JSON (no paths of this machine, no times)."""
        data = asdict(self)
        data.pop("out_dir")
        data.pop("reused")
        data["ecokg"] = __version__
        data["observations"] = self.observations
        data["entities"] = self.entities
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def build(
    corpus_dir: str | Path,
    out_dir: str | Path,
    *,
    jobs: int = 1,
    extractors: Sequence[str] | None = None,
    lexicon_dirs: Sequence[str | Path] = (),
    progress: Progress | None = None,
    dask: str | None = None,
    max_document_bytes: int = MAX_DOCUMENT_BYTES,
    force: bool = False,
) -> BuildSummary:
    """Build the knowledge graph of a corpus folder into ``out_dir``, atomically.

    Writes ``graph.ttl`` (all graphs merged), ``graph.trig`` (one named graph per document plus
    the ontology), ``graphs/<doc>.trig``, ``texts/<doc>.txt`` (the decoded sources),
    ``shards/`` (each document's statements, reused by the next build into the same folder),
    ``validation.txt``, ``build.json`` and the embedded store ``store/``. The claims of
    different documents about the same indicator, place, unit and period are compared into
    the graph ``id/graph/corpus/reconciliation`` (thresholds from
    ``data/reconciliation/thresholds.yaml``, overridden by a ``reconciliation:`` section in a
    ``lexicon_dirs`` YAML file). Bad documents are listed in ``problems`` and left out; the
    rest builds. ``jobs`` processes share the work, or
    the workers of a Dask cluster (``dask``: a scheduler address, or ``"local"``).

    ``out_dir`` must be absent, an empty folder or an earlier ecokg build (marked by
    ``.ecokg-build``); anything else raises :class:`StoreError` and is left alone. A build of no
    document (an empty corpus, every file unreadable) does not replace an earlier build that has
    documents unless ``force``: it raises :class:`StoreError` and the earlier build stays.
    """
    # The extractors load jieba's model and compile their patterns (about a second): commands
    # that only read a graph (query, export, serve) start without them.
    from ecokg.pipeline import BuildSettings, run_corpus

    corpus = Path(corpus_dir)
    out = Path(out_dir)
    settings = BuildSettings(
        tuple(extractors) if extractors is not None else None,
        tuple(str(Path(p).resolve()) for p in lexicon_dirs),
        max_document_bytes,
    )
    thresholds = load_thresholds(settings.lexicon_dirs)  # a bad file fails before any work
    previous = existing_build(out)
    with staged_output(out) as stage:
        # The store fills while the workers make the other shards, on a core they leave free.
        loader = StoreLoader(stage / STORE_DIR, deferred=jobs >= (os.cpu_count() or 1) > 1)
        try:
            run = run_corpus(
                corpus,
                stage,
                previous=previous,
                settings=settings,
                jobs=jobs,
                dask=dask,
                progress=progress,
                on_shard=lambda shard: loader.add(shard_path(stage, shard.key)),
            )
            if not run.shards and previous is not None and not force and _has_documents(previous):
                raise StoreError(
                    f"nothing was built from {corpus} ({_why_nothing(run.problems)}); the "
                    f"earlier build in {out} is kept (--force replaces it with an empty one)"
                )
        except BaseException:
            loader.abandon()
            raise
        sources = [
            GraphSource(s.graph, shard_path(stage, s.key), graph_file(stage, s.doc_id))
            for s in run.shards
        ]
        # A graph that failed its worker's check is checked alone in the union pass when its
        # worker wrote its slice (not for a graph too large to check, or from an older build).
        failed = [src for s, src in zip(run.shards, sources, strict=True) if not s.checked]
        assembled = assemble(
            sources,
            stage,
            thresholds=thresholds,
            documents_hold=all(slice_path(src.path).is_file() for src in failed),
            failed=[src.graph for src in failed],
            loader=loader,
        )
        report = assembled.report
        per_graph = Counter(v.graph for v in report.violations)
        summary = BuildSummary(
            str(out),
            [
                DocumentSummary(
                    s.doc_id,
                    s.file,
                    s.encoding,
                    s.statements,
                    s.observations,
                    s.entities,
                    per_graph[s.graph],
                )
                for s in run.shards
            ],
            [str(p) for p in run.problems],
            warnings=[str(w) for w in run.warnings],
            triples=assembled.statements,
            violations=len(report.violations),
            text_chars=sum(s.chars for s in run.shards),
            reused=sum(s.reused for s in run.shards),
            comparisons=dict(assembled.comparisons.verdicts),
        )
        write_atomic(stage / "validation.txt", report.text().encode("utf-8"))
        write_atomic(stage / BUILD_RECORD, summary.to_json().encode("utf-8"))
    return summary


def _has_documents(build_dir: Path) -> bool:
    """Whether an earlier build holds any document (when its record cannot tell: yes)."""
    try:
        record = json.loads((build_dir / BUILD_RECORD).read_bytes())
        return bool(record["documents"])
    except (OSError, ValueError, TypeError, KeyError):
        return True  # an unreadable record is no reason to give up what the folder holds


def _why_nothing(problems: Sequence[InputError]) -> str:
    if not problems:
        return "no .txt file"
    return f"{len(problems)} problem(s), the first: {problems[0]}"


def validate(kg: KnowledgeGraph) -> ValidationReport:
    """Validate the union of the document graphs of an opened knowledge graph against the
    shapes, in one pass (with the ontology's vocabulary, without its scheme concepts)."""
    return validate_kg(kg)


def list_queries() -> dict[str, Path]:
    """The canned queries in ``queries/``, by name."""
    return {p.stem: p for p in sorted(resource_dir("queries").glob("*.rq"))}


def load_query(name_or_text: str) -> str:
    """A canned query by name, a ``.rq`` file by path, or the text itself when it is a query."""
    canned = list_queries()
    if name_or_text in canned:
        return canned[name_or_text].read_text(encoding="utf-8")
    path = Path(name_or_text)
    if name_or_text.endswith(".rq") or (len(name_or_text) < 300 and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read query file ({exc.strerror or exc})") from exc
        except UnicodeDecodeError as exc:
            raise QueryError(f"{path}: a query file must be UTF-8 text ({exc.reason})") from exc
    if not any(k in name_or_text.upper() for k in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        raise QueryError(
            f"{name_or_text!r} is neither a canned query, a .rq file nor a SPARQL query"
        )
    return name_or_text


def query(
    kg: KnowledgeGraph,
    name_or_text: str,
    *,
    lang: str = CANONICAL,
    order: str | None = None,
    limit: int | None = None,
    **params: str | Node,
) -> QueryResult:
    """Run a canned query (by name), a ``.rq`` file or SPARQL text with parameters.

    For a canned query, each parameter is checked against its header and the graph first
    (:mod:`ecokg.query_params`): a thing is given by IRI (``"ind:pm25-annual-mean"``) or by a
    name in any script (``"PM2.5年均浓度"``), and a value that fits nothing raises
    :class:`~ecokg.query_params.ParameterError` with the closest matches. Its label columns come in
    ``lang`` (``zh-Hans``, ``zh-Hant`` or ``en``; :mod:`ecokg.labels`). For other SPARQL, a
    ``str`` parameter follows the ``--param`` rule and an rdflib term binds as it is.
    ``order`` sorts by a column (``"-col"``: descending) and ``limit`` keeps the first rows.
    """
    return _run(kg, name_or_text, params, lang=lang, order=order, limit=limit)


def _run(
    kg: KnowledgeGraph,
    name_or_text: str,
    params: Mapping[str, str | Node],
    *,
    lang: str = CANONICAL,
    order: str | None = None,
    limit: int | None = None,
) -> QueryResult:
    canned = canned_queries().get(name_or_text)
    if canned is None:
        bindings = {k: param_term(v) if isinstance(v, str) else v for k, v in params.items()}
        result = kg.query(load_query(name_or_text), bindings or None)
    else:
        resolved = resolve(kg, canned, params)
        result = kg.query(canned.text, resolved.bindings or None)
        result = _at_least(result, resolved.at_least)
        result = relabel(kg, result, canned.label_columns(), lang)
    if order:
        result = result.ordered(order.removeprefix("-"), descending=order.startswith("-"))
    return result if limit is None else result.head(limit)


def _at_least(result: QueryResult, bounds: Mapping[str, Decimal]) -> QueryResult:
    """The rows whose columns reach their lower bounds (a ``>=`` parameter)."""
    rows = result.rows
    for column, lowest in bounds.items():
        index = result.variables.index(column)
        rows = [
            row
            for row in rows
            if (value := decimal_of(plain_value(row[index]))) is not None and value >= lowest
        ]
    return QueryResult(result.variables, rows)


def query_frame(
    kg: KnowledgeGraph, name_or_text: str, *, lang: str = CANONICAL, **params: str | Node
) -> pandas.DataFrame:
    """:func:`query` as a pandas DataFrame (numbers as numbers, IRIs and strings as text)."""
    return _run(kg, name_or_text, params, lang=lang).to_dataframe()


def indicator_series(
    kg: KnowledgeGraph, indicator: str | Node, place: str | Node | None = None
) -> pandas.DataFrame:
    """Every claim about one indicator (in one place, or all) across documents, in time order.

    The rows of the canned query ``indicator_series`` (targets and forecasts kept apart from
    achieved values by the ``modality`` column) plus ``time``, the date each value holds at as
    a pandas timestamp: a running total's as-of date, else the last day of its period (the end
    of a date known to the month or year), ready to plot per modality. ``indicator`` and
    ``place`` follow the ``--param`` rule (``"ind:pm25-annual-mean"``, ``"id:place/360000"``).
    """
    import pandas  # imported here: only notebooks pay for it

    params: dict[str, str | Node] = {"indicator": indicator}
    if place is not None:
        params["placeIri"] = place
    frame = _run(kg, "indicator_series", params).to_dataframe()
    frame["time"] = pandas.to_datetime(
        [_series_time(a, p) for a, p in zip(frame["asOf"], frame["period"], strict=True)]
    )
    return frame


def _series_time(as_of: object, period: object) -> str:
    if as_of:
        span = date_span(str(as_of))
        return span.end.isoformat() if span else ""
    end = period_end(str(period or ""))
    return end.isoformat() if end else ""  # pandas reads "" as NaT


def claim_pairs(kg: KnowledgeGraph, verdict: str | None = None) -> pandas.DataFrame:
    """The claims compared across documents (the canned query ``claim_pairs``) as a DataFrame:
    all of them, or those of one verdict (``"conflicting"``, ``"updated"``, ``"corroborated"``)."""
    if verdict is None:
        return query_frame(kg, "claim_pairs")
    return query_frame(kg, "claim_pairs", verdict=Literal(verdict))


def evaluate(kg: KnowledgeGraph, corpus_dir: str | Path, gold_dir: str | Path) -> EvalReport:
    """Score a built graph's observations and entities against gold JSONL annotations."""
    gold_obs, gold_ents = load_gold(Path(gold_dir))
    texts = {
        d.doc_id: d.text for d in iter_corpus(Path(corpus_dir)) if not isinstance(d, InputError)
    }
    gold_docs = sorted({g.doc for g in gold_obs} | {g.doc for g in gold_ents})
    not_in_corpus = [d for d in gold_docs if d not in texts]
    if len(not_in_corpus) == len(gold_docs):
        # Scores over no document would read 0.000 as if the extraction were wrong.
        raise InputError(
            gold_dir,
            f"none of the gold's {len(gold_docs)} documents is in the corpus {corpus_dir} "
            f"(gold: {_some(gold_docs)}; corpus: {_some(sorted(texts)) or 'no documents'}); "
            "a gold file's doc ids are the corpus's file names without .txt",
        )
    gold_obs = [g for g in gold_obs if g.doc in texts]
    gold_ents = [g for g in gold_ents if g.doc in texts]

    def claim(r: Mapping[str, object]) -> tuple[str, int, int, Decimal]:
        """An observation by its document, evidence span and value."""
        return str(r["doc"]), int(str(r["start"])), int(str(r["end"])), Decimal(str(r["value"]))

    also: dict[tuple[str, int, int, Decimal], list[tuple[int, int]]] = defaultdict(list)
    for r in kg.query(_ALSO_STATED).records():
        also[claim(r)].append((int(str(r["alsoStart"])), int(str(r["alsoEnd"]))))
    obs = [
        PredictedObservation(
            str(r["doc"]),
            str(r["indicator"]),
            str(r["indicatorLabel"]),
            Decimal(str(r["value"])),
            str(r["unit"]),
            str(r["qualifier"]),
            _opt(r["period"]),
            _opt(r["place"]),
            str(r["quote"]),
            int(str(r["start"])),
            int(str(r["end"])),
            str(r.get("modality") or "achieved"),
            _opt(r.get("direction")),
            _opt(r.get("asOf")),
            tuple(sorted(also[claim(r)])),
            None if r.get("maxValue") is None else Decimal(str(r["maxValue"])),
        )
        for r in kg.query(load_query("observations")).records()
    ]
    ents = [
        PredictedEntity(
            str(r["doc"]),
            str(r["type"]),
            str(r["name"]),
            str(r["iri"]),
            int(str(r["start"])),
            int(str(r["end"])),
        )
        for r in kg.query(load_query("entities")).records()
    ]
    lexicon = load_lexicon()
    sizes = {
        u.code: (u.kind, u.to_si)
        for u in lexicon.units.values()
        if u.kind is not None and u.to_si is not None
    }
    place_names = {alias: place.name for alias, place in lexicon.place_by_alias.items()}
    report = score(texts, gold_obs, gold_ents, obs, ents, sizes, place_names)
    in_graph = {str(r["doc"]) for r in kg.query(load_query("documents")).records()}
    report.gold_documents = len(gold_docs)
    report.corpus_documents = len(texts)
    report.not_in_corpus = not_in_corpus
    report.not_in_graph = [d for d in report.documents if d not in in_graph]
    return report


def _some(names: Sequence[str], shown: int = 5) -> str:
    """The first few of a list of names, and how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


# Where each observation's claim is stated again in its document, by its evidence and value.
_ALSO_STATED = """
PREFIX ekg:     <https://w3id.org/ecokg/def#>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif:     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?doc ?start ?end ?value ?alsoStart ?alsoEnd WHERE {
  GRAPH ?g {
    ?obs ekg:evidence ?evidence ; ekg:value ?value ; ekg:alsoStatedIn ?again ;
         prov:wasDerivedFrom/dcterms:identifier ?doc .
    ?evidence nif:beginIndex ?start ; nif:endIndex ?end .
    ?again nif:beginIndex ?alsoStart ; nif:endIndex ?alsoEnd .
  }
}
"""


def _opt(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
