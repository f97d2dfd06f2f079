"""``ecokg serve --kg OUT_DIR [--port N] [--host 127.0.0.1]``."""

from __future__ import annotations

from pathlib import Path

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
def serve_command(kg: Path, host: str, port: int, timeout: float, corpus: Path | None) -> None:
    """Serve a read-only SPARQL endpoint and research pages for a knowledge graph."""
    app = make_app(open_kg(kg), timeout=timeout, corpus=corpus)
    serve(app, host, port, ready=lambda url: click.echo(f"Serving {url} (Ctrl-C stops)"))
