"""Every export re-parses to the content of the graph; RDF round-trips isomorphically."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from conftest import run_cli
from ecokg.api import BuildSummary, load_query, open_kg
from ecokg.export import FORMATS, export, export_bytes
from ecokg.network import to_networkx
from ecokg.store import KnowledgeGraph


@pytest.fixture(scope="module")
def kg(demo_build: tuple[Path, BuildSummary]) -> KnowledgeGraph:
    return open_kg(demo_build[0])


def _union(kg: KnowledgeGraph) -> Graph:
    union = Graph()
    for name in kg.named_graphs():
        for triple in kg.graph(name):
            union.add(triple)
    return union


def test_turtle_round_trips_isomorphically(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    export(kg, "ttl", path)
    parsed = Graph().parse(path, format="turtle")
    assert len(parsed) > 0
    assert isomorphic(parsed, _union(kg))


def test_trig_round_trips_isomorphically(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    export(kg, "trig", path)
    parsed = Dataset()
    parsed.parse(path, format="trig")
    names = sorted(str(g.identifier) for g in parsed.graphs() if len(g))
    assert names == kg.named_graphs()
    for name in names:
        assert isomorphic(parsed.graph(URIRef(name)), kg.graph(name)), name


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nq", "nquads"), ("jsonld", "json-ld")])
def test_quad_formats_reparse_to_the_same_graphs(
    kg: KnowledgeGraph, tmp_path: Path, fmt: str, rdflib_format: str
) -> None:
    path = tmp_path / f"graph.{fmt}"
    export(kg, fmt, path)
    parsed = Dataset()
    parsed.parse(path, format=rdflib_format)
    for name in kg.named_graphs():
        assert set(parsed.graph(URIRef(name))) == set(kg.graph(name)), name


def test_ntriples_reparse_to_the_union(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.nt"
    export(kg, "nt", path)
    assert set(Graph().parse(path, format="nt")) == set(_union(kg))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networks_reparse_with_labels_and_types(
    kg: KnowledgeGraph, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"graph.{fmt}"
    export(kg, fmt, path)
    parsed = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    expected = to_networkx(kg)
    assert set(parsed.nodes) == set(expected.nodes)
    assert parsed.number_of_edges() == expected.number_of_edges()
    for node, attrs in expected.nodes(data=True):
        assert parsed.nodes[node]["label"] == attrs["label"]
        assert parsed.nodes[node]["type"] == attrs["type"]
    agency = "https://w3id.org/ecokg/id/agency/hfe950af660db"
    assert parsed.nodes[agency]["label_zh_hant"] == "江西省生態環境廳"
    assert {d["label"] for *_, d in parsed.edges(data=True)} >= {"印发", "牵头开展", "指标"}


def test_csv_is_the_observations_table(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "observations.csv"
    export(kg, "csv", path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    expected = kg.query(load_query("observations")).records()
    assert len(rows) == len(expected) > 0
    assert list(rows[0]) == list(expected[0])
    assert [r["quote"] for r in rows] == [e["quote"] for e in expected]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_exports_are_deterministic(kg: KnowledgeGraph, fmt: str) -> None:
    assert export_bytes(kg, fmt) == export_bytes(kg, fmt)


def test_export_command_writes_the_file(
    demo_build: tuple[Path, BuildSummary], tmp_path: Path
) -> None:
    out, _ = demo_build
    target = tmp_path / "new" / "graph.gexf"
    done = run_cli("export", "--kg", str(out), "--format", "gexf", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == export_bytes(open_kg(out), "gexf")
    assert [p.name for p in target.parent.iterdir()] == ["graph.gexf"]  # no temporary left
    done = run_cli("export", "--kg", str(out), "--format", "pdf", "-o", str(target))
    assert done.returncode == 2
