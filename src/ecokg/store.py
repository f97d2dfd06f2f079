"""The triple store behind a knowledge graph. The only module that knows which store is used.

The embedded default is Oxigraph (``pyoxigraph``), kept on disk in a build's ``store/`` folder:
it loads and joins far faster than rdflib's in-memory store (see ``benchmarks/``). Queries see
the union of all named graphs as the default graph, so a query need not name documents.

A knowledge graph can also be an RDF file (loaded into an in-memory Oxigraph store, so queries
behave as on a build) or a remote SPARQL endpoint (:mod:`ecokg.remote`); :func:`open_kg` picks
by the location's kind and every kind answers through the same :class:`KnowledgeGraph` methods.
"""

from __future__ import annotations

import abc
import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ecokg.errors import QueryError, StoreError
from ecokg.kg.serialize import to_ox
from ecokg.kg.vocab import ID, PREFIXES

if TYPE_CHECKING:
    import pandas

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

    def to_dataframe(self) -> pandas.DataFrame:
        """A pandas DataFrame of the records: numbers as numbers (decimals as floats), IRIs and
        strings as text, unbound cells as None."""
        import pandas  # imported here: only notebooks pay for it

        if self.boolean is not None:
            return pandas.DataFrame({"boolean": [self.boolean]})
        # Decimals become floats: exact enough for analysis, and what pandas computes with.
        records = [
            {k: float(v) if isinstance(v, Decimal) else v for k, v in record.items()}
            for record in self.records()
        ]
        return pandas.DataFrame.from_records(records, columns=self.variables)


def _lexical(term: Term) -> str:
    if isinstance(term, ox.Literal | ox.NamedNode | ox.BlankNode):
        return term.value
    return str(term)


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    raise TypeError(f"not JSON serialisable: {value!r}")


class KnowledgeGraph(abc.ABC):
    """A knowledge graph opened for reading: a build, an RDF file or a SPARQL endpoint.

    Every kind answers the same query with the same :class:`QueryResult` (same term types), so
    code written against one works against the others.
    """

    location: str

    @abc.abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` give variables RDF terms (never pasted as text).

        A bound variable must be one the query returns (projected), and the binding filters the
        answer to rows where it has that value, as Oxigraph's substitutions do.
        """

    @abc.abstractmethod
    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs (one per document, plus the ontology), sorted."""

    @abc.abstractmethod
    def graph(self, name: str) -> Graph:
        """One named graph as an rdflib graph."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """The number of statements (quads) in the store."""

    def document_graphs(self) -> Iterator[Graph]:
        """Each document's named graph."""
        for name in self.named_graphs():
            if name != str(ONTOLOGY_GRAPH):
                yield self.graph(name)


class EmbeddedKG(KnowledgeGraph):
    """A knowledge graph in a pyoxigraph store: a build's ``store/`` or an RDF file in memory."""

    def __init__(self, store: ox.Store, location: str) -> None:
        self._store = store
        self.location = location

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` substitute variables with RDF terms (never text)."""
        try:
            substitutions: dict[ox.Variable, Term] = {
                ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()
            }
        except (TypeError, ValueError) as exc:  # pyoxigraph validates IRIs, names and tags
            raise QueryError(f"a binding is not a valid RDF term ({exc})") from exc
        try:
            answer = self._store.query(
                sparql,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
                prefixes=PREFIXES,
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except (OSError, RuntimeError) as exc:
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

    def __len__(self) -> int:
        return len(self._store)


# File suffix -> the parser for it. Triples-only formats have no named graphs: their statements
# go into one named graph (FILE_GRAPH), so queries matching inside GRAPH ?g { } still answer.
RDF_FILE_FORMATS: dict[str, ox.RdfFormat] = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
FILE_GRAPH = ID["graph/file"]


def is_remote(location: Path | str) -> bool:
    """Whether a ``--kg`` location is an http(s) SPARQL endpoint URL."""
    return str(location).lower().startswith(("http://", "https://"))


def open_kg(location: Path | str) -> KnowledgeGraph:
    """Open a knowledge graph: a build output folder, an RDF file or a SPARQL endpoint URL.

    RDF files (``.ttl .trig .nq .nt .jsonld``) are loaded into an in-memory store; Turtle,
    N-Triples and triples-only JSON-LD have no named graphs, so their statements are put into one
    named graph (per-document counts then see a single graph; prefer TriG or N-Quads).
    """
    if is_remote(location):
        from ecokg.remote import RemoteKG  # imported here: SPARQLWrapper only for remote use

        return RemoteKG(str(location))
    path = Path(location)
    if path.is_file() or path.suffix.lower() in RDF_FILE_FORMATS:
        return load_rdf_file(path)
    store_path = path / STORE_DIR
    if not store_path.is_dir():
        raise StoreError(
            f"{path}: not an ecokg build output (no {STORE_DIR}/ folder), RDF file or SPARQL "
            "endpoint URL; run 'ecokg build' first"
        )
    try:
        store = ox.Store.read_only(str(store_path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc})") from exc
    return EmbeddedKG(store, str(path))


def load_rdf_file(path: Path) -> EmbeddedKG:
    """Load an RDF file into an in-memory Oxigraph store (default-graph statements named)."""
    rdf_format = RDF_FILE_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        known = " ".join(sorted(RDF_FILE_FORMATS))
        raise StoreError(f"{path}: not an RDF file ecokg reads (suffixes: {known})")
    store = ox.Store()
    file_graph = ox.NamedNode(str(FILE_GRAPH))
    try:
        store.load(
            path=str(path),
            format=rdf_format,
            to_graph=None if rdf_format.supports_datasets else file_graph,
        )
    except FileNotFoundError as exc:
        raise StoreError(f"{path}: no such file") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"{path}: cannot load ({exc})") from exc
    # A dataset file may put statements in its default graph (JSON-LD without @graph does);
    # they move into the file graph so that queries matching inside GRAPH ?g { } see them.
    unnamed = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    for quad in unnamed:
        store.add(ox.Quad(quad.subject, quad.predicate, quad.object, file_graph))
        store.remove(quad)
    return EmbeddedKG(store, str(path))
