"""``ecokg query QUERY --kg OUT_DIR --format csv|json|table``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ecokg.api import load_query, open_kg
from ecokg.store import QueryResult, plain_value


@click.command("query")
@click.argument("query")
@click.option("--kg", required=True, type=click.Path(path_type=Path), help="A build output folder.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "table"]),
    default="table",
    show_default=True,
)
def query_command(query: str, kg: Path, fmt: str) -> None:
    """Run QUERY (a canned query name, a .rq file or inline SPARQL) against a knowledge graph."""
    result = open_kg(kg).query(load_query(query))
    if fmt == "csv":
        click.echo(result.to_csv(), nl=False)
    elif fmt == "json":
        click.echo(result.to_json())
    else:
        _print_table(result)


def _print_table(result: QueryResult) -> None:
    console = Console()
    if result.boolean is not None:
        console.print("true" if result.boolean else "false")
        return
    table = Table(*result.variables, show_lines=False)
    for row in result.rows:
        table.add_row(*("" if t is None else str(plain_value(t)) for t in row))
    console.print(table)
    console.print(f"{len(result.rows)} row(s)", style="dim")
