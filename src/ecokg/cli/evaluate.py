"""``ecokg eval --corpus DIR --gold DIR [--kg KG]``."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click

from ecokg.api import build, evaluate, open_kg


@click.command("eval")
@click.option(
    "--corpus",
    "corpus_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder of texts the gold annotates (offsets point into these).",
)
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder of gold *.jsonl files (format: docs/evaluation.md).",
)
@click.option(
    "--kg",
    metavar="KG",
    help="Score this knowledge graph (build folder, RDF file or SPARQL endpoint URL) instead of "
    "building the corpus afresh.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--summary", is_flag=True, help="Scores only, without the list of errors.")
def eval_command(
    corpus_dir: Path, gold_dir: Path, kg: str | None, as_json: bool, summary: bool
) -> None:
    """Score extraction against gold annotations: P/R/F1, attribute accuracy, misses.

    Says how many gold documents the corpus holds; when it holds none, fails (status 2) naming
    both sides' documents instead of printing scores of nothing."""
    if kg is None:
        with tempfile.TemporaryDirectory(prefix="ecokg-eval-") as tmp:
            built = build(corpus_dir, Path(tmp) / "kg")
            for problem in built.problems:
                click.echo(f"skipped: {problem}", err=True)
            report = evaluate(open_kg(Path(tmp) / "kg"), corpus_dir, gold_dir)
    else:
        report = evaluate(open_kg(kg), corpus_dir, gold_dir)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(report.text(details=not summary), nl=False)
    sys.exit(0)
