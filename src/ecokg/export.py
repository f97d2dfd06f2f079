"""Export a knowledge graph: RDF for triple stores, GraphML/GEXF for Gephi, CSV for tables.

Every format is deterministic (statements sorted, nodes and edges in IRI order) and written
atomically, so an export is either complete or absent and two exports of one graph are equal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from ecokg.errors import QueryError
from ecokg.kg.serialize import (
    Quad,
    jsonld_bytes,
    nquads_bytes,
    ntriples_bytes,
    sort_quads,
    trig_bytes,
    turtle_bytes,
)
from ecokg.network import to_networkx
from ecokg.outputs import check_output_file, write_atomic
from ecokg.resources import resource_dir
from ecokg.store import KnowledgeGraph
from ecokg.xmlsafe import xml_safe

# format -> what it holds, for --help and the README
FORMATS: dict[str, str] = {
    "ttl": "Turtle: all graphs merged",
    "trig": "TriG: one named graph per document, plus the ontology",
    "nt": "N-Triples: all graphs merged, one statement a line",
    "nq": "N-Quads: the named graphs, one statement a line",
    "jsonld": "JSON-LD (expanded), one @graph per named graph",
    "graphml": "GraphML of the network of named things (Gephi, yEd, NetworkX)",
    "gexf": "GEXF of the network of named things (Gephi)",
    "csv": "the tidy observations table (the observations.rq contract)",
}
_RDF: dict[str, Callable[[Iterable[Quad]], bytes]] = {
    "ttl": turtle_bytes,
    "trig": trig_bytes,
    "nt": ntriples_bytes,
    "nq": nquads_bytes,
    "jsonld": jsonld_bytes,
}

_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def all_quads(kg: KnowledgeGraph) -> list[Quad]:
    """Every statement of every named graph, sorted."""
    return sort_quads(kg.quads())


def export_bytes(kg: KnowledgeGraph, fmt: str) -> bytes:
    """The bytes of one export format (see :data:`FORMATS`)."""
    if fmt in _RDF:
        return _RDF[fmt](all_quads(kg))
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(xml_ready(to_networkx(kg)))).encode("utf-8") + b"\n"
    if fmt == "gexf":
        text = "\n".join(nx.generate_gexf(xml_ready(to_networkx(kg))))
        # NetworkX stamps today's date; the (optional) date would make two exports differ.
        text = _GEXF_DATE.sub("", text, count=1)
        return text.encode("utf-8") + b"\n"
    if fmt == "csv":
        query = (resource_dir("queries") / "observations.rq").read_text(encoding="utf-8")
        return kg.query(query).to_csv().encode("utf-8")
    raise QueryError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")


def xml_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose every string (names, labels, keys) XML 1.0 can hold."""
    safe = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        safe.add_node(_safe(node), **_safe_attrs(attrs))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        safe.add_edge(_safe(source), _safe(target), key=_safe(key), **_safe_attrs(attrs))
    return safe


def _safe(value: object) -> object:
    return xml_safe(value) if isinstance(value, str) else value


def _safe_attrs(attrs: dict[str, object]) -> dict[str, object]:
    return {xml_safe(name): _safe(value) for name, value in attrs.items()}


def export(kg: KnowledgeGraph, fmt: str, path: str | Path) -> int:
    """Write one export format to ``path`` atomically; return the bytes written.

    ``path`` must be absent or a regular file (:func:`~ecokg.outputs.write_atomic`); that is
    checked before the export is made, so a refusal comes at once.
    """
    check_output_file(Path(path))
    data = export_bytes(kg, fmt)
    write_atomic(Path(path), data)
    return len(data)
