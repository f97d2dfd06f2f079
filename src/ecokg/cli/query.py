"""``ecokg query QUERY --kg KG [--param k=v]`` and ``ecokg queries``."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from ecokg.api import load_query, open_kg
from ecokg.catalog import canned_queries, parse_param
from ecokg.store import QueryResult, plain_value

KG_HELP = (
    "A build output folder, an RDF file (.ttl .trig .nq .nt .jsonld) or a SPARQL endpoint URL."
)


def kg_option(function: click.decorators.FC) -> click.decorators.FC:
    """The ``--kg`` option every reading command takes."""
    return click.option("--kg", required=True, metavar="KG", help=KG_HELP)(function)


@click.command("query")
@click.argument("query")
@kg_option
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a variable to an RDF term: <iri> or ekg:Name is an IRI, 2022 an integer, 27.5 a "
    'decimal, "text" or anything else a string (repeatable).',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "table"]),
    default="table",
    show_default=True,
)
def query_command(query: str, kg: str, params: tuple[str, ...], fmt: str) -> None:
    """Run QUERY (a canned query name, a .rq file or inline SPARQL) against a knowledge graph."""
    bindings = dict(parse_param(p) for p in params)
    result = open_kg(kg).query(load_query(query), bindings or None)
    if fmt == "csv":
        click.echo(result.to_csv(), nl=False)
    elif fmt == "json":
        click.echo(result.to_json())
    else:
        _print_table(result)


@click.command("queries")
def queries_command() -> None:
    """List the canned queries: name, title and the parameters each takes."""
    table = Table("name", "title", "parameters", show_lines=False)
    for query in canned_queries().values():
        parameters = "\n".join(f"?{n}: {about}" for n, about in query.parameters.items())
        table.add_row(query.name, query.title, parameters or "-")
    Console(width=max(Console().width, 120)).print(table)


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
