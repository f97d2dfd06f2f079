"""Locate the project's data folders (ontology, shapes, queries, lexicons).

In a source checkout they sit at the repository root; an installed wheel carries them under
``ecokg/_resources``. Every module asks here instead of guessing paths itself.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parent.parent

# name -> path relative to the repository root
_LAYOUT = {
    "ontology": "ontology",
    "shapes": "shapes",
    "queries": "queries",
    "lexicons": "data/lexicons",
    "reconciliation": "data/reconciliation",
}


@cache
def resource_dir(name: str) -> Path:
    """Return the folder holding the named resource set (``ontology``, ``shapes``, ...)."""
    if name not in _LAYOUT:
        raise KeyError(f"unknown resource set {name!r}")
    packaged = _PACKAGE_DIR / "_resources" / name
    if packaged.is_dir():
        return packaged
    return _REPO_ROOT / _LAYOUT[name]


def resource_files(name: str, pattern: str) -> list[Path]:
    """All files of a resource set matching ``pattern``, sorted so loading order is stable."""
    return sorted(resource_dir(name).glob(pattern))


@cache
def turtle_graph(name: str) -> Graph:
    """All Turtle files of a resource set merged into one graph (parsed once; do not modify)."""
    graph = Graph()
    for path in resource_files(name, "*.ttl"):
        graph.parse(path, format="turtle")
    return graph
