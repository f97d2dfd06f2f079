"""Split normalised text into paragraphs, sentences and clauses (spans, never copies).

Extractors read a sentence, its clauses and its paragraph again and again, so the time they
take grows with the square of a sentence's or paragraph's length. Real ones are short (the
test documents' longest: 250 and 1,075 characters); a broken or hostile text may be one line
of megabytes with no stop in it. A sentence longer than :data:`MAX_SENTENCE` is therefore read
as several, cut by :func:`cut_span` where a reader would pause, and a line longer than
:data:`MAX_PARAGRAPH` as several paragraphs, cut between sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"[^\n]+")
# A sentence ends after a terminal mark and any closing quotes or brackets that follow it.
_SENTENCE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)]*|$)|[。！？!?；;]+")
# A clause ends at a comma, colon or final mark, with any closing quotes that follow it.
# A comma between digits groups thousands (19,365种): no break there.
_CLAUSE_BREAK = re.compile(r"(?:[，：:；;。！？!?]|,(?!\d{3}(?!\d))|(?<!\d),)+[”’」』）)\"]*")

MAX_SENTENCE = 500
MAX_PARAGRAPH = 4000
# Where a long span is cut, best first: after a mark that ends a clause or closes a quote, after
# a space, between two Chinese characters (never inside a number or a Latin word).
_CUTS = (
    re.compile(r"[，：:、；;。！？!?”’」』）)】》]|,(?!\d)"),  # not a thousands comma
    re.compile(r"\s"),
    re.compile(r"[\u4e00-\u9fff](?=[\u4e00-\u9fff])"),
)


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of the normalised text."""

    start: int
    end: int

    def contains(self, pos: int) -> bool:
        """Whether ``pos`` falls inside the span."""
        return self.start <= pos < self.end


class SpanSet:
    """A growing set of spans of a text: does a new span share a character with any of them?
    (A flag per character up to the furthest span: each question and each addition costs its
    own length, however many spans there are; spans are never empty.)"""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._covered = bytearray()
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span of the set."""
        return self._covered.find(1, start, end) >= 0

    def add(self, start: int, end: int) -> None:
        """Add ``[start, end)``."""
        if end > len(self._covered):
            self._covered.extend(bytes(end - len(self._covered)))
        self._covered[start:end] = b"\x01" * (end - start)


@dataclass(frozen=True)
class Sentence:
    """A sentence with its paragraph index and its clauses."""

    span: Span
    paragraph: int
    clauses: tuple[Span, ...]


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines of the normalised text (broken lines were joined by normalisation)."""
    spans = (_strip(text, m.start(), m.end()) for m in _PARAGRAPH.finditer(text))
    return [s for s in spans if s]


def clauses(text: str, sentence: Span) -> tuple[Span, ...]:
    """Comma/colon/semicolon-delimited pieces of a sentence, delimiters excluded."""
    out = []
    pos = sentence.start
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        span = _strip(text, pos, m.start())
        if span:
            out.append(span)
        pos = m.end()
    span = _strip(text, pos, sentence.end)
    if span:
        out.append(span)
    return tuple(out)


def cut_span(text: str, span: Span, limit: int) -> list[Span]:
    """``span`` cut into consecutive pieces of at most ``limit`` characters that cover it
    exactly. Each cut falls in the second half of what is left of the limit, at the last place
    of the best kind there (see ``_CUTS``), else at the limit itself."""
    pieces = []
    pos = span.start
    while span.end - pos > limit:
        low, high = pos + limit // 2, pos + limit
        cut = high
        for pattern in _CUTS:
            # a match may look one character past the window (two Chinese characters)
            ends = [m.end() for m in pattern.finditer(text, low, min(high + 1, span.end))]
            found = [end for end in ends if end <= high]
            if found:
                cut = found[-1]
                break
        pieces.append(Span(pos, cut))
        pos = cut
    pieces.append(Span(pos, span.end))
    return pieces


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, in order, each knowing its paragraph and clauses (a
    paragraph is a line, or a piece of an overlong one: see the module docstring)."""
    result: list[Sentence] = []
    index = -1
    for para in paragraphs(text):
        index += 1
        opened = para.start  # where the current paragraph began
        for m in _SENTENCE.finditer(text, para.start, para.end):
            for piece in cut_span(text, Span(m.start(), m.end()), MAX_SENTENCE):
                span = _strip(text, piece.start, piece.end)
                if span is None:
                    continue
                if span.end - opened > MAX_PARAGRAPH and result and result[-1].paragraph == index:
                    index += 1
                    opened = span.start
                result.append(Sentence(span, index, clauses(text, span)))
    return result
