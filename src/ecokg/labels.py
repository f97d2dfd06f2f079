"""Names in the script a reader asks for, and IRIs short enough to read.

The canned queries name every thing by its canonical label (the ``zh-Hans`` ``skos:prefLabel``,
one per thing), so a fact is one row whatever scripts the graph holds. :func:`relabel` then puts
each label column (``name (label of iri)`` in a query's header) in the requested script: the
thing's label in that language (``skos:prefLabel``, else ``rdfs:label``); for ``zh-Hant``
without one, the canonical name converted by OpenCC; for ``en`` without one, the canonical name.
It asks the graph with one query per few hundred things, so it works on any store.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from ecokg.kg.vocab import PREFIXES
from ecokg.store import KnowledgeGraph, QueryResult
from ecokg.text.normalize import to_traditional

LANGUAGES = ("zh-Hans", "zh-Hant", "en")
CANONICAL = "zh-Hans"
_CHUNK = 300
# A skos:prefLabel is the name a thing goes by; rdfs:label names vocabulary (properties).
_RANK = {"http://www.w3.org/2004/02/skos/core#prefLabel": 0}


def relabel(
    kg: KnowledgeGraph, result: QueryResult, label_of: Mapping[str, str], lang: str
) -> QueryResult:
    """``result`` with each label column (-> the column of the thing it names) in ``lang``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGUAGES)}")
    pairs = [
        (result.variables.index(label), result.variables.index(thing))
        for label, thing in label_of.items()
        if label in result.variables and thing in result.variables
    ]
    if lang == CANONICAL or not pairs:
        return result  # the queries answer in the canonical script already
    things = {
        cell.value
        for row in result.rows
        for _, t in pairs
        if isinstance(cell := row[t], ox.NamedNode)
    }
    names = _labels(kg, sorted(things), lang.lower())
    rows = []
    for original in result.rows:
        row = list(original)
        for label, thing in pairs:
            current, iri = row[label], row[thing]
            if not isinstance(current, ox.Literal) or not isinstance(iri, ox.NamedNode):
                continue
            name = names.get(iri.value) or _fallback(current.value, lang)
            row[label] = ox.Literal(name, language=lang)
        rows.append(row)
    return QueryResult(result.variables, rows)


def _fallback(canonical: str, lang: str) -> str:
    return to_traditional(canonical) if lang == "zh-Hant" else canonical


def _labels(kg: KnowledgeGraph, iris: list[str], lang: str) -> dict[str, str]:
    """IRI -> its label in ``lang`` (lower case tag), for the IRIs that have one."""
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(iris), _CHUNK):
        # IRIs from the store's own answer, written as validated N-Triples terms.
        values = " ".join(str(ox.NamedNode(i)) for i in iris[start : start + _CHUNK])
        answer = kg.query(
            f"SELECT ?x ?p ?label WHERE {{ VALUES ?x {{ {values} }} "
            "VALUES ?p { skos:prefLabel rdfs:label } GRAPH ?g { ?x ?p ?label } }"
        )
        for x, p, label in answer.rows:
            if not (isinstance(x, ox.NamedNode) and isinstance(p, ox.NamedNode)):
                continue
            if not isinstance(label, ox.Literal) or (label.language or "").lower() != lang:
                continue
            candidate = (_RANK.get(p.value, 1), label.value)
            if x.value not in found or candidate < found[x.value]:
                found[x.value] = candidate
    return {iri: label for iri, (_, label) in found.items()}


def prefixed_name(iri: str) -> str:
    """An IRI as ``prefix:local`` with the longest project namespace that fits, else as is."""
    best = max(
        (p for p, ns in PREFIXES.items() if iri.startswith(ns) and len(iri) > len(ns)),
        key=lambda p: len(PREFIXES[p]),
        default=None,
    )
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri
