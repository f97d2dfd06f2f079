"""``ecokg export --kg KG --format FORMAT -o FILE``."""

from __future__ import annotations

from pathlib import Path

import click

from ecokg.api import open_kg
from ecokg.cli.query import kg_option
from ecokg.export import FORMATS, export


@click.command("export")
@kg_option
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(list(FORMATS)),
    help="; ".join(f"{k}: {v}" for k, v in FORMATS.items()),
)
@click.option(
    "-o", "--out", "out", required=True, type=click.Path(path_type=Path), help="File to write."
)
def export_command(kg: str, fmt: str, out: Path) -> None:
    """Write a knowledge graph as RDF, a network for Gephi, or the observations table."""
    size = export(open_kg(kg), fmt, out)
    click.echo(f"Wrote {out} ({fmt}, {size} bytes)", err=True)
