"""The end-to-end contract: build the demo corpus, query it, trace every fact to its text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import SH

from conftest import CORPUS, OBS_COLUMNS, run_cli
from ecokg.api import BuildSummary, load_query, open_kg, validate
from ecokg.corpus import iter_corpus
from ecokg.evaluate import FORMAT_UNITS

ENT_COLUMNS = ["doc", "type", "name", "iri", "start", "end"]
# The gold format's units and the ones of the demo corpus it has no name for.
UNITS = FORMAT_UNITS | {"hectare", "km2", "km", "m3", "kwh"}


def _texts() -> dict[str, str]:
    return {d.doc_id: d.text for d in iter_corpus(CORPUS) if not isinstance(d, Exception)}


def test_build_writes_every_output(demo_build: tuple[Path, BuildSummary]) -> None:
    out, summary = demo_build
    for name in ("graph.ttl", "graph.trig", "validation.txt", "build.json", "store"):
        assert (out / name).exists(), name
    assert sorted(p.stem for p in (out / "graphs").glob("*.trig")) == sorted(_texts())
    recorded = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert recorded["triples"] == summary.triples > 0
    assert recorded["observations"] == summary.observations > 0
    assert not list(out.parent.glob(".out.tmp-*")), "staging folder left behind"


def test_observation_rows_cover_every_document_and_quote_their_text(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    out, _ = demo_build
    result = open_kg(out).query(load_query("observations"))
    assert result.variables == OBS_COLUMNS
    rows = result.records()
    texts = _texts()
    assert {r["doc"] for r in rows} == set(texts)
    for row in rows:
        text = texts[str(row["doc"])]
        start, end = int(row["start"]), int(row["end"])  # type: ignore[arg-type]
        assert 0 <= start < end <= len(text)
        assert row["quote"] == text[start:end]
        assert row["unit"] in UNITS
        assert row["qualifier"] in {"exact", "approx", "lower_bound", "upper_bound"}
        assert str(row["indicator"]).startswith("https://w3id.org/ecokg/id/indicator/")


def test_entity_rows_cover_every_document(demo_build: tuple[Path, BuildSummary]) -> None:
    out, _ = demo_build
    result = open_kg(out).query(load_query("entities"))
    assert result.variables == ENT_COLUMNS
    rows = result.records()
    texts = _texts()
    assert {r["doc"] for r in rows} == set(texts)
    types = {"Agency", "Person", "Regulation", "Policy", "Programme", "Place", "Event"}
    for row in rows:
        assert row["type"] in types
        assert str(row["iri"]).isascii()
        assert 0 <= int(row["start"]) < int(row["end"]) <= len(texts[str(row["doc"])])  # type: ignore[arg-type]


def test_one_row_per_observation(demo_build: tuple[Path, BuildSummary]) -> None:
    out, summary = demo_build
    kg = open_kg(out)
    rows = kg.query(load_query("observations")).rows
    assert len(rows) == summary.observations


def test_traditional_document_is_matched_in_simplified(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    """001 is written in traditional characters; labels and places come out simplified."""
    out, _ = demo_build
    rows = open_kg(out).query(load_query("observations")).records()
    trad = [r for r in rows if r["doc"] == "001_2f00c1f93bcffc95"]
    assert any(r["indicatorLabel"] == "PM2.5年均浓度" and r["value"] == 27 for r in trad)
    assert all(r["place"] != "江西省" or "江西" in "江西省" for r in trad)
    assert any("濃度" in str(r["quote"]) for r in trad), "quotes stay in the original script"


def test_demo_graph_conforms(demo_build: tuple[Path, BuildSummary]) -> None:
    out, summary = demo_build
    assert summary.violations == 0
    report = validate(open_kg(out))
    assert report.conforms, report.text()
    assert report.graphs_checked == len(_texts()) + 1  # and the claims compared across them


def test_cli_build_query_validate(tmp_path: Path) -> None:
    out = tmp_path / "kg"
    built = run_cli("build", str(CORPUS), "-o", str(out))
    assert built.returncode == 0, built.stderr
    assert "5 documents" in built.stderr and "0 violations" in built.stderr
    queried = run_cli("query", "observations", "--kg", str(out), "--format", "csv")
    assert queried.returncode == 0, queried.stderr
    table = list(csv.reader(io.StringIO(queried.stdout)))
    assert table[0] == OBS_COLUMNS and len(table) > 50
    as_json = run_cli("query", "queries/entities.rq", "--kg", str(out), "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    assert {"doc", "type", "name", "iri", "start", "end"} == set(json.loads(as_json.stdout)[0])
    inline = run_cli(
        "query",
        "ASK { ?s a <https://w3id.org/ecokg/def#Observation> }",
        "--kg",
        str(out),
        "--format",
        "table",
    )
    assert inline.returncode == 0 and inline.stdout.strip() == "true"
    report = tmp_path / "validation.ttl"
    checked = run_cli("validate", "--kg", str(out), "--report", str(report))
    assert checked.returncode == 0 and "conforms" in checked.stdout
    shacl = Graph().parse(report, format="turtle")
    assert set(shacl.objects(None, SH.conforms)) == {Literal(True)}


def test_invalid_query_is_one_readable_error(demo_build: tuple[Path, BuildSummary]) -> None:
    out, _ = demo_build
    bad = run_cli("query", "SELECT ?x WHERE { ?x ", "--kg", str(out))
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: invalid SPARQL")
    assert "Traceback" not in bad.stderr


def test_missing_kg_is_one_readable_error(tmp_path: Path) -> None:
    bad = run_cli("query", "observations", "--kg", str(tmp_path / "nowhere"))
    assert bad.returncode == 2
    assert "not an ecokg build output" in bad.stderr and "Traceback" not in bad.stderr
