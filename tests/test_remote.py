"""A real Oxigraph server: push the demo graph, query it remotely, compare with the embedded store.

The server is the ``oxigraph`` executable of the PyPI package, started by the session fixture in
conftest.py on a free local port; nothing here is mocked.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.term import Node

from conftest import free_port, run_cli
from ecokg.api import BuildSummary, open_kg
from ecokg.catalog import canned_queries
from ecokg.errors import QueryError, StoreError
from ecokg.push import push
from ecokg.remote import RemoteKG, read_prologue, values_clause
from ecokg.store import KnowledgeGraph, QueryResult

QUERIES = sorted(canned_queries())
INJECTED = "<http://example.org/injected> <http://example.org/p> <http://example.org/o>"
HOSTILE = [
    f'air" }} INSERT DATA {{ {INJECTED} }} #',
    f"air' }} }} ; INSERT DATA {{ {INJECTED} }}",
    '"} UNION { ?s ?p ?o } #',
    'air\\" } FILTER(true) #',
    "}\n} \nDROP ALL",
]


@pytest.fixture(scope="module")
def pushed(
    demo_build: tuple[Path, BuildSummary], oxigraph_server: str
) -> tuple[KnowledgeGraph, RemoteKG]:
    """The demo build pushed to the server: (embedded, remote)."""
    out, _ = demo_build
    embedded = open_kg(out)
    push(embedded, f"{oxigraph_server}/store")
    return embedded, RemoteKG(f"{oxigraph_server}/query")


def _same(a: QueryResult, b: QueryResult) -> None:
    """Same columns, and the same rows with the same term types (order aside: ties may differ)."""
    assert a.variables == b.variables
    assert a.boolean == b.boolean
    assert sorted(map(repr, a.rows)) == sorted(map(repr, b.rows))
    assert len(a.rows) == len(b.rows)


def test_push_stores_every_graph(pushed: tuple[KnowledgeGraph, RemoteKG]) -> None:
    embedded, remote = pushed
    assert remote.named_graphs() == embedded.named_graphs()
    assert len(remote) == len(embedded) > 0
    name = embedded.named_graphs()[0]
    assert set(remote.graph(name)) == set(embedded.graph(name))


def test_push_twice_leaves_the_same_triples(
    pushed: tuple[KnowledgeGraph, RemoteKG],
    demo_build: tuple[Path, BuildSummary],
    oxigraph_server: str,
) -> None:
    embedded, remote = pushed
    before = len(remote)
    out, _ = demo_build
    done = run_cli("push", "--kg", str(out), "--store-url", f"{oxigraph_server}/store")
    assert done.returncode == 0, done.stderr
    # five documents, the claims compared across them and the ontology
    assert "Pushed 7 named graphs" in done.stderr
    assert len(remote) == before == len(embedded)


@pytest.mark.parametrize("name", QUERIES)
def test_remote_answers_equal_embedded(pushed: tuple[KnowledgeGraph, RemoteKG], name: str) -> None:
    embedded, remote = pushed
    text = canned_queries()[name].text
    local = embedded.query(text)
    assert local.rows, f"{name} returned nothing on the demo graph"
    _same(local, remote.query(text))


@pytest.mark.parametrize("name", [n for n in QUERIES if canned_queries()[n].parameters])
def test_bound_parameters_give_equal_answers(
    pushed: tuple[KnowledgeGraph, RemoteKG], name: str
) -> None:
    """Every declared parameter, bound to a value of an answer row, filters both stores alike."""
    embedded, remote = pushed
    query = canned_queries()[name]
    # A ">= COLUMN" parameter keeps rows in Python after the query; the rest bind as terms.
    bound = [p.name for p in query.parameters.values() if p.at_least is None]
    assert set(bound) <= set(query.columns), "parameters must be returned columns"
    unbound = embedded.query(query.text)
    bindings: dict[str, Node] = {}
    for param in bound:
        column = unbound.variables.index(param)
        assert all(r[column] is not None for r in unbound.rows), f"?{param} is optional"
        value = unbound.rows[0][column]
        bindings[param] = _rdflib(value)
    local = embedded.query(query.text, bindings)
    assert local.rows and len(local.rows) <= len(unbound.rows)
    for param, value in bindings.items():
        column = local.variables.index(param)
        assert {repr(row[column]) for row in local.rows} == {repr(_ox(value))}
    _same(local, remote.query(query.text, bindings))


def _rdflib(term: object) -> Node:
    from ecokg.store import to_rdflib

    return to_rdflib(term)  # type: ignore[arg-type]


def _ox(term: Node) -> object:
    from ecokg.kg.serialize import to_ox

    return to_ox(term)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_parameters_cannot_change_the_query(
    pushed: tuple[KnowledgeGraph, RemoteKG], hostile: str
) -> None:
    embedded, remote = pushed
    text = canned_queries()["outcomes_by_theme_place"].text
    ask = f"ASK {{ GRAPH ?g {{ {INJECTED} }} }}"
    for kg in (embedded, remote):
        size = len(kg)
        harmless = kg.query(text, {"theme": Literal("no-such-theme")})
        answer = kg.query(text, {"theme": Literal(hostile)})
        assert answer.rows == harmless.rows == []
        assert answer.variables == harmless.variables
        assert kg.query(ask).boolean is False
        assert len(kg) == size


def test_hostile_parameters_on_the_command_line(
    pushed: tuple[KnowledgeGraph, RemoteKG],
    demo_build: tuple[Path, BuildSummary],
    oxigraph_server: str,
) -> None:
    embedded, remote = pushed
    out, _ = demo_build
    size = len(remote)
    for kg in (str(out), f"{oxigraph_server}/query"):
        for hostile in HOSTILE:
            done = run_cli(
                "query",
                "outcomes_by_theme_place",
                "--kg",
                kg,
                "--param",
                f"theme={hostile}",
                "--format",
                "csv",
            )
            # No theme has such a code: refused before the query runs, as one line.
            assert done.returncode == 2 and not done.stdout, done.stderr
            assert done.stderr.startswith("error: ?theme:") and len(done.stderr.splitlines()) == 1
        # Looks like an IRI, is not one: refused as a whole, nothing reaches the store.
        done = run_cli(
            "query",
            "outcomes_by_theme_place",
            "--kg",
            kg,
            "--param",
            f"placeIri=<http://x> }} INSERT DATA {{ {INJECTED} }} <http://y>",
        )
        assert done.returncode == 2
        assert done.stderr.startswith("error:") and len(done.stderr.splitlines()) == 1
    assert len(remote) == size == len(embedded)


def test_values_clause_escapes_terms() -> None:
    clause = values_clause({"a": Literal('x" } INSERT {\n\\'), "b": URIRef("http://e/1")})
    assert clause == 'VALUES (?a ?b) { ("x\\" } INSERT {\\n\\\\" <http://e/1>) }'
    with pytest.raises(QueryError):
        values_clause({"a": URIRef("http://e/> } DROP ALL { <x")})
    with pytest.raises(QueryError):
        values_clause({"a b": Literal("x")})


def test_query_form_is_read_from_the_prologue() -> None:
    # SPARQLWrapper would take "address" in the comment for an ADD update.
    text = canned_queries()["programmes_by_theme"].text
    assert "address" in text
    assert read_prologue(text) == ({"ekg", "skos"}, "SELECT")
    assert (
        read_prologue("PREFIX a: <http://a#> # x\nBASE <http://b/> CONSTRUCT {}")[1] == "CONSTRUCT"
    )
    with pytest.raises(QueryError, match="SELECT, CONSTRUCT, ASK or DESCRIBE"):
        RemoteKG("http://127.0.0.1:9/query").query("INSERT DATA { <a:a> <a:b> <a:c> }")


def test_a_bound_variable_must_be_returned(pushed: tuple[KnowledgeGraph, RemoteKG]) -> None:
    embedded, remote = pushed
    text = "SELECT ?s WHERE { GRAPH ?g { ?s a ?class } } LIMIT 1"
    for kg in (embedded, remote):
        with pytest.raises(QueryError):
            kg.query(text, {"class": URIRef("https://w3id.org/ecokg/def#Agency")})


def test_invalid_sparql_is_a_query_error(pushed: tuple[KnowledgeGraph, RemoteKG]) -> None:
    for kg in pushed:
        with pytest.raises(QueryError, match="invalid SPARQL"):
            kg.query("SELECT ?x WHERE { ?x ")


def test_dead_endpoint_is_one_clear_error(demo_build: tuple[Path, BuildSummary]) -> None:
    out, _ = demo_build
    dead = f"http://127.0.0.1:{free_port()}"
    done = run_cli("push", "--kg", str(out), "--store-url", f"{dead}/store")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {dead}/store: cannot reach the store ([Errno 111] Connection refused); "
        "is it running? — none of the 7 graphs was written"
    ]
    done = run_cli("query", "documents", "--kg", f"{dead}/query")
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {dead}/query: cannot reach the endpoint")
    assert len(done.stderr.splitlines()) == 1


def test_store_refusing_is_one_clear_error(
    demo_build: tuple[Path, BuildSummary], oxigraph_server: str
) -> None:
    out, _ = demo_build
    # Oxigraph answers 404 on a path it does not serve
    done = run_cli("push", "--kg", str(out), "--store-url", f"{oxigraph_server}/no-such-store")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert "the store refused graph <https://w3id.org/ecokg/id/graph/" in done.stderr
    assert "HTTP 404" in done.stderr


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A socket that accepts connections and never answers: a store that hangs."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_slow_store_is_one_clear_error(
    demo_build: tuple[Path, BuildSummary], silent_server: str
) -> None:
    out, _ = demo_build
    done = run_cli(
        "push", "--kg", str(out), "--store-url", f"{silent_server}/store", "--timeout", "0.5"
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {silent_server}/store: no complete answer within the 0.5 s time limit — "
        "none of the 7 graphs was written"
    ]
    with pytest.raises(StoreError, match="no complete answer within the 1 s time limit"):
        RemoteKG(f"{silent_server}/query", timeout=1).query("ASK {}")


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_rdf_files_answer_like_the_build(
    demo_build: tuple[Path, BuildSummary], tmp_path: Path, suffix: str
) -> None:
    """An RDF file given as --kg is loaded into memory and answers every canned query alike."""
    out, _ = demo_build
    embedded = open_kg(out)
    path = tmp_path / f"graph{suffix}"
    done = run_cli("export", "--kg", str(out), "--format", suffix[1:], "-o", str(path))
    assert done.returncode == 0, done.stderr
    from_file = open_kg(path)
    assert len(from_file) == len(embedded)
    for name in QUERIES:
        text = canned_queries()[name].text
        _same(embedded.query(text), from_file.query(text))
