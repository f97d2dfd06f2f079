"""Validate graphs against the SHACL shapes in ``shapes/`` and report readably.

The shapes run as SPARQL on Oxigraph (:mod:`ecokg.shacl_sparql`): :func:`validate_graph` for an
rdflib graph in memory, :func:`validate_file` for an N-Quads or N-Triples file of any size (an
on-disk store in a temporary folder). :func:`reference_validate` is the slow pyshacl path the
fast one is tested against.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from ecokg.errors import InputError
from ecokg.kg.serialize import to_ox
from ecokg.kg.vocab import EKG, ID, QUDT
from ecokg.resources import turtle_graph
from ecokg.shacl_sparql import (
    Check,
    Probe,
    Result,
    Term,
    compile_probe,
    compile_shapes,
    probe_finds,
    run_checks,
    shape_iri,
    shape_name,
)
from ecokg.slices import SliceTerms, document_slice, slice_terms, sliceable
from ecokg.store import ONTOLOGY_GRAPH, KnowledgeGraph

# Queries run concurrently over an on-disk store; more threads than cores only add contention.
_THREADS = max(1, min(4, os.cpu_count() or 1))
# The formats validate_file reads: line-based, so Oxigraph loads them in parallel and streaming.
FILE_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES}

# Where the report graph's nodes live (its results are named by a hash of their content).
_REPORT_NS = ID["validation/"]
REPORT = ID["validation/report"]
_RESULT = ID["validation/result-"]
_GENID = ID[".well-known/genid/"]
_REPORT_PREFIXES = {"sh": str(SH), "rdf": str(RDF), "xsd": str(XSD), "report": str(_REPORT_NS)}


def shapes_graph() -> Graph:
    """All shapes files merged (loaded once)."""
    return turtle_graph("shapes")


@cache
def compiled_shapes() -> tuple[Check, ...]:
    """The shapes compiled into SPARQL checks (once per process)."""
    return compile_shapes(shapes_graph())


# Marks the shapes whose targets belong to one document (see the shapes file).
PER_DOCUMENT = URIRef("https://w3id.org/ecokg/shapes#perDocument")


@cache
def _split_checks() -> tuple[tuple[Check, ...], tuple[Check, ...], tuple[Check, ...]]:
    """The checks of per-document shapes; of the shapes that need the union of all documents
    but can read it from the documents' slices (:mod:`ecokg.slices`); and of the rest."""
    local = {str(s) for s in _per_document_shapes()}
    sliced = {str(s) for s in _sliced_shapes()}
    checks = compiled_shapes()
    return (
        tuple(c for c in checks if c.shape_name in local),
        tuple(c for c in checks if c.shape_name in sliced),
        tuple(c for c in checks if c.shape_name not in local and c.shape_name not in sliced),
    )


def _per_document_shapes() -> list[URIRef]:
    shapes = shapes_graph().subjects(PER_DOCUMENT, Literal(True))
    return sorted(s for s in shapes if isinstance(s, URIRef))


def _sliced_shapes() -> list[URIRef]:
    shapes = shapes_graph()
    local = set(_per_document_shapes())
    named = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    return sorted(s for s in named - local if sliceable(shapes, s))


@cache
def _slice_terms() -> SliceTerms:
    return slice_terms(shapes_graph(), vocabulary_graph(), _per_document_shapes(), _sliced_shapes())


def document_graph_holds(nquads: bytes) -> bool:
    """Whether one document's graph (N-Quads) satisfies the per-document shapes.

    Run by the worker that made the graph, so the union pass can skip those shapes: a node of a
    per-document class has all its statements in its own document's graph, and what the union
    adds (more types of the entities it points to) can only satisfy a check, never break one.
    """
    store = ox.Store()
    store.load(nquads, format=ox.RdfFormat.N_QUADS)
    store.extend(_vocabulary_quads())
    return not probe_finds(_per_document_probe(), store, union=True)


@cache
def _per_document_probe() -> Probe:
    """The per-document shapes as one yes/no test (a quarter faster than their checks, which
    a document that fails it still runs, in the union pass, to report)."""
    names = [str(s) for s in _per_document_shapes()]
    return compile_probe(shapes_graph(), names, _split_checks()[0])


def union_slice(nquads: bytes) -> bytes:
    """The statements of one document's graph (N-Quads) that the union pass reads through
    slices (N-Triples; see :mod:`ecokg.slices`)."""
    return document_slice(nquads, _slice_terms())


@cache
def vocabulary_graph() -> Graph:
    """The units, themes, qualifiers and modalities of the ontology, and its class hierarchy."""
    ontology = turtle_graph("ontology")
    graph = Graph()
    for cls in (QUDT.Unit, EKG.Theme, EKG.Qualifier, EKG.Modality):
        for node in ontology.subjects(RDF.type, cls):
            for triple in ontology.triples((node, None, None)):
                graph.add(triple)
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        graph.add(triple)  # so that sh:class ekg:Instrument accepts a Policy
    return graph


@cache
def _vocabulary_quads() -> tuple[ox.Quad, ...]:
    return tuple(_quads(vocabulary_graph()))


def _quads(graph: Graph) -> Iterable[ox.Quad]:
    for s, p, o in graph:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Violation:
    """One SHACL result, flattened for people."""

    graph: str
    focus: str
    """The focus node: an IRI, or ``_:label`` for a blank node."""
    path: str
    message: str
    severity: str
    shape: str
    """The named shape (for a blank-node property shape, the shape that owns it)."""
    component: str = ""
    """The source constraint component's local name, such as ``MinCountConstraintComponent``."""
    value: str = ""
    """The value node in N-Triples syntax, empty when the result has none."""
    source_shape: str = ""
    """The sh:sourceShape IRI (a blank-node shape's skolem IRI, see ``shape_iri``)."""

    def line(self) -> str:
        """A one-line description."""
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value and self.value != f"<{self.focus}>" else ""
        return (
            f"[{self.severity}] {self.focus}{where}{value}: {self.message} "
            f"(shape {self.shape}; graph {self.graph})"
        )


@dataclass
class ValidationReport:
    """The outcome of validating one or more graphs."""

    violations: list[Violation] = field(default_factory=list)
    graphs_checked: int = 0

    @property
    def conforms(self) -> bool:
        """True when no shape was violated."""
        return not self.violations

    def extend(self, other: ValidationReport) -> None:
        """Merge another report into this one."""
        self.violations.extend(other.violations)
        self.graphs_checked += other.graphs_checked

    def text(self) -> str:
        """A readable report: a summary line and one line per violation."""
        head = (
            f"Validation: {self.graphs_checked} graph(s) checked, "
            f"{'conforms' if self.conforms else f'{len(self.violations)} violation(s)'}"
        )
        return (
            "\n".join([head, *(v.line() for v in sorted(self.violations, key=Violation.line))])
            + "\n"
        )

    def turtle(self) -> str:
        """The standard SHACL validation report graph, as Turtle.

        The same report always gives the same text: statements are sorted and there are no
        blank nodes (a result is named by a hash of its content; a blank focus or value node of
        the data gets a skolem IRI made from its label).
        """
        report = ox.NamedNode(str(REPORT))
        conforms = ox.Literal(str(self.conforms).lower(), datatype=_BOOLEAN)
        triples = {
            ox.Triple(report, _RDF_TYPE, _SH("ValidationReport")),
            ox.Triple(report, _SH("conforms"), conforms),
        }
        for violation in self.violations:
            digest = hashlib.sha256("\x1f".join(astuple(violation)).encode()).hexdigest()[:24]
            result = ox.NamedNode(f"{_RESULT}{digest}")
            facts: list[tuple[str, ox.NamedNode | ox.Literal]] = [
                ("focusNode", _skolem(_parse_term(_focus_nt(violation.focus)))),
                ("resultSeverity", _SH(violation.severity)),
                ("sourceShape", ox.NamedNode(violation.source_shape)),
                ("sourceConstraintComponent", _SH(violation.component)),
                ("resultMessage", ox.Literal(violation.message)),
            ]
            if violation.path:
                facts.append(("resultPath", ox.NamedNode(violation.path)))
            if violation.value:
                facts.append(("value", _skolem(_parse_term(violation.value))))
            triples.add(ox.Triple(report, _SH("result"), result))
            triples.add(ox.Triple(result, _RDF_TYPE, _SH("ValidationResult")))
            triples.update(ox.Triple(result, _SH(name), term) for name, term in facts)
        ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        turtle = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=_REPORT_PREFIXES)
        assert turtle is not None  # serialize() returns the bytes when given no output
        return turtle.decode("utf-8")


def _SH(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{SH}{name}")


_RDF_TYPE = ox.NamedNode(str(RDF.type))
_BOOLEAN = ox.NamedNode(str(XSD.boolean))


def _focus_nt(focus: str) -> str:
    return focus if focus.startswith("_:") else f"<{focus}>"


def _parse_term(nt: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A term from its N-Triples form (how violations keep values)."""
    (triple,) = ox.parse(input=f"<urn:s> <urn:p> {nt} .", format=ox.RdfFormat.N_TRIPLES)
    term = triple.object
    assert isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal)
    return term


def _skolem(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.Literal:
    """A term for the report graph: a blank node of the data becomes a skolem IRI."""
    return ox.NamedNode(f"{_GENID}{term.value}") if isinstance(term, ox.BlankNode) else term


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """A focus node as text: the IRI itself, ``_:label`` for a blank node."""
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _violation(result: Result, graph: str) -> Violation:
    check = result.check
    message = f"{check.message} ({result.detail})" if result.detail else check.message
    return Violation(
        graph=graph,
        focus=_text(result.focus),
        path=check.path,
        message=message,
        severity=check.severity.rsplit("#", 1)[-1],
        shape=check.shape_name,
        component=check.component.rsplit("#", 1)[-1],
        value=str(result.value) if result.value is not None else "",
        source_shape=check.source_shape,
    )


def validate_graph(data: Graph, name: str | None = None) -> ValidationReport:
    """Validate one graph (with the ontology's vocabulary mixed in) against the shapes."""
    # The vocabulary nodes a document refers to (units, themes, qualifiers) are mixed in so
    # sh:class checks resolve; the whole ontology would make every scheme concept a target.
    store = ox.Store()
    store.extend(_vocabulary_quads())
    store.extend(_quads(data))
    graph_name = name or str(data.identifier)
    violations = [
        _violation(r, graph_name) for r in run_checks(compiled_shapes(), store, union=False)
    ]
    violations.sort(key=Violation.line)
    return ValidationReport(violations, 1)


def validate_file(path: Path) -> ValidationReport:
    """Validate the union of all statements of an N-Quads or N-Triples file as one graph.

    The ontology's named graph (``ecokg.store.ONTOLOGY_GRAPH``) is left out and the vocabulary
    mixed in, as in :func:`validate_graph`. The file is bulk-loaded into an on-disk store in a
    temporary folder (deleted afterwards): memory is bounded by the loader's batches and the
    queries' working sets (and grows with the number of violations), not by the file's size.
    Each violation names the first named graph (sorted) where its focus node is a subject, or
    the file when the focus node is in none.
    """
    rdf_format = FILE_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise InputError(path, f"not a file to validate (suffixes: {' '.join(FILE_FORMATS)})")
    if not path.is_file():
        raise InputError(path, "no such file")
    with tempfile.TemporaryDirectory(prefix="ecokg-validate-") as folder:
        return _validate_in_store(path, rdf_format, folder)


def validate_kg(kg: KnowledgeGraph) -> ValidationReport:
    """Validate the union of all document graphs of a knowledge graph in one pass.

    The document graphs are streamed, one at a time, into a temporary N-Quads file that
    :func:`validate_file` validates: memory stays bounded for a KG of any kind and size.
    """
    with tempfile.TemporaryDirectory(prefix="ecokg-validate-") as folder:
        path = Path(folder) / "documents.nq"
        with path.open("wb") as handle:
            for name in kg.named_graphs():
                if name != str(ONTOLOGY_GRAPH):
                    ox.serialize(_graph_quads(kg, name), handle, ox.RdfFormat.N_QUADS)
        return validate_file(path)


def _graph_quads(kg: KnowledgeGraph, name: str) -> Iterator[ox.Quad]:
    rows = kg.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(name)}).rows
    graph = ox.NamedNode(name)
    for s, p, o, _ in rows:
        yield ox.Quad(s, p, o, graph)  # type: ignore[arg-type]


def _validate_in_store(path: Path, rdf_format: ox.RdfFormat, folder: str) -> ValidationReport:
    # The store lives only in this function: it is closed when the function returns, before
    # the caller deletes its folder.
    store = ox.Store(folder)
    try:
        store.bulk_load(path=str(path), format=rdf_format)
    except (SyntaxError, ValueError) as exc:
        raise InputError(path, f"cannot load ({exc})") from exc
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    if store.contains_named_graph(ontology):
        store.remove_graph(ontology)
    return validate_store(store, fallback=str(path))


@dataclass(frozen=True)
class SliceResults:
    """What the sliced shapes found on the union of the documents' slices."""

    results: tuple[Result, ...]


def check_slices(slices: Sequence[Path], *, in_memory: bool = False) -> SliceResults:
    """Check the shapes the slices serve on the union of the files of every document graph's
    :func:`union_slice`, in a store of their own (a build runs this while its store still loads).

    The store is on disk beside the slices unless ``in_memory`` (twice as fast): the union of
    the slices is a fraction of the build's store (every document's observations and spans left
    out, each shared node's statements once), but it grows with the corpus, and held in memory
    while the store loads and the outputs are written it set the peak of a one-worker build
    (737 MB of the 8 MB benchmark's 790).
    """
    where = str(slices[0].parent) if slices else None
    with tempfile.TemporaryDirectory(prefix=".slices-", dir=where) as tmp:
        store = ox.Store() if in_memory else ox.Store(tmp)
        # one load per slice: loads of many slices at once are a quarter faster, but the bulk
        # loader holds each load's indexes in memory (a one-worker 1 MB build: +120 MB)
        for path in slices:
            store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        store.bulk_extend(_vocabulary_quads())
        found = tuple(run_checks(_split_checks()[1], store, union=False, threads=_THREADS))
        del store  # closed before its folder is removed
    return SliceResults(found)


def validate_store(
    store: ox.Store,
    fallback: str,
    *,
    documents_hold: bool = False,
    sliced: SliceResults | None = None,
    failed: Sequence[str] = (),
) -> ValidationReport:
    """Validate the union of the named graphs of a store that holds document graphs only.

    The vocabulary is added to the default graph for the checks and removed afterwards, so the
    store is left as it was (a build validates its own store before adding the ontology).
    Violations whose focus node is a subject in no named graph are attributed to ``fallback``.
    ``documents_hold``: every document graph passed :func:`document_graph_holds`, so only the
    shapes that need the union are checked (the report is the same). ``sliced``: with it, what
    :func:`check_slices` found on the slices of every document graph, which stands for the
    shapes the slices serve (the report is the same; graphs not given as slices must describe
    no node those shapes target, as the build's comparison graph does not). ``failed``: with
    ``documents_hold``, the named graphs that did not pass :func:`document_graph_holds`; their
    per-document shapes are checked on each such graph alone (:func:`_failed_graph_results`),
    which reports what the whole store would, for a fraction of its cost.
    """
    _, sliced_checks, whole = _split_checks()
    found: list[Result]
    if not documents_hold:
        checks, found = compiled_shapes(), []
    elif sliced is None:
        checks, found = sliced_checks + whole, []
    else:
        checks, found = whole, list(sliced.results)
    store.bulk_extend(_vocabulary_quads())  # into the default graph: no document's statements
    try:
        results = found + list(run_checks(checks, store, union=True, threads=_THREADS))
        if documents_hold:
            for graph in failed:
                results += _failed_graph_results(store, ox.NamedNode(graph))
        homes = _home_graphs(store, {r.focus for r in results}, fallback=fallback)
    finally:
        store.clear_graph(ox.DefaultGraph())
    graphs = sum(1 for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    violations = sorted((_violation(r, homes[r.focus]) for r in results), key=Violation.line)
    return ValidationReport(violations, max(graphs, 1))


def _failed_graph_results(store: ox.Store, graph: ox.NamedNode) -> list[Result]:
    """The per-document shapes' results for the nodes of one document graph, on a store of that
    graph, every statement of the store about a node it names, the types of those statements'
    objects and the vocabulary.

    The same as on the whole store: a per-document node has all its statements in its own graph
    (the premise of ``eshape:perDocument``), and its shapes read its statements, what other
    nodes of its graph say of it, and its values' statements and their values' types (the
    breaking tests check every per-document shape so). Results about nodes of other graphs that
    the store pulls in are dropped: those graphs are checked on their own.
    """
    alone = ox.Store()
    quads = list(store.quads_for_pattern(None, None, None, graph))
    alone.extend(quads)
    named = {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
    around = [q for node in named for q in store.quads_for_pattern(node, None, None, None)]
    alone.extend(around)
    further = {q.object for q in around if isinstance(q.object, ox.NamedNode)} - named
    alone.extend(q for n in further for q in store.quads_for_pattern(n, _RDF_TYPE, None, None))
    alone.extend(_vocabulary_quads())
    own = {q.subject for q in quads}
    return [
        r for r in run_checks(_split_checks()[0], alone, union=True, threads=1) if r.focus in own
    ]


def _home_graphs(store: ox.Store, nodes: Iterable[Term], fallback: str) -> dict[Term, str]:
    """For each node, the first named graph (sorted) where it is a subject."""
    homes: dict[Term, str] = {}
    for node in nodes:
        if isinstance(node, ox.Literal):  # no target makes a literal a focus node
            homes[node] = fallback
            continue
        names = [
            q.graph_name.value
            for q in store.quads_for_pattern(node, None, None, None)
            if isinstance(q.graph_name, ox.NamedNode)
        ]
        homes[node] = min(names, default=fallback)
    return homes


def reference_validate(data: Graph, name: str | None = None) -> ValidationReport:
    """Validate one graph with pyshacl: the slow reference the SPARQL engine is tested against."""
    import pyshacl  # only here: importing it costs every build worker a third of a second

    mixed = Graph()
    for triple in vocabulary_graph():
        mixed.add(triple)
    for triple in data:
        mixed.add(triple)
    shapes = shapes_graph()
    _, results_graph, _ = pyshacl.validate(
        mixed, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    graph_name = name or str(data.identifier)
    violations = []
    # Only the report's own results: pyshacl also types the nested sh:detail results of sh:node.
    for result in results_graph.objects(None, SH.result):
        severity = results_graph.value(result, SH.resultSeverity)
        source = results_graph.value(result, SH.sourceShape)
        focus = results_graph.value(result, SH.focusNode)
        value = results_graph.value(result, SH.value)
        path = results_graph.value(result, SH.resultPath)
        component = results_graph.value(result, SH.sourceConstraintComponent)
        violations.append(
            Violation(
                graph=graph_name,
                focus=f"_:{focus}" if isinstance(focus, BNode) else str(focus),
                path=str(path) if path is not None else "",
                message=str(results_graph.value(result, SH.resultMessage) or ""),
                severity=str(severity).rsplit("#", 1)[-1]
                if isinstance(severity, URIRef)
                else "Violation",
                shape=shape_name(shapes, source) if source is not None else "",
                component=str(component).rsplit("#", 1)[-1],
                value=str(to_ox(value)) if value is not None else "",
                source_shape=shape_iri(shapes, source) if source is not None else "",
            )
        )
    violations.sort(key=Violation.line)
    return ValidationReport(violations, 1)
