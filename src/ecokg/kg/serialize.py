"""Deterministic RDF serialisation: sorted statements, fixed prefixes, fast writer.

rdflib terms are converted to pyoxigraph terms and written by pyoxigraph's serialisers, with the
statements sorted first, so output bytes depend only on the graph's content.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ecokg.kg.vocab import PREFIXES

Quad = tuple[Node, Node, Node, URIRef | None]


def to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """Convert an rdflib term to pyoxigraph."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot convert {term!r}")


def _key(quad: Quad) -> tuple[str, ...]:
    return tuple("" if t is None else t.n3() for t in (quad[3], quad[0], quad[1], quad[2]))


def sort_quads(quads: Iterable[Quad]) -> list[Quad]:
    """The distinct quads, sorted by graph, subject, predicate and object (in N3)."""
    return sorted(set(quads), key=_key)


def sorted_quads(graphs: Iterable[Graph]) -> list[Quad]:
    """All statements of ``graphs`` as quads named by each graph's identifier, sorted."""
    return sort_quads(
        (s, p, o, graph.identifier if isinstance(graph.identifier, URIRef) else None)
        for graph in graphs
        for s, p, o in graph
    )


def _ox_quads(quads: Iterable[Quad]) -> Iterator[ox.Quad]:
    for s, p, o, g in quads:
        graph = ox.NamedNode(str(g)) if g is not None else ox.DefaultGraph()
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)  # type: ignore[arg-type]


def _ox_triples(quads: Iterable[Quad]) -> Iterator[ox.Triple]:
    seen: set[tuple[Node, Node, Node]] = set()
    for s, p, o, _ in sorted(quads, key=lambda q: _key((q[0], q[1], q[2], None))):
        if (s, p, o) not in seen:
            seen.add((s, p, o))
            yield ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]


def trig_bytes(quads: Iterable[Quad]) -> bytes:
    """TriG of the quads (already sorted), with the project prefixes."""
    return _serialized(ox.serialize(_ox_quads(quads), format=ox.RdfFormat.TRIG, prefixes=PREFIXES))


def nquads_bytes(quads: Iterable[Quad]) -> bytes:
    """N-Quads of the quads (one statement a line: the fastest format to load)."""
    return _serialized(ox.serialize(_ox_quads(quads), format=ox.RdfFormat.N_QUADS))


def ntriples_bytes(quads: Iterable[Quad]) -> bytes:
    """N-Triples of the union of the quads' graphs (each triple once, sorted)."""
    return _serialized(ox.serialize(_ox_triples(quads), format=ox.RdfFormat.N_TRIPLES))


def jsonld_bytes(quads: Iterable[Quad]) -> bytes:
    """JSON-LD (expanded form) of the quads (already sorted), one ``@graph`` per named graph."""
    return _serialized(ox.serialize(_ox_quads(quads), format=ox.RdfFormat.JSON_LD))


def turtle_bytes(quads: Iterable[Quad]) -> bytes:
    """Turtle of the union of the quads' graphs."""
    return _serialized(
        ox.serialize(_ox_triples(quads), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    )


def _serialized(data: bytes | None) -> bytes:
    # pyoxigraph returns the bytes when no output file is given
    assert data is not None
    return data
