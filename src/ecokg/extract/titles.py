"""Policy and regulation titles written in 《》, typed by their document-type suffix.

A short name declared after a title ("《…整改方案》（以下简称《整改方案》）") resolves to the full
title, and so does a bare type word used later (《意见》 -> the last full title ending in 意见).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ecokg.extract.base import EntityMention
from ecokg.extract.lexicon import Lexicon
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.wordlists import alternation

_TITLE = re.compile(r"《([^《》\n]{2,120})》")


@cache
def _suffixes(lexicon: Lexicon) -> list[tuple[str, str]]:
    """(suffix, class) pairs, longest suffix first."""
    groups = (lexicon.words["instruments"], lexicon.words.get("title_only_instruments") or {})
    pairs = [(s, cls) for group in groups for cls, words in group.items() for s in words]
    return sorted(pairs, key=lambda p: (-len(p[0]), p[0]))


# A note in brackets ("（2023—2025年）", "（试行）") or the year a strategy looks to ("…战略2035")
_TRAILING_NOTE = re.compile(
    r"\s*(?:[（(][^（）()]{1,20}[）)]|(?<=[\u4e00-\u9fff])(?:19|20)\d{2}年?)$"
)


def classify_title(title: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """``(class, instrument type)`` for a title, or None when it names no instrument.

    A trailing note in brackets ("…行动方案（2023—2025年）", "…条例（试行）") or year ("…战略2035")
    is not the type."""
    core = _TRAILING_NOTE.sub("", title)
    for suffix, cls in _suffixes(lexicon):
        if core.endswith(suffix):
            return cls, suffix
    return None


def title_mentions(doc: AnalyzedDoc, lexicon: Lexicon) -> Iterator[tuple[int, int, str, str, str]]:
    """``(start, end, class, canonical title, instrument type)`` of every instrument title in 《》,
    in normalised coordinates, with short names resolved to full titles."""
    text = doc.text
    markers = re.compile(
        rf"[（(，,]?\s*(?:{alternation(lexicon.words['short_name_markers'])})\s*《([^《》\n]{{1,40}})》"
    )
    short_names: dict[str, str] = {}
    last_by_type: dict[str, str] = {}
    for m in _TITLE.finditer(text):
        title = m.group(1).strip()
        coded = _standard_code(lexicon).match(text, m.end()) is not None
        # "《古树名木鉴定规范》(LY/T 2737-2016)": a standard, whatever its title ends with
        kind = classify_title(title, lexicon) or (("Regulation", "标准") if coded else None)
        if kind is None:
            continue
        doc_type = kind[1]
        declared = markers.match(text, m.end())
        if declared:
            short_names[declared.group(1).strip()] = title
        canonical = short_names.get(title)
        if canonical is None and title == doc_type:
            canonical = last_by_type.get(doc_type)
        if canonical is None:
            canonical = title
            for suffix, _ in _suffixes(lexicon):
                if title.endswith(suffix):
                    last_by_type[suffix] = title
        resolved = classify_title(canonical, lexicon) or kind
        if coded:
            resolved = ("Regulation", resolved[1])
        yield m.start(1), m.end(1), resolved[0], canonical, resolved[1]


@cache
def _standard_code(lexicon: Lexicon) -> re.Pattern[str]:
    """A standard's number in brackets right after a title: (GB 3095-2012), (SL/T 793-2020).
    Only its series and first digit are read, not the whole number as
    :func:`ecokg.text.codes.find_standard_codes` reads it: a page break may cut the number
    ("(SL/T 793-202⏎- 1 -⏎0)") and the title is still a standard's."""
    series = lexicon.words.get("standards", {}).get("series") or ()
    return re.compile(rf"\s*[（(]\s*(?:{'|'.join(series)})(?:/[TZ])?\s*/?\s*\d")  # DB32/1072


def extract_titles(doc: AnalyzedDoc, lexicon: Lexicon) -> Iterator[EntityMention]:
    """Title mentions as entity mentions (the entity extractor uses :func:`title_mentions`)."""
    for start, end, cls, name, doc_type in title_mentions(doc, lexicon):
        yield EntityMention(
            cls,
            name,
            f"{cls.lower()}:{name}",
            doc.source_span(start, end),
            (("instrumentType", doc_type),),
        )
