"""The read-only guard parses queries: comments and strings neither hide nor fake keywords."""

from __future__ import annotations

import pytest

from ecokg.web.guard import QuerySyntaxError, RefusedQuery, check_query

LOCAL = {"https://w3id.org/ecokg/id/graph/doc1"}


@pytest.mark.parametrize(
    "query",
    [
        "ASK { ?s ?p ?o }",
        'SELECT * WHERE { ?s ?p "SERVICE <http://a/sparql> { }" }  # SERVICE <http://b> {}',
        "SELECT * FROM <https://w3id.org/ecokg/id/graph/doc1> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED id:graph\\/doc1 WHERE { GRAPH ?g { ?s ?p ?o } }",
        "# LOAD <http://x>\nSELECT ?s WHERE { ?s a ekg:Policy } LIMIT 1",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1",
        "DESCRIBE <https://w3id.org/ecokg/id/place/360000>",
    ],
)
def test_allowed(query: str) -> None:
    check_query(query, LOCAL)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "read-only"),
        ("DELETE WHERE { ?s ?p ?o }", "read-only"),
        ("LOAD <http://example.org/data.ttl>", "read-only"),
        ("DROP ALL", "read-only"),
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        (
            "SELECT * { { SELECT * { SERVICE SILENT <http://r/sparql> { ?a ?b ?c } } } }",
            "SERVICE",
        ),
        ("SELECT * FROM <http://example.org/remote.ttl> { ?s ?p ?o }", "FROM"),
        ("PREFIX e: <http://example.org/> SELECT * FROM NAMED e:g { ?s ?p ?o }", "FROM"),
    ],
)
def test_refused(query: str, message: str) -> None:
    with pytest.raises(RefusedQuery, match=message):
        check_query(query, LOCAL)


@pytest.mark.parametrize("query", ["SELEC * {}", "", "SELECT * WHERE { ?s ?p }"])
def test_syntax_errors(query: str) -> None:
    with pytest.raises(QuerySyntaxError):
        check_query(query, LOCAL)
