"""ecokg: knowledge graphs of Chinese environmental-governance texts.

Build a graph from a folder of texts, validate it with SHACL and query it with SPARQL::

    import ecokg
    ecokg.build("data/corpus", "out")
    kg = ecokg.open_kg("out")
    rows = kg.query(ecokg.load_query("observations")).records()
"""

__version__ = "0.1.0"

from ecokg.api import BuildSummary, build, list_queries, load_query, open_kg, validate

__all__ = [
    "BuildSummary",
    "__version__",
    "build",
    "list_queries",
    "load_query",
    "open_kg",
    "validate",
]
