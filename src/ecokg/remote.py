"""A remote SPARQL 1.1 query endpoint as a knowledge graph (the SPARQL 1.1 Protocol over HTTP).

SPARQLWrapper writes each protocol request (the query form, POST encoding, Accept types);
:mod:`ecokg.transport` sends it, so the whole exchange has one deadline, follows no redirect and
must come back whole (SPARQLWrapper's own sending has a timeout per socket read only and follows
redirects to any host).

Answers come back as the same :class:`~ecokg.store.QueryResult` with the same pyoxigraph term
types as the embedded store, so a query gives equal answers on a build and on a server holding
what ``ecokg push`` sent there.

Bindings are never pasted into the query text as text. Each bound term is converted to a
pyoxigraph term (which validates IRIs and language tags) and written in its N-Triples form,
whose escaping is defined by the standard, into one ``VALUES (?a ?b) { (t1 t2) }`` clause
appended after the query. SPARQL joins a trailing VALUES clause with the query's solutions, the
same filter Oxigraph's substitutions apply to the embedded store; like them, a bound variable
must be one a SELECT query returns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

from ecokg.errors import QueryError, StoreError, brief
from ecokg.kg.serialize import to_ox
from ecokg.kg.vocab import PREFIXES
from ecokg.store import KnowledgeGraph, QueryResult, Term, to_rdflib
from ecokg.transport import Answer, Deadline, check_url, exchange

DEFAULT_TIMEOUT = 60

QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")

# The prologue (BASE and PREFIX declarations, comments and white space) is the only part of a
# query read here: it decides which project prefixes must be declared and the query form.
_PROLOGUE_ITEM = re.compile(
    r"""\s+ | \#[^\n]*
      | (?P<prefix>PREFIX\s*(?P<name>[^\s:]*):\s*<[^<>\s]*>)
      | (?P<base>BASE\s*<[^<>\s]*>)""",
    re.IGNORECASE | re.VERBOSE,
)
_FORM = re.compile(r"[A-Za-z]+")
_VARIABLE = re.compile(r"\w+")


def read_prologue(sparql: str) -> tuple[set[str], str]:
    """The prefixes a query declares and its form (SELECT, CONSTRUCT, ASK, DESCRIBE, ...)."""
    declared: set[str] = set()
    position = 0
    while match := _PROLOGUE_ITEM.match(sparql, position):
        if match.group("prefix"):
            declared.add(match.group("name"))
        position = match.end()
    form = _FORM.match(sparql, position)
    return declared, form.group(0).upper() if form else ""


def values_clause(bindings: Mapping[str, Node]) -> str:
    """``VALUES (?a ?b) { (t1 t2) }`` with each term in its validated N-Triples form."""
    names: list[str] = []
    terms: list[str] = []
    for name, value in bindings.items():
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
        if isinstance(value, BNode):
            raise QueryError(f"?{name}: a blank node cannot be bound on a remote endpoint")
        try:
            term = to_ox(value)
        except (TypeError, ValueError) as exc:
            raise QueryError(f"?{name}: not a valid RDF term ({exc})") from exc
        names.append(f"?{name}")
        terms.append(str(term))  # N-Triples syntax: IRIs validated, strings escaped
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def prepare_query(sparql: str, bindings: Mapping[str, Node] | None) -> tuple[str, str]:
    """The text sent to the endpoint (project prefixes declared, bindings as VALUES), and its form.

    Only queries are sent: anything whose prologue is not followed by SELECT, CONSTRUCT, ASK or
    DESCRIBE (an update, say) is refused before it leaves the machine.
    """
    declared, form = read_prologue(sparql)
    if form not in QUERY_FORMS:
        raise QueryError(
            "invalid SPARQL: expected a SELECT, CONSTRUCT, ASK or DESCRIBE query"
            + (f", found {form}" if form else "")
        )
    # Declaring the project prefixes first mirrors the embedded store's ``prefixes=``.
    head = "".join(
        f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items() if name not in declared
    )
    tail = f"\n{values_clause(bindings)}\n" if bindings else ""
    return head + sparql + tail, form


def term_from_json(cell: Mapping[str, Any]) -> Term:
    """A pyoxigraph term from one cell of SPARQL 1.1 JSON results."""
    kind = cell.get("type")
    value = cell.get("value")
    if kind == "uri":
        return ox.NamedNode(str(value))
    if kind == "bnode":
        return ox.BlankNode(str(value))
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in cell:
            return ox.Literal(str(value), language=str(cell["xml:lang"]))
        if "datatype" in cell:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(cell["datatype"])))
        return ox.Literal(str(value))
    if kind == "triple" and isinstance(value, Mapping):
        return ox.Triple(
            term_from_json(value["subject"]),  # type: ignore[arg-type]
            term_from_json(value["predicate"]),  # type: ignore[arg-type]
            term_from_json(value["object"]),
        )
    raise QueryError(f"the endpoint answered with a term ecokg does not know: {cell!r}")


class RemoteKG(KnowledgeGraph):
    """A SPARQL 1.1 query endpoint, e.g. ``http://localhost:7878/query`` (Oxigraph server).

    Each query must be answered whole within ``timeout`` seconds; an answer that is not a query
    answer (another status, a page, cut off, the wrong shape) raises a
    :class:`~ecokg.errors.StoreError` naming the endpoint, never an empty or partial result.
    """

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        check_url(url, "endpoint")
        self.location = url
        self.timeout = timeout

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query on the endpoint; bindings join as a VALUES clause of RDF terms."""
        text, form = prepare_query(sparql, bindings)
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        wrapper = SPARQLWrapper(self.location)
        # POST: no length limit, and nothing cached along the way.
        wrapper.setMethod(POST)
        wrapper.setQuery(text)
        # SPARQLWrapper guesses the form by searching the text for keywords (a comment saying
        # "address" reads as ADD, an update); the form read from the prologue is the right one.
        wrapper.queryType = form
        wrapper.setReturnFormat(TURTLE if graph_form else JSON)
        # The request SPARQLWrapper would send (it has no public way to hand it over).
        request = wrapper._createRequest()
        answer = exchange(request, Deadline(self.timeout), where=self.location, what="endpoint")
        self._check(answer)
        if graph_form:
            return _triples_result(answer, self.location)
        result = _json_result(answer, self.location)
        for name in bindings or {}:
            if name not in result.variables:
                raise QueryError(f"the query does not return ?{name}, so it cannot be bound")
        return result

    def _check(self, answer: Answer) -> None:
        """Raise unless the endpoint answered 200 (the only status the protocol gives a result)."""
        where = self.location
        if answer.status == 200:
            return
        if answer.status in (400, 414):  # the protocol's answers to a query it cannot run
            raise QueryError(f"invalid SPARQL (the endpoint says: {answer.describe()})")
        if answer.status == 404:
            raise StoreError(f"{where}: no SPARQL endpoint there (HTTP 404)")
        if answer.status in (401, 403):
            raise StoreError(f"{where}: the endpoint refused access ({answer.describe()})")
        if answer.status >= 500:
            raise QueryError(f"query failed on {where}: {answer.describe()}")
        raise StoreError(f"{where}: the endpoint answered {answer.describe()}, not a query result")

    def named_graphs(self) -> list[str]:
        """IRIs of the endpoint's named graphs, sorted."""
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(row[0].value for row in result.rows if isinstance(row[0], ox.NamedNode))

    def graph(self, name: str) -> Graph:
        """One named graph as an rdflib graph."""
        iri = str(_iri(name))  # validated, so it cannot break out of the pattern
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}")
        graph = Graph(identifier=URIRef(name))
        for s, p, o in result.triples or []:
            graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
        return graph

    def __len__(self) -> int:
        """Statements in the endpoint's named graphs (``ecokg push`` writes only those)."""
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        cell = result.rows[0][0] if result.rows else None
        return int(cell.value) if isinstance(cell, ox.Literal) else 0


def _iri(name: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(name)
    except ValueError as exc:
        raise QueryError(f"{name!r} is not an IRI") from exc


def _json_result(answer: Answer, where: str) -> QueryResult:
    """The SPARQL JSON results of a SELECT or ASK, checked against the format's shape."""
    try:
        data = json.loads(answer.body)
        if isinstance(data.get("boolean"), bool):
            return QueryResult([], [], boolean=data["boolean"])
        variables = data["head"]["vars"]
        bindings = data["results"]["bindings"]
        if not all(isinstance(v, str) for v in variables):
            raise TypeError("a variable name is not a string")
        rows = [
            [term_from_json(row[v]) if v in row else None for v in variables] for row in bindings
        ]
    except (ValueError, TypeError, KeyError, AttributeError, QueryError) as exc:
        # ValueError: not JSON (or not UTF-8); the others: JSON of another shape.
        raise StoreError(
            f"{where}: the endpoint did not answer with SPARQL JSON results "
            f"({answer.content_type}: {brief(exc)})"
        ) from exc
    return QueryResult(variables, rows)


def _triples_result(answer: Answer, where: str) -> QueryResult:
    """The triples of a CONSTRUCT or DESCRIBE answer in Turtle."""
    try:
        parsed = list(ox.parse(answer.body, format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise StoreError(
            f"{where}: the endpoint did not answer with Turtle "
            f"({answer.content_type}: {brief(exc)})"
        ) from exc
    triples = [(t.subject, t.predicate, t.object) for t in parsed]
    return QueryResult(
        ["subject", "predicate", "object"], [list(t) for t in triples], triples=triples
    )
