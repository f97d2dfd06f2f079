"""Find gazetteer places in normalised text and pick a document's home province."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ecokg.extract.lexicon import Lexicon, PlaceDef
from ecokg.text.wordlists import alternation, starts_with_any

# Names of the whole country act as scopes ("全国第三"), not as the place a value is about.
NATIONAL_TYPES = ("country",)
WATER_TYPES = ("river", "lake", "reservoir")
# A river's or lake's basin and main stem are the water body itself (长江流域, 赣江干流).
_WATER_PARTS = ("流域", "干流", "水系")


@dataclass(frozen=True)
class PlaceHit:
    """A place named at ``[start, end)`` of the normalised text."""

    start: int
    end: int
    place: PlaceDef


@cache
def _matcher(lexicon: Lexicon) -> re.Pattern[str]:
    # A following character of a longer toponym (湖北省 inside 湖北省委 is fine, but 江西 must not
    # match inside 江西省, which the longest-first alternation already prefers).
    return re.compile(f"(?:{alternation(lexicon.place_by_alias)})")


def find_places(
    text: str, lexicon: Lexicon, start: int = 0, end: int | None = None
) -> list[PlaceHit]:
    """Every gazetteer place named in ``text[start:end]``, longest name first at each position."""
    end = len(text) if end is None else end
    not_before = tuple(lexicon.words.get("gazetteer", {}).get("short_county_not_before", ()))
    hits = []
    for m in _matcher(lexicon).finditer(text, start, end):
        alias = m.group(0)
        place = lexicon.place_by_alias[alias]
        stop = m.end()
        if place.type == "county" and len(alias) == 2 and text.startswith(not_before, stop):
            continue
        if place.type in WATER_TYPES:
            stop += len(starts_with_any(text[stop : stop + 2], _WATER_PARTS) or "")
        hits.append(PlaceHit(m.start(), stop, place))
    return _resolve_by_home(hits, text, lexicon)


def _resolve_by_home(hits: list[PlaceHit], text: str, lexicon: Lexicon) -> list[PlaceHit]:
    """Names read in the light of the province the text's other places point to: a name that
    several places share (鼓楼区) is the one in that province (without one, the first in code
    order); a county named by its stem alone (德清, 五河) counts only inside that province,
    where a reader would take it for the county."""
    shared = lexicon.place_candidates

    def doubtful(hit: PlaceHit) -> bool:
        name = text[hit.start : hit.end]
        return name in shared or (hit.place.type == "county" and name != hit.place.name)

    home = home_province([h for h in hits if not doubtful(h)], lexicon)
    out = []
    for hit in hits:
        name = text[hit.start : hit.end]
        found = shared.get(name)
        if found is not None and home is not None:
            inside = [p for p in found if lexicon.province_of(p) == home]
            if inside:
                hit = PlaceHit(hit.start, hit.end, inside[0])
        elif doubtful(hit) and lexicon.province_of(hit.place) != home:
            continue
        out.append(hit)
    return out


def home_province(hits: Iterable[PlaceHit], lexicon: Lexicon) -> PlaceDef | None:
    """The province a document is mostly about: the one its places fall in most often."""
    counts: Counter[str] = Counter()
    for hit in hits:
        province = lexicon.province_of(hit.place)
        if province is not None:
            counts[province.id] += 1
    if not counts:
        return None
    best = max(sorted(counts), key=lambda pid: counts[pid])
    return lexicon.places[best]


def document_locality(title: str, lexicon: Lexicon, home: PlaceDef | None) -> PlaceDef | None:
    """The place a document speaks for: the most specific division its title names (a county's
    notice, 湖州市生态环境局德清分局…, speaks for 德清县), else its home province."""
    ranked = {"county": 0, "city": 1, "province": 2}
    named = [h.place for h in find_places(title, lexicon) if h.place.type in ranked]
    if not named:
        return home
    return min(named, key=lambda p: ranked[p.type])


def jurisdiction(word_level: str, locality: PlaceDef | None, lexicon: Lexicon) -> PlaceDef | None:
    """What 全省/全市/全县 means in a document speaking for ``locality``: the division of that
    level that contains it (None when the document speaks for no such division)."""
    current = locality
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        if current.type == word_level:
            return current
        seen.add(current.id)
        current = lexicon.places.get(current.parent) if current.parent else None
    return None
