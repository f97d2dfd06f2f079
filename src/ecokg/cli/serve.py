"""``ecokg serve --kg OUT_DIR [--port N] [--host 127.0.0.1]``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import click

from ecokg.api import open_kg
from ecokg.web import make_app, serve


@click.command("serve")
@click.option("--kg", required=True, type=click.Path(path_type=Path), help="A build output folder.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="0 picks a free port.")
@click.option(
    "--timeout", default=60.0, show_default=True, type=float, help="Seconds a query may run."
)
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    help="Corpus folder to read document texts from, for builds made without texts/.",
)
@click.option(
    "--cors",
    metavar="ORIGIN",
    help="Let web pages from ORIGIN (e.g. http://localhost:3000) query the endpoint. "
    "By default only this server's own pages may.",
)
@click.option(
    "--max-rows",
    default=100_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest answer returned; a larger one is refused with 507.",
)
@click.option(
    "--idle-timeout",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a connection may stay silent before it is closed.",
)
def serve_command(
    kg: Path,
    host: str,
    port: int,
    timeout: float,
    corpus: Path | None,
    cors: str | None,
    max_rows: int,
    idle_timeout: float,
) -> None:
    """Serve a read-only SPARQL endpoint and research pages for a knowledge graph.

    The endpoint answers only requests addressed to HOST:PORT, from its own pages or from the
    --cors origin; it runs no SPARQL Update, SERVICE or remote FROM (see docs/security.md).
    """
    if cors is not None and not _is_origin(cors):
        raise click.BadParameter(
            f"{cors!r} is not an origin (scheme://host[:port], e.g. http://localhost:3000)",
            param_hint="--cors",
        )
    app = make_app(open_kg(kg), timeout=timeout, corpus=corpus, cors=cors, max_rows=max_rows)
    serve(
        app,
        host,
        port,
        ready=lambda url: click.echo(f"Serving {url} (Ctrl-C stops)"),
        idle_timeout=idle_timeout,
    )


def _is_origin(text: str) -> bool:
    parts = urlsplit(text.rstrip("/"))
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.path
