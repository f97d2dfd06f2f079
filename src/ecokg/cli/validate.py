"""``ecokg validate --kg OUT_DIR``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ecokg.api import open_kg, validate


@click.command("validate")
@click.option("--kg", required=True, type=click.Path(path_type=Path), help="A build output folder.")
def validate_command(kg: Path) -> None:
    """Check a built knowledge graph against the SHACL shapes; exit 0 when it conforms."""
    report = validate(open_kg(kg))
    click.echo(report.text(), nl=False)
    if not report.conforms:
        sys.exit(1)
