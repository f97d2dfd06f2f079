"""``ecokg graph path|neighbours|central``: the graph of named things, traversed with NetworkX."""

from __future__ import annotations

import click
import networkx as nx

from ecokg.api import open_kg
from ecokg.cli.query import kg_option
from ecokg.network import (
    NODE_TYPES,
    Step,
    central,
    find_node,
    label_of,
    neighbours,
    shortest_path,
    to_networkx,
)


@click.group("graph")
def graph_group() -> None:
    """Paths, neighbourhoods and central nodes among agencies, policies, places, indicators...

    Names are labels in simplified or traditional script (or IRIs); the closest label wins.
    """


def _load(kg: str) -> nx.MultiDiGraph:
    return to_networkx(open_kg(kg))


def _node(graph: nx.MultiDiGraph, node: str) -> str:
    kind = graph.nodes[node].get("type", "")
    return f"{label_of(graph, node)} [{kind}]" if kind else label_of(graph, node)


def _arrow(relation: str, forward: bool) -> str:
    return f"-{relation}->" if forward else f"<-{relation}-"


@graph_group.command("path")
@click.argument("source")
@click.argument("target")
@kg_option
def path_command(source: str, target: str, kg: str) -> None:
    """A shortest path from SOURCE to TARGET (edges followed either way), one hop a line."""
    graph = _load(kg)
    steps: list[Step] = shortest_path(graph, find_node(graph, source), find_node(graph, target))
    click.echo(_node(graph, steps[0].node))
    for step in steps[1:]:
        click.echo(f"  {_arrow(step.relation, step.forward)} {_node(graph, step.node)}")
    click.echo(f"{len(steps) - 1} hop(s)", err=True)


@graph_group.command("neighbours")
@click.argument("name")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(1, 10))
@kg_option
def neighbours_command(name: str, hops: int, kg: str) -> None:
    """Everything within HOPS edges of NAME: distance, name [type], and how it is reached."""
    graph = _load(kg)
    node = find_node(graph, name)
    click.echo(_node(graph, node))
    for n in neighbours(graph, node, hops):
        via = "" if n.hops == 1 else f"  (via {label_of(graph, n.via)})"
        click.echo(f"{n.hops}  {_arrow(n.relation, n.forward)} {_node(graph, n.node)}{via}")


@graph_group.command("central")
@click.option(
    "--type",
    "node_type",
    type=click.Choice(NODE_TYPES, case_sensitive=False),
    help="Only nodes of this type.",
)
@click.option("--top", default=10, show_default=True, type=click.IntRange(1))
@click.option(
    "--measure", type=click.Choice(["degree", "betweenness"]), default="degree", show_default=True
)
@kg_option
def central_command(node_type: str | None, top: int, measure: str, kg: str) -> None:
    """The most connected nodes (degree or betweenness centrality), optionally of one type."""
    graph = _load(kg)
    for node, score in central(graph, node_type, top, measure):
        click.echo(f"{score:.4f}  {_node(graph, node)}  {node}")
