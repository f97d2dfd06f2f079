"""The knowledge graph as a NetworkX graph of named things, for traversal and network analysis.

Nodes are agencies, people, policies, regulations, programmes, events, places, indicators and
observations (not text spans, claims or documents, which are provenance); each carries its
``type`` and labels in both scripts (``label`` is the simplified one, ``label_zh_hant`` and
``label_en`` when the graph has them). Edges are the direct relations between them, keyed and
labelled by predicate. Everything is read through SPARQL, so any kind of ``--kg`` works.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

from ecokg.errors import QueryError
from ecokg.kg.vocab import EKG, ORG, PREFIXES
from ecokg.store import KnowledgeGraph, QueryResult, Term
from ecokg.text.normalize import to_simplified

NODE_TYPES = (
    "Agency",
    "Person",
    "Regulation",
    "Policy",
    "Programme",
    "Event",
    "Place",
    "Indicator",
    "Observation",
)
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

_NODES = f"""
SELECT DISTINCT ?node ?class ?label ?alias WHERE {{
  VALUES ?class {{ {" ".join(f"<{EKG[t]}>" for t in NODE_TYPES)} }}
  GRAPH ?g {{ ?node a ?class }}  # a thing typed twice keeps its first type in this order
  OPTIONAL {{
    GRAPH ?g2 {{ ?node <{SKOS.prefLabel}>|<{RDFS.label}> ?label }}
  }}
  OPTIONAL {{ GRAPH ?g3 {{ ?node <{SKOS.altLabel}> ?alias }} }}
}}
ORDER BY ?node ?class ?label ?alias
"""
_EDGES = """
SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER (isIRI(?o)) } }
"""
_MEMBERSHIPS = f"""
SELECT DISTINCT ?person ?agency ?post WHERE {{
  GRAPH ?g {{
    ?m <{ORG.member}> ?person ; <{ORG.organization}> ?agency .
    OPTIONAL {{ ?m <{EKG.post}> ?post }}
  }}
}}
"""
_PREDICATE_LABELS = """
SELECT DISTINCT ?p ?label WHERE {
  GRAPH ?g { ?p a ?kind ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }
  VALUES ?kind { <http://www.w3.org/2002/07/owl#ObjectProperty>
                 <http://www.w3.org/2002/07/owl#DatatypeProperty> }
}
"""
MEMBER_OF = str(ORG.memberOf)


def short_name(iri: str) -> str:
    """``https://w3id.org/ecokg/def#issued`` -> ``ekg:issued`` (a project prefix), else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _value(term: Term | None) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _language(term: Term | None) -> str:
    return (term.language or "").lower() if isinstance(term, ox.Literal) else ""


def to_networkx(
    kg: KnowledgeGraph, query: str | None = None, bindings: Mapping[str, Node] | None = None
) -> nx.MultiDiGraph:
    """The graph of named things, or the graph a CONSTRUCT query builds, as a MultiDiGraph.

    With ``query``, its triples (CONSTRUCT, or a SELECT returning subject, predicate, object)
    whose object is an IRI become the edges, literal objects become node attributes, and the
    nodes get their labels and types from ``kg``.
    """
    nodes = _node_table(kg)
    labels = _predicate_labels(kg)
    graph = nx.MultiDiGraph()
    if query is None:
        triples = _entity_triples(kg, nodes)
    else:
        triples = list(_result_triples(kg.query(query, bindings)))
    wanted = sorted({s for s, _, _ in triples} | {o for _, _, o in triples if o in nodes})
    for iri in wanted:
        graph.add_node(iri, **nodes.get(iri, {"type": "", "label": short_name(iri)}))
    for s, p, o in sorted(set(triples)):
        if o in nodes or (query is not None and o.startswith(("http://", "https://", "urn:"))):
            if o not in graph:
                graph.add_node(o, **nodes.get(o, {"type": "", "label": short_name(o)}))
            graph.add_edge(s, o, key=short_name(p), predicate=p, **labels.get(p, _no_label(p)))
        else:
            graph.nodes[s][_local(p)] = o
    return graph


def _no_label(predicate: str) -> dict[str, str]:
    return {"label": _local(predicate), "label_en": _local(predicate)}


def _node_table(kg: KnowledgeGraph) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    aliases: dict[str, set[str]] = {}
    for node, klass, label, alias in kg.query(_NODES).rows:
        iri = _value(node)
        attrs = found.setdefault(iri, {"type": _local(_value(klass)), "label": ""})
        language = _language(label)
        key = {"zh-hans": "label", "zh-hant": "label_zh_hant", "en": "label_en"}.get(language)
        if key is None and label is not None and not language:
            key = "label"
        if key and label is not None and (not attrs.get(key) or _value(label) < attrs[key]):
            attrs[key] = _value(label)
        if alias is not None:
            aliases.setdefault(iri, set()).add(_value(alias))
    for iri, attrs in found.items():
        if not attrs["label"]:
            attrs["label"] = attrs.get("label_zh_hant") or attrs.get("label_en") or _local(iri)
        if iri in aliases:
            attrs["aliases"] = " | ".join(sorted(aliases[iri]))
    return found


def _predicate_labels(kg: KnowledgeGraph) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for predicate, label in kg.query(_PREDICATE_LABELS).rows:
        key = {"zh-hans": "label", "en": "label_en"}.get(_language(label))
        if key:
            labels.setdefault(_value(predicate), _no_label(_value(predicate)))[key] = _value(label)
    labels[MEMBER_OF] = {"label": "任职于", "label_en": "member of"}
    return labels


def _entity_triples(kg: KnowledgeGraph, nodes: Mapping[str, object]) -> list[tuple[str, str, str]]:
    triples = [
        (_value(s), _value(p), _value(o))
        for s, p, o in kg.query(_EDGES).rows
        if _value(s) in nodes and _value(o) in nodes and _value(p) != _RDF_TYPE
    ]
    # A post is a membership node between a person and an agency: one edge here.
    triples += [
        (_value(person), MEMBER_OF, _value(agency))
        for person, agency, _ in kg.query(_MEMBERSHIPS).rows
        if _value(person) in nodes and _value(agency) in nodes
    ]
    return triples


def _result_triples(result: QueryResult) -> Iterable[tuple[str, str, str]]:
    if result.triples is not None:
        rows: list[list[Term | None]] = [list(t) for t in result.triples]
    else:
        columns: list[str] = [
            c for c in ("subject", "predicate", "object") if c in result.variables
        ]
        if len(columns) < 3:
            columns = [c for c in ("s", "p", "o") if c in result.variables]
        if len(columns) < 3:
            raise QueryError("to build a graph, the query must CONSTRUCT or SELECT ?s ?p ?o")
        index = [result.variables.index(c) for c in columns]
        rows = [[row[i] for i in index] for row in result.rows]
    for s, p, o in rows:
        if s is not None and p is not None and o is not None:
            yield _value(s), _value(p), _value(o)


# ------------------------------------------------------------------------------ finding nodes


def _normal(text: str) -> str:
    return to_simplified(text.strip()).casefold()


def node_names(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """Every label and alias of a node, in both scripts."""
    attrs = graph.nodes[node]
    names = [str(attrs.get(k, "")) for k in ("label", "label_zh_hant", "label_en")]
    names += str(attrs.get("aliases", "")).split(" | ")
    return [n for n in names if n]


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """The node a name means: its IRI, or a label in either script (exact, then prefix, then
    substring; ties go to named things before observations, the shortest label, the most
    connected node). Raises :class:`QueryError` listing close matches when nothing matches."""
    if name in graph:
        return name
    expanded = _expand_prefixed(name)
    if expanded in graph:
        return expanded
    wanted = _normal(name)
    if not wanted:
        raise QueryError("an empty name matches nothing")
    tiers: list[list[tuple[str, str]]] = [[], [], []]
    for node in graph.nodes:
        for label in node_names(graph, node):
            normal = _normal(label)
            if normal == wanted:
                tiers[0].append((node, label))
            elif normal.startswith(wanted):
                tiers[1].append((node, label))
            elif wanted in normal:
                tiers[2].append((node, label))
    for tier in tiers:
        if tier:
            return min(tier, key=lambda nl: _rank(graph, *nl))[0]
    every = sorted({label for node in graph.nodes for label in node_names(graph, node)})
    close = difflib.get_close_matches(name, every, n=5, cutoff=0.4)
    hint = f"; close matches: {', '.join(close)}" if close else ""
    raise QueryError(f"no entity named {name!r} in the graph{hint}")


def _rank(graph: nx.MultiDiGraph, node: str, label: str) -> tuple[int, int, int, str]:
    observation = graph.nodes[node].get("type") == "Observation"
    return (int(observation), len(label), -int(graph.degree(node)), node)


def _expand_prefixed(name: str) -> str:
    prefix, sep, local = name.partition(":")
    return PREFIXES[prefix] + local if sep and prefix in PREFIXES else name


# ------------------------------------------------------------------------------ traversal


@dataclass(frozen=True)
class Step:
    """One hop of a path: the node reached, by which relation, in which direction."""

    node: str
    relation: str  # the edge's label; "" for the first node
    forward: bool


def _relation(graph: nx.MultiDiGraph, a: str, b: str) -> tuple[str, bool]:
    forward = graph.get_edge_data(a, b)
    if forward:
        return str(forward[min(forward)]["label"]), True
    backward = graph.get_edge_data(b, a) or {}
    return (str(backward[min(backward)]["label"]) if backward else "", False)


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The graph with edges in both directions, its adjacency in IRI order.

    NetworkX's undirected view of a directed graph orders neighbours through a set union,
    which changes with the hash seed, so breadth-first searches would break ties differently
    from one run to the next; this copy breaks them the same way every time.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in graph.edges()}))
    return simple


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[Step]:
    """A shortest path between two nodes, edges followed in either direction."""
    simple = undirected(graph)
    try:
        nodes: list[str] = nx.shortest_path(simple, source, target)
    except nx.NetworkXNoPath as exc:
        raise QueryError(
            f"no path between {label_of(graph, source)} and {label_of(graph, target)}"
        ) from exc
    steps = [Step(nodes[0], "", True)]
    for a, b in itertools.pairwise(nodes):
        relation, forward = _relation(graph, a, b)
        steps.append(Step(b, relation, forward))
    return steps


@dataclass(frozen=True)
class Neighbour:
    """A node within reach: how far, and the step that reached it."""

    node: str
    hops: int
    via: str  # the node one hop closer
    relation: str
    forward: bool


def neighbours(graph: nx.MultiDiGraph, node: str, hops: int = 1) -> list[Neighbour]:
    """Every node within ``hops`` edges (either direction), nearest first, then by label."""
    paths: dict[str, list[str]] = nx.single_source_shortest_path(
        undirected(graph), node, cutoff=hops
    )
    found = []
    for other, path in paths.items():
        if other == node:
            continue
        relation, forward = _relation(graph, path[-2], other)
        found.append(Neighbour(other, len(path) - 1, path[-2], relation, forward))
    return sorted(found, key=lambda n: (n.hops, label_of(graph, n.node), n.node))


def central(
    graph: nx.MultiDiGraph, node_type: str | None = None, top: int = 10, measure: str = "degree"
) -> list[tuple[str, float]]:
    """The most central nodes (of one type), by degree or betweenness centrality."""
    simple = undirected(graph)
    if measure == "degree":
        scores: dict[str, float] = nx.degree_centrality(simple)
    elif measure == "betweenness":
        scores = nx.betweenness_centrality(simple)
    else:
        raise QueryError(f"unknown centrality measure {measure!r} (degree or betweenness)")
    chosen = [
        (n, s)
        for n, s in scores.items()
        if node_type is None or str(graph.nodes[n].get("type", "")).lower() == node_type.lower()
    ]
    if node_type is not None and not chosen:
        raise QueryError(f"no node of type {node_type!r}; types: {', '.join(NODE_TYPES)}")
    return sorted(chosen, key=lambda ns: (-ns[1], label_of(graph, ns[0]), ns[0]))[:top]


def label_of(graph: nx.MultiDiGraph, node: str) -> str:
    """The simplified label of a node (its IRI when it has none)."""
    return str(graph.nodes[node].get("label") or node)
