"""Normalise Chinese source text while keeping a map back to original character offsets.

Every extractor works on the normalised text (conversion debris removed, simplified script,
half-width digits and Latin, markup remnants removed (tags, comments, script and style blocks;
entities decoded), invisible characters removed (controls, bidi overrides, zero-width
characters), layout breaks inside sentences joined, the line breaks of a post written a
phrase per line made clause marks) and reports spans in it; the
:class:`OffsetMap` turns those into spans of the original text, so a quote is always exactly
``original[start:end]``.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

import opencc

# Sentence-final marks: a line ending in one of these ends a sentence, so its break is kept.
_TERMINAL = "。！？!?；;：:…~"
# Closing quotes and brackets end a sentence only when a terminal mark stands before them.
_CLOSERS = '」』”’"）)】]》'
# A line ending in one of these goes on in the next line, however short it is.
_CONTINUING = (",", "、", "，")
# Lines shorter than this are taken for headings or captions even without final punctuation.
_MIN_BODY_LINE = 40
# Punctuation inside a line that only body text has: a line holding it is no heading.
_INSIDE_BODY = "。；;，,"
# A table's row: a first cell and two or more numbers, space apart ("2022 3,214 412 389"); the
# commas grouping its digits are no clause's.
_TABLE_ROW = re.compile(r"\S+(?:[ \t]+-?[\d,.]+%?){2,}")
# A block of at least this many short lines, none but its last ending a sentence and half of
# them giving a figure, is a post written a phrase per line (a WeChat article): its lines are
# clauses of one sentence. (A title block, a dateline or a list of links gives few figures.)
_MIN_POST_LINES = 4
# ...unless a line is laid out in cells (a table: tabs, runs of spaces, an ideographic space,
# which half-width text has as one space before a row's number),
# marked as a list item, or the block is prose broken by a page's layout (commas inside lines).
_BLOCK = re.compile(r"\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")  # lines between blank lines
# A line that opens an item or a heading (一、 （一） 1. 一是 第一 ■): never a wrapped line's end.
_ITEM = re.compile(
    r"[#\-*•（(【\[■●◆]|[一二三四五六七八九十]+[、是]|\d+[、.．]|第[一二三四五六七八九十]"
)
# How far back a wrapped paragraph's indented first line is looked for.
_MAX_WRAPPED_LINES = 40
_NOT_POST_LINE = re.compile(r"\t| {2,}|\u3000|\s[\d.,%]+$|^[#\-*•·▶【]")


@dataclass(frozen=True)
class OffsetMap:
    """For each normalised character, the original half-open range ``[start, end)`` it came from."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text to itself."""
        return cls(tuple(range(length)), tuple(range(1, length + 1)), length)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span to the original span covering every character it came from."""
        if not 0 <= start <= end <= len(self.starts):
            raise IndexError(f"span {start}:{end} outside normalised text of {len(self.starts)}")
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text and its map to the original."""

    text: str
    offsets: OffsetMap
    # whether the text counts years in the Minguo calendar (rewritten to the common era)
    minguo: bool = False

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Shorthand for ``offsets.to_original``."""
        return self.offsets.to_original(start, end)


class _Rewriter:
    """Builds a new text from an old one piece by piece, composing the offset map as it goes."""

    def __init__(self, source: NormalizedText) -> None:
        self._src = source
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def keep(self, start: int, end: int) -> None:
        self._parts.append(self._src.text[start:end])
        self._starts.extend(self._src.offsets.starts[start:end])
        self._ends.extend(self._src.offsets.ends[start:end])

    @property
    def length(self) -> int:
        return len(self._starts)

    def widen(self, first: int, start: int, end: int) -> None:
        """Stretch the characters appended since ``first`` to cover source ``[start, end)``."""
        if first < len(self._starts):
            self._starts[first] = min(self._starts[first], self._src.offsets.starts[start])
            self._ends[-1] = max(self._ends[-1], self._src.offsets.ends[end - 1])

    def replace(self, start: int, end: int, new: str) -> None:
        if not new:
            return
        o_start = self._src.offsets.starts[start]
        o_end = self._src.offsets.ends[end - 1]
        self._parts.append(new)
        self._starts.extend([o_start] * len(new))
        self._ends.extend([o_end] * len(new))

    def result(self) -> NormalizedText:
        offsets = OffsetMap(
            tuple(self._starts), tuple(self._ends), self._src.offsets.original_length
        )
        return NormalizedText("".join(self._parts), offsets)


def rewrite(
    source: NormalizedText,
    pattern: re.Pattern[str],
    repl: Callable[[re.Match[str]], str],
    end: int | None = None,
) -> NormalizedText:
    """Replace every match of ``pattern`` (that ends by ``end``, if given) by ``repl(match)``,
    keeping offsets exact.

    A replacement keeps any group text it re-uses mapped to the whole match: markup like
    ``PM_{2.5}`` becomes ``PM2.5`` and each of its characters points into the original span.
    """
    limit = len(source.text) if end is None else end
    if pattern.search(source.text, 0, limit) is None:
        return source  # most texts have nothing to rewrite: no copy of the offset map
    out = _Rewriter(source)
    pos = 0
    for m in pattern.finditer(source.text, 0, limit):
        out.keep(pos, m.start())
        new = repl(m)
        if new == m.group(0):
            out.keep(m.start(), m.end())
        # Characters of the replacement that equal a kept group are mapped one to one.
        elif m.lastindex and new == "".join(m.group(i) or "" for i in range(1, m.lastindex + 1)):
            first = out.length
            for i in range(1, m.lastindex + 1):
                if m.group(i):
                    out.keep(m.start(i), m.end(i))
            # The first and last kept characters reach out to the markup around them, so a quote
            # of "PM2.5" is the whole "PM_{2.5}", never a piece of it.
            out.widen(first, m.start(), m.end())
        else:
            out.replace(m.start(), m.end(), new)
        pos = m.end()
    out.keep(pos, len(source.text))
    return out.result()


def _translate(source: NormalizedText, convert: Callable[[str], str]) -> NormalizedText:
    """Apply a length-preserving conversion; fall back to per-character conversion otherwise."""
    converted = convert(source.text)
    if len(converted) != len(source.text):
        converted = "".join(convert(c) if len(convert(c)) == 1 else c for c in source.text)
    return NormalizedText(converted, source.offsets)


# Full-width ASCII (U+FF01..U+FF5E) to half-width; the ideographic and no-break spaces (the
# latter also as &nbsp;) to a space; the corner brackets that quote in traditional script
# (「河長+警長」, 『…』) to the curly quotes of simplified text, so a quoted name reads the same in
# either script.
_WIDTH_TABLE = (
    {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
    | {0x3000: 0x20, 0xA0: 0x20}
    | {ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"}
)
_MARKUP_GROUP = re.compile(r"[_^]\{([^{}\n]{1,12})\}|<su[bp]>([^<\n]{1,12})</su[bp]>")
# What a web page leaves in a copied text: comments and script or style blocks (removed with
# what they hold, each pattern with the pattern of its end), tags, and character entities
# (decoded by the standard library).
_HTML_BLOCKS = tuple(
    (re.compile(f"{start}.*?{close}", re.IGNORECASE | re.DOTALL), re.compile(close, re.IGNORECASE))
    for start, close in (
        ("<!--", "-->"),
        (r"<script\b[^<>]{0,500}>", r"</script\s*>"),
        (r"<style\b[^<>]{0,500}>", r"</style\s*>"),
    )
)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>")
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_HTML_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# Characters that show nothing but can break outputs or hide text: C0 and C1 controls other than
# tab and line breaks, lone surrogates, the non-characters U+FFFE/U+FFFF, and format characters
# (soft hyphen, zero-width spaces and joiners, bidi marks, embeddings, overrides and isolates,
# word joiners, a BOM inside the text).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff"
    "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
# Line breaks in other forms (vertical tab, form feed between pages, NEL, line and paragraph
# separators) become the line break the segmenter knows.
_OTHER_BREAK = re.compile("[\x0b\x0c\x85\u2028\u2029]")
# What a broken conversion leaves behind: a character's pinyin in brackets after it
# (生態(tài)環(huán)境), and a replacement mark for a character it could not encode
# (质量?持续, U+FFFD).
# A real question mark is full-width in Chinese text and ends a sentence; this one sits between
# two characters.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_CONVERSION_DEBRIS = re.compile(
    rf"(?<=[\u4e00-\u9fff])[(（][a-zü]*[{_TONED}][a-zü{_TONED}]*[)）]"
    r"|(?<=[\u4e00-\u9fff])\?+(?=[\u4e00-\u9fff])|\ufffd"
)
# One or more line breaks (with blank lines between) that may fall inside a sentence.
_BREAK = re.compile(r"[ \t]*\r?\n(?:[ \t]*\r?\n)*[ \t]*")


def to_half_width(text: str) -> str:
    """Full-width ASCII forms (１２，：) as ASCII, the ideographic space as a space, corner
    brackets as curly quotes."""
    return text.translate(_WIDTH_TABLE)


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional Chinese to simplified with OpenCC (phrase-aware)."""
    return str(_t2s().convert(text))


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Convert simplified Chinese to traditional with OpenCC, for labels in both scripts."""
    return str(_s2t().convert(text))


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _post_blocks(text: str) -> list[tuple[int, int]]:
    """The spans of the blocks (lines between blank lines) written a phrase per line."""
    found = []
    for block in _BLOCK.finditer(text):
        lines = [line.strip() for line in block.group(0).split("\n")]
        if (
            len(lines) >= _MIN_POST_LINES
            and all(0 < len(line) < _MIN_BODY_LINE for line in lines)
            and not any(_ends_sentence(line) for line in lines[:-1])
            and not any(_NOT_POST_LINE.search(line) for line in block.group(0).split("\n"))
            and 2 * sum(any(c.isdigit() for c in line) for line in lines) >= len(lines)
            and sum(any(c in _INSIDE_BODY for c in line) for line in lines) <= 1
        ):
            found.append(block.span())
    return found


def _join_broken_lines(source: NormalizedText) -> NormalizedText:
    text = source.text
    posts = _post_blocks(text)
    post_ends = [end for _, end in posts]

    def repl(m: re.Match[str]) -> str:
        line_start = text.rfind("\n", 0, m.start()) + 1
        prev_line = text[line_start : m.start()].strip()
        line_end = text.find("\n", m.end())
        next_line = text[m.end() : len(text) if line_end < 0 else line_end].strip()
        if "\t" in prev_line and "\t" in next_line:
            return m.group(0)  # rows of a table laid out in cells, each a line of its own
        if prev_line.endswith(_CONTINUING) and next_line:
            return ""  # a heading never ends with a comma: the sentence goes on
        at = bisect_right(post_ends, m.start())
        if at < len(posts) and posts[at][0] <= m.start() and m.group(0).count("\n") == 1:
            return "，"  # "分别为97.6%、95.2%和94.8%⏎银沙滩海水浴场以71.3%排名末位": one post
        if (
            any(c in prev_line for c in _INSIDE_BODY)
            and not _TABLE_ROW.fullmatch(prev_line)
            and not _ends_sentence(prev_line)
            and next_line
            and next_line[0] not in "#-*•（(【["
        ):
            return ""  # "…比例为95.9%，同比⏎上升0.5个百分点": a heading holds no sentence
        if (
            len(prev_line) >= _MIN_BODY_LINE
            and not _ends_sentence(prev_line)
            and next_line
            and next_line[0] not in "#-*•（(【["
            # A short line that does not end a sentence either is a heading, not a continuation.
            and (len(next_line) >= _MIN_BODY_LINE or _ends_sentence(next_line))
            # A long line without a comma before a blank line is a headline or a source line
            # ("…25.5万亩　岩溶地区植被综合盖度达70.6%⏎⏎来源：…"), not prose a page broke, unless
            # what follows is a sentence's short end ("…⏎⏎并将继续推进。").
            and (
                m.group(0).count("\n") == 1
                or any(c in prev_line for c in "，,、")
                or (_ends_sentence(next_line) and len(next_line) < _MIN_BODY_LINE)
            )
        ):
            return ""
        if (
            _ends_sentence(prev_line)
            and m.group(0).count("\n") == 1
            and not m.group(0).endswith((" ", "\t"))
            and len(next_line) >= _MIN_BODY_LINE
            and not _ITEM.match(next_line)
            and _in_wrapped_paragraph(text, line_start, m.start())
        ):
            return ""  # "…位列全市第二。⏎从乡镇看，…": the page wrapped where a sentence ended
        return m.group(0)

    return rewrite(source, _BREAK, repl)


def _in_wrapped_paragraph(text: str, line_start: int, line_end: int) -> bool:
    """Whether the line ``text[line_start:line_end]`` belongs to an indented paragraph whose lines
    a page wrapped: it, and every line back to the paragraph's indented first one, is a long
    line. A text that indents its paragraphs starts a new one with an indent, so an unindented
    long line after such a paragraph goes on with it."""
    for _ in range(_MAX_WRAPPED_LINES):
        line = text[line_start:line_end]
        if len(line.strip()) < _MIN_BODY_LINE:
            return False
        if line[:1] in (" ", "\t"):
            return True
        if line_start == 0:
            return False
        line_end = line_start - 1
        line_start = text.rfind("\n", 0, line_end) + 1
    return False


# The Minguo calendar (民国, year 1 = 1912), in which Taiwan counts its years: 113年 is 2024,
# "114-01-16" a date of 2025, 今(114)年 this year. A text counts so when it says 民国 before a
# year, or names Taiwan and writes more three-digit years than four-digit ones (a duration,
# 100年来, 113年历史, is no year).
_MINGUO_OFFSET = 1911
_MINGUO_MARK = re.compile(r"民国\s*\d{2,3}\s*年")
_TAIWAN_MARK = re.compile(r"台湾|新台币|行政院|中华民国")
_NOT_A_YEAR = r"(?!\s*年(?:代|来|间|前|后|多|以上|以下|左右|内|里|历史|之久))"
_MINGUO_DIGITS = r"1[0-4]\d"  # the years 100 to 149 (2011 to 2060)
_MINGUO_YEAR = re.compile(rf"(?<![\d.第]){_MINGUO_DIGITS}(?=\s*年){_NOT_A_YEAR}")
_COMMON_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")
_MINGUO = re.compile(
    r"(?P<prefixed>民国\s*(?P<year>\d{2,3}))(?=\s*年)"
    # (two digits for the years before 2011, not after a word that makes a duration: 近50年)
    rf"|(?<![\d.第近逾满过达])(?P<bare>{_MINGUO_DIGITS}|[5-9]\d)(?=\s*年){_NOT_A_YEAR}"
    rf"|(?<![\d./-])(?P<dated>{_MINGUO_DIGITS})(?=[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?!\d))"
    rf"|(?<=今)(?P<this>\({_MINGUO_DIGITS}\))(?=年)"
    # In Taiwan's own texts the whole country (全国) is Taiwan.
    r"|(?P<country>全国)"
)


def uses_minguo(text: str) -> bool:
    """Whether a normalised (simplified, half-width) text counts its years in the Minguo
    calendar."""
    if _MINGUO_MARK.search(text):
        return True
    if not _TAIWAN_MARK.search(text):
        return False
    minguo = len(_MINGUO_YEAR.findall(text))
    return minguo >= 2 and minguo > len(_COMMON_YEAR.findall(text))


def _common_era(m: re.Match[str]) -> str:
    if m["country"]:
        return "全台"
    if m["this"]:
        return ""  # 今(114)年 is 今年
    return str(int(m["year"] or m["bare"] or m["dated"]) + _MINGUO_OFFSET)


def common_era(text: str) -> str:
    """A text of the Minguo calendar with its years in the common era (a title's)."""
    return _MINGUO.sub(_common_era, text)


def _decode_entity(m: re.Match[str]) -> str:
    # An unknown name stays as written; a decoded invisible character (&#8238;) goes.
    return _INVISIBLE.sub("", to_half_width(html.unescape(m.group(0))))


def _remove_remnants(source: NormalizedText) -> NormalizedText:
    """Remove markup (PM_{2.5}, tags, comments, script and style blocks), decode entities, and
    remove invisible characters, keeping offsets exact."""
    current = rewrite(source, _MARKUP_GROUP, lambda m: m.group(1) or m.group(2) or "")
    for block, close in _HTML_BLOCKS:
        # Searched only up to the block's last end: a start before it always finds an end, so
        # starts that never close (thousands of "<!--") cost no scan to the end of the text each.
        last = max((m.end() for m in close.finditer(current.text)), default=0)
        current = rewrite(current, block, lambda m: "", end=last)
    # (a table cell's end keeps the cells apart, "<td>2</td><td>某公司</td>" is 2, then 某公司)
    current = rewrite(current, _HTML_TAG, lambda m: "\t" if _CELL_END.fullmatch(m[0]) else "")
    current = rewrite(current, _HTML_ENTITY, _decode_entity)
    current = rewrite(current, _OTHER_BREAK, lambda m: "\n")
    return rewrite(current, _INVISIBLE, lambda m: "")


def readable(text: str) -> str:
    """``text`` as a person reads it: without markup and invisible characters, entities decoded,
    in its own script and width (how a label quotes a span of the original)."""
    return _remove_remnants(NormalizedText(text, OffsetMap.identity(len(text)))).text


def normalize(text: str) -> NormalizedText:
    """Run every normalisation step over ``text`` and return the result with its offset map."""
    current = NormalizedText(text, OffsetMap.identity(len(text)))
    current = rewrite(current, _CONVERSION_DEBRIS, lambda m: "")
    current = _translate(current, to_half_width)
    current = _translate(current, to_simplified)
    current = _remove_remnants(current)
    current = _join_broken_lines(current)
    if uses_minguo(current.text):
        current = replace(rewrite(current, _MINGUO, _common_era), minguo=True)
    return current
