"""Page furniture: the breadcrumbs, source and editor lines, datelines and bylines a page prints
around its article (patterns: ``data/lexicons/furniture.yaml``).

Found as spans of the normalised text, so the text keeps its offsets and an extractor can leave
out what falls inside them. Lines are the source's: normalisation may join a source line that
ends without punctuation to the paragraph after it, and that paragraph is no furniture.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ecokg.text.analyzed import AnalyzedDoc


@dataclass(frozen=True)
class Furniture:
    """A span of page furniture; ``publisher``: a line naming who published the page."""

    start: int
    end: int
    publisher: bool = False


def _line_start(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"[ \t\u3000]*(?:" + "|".join(words or ("(?!)",)) + ")")


@dataclass(frozen=True)
class _Patterns:
    lines: re.Pattern[str]
    publishers: re.Pattern[str]
    separator: re.Pattern[str]
    spans: tuple[re.Pattern[str], ...]
    link_headings: re.Pattern[str]
    link_items: re.Pattern[str]


@cache
def _compiled(
    line_starts: tuple[str, ...],
    publisher_starts: tuple[str, ...],
    separator: str,
    spans: tuple[str, ...],
    link_headings: tuple[str, ...],
    link_item: str,
) -> _Patterns:
    return _Patterns(
        _line_start(line_starts),
        _line_start(publisher_starts),
        re.compile(separator),
        tuple(re.compile(p) for p in spans),
        _line_start(link_headings),
        _line_start((link_item,)),
    )


def _patterns(settings: Mapping[str, Any]) -> _Patterns:
    return _compiled(
        tuple(settings.get("line_starts") or ()),
        tuple(settings.get("publisher_line_starts") or ()),
        str(settings.get("breadcrumb_separators") or "(?!)"),
        tuple(settings.get("spans") or ()),
        tuple(settings.get("link_list_headings") or ()),
        str(settings.get("link_list_items") or "(?!)"),
    )


def _source_lines(doc: AnalyzedDoc) -> Iterator[tuple[int, int]]:
    """Each line of the source as a span of the normalised text."""
    starts = doc.norm.offsets.starts
    source = doc.document.text
    pos = 0
    while pos <= len(source):
        end = source.find("\n", pos)
        end = len(source) if end < 0 else end
        yield bisect_left(starts, pos), bisect_left(starts, end)
        pos = end + 1


# The rest of a heading's line when it is a paragraph: a sentence of some length, not a link's
# title (【相关阅读】 · 九龙江…下达9.6亿元).
_SECTION_TEXT = re.compile(r"】?\s*[\u4e00-\u9fff][^·•・▪◆\n]{15,}[，。；]")


def furniture_spans(doc: AnalyzedDoc, settings: Mapping[str, Any]) -> list[Furniture]:
    """Every piece of page furniture in the normalised text, in text order."""
    patterns = _patterns(settings)
    text = doc.text
    longest = int(settings.get("breadcrumb_max_length", 0))
    found = []
    links = False  # in a list of links to other stories, under its heading
    for start, end in _source_lines(doc):
        line = text[start:end]
        heading = patterns.link_headings.match(line)
        if (
            heading is not None
            and _SECTION_TEXT.match(line, heading.end())
            and not patterns.lines.match(line)
        ):
            # "【延伸阅读】据统计，去年…": a heading with its paragraph on the same line opens a
            # section of the article, not a list of links to other stories (a 相关新闻 line is
            # another story's, whatever follows it)
            found.append(Furniture(start, start + heading.end() + (line[heading.end()] == "】")))
            links = False
            continue
        links = (links and (bool(patterns.link_items.match(line)) or not line.strip())) or bool(
            heading
        )
        if patterns.publishers.match(line):
            found.append(Furniture(start, end, publisher=True))
        elif (
            links
            or patterns.lines.match(line)
            or (len(line) <= longest and len(patterns.separator.findall(line)) >= 2)
        ):
            found.append(Furniture(start, end))
        else:
            for regex in patterns.spans:
                found.extend(
                    Furniture(start + m.start(), start + m.end()) for m in regex.finditer(line)
                )
    return sorted(found, key=lambda f: (f.start, f.end))


def page_publisher(doc: AnalyzedDoc, settings: Mapping[str, Any]) -> str:
    """Who the page itself says published it, for a document whose metadata does not: its
    masthead (a short first line: "洛阳市生态环境局"), its source lines
    ("信息来源：无锡市生态环境局") and the site a breadcrumb trail starts from
    ("通山县人民政府 > 政务公开 > …"), as parties separated by "；" ("" when none)."""
    separator = _patterns(settings).separator
    masthead = doc.text.split("\n", 1)[0].strip()
    named = [masthead] if len(masthead) <= _MASTHEAD_LENGTH and "。" not in masthead else []
    for spot in furniture_spans(doc, settings):
        line = doc.text[spot.start : spot.end]
        if spot.publisher:
            named.append(line)
        elif len(separator.findall(line)) >= 2:
            named.append(separator.split(line, 1)[0])
    return "；".join(named)


# Longest first line taken for a site's masthead (a body's name, not a headline).
_MASTHEAD_LENGTH = 20


def furniture_at(spans: Sequence[Furniture], start: int, end: int) -> Furniture | None:
    """The piece of furniture ``start:end`` overlaps, if any."""
    return next((f for f in spans if f.start < end and start < f.end), None)
