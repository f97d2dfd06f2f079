"""``ecokg validate --kg KG``."""

from __future__ import annotations

import sys

import click

from ecokg.api import open_kg, validate
from ecokg.cli.query import kg_option


@click.command("validate")
@kg_option
def validate_command(kg: str) -> None:
    """Check a built knowledge graph against the SHACL shapes; exit 0 when it conforms."""
    report = validate(open_kg(kg))
    click.echo(report.text(), nl=False)
    if not report.conforms:
        sys.exit(1)
