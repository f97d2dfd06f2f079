"""The local endpoint against a hostile caller: nothing gets out, nothing answers a stranger.

Part of the bad-input suite (issue 15, with ``tests/badinput/``). Each case failed on the code
of commit 56a3591: the guard and the engine read escapes differently, so SERVICE could be
smuggled past the check; every response allowed any origin; any Host was answered; FROM was
ignored; a deeply nested query crashed the process; no limit on answers or idle connections.
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from webtools import Server, start_cli_server, stop_server

from ecokg.api import BuildSummary
from ecokg.web.guard import check_query

CORS_ORIGIN = "http://localhost:3000"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ecokg", *args], capture_output=True, text=True, timeout=600
    )


class Listener:
    """A loopback HTTP server standing for 'anywhere else': it records every request."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    remote = Listener()
    yield remote
    remote.close()


@pytest.fixture(scope="module")
def limited_server(demo_build: tuple[Path, BuildSummary]) -> Iterator[Server]:
    """``ecokg serve`` with a CORS origin, a tiny answer limit and a short idle timeout."""
    server = start_cli_server(
        demo_build[0], "--cors", CORS_ORIGIN, "--max-rows", "10", "--idle-timeout", "1"
    )
    yield server
    stop_server(server)


def request(
    url: str,
    query: str | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    params: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    """POST ``query`` (or GET with ``params``); status, headers (lower-case names) and body."""
    data = None
    if query is not None:
        data = urllib.parse.urlencode({"query": query}).encode()
    elif params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            status, head, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        status, head, body = exc.code, exc.headers, exc.read()
    return status, {k.lower(): v for k, v in head.items()}, body.decode()


def smuggled_service(remote: str, escape: str) -> str:
    """A query the rdflib checker reads as one string, but Oxigraph reads as SERVICE + a comment.

    rdflib expands ``escape`` (a backslash) before parsing, so its string swallows the SERVICE
    clause up to the quote after ``#``; Oxigraph reads the escape inside the string only, sees
    SERVICE and then a comment. BIND gives the SERVICE a row to join, so it is called.
    """
    return (
        f'SELECT * WHERE {{ BIND("{escape}" AS ?x) SERVICE <{remote}> {{ ?a ?b ?c }} #" AS ?y)\n}}'
    )


def test_escaped_backslash_cannot_smuggle_service(demo_server: Server, listener: Listener) -> None:
    status, _, body = request(
        f"{demo_server.url}/sparql", smuggled_service(listener.url, "\\u005C")
    )
    time.sleep(0.2)  # a fetch the engine started would have reached the listener by now
    assert listener.hits == [], f"the endpoint fetched {listener.hits} ({status}: {body})"


@pytest.mark.parametrize(
    "query",
    [
        smuggled_service("{remote}", "\\u005C"),
        smuggled_service("{remote}", "\\u005c"),
        smuggled_service("{remote}", "\\U0000005C"),
        # rdflib also expands \U with four digits; Oxigraph does not.
        smuggled_service("{remote}", "\\U005C"),
        "SELECT * WHERE { \\u0053ERVICE <{remote}> { ?a ?b ?c } }",
        "SELECT * WHERE { ?s ?p ?o } # \\u000A SERVICE <{remote}> { ?a ?b ?c }",
    ],
)
def test_the_engine_runs_what_the_guard_checked(query: str, listener: Listener) -> None:
    """Whatever the guard lets through, run in the engine as the endpoint runs it, fetches
    nothing."""
    query = query.replace("{remote}", listener.url)
    try:
        checked = check_query(query, set()) or query  # 56a3591's guard returned None
    except Exception:  # refused or not SPARQL: never reaches the engine
        return
    with contextlib.suppress(SyntaxError, OSError, RuntimeError):
        list(ox.Store().query(checked))  # type: ignore[call-overload]
    assert listener.hits == [], f"the engine fetched {listener.hits}"


def test_no_wildcard_cors(demo_server: Server) -> None:
    status, headers, _ = request(f"{demo_server.url}/sparql", "ASK { ?s ?p ?o }")
    assert status == 200
    assert "access-control-allow-origin" not in headers


def test_a_foreign_host_is_not_answered(demo_server: Server) -> None:
    port = urllib.parse.urlsplit(demo_server.url).port
    status, _, body = request(
        f"{demo_server.url}/sparql",
        "SELECT ?s WHERE { ?s a ekg:Agency } LIMIT 1",
        headers={"Host": f"rebound.example:{port}"},
    )
    assert status == 421
    assert "rebound.example" in body and "ekg" not in body


def test_localhost_names_the_loopback_server(demo_server: Server) -> None:
    port = urllib.parse.urlsplit(demo_server.url).port
    status, _, _ = request(
        f"{demo_server.url}/sparql", "ASK { ?s ?p ?o }", headers={"Host": f"localhost:{port}"}
    )
    assert status == 200


def test_missing_host_is_refused(demo_server: Server) -> None:
    parts = urllib.parse.urlsplit(demo_server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(b"GET /sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.0\r\n\r\n")
        answer = sock.makefile("rb").read()
    assert answer.startswith(b"HTTP/1.0 400") and b"Host" in answer


def test_a_cross_origin_request_is_refused(demo_server: Server) -> None:
    status, headers, body = request(
        f"{demo_server.url}/sparql",
        "ASK { ?s ?p ?o }",
        headers={"Origin": "http://evil.example"},
    )
    assert status == 403
    assert "--cors" in body and "access-control-allow-origin" not in headers


def test_the_servers_own_pages_may_post(demo_server: Server) -> None:
    status, _, _ = request(
        f"{demo_server.url}/sparql", "ASK { ?s ?p ?o }", headers={"Origin": demo_server.url}
    )
    assert status == 200


def test_cors_origin_given_is_allowed_and_only_it(limited_server: Server) -> None:
    url = f"{limited_server.url}/sparql"
    status, headers, _ = request(url, "ASK { ?s ?p ?o }", headers={"Origin": CORS_ORIGIN})
    assert status == 200
    assert headers["access-control-allow-origin"] == CORS_ORIGIN
    status, headers, _ = request(
        url,
        headers={"Origin": CORS_ORIGIN, "Access-Control-Request-Method": "POST"},
        method="OPTIONS",
    )
    assert status == 204 and headers["access-control-allow-origin"] == CORS_ORIGIN
    status, _, _ = request(url, "ASK { ?s ?p ?o }", headers={"Origin": "http://localhost:3001"})
    assert status == 403


def _document_graph(demo_build: tuple[Path, BuildSummary]) -> tuple[str, int]:
    """A document graph of the demo build and the number of its statements."""
    out = demo_build[0]
    graph = sorted((out / "graphs").glob("*.trig"))[0].stem
    iri = f"https://w3id.org/ecokg/id/graph/{graph}"
    dataset = ox.Dataset(ox.parse(path=str(out / "graphs" / f"{graph}.trig")))
    return iri, sum(1 for q in dataset if q.graph_name == ox.NamedNode(iri))


def test_from_is_honoured_by_the_endpoint(
    demo_server: Server, demo_build: tuple[Path, BuildSummary]
) -> None:
    graph, size = _document_graph(demo_build)
    query = f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"
    status, _, body = request(f"{demo_server.url}/sparql", query, headers={"Accept": "text/csv"})
    assert status == 200
    assert body.split() == ["n", str(size)]


def test_from_is_honoured_by_ecokg_query(demo_build: tuple[Path, BuildSummary]) -> None:
    graph, size = _document_graph(demo_build)
    query = f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"
    result = run_cli("query", query, "--kg", str(demo_build[0]), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["n", str(size)]


def test_a_deeply_nested_query_is_one_error_line_not_a_crash(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    deep = "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000
    result = run_cli("query", deep, "--kg", str(demo_build[0]))
    assert result.returncode > 0, f"exit {result.returncode} (a negative code is a signal)"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "nested" in lines[0]


def test_a_deeply_nested_query_gets_a_clear_400(demo_server: Server) -> None:
    deep = "SELECT * WHERE { FILTER(" + "(" * 200 + "1" + ")" * 200 + ") }"
    status, _, body = request(f"{demo_server.url}/sparql", deep)
    assert status == 400 and "nested 202 levels" in body


def test_a_query_too_long_gets_413(demo_server: Server) -> None:
    query = "ASK { ?s ?p ?o }" + " " * 100_001
    status, _, body = request(f"{demo_server.url}/sparql", query)
    assert status == 413 and "too long" in body


def test_an_answer_too_large_gets_507(limited_server: Server) -> None:
    url = f"{limited_server.url}/sparql"
    status, _, body = request(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 11")
    assert status == 507 and "more than 10 rows" in body
    status, _, _ = request(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    assert status == 200


def test_protocol_dataset_parameters_are_refused_not_ignored(demo_server: Server) -> None:
    status, _, body = request(
        f"{demo_server.url}/sparql",
        params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "http://example.org/remote"},
    )
    assert status == 400 and "default-graph-uri" in body


def test_an_idle_connection_is_closed(limited_server: Server) -> None:
    parts = urllib.parse.urlsplit(limited_server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        started = time.monotonic()
        assert sock.recv(1) == b""  # the server hung up on a client that said nothing
        assert time.monotonic() - started < 20
