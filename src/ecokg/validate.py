"""Validate graphs against the SHACL shapes in ``shapes/`` and report readably."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from ecokg.kg.vocab import EKG, QUDT
from ecokg.resources import turtle_graph


def shapes_graph() -> Graph:
    """All shapes files merged (loaded once)."""
    return turtle_graph("shapes")


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


@dataclass(frozen=True)
class Violation:
    """One SHACL result, flattened for people."""

    graph: str
    focus: str
    path: str
    message: str
    severity: str
    shape: str

    def line(self) -> str:
        """A one-line description."""
        where = f" {self.path}" if self.path else ""
        return (
            f"[{self.severity}] {self.focus}{where}: {self.message} "
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


def _short(node: object) -> str:
    return str(node) if node is not None else ""


def _shape_name(shape: object) -> str:
    """The named shape behind a result (a property shape is a blank node: name its owner)."""
    if isinstance(shape, BNode):
        owner = shapes_graph().value(None, SH.property, shape) or shapes_graph().value(
            None, SH.sparql, shape
        )
        return _short(owner) if owner is not None else "anonymous shape"
    return _short(shape)


def validate_graph(data: Graph, name: str | None = None) -> ValidationReport:
    """Validate one graph (with the ontology mixed in) against the shapes."""
    # The vocabulary nodes a document refers to (units, themes, qualifiers) are mixed in so
    # sh:class checks resolve; the whole ontology would make every scheme concept a target.
    mixed = Graph()
    for triple in vocabulary_graph():
        mixed.add(triple)
    for triple in data:
        mixed.add(triple)
    _, results_graph, _ = pyshacl.validate(
        mixed,
        shacl_graph=shapes_graph(),
        inference="none",
        allow_warnings=True,
    )
    graph_name = name or str(data.identifier)
    violations = []
    for result in results_graph.subjects(RDF.type, SH.ValidationResult):
        severity = results_graph.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                graph=graph_name,
                focus=_short(results_graph.value(result, SH.focusNode)),
                path=_short(results_graph.value(result, SH.resultPath)),
                message=_short(results_graph.value(result, SH.resultMessage)),
                severity=str(severity).rsplit("#", 1)[-1]
                if isinstance(severity, URIRef)
                else "Violation",
                shape=_shape_name(results_graph.value(result, SH.sourceShape)),
            )
        )
    violations.sort(key=Violation.line)
    return ValidationReport(violations, 1)


def validate_file(path: Path) -> ValidationReport:
    """Validate the union of the document graphs of an N-Quads file (interim: pyshacl)."""
    from ecokg.store import ONTOLOGY_GRAPH, to_rdflib

    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    data = Graph()
    for quad in ox.parse(path=path, format=ox.RdfFormat.N_QUADS):
        if quad.graph_name != ontology:
            data.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return validate_graph(data, "union")
