"""Split normalised text into paragraphs, sentences and clauses (spans, never copies)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"[^\n]+")
# A sentence ends after a terminal mark and any closing quotes or brackets that follow it.
_SENTENCE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)]*|$)|[。！？!?；;]+")
# A clause ends at a comma, colon or final mark, with any closing quotes that follow it.
# A comma between digits groups thousands (19,365种): no break there.
_CLAUSE_BREAK = re.compile(r"(?:[，：:；;。！？!?]|,(?!\d{3}(?!\d))|(?<!\d),)+[”’」』）)\"]*")


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of the normalised text."""

    start: int
    end: int

    def contains(self, pos: int) -> bool:
        """Whether ``pos`` falls inside the span."""
        return self.start <= pos < self.end


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


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, in order, each knowing its paragraph and clauses."""
    result = []
    for index, para in enumerate(paragraphs(text)):
        for m in _SENTENCE.finditer(text, para.start, para.end):
            span = _strip(text, m.start(), m.end())
            if span:
                result.append(Sentence(span, index, clauses(text, span)))
    return result
