"""The ``ecokg`` command line: a thin face over :mod:`ecokg.api`.

One module per command group; each command parses options, calls the API and prints. Every
:class:`~ecokg.errors.EcokgError` becomes one readable line on stderr and exit status 2.
"""

from __future__ import annotations

import sys

import click

from ecokg import __version__
from ecokg.cli.build import build_command
from ecokg.cli.evaluate import eval_command
from ecokg.cli.export import export_command
from ecokg.cli.graph import graph_group
from ecokg.cli.push import push_command
from ecokg.cli.query import queries_command, query_command
from ecokg.cli.serve import serve_command
from ecokg.cli.validate import validate_command
from ecokg.cli.viz import viz_command
from ecokg.errors import EcokgError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ecokg")
def cli() -> None:
    """Build, validate, query, push and export knowledge graphs of environmental texts."""


cli.add_command(build_command)
cli.add_command(eval_command)
cli.add_command(export_command)
cli.add_command(graph_group)
cli.add_command(push_command)
cli.add_command(queries_command)
cli.add_command(query_command)
cli.add_command(serve_command)
cli.add_command(validate_command)
cli.add_command(viz_command)


def main() -> None:
    """Console-script entry point."""
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except EcokgError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
