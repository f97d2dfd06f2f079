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
WATER_TYPES = ("river", "lake")
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
    hits = []
    for m in _matcher(lexicon).finditer(text, start, end):
        place = lexicon.place_by_alias[m.group(0)]
        stop = m.end()
        if place.type in WATER_TYPES:
            stop += len(starts_with_any(text[stop : stop + 2], _WATER_PARTS) or "")
        hits.append(PlaceHit(m.start(), stop, place))
    return hits


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
