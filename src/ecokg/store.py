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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ecokg.errors import QueryError, QueryTooDeep, QueryTooLarge, StoreError, brief
from ecokg.kg.serialize import to_ox
from ecokg.kg.vocab import ID, PREFIXES
from ecokg.sparql_text import lex_query

if TYPE_CHECKING:
    import pandas

STORE_DIR = "store"
ONTOLOGY_GRAPH = ID["graph/ontology"]

# Oxigraph's parser recurses natively and overflows the stack (a segmentation fault, not an
# error) somewhere past a thousand nested brackets; no real query comes near this.
MAX_ENGINE_DEPTH = 256
_T = TypeVar("_T")

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

    def ordered(self, column: str, descending: bool = False) -> QueryResult:
        """The rows sorted by one column (numbers as numbers; empty cells last either way)."""
        if column not in self.variables:
            raise QueryError(
                f"no column {column!r} to order by; the columns: {', '.join(self.variables)}"
            )
        index = self.variables.index(column)
        filled = [row for row in self.rows if row[index] is not None]
        empty = [row for row in self.rows if row[index] is None]
        filled.sort(key=lambda row: _sort_key(plain_value(row[index])), reverse=descending)
        return QueryResult(self.variables, filled + empty)

    def head(self, count: int) -> QueryResult:
        """The first ``count`` rows."""
        return QueryResult(self.variables, self.rows[: max(count, 0)])

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

    def to_tsv(self) -> str:
        """Tab-separated values with a header row, a line per row: tabs and line breaks inside a
        cell become spaces (for ``cut``, ``sort`` and spreadsheets; CSV keeps cells exact)."""
        if self.boolean is not None:
            return f"boolean\n{'true' if self.boolean else 'false'}\n"
        lines = ["\t".join(self.variables)]
        lines += [
            "\t".join("" if t is None else " ".join(_lexical(t).split()) for t in row)
            for row in self.rows
        ]
        return "\n".join(lines) + "\n"

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


def _sort_key(value: object) -> tuple[int, Decimal, str]:
    """Numbers before text, each in its own order (a column may mix them: "2022", "2021/2025")."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return (0, Decimal(value), "")
    return (1, Decimal(0), str(value))


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

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """Every statement of every named graph, as ``(s, p, o, graph)`` in no set order."""
        for name in self.named_graphs():
            graph = URIRef(name)
            for s, p, o in self.graph(name):
                yield s, p, o, graph

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

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query; ``bindings`` substitute variables with RDF terms (never text).

        ``max_rows`` stops reading an answer that has more rows (or triples) than that with
        :class:`QueryTooLarge`, before it is held in memory.
        """
        try:
            substitutions: dict[ox.Variable, Term] = {
                ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()
            }
        except (TypeError, ValueError) as exc:  # pyoxigraph validates IRIs, names and tags
            raise QueryError(f"a binding is not a valid RDF term ({exc})") from exc
        lexed = lex_query(sparql)
        if lexed.depth > MAX_ENGINE_DEPTH:
            raise QueryTooDeep(
                f"query nested {lexed.depth} levels deep (brackets, braces and parentheses); "
                f"at most {MAX_ENGINE_DEPTH}"
            )
        try:
            answer = self._store.query(
                lexed.text,
                # The union default graph would override the query's own FROM clauses.
                use_default_graph_as_union="FROM" not in lexed.keywords,
                substitutions=substitutions or None,
                prefixes=PREFIXES,
            )
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult([], [], boolean=bool(answer))
            if isinstance(answer, ox.QuerySolutions):
                variables = [v.value for v in answer.variables]
                rows = [[solution[v] for v in variables] for solution in _capped(answer, max_rows)]
                return QueryResult(variables, rows)
            triples = [(t.subject, t.predicate, t.object) for t in _capped(answer, max_rows)]
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc
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

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        # Straight from the store: an rdflib Graph per named graph would double an export's time.
        for quad in self._store.quads_for_pattern(None, None, None, None):
            if isinstance(quad.graph_name, ox.NamedNode):
                yield (
                    to_rdflib(quad.subject),
                    to_rdflib(quad.predicate),
                    to_rdflib(quad.object),
                    URIRef(quad.graph_name.value),
                )

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


def _capped(answer: Iterable[_T], max_rows: int | None) -> Iterator[_T]:
    for count, item in enumerate(answer):
        if max_rows is not None and count >= max_rows:
            raise QueryTooLarge(
                f"the answer has more than {max_rows} rows; add a LIMIT or narrow the query"
            )
        yield item


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
        from ecokg.remote import RemoteKG  # imported here: HTTP only for remote use

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
        raise StoreError(f"{path}: cannot open the store ({brief(exc)})") from exc
    except RuntimeError as exc:  # RocksDB's checks on opening: files cut short or overwritten
        raise StoreError(
            f"{path}: the store is damaged ({brief(exc)}); build the graph again"
        ) from exc
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
