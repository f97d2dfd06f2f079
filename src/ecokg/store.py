"""The triple store behind a knowledge graph. The only module that knows which store is used.

The embedded default is Oxigraph (``pyoxigraph``), kept on disk in a build's ``store/`` folder:
it loads and joins far faster than rdflib's in-memory store (see ``benchmarks/``). Queries see
the union of all named graphs as the default graph, so a query need not name documents.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ecokg.errors import QueryError, StoreError
from ecokg.kg.serialize import to_ox
from ecokg.kg.vocab import ID, PREFIXES

STORE_DIR = "store"
ONTOLOGY_GRAPH = ID["graph/ontology"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def to_rdflib(term: Term) -> Node:
    """Convert a pyoxigraph term to rdflib."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)  # RDF 1.1: a simple literal is an xsd:string
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r}")


_XSD_STRING = str(XSD.string)
_INTEGER_TYPES = {str(XSD.integer), str(XSD.nonNegativeInteger), str(XSD.int), str(XSD.long)}


def plain_value(term: Term | None) -> str | int | Decimal | float | bool | None:
    """A Python value for a result cell: IRIs and strings as text, numbers as numbers."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype == str(XSD.decimal):
                return Decimal(term.value)
            if datatype in (str(XSD.double), str(XSD.float)):
                return float(term.value)
            if datatype == str(XSD.boolean):
                return term.value == "true"
        except ValueError:
            return term.value
        return term.value
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return term.value
    return str(term)


@dataclass
class QueryResult:
    """The answer to a query: a table (SELECT), a boolean (ASK) or triples (CONSTRUCT)."""

    variables: list[str]
    rows: list[list[Term | None]]
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] | None = None

    def records(self) -> list[dict[str, str | int | Decimal | float | bool | None]]:
        """Rows as dictionaries of plain Python values."""
        return [
            {v: plain_value(t) for v, t in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]

    def to_csv(self) -> str:
        """CSV with a header row (lexical forms of literals, IRIs as text)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if self.boolean is not None:
            writer.writerow(["boolean"])
            writer.writerow(["true" if self.boolean else "false"])
            return out.getvalue()
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow(["" if t is None else _lexical(t) for t in row])
        return out.getvalue()

    def to_json(self) -> str:
        """JSON: a list of records for SELECT, ``{"boolean": …}`` for ASK."""
        if self.boolean is not None:
            return json.dumps({"boolean": self.boolean})
        return json.dumps(self.records(), ensure_ascii=False, indent=1, default=_json_default)


def _lexical(term: Term) -> str:
    if isinstance(term, ox.Literal | ox.NamedNode | ox.BlankNode):
        return term.value
    return str(term)


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    raise TypeError(f"not JSON serialisable: {value!r}")


class KnowledgeGraph:
    """A built knowledge graph opened for reading (embedded Oxigraph store)."""

    def __init__(self, store: ox.Store, location: str) -> None:
        self._store = store
        self.location = location

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` substitute variables with RDF terms (never text)."""
        substitutions: dict[ox.Variable, Term] = {
            ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()
        }
        try:
            answer = self._store.query(
                sparql,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
                prefixes=PREFIXES,
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from exc
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult([], [], boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = [[solution[v] for v in variables] for solution in answer]
            return QueryResult(variables, rows)
        triples = [(t.subject, t.predicate, t.object) for t in answer]
        return QueryResult(
            ["subject", "predicate", "object"], [list(t) for t in triples], triples=triples
        )

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs (one per document, plus the ontology), sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph(self, name: str) -> Graph:
        """One named graph as an rdflib graph."""
        graph = Graph(identifier=URIRef(name))
        for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return graph

    def document_graphs(self) -> Iterator[Graph]:
        """Each document's named graph."""
        for name in self.named_graphs():
            if name != str(ONTOLOGY_GRAPH):
                yield self.graph(name)

    def __len__(self) -> int:
        return len(self._store)


def create_store(out_dir: Path, nquads: bytes) -> int:
    """Create the embedded store in ``out_dir`` from N-Quads; return its statement count."""
    store = ox.Store(str(out_dir / STORE_DIR))
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    count = len(store)
    del store
    return count


def open_kg(location: Path | str) -> KnowledgeGraph:
    """Open a build output folder for reading."""
    path = Path(location)
    store_path = path / STORE_DIR
    if not store_path.is_dir():
        raise StoreError(
            f"{path}: not an ecokg build output (no {STORE_DIR}/ folder); run 'ecokg build' first"
        )
    try:
        store = ox.Store.read_only(str(store_path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc})") from exc
    return KnowledgeGraph(store, str(path))
