"""Serve the web application with the standard library (a threading WSGI server)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ecokg.errors import ServeError, brief
from ecokg.web.app import App


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a slow client never keeps the process alive
    idle_timeout = 20.0


class _Handler(WSGIRequestHandler):
    server: _ThreadingServer

    def setup(self) -> None:
        super().setup()
        # A connection silent for this long (before its request line, headers or body) is
        # closed: a client that opens connections and sends nothing cannot pin server threads.
        self.connection.settimeout(self.server.idle_timeout)

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def http_server(
    app: App, host: str = "127.0.0.1", port: int = 8000, idle_timeout: float = 20.0
) -> WSGIServer:
    """A listening (not yet serving) HTTP server for ``app``; port 0 picks a free port.

    The app is told the address it is bound to, so it answers only requests naming it; a
    connection silent for ``idle_timeout`` seconds is closed.
    """
    try:
        server = make_server(host, port, app, server_class=_ThreadingServer, handler_class=_Handler)
    except (OSError, OverflowError) as exc:  # in use, not this machine's, no such host, > 65535
        raise ServeError(f"cannot listen on {host} port {port} ({brief(exc)})") from exc
    server.idle_timeout = idle_timeout
    app.bind(host, server.server_address[1])
    return server


def server_url(server: WSGIServer) -> str:
    """The base URL a server listens on."""
    host, port = server.server_address[:2]
    host = host.decode() if isinstance(host, bytes) else str(host)
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(
    app: App,
    host: str = "127.0.0.1",
    port: int = 8000,
    ready: Callable[[str], None] | None = None,
    idle_timeout: float = 20.0,
) -> None:
    """Serve ``app`` until interrupted; ``ready`` gets the base URL once listening."""
    server = http_server(app, host, port, idle_timeout)
    try:
        app.runner.warm_up()
        if ready is not None:
            ready(server_url(server))
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.close()
