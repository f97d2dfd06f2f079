"""``ecokg viz --kg OUT_DIR -o report.html``."""

from __future__ import annotations

from pathlib import Path

import click

from ecokg.api import open_kg
from ecokg.viz import write_report


@click.command("viz")
@click.option("--kg", required=True, type=click.Path(path_type=Path), help="A build output folder.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
@click.option("--title", default="ecokg report", show_default=True, help="The page title.")
def viz_command(kg: Path, output: Path, title: str) -> None:
    """Write an offline HTML report: policy→outcome network and indicator charts."""
    path = write_report(open_kg(kg), output, title=title)
    click.echo(f"Wrote {path}")
