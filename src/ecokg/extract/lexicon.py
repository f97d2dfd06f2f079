"""Load the data that drives extraction: units, indicators, themes, places and word lists.

Everything here is read from Turtle/YAML files (``ontology/`` and ``data/lexicons/``) once per
process; extractors hold no literal lists of names. Extra folders can be layered on top, so a
researcher can add indicators or places without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ecokg.kg.vocab import EKG, QUDT
from ecokg.resources import resource_dir
from ecokg.text.normalize import to_simplified
from ecokg.text.wordlists import alternation


@dataclass(frozen=True)
class UnitDef:
    """A unit: its IRI, contract code and the surface forms that introduce it."""

    iri: URIRef
    code: str
    label: str
    surface_forms: tuple[str, ...]


@dataclass(frozen=True)
class ThemeDef:
    """A theme of environmental governance with its keywords."""

    iri: URIRef
    code: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorDef:
    """An indicator concept of the scheme."""

    iri: URIRef
    label: str
    theme: str | None
    unit: str | None
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class PlaceDef:
    """A gazetteer entry."""

    id: str
    name: str
    type: str
    parent: str | None
    en: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All extraction data, loaded once (compared and hashed by identity)."""

    units: dict[str, UnitDef]
    themes: dict[str, ThemeDef]
    indicators: tuple[IndicatorDef, ...]
    places: dict[str, PlaceDef]
    words: dict[str, Any]
    place_by_alias: dict[str, PlaceDef] = field(default_factory=dict)

    def unit_for_surface(self) -> dict[str, str]:
        """Surface form -> unit code, for every unit."""
        return {form: u.code for u in self.units.values() for form in u.surface_forms}

    def province_of(self, place: PlaceDef) -> PlaceDef | None:
        """The province containing ``place`` (itself when it is one)."""
        seen: set[str] = set()
        current: PlaceDef | None = place
        while current is not None and current.id not in seen:
            if current.type == "province":
                return current
            seen.add(current.id)
            current = self.places.get(current.parent) if current.parent else None
        return None


def _zh_label(graph: Graph, subject: URIRef, *predicates: URIRef) -> str:
    labels = [o for p in predicates for o in graph.objects(subject, p) if isinstance(o, Literal)]
    for lit in sorted(labels, key=str):
        if (lit.language or "").lower() == "zh-hans":
            return str(lit)
    return str(min(labels, key=str)) if labels else str(subject).rsplit("/", 1)[-1]


def _load_graph(paths: Sequence[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def _units(graph: Graph) -> dict[str, UnitDef]:
    units = {}
    for iri in sorted(set(graph.subjects(RDF.type, QUDT.Unit)), key=str):
        assert isinstance(iri, URIRef)
        code = str(graph.value(iri, SKOS.notation))
        forms = tuple(sorted(str(f) for f in graph.objects(iri, EKG.surfaceForm)))
        units[code] = UnitDef(iri, code, _label(graph, iri), forms)
    return units


def _label(graph: Graph, iri: URIRef) -> str:
    return _zh_label(graph, iri, SKOS.prefLabel, RDFS.label)


def _themes(graph: Graph) -> dict[str, ThemeDef]:
    themes = {}
    for iri in sorted(set(graph.subjects(RDF.type, EKG.Theme)), key=str):
        assert isinstance(iri, URIRef)
        code = str(graph.value(iri, SKOS.notation))
        keywords = tuple(sorted(to_simplified(str(k)) for k in graph.objects(iri, EKG.keyword)))
        themes[code] = ThemeDef(iri, code, _label(graph, iri), keywords)
    return themes


def _indicators(graph: Graph, themes: dict[str, ThemeDef]) -> tuple[IndicatorDef, ...]:
    theme_code = {t.iri: code for code, t in themes.items()}
    out = []
    for iri in sorted(set(graph.subjects(RDF.type, EKG.Indicator)), key=str):
        assert isinstance(iri, URIRef)
        literal_labels = [
            to_simplified(str(lab))
            for p in (SKOS.prefLabel, SKOS.altLabel)
            for lab in graph.objects(iri, p)
            if isinstance(lab, Literal) and (lab.language or "").startswith("zh")
        ]
        parts = [str(p) for p in graph.objects(iri, EKG.pattern)]
        parts.append(alternation(literal_labels))
        theme = graph.value(iri, EKG.theme)
        unit = graph.value(iri, EKG.unitCode)
        out.append(
            IndicatorDef(
                iri,
                _label(graph, iri),
                theme_code.get(theme) if isinstance(theme, URIRef) else None,
                str(unit) if unit is not None else None,
                re.compile("|".join(f"(?:{p})" for p in sorted(parts))),
            )
        )
    return tuple(out)


def _places(data: Any, source: Path) -> dict[str, PlaceDef]:
    places = {}
    for entry in (data or {}).get("places", []):
        try:
            place = PlaceDef(
                id=str(entry["id"]),
                name=str(entry["name"]),
                type=str(entry.get("type", "region")),
                parent=str(entry["parent"]) if entry.get("parent") else None,
                en=str(entry["en"]) if entry.get("en") else None,
                aliases=tuple(str(a) for a in entry.get("aliases") or ()),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{source}: bad place entry {entry!r}") from exc
        places[place.id] = place
    return places


def _merge_words(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge YAML word lists: lists are concatenated, mappings merged."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge_words(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + [v for v in value if v not in merged[key]]
        else:
            merged[key] = value
    return merged


def load_lexicon(extra_dirs: Sequence[Path] = ()) -> Lexicon:
    """Load the built-in data plus any extra folders of ``*.ttl`` / ``*.yaml`` files."""
    return _load(tuple(Path(d).resolve() for d in extra_dirs))


@cache
def _load(extra_dirs: tuple[Path, ...]) -> Lexicon:
    ttl_files = sorted(resource_dir("ontology").glob("*.ttl"))
    yaml_files = sorted(resource_dir("lexicons").glob("*.yaml"))
    for extra in extra_dirs:
        ttl_files += sorted(extra.glob("*.ttl"))
        yaml_files += sorted(extra.glob("*.yaml"))
    graph = _load_graph(ttl_files)
    units = _units(graph)
    themes = _themes(graph)
    places: dict[str, PlaceDef] = {}
    words: dict[str, Any] = {}
    for path in yaml_files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "places" in data:
            places.update(_places(data, path))
            data = {k: v for k, v in data.items() if k != "places"}
        words = _merge_words(words, data)
    by_alias: dict[str, PlaceDef] = {}
    for place in places.values():
        for alias in (place.name, *place.aliases):
            by_alias.setdefault(alias, place)
    return Lexicon(units, themes, _indicators(graph, themes), places, words, by_alias)
