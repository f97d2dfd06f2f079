"""A query worker process: ``python -m ecokg.web.worker OUT_DIR IN_FD OUT_FD MAX_ROWS``.

Opens the store read-only, then answers each query received on IN_FD with ``("ok",
QueryResult)``, ``("too-large", message)`` for an answer of more than MAX_ROWS rows, or
``("error", message)`` on OUT_FD until the pipe closes. Started and, when a
query runs too long, killed by :class:`ecokg.web.runner.QueryRunner`.
"""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

from ecokg.errors import EcokgError, QueryTooLarge
from ecokg.store import EmbeddedKG, open_kg


def _worker_main(location: str, inbox: Connection, conn: Connection, max_rows: int) -> None:
    """Worker loop: open the store read-only, answer queries until the pipe closes."""
    try:
        kg = open_kg(location)
    except EcokgError as exc:
        conn.send(("error", str(exc)))
        return
    if not isinstance(kg, EmbeddedKG):
        conn.send(("error", f"{location}: the endpoint serves local knowledge graphs only"))
        return
    conn.send(("ready", None))
    while True:
        try:
            sparql = inbox.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", kg.query(sparql, max_rows=max_rows)))
        except QueryTooLarge as exc:
            conn.send(("too-large", str(exc)))
        except EcokgError as exc:
            conn.send(("error", str(exc)))
        except Exception as exc:  # the store's own errors: report, keep serving
            conn.send(("error", f"query failed: {exc}"))


if __name__ == "__main__":
    _worker_main(
        sys.argv[1],
        Connection(int(sys.argv[2]), writable=False),
        Connection(int(sys.argv[3]), readable=False),
        int(sys.argv[4]),
    )
