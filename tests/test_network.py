"""The NetworkX graph of named things, and the ``ecokg graph`` commands on the demo graph."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pytest

from conftest import run_cli
from ecokg.api import BuildSummary, open_kg
from ecokg.errors import QueryError
from ecokg.network import NODE_TYPES, central, find_node, neighbours, shortest_path, to_networkx

AGENCY = "https://w3id.org/ecokg/id/agency/hfe950af660db"  # 江西省生态环境厅
PM25 = "https://w3id.org/ecokg/id/indicator/pm25-annual-mean"


@pytest.fixture(scope="module")
def network(demo_build: tuple[Path, BuildSummary]) -> nx.MultiDiGraph:
    return to_networkx(open_kg(demo_build[0]))


def test_nodes_are_named_things_with_labels_and_types(network: nx.MultiDiGraph) -> None:
    assert network.number_of_nodes() > 100
    types = {d["type"] for _, d in network.nodes(data=True)}
    assert types <= set(NODE_TYPES)
    assert {"Agency", "Policy", "Programme", "Place", "Indicator", "Observation"} <= types
    assert all(d["label"] for _, d in network.nodes(data=True))
    assert not any("#char=" in n or "/claim/" in n or "/doc/" in n for n in network.nodes)
    assert network.nodes[AGENCY]["label"] == "江西省生态环境厅"
    assert network.nodes[AGENCY]["label_zh_hant"] == "江西省生態環境廳"
    edges = network.get_edge_data(AGENCY, "https://w3id.org/ecokg/id/place/360000")
    assert edges["ekg:aboutPlace"]["label"] == "涉及地点"
    assert edges["ekg:aboutPlace"]["label_en"] == "about place"


def test_names_resolve_in_either_script(network: nx.MultiDiGraph) -> None:
    assert find_node(network, "江西省生态环境厅") == AGENCY
    assert find_node(network, "江西省生態環境廳") == AGENCY
    assert find_node(network, "省生态环境厅") == AGENCY  # an alias
    assert find_node(network, "PM2.5") == PM25  # the shortest label that starts with it
    assert find_node(network, AGENCY) == AGENCY
    with pytest.raises(QueryError, match="close matches: 江西省生态环境厅"):
        find_node(network, "江西省生态环境局局")


def test_path_from_agency_to_indicator(network: nx.MultiDiGraph) -> None:
    steps = shortest_path(network, AGENCY, PM25)
    assert steps[0].node == AGENCY and steps[-1].node == PM25
    assert all(step.relation for step in steps[1:])
    for a, b in itertools.pairwise(steps):
        assert network.has_edge(a.node, b.node) or network.has_edge(b.node, a.node)


def test_neighbours_and_centrality(network: nx.MultiDiGraph) -> None:
    near = neighbours(network, AGENCY, 1)
    assert "https://w3id.org/ecokg/id/place/360000" in {n.node for n in near}
    assert all(n.hops == 1 and n.via == AGENCY for n in near)
    two = neighbours(network, AGENCY, 2)
    assert len(two) > len(near) and {n.hops for n in two} == {1, 2}
    top = central(network, "Programme", 5)
    assert len(top) == 5 and all(network.nodes[n]["type"] == "Programme" for n, _ in top)
    assert [s for _, s in top] == sorted((s for _, s in top), reverse=True)


def test_construct_query_becomes_a_graph(demo_build: tuple[Path, BuildSummary]) -> None:
    kg = open_kg(demo_build[0])
    built = to_networkx(
        kg,
        "CONSTRUCT { ?a ekg:issued ?p . ?p ekg:issuedYear ?y } WHERE { GRAPH ?g {"
        " ?a ekg:issued ?p OPTIONAL { ?p ekg:issuedYear ?y } } }",
    )
    assert built.number_of_edges() >= 1
    assert {d["type"] for _, d in built.nodes(data=True)} == {"Agency", "Policy"}
    assert any("issuedYear" in d for _, d in built.nodes(data=True))


def test_graph_path_command(demo_build: tuple[Path, BuildSummary]) -> None:
    out, _ = demo_build
    done = run_cli("graph", "path", "江西省生态环境厅", "PM2.5", "--kg", str(out))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "江西省生态环境厅 [Agency]"
    assert lines[-1].endswith("PM2.5年均浓度 [Indicator]")
    assert len(lines) >= 3 and all(line.startswith("  ") for line in lines[1:])
    # ties between shortest paths are broken the same way under any hash seed
    again = run_cli(
        "graph", "path", "江西省生态环境厅", "PM2.5", "--kg", str(out), env={"PYTHONHASHSEED": "7"}
    )
    assert again.stdout == done.stdout


def test_graph_commands_neighbours_central_and_errors(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    out, _ = demo_build
    done = run_cli("graph", "neighbours", "江西省生態環境廳", "--hops", "1", "--kg", str(out))
    assert done.returncode == 0, done.stderr
    assert "1  -涉及地点-> 江西省 [Place]" in done.stdout.splitlines()
    done = run_cli("graph", "central", "--type", "Programme", "--top", "3", "--kg", str(out))
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3
    assert all("[Programme]" in line for line in done.stdout.splitlines())
    done = run_cli("graph", "path", "不存在的机构名", "PM2.5", "--kg", str(out))
    assert done.returncode == 2
    assert done.stderr.startswith("error: no entity named '不存在的机构名'")
    assert len(done.stderr.splitlines()) == 1
