"""Find gazetteer places in normalised text and pick a document's home province."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ecokg.extract.lexicon import Lexicon, PlaceDef
from ecokg.text.wordlists import alternation

# Names of the whole country act as scopes ("全国第三"), not as the place a value is about.
NATIONAL_TYPES = ("country",)


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
    return [
        PlaceHit(m.start(), m.end(), lexicon.place_by_alias[m.group(0)])
        for m in _matcher(lexicon).finditer(text, start, end)
    ]


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
