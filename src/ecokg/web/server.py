"""Serve the web application with the standard library (a threading WSGI server)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ecokg.web.app import App


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a slow client never keeps the process alive


# Seconds a connection may stay silent (before its request line, headers or body arrive) before
# it is closed: a client that opens connections and sends nothing cannot pin server threads.
IDLE_TIMEOUT = 20.0


class _Handler(WSGIRequestHandler):
    timeout = IDLE_TIMEOUT

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def http_server(app: App, host: str = "127.0.0.1", port: int = 8000) -> WSGIServer:
    """A listening (not yet serving) HTTP server for ``app``; port 0 picks a free port.

    The app is told the address it is bound to, so it answers only requests naming it.
    """
    server = make_server(host, port, app, server_class=_ThreadingServer, handler_class=_Handler)
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
) -> None:
    """Serve ``app`` until interrupted; ``ready`` gets the base URL once listening."""
    server = http_server(app, host, port)
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
