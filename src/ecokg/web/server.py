"""Serve the web application with the standard library (a threading WSGI server)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ecokg.web.app import App


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a slow client never keeps the process alive


class _Handler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def serve(
    app: App,
    host: str = "127.0.0.1",
    port: int = 8000,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve ``app`` until interrupted; ``ready`` gets the base URL once listening.

    Port 0 picks a free port (the URL passed to ``ready`` names it).
    """
    server = make_server(host, port, app, server_class=_ThreadingServer, handler_class=_Handler)
    bound_host, bound_port = server.server_address[:2]
    url = f"http://{'[' + str(bound_host) + ']' if ':' in str(bound_host) else bound_host}:{bound_port}/"
    try:
        app.runner.warm_up()
        if ready is not None:
            ready(url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.close()
