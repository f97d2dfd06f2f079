"""The web application (WSGI): SPARQL endpoint, pages, static files, the report.

``make_app(kg)`` returns a plain WSGI callable, served by :mod:`ecokg.web.server` with the
standard library (no framework needed for a handful of routes) and testable without a socket.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from ecokg.errors import EcokgError, QueryError
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
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
_MAX_BODY = MAX_QUERY_CHARS * 4 + 1024


class HTTPError(Exception):
    """An HTTP error answer with a one-line message for people."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


_REASONS = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class App:
    """The ecokg research UI and SPARQL endpoint over one knowledge graph."""

    def __init__(
        self,
        kg: KnowledgeGraph,
        *,
        timeout: float = 60.0,
        workers: int = 2,
        corpus: Path | None = None,
    ) -> None:
        self.kg = kg
        self.pages = Pages(kg, corpus)
        self.runner = QueryRunner(kg.location, timeout=timeout, workers=workers)
        self._graphs = set(kg.named_graphs())
        self._report: bytes | None = None

    def close(self) -> None:
        """Stop the query workers."""
        self.runner.close()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            status, headers, body = self.route(environ)
        except HTTPError as exc:
            status, headers, body = self.error(environ, exc.status, exc.message)
        except EcokgError as exc:
            status, headers, body = self.error(environ, 500, str(exc))
        headers = [
            *headers,
            ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"),
        ]
        start_response(f"{status} {_REASONS.get(status, '')}", headers)
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]

    # ---------- routing ----------

    def route(self, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        """Dispatch one request; raise HTTPError for error answers."""
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if path == "/sparql":
            return self.sparql(environ, method, params)
        if method not in ("GET", "HEAD"):
            raise HTTPError(405, f"{method} is not allowed here")
        if path == "/":
            return self.html(self.pages.index())
        if path == "/query":
            return self.html(self.pages.query_editor())
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

    def html(self, page: str, status: int = 200) -> tuple[int, list[tuple[str, str]], bytes]:
        """An HTML answer under the site's Content-Security-Policy."""
        return (
            status,
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", SITE_CSP)],
            page.encode("utf-8"),
        )

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
                return self.html(self.pages.query_editor())
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
        fmt = params.get("format", [""])[0]
        if fmt and not known_format(negotiate(fmt, None)[0]):
            raise HTTPError(400, f"unknown format {fmt!r}; use json, xml, csv or tsv")
        try:
            check_query(queries[0], self._graphs)
            result = self.runner.run(queries[0])
        except RefusedQuery as exc:
            raise HTTPError(403, str(exc)) from exc
        except QuerySyntaxError as exc:
            raise HTTPError(400, str(exc)) from exc
        except QueryTimeout as exc:
            raise HTTPError(503, str(exc)) from exc
        except QueryError as exc:
            raise HTTPError(400, str(exc)) from exc
        data, ctype = serialize(result, negotiate(fmt, environ.get("HTTP_ACCEPT")))
        headers = [("Content-Type", ctype), ("Access-Control-Allow-Origin", "*")]
        if ctype.startswith("text/csv"):
            headers.append(("Content-Disposition", 'inline; filename="query.csv"'))
        return 200, headers, data

    def _body(self, environ: dict[str, Any]) -> str:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError as exc:
            raise HTTPError(400, "bad Content-Length") from exc
        if length > _MAX_BODY:
            raise HTTPError(413, f"request body too large (at most {_MAX_BODY} bytes)")
        raw: bytes = environ["wsgi.input"].read(length) if length else b""
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise HTTPError(400, "the request body is not UTF-8") from exc


def make_app(
    kg: KnowledgeGraph, *, timeout: float = 60.0, workers: int = 2, corpus: Path | None = None
) -> App:
    """The WSGI application over ``kg``: endpoint at ``/sparql``, pages, report."""
    return App(kg, timeout=timeout, workers=workers, corpus=corpus)
