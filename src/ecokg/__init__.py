"""ecokg: knowledge graphs of Chinese environmental-governance texts.

Build a graph from a folder of texts, validate it with SHACL and query it with SPARQL::

    import ecokg
    ecokg.build("data/corpus", "out")
    kg = ecokg.open_kg("out")
    rows = kg.query(ecokg.load_query("observations")).records()
    series = ecokg.indicator_series(kg, "ind:pm25-annual-mean")     # a pandas DataFrame
    conflicts = ecokg.claim_pairs(kg, "conflicting")
    network = ecokg.to_networkx(kg)

A knowledge graph is a build folder, an RDF file or a SPARQL endpoint URL (``open_kg``).
"""

__version__ = "0.1.0"

from ecokg.api import (
    BuildSummary,
    KnowledgeGraph,
    QueryResult,
    build,
    claim_pairs,
    evaluate,
    export,
    indicator_series,
    list_queries,
    load_query,
    open_kg,
    push,
    query,
    query_frame,
    to_networkx,
    validate,
)

__all__ = [
    "BuildSummary",
    "KnowledgeGraph",
    "QueryResult",
    "__version__",
    "build",
    "claim_pairs",
    "evaluate",
    "export",
    "indicator_series",
    "list_queries",
    "load_query",
    "open_kg",
    "push",
    "query",
    "query_frame",
    "to_networkx",
    "validate",
]
