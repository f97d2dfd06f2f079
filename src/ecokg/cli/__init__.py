"""The ``ecokg`` command line: a thin face over :mod:`ecokg.api`.

One module per command group; each command parses options, calls the API and prints. Every
failure ends as one line on stderr starting with ``error:``: an expected one (an
:class:`~ecokg.errors.EcokgError`, or an ``OSError`` of the files and network around ecokg) with
exit status 2, anything else as an internal error with status 1. ``ecokg --debug COMMAND`` lets
the exception through, traceback and all. Click's usage errors keep click's format (status 2).
"""

from __future__ import annotations

import sys
from typing import Any

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
from ecokg.errors import EcokgError, internal_error, one_line


class Failure(click.ClickException):
    """An expected failure as the one line the CLI prints, ``error: MESSAGE``, and status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        """Print ``error: MESSAGE`` on stderr."""
        click.echo(f"error: {self.message}", err=True)


class InternalFailure(Failure):
    """A failure ecokg did not expect (a bug): status 1."""

    exit_code = 1


def failure(exc: Exception) -> Failure:
    """The one-line failure for an exception a command raised."""
    if isinstance(exc, EcokgError):
        return Failure(one_line(str(exc)))
    if isinstance(exc, OSError):  # a file or the network failed, not ecokg: name what and why
        where = " -> ".join(str(f) for f in (exc.filename, exc.filename2) if f is not None)
        why = one_line(exc.strerror or str(exc)) or type(exc).__name__
        return Failure(f"{where}: {why}" if where else why)
    return InternalFailure(internal_error(exc))


class RootGroup(click.Group):
    """The ``ecokg`` group: a command's exception becomes a :class:`Failure` unless ``--debug``."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; translate what it raises (click's own exceptions pass as they are)."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click reports its own
        except BrokenPipeError:
            raise  # output piped into `head`: click ends quietly (status 1)
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            raise failure(exc) from exc


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ecokg")
@click.option("--debug", is_flag=True, help="Show the traceback of an error (for bug reports).")
def cli(debug: bool) -> None:
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
        # Not standalone, so that the status of an interrupt is 130; an explicit ctx.exit(N)
        # comes back as the return value.
        status = cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    sys.exit(status if isinstance(status, int) else 0)
