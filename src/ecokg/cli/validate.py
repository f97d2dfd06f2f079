"""``ecokg validate --kg KG [--report FILE]``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ecokg.api import open_kg, validate
from ecokg.cli.query import kg_option
from ecokg.outputs import check_output_file, write_atomic


@click.command("validate")
@kg_option
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write the SHACL validation report graph (Turtle) to FILE.",
)
def validate_command(kg: str, report_path: Path | None) -> None:
    """Check a built knowledge graph against the SHACL shapes; exit 0 when it conforms."""
    if report_path is not None:
        check_output_file(report_path)  # refuse before validating, not after printing
    report = validate(open_kg(kg))
    click.echo(report.text(), nl=False)
    if report_path is not None:
        write_atomic(report_path, report.turtle().encode("utf-8"))
    if not report.conforms:
        sys.exit(1)
