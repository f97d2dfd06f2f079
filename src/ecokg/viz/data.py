"""What the report shows, gathered from a knowledge graph into plain, sorted, JSON-ready data.

The network has agencies, instruments (policies, regulations), programmes and indicators as
nodes. Edges are the relations between them (agency issued / leads, programme part of
programme) and the policy→outcome links, drawn from an entity to the indicator of each linked
observation; an indicator the extraction named after a fragment of a text (单位数, 问题数: see
:func:`is_fragment`) is left out. Every edge keeps the evidence of each claim behind it
(document, quote, span) and what the filters need (themes, places, years). The series are
the claims about each indicator, per unit and place, in time order: the figures of single years
(or months), or the running totals at their as-of dates, with targets and forecasts kept apart
from achieved values. The comparisons are the claims of two documents the build compared
(docs/reconciliation.md), with both sentences and where the values stand in them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ecokg.counts import read_counts
from ecokg.kg.vocab import BASE, IND
from ecokg.reconcile import VERDICTS, date_span
from ecokg.store import KnowledgeGraph

# Classes drawn, in the layer order of the picture (left to right).
NODE_TYPES = ("Agency", "Policy", "Regulation", "Programme", "Indicator")
# Strongest first; an edge made of several links shows its strongest basis.
BASES = ("same_sentence", "same_paragraph", "shared_theme_place")
RELATIONS = ("issued", "leads", "partOf")

# Indicators the extraction names after the words of a text (not in the scheme) have IRIs here.
_MINTED = str(IND) + "x-"
# The heads such a name ends with: what extraction appends to a counted or measured noun
# (数, 人数, 占比; the lexicon's unit nouns 浓度, 倍数) and the heads of shares and sums. The
# rest of the name is its subject.
_HEADS = ("人数", "数量", "占比", "比例", "金额", "倍数", "浓度", "数", "量", "率", "额")
# A subject this short names no particular thing (单位数, 问题数, 县数, 比例, 一年) unless the
# scheme has it.
_MIN_SUBJECT = 3

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
       ?quote ?start ?end ?change ?asOf WHERE {
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
    OPTIONAL { ?obs ekg:asOf ?asOfValue }
  }
  BIND (STRAFTER(STR(?m), "#") AS ?modality)
  BIND (STR(?asOfValue) AS ?asOf)
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


# Each compared pair with both claims' values, evidence and value spans (offsets in the document,
# so the value can be marked inside the quoted sentence).
_COMPARISONS = (
    _PREFIXES
    + """
SELECT ?c ?verdict ?reason ?basis ?a ?b WHERE {
  GRAPH ?g { ?c a ekg:ClaimComparison ; ekg:claimA ?a ; ekg:claimB ?b ; ekg:verdict ?v ;
               ekg:reason ?reason ; ekg:comparisonBasis ?basis }
  BIND (STRAFTER(STR(?v), "#") AS ?verdict)
}"""
)

_COMPARED_CLAIMS = (
    _PREFIXES
    + """
SELECT DISTINCT ?obs ?doc ?quote ?start ?end ?vs ?ve ?asOf ?issued WHERE {
  { SELECT DISTINCT ?obs WHERE { GRAPH ?c { [] ekg:claimA|ekg:claimB ?obs } } }
  GRAPH ?g {
    ?obs ekg:evidence [ nif:anchorOf ?quote ; nif:beginIndex ?start ; nif:endIndex ?end ] ;
         ekg:valueSpan [ nif:beginIndex ?vs ; nif:endIndex ?ve ] ;
         prov:wasDerivedFrom ?d .
    ?d dcterms:identifier ?doc .
  }
  # (outside the graph block: inside it, Oxigraph reads the optional parts of every
  # observation before joining the compared ones, 2.6 s against 0.2 s on the demo graph)
  OPTIONAL { GRAPH ?g { ?obs ekg:asOf ?asOfValue } }
  OPTIONAL { GRAPH ?g { ?d dcterms:issued ?issuedValue } }
  BIND (STR(?asOfValue) AS ?asOf)
  BIND (STR(?issuedValue) AS ?issued)
}"""
)


def subject(label: str) -> str:
    """An indicator's name without its head (数, 比例, 浓度, ...): what is counted or measured."""
    head = next((h for h in _HEADS if label.endswith(h)), "")
    return label[: len(label) - len(head)]


def is_fragment(label: str, known: Collection[str] = ()) -> bool:
    """Whether a minted indicator's name is a fragment: its subject has fewer than three
    characters (单位数, 问题数, 县数, 比例) and is none of the ``known`` subjects, those of the
    scheme's indicators (臭氧 of 臭氧浓度 names a thing in two characters)."""
    what = subject(label)
    return len(what) < _MIN_SUBJECT and what not in known


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


def _decimal_year(day: datetime.date) -> float:
    """A date as a year with its fraction (2025-07-02 is about 2025.5), for a time axis."""
    start = day.replace(month=1, day=1)
    length = (start.replace(year=start.year + 1) - start).days
    return round(day.year + (day - start).days / length, 4)


def _time(obs: Mapping[str, Any]) -> tuple[float, str] | None:
    """Where a claim sits on a time axis and how its time is written: a running total at its
    as-of date, a figure of one year at the year, of one month at the month's middle; a
    period of several years is no point on a line."""
    if obs["asOf"]:
        span = date_span(obs["asOf"])
        return (_decimal_year(span.end), obs["asOf"]) if span else None
    if len(obs["years"]) != 1:
        return None
    period = obs["period"]
    if len(period) == 7 and period[4] == "-":  # 2025-12
        return round(obs["years"][0] + (int(period[5:]) - 0.5) / 12, 4), period
    if "/" in period:  # months of one year (2025-01/2025-09): no single point either
        return None
    return float(obs["years"][0]), period


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
                "asOf": str(r["asOf"] or "") if r["period"] == "cumulative" else "",
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

    known = {
        subject(label)
        for iri, label in labels.hans.items()
        if labels.types.get(iri) == "Indicator" and not iri.startswith(_MINTED) and "--" not in iri
    }

    def fragment(indicator: str) -> bool:
        # A variant (连续年数, 全国排名 of a minted name) is a fragment when its base is.
        base = indicator.split("--", 1)[0]
        return base.startswith(_MINTED) and is_fragment(name(base), known)

    for r in kg.query(_LINKS).records():
        entity, obs_iri = str(r["entity"]), str(r["obs"])
        linked = observations.get(obs_iri)
        if linked is None or labels.types.get(entity) not in NODE_TYPES:
            continue
        obs = linked
        f = facets[entity]
        indicator_iri = BASE + "id/" + obs["indicator"]
        if fragment(indicator_iri):
            continue  # a count of 单位 or 问题 tells a reader of the picture nothing
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

    comparisons = _comparisons(kg, observations, name)
    conflicted = {
        BASE + "id/" + c[side]["obs"]
        for c in comparisons
        if c["verdict"] == "conflicting"
        for side in ("a", "b")
    }
    series = _series(observations, name, conflicted)
    used_themes = sorted({t for e in edge_list for i in e["evidence"] for t in i["themes"]})
    used_places = sorted({p for e in edge_list for i in e["evidence"] for p in i["places"]})
    used_years = sorted({y for e in edge_list for i in e["evidence"] for y in i["years"]})
    return {
        # the totals build.json, `ecokg query documents` and the web UI show too
        "counts": read_counts(kg).totals(),
        "documents": documents,
        "nodes": [nodes[k] for k in sorted(nodes)],
        "edges": edge_list,
        "series": series,
        "comparisons": comparisons,
        "themes": [{"id": t, "label": name(BASE + "id/" + t)} for t in used_themes],
        "places": [{"id": p, "label": name(BASE + "id/" + p)} for p in used_places],
        "years": used_years,
        "bases": list(BASES),
    }


def _comparisons(
    kg: KnowledgeGraph, observations: Mapping[str, Mapping[str, Any]], name: Any
) -> list[dict[str, Any]]:
    """The compared pairs, conflicting first, each claim with its sentence and value's place."""
    claims: dict[str, dict[str, Any]] = {}
    for r in kg.query(_COMPARED_CLAIMS).records():
        start = int(str(r["start"]))
        claims.setdefault(
            str(r["obs"]),
            {
                "doc": r["doc"],
                "quote": r["quote"],
                "start": start,
                "end": int(str(r["end"])),
                # where the value stands inside the quote
                "mark": [int(str(r["vs"])) - start, int(str(r["ve"])) - start],
                "when": str(r["asOf"] or r["issued"] or ""),
            },
        )
    pairs = []
    for r in kg.query(_COMPARISONS).records():
        a, b = str(r["a"]), str(r["b"])
        if a not in claims or b not in claims or a not in observations:
            continue
        obs = observations[a]
        pairs.append(
            {
                "id": short_id(str(r["c"])),
                "verdict": r["verdict"],
                "reason": r["reason"],
                "basis": r["basis"],
                "indicator": obs["indicator"],
                "label": name(BASE + "id/" + obs["indicator"]),
                "unit": obs["unit"],
                "place": name(BASE + "id/" + obs["place"]) if obs["place"] else "",
                "a": claims[a] | {"obs": short_id(a), "value": obs["value"]},
                "b": claims[b]
                | {"obs": short_id(b), "value": observations.get(b, {}).get("value", "")},
            }
        )
    order = {v: i for i, v in enumerate(reversed(VERDICTS))}  # conflicting, updated, corroborated
    pairs.sort(key=lambda p: (order.get(p["verdict"], 9), p["label"], p["a"]["when"], p["id"]))
    return pairs


_MODALITY_ORDER = ("achieved", "target", "forecast")


def _series(
    observations: Mapping[str, Mapping[str, Any]], name: Any, conflicted: set[str]
) -> list[dict[str, Any]]:
    """Per (indicator, unit, place, running total or not): the claims with a point in time,
    achieved values first and targets and forecasts after them, each in time order; kept when
    they have two or more times."""
    groups: dict[tuple[str, str, str, bool], list[tuple[float, str, Mapping[str, Any]]]] = (
        defaultdict(list)
    )
    for iri, obs in observations.items():
        when = _time(obs)
        if when is None:
            continue
        groups[(obs["indicator"], obs["unit"], obs["place"], bool(obs["asOf"]))].append(
            (*when, {**obs, "conflict": iri in conflicted})
        )
    series = []
    for (indicator, unit, place, running), items in sorted(groups.items()):
        if len({t for t, _, _ in items}) < 2:
            continue
        points = [
            {
                "t": t,
                "label": label,
                "value": o["value"],
                "modality": o["modality"] or "achieved",
                "direction": o["direction"],
                "qualifier": o["qualifier"],
                "conflict": o["conflict"],
                "doc": o["doc"],
                "quote": o["quote"],
                "start": o["start"],
                "end": o["end"],
                "obs": o["id"],
            }
            for t, label, o in sorted(
                items,
                key=lambda i: (
                    _MODALITY_ORDER.index(i[2]["modality"] or "achieved"),
                    i[0],
                    i[2]["doc"],
                    i[2]["start"],
                ),
            )
        ]
        series.append(
            {
                "indicator": indicator,
                "label": name(BASE + "id/" + indicator),
                "unit": unit,
                "place": name(BASE + "id/" + place) if place else "",
                "running": running,
                "points": points,
            }
        )
    # Most points first, so the richest charts lead; ties in a fixed order.
    series.sort(key=lambda s: (-len(s["points"]), s["label"], s["unit"], s["place"], s["running"]))
    return series
