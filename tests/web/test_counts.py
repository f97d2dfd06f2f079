"""The counts of one thing agree across every view of the demo build: ``build.json``,
``ecokg query documents`` (and ``claim_pairs`` for the claims compared), the web UI's index
and the report, as a person reads them (the pages in a real browser).

Each view is read on its own; the test asserts they are equal, never what they are.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from webtools import REPO, PageWatch, Server

from ecokg.api import BuildSummary

Page = tuple[Any, PageWatch]
Totals = dict[str, int]
PerDocument = dict[str, tuple[int, int]]  # doc -> (observations, entities)


def from_build_json(out: Path) -> tuple[Totals, PerDocument]:
    record = json.loads((out / "build.json").read_text(encoding="utf-8"))
    totals = {
        "documents": len(record["documents"]),
        "observations": record["observations"],
        "entities": record["entities"],
        "comparisons": sum(record["comparisons"].values()),
    }
    return totals, {d["doc_id"]: (d["observations"], d["entities"]) for d in record["documents"]}


def cli_rows(out: Path, query: str) -> list[dict[str, str]]:
    done = subprocess.run(
        [sys.executable, "-m", "ecokg", "query", query, "--kg", str(out), "--format", "csv"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def from_cli(out: Path) -> tuple[Totals, PerDocument]:
    rows = cli_rows(out, "documents")
    per_doc = {r["doc"]: (int(r["observations"]), int(r["entities"])) for r in rows}
    totals = {
        "documents": len(rows),
        "observations": sum(o for o, _ in per_doc.values()),
        "entities": sum(e for _, e in per_doc.values()),
        "comparisons": len(cli_rows(out, "claim_pairs")),
    }
    return totals, per_doc


def shown_totals(pg: Any, selector: str) -> Totals:
    spans = pg.locator(f"{selector} [data-count]")
    return {
        s.get_attribute("data-count"): int(s.inner_text().replace(",", "")) for s in spans.all()
    }


def from_web_ui(pg: Any, server: Server) -> tuple[Totals, PerDocument, Totals]:
    pg.goto(server.url + "/")
    per_doc = {
        row.get_attribute("data-doc"): (
            int(row.locator("[data-count=observations]").inner_text()),
            int(row.locator("[data-count=entities]").inner_text()),
        )
        for row in pg.locator("#documents tbody tr").all()
    }
    # The entity-type list counts distinct resources: documents, observations and comparisons
    # are counted there as well.
    types = {}
    for item in pg.locator("ul.types li").all():
        name, count = item.inner_text().split()
        types[name] = int(count)
    by_type = {
        "documents": types["Document"],
        "observations": types["Observation"],
        "comparisons": types.get("ClaimComparison", 0),
    }
    return shown_totals(pg, "#totals"), per_doc, by_type


def from_report(pg: Any, server: Server) -> tuple[Totals, Totals]:
    pg.goto(server.url + "/report")
    pg.wait_for_selector("body[data-ready]")
    listed = {
        "documents": pg.locator("#f-doc option").count() - 1,  # less "all documents"
        "comparisons": pg.locator(".claim-pair").count(),
    }
    return shown_totals(pg, "#summary"), listed


def test_counts_agree_across_views(
    page: Page, demo_build: tuple[Path, BuildSummary], demo_server: Server
) -> None:
    pg, watch = page
    out = demo_build[0]
    build_totals, build_docs = from_build_json(out)
    cli_totals, cli_docs = from_cli(out)
    ui_totals, ui_docs, ui_types = from_web_ui(pg, demo_server)
    report_totals, report_listed = from_report(pg, demo_server)

    assert set(build_totals) == set(ui_totals) == set(report_totals)
    assert cli_totals == build_totals
    assert ui_totals == build_totals
    assert report_totals == build_totals
    assert cli_docs == build_docs
    assert ui_docs == build_docs
    assert ui_types == {k: build_totals[k] for k in ui_types}
    assert report_listed == {k: build_totals[k] for k in report_listed}
    # Nothing vacuous: the demo has documents, observations, entities and comparisons.
    assert all(build_totals.values())
    watch.assert_clean()
