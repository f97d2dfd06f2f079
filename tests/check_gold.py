#!/usr/bin/env python3
"""Validate the gold of a blind set (stdlib only): python3 tests/check_gold.py tests/heldoutNN"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.getcwd()
UNITS = {
    "percent",
    "percentage_point",
    "ug_per_m3",
    "mg_per_l",
    "cny",
    "tonne",
    "mu",
    "count",
    "times",
    "rank",
    "year",
    "day",
    "index",
}
QUALS = {"exact", "approx", "lower_bound", "upper_bound"}
THEMES = {
    "air",
    "water",
    "soil",
    "climate",
    "biodiversity",
    "waste",
    "ecology",
    "inspection",
    "enforcement",
    "monitoring",
    "emergency",
    "governance",
    "economy",
    "public",
}
TYPES = {"Agency", "Person", "Regulation", "Policy", "Programme", "Place", "Event"}
STATUS = {"in_force", "drafting", "completed", "ongoing"}
PERIOD = re.compile(r"^(\d{4}(-\d{2})?)(/\d{4}(-\d{2})?)?$")
NUM = re.compile(r"[0-9０-９一二三四五六七八九十百千两半成倍]")


def main():
    errors, totals = [], Counter()
    stems = sorted(f[:-4] for f in os.listdir(HERE) if f.endswith(".txt"))
    for stem in stems:
        with open(os.path.join(HERE, stem + ".txt"), encoding="utf-8") as handle:
            text = handle.read()
        gpath = os.path.join(HERE, stem + ".jsonl")
        if not os.path.exists(gpath):
            errors.append(f"{stem}: no gold file")
            continue
        with open(gpath, encoding="utf-8") as handle:
            recs = [json.loads(line) for line in handle if line.strip()]
        ids = Counter(r["id"] for r in recs)
        for i, n in ids.items():
            if n > 1:
                errors.append(f"{stem}: duplicate id {i}")
        anchors = Counter(r["anchor"] for r in recs if r["kind"] == "obs")
        seen_obs = set()
        for r in recs:
            where = f"{stem} {r.get('id')}"
            if r.get("doc") != stem:
                errors.append(f"{where}: doc field {r.get('doc')}")
            if not r["id"].startswith(stem[:4] + ("-o" if r["kind"] == "obs" else "-e")):
                errors.append(f"{where}: id prefix")
            a = r.get("anchor", "")
            if a not in text:
                errors.append(f"{where}: anchor not in text: {a}")
            if "\n" in a:
                errors.append(f"{where}: anchor crosses a line break")
            if r["kind"] == "obs":
                totals["obs"] += 1
                for k in (
                    "indicator",
                    "value",
                    "unit",
                    "qualifier",
                    "period",
                    "place",
                    "anchor",
                    "theme",
                ):
                    if k not in r:
                        errors.append(f"{where}: missing {k}")
                if not 8 <= len(a) <= 25:
                    errors.append(f"{where}: anchor length {len(a)}: {a}")
                n = text.count(a)
                if n != 1:
                    errors.append(f"{where}: anchor occurs {n} times: {a}")
                if not NUM.search(a):
                    errors.append(f"{where}: anchor has no number: {a}")
                if anchors[a] > 1 and not r.get("note"):
                    errors.append(f"{where}: shared anchor without a note: {a}")
                if r["unit"] not in UNITS:
                    errors.append(f"{where}: unit {r['unit']}")
                if r["qualifier"] not in QUALS:
                    errors.append(f"{where}: qualifier {r['qualifier']}")
                if r["theme"] not in THEMES:
                    errors.append(f"{where}: theme {r['theme']}")
                if not isinstance(r["value"], (int, float)) or isinstance(r["value"], bool):
                    errors.append(f"{where}: value not a number")
                p = r["period"]
                if p is not None and p != "cumulative" and not PERIOD.match(p):
                    errors.append(f"{where}: period {p}")
                key = (r["indicator"], r["value"], r["period"], r["place"], a)
                if key in seen_obs:
                    errors.append(f"{where}: duplicate record {key}")
                seen_obs.add(key)
                if str(r.get("note", "")).startswith("target") and p in (None, "cumulative"):
                    errors.append(f"{where}: target without a year")
            elif r["kind"] == "ent":
                totals["ent"] += 1
                if r.get("type") not in TYPES:
                    errors.append(f"{where}: type {r.get('type')}")
                if not r.get("name"):
                    errors.append(f"{where}: no name")
                if "《" in r["name"] or "“" in r["name"]:
                    errors.append(f"{where}: name has quotes/《》")
                if not isinstance(r.get("aliases"), list):
                    errors.append(f"{where}: aliases not a list")
                for al in r.get("aliases", []):
                    if al not in text:
                        errors.append(f"{where}: alias not in text: {al}")
                if "status" in r and r["status"] not in STATUS:
                    errors.append(f"{where}: status {r['status']}")
            else:
                errors.append(f"{where}: kind {r['kind']}")
        names = Counter((r["type"], r["name"]) for r in recs if r["kind"] == "ent")
        for k, n in names.items():
            if n > 1:
                errors.append(f"{stem}: entity listed {n} times: {k}")
        chars = len(text)
        if not 1500 <= chars <= 4000:
            errors.append(f"{stem}: length {chars} outside 1500-4000")
    for e in errors:
        print(e)
    print(f"{len(stems)} documents, {totals['obs']} obs, {totals['ent']} ent, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
