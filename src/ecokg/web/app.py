"""The web application (WSGI): SPARQL endpoint, pages, static files, the report.

``make_app(kg)`` returns a plain WSGI callable, served by :mod:`ecokg.web.server` with the
standard library (no framework needed for a handful of routes) and testable without a socket.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ecokg.errors import EcokgError, QueryError, QueryTooDeep, QueryTooLarge
from ecokg.kg.vocab import ID
from ecokg.store import KnowledgeGraph
from ecokg.viz.report import report_html
from ecokg.web.guard import MAX_QUERY_CHARS, QuerySyntaxError, RefusedQuery, check_query
from ecokg.web.pages import Pages, h, layout
from ecokg.web.results import known_format, negotiate, serialize
from ecokg.web.runner import QueryRunner, QueryTimeout

StartResponse = Callable[..., Any]

# Pages load only this site's own files: no inline script, nothing from elsewhere.
SITE_CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
_STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
# The query page asks for the labels of at most this many IRIs at once (one results table).
MAX_LABELS = 5000
_MAX_BODY = MAX_QUERY_CHARS * 4 + 1024
# Loopback names a browser may put in the Host header of a request to a loopback server.
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class HTTPError(Exception):
    """An HTTP error answer with a one-line message for people."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


_REASONS = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    408: "Request Timeout",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    421: "Misdirected Request",
    500: "Internal Server Error",
    503: "Service Unavailable",
    507: "Insufficient Storage",
}


class App:
    """The ecokg research UI and SPARQL endpoint over one knowledge graph.

    Only requests whose ``Host`` names the address the server is bound to are answered (see
    :meth:`bind`), so a web page cannot reach the server through a DNS name it controls; a
    request from another origin is refused unless that origin was given as ``cors``.
    """

    def __init__(
        self,
        kg: KnowledgeGraph,
        *,
        timeout: float = 60.0,
        workers: int = 2,
        corpus: Path | None = None,
        cors: str | None = None,
        max_rows: int = 100_000,
    ) -> None:
        self.kg = kg
        self.pages = Pages(kg, corpus)
        self.runner = QueryRunner(kg.location, timeout=timeout, workers=workers, max_rows=max_rows)
        self.cors = cors.rstrip("/") if cors else None
        self._graphs = set(kg.named_graphs())
        self._report: bytes | None = None
        self._hosts: set[str] = set()
        self._any_ip_host = False
        self._port = 0

    def bind(self, host: str, port: int) -> None:
        """Answer requests whose Host header names ``host:port`` (the address served on).

        A loopback address also answers to its other loopback names. A wildcard address
        (0.0.0.0, ::) answers to any IP address and to localhost, never to a DNS name.
        """
        shown = f"[{host}]" if ":" in host else host
        self._hosts = {f"{shown}:{port}"}
        address = ipaddress.ip_address(host) if _is_ip(host) else None
        if host == "localhost" or (address is not None and address.is_loopback):
            self._hosts |= {f"{name}:{port}" for name in _LOOPBACK_NAMES}
        self._any_ip_host = address is not None and address.is_unspecified
        self._port = port

    def close(self) -> None:
        """Stop the query workers."""
        self.runner.close()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            cors = self.check_origin(environ)
            status, headers, body = self.route(environ)
        except HTTPError as exc:
            cors = []
            status, headers, body = self.error(environ, exc.status, exc.message)
        except EcokgError as exc:
            cors = []
            status, headers, body = self.error(environ, 500, str(exc))
        headers = [
            *headers,
            *cors,
            ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"),
        ]
        start_response(f"{status} {_REASONS.get(status, '')}", headers)
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]

    # ---------- who may ask ----------

    def check_origin(self, environ: dict[str, Any]) -> list[tuple[str, str]]:
        """Refuse a foreign Host or Origin; the CORS headers a request from ``cors`` gets."""
        host = environ.get("HTTP_HOST", "").lower()
        if not host:
            raise HTTPError(400, "missing Host header")
        if not self._host_allowed(host):
            raise HTTPError(
                421,
                f"this server does not answer for host {host!r}; use "
                f"{' or '.join(sorted(self._hosts)) or 'the address it is bound to'}",
            )
        origin = environ.get("HTTP_ORIGIN")
        if origin is None or origin.lower() == f"http://{host}":
            return []
        if self.cors is not None and origin == self.cors:
            return [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
        raise HTTPError(
            403,
            f"cross-origin request from {origin} refused; start the server with "
            f"--cors {origin} to allow that origin",
        )

    def _host_allowed(self, host: str) -> bool:
        if host in self._hosts:
            return True
        if not self._any_ip_host:
            return False
        parts = urlsplit(f"//{host}")
        try:
            port = parts.port
        except ValueError:
            return False
        name = parts.hostname or ""
        return port == self._port and (name == "localhost" or _is_ip(name))

    # ---------- routing ----------

    def route(self, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        """Dispatch one request; raise HTTPError for error answers."""
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if path == "/sparql":
            if method == "OPTIONS":
                return self.preflight(environ)
            return self.sparql(environ, method, params)
        if path == "/labels" and method == "POST":
            return self.labels(environ)
        if method not in ("GET", "HEAD"):
            raise HTTPError(405, f"{method} is not allowed here")
        if path == "/":
            return self.html(self.pages.index())
        if path == "/query":
            return self.editor()
        if path == "/report":
            if self._report is None:
                self._report = report_html(self.kg).encode("utf-8")
            # The report carries its own, stricter CSP (inline code allowed by hash only).
            return 200, [("Content-Type", "text/html; charset=utf-8")], self._report
        if path.startswith("/static/"):
            return self.static(path[len("/static/") :])
        if path.startswith("/type/"):
            page = self.pages.type_list(path[len("/type/") :])
            if page is None:
                raise HTTPError(404, "no such entity type")
            return self.html(page)
        if path.startswith("/id/"):
            return self.resource(str(ID) + unquote(path[len("/id/") :]))
        if path == "/resource":
            iri = params.get("iri", [""])[0]
            if not iri:
                raise HTTPError(400, "missing iri parameter")
            return self.resource(iri)
        raise HTTPError(404, "no such page")

    def resource(self, iri: str) -> tuple[int, list[tuple[str, str]], bytes]:
        """An entity, observation, indicator or document page."""
        page = self.pages.resource(iri)
        if page is None:
            raise HTTPError(404, f"nothing is known about {iri}")
        return self.html(page)

    def labels(self, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        """The display labels of the IRIs POSTed as a JSON array (for the results table)."""
        ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise HTTPError(415, "POST the IRIs as a JSON array (application/json)")
        try:
            iris = json.loads(self._body(environ))
        except ValueError as exc:
            raise HTTPError(400, "the body is not JSON") from exc
        if not isinstance(iris, list) or not all(isinstance(i, str) for i in iris):
            raise HTTPError(400, "give a JSON array of IRIs")
        if len(iris) > MAX_LABELS:
            raise HTTPError(413, f"at most {MAX_LABELS} IRIs at once")
        found = self.pages.labels(iris)
        body = json.dumps(found, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return 200, [("Content-Type", "application/json; charset=utf-8")], body

    def html(
        self, page: str, status: int = 200, csp: str = SITE_CSP
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """An HTML answer under the site's Content-Security-Policy (or ``csp``)."""
        return (
            status,
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", csp)],
            page.encode("utf-8"),
        )

    def editor(self) -> tuple[int, list[tuple[str, str]], bytes]:
        """The query page. CodeMirror writes its own style rules into a ``<style>`` element,
        which the site's policy forbids; this page allows style elements carrying a nonce made
        for this answer alone (CodeMirror's ``cspNonce``), and nothing else inline."""
        nonce = secrets.token_urlsafe(18)
        csp = SITE_CSP.replace(
            "default-src 'self';", f"default-src 'self'; style-src 'self' 'nonce-{nonce}';"
        )
        return self.html(self.pages.query_editor(nonce), csp=csp)

    def static(self, name: str) -> tuple[int, list[tuple[str, str]], bytes]:
        """A file shipped in ``ecokg/web/static`` (no sub-folders, so no path tricks)."""
        suffix = Path(name).suffix
        if "/" in name or "\\" in name or name.startswith(".") or suffix not in _STATIC_TYPES:
            raise HTTPError(404, "no such file")
        resource = resources.files("ecokg.web").joinpath("static", name)
        if not resource.is_file():
            raise HTTPError(404, "no such file")
        return 200, [("Content-Type", _STATIC_TYPES[suffix])], resource.read_bytes()

    def error(
        self, environ: dict[str, Any], status: int, message: str
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """An error answer: plain text for the endpoint, a page for people."""
        if environ.get("PATH_INFO") == "/sparql" or "text/html" not in environ.get(
            "HTTP_ACCEPT", ""
        ):
            return (
                status,
                [("Content-Type", "text/plain; charset=utf-8")],
                (f"{status} {_REASONS.get(status, '')}: {message}\n".encode()),
            )
        body = f'<h1>{status} {h(_REASONS.get(status, ""))}</h1><p class="warn">{h(message)}</p>'
        return self.html(layout(str(status), body), status)

    # ---------- SPARQL 1.1 Protocol ----------

    def sparql(
        self, environ: dict[str, Any], method: str, params: dict[str, list[str]]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """Query via GET ?query=, POST form-encoded or POST application/sparql-query."""
        if method in ("GET", "HEAD"):
            if "update" in params:
                raise HTTPError(403, "this endpoint is read-only: SPARQL Update is refused")
            queries = params.get("query", [])
            if not queries:
                return self.editor()
        elif method == "POST":
            ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            body = self._body(environ)
            if ctype == "application/sparql-update":
                raise HTTPError(403, "this endpoint is read-only: SPARQL Update is refused")
            if ctype == "application/x-www-form-urlencoded":
                form = parse_qs(body, keep_blank_values=True)
                if "update" in form:
                    raise HTTPError(403, "this endpoint is read-only: SPARQL Update is refused")
                params = {**params, **form}
                queries = form.get("query", [])
            elif ctype == "application/sparql-query":
                queries = [body]
            else:
                raise HTTPError(
                    415,
                    "POST a query as application/sparql-query or as "
                    "application/x-www-form-urlencoded with query=",
                )
        else:
            raise HTTPError(405, f"{method} is not allowed; use GET or POST")
        if len(queries) != 1:
            raise HTTPError(400, "give exactly one query")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            raise HTTPError(
                400,
                "default-graph-uri and named-graph-uri are not supported; name this knowledge "
                "graph's graphs with FROM / FROM NAMED in the query",
            )
        fmt = params.get("format", [""])[0]
        if fmt and not known_format(negotiate(fmt, None)[0]):
            raise HTTPError(400, f"unknown format {fmt!r}; use json, xml, csv or tsv")
        try:
            checked = check_query(queries[0], self._graphs)
        except QueryTooLarge as exc:
            raise HTTPError(413, str(exc)) from exc
        except QueryTooDeep as exc:
            raise HTTPError(400, str(exc)) from exc
        except RefusedQuery as exc:
            raise HTTPError(403, str(exc)) from exc
        except QuerySyntaxError as exc:
            raise HTTPError(400, str(exc)) from exc
        try:
            result = self.runner.run(checked)
        except QueryTooLarge as exc:
            raise HTTPError(507, str(exc)) from exc
        except QueryTimeout as exc:
            raise HTTPError(503, str(exc)) from exc
        except QueryError as exc:
            raise HTTPError(400, str(exc)) from exc
        data, ctype = serialize(result, negotiate(fmt, environ.get("HTTP_ACCEPT")))
        headers = [("Content-Type", ctype)]
        if ctype.startswith("text/csv"):
            headers.append(("Content-Disposition", 'inline; filename="query.csv"'))
        return 200, headers, data

    def preflight(self, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        """A CORS preflight: allowed only for the ``--cors`` origin."""
        if self.cors is None or environ.get("HTTP_ORIGIN") != self.cors:
            raise HTTPError(403, "cross-origin requests are not allowed (see ecokg serve --cors)")
        return (
            204,
            [
                ("Access-Control-Allow-Methods", "GET, POST"),
                ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                ("Access-Control-Max-Age", "600"),
            ],
            b"",
        )

    def _body(self, environ: dict[str, Any]) -> str:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError as exc:
            raise HTTPError(400, "bad Content-Length") from exc
        if length > _MAX_BODY:
            raise HTTPError(413, f"request body too large (at most {_MAX_BODY} bytes)")
        try:
            raw: bytes = environ["wsgi.input"].read(length) if length else b""
        except OSError as exc:  # the idle timeout of the connection
            raise HTTPError(408, "the request body did not arrive in time") from exc
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise HTTPError(400, "the request body is not UTF-8") from exc


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def make_app(kg: KnowledgeGraph, **options: Any) -> App:
    """The WSGI application over ``kg``: endpoint at ``/sparql``, pages, report.

    ``options`` are :class:`App`'s (``timeout``, ``workers``, ``corpus``, ``cors``,
    ``max_rows``). Serve it with :func:`ecokg.web.serve` (which tells it the address it is bound
    to through :meth:`App.bind`); until bound it answers no request.
    """
    return App(kg, **options)
