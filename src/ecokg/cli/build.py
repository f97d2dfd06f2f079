"""``ecokg build CORPUS_DIR -o OUT_DIR``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from ecokg.api import build
from ecokg.cli.progress import CorpusProgress
from ecokg.corpus import MAX_DOCUMENT_BYTES


@click.command("build")
@click.argument("corpus_dir", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Output folder: new, empty or an earlier ecokg build (replaced atomically).",
)
@click.option(
    "-j",
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Documents processed in parallel.",
)
@click.option(
    "--lexicon",
    "lexicon_dirs",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="Extra folder of lexicon YAML / Turtle files (repeatable).",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Send the documents to a Dask scheduler (tcp://host:8786), or 'local' to start a "
    "local cluster of --jobs worker processes. Corpus and output must be on shared storage.",
)
@click.option(
    "--max-document-mb",
    default=MAX_DOCUMENT_BYTES / 1e6,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Refuse (and report) documents larger than this.",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="Exit 0 even when documents failed or the graph violates the shapes.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an earlier build even when this one builds no document.",
)
def build_command(
    corpus_dir: Path,
    out_dir: Path,
    jobs: int,
    lexicon_dirs: tuple[Path, ...],
    dask_address: str | None,
    max_document_mb: float,
    keep_going: bool,
    force: bool,
) -> None:
    """Build the knowledge graph of CORPUS_DIR (a folder of .txt files) into OUT_DIR."""
    console = Console(stderr=True)
    files = list(corpus_dir.glob("*.txt")) if corpus_dir.is_dir() else []
    with CorpusProgress(console, files, "building") as progress:
        summary = build(
            corpus_dir,
            out_dir,
            jobs=jobs,
            lexicon_dirs=lexicon_dirs,
            progress=progress.advance,
            dask=dask_address,
            max_document_bytes=int(max_document_mb * 1e6),
            force=force,
        )
    for problem in summary.problems:
        click.echo(f"skipped: {problem}", err=True)
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"Built {out_dir}: {len(summary.documents)} documents ({summary.reused} reused from the "
        f"previous build), {summary.triples} triples, "
        f"{summary.observations} observations, {summary.entities} entities, "
        f"{sum(summary.comparisons.values())} claims compared across documents "
        f"({summary.comparisons.get('conflicting', 0)} conflicting), "
        f"{summary.violations} violations, {len(summary.problems)} problems",
        err=True,
    )
    if summary.violations:
        click.echo(f"Shape violations are listed in {out_dir / 'validation.txt'}", err=True)
    if not summary.ok and not keep_going:
        sys.exit(1)
