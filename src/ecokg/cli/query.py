"""``ecokg query QUERY --kg KG [-p k=v] [--lang L] [--format F] [--limit N] [--order COL]`` and
``ecokg queries [NAME] [--markdown]``."""

from __future__ import annotations

import sys
import textwrap

import click
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ecokg import api
from ecokg.api import open_kg
from ecokg.catalog import CannedQuery, canned_queries, queries_markdown, split_param
from ecokg.labels import LANGUAGES, prefixed_name
from ecokg.store import QueryResult, Term

KG_HELP = (
    "A build output folder, an RDF file (.ttl .trig .nq .nt .jsonld) or a SPARQL endpoint URL."
)
FORMATS = ("table", "tsv", "csv", "json")


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
    help="Bind a parameter (repeatable). For a canned query a thing is an IRI (ind:x, <http://...>)"
    " or a name in either script; `ecokg queries NAME` lists what each takes.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=LANGUAGES[0],
    show_default=True,
    help="The script of the names in a canned query's label columns.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format [default: table on a terminal, tsv when piped].",
)
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Print the first N rows.")
@click.option("--order", metavar="[-]COLUMN", help="Sort by a column; -COLUMN: descending.")
@click.option("--wide", is_flag=True, help="Table: every column, cells in full (no truncating).")
@click.option(
    "--min-strength",
    type=click.IntRange(1, 3),
    metavar="N",
    help="policy_outcome_links: only links at least this strong (3 same sentence, 2 same "
    "paragraph, 1 same document, theme and place); the same as -p min_strength=N.",
)
def query_command(
    query: str,
    kg: str,
    params: tuple[str, ...],
    lang: str,
    fmt: str | None,
    limit: int | None,
    order: str | None,
    wide: bool,
    min_strength: int | None,
) -> None:
    """Run QUERY (a canned query name, a .rq file or inline SPARQL) against a knowledge graph."""
    values = dict(split_param(p) for p in params)
    if min_strength is not None:
        values["min_strength"] = str(min_strength)
    result = api.query(open_kg(kg), query, lang=lang, order=order, limit=limit, **values)
    fmt = fmt or ("table" if sys.stdout.isatty() else "tsv")
    if fmt == "csv":
        click.echo(result.to_csv(), nl=False)
    elif fmt == "json":
        click.echo(result.to_json())
    elif fmt == "tsv":
        click.echo(result.to_tsv(), nl=False)
    else:
        canned = canned_queries().get(query)
        print_table(result, canned.label_columns() if canned else {}, wide=wide)


@click.command("queries")
@click.argument("name", required=False)
@click.option(
    "--markdown", is_flag=True, help="Print the reference of every query (docs/queries.md)."
)
def queries_command(name: str | None, markdown: bool) -> None:
    """List the canned queries, or show one: what it tells, its columns and parameters."""
    if markdown:
        click.echo(queries_markdown(), nl=False)
        return
    queries = canned_queries()
    if name is not None:
        if name not in queries:
            raise click.BadParameter(f"no canned query {name!r}", param_hint="NAME")
        _describe(queries[name])
        return
    width = min(Console().width, 100)
    for query in queries.values():
        click.echo(f"{query.name}: {query.title}")
        if query.parameters:
            listed = ", ".join(f"?{p}" for p in query.parameters)
            click.echo(textwrap.fill(listed, width, initial_indent="  ", subsequent_indent="  "))


def _describe(query: CannedQuery) -> None:
    """Print one query (the facts of its section of docs/queries.md) wrapped to the terminal;
    rich wraps by display width, so lines of Chinese fit too."""
    console = Console(width=min(Console().width, 100))

    def say(text: str, indent: int = 0) -> None:
        console.print(Padding(Text(text), (0, 0, 0, indent)))

    say(f"{query.name}: {query.title}")
    say(query.learn)
    say("columns:")
    for column in query.column_docs.values():
        say(f"{column.name}: {column.about}", 2)
    say("parameters:" if query.parameters else "parameters: none")
    for p in query.parameters.values():
        say(f"?{p.name} ({p.kind} {p.arg}".rstrip() + f"): {p.about}", 2)
    say(f"example: {query.example}")


def print_table(result: QueryResult, label_of: dict[str, str], *, wide: bool = False) -> None:
    """A result as a table that fits the terminal: the columns a label column names are left
    out (the label says it), IRIs shortened to prefixed names, cells cut with an ellipsis.
    ``wide``: every column, cells in full, however wide the lines get."""
    console = Console()
    if result.boolean is not None:
        console.print("true" if result.boolean else "false")
        return
    named = set(label_of.values())
    shown = [i for i, v in enumerate(result.variables) if wide or v not in named]
    headers = [result.variables[i] for i in shown]
    cells = [[_cell(row[i], wide) for i in shown] for row in result.rows]
    natural = [max([cell_len(h)] + [cell_len(r[c]) for r in cells]) for c, h in enumerate(headers)]
    # Each column costs its cells, a space of padding on each side and a space between columns.
    room = console.width - 3 * len(headers)
    widths = natural if wide else fit_widths(natural, room)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for header, width in zip(headers, widths, strict=True):
        table.add_column(header, width=width, no_wrap=True, overflow="ellipsis")
    for row in cells:
        table.add_row(*(Text(cell) for cell in row))
    if wide:  # as wide as the widest row needs: a narrower console would cut the cells
        console = Console(width=max(console.width, sum(widths) + 3 * len(widths)))
    console.print(table)
    console.print(f"{len(result.rows)} row(s)", style="dim")


def fit_widths(natural: list[int], room: int, least: int = 3) -> list[int]:
    """Column widths within ``room`` cells: a column that needs less than a fair share keeps its
    width, and what it leaves goes to the wider ones (each at least ``least``)."""
    widths = list(natural)
    left = room
    pending = sorted(range(len(natural)), key=lambda i: natural[i])
    while pending:
        share = max(least, left // len(pending))
        index = pending.pop(0)
        widths[index] = min(natural[index], share)
        left -= widths[index]
    return widths


def _cell(term: Term | None, wide: bool) -> str:
    if term is None:
        return ""
    text = " ".join(str(getattr(term, "value", term)).split())  # one line per row
    return text if wide or not text.startswith(("http://", "https://")) else prefixed_name(text)
