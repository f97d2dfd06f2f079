"""Canned-query parameters checked against the graph before the query runs.

Each parameter's kind comes from its query's header (:class:`ecokg.catalog.Parameter`). A value
is an IRI (``ind:pm25-annual-mean``, ``<http://...>``) or a name in any script
(``PM2.5年均浓度``, ``江西省生態環境廳``) wherever the kind is a thing; a value that names nothing
of the kind fails with :class:`ParameterError` listing the closest matches, so a typo does not
silently give 0 rows.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ecokg.catalog import CannedQuery, Parameter, param_term
from ecokg.errors import QueryError
from ecokg.labels import prefixed_name
from ecokg.store import KnowledgeGraph, plain_value
from ecokg.text.normalize import to_simplified

SUGGESTIONS = 5
_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
_LABELS = "skos:prefLabel|skos:altLabel|rdfs:label"


class ParameterError(QueryError):
    """A parameter value the query cannot use: unknown name, wrong IRI, value out of range."""


@dataclass
class Resolved:
    """Parameters ready to run: terms to bind, and lower bounds to keep rows by."""

    bindings: dict[str, Node] = field(default_factory=dict)
    at_least: dict[str, Decimal] = field(default_factory=dict)  # column -> lowest value kept


def resolve(kg: KnowledgeGraph, query: CannedQuery, values: Mapping[str, str | Node]) -> Resolved:
    """Check every value against its parameter's kind and the graph; raise one
    :class:`ParameterError` for the first that does not fit."""
    resolved = Resolved()
    for name, value in values.items():
        parameter = query.parameters.get(name)
        if parameter is None:
            known = ", ".join(f"?{p}" for p in query.parameters) or "none"
            raise ParameterError(
                f"{query.name} has no parameter ?{name}{_did_you_mean(name, query.parameters)}"
                f" (its parameters: {known})"
            )
        if parameter.at_least is not None:
            resolved.at_least[parameter.at_least] = Decimal(_integer(parameter, value))
        else:
            resolved.bindings[name] = _term(kg, parameter, value)
    return resolved


def _term(kg: KnowledgeGraph, parameter: Parameter, value: str | Node) -> Node:
    kind = parameter.kind
    if kind == "integer":
        return Literal(_integer(parameter, value), datatype=XSD.integer)
    if kind == "choice":
        return _choice(parameter, value)
    if kind == "code":
        return _code(kg, parameter, value)
    if kind == "document":
        return _document(kg, parameter, value)
    term = param_term(value) if isinstance(value, str) else value
    if kind == "term":
        if isinstance(term, URIRef) and not _exists(kg, term, []):
            raise ParameterError(
                f"?{parameter.name}: {_show(term)} is in no statement of the graph"
            )
        return term
    iri = _thing(kg, parameter, term)
    return _canonical_label(kg, iri) if kind == "label" else iri


def _integer(parameter: Parameter, value: str | Node) -> int:
    try:
        number = int(str(value))
    except ValueError:
        raise ParameterError(f"?{parameter.name}: {str(value)!r} is not an integer") from None
    lo, hi = parameter.bounds
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        raise ParameterError(f"?{parameter.name}: {number} is not in {parameter.arg}")
    return number


def _choice(parameter: Parameter, value: str | Node) -> Node:
    options = {o: param_term(o) for o in parameter.options}
    given = param_term(value) if isinstance(value, str) else value
    for text, term in options.items():
        # "Programme" for ekg:Programme, "AIR" for air: the choice is clear either way.
        if term == given or _key(_local(text)) == _key(_local(str(value))):
            return term
    raise ParameterError(
        f"?{parameter.name}: {str(value)!r} is not one of {', '.join(options)}"
        + _did_you_mean(str(value), options)
    )


def _code(kg: KnowledgeGraph, parameter: Parameter, value: str | Node) -> Node:
    classes = " ".join(parameter.options)
    rows = kg.query(
        f"SELECT ?code ?label WHERE {{ GRAPH ?g {{ VALUES ?class {{ {classes} }}"
        f" ?x a ?class ; skos:notation ?code . OPTIONAL {{ ?x {_LABELS} ?label }} }} }}"
    ).records()
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        names[str(row["code"])].add(str(row["code"]))
        if row["label"] is not None:
            names[str(row["code"])].add(str(row["label"]))
    return Literal(_one_of(parameter, str(value), names, lambda code: code))


def _document(kg: KnowledgeGraph, parameter: Parameter, value: str | Node) -> Node:
    rows = kg.query(
        "SELECT ?doc ?title WHERE { GRAPH ?g { ?d a ekg:Document ; dcterms:identifier ?doc ."
        " OPTIONAL { ?d dcterms:title ?title } } }"
    ).records()
    names: dict[str, set[str]] = defaultdict(set)
    titles = {str(r["doc"]): str(r["title"] or "") for r in rows}
    for doc, title in titles.items():
        names[doc].update({doc, title} - {""})
    return Literal(_one_of(parameter, str(value), names, lambda d: f"{d} ({titles[d]})"))


def _thing(kg: KnowledgeGraph, parameter: Parameter, term: Node) -> URIRef:
    """The IRI of a thing of the parameter's classes, given as an IRI or by a name."""
    if isinstance(term, URIRef):
        if _exists(kg, term, parameter.options):
            return term
        given = _local(str(term))
    else:
        given = str(term)
    names = _names(kg, parameter.options)
    if not isinstance(term, URIRef):
        matches = sorted(iri for iri, labels in names.items() if _key(given) in map(_key, labels))
        if len(matches) == 1:
            return URIRef(matches[0])
        if matches:
            raise ParameterError(
                f"?{parameter.name}: {given!r} names {len(matches)} things: "
                + "; ".join(_show(URIRef(m), names[m]) for m in matches[:SUGGESTIONS])
                + "; give an IRI"
            )
    what = " or ".join(parameter.options) or "thing"
    shown = _show(term) if isinstance(term, URIRef) else repr(given)
    keys = {iri: [*labels, _local(iri)] for iri, labels in names.items()}
    close = _closest(given, keys)
    hint = "; did you mean " + "; ".join(_show(URIRef(i), names[i]) for i in close) if close else ""
    raise ParameterError(f"?{parameter.name}: no {what} {shown} in the graph{hint}")


def _one_of(
    parameter: Parameter,
    value: str,
    names: Mapping[str, set[str]],
    show: Callable[[str], str],
) -> str:
    """The key of ``names`` whose names include ``value`` (in any script), or an error."""
    for key, labels in names.items():
        if _key(value) in map(_key, labels):
            return key
    close = _closest(value, names)
    listing = (
        f"; did you mean {'; '.join(show(k) for k in close)}"
        if close
        else f"; one of {', '.join(sorted(names))}"
    )
    raise ParameterError(f"?{parameter.name}: {value!r} is not known{listing}")


def _exists(kg: KnowledgeGraph, iri: URIRef, classes: list[str]) -> bool:
    if classes:
        pattern = f"VALUES ?class {{ {' '.join(classes)} }} ?x a ?class"
    else:
        pattern = "{ ?x ?p ?o } UNION { ?s ?p ?x }"
    answer = kg.query(f"SELECT ?x WHERE {{ GRAPH ?g {{ {pattern} }} }} LIMIT 1", {"x": iri})
    return bool(answer.rows)


def _names(kg: KnowledgeGraph, classes: list[str]) -> dict[str, list[str]]:
    """IRI -> every label (all scripts) of the things of these classes (any class: all), the
    canonical one (the zh-Hans prefLabel) first."""
    typed = f"VALUES ?class {{ {' '.join(classes)} }} ?x a ?class ." if classes else ""
    rows = kg.query(
        f"SELECT DISTINCT ?x ?p ?label WHERE {{ GRAPH ?g {{ {typed} ?x ?p ?label "
        "VALUES ?p { skos:prefLabel skos:altLabel rdfs:label } } }"
    ).rows
    ranked: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for x, p, label in rows:
        if not isinstance(x, ox.NamedNode) or not isinstance(p, ox.NamedNode):
            continue
        if not isinstance(label, ox.Literal):
            continue
        canonical = p.value == _PREF and (label.language or "").lower() == "zh-hans"
        ranked[x.value].add((0 if canonical else 1, label.value))
    return {x: [label for _, label in sorted(found)] for x, found in ranked.items()}


def _canonical_label(kg: KnowledgeGraph, iri: URIRef) -> Literal:
    """The zh-Hans prefLabel, the form a label column of a canned query holds."""
    rows = kg.query(
        "SELECT ?x ?label WHERE { GRAPH ?g { ?x skos:prefLabel ?label "
        'FILTER (LANGMATCHES(LANG(?label), "zh-Hans")) } } ORDER BY ?label LIMIT 1',
        {"x": iri},
    ).rows
    if not rows or rows[0][1] is None:
        raise ParameterError(f"{_show(iri)} has no zh-Hans name")
    return Literal(str(plain_value(rows[0][1])))


def _closest(value: str, names: Mapping[str, Iterable[str]]) -> list[str]:
    """The keys of ``names`` whose names are nearest ``value``: containing it, then by
    similarity (scripts and case ignored)."""
    wanted = _key(value)
    scored: list[tuple[float, str]] = []
    for key, labels in names.items():
        best = 0.0
        for label in labels:
            candidate = _key(label)
            ratio = difflib.SequenceMatcher(None, wanted, candidate).ratio()
            if wanted and (wanted in candidate or candidate in wanted):
                ratio += 0.5
            best = max(best, ratio)
        if best >= 0.5:
            scored.append((-best, key))
    return [key for _, key in sorted(scored)[:SUGGESTIONS]]


def _did_you_mean(value: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(options), n=3, cutoff=0.5)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _key(text: str) -> str:
    """A name compared across scripts, case and spacing."""
    return "".join(to_simplified(text).casefold().split())


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def _show(iri: URIRef, labels: Iterable[str] = ()) -> str:
    """``ind:pm25-annual-mean (PM2.5年均浓度)``: the prefixed name and its first name."""
    name = prefixed_name(str(iri))
    first = next(iter(labels), None)
    return f"{name} ({first})" if first else name


def decimal_of(value: object) -> Decimal | None:
    """A cell's value as a number to compare with a lower bound (None: not a number)."""
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None
