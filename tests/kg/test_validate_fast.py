"""The SPARQL SHACL engine against pyshacl, the reference.

A sound graph in the ontology's vocabulary is copied once per case (under a namespace of its
own) and broken on purpose; the copies are validated together by both engines. Cases are made
for every constraint of every shape read from the shapes graph, so a new shape or constraint
without a breaking case fails :func:`test_every_shape_and_constraint_is_broken`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, SH, SKOS, XSD
from rdflib.term import Node

from conftest import run_cli
from ecokg.api import open_kg, validate
from ecokg.errors import InputError
from ecokg.kg.serialize import to_ox
from ecokg.kg.vocab import EKG, ID, NIF
from ecokg.shacl_sparql import (
    Probe,
    UnsupportedShapeError,
    compile_probe,
    compile_shapes,
    probe_finds,
    run_checks,
)
from ecokg.slices import sliceable
from ecokg.store import ONTOLOGY_GRAPH
from ecokg.validate import (
    PER_DOCUMENT,
    ValidationReport,
    Violation,
    check_slices,
    document_graph_holds,
    reference_validate,
    shapes_graph,
    union_slice,
    validate_file,
    validate_graph,
    validate_store,
    vocabulary_graph,
)

ESHAPE = Namespace("https://w3id.org/ecokg/shapes#")
SOUND_NS = "https://w3id.org/ecokg/id/test/sound/"

# One node of each kind the shapes target, every optional property given once.
SOUND = f"""
@prefix x: <{SOUND_NS}> .
@prefix ekg: <https://w3id.org/ecokg/def#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix unit: <http://qudt.org/vocab/unit/> .
@prefix theme: <https://w3id.org/ecokg/id/theme/> .

x:doc a ekg:Document ; dcterms:identifier "doc" ; ekg:characterCount 40 ; ekg:encoding "utf-8" ;
    ekg:textSha256 "{"0" * 64}" ; dcterms:issued "2024-05"^^xsd:gYearMonth .
x:m-evidence a ekg:Mention ; nif:beginIndex 0 ; nif:endIndex 20 ;
    nif:anchorOf "二〇二四年，某省细颗粒物平均浓度为三十微" ; nif:referenceContext x:doc .
x:m-value a ekg:Mention ; nif:beginIndex 17 ; nif:endIndex 19 ; nif:anchorOf "三十" ;
    nif:referenceContext x:doc .
x:m-name a ekg:Mention ; nif:beginIndex 20 ; nif:endIndex 24 ; nif:anchorOf "某省机关" ;
    nif:referenceContext x:doc .
x:m-claim a ekg:Mention ; nif:beginIndex 20 ; nif:endIndex 30 ; nif:anchorOf "某省机关印发某省方案" ;
    nif:referenceContext x:doc .

x:obs a ekg:Observation ; ekg:indicator x:ind ; ekg:value 30.0 ; ekg:maxValue 40.0 ;
    ekg:unit unit:DAY ; ekg:qualifier ekg:exact ; ekg:modality ekg:achieved ;
    ekg:period "2024" ; ekg:basePeriod "2020" ; ekg:periodBasis "stated" ;
    ekg:periodStartYear 2024 ; ekg:periodEndYear 2024 ; ekg:place x:place ; ekg:theme theme:air ;
    ekg:changeDirection "up" ; ekg:asOf "2024-05"^^xsd:gYearMonth ; ekg:asOfBasis "stated" ;
    ekg:evidence x:m-evidence ; ekg:valueSpan x:m-value ; ekg:alsoStatedIn x:m-evidence ;
    prov:wasDerivedFrom x:doc .
x:ind a ekg:Indicator ; skos:prefLabel "指标"@zh-Hans ; ekg:theme theme:air ;
    prov:wasDerivedFrom x:doc .
x:theme a ekg:Theme ; skos:notation "t" ; skos:prefLabel "主题"@zh-Hans .

x:agency a ekg:Agency ; skos:prefLabel "某省机关"@zh-Hans ; skos:altLabel "机关"@zh-Hans ;
    ekg:mention x:m-name ; prov:wasDerivedFrom x:doc ; ekg:issued x:policy ; ekg:leads x:programme .
x:person a ekg:Person ; skos:prefLabel "某人"@zh-Hans ; ekg:mention x:m-name ;
    prov:wasDerivedFrom x:doc .
x:programme a ekg:Programme ; skos:prefLabel "某计划"@zh-Hans ; ekg:mention x:m-name ;
    prov:wasDerivedFrom x:doc ; ekg:partOf x:programme2 .
x:programme2 a ekg:Programme ; skos:prefLabel "总计划"@zh-Hans ; ekg:mention x:m-name ;
    prov:wasDerivedFrom x:doc .
x:event a ekg:Event ; skos:prefLabel "某会议"@zh-Hans ; ekg:mention x:m-name ;
    prov:wasDerivedFrom x:doc .
x:policy a ekg:Policy ; skos:prefLabel "某省方案"@zh-Hans ; ekg:mention x:m-name ;
    prov:wasDerivedFrom x:doc ; ekg:instrumentType "方案" ; ekg:status "in_force" ;
    ekg:issuedYear "2024"^^xsd:gYear ; ekg:plannedPeriod "2021/2025" ; ekg:aboutPlace x:place .
x:regulation a ekg:Regulation ; skos:prefLabel "某省条例"@zh-Hans ; ekg:mention x:m-name ;
    prov:wasDerivedFrom x:doc ; ekg:instrumentType "条例" .
x:place a ekg:Place ; skos:prefLabel "某省"@zh-Hans ; ekg:mention x:m-name ;
    ekg:divisionCode "360000" ; ekg:placeType "province" ; prov:wasDerivedFrom x:doc .
x:county a ekg:Place ; skos:prefLabel "某县"@zh-Hans ; ekg:partOf x:place .

x:claim a ekg:RelationClaim ; rdf:subject x:agency ; rdf:predicate ekg:issued ;
    rdf:object x:policy ; ekg:evidence x:m-claim ; prov:wasDerivedFrom x:doc .
x:membership a org:Membership ; org:member x:person ; org:organization x:agency ;
    ekg:post "厅长" ; ekg:evidence x:m-claim ; prov:wasDerivedFrom x:doc .
x:link a ekg:OutcomeLink ; ekg:linkedEntity x:policy ; ekg:observation x:obs ;
    ekg:linkBasis "same_sentence" ; ekg:evidence x:m-evidence ; prov:wasDerivedFrom x:doc .

x:doc2 a ekg:Document ; dcterms:identifier "doc2" ; ekg:characterCount 10 ; ekg:encoding "utf-8" ;
    ekg:textSha256 "{"1" * 64}" .
x:m-evidence2 a ekg:Mention ; nif:beginIndex 0 ; nif:endIndex 5 ; nif:anchorOf "三十二微克" ;
    nif:referenceContext x:doc2 .
x:m-value2 a ekg:Mention ; nif:beginIndex 0 ; nif:endIndex 3 ; nif:anchorOf "三十二" ;
    nif:referenceContext x:doc2 .
x:obs2 a ekg:Observation ; ekg:indicator x:ind ; ekg:value 32.0 ; ekg:unit unit:DAY ;
    ekg:qualifier ekg:exact ; ekg:modality ekg:achieved ; ekg:period "2024" ;
    ekg:periodBasis "stated" ; ekg:evidence x:m-evidence2 ; ekg:valueSpan x:m-value2 ;
    prov:wasDerivedFrom x:doc2 .
x:comparison a ekg:ClaimComparison ; ekg:claimA x:obs ; ekg:claimB x:obs2 ;
    ekg:evidence x:m-evidence , x:m-evidence2 ; ekg:difference 2.0 ; ekg:verdict ekg:conflicting ;
    ekg:reason "different values for period 2024" ; ekg:comparisonBasis "same_period" ;
    prov:wasDerivedFrom x:doc , x:doc2 .
"""

# The node of the sound graph each shape is tested on. A new shape needs an entry here.
FOCUS = {
    "DocumentShape": "doc",
    "MentionShape": "m-evidence",
    "ObservationShape": "obs",
    "IndicatorShape": "ind",
    "ThemeShape": "theme",
    "AgencyShape": "agency",
    "PersonShape": "person",
    "ProgrammeShape": "programme",
    "EventShape": "event",
    "PolicyShape": "policy",
    "RegulationShape": "regulation",
    "PlaceShape": "place",
    "RelationClaimShape": "claim",
    "IssuedShape": "agency",
    "LeadsShape": "agency",
    "InstrumentRelationsShape": "policy",
    "PartOfShape": "programme",
    "MembershipShape": "membership",
    "OutcomeLinkShape": "link",
    "ClaimComparisonShape": "comparison",
}

# The SHACL parameter -> constraint component table (SHACL §4), written out independently of
# the engine so that the coverage test does not trust the code it tests.
COMPONENT = {
    SH["class"]: "ClassConstraintComponent",
    SH.datatype: "DatatypeConstraintComponent",
    SH["in"]: "InConstraintComponent",
    SH.pattern: "PatternConstraintComponent",
    SH.minInclusive: "MinInclusiveConstraintComponent",
    SH.minLength: "MinLengthConstraintComponent",
    SH.nodeKind: "NodeKindConstraintComponent",
    SH.languageIn: "LanguageInConstraintComponent",
    SH["or"]: "OrConstraintComponent",
    SH["not"]: "NotConstraintComponent",
    SH.node: "NodeConstraintComponent",
    SH.minCount: "MinCountConstraintComponent",
    SH.maxCount: "MaxCountConstraintComponent",
    SH.uniqueLang: "UniqueLangConstraintComponent",
    SH.qualifiedValueShape: "QualifiedMinCountConstraintComponent",
    SH.sparql: "SPARQLConstraintComponent",
}
# Parameters that are no constraint of their own.
NOT_CONSTRAINTS = {
    RDF.type,
    PER_DOCUMENT,
    SH.path,
    SH.message,
    SH.severity,
    SH.qualifiedMinCount,
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.property,
}

Breaker = Callable[[Graph, Namespace], None]


@dataclass(frozen=True)
class Case:
    """A graph broken on purpose and the result the reference must report for it."""

    name: str
    shape: str
    path: str
    component: str
    focus: str
    breaker: Breaker
    touches: frozenset[str]
    """The sound graph's nodes whose state the case changes or relies on."""


def _local(node: Node) -> str:
    return re.split(r"[#/]", str(node))[-1]


def _replace(path: Node, make: Callable[[Namespace], Node], focus: str) -> Breaker:
    def breaker(g: Graph, x: Namespace) -> None:
        g.remove((x[focus], path, None))
        g.add((x[focus], path, make(x)))

    return breaker


def _add(path: Node, make: Callable[[Namespace], Node], focus: str) -> Breaker:
    def breaker(g: Graph, x: Namespace) -> None:
        g.add((x[focus], path, make(x)))

    return breaker


def _breakers(param: Node, arg: Node, path: Node, focus: str) -> Iterator[tuple[str, Breaker]]:
    """Ways to violate one constraint of a property shape on the focus node."""
    if param in NOT_CONSTRAINTS:
        return
    if param == SH.minCount:
        assert int(arg) > 0, "a minimum of 0 cannot be violated"
        yield "missing", lambda g, x: g.remove((x[focus], path, None))
    elif param == SH.maxCount:

        def too_many(g: Graph, x: Namespace) -> None:
            for i in range(int(arg) + 1):
                g.add((x[focus], path, x[f"extra-{i}"]))

        yield "too-many", too_many
    elif param in (SH["class"], SH["or"]):
        yield "untyped-node", _replace(path, lambda x: x["untyped"], focus)
    elif param == SH.datatype:
        yield "other-datatype", _replace(path, lambda x: Literal("x", lang="en"), focus)
        if arg != XSD.string:
            yield "ill-formed", _replace(path, lambda x: Literal("ill", datatype=arg), focus)
    elif param == SH["in"]:
        yield "not-listed", _replace(path, lambda x: Literal("not-listed"), focus)
    elif param == SH.pattern:
        yield "mismatch", _replace(path, lambda x: Literal("no match"), focus)
        yield "iri", _replace(path, lambda x: x["iri-value"], focus)
    elif param == SH.minInclusive:
        yield "below", _replace(path, lambda x: Literal(int(arg) - 1), focus)
    elif param == SH.minLength:
        yield "too-short", _replace(path, lambda x: Literal(""), focus)
    elif param == SH.nodeKind:
        assert arg == SH.IRI, "add breakers for other node kinds"
        yield "literal", _replace(path, lambda x: Literal("a literal"), focus)
    elif param == SH.languageIn:
        yield "other-language", _add(path, lambda x: Literal("autre", lang="fr"), focus)
        yield "no-language", _add(path, lambda x: Literal("无标记"), focus)
    elif param == SH.uniqueLang:
        assert arg.toPython() is True
        yield "same-language", _add(path, lambda x: Literal("重复", lang="zh-Hans"), focus)
    elif param == SH.qualifiedValueShape:
        yield "none-qualified", _replace(path, lambda x: Literal("名稱", lang="zh-Hant"), focus)
    else:
        pytest.fail(f"no breaking case for {param} (add one to _breakers)")


def _replace_one(path: Node, old: str, new: str, focus: str) -> Breaker:
    def breaker(g: Graph, x: Namespace) -> None:
        g.remove((x[focus], path, x[old]))
        g.add((x[focus], path, x[new]))

    return breaker


def _span(mention: str, begin: int, end: int, anchor: str) -> Breaker:
    def breaker(g: Graph, x: Namespace) -> None:
        g.set((x[mention], NIF.beginIndex, Literal(begin)))
        g.set((x[mention], NIF.endIndex, Literal(end)))
        g.set((x[mention], NIF.anchorOf, Literal(anchor)))

    return breaker


def _value_span_elsewhere(g: Graph, x: Namespace) -> None:
    g.add((x["doc2"], RDF.type, EKG.Document))
    g.set((x["m-value"], NIF.referenceContext, x["doc2"]))


SPARQL = "SPARQLConstraintComponent"
# What DocumentShape's span constraints read: their cases must not share a copy with others.
SPAN_NODES = frozenset({"doc", "m-evidence", "m-value", "m-name", "m-claim", "obs"})

# Constraints on the focus node itself, which no generic breaker can reach.
NODE_CASES = [
    ("IssuedShape", "ClassConstraintComponent", "place", "issued-by-place",
     _add(EKG.issued, lambda x: x["policy"], "place")),
    ("LeadsShape", "ClassConstraintComponent", "place", "led-by-place",
     _add(EKG.leads, lambda x: x["programme"], "place")),
    ("ProgrammeShape", "NotConstraintComponent", "programme", "also-event",
     _add(RDF.type, lambda x: EKG.Event, "programme")),
    ("IndicatorShape", "OrConstraintComponent", "ind", "neither-scheme-nor-source",
     lambda g, x: g.remove((x["ind"], PROV.wasDerivedFrom, None))),
    ("PartOfShape", "OrConstraintComponent", "programme", "programme-in-place",
     _replace(EKG.partOf, lambda x: x["place"], "programme")),
    ("PartOfShape", "OrConstraintComponent", "county", "place-in-programme",
     _replace(EKG.partOf, lambda x: x["programme"], "county")),
    ("DocumentShape", "SPARQLConstraintComponent", "doc", "quote-length",
     _span("m-name", 20, 24, "比跨度长的引文")),
    ("DocumentShape", "SPARQLConstraintComponent", "doc", "span-reversed",
     _span("m-name", 24, 20, "")),
    ("DocumentShape", "SPARQLConstraintComponent", "doc", "past-document-end",
     _replace(EKG.characterCount, lambda x: Literal(25), "doc")),
    ("DocumentShape", "SPARQLConstraintComponent", "doc", "value-outside-evidence",
     _span("m-value", 25, 27, "机关")),
    ("DocumentShape", "SPARQLConstraintComponent", "doc", "value-in-other-document",
     _value_span_elsewhere),
    ("ClaimComparisonShape", "SPARQLConstraintComponent", "comparison", "one-document",
     _replace(PROV.wasDerivedFrom, lambda x: x["doc"], "obs2")),
    ("ClaimComparisonShape", "SPARQLConstraintComponent", "comparison", "foreign-evidence",
     _replace_one(EKG.evidence, "m-evidence2", "m-name", "comparison")),
]  # fmt: skip
# What ClaimComparisonShape's constraints read besides the comparison.
COMPARISON_NODES = frozenset({"comparison", "obs", "obs2"})


def _touches(shape: str, component: str, focus: str) -> frozenset[str]:
    if component != SPARQL:
        return frozenset({focus})
    return COMPARISON_NODES if shape == "ClaimComparisonShape" else SPAN_NODES


def _targeted(shapes: Graph) -> list[Node]:
    return sorted({s for p in (SH.targetClass, SH.targetSubjectsOf) for s in shapes.subjects(p)})


def _cases() -> list[Case]:
    shapes = shapes_graph()
    cases = [Case(f"{s}-{n}", s, "", c, f, b, _touches(s, c, f)) for s, c, f, n, b in NODE_CASES]
    for shape in _targeted(shapes):
        name = _local(shape)
        focus = FOCUS[name]
        owned = [(prop, name, None) for prop in shapes.objects(shape, SH.property)]
        for nested in shapes.objects(shape, SH.node):
            # A nested shape's failures surface as one sh:node result on the focus node.
            assert set(shapes.predicates(nested)) <= {SH.property, RDF.type}
            owned += [(prop, name, "NodeConstraintComponent") for prop in shapes.objects(nested, SH.property)]  # fmt: skip
        for prop, owner, via in owned:
            path = shapes.value(prop, SH.path)
            assert isinstance(path, URIRef)
            for param, arg in sorted(shapes.predicate_objects(prop)):
                for label, breaker in _breakers(param, arg, path, focus):
                    component = via or COMPONENT[param]
                    cases.append(
                        Case(
                            f"{owner}-{_local(path)}-{_local(param)}-{label}",
                            owner,
                            "" if via else str(path),
                            component,
                            focus,
                            breaker,
                            frozenset({focus}),
                        )
                    )
    return cases


# Cases where pyshacl is wrong, each with why; they run on the fast engine alone
# (test_cases_pyshacl_gets_wrong).
_RDFLIB_OR = (
    "rdflib's SPARQL reads a type error inside || as false and so also reports the span "
    "constraints; in SPARQL 1.1 the FILTER is an error (no row). The datatype violation is "
    "reported by both."
)
_RDFLIB_CRASH = "rdflib's SPARQL crashes (TypeError, RecursionError) on the span arithmetic."
PYSHACL_WRONG = {
    "MentionShape-beginIndex-datatype-ill-formed": _RDFLIB_CRASH,
    "MentionShape-endIndex-datatype-ill-formed": _RDFLIB_CRASH,
    "MentionShape-beginIndex-datatype-other-datatype": _RDFLIB_OR,
    "MentionShape-endIndex-datatype-other-datatype": _RDFLIB_OR,
    "InstrumentRelationsShape-issuedYear-datatype-ill-formed": (
        'rdflib does not check xsd:gYear lexical forms: pyshacl accepts "ill"^^xsd:gYear.'
    ),
}
ALL_CASES = _cases()
CASES = [c for c in ALL_CASES if c.name not in PYSHACL_WRONG]


def _pack(cases: list[Case]) -> list[int]:
    """The copy each case goes into: cases share a copy when they touch different nodes, so
    none undoes another (one copy per case would make pyshacl take seconds more)."""
    used: list[set[str]] = []
    slots = []
    for case in cases:
        slot = next((i for i, nodes in enumerate(used) if not nodes & case.touches), len(used))
        if slot == len(used):
            used.append(set())
        used[slot] |= case.touches
        slots.append(slot)
    return slots


SLOTS = _pack(CASES)
COPIES = max(SLOTS) + 1


@cache
def _sound() -> Graph:
    return Graph().parse(data=SOUND, format="turtle")


def _copy(case: str) -> tuple[Graph, Namespace]:
    """The sound graph with its nodes moved to a namespace of the case's own."""
    base = f"https://w3id.org/ecokg/id/test/{case}/"

    def move(term: Node) -> Node:
        return URIRef(base + term[len(SOUND_NS) :]) if term.startswith(SOUND_NS) else term

    graph = Graph()
    for s, p, o in _sound():
        graph.add((move(s), p, move(o)))
    return graph, Namespace(base)


def _key(v: Violation) -> tuple[str, ...]:
    return (v.focus, v.path, v.severity, v.component, v.shape, v.source_shape, _canonical(v.value))


@cache
def _canonical(value: str) -> str:
    """A value as Oxigraph stores it: numbers in canonical form (pyshacl keeps the lexical)."""
    if not value.startswith('"'):
        return value
    store = ox.Store()
    store.update(f"INSERT DATA {{ <urn:s> <urn:p> {value} }}")
    return str(next(iter(store)).object)


@dataclass
class Broken:
    """The broken copies (by graph name), their union and both engines' reports on it."""

    copies: dict[URIRef, Graph]
    union: Graph
    fast: ValidationReport
    reference: ValidationReport


@pytest.fixture(scope="module")
def broken() -> Broken:
    copies = {}
    union = Graph()
    for copy in range(COPIES):
        graph, x = _copy(f"copy{copy}")
        for case, slot in zip(CASES, SLOTS, strict=True):
            if slot == copy:
                case.breaker(graph, x)
        copies[ID[f"graph/copy{copy}"]] = graph
        union += graph
    return Broken(copies, union, validate_graph(union), reference_validate(union))


def _write(path: Path, graphs: dict[URIRef, Graph]) -> None:
    """N-Quads (or N-Triples for one unnamed graph) written by Oxigraph, as ecokg writes them."""
    if path.suffix == ".nt":
        (graph,) = graphs.values()
        triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]  # type: ignore[arg-type]
        ox.serialize(triples, str(path), format=ox.RdfFormat.N_TRIPLES)
        return
    quads = [
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(name))  # type: ignore[arg-type]
        for name, graph in graphs.items()
        for s, p, o in graph
    ]
    ox.serialize(quads, str(path), format=ox.RdfFormat.N_QUADS)


def test_sound_graph_conforms_in_both_engines() -> None:
    graph, _ = _copy("sound")
    fast, reference = validate_graph(graph), reference_validate(graph)
    assert reference.conforms, reference.text()
    assert fast.conforms, fast.text()


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c.name for c in CASES])
def test_case_breaks_its_constraint(broken: Broken, index: int) -> None:
    """Each case makes pyshacl report the result it was written for (so cases really break)."""
    case = CASES[index]
    focus = f"https://w3id.org/ecokg/id/test/copy{SLOTS[index]}/{case.focus}"
    found = {(v.shape.rsplit("#", 1)[-1], v.path, v.component) for v in broken.reference.violations if v.focus == focus}  # fmt: skip
    assert (case.shape, case.path, case.component) in found


@pytest.mark.parametrize("name", sorted(PYSHACL_WRONG))
def test_cases_pyshacl_gets_wrong(name: str) -> None:
    """The fast engine reports the constraint broken, and no span constraint (whose
    arithmetic on a bad offset is a SPARQL error, which makes a FILTER false)."""
    (case,) = [c for c in ALL_CASES if c.name == name]
    graph, x = _copy("pyshacl-wrong")
    case.breaker(graph, x)
    report = validate_graph(graph)
    found = {(_local(v.shape), v.path, v.component) for v in report.violations if v.focus == str(x[case.focus])}  # fmt: skip
    assert (case.shape, case.path, case.component) in found
    assert "SPARQLConstraintComponent" not in {v.component for v in report.violations}


def test_fast_engine_reports_what_pyshacl_reports(broken: Broken) -> None:
    fast = Counter(_key(v) for v in broken.fast.violations)
    reference = Counter(_key(v) for v in broken.reference.violations)
    assert len(reference) > len(CASES)
    assert fast == reference


def test_every_shape_and_constraint_is_broken(broken: Broken) -> None:
    """Every constraint of every shape in the shapes graph appears among the reported results."""
    shapes = shapes_graph()
    wanted = set()
    for shape in _targeted(shapes):
        name = _local(shape)
        for param in set(shapes.predicates(shape)) - NOT_CONSTRAINTS:
            wanted.add((name, "", COMPONENT[param]))
        for prop in shapes.objects(shape, SH.property):
            path = str(shapes.value(prop, SH.path))
            for param in set(shapes.predicates(prop)) - NOT_CONSTRAINTS:
                wanted.add((name, path, COMPONENT[param]))
    reported = {(_local(v.shape), v.path, v.component) for v in broken.reference.violations}
    assert len(wanted) > 100
    assert wanted - reported == set()
    assert {n for n, _, _ in wanted} == {_local(s) for s in _targeted(shapes)}


def test_file_of_named_graphs_validates_as_their_union(broken: Broken, tmp_path: Path) -> None:
    """validate_file on N-Quads equals validate_graph on the union, leaves out the ontology
    graph, counts a triple stated in two graphs once and names each focus node's graph."""
    first = URIRef("https://w3id.org/ecokg/id/test/copy0/doc")
    again = Graph()
    for triple in broken.union.triples((first, None, None)):
        again.add(triple)  # the same statements in a later graph: no new maxCount violation
    # The ontology's graph would violate ThemeShape; it must not be validated.
    ontology = Graph()
    ontology.add((ID["theme/invented"], RDF.type, EKG.Theme))
    path = tmp_path / "broken.nq"
    _write(path, {**broken.copies, ID["graph/zz-again"]: again, ONTOLOGY_GRAPH: ontology})

    from_file = validate_file(path)
    assert Counter(map(_key, from_file.violations)) == Counter(map(_key, broken.fast.violations))
    assert from_file.graphs_checked == COPIES + 1
    for violation in from_file.violations:
        case = re.search(r"/test/(copy\d+)/", violation.focus)
        if case is not None:  # vocabulary nodes are in no document
            assert violation.graph == str(ID[f"graph/{case.group(1)}"])


def _nquads(name: URIRef, graph: Graph) -> bytes:
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(name)) for s, p, o in graph]  # type: ignore[arg-type]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def test_per_document_shapes_hold_where_pyshacl_finds_them_unbroken(broken: Broken) -> None:
    """A copy (one document's graph) passes the per-document check exactly when pyshacl reports
    no result of a per-document shape on its nodes."""
    per_document = {_local(s) for s in shapes_graph().subjects(PER_DOCUMENT, Literal(True))}
    assert {"MentionShape", "ObservationShape"} <= per_document
    broken_copies = {
        re.search(r"/test/(copy\d+)/", v.focus).group(1)  # type: ignore[union-attr]
        for v in broken.reference.violations
        if _local(v.shape) in per_document
    }
    sound, _ = _copy("sound")
    assert document_graph_holds(_nquads(ID["graph/sound"], sound))
    for name, graph in broken.copies.items():
        copy = str(name).rsplit("/", 1)[-1]
        assert document_graph_holds(_nquads(name, graph)) is (copy not in broken_copies), copy


def _per_document_names() -> list[str]:
    return sorted(str(s) for s in shapes_graph().subjects(PER_DOCUMENT, Literal(True)))


def _document_store(case: Case | None) -> ox.Store:
    """One document's graph (the sound one, or broken by one case) as the worker loads it."""
    graph, x = _copy(f"probe-{case.name}" if case else "probe-sound")
    if case is not None:
        case.breaker(graph, x)
    store = ox.Store()
    store.load(_nquads(ID["graph/probe"], graph), format=ox.RdfFormat.N_QUADS)
    store.load(_vocabulary_ntriples(), format=ox.RdfFormat.N_TRIPLES)  # the default graph
    return store


@cache
def _vocabulary_ntriples() -> bytes:
    return ox.serialize(
        (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in vocabulary_graph()),  # type: ignore[arg-type]
        format=ox.RdfFormat.N_TRIPLES,
    )


def test_per_document_probe_says_no_exactly_when_a_check_finds_a_violation() -> None:
    """The combined yes/no queries of the per-document shapes against their exact checks, on
    every breaking case alone in a graph of its own: each per-document shape and each combined
    query is broken by some case, and the probe finds a violation exactly when a check does."""
    names = _per_document_names()
    checks = tuple(c for c in compile_shapes(shapes_graph()) if c.shape_name in names)
    probe = compile_probe(shapes_graph(), names, checks)
    assert len(probe.queries) > 30 and {c.component for c in probe.checks} == {SH.SPARQLConstraintComponent}  # fmt: skip
    sound = _document_store(None)
    assert not probe_finds(probe, sound, union=True)
    assert not any(probe_finds(Probe((q,), ()), sound, union=True) for q in probe.queries)
    broken_shapes: set[str] = set()
    answered: set[str] = set()
    for case in ALL_CASES:
        store = _document_store(case)
        found = {r.check.shape_name for r in run_checks(checks, store, union=True)}
        assert probe_finds(probe, store, union=True) is bool(found), case.name
        answered.update(
            q
            for q in probe.queries
            if q not in answered and probe_finds(Probe((q,), ()), store, union=True)
        )
        if f"{ESHAPE}{case.shape}" in names:
            assert found, case.name  # a case of a per-document shape breaks it alone
        broken_shapes |= found
    assert broken_shapes == set(names)
    assert answered == set(probe.queries)


def test_union_pass_without_per_document_shapes_reports_the_same() -> None:
    """Copies broken only in shapes that need the union all pass the per-document check, and
    the union pass that then leaves the per-document shapes out reports what the whole does."""
    per_document = {_local(s) for s in shapes_graph().subjects(PER_DOCUMENT, Literal(True))}
    cases = [c for c in CASES if c.shape not in per_document]
    store = ox.Store()
    for copy, slot in enumerate(sorted(set(_pack(cases)))):
        graph, x = _copy(f"union{copy}")
        for case, at in zip(cases, _pack(cases), strict=True):
            if at == slot:
                case.breaker(graph, x)
        data = _nquads(ID[f"graph/union{copy}"], graph)
        assert document_graph_holds(data), copy
        store.load(data, format=ox.RdfFormat.N_QUADS)
    whole = validate_store(store, "union")
    shapes = {_local(v.shape) for v in whole.violations}
    assert len(shapes) > 5 and not shapes & per_document
    assert validate_store(store, "union", documents_hold=True).violations == whole.violations


def test_union_pass_on_slices_reports_the_same(tmp_path: Path) -> None:
    """The shapes of shared nodes checked on the documents' slices report what the whole store
    does: on copies broken in every such shape, and on a node that one graph types and another
    describes without its type (a second simplified name breaks sh:uniqueLang in the union only)."""
    per_document = {_local(s) for s in shapes_graph().subjects(PER_DOCUMENT, Literal(True))}
    cases = [c for c in CASES if c.shape not in per_document]
    store, slices = ox.Store(), []

    def add(name: str, graph: Graph) -> None:
        data = _nquads(ID[f"graph/{name}"], graph)
        assert document_graph_holds(data), name
        store.load(data, format=ox.RdfFormat.N_QUADS)
        slices.append(tmp_path / f"{name}.slice")
        slices[-1].write_bytes(union_slice(data))

    for copy, slot in enumerate(sorted(set(_pack(cases)))):
        graph, x = _copy(f"union{copy}")
        for case, at in zip(cases, _pack(cases), strict=True):
            if at == slot:
                case.breaker(graph, x)
        add(f"union{copy}", graph)
    shared, x = _copy("shared")
    add("shared", shared)
    agency = next(iter(shared.subjects(RDF.type, EKG.Agency)))
    other = Graph()
    other.add((agency, SKOS.prefLabel, Literal("另一个名称", lang="zh-Hans")))
    add("untyped", other)

    whole = validate_store(store, "union")
    sliced = validate_store(store, "union", documents_hold=True, sliced=check_slices(slices))
    assert sliced.violations == whole.violations
    in_memory = check_slices(slices, in_memory=True).results
    assert sorted(map(str, in_memory)) == sorted(map(str, check_slices(slices).results))
    assert str(agency) in {v.focus for v in whole.violations}  # through sh:node
    # The slices leave out what one document owns: no span's offsets
    assert all(str(NIF.beginIndex).encode() not in path.read_bytes() for path in slices)


def test_graphs_that_fail_their_check_checked_alone_report_the_same(
    broken: Broken, tmp_path: Path
) -> None:
    """Every breaking case in named graphs as workers write them, with their slices: the union
    pass that checks the per-document shapes of the graphs that failed their worker's check on
    each graph alone (the rest on the slices) reports what the whole store does."""
    # and a failed graph whose observation's place is typed in another document's graph only
    # (what the union adds satisfies sh:class there, so the failed graph alone must see it)
    cross, x = _copy("cross")
    typed, y = _copy("typed")
    cross.set((x.obs, EKG.place, y.place))
    cross.remove((x["m-name"], NIF.anchorOf, None))
    store, slices, failed = ox.Store(), [], []
    graphs = {**broken.copies, ID["graph/cross"]: cross, ID["graph/typed"]: typed}
    for name, graph in graphs.items():
        data = _nquads(name, graph)
        store.load(data, format=ox.RdfFormat.N_QUADS)
        slices.append(tmp_path / f"{len(slices)}.slice")
        slices[-1].write_bytes(union_slice(data))
        if not document_graph_holds(data):
            failed.append(str(name))
    whole = validate_store(store, "union")
    per_document = {_local(s) for s in shapes_graph().subjects(PER_DOCUMENT, Literal(True))}
    assert per_document <= {_local(v.shape) for v in whole.violations}
    assert str(ID["graph/cross"]) in failed and str(ID["graph/typed"]) not in failed
    alone = validate_store(
        store, "union", documents_hold=True, sliced=check_slices(slices), failed=failed
    )
    assert alone.violations == whole.violations
    # Without the failed graphs' own pass the per-document results would be missing
    skipped = validate_store(store, "union", documents_hold=True, sliced=check_slices(slices))
    assert {_local(v.shape) for v in skipped.violations}.isdisjoint(per_document)


def test_shapes_that_read_beyond_one_step_stay_on_the_store() -> None:
    """A SPARQL constraint, a path of two steps or a value shape with properties of its own
    read past a node's statements and its values' types: such shapes are not sliced."""
    shapes = shapes_graph()
    assert sliceable(shapes, ESHAPE.AgencyShape) and sliceable(shapes, ESHAPE.IndicatorShape)
    assert not sliceable(shapes, ESHAPE.ClaimComparisonShape)
    extra = Graph().parse(
        format="turtle",
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
        ex:TwoSteps a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] .
        ex:DeepValue a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:node [ sh:property [ sh:path ex:q ; sh:minCount 1 ] ] ] .
        ex:ValueClass a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:or ( [ sh:class ex:D ] [ sh:class ex:E ] ) ] .
        ex:ByNode a sh:NodeShape ; sh:targetNode ex:n ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
        """,
    )
    ex = Namespace("urn:ex:")
    assert not sliceable(extra, ex.TwoSteps)
    assert not sliceable(extra, ex.DeepValue)
    assert not sliceable(extra, ex.ByNode)
    assert sliceable(extra, ex.ValueClass)


def test_ntriples_file_is_one_graph(tmp_path: Path) -> None:
    graph, x = _copy("nt")
    graph.remove((x["doc"], EKG.encoding, None))
    path = tmp_path / "one.nt"
    _write(path, {URIRef("urn:unnamed"): graph})
    report = validate_file(path)
    assert report.graphs_checked == 1
    assert [(v.focus, v.component, v.graph) for v in report.violations] == [
        (str(x["doc"]), "MinCountConstraintComponent", str(path))
    ]


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.nq"
    broken.write_text('<urn:a> <urn:b> "unterminated .\n', encoding="utf-8")
    with pytest.raises(InputError, match="cannot load"):
        validate_file(broken)
    with pytest.raises(InputError, match="suffixes"):
        validate_file(tmp_path / "graph.trig")
    with pytest.raises(InputError, match="no such file"):
        validate_file(tmp_path / "missing.nq")


def test_report_graph_is_standard_and_deterministic(broken: Broken) -> None:
    turtle = broken.fast.turtle()
    graph = Graph().parse(data=turtle, format="turtle")
    report = graph.value(None, RDF.type, SH.ValidationReport)
    assert report is not None
    assert graph.value(report, SH.conforms) == Literal(False)
    results = set(graph.objects(report, SH.result))
    assert len(results) == len({(*_key(v), v.message) for v in broken.fast.violations})
    assert all(isinstance(n, URIRef | Literal) for n in graph.all_nodes())  # no blank nodes
    for result in results:
        assert graph.value(result, SH.focusNode) is not None
        assert graph.value(result, SH.resultSeverity) == SH.Violation
        assert graph.value(result, SH.sourceShape) is not None
        assert str(graph.value(result, SH.sourceConstraintComponent)).startswith(str(SH))
    # the same results in another order give the same text
    shuffled = ValidationReport(list(reversed(broken.fast.violations)), 1)
    assert shuffled.turtle() == turtle
    values = {v for v in graph.objects(None, SH.value)}
    assert Literal("not-listed") in values
    assert Literal("重复", lang="zh-hans") not in values  # sh:uniqueLang results have no value


def test_report_of_a_conforming_graph_says_so() -> None:
    graph = Graph().parse(data=ValidationReport([], 1).turtle(), format="turtle")
    assert set(graph.objects(None, SH.conforms)) == {Literal(True)}
    assert not set(graph.objects(None, SH.result))


SEVERITY_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:severity sh:Info ; sh:class ex:D ;
    sh:property [ sh:path ex:p ; sh:minCount 2 ; sh:severity sh:Warning ] ;
    sh:property [ sh:path ex:q ; sh:maxCount 0 ] .
"""


def test_severities_follow_the_shapes() -> None:
    """sh:Warning and sh:Info as pyshacl reports them (our shapes use none yet)."""
    import pyshacl

    shapes = Graph().parse(data=SEVERITY_SHAPES, format="turtle")
    data = Graph().parse(
        data="@prefix ex: <http://example.org/> . ex:a a ex:C ; ex:p 1 ; ex:q 2 .",
        format="turtle",
    )
    store = ox.Store()
    for s, p, o in data:
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), _ox(o)))
    fast = {
        (str(r.check.severity), str(r.check.component), str(r.focus.value))  # type: ignore[union-attr]
        for r in run_checks(compile_shapes(shapes), store, union=False)
    }
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    reference = {
        (
            str(results.value(r, SH.resultSeverity)),
            str(results.value(r, SH.sourceConstraintComponent)),
            str(results.value(r, SH.focusNode)),
        )
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }
    assert {s for s, _, _ in fast} == {str(SH.Info), str(SH.Warning), str(SH.Violation)}
    assert fast == reference


def _ox(term: Node) -> ox.NamedNode | ox.Literal:
    if isinstance(term, Literal):
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.NamedNode(str(term))


UNSUPPORTED = [
    ("sh:maxLength", "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:maxLength 3 ] ."),
    ("sh:targetNode", "ex:S sh:targetNode ex:a ; sh:class ex:C ."),
    ("sh:targetObjectsOf", "ex:S a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:class ex:C ."),
    ("no supported target and no user", "ex:S a sh:NodeShape ; sh:class ex:C ."),
    ("property path", "ex:S sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] ."),
    ("xsd:anyURI", "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:datatype xsd:anyURI ] ."),
    ("implicit class targets", "ex:C a sh:NodeShape, rdfs:Class ; sh:targetClass ex:C ; sh:class ex:D ."),
    ("sh:flags", "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern \"a\" ; sh:flags \"i\" ] ."),
    ("sh:qualifiedMaxCount", "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMaxCount 1 ] ."),
    ("no triple pattern binds", "ex:S sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this ?value WHERE { ?value <urn:p> ?o . OPTIONAL { $this <urn:q> ?o } }\" ] ."),
    ("message templates", "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message \"{$this} lacks p\" ] ."),
    ("severity", "ex:S sh:targetClass ex:C ; sh:severity ex:Fatal ; sh:class ex:D ."),
    ("cannot parse", "ex:S sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this ?value WHERE {\" ] ."),
]  # fmt: skip


@pytest.mark.parametrize(("feature", "turtle"), UNSUPPORTED, ids=[f for f, _ in UNSUPPORTED])
def test_unsupported_features_are_refused_by_name(feature: str, turtle: str) -> None:
    prefixes = (
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . "
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . "
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    )
    shapes = Graph().parse(data=prefixes + turtle, format="turtle")
    with pytest.raises(UnsupportedShapeError, match=re.escape(feature)):
        compile_shapes(shapes)


def _broken_kg(tmp_path: Path) -> tuple[Path, Namespace]:
    graphs = {}
    for name in ("a", "b"):
        graph, x = _copy(f"kg-{name}")
        if name == "b":
            graph.set((x["obs"], EKG.value, Literal("thirty")))
        graphs[ID[f"graph/{name}"]] = graph
    path = tmp_path / "kg.nq"
    _write(path, graphs)
    return path, x


def test_api_validates_all_document_graphs_in_one_pass(tmp_path: Path) -> None:
    path, x = _broken_kg(tmp_path)
    report = validate(open_kg(path))
    assert report.graphs_checked == 2
    assert [(v.focus, v.path, v.component, v.graph) for v in report.violations] == [
        (str(x["obs"]), str(EKG.value), "DatatypeConstraintComponent", str(ID["graph/b"]))
    ]


def test_cli_writes_the_report_graph(tmp_path: Path) -> None:
    path, x = _broken_kg(tmp_path)
    report_path = tmp_path / "reports" / "report.ttl"
    checked = run_cli("validate", "--kg", str(path), "--report", str(report_path))
    assert checked.returncode == 1, checked.stderr
    assert "1 violation(s)" in checked.stdout and str(x["obs"]) in checked.stdout
    graph = Graph().parse(report_path, format="turtle")
    assert set(graph.objects(None, SH.conforms)) == {Literal(False)}
    assert set(graph.objects(None, SH.focusNode)) == {x["obs"]}
    assert set(graph.objects(None, SH.value)) == {Literal("thirty")}


def test_unsupported_shape_errors_name_the_shape() -> None:
    shapes = Graph().parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> ."
        "ex:Named sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:hasValue 1 ] .",
        format="turtle",
    )
    with pytest.raises(UnsupportedShapeError, match=r"sh:hasValue.*ex:Named"):
        compile_shapes(shapes)


def test_node_results_say_why() -> None:
    """An sh:node result's message carries the messages of the nested constraints it fails."""
    graph, x = _copy("why")
    graph.remove((x["person"], EKG.mention, None))
    (violation,) = validate_graph(graph).violations
    assert violation.component == "NodeConstraintComponent"
    assert "links to at least one span" in violation.message


def test_pattern_end_anchor_does_not_match_before_a_final_newline() -> None:
    """XPath regex semantics: ``$`` is the end of the text. (pyshacl uses Python's re, where
    ``$`` also matches before a final newline, and accepts "2024\\n" as a period.)"""
    graph, x = _copy("newline")
    graph.set((x["obs"], EKG.period, Literal("2024\n")))
    assert [(v.path, v.component) for v in validate_graph(graph).violations] == [
        (str(EKG.period), "PatternConstraintComponent")
    ]


def test_an_explicit_xsd_string_is_the_same_literal() -> None:
    """RDF 1.1: "utf-8"^^xsd:string is "utf-8", so it is in sh:in ( "utf-8" ... ). (rdflib
    keeps the two apart, and pyshacl reports an sh:in violation.)"""
    graph, x = _copy("xsd-string")
    graph.set((x["doc"], EKG.encoding, Literal("utf-8", datatype=XSD.string)))
    assert validate_graph(graph).conforms
