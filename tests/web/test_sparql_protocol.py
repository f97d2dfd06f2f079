"""The SPARQL 1.1 Protocol at /sparql and the pages, over plain HTTP (``ecokg serve``)."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from webtools import HOSTILE_TITLE, Server, thread_server

from ecokg.api import BuildSummary

ASK = "ASK { ?s ?p ?o }"
SELECT = "SELECT ?a ?name WHERE { GRAPH ?g { ?a a ekg:Agency ; skos:prefLabel ?name } } ORDER BY ?a LIMIT 3"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def fetch(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, str, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode()


def get(server: Server, query: str, **params: str) -> tuple[int, str, str]:
    qs = urllib.parse.urlencode({"query": query, **params})
    return fetch(f"{server.url}/sparql?{qs}", headers={"Accept": params.pop("accept", "*/*")})


def test_ask_get_json(demo_server: Server) -> None:
    status, ctype, body = get(demo_server, ASK)
    assert status == 200
    assert ctype.startswith("application/sparql-results+json")
    assert json.loads(body) == {"head": {}, "boolean": True}


def test_select_post_form_xml_by_accept(demo_server: Server) -> None:
    data = urllib.parse.urlencode({"query": SELECT}).encode()
    status, ctype, body = fetch(
        f"{demo_server.url}/sparql",
        data,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+xml",
        },
    )
    assert status == 200 and ctype.startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(body)
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["a", "name"]
    assert len(root.findall("r:results/r:result", ns)) == 3
    assert root.find("r:results/r:result/r:binding/r:uri", ns) is not None


def test_select_post_direct_csv_by_format(demo_server: Server) -> None:
    status, ctype, body = fetch(
        f"{demo_server.url}/sparql?format=csv",
        SELECT.encode(),
        {"Content-Type": "application/sparql-query"},
    )
    assert status == 200 and ctype.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["a", "name"] and len(rows) == 4
    assert rows[1][0].startswith("https://w3id.org/ecokg/id/agency/")


def test_select_json_bindings(demo_server: Server) -> None:
    status, _, body = get(demo_server, SELECT, format="json")
    data = json.loads(body)
    assert status == 200 and data["head"]["vars"] == ["a", "name"]
    first = data["results"]["bindings"][0]
    assert first["a"]["type"] == "uri" and first["name"]["type"] == "literal"
    assert "xml:lang" in first["name"]


def test_construct_gives_ntriples(demo_server: Server) -> None:
    status, ctype, body = get(
        demo_server, "CONSTRUCT { ?s a ekg:Policy } WHERE { ?s a ekg:Policy } LIMIT 2"
    )
    assert status == 200 and ctype.startswith("application/n-triples")
    assert body.count(" .\n") == 2


def test_syntax_error_is_400(demo_server: Server) -> None:
    status, _, body = get(demo_server, "SELEC * WHERE { ?s ?p ?o }")
    assert status == 400 and "syntax" in body


@pytest.mark.parametrize(
    "query",
    ["INSERT DATA { <http://a> <http://b> <http://c> }", "LOAD <http://example.org/x.ttl>"],
)
def test_update_in_query_is_refused(demo_server: Server, query: str) -> None:
    status, _, body = get(demo_server, query)
    assert status == 403 and "read-only" in body


def test_update_request_is_refused(demo_server: Server) -> None:
    status, _, body = fetch(
        f"{demo_server.url}/sparql",
        b"DELETE WHERE { ?s ?p ?o }",
        {"Content-Type": "application/sparql-update"},
    )
    assert status == 403 and "read-only" in body
    form = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
    status, _, body = fetch(
        f"{demo_server.url}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 403 and "read-only" in body
    assert get(demo_server, ASK)[2] == '{"head": {}, "boolean": true}'


def test_service_and_remote_from_are_refused(demo_server: Server) -> None:
    status, _, body = get(
        demo_server, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    )
    assert status == 403 and "SERVICE" in body
    status, _, body = get(
        demo_server, "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }"
    )
    assert status == 403 and "FROM" in body


def test_local_from_is_allowed(demo_server: Server, demo_build: tuple[Path, BuildSummary]) -> None:
    doc = demo_build[1].documents[0].doc_id
    query = f"ASK FROM <https://w3id.org/ecokg/id/graph/{doc}> {{ ?s a ekg:Observation }}"
    status, _, body = get(demo_server, query)
    assert status == 200 and json.loads(body)["boolean"] is True


def test_bad_requests(demo_server: Server) -> None:
    assert fetch(f"{demo_server.url}/sparql", b"x", {"Content-Type": "text/plain"})[0] == 415
    assert get(demo_server, ASK, format="yaml")[0] == 400


def test_runaway_query_times_out(demo_build: tuple[Path, BuildSummary]) -> None:
    with thread_server(demo_build[0], timeout=1.0) as url:
        qs = urllib.parse.urlencode({"query": RUNAWAY})
        status, _, body = fetch(f"{url}/sparql?{qs}")
        assert status == 503 and "time limit" in body
        # The stopped worker is replaced: the next query is answered.
        qs = urllib.parse.urlencode({"query": ASK})
        assert fetch(f"{url}/sparql?{qs}")[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/query",
        "/type/Agency",
        "/id/place/360000",
        "/id/indicator/pm25-annual-mean",
        "/static/site.css",
        "/static/query.js",
    ],
)
def test_pages(demo_server: Server, path: str) -> None:
    status, _, _ = fetch(demo_server.url + path)
    assert status == 200


def test_missing_pages_are_404(demo_server: Server) -> None:
    for path in ("/id/agency/nothing", "/type/Nope", "/static/../pyproject.toml", "/nope"):
        assert fetch(demo_server.url + path)[0] == 404, path


def test_pages_escape_document_text(hostile_server: Server) -> None:
    status, _, index = fetch(hostile_server.url + "/")
    assert status == 200
    assert "<img src=x" not in index and "&lt;img src=x onerror=alert(3)&gt;" in index
    _, _, doc = fetch(hostile_server.url + "/id/doc/evil")
    assert "<script>alert" not in doc and "<img src=x" not in doc
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in doc
    assert HOSTILE_TITLE not in doc
