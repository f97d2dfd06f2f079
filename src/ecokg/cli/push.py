"""``ecokg push --kg KG --store-url URL``."""

from __future__ import annotations

import click

from ecokg.api import open_kg
from ecokg.cli.query import kg_option
from ecokg.push import DEFAULT_TIMEOUT, PASSWORD_VARIABLE, push


@click.command("push")
@kg_option
@click.option(
    "--store-url",
    required=True,
    metavar="URL",
    help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph server).",
)
@click.option(
    "--timeout",
    default=DEFAULT_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds the whole push may take: a total deadline, not a limit per request.",
)
@click.option(
    "--graph-param",
    default="graph",
    show_default=True,
    help="Query parameter naming the graph (Virtuoso: graph-uri).",
)
@click.option(
    "--user", help=f"User name for the store; the password is read from ${PASSWORD_VARIABLE}."
)
def push_command(
    kg: str, store_url: str, timeout: float, graph_param: str, user: str | None
) -> None:
    """Load a knowledge graph into a SPARQL store, one named graph per document (idempotent)."""
    source = open_kg(kg)

    def progress(name: str, done: int, total: int) -> None:
        click.echo(f"[{done}/{total}] {name}", err=True)

    summary = push(
        source, store_url, timeout=timeout, graph_param=graph_param, user=user, progress=progress
    )
    click.echo(
        f"Pushed {len(summary.graphs)} named graphs, {summary.triples} triples to {store_url}",
        err=True,
    )
