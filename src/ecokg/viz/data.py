"""What the report shows, gathered from a knowledge graph into plain, sorted, JSON-ready data.

The network has agencies, instruments (policies, regulations), programmes and indicators as
nodes. Edges are the relations between them (agency issued / leads, programme part of
programme) and the policy→outcome links, drawn from an entity to the indicator of each linked
observation. Every edge keeps the evidence of each claim behind it (document, quote, span) and
what the filters need (themes, places, years). The series are the single-year observations of
each indicator, per unit and place, in year order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ecokg.kg.vocab import BASE
from ecokg.store import KnowledgeGraph

# Classes drawn, in the layer order of the picture (left to right).
NODE_TYPES = ("Agency", "Policy", "Regulation", "Programme", "Indicator")
# Strongest first; an edge made of several links shows its strongest basis.
BASES = ("same_sentence", "same_paragraph", "shared_theme_place")
RELATIONS = ("issued", "leads", "partOf")

_PREFIXES = """
PREFIX ekg:     <https://w3id.org/ecokg/def#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif:     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

_DOCUMENTS = (
    _PREFIXES
    + """
SELECT ?d ?doc ?title ?issued ?kind ?chars WHERE {
  GRAPH ?g {
    ?d a ekg:Document ; dcterms:identifier ?doc .
    OPTIONAL { ?d dcterms:title ?title }
    OPTIONAL { ?d dcterms:issued ?issued }
    OPTIONAL { ?d dcterms:type ?kind }
    OPTIONAL { ?d ekg:characterCount ?chars }
  }
}"""
)

# Labels of every drawn entity and indicator, in both scripts (and English when known).
_LABELS = (
    _PREFIXES
    + """
SELECT DISTINCT ?e ?class ?label WHERE {
  VALUES ?class { ekg:Agency ekg:Policy ekg:Regulation ekg:Programme ekg:Indicator ekg:Place
                  ekg:Theme }
  GRAPH ?g { ?e a ?class ; skos:prefLabel ?label }
}"""
)

_ENTITY_FACETS = (
    _PREFIXES
    + """
SELECT DISTINCT ?e ?doc ?theme ?place ?year WHERE {
  VALUES ?class { ekg:Agency ekg:Policy ekg:Regulation ekg:Programme }
  GRAPH ?g {
    ?e a ?class ; prov:wasDerivedFrom/dcterms:identifier ?doc .
    OPTIONAL { ?e ekg:theme ?theme }
    OPTIONAL { ?e ekg:aboutPlace ?place }
    OPTIONAL { ?e ekg:issuedYear ?year }
  }
}"""
)

_RELATIONS = (
    _PREFIXES
    + """
SELECT DISTINCT ?s ?p ?o ?doc ?quote ?start ?end WHERE {
  VALUES ?p { ekg:issued ekg:leads ekg:partOf }
  GRAPH ?g {
    ?c a ekg:RelationClaim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
       prov:wasDerivedFrom/dcterms:identifier ?doc ;
       ekg:evidence [ nif:anchorOf ?quote ; nif:beginIndex ?start ; nif:endIndex ?end ] .
  }
}"""
)

_OBSERVATIONS = (
    _PREFIXES
    + """
SELECT ?obs ?indicator ?value ?u ?q ?modality ?period ?y0 ?y1 ?place ?theme ?doc
       ?quote ?start ?end ?change WHERE {
  GRAPH ?g {
    ?obs a ekg:Observation ; ekg:indicator ?indicator ; ekg:value ?value ; ekg:unit ?u ;
         ekg:qualifier ?q ; prov:wasDerivedFrom/dcterms:identifier ?doc ;
         ekg:evidence [ nif:anchorOf ?quote ; nif:beginIndex ?start ; nif:endIndex ?end ] .
    OPTIONAL { ?obs ekg:modality ?m }
    OPTIONAL { ?obs ekg:period ?period }
    OPTIONAL { ?obs ekg:changeDirection ?change }
    OPTIONAL { ?obs ekg:periodStartYear ?y0 ; ekg:periodEndYear ?y1 }
    OPTIONAL { ?obs ekg:place ?place }
    OPTIONAL { ?obs ekg:theme ?theme }
  }
  BIND (STRAFTER(STR(?m), "#") AS ?modality)
}"""
)

# Unit and qualifier codes, looked up apart: joining them into the query above made the store
# try every vocabulary graph per observation (seconds instead of milliseconds).
_NOTATIONS = (
    _PREFIXES
    + """
SELECT DISTINCT ?iri ?code WHERE { GRAPH ?g { ?iri skos:notation ?code } }"""
)

_LINKS = (
    _PREFIXES
    + """
SELECT ?entity ?obs ?basis ?doc ?quote ?start ?end WHERE {
  GRAPH ?g {
    ?link a ekg:OutcomeLink ; ekg:linkedEntity ?entity ; ekg:observation ?obs ;
          ekg:linkBasis ?basis ; prov:wasDerivedFrom/dcterms:identifier ?doc ;
          ekg:evidence [ nif:anchorOf ?quote ; nif:beginIndex ?start ; nif:endIndex ?end ] .
  }
}"""
)


def short_id(iri: str) -> str:
    """The IRI without the ecokg base (``agency/h0c91…``), or the IRI itself."""
    return iri[len(BASE) + 3 :] if iri.startswith(BASE + "id/") else iri


@dataclass
class _Labels:
    hans: dict[str, str]
    hant: dict[str, str]
    en: dict[str, str]
    types: dict[str, str]


def _labels(kg: KnowledgeGraph) -> _Labels:
    labels = _Labels({}, {}, {}, {})
    for row in kg.query(_LABELS).rows:
        iri, cls, label = (str(getattr(t, "value", "")) for t in row)
        lang = str(getattr(row[2], "language", None) or "").lower()
        table = {"zh-hans": labels.hans, "zh-hant": labels.hant, "en": labels.en}.get(lang)
        # Several documents may label one node; the smallest label is kept so output is stable.
        if table is not None and (iri not in table or label < table[iri]):
            table[iri] = label
        kind = cls.rsplit("#", 1)[-1]
        if kind in NODE_TYPES and kind not in ("Place", "Theme"):
            labels.types[iri] = min(labels.types.get(iri, kind), kind)
    return labels


_DIRECTIONS = {"up": "rise", "down": "fall"}


def _num(value: Any) -> float | int:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int | float):
        return value
    return float(str(value))


def _evidence(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"doc": row["doc"], "quote": row["quote"], "start": row["start"], "end": row["end"]}


def gather(kg: KnowledgeGraph) -> dict[str, Any]:
    """All the report's data: documents, nodes, edges, series and the filter choices."""
    labels = _labels(kg)

    def name(iri: str) -> str:
        return labels.hans.get(iri) or labels.hant.get(iri) or labels.en.get(iri) or short_id(iri)

    documents = sorted(
        (
            {
                "id": r["doc"],
                "slug": short_id(str(r["d"])),
                "title": r["title"] or r["doc"],
                "issued": str(r["issued"] or ""),
                "kind": r["kind"] or "",
            }
            for r in kg.query(_DOCUMENTS).records()
        ),
        key=lambda d: str(d["id"]),
    )

    facets: dict[str, dict[str, set[Any]]] = defaultdict(
        lambda: {"docs": set(), "themes": set(), "places": set(), "years": set()}
    )
    for r in kg.query(_ENTITY_FACETS).records():
        f = facets[str(r["e"])]
        f["docs"].add(r["doc"])
        if r["theme"]:
            f["themes"].add(short_id(str(r["theme"])))
        if r["place"]:
            f["places"].add(short_id(str(r["place"])))
        if r["year"]:
            f["years"].add(int(str(r["year"])[:4]))

    codes = {str(r["iri"]): str(r["code"]) for r in kg.query(_NOTATIONS).records()}
    observations: dict[str, dict[str, Any]] = {}
    for r in kg.query(_OBSERVATIONS).records():
        obs = observations.setdefault(
            str(r["obs"]),
            {
                "id": short_id(str(r["obs"])),
                "indicator": short_id(str(r["indicator"])),
                "value": _num(r["value"]),
                "unit": codes.get(str(r["u"]), short_id(str(r["u"]))),
                "qualifier": codes.get(str(r["q"]), short_id(str(r["q"]))),
                "modality": r["modality"] or "",
                # a change shows which way it went (↓6.5%), not only how far
                "direction": _DIRECTIONS.get(str(r["change"]), "") if r["change"] else "",
                "period": r["period"] or "",
                "years": sorted(range(int(str(r["y0"])), int(str(r["y1"])) + 1))
                if r["y0"] is not None and r["y1"] is not None
                else [],
                "place": short_id(str(r["place"])) if r["place"] else "",
                "themes": set(),
                **_evidence(r),
            },
        )
        if r["theme"]:
            obs["themes"].add(short_id(str(r["theme"])))
        indicator = str(r["indicator"])
        labels.types.setdefault(indicator, "Indicator")

    nodes: dict[str, dict[str, Any]] = {}

    def node(iri: str) -> str:
        key = short_id(iri)
        if key not in nodes:
            nodes[key] = {
                "id": key,
                "type": labels.types.get(iri, "Indicator"),
                "label": name(iri),
                "hant": labels.hant.get(iri, ""),
                "en": labels.en.get(iri, ""),
            }
        return key

    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def edge(source: str, target: str, kind: str) -> dict[str, Any]:
        key = (source, target, kind)
        if key not in edges:
            edges[key] = {"source": source, "target": target, "kind": kind, "evidence": []}
        return edges[key]

    for r in kg.query(_RELATIONS).records():
        s, o = str(r["s"]), str(r["o"])
        if labels.types.get(s) not in NODE_TYPES or labels.types.get(o) not in NODE_TYPES:
            continue  # an agency leading an event, say: not part of this picture
        kind = str(r["p"]).rsplit("#", 1)[-1]
        fs, fo = facets[s], facets[o]
        item = _evidence(r) | {
            "themes": sorted(fs["themes"] | fo["themes"]),
            "places": sorted(fs["places"] | fo["places"]),
            "years": sorted(fs["years"] | fo["years"]),
        }
        edge(node(s), node(o), kind)["evidence"].append(item)

    for r in kg.query(_LINKS).records():
        entity, obs_iri = str(r["entity"]), str(r["obs"])
        linked = observations.get(obs_iri)
        if linked is None or labels.types.get(entity) not in NODE_TYPES:
            continue
        obs = linked
        f = facets[entity]
        indicator_iri = BASE + "id/" + obs["indicator"]
        e = edge(node(entity), node(indicator_iri), "outcome")
        e["evidence"].append(
            _evidence(r)
            | {
                "basis": r["basis"],
                "obs": obs["id"],
                "value": obs["value"],
                "unit": obs["unit"],
                "direction": obs["direction"],
                "period": obs["period"],
                "themes": sorted(obs["themes"] | f["themes"]),
                "places": sorted({obs["place"]} - {""} | f["places"]),
                "years": obs["years"],
            }
        )

    edge_list = []
    for key in sorted(edges):
        e = edges[key]
        e["evidence"].sort(key=lambda i: (i["doc"], i["start"], i["end"], i.get("obs", "")))
        if e["kind"] == "outcome":
            e["basis"] = min((i["basis"] for i in e["evidence"]), key=BASES.index)
        edge_list.append(e)

    series = _series(observations, name)
    used_themes = sorted({t for e in edge_list for i in e["evidence"] for t in i["themes"]})
    used_places = sorted({p for e in edge_list for i in e["evidence"] for p in i["places"]})
    used_years = sorted({y for e in edge_list for i in e["evidence"] for y in i["years"]})
    return {
        "documents": documents,
        "nodes": [nodes[k] for k in sorted(nodes)],
        "edges": edge_list,
        "series": series,
        "themes": [{"id": t, "label": name(BASE + "id/" + t)} for t in used_themes],
        "places": [{"id": p, "label": name(BASE + "id/" + p)} for p in used_places],
        "years": used_years,
        "bases": list(BASES),
    }


def _series(observations: Mapping[str, Mapping[str, Any]], name: Any) -> list[dict[str, Any]]:
    """Single-year, achieved observations per (indicator, unit, place) with two or more years."""
    groups: dict[tuple[str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for obs in observations.values():
        if len(obs["years"]) != 1 or obs["modality"] not in ("", "achieved"):
            continue  # a target or a five-year total is not a point on a yearly line
        groups[(obs["indicator"], obs["unit"], obs["place"])].append(obs)
    series = []
    for (indicator, unit, place), items in sorted(groups.items()):
        if len({o["years"][0] for o in items}) < 2:
            continue
        points = [
            {
                "year": o["years"][0],
                "value": o["value"],
                "direction": o["direction"],
                "qualifier": o["qualifier"],
                "doc": o["doc"],
                "quote": o["quote"],
                "start": o["start"],
                "end": o["end"],
                "obs": o["id"],
            }
            for o in sorted(items, key=lambda o: (o["years"][0], o["doc"], o["start"]))
        ]
        series.append(
            {
                "indicator": indicator,
                "label": name(BASE + "id/" + indicator),
                "unit": unit,
                "place": name(BASE + "id/" + place) if place else "",
                "points": points,
            }
        )
    # Most points first, so the richest charts lead; ties in a fixed order.
    series.sort(key=lambda s: (-len(s["points"]), s["label"], s["unit"], s["place"]))
    return series
