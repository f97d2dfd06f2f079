"""The part of one document's graph that the shapes checked over the union of documents read.

The shapes about nodes that many documents describe (an agency, a place, an indicator) must see
every document's statements about them at once, so the build checks them after the merge. On
the whole store that pass pays for every document's observations and spans, which those shapes
never read, and for each shared node's statements once per document. A worker therefore also
writes its document's *slice*: the statements those shapes can read. The union of the slices,
with duplicates gone, is a fraction of the store and gives the same results for the shapes
that pass :func:`reads_one_step`.

Why the slice is enough, given the premise of ``eshape:perDocument`` (every statement about a
node of a per-document class is in that document's graph):

* a slice keeps every statement whose subject is a target of a sliced shape in that graph, or a
  node the graph does not type as one document's own (a shared node, which other graphs may
  target);
* and the types of the objects of those statements, which value constraints (``sh:class``) read.

A shape that reads further than its focus node's statements and its values' types (a path of
several steps, a SPARQL constraint, a node shape on the values that has properties of its own)
stays on the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

_TYPE = b"<%s>" % str(RDF.type).encode()
# Shapes a constraint applies to the same node (sh:node, sh:not), to each value of a path
# (sh:qualifiedValueShape), or through a list (sh:or, sh:and, sh:xone).
_NESTED = (SH.node, SH["not"], SH.qualifiedValueShape)
_LISTS = (SH["or"], SH["and"], SH.xone)
# Targets a slice cannot see: what one document's graph says does not show them.
_OTHER_TARGETS = (SH.targetNode, SH.targetObjectsOf)


@dataclass(frozen=True)
class SliceTerms:
    """What decides which statements of a document graph go into its slice."""

    owned: frozenset[bytes]
    """Classes (with their subclasses) whose nodes one document's graph describes alone, as
    N-Triples terms."""
    targeted: frozenset[bytes]
    """Classes (with their subclasses) that sliced shapes target."""
    subjects_of: frozenset[bytes]
    """Predicates whose subjects sliced shapes target."""


def _nested(shapes: Graph, shape: Node) -> Iterator[Node]:
    for predicate in _NESTED:
        yield from shapes.objects(shape, predicate)
    for predicate in _LISTS:
        for head in shapes.objects(shape, predicate):
            yield from Collection(shapes, head)


def reads_one_step(shapes: Graph, shape: Node, on_focus: bool = True) -> bool:
    """Whether a shape reads only its focus nodes' own statements and the types of their values
    (``on_focus``: it applies to the focus node; otherwise to a value of a path)."""
    if (shape, SH.sparql, None) in shapes:
        return False
    path = shapes.value(shape, SH.path)
    if path is not None:  # a property shape: what it nests applies to the path's values
        return (
            on_focus
            and isinstance(path, URIRef)
            and all(reads_one_step(shapes, n, on_focus=False) for n in _nested(shapes, shape))
        )
    properties = list(shapes.objects(shape, SH.property))
    if properties and not on_focus:
        return False
    return all(reads_one_step(shapes, p) for p in properties) and all(
        reads_one_step(shapes, n, on_focus) for n in _nested(shapes, shape)
    )


def sliceable(shapes: Graph, shape: Node) -> bool:
    """Whether a named shape can be checked on the union of slices: it reads one step and its
    targets are classes or subjects of predicates (what one document's graph shows)."""
    if (shape, RDF.type, RDFS.Class) in shapes or any(
        (shape, t, None) in shapes for t in _OTHER_TARGETS
    ):
        return False
    return reads_one_step(shapes, shape)


def slice_terms(
    shapes: Graph, vocabulary: Graph, per_document: Iterable[Node], sliced: Iterable[Node]
) -> SliceTerms:
    """The classes and predicates that decide a slice: ``per_document`` shapes target the nodes
    one graph describes alone, ``sliced`` shapes are the ones the slices serve."""

    def below(classes: Iterable[Node]) -> frozenset[bytes]:
        found: set[Node] = set()
        todo = list(classes)
        while todo:
            cls = todo.pop()
            if cls not in found:
                found.add(cls)
                todo.extend(vocabulary.subjects(RDFS.subClassOf, cls))
        return frozenset(_term(c) for c in found if isinstance(c, URIRef))

    sliced = list(sliced)
    return SliceTerms(
        owned=below(c for s in per_document for c in shapes.objects(s, SH.targetClass)),
        targeted=below(c for s in sliced for c in shapes.objects(s, SH.targetClass)),
        subjects_of=frozenset(
            _term(p) for s in sliced for p in shapes.objects(s, SH.targetSubjectsOf)
        ),
    )


def _term(iri: Node) -> bytes:
    return b"<%s>" % str(iri).encode("utf-8")


def document_slice(nquads: bytes, terms: SliceTerms) -> bytes:
    """The slice of one document's graph: its N-Quads (one named graph, one statement per line,
    as this program writes them) in, N-Triples in the order of the lines out.

    Read as lines, not parsed: a shard is mostly the document's own observations and spans,
    which one look at their subject skips."""
    lines = nquads.splitlines()
    if not lines:
        return b""
    graph = lines[0][lines[0].rstrip(b" .").rfind(b" ") :]  # " <graph> ." ends every line
    # Most lines are about a document's own nodes, which the slice leaves out: each line is
    # cut no further than its subject (and predicate) until it is known to be kept.
    types: dict[bytes, list[bytes]] = {}
    targets: set[bytes] = set()
    for line in lines:
        subject, _, rest = line.partition(b" ")
        predicate, _, rest = rest.partition(b" ")
        if predicate == _TYPE:
            types.setdefault(subject, []).append(rest.partition(b" ")[0])
        elif predicate in terms.subjects_of:
            targets.add(subject)
    targets.update(
        subject
        for subject, classes in types.items()
        if terms.owned.isdisjoint(classes) or not terms.targeted.isdisjoint(classes)
    )
    # Typed as one document's own node, and no sliced shape targets it.
    skipped = types.keys() - targets
    out: list[bytes] = []
    typed: set[bytes] = set()  # values whose types are in the slice already
    for line in lines:
        subject, _, rest = line.partition(b" ")
        if subject in skipped:
            continue
        if not line.endswith(graph):
            raise ValueError(f"not one named graph's N-Quads: {line[:200]!r}")
        out.append(line[: -len(graph)] + b" .\n")
        predicate, _, rest = rest.partition(b" ")
        value = rest.partition(b" ")[0]
        if predicate == _TYPE or value not in skipped or value in typed:
            continue
        typed.add(value)
        out.extend(b"%s %s %s .\n" % (value, _TYPE, c) for c in sorted(types[value]))
    return b"".join(out)
