"""The counts of a knowledge graph that several views show, read from one place so they agree.

``build.json``, ``ecokg query documents``, the report and the web UI each tell how many
documents, observations, entities and claims compared a graph holds. Per document, the numbers
are the rows of the canned query ``documents`` (observations; entities named in the document,
counted once per document, as ``build.json`` counts them); the claims compared are the
``ekg:ClaimComparison`` resources, per verdict. The report and the web UI read them here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecokg.catalog import canned_queries
from ecokg.store import KnowledgeGraph

_COMPARISONS = """
PREFIX ekg: <https://w3id.org/ecokg/def#>
SELECT ?verdict (COUNT(DISTINCT ?c) AS ?n) WHERE {
  GRAPH ?g { ?c a ekg:ClaimComparison ; ekg:verdict ?v }
  BIND (STRAFTER(STR(?v), "#") AS ?verdict)
} GROUP BY ?verdict
"""


@dataclass(frozen=True)
class DocumentCounts:
    """One row of the canned query ``documents``."""

    doc: str
    title: str
    issued: str
    type: str
    characters: int
    observations: int
    entities: int


@dataclass(frozen=True)
class Counts:
    """Documents with their counts, and the claims compared across them per verdict."""

    documents: list[DocumentCounts]
    comparisons: dict[str, int]

    @property
    def observations(self) -> int:
        """Observations over all documents."""
        return sum(d.observations for d in self.documents)

    @property
    def entities(self) -> int:
        """Entities named per document, summed over the documents (one entity named in two
        documents counts twice, as in ``build.json``)."""
        return sum(d.entities for d in self.documents)

    @property
    def compared(self) -> int:
        """Claims compared across documents (pairs), every verdict."""
        return sum(self.comparisons.values())

    def totals(self) -> dict[str, int]:
        """The four totals by name, as the views label them."""
        return {
            "documents": len(self.documents),
            "observations": self.observations,
            "entities": self.entities,
            "comparisons": self.compared,
        }


def read_counts(kg: KnowledgeGraph) -> Counts:
    """The counts of ``kg``, from the canned query ``documents`` and the comparisons graph."""
    rows = kg.query(canned_queries()["documents"].text).records()
    documents = [
        DocumentCounts(
            str(r["doc"]),
            str(r.get("title") or ""),
            str(r.get("issued") or ""),
            str(r.get("type") or ""),
            int(str(r["characters"])),
            int(str(r["observations"])),
            int(str(r["entities"])),
        )
        for r in rows
    ]
    comparisons = {str(r["verdict"]): int(str(r["n"])) for r in kg.query(_COMPARISONS).records()}
    return Counts(documents, dict(sorted(comparisons.items())))
