"""A document after normalisation and segmentation: what every extractor receives."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from ecokg.corpus import Document
from ecokg.text.normalize import (
    NormalizedText,
    common_era,
    normalize,
    to_half_width,
    to_simplified,
)
from ecokg.text.periods import TimeAnchor
from ecokg.text.segment import Sentence, sentences

# a year (2024年), or the year closing a quoted campaign's name (“绿盾2024”自然保护地强化监督)
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|(?=[”\"」』]))")
# An edition's year after a title (《中国移动源环境管理年报(2025年)》): when the report came out,
# not the year it reports on.
_EDITION_YEAR = re.compile(r"\((?:19|20)\d{2}年?版?\)(?=》)")
# 去年 in a headline about its figures (深圳碳市场去年成交额…), not a comparison (较去年, 去年同期).
_LAST_YEAR = re.compile(r"(?<![较比于同])去年(?!同期|以来)")


@dataclass(frozen=True)
class SourceSpan:
    """A span of the *original* text with its exact text (``text == original[start:end]``)."""

    start: int
    end: int
    text: str


@dataclass
class AnalyzedDoc:
    """A :class:`Document` with its normalised text, offset map and sentences.

    Extractors read ``norm.text`` and report normalised spans; :meth:`source_span` turns them
    into spans of the original text, which is what the graph records.
    """

    document: Document
    norm: NormalizedText
    # Spans handed out so far: a paragraph or sentence cited as the evidence of many claims is
    # one object holding one copy of its text.
    _spans: dict[tuple[int, int], SourceSpan] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def of(cls, document: Document) -> AnalyzedDoc:
        """Normalise a document (the segmentation is computed lazily on first use)."""
        return cls(document, normalize(document.text))

    @cached_property  # (an attribute once read: extractors ask for it at every step)
    def text(self) -> str:
        """The normalised text."""
        return self.norm.text

    @cached_property
    def title(self) -> str:
        """The document's title as the text is normalised: its metadata's, else its first line
        unless that line is a paragraph (holds a full stop): then the document has none."""
        meta = self.document.meta.title
        if meta:
            title = to_half_width(to_simplified(meta))
            return common_era(title) if self.norm.minguo else title
        first = self.norm.text.split("\n", 1)[0]
        return "" if "。" in first else first

    @cached_property
    def publisher(self) -> str:
        """Who published the document (its metadata's), normalised as the text is; else ""."""
        meta = self.document.meta.publisher
        return to_half_width(to_simplified(meta)) if meta else ""

    @cached_property
    def time_anchor(self) -> TimeAnchor:
        """What relative times resolve against: the document's date and reporting period."""
        published = self.document.published
        year = published.year if published else None
        title = _EDITION_YEAR.sub("", self.title)
        named = set(_TITLE_YEAR.findall(title))
        if not named and year is not None and _LAST_YEAR.search(title) and "今年" not in title:
            # "…年报发布 去年全国机动车…排放总量降至…": the headline's figures are last year's
            named = {str(year - 1)}
        # "宜宾市2025年国民经济和社会发展统计公报", published in 2026: its 全年 is 2025
        title_year = int(next(iter(named))) if len(named) == 1 else None
        return TimeAnchor(
            year,
            self.document.meta.about_period,
            published.month if published else None,
            title_year if title_year and year and title_year <= year + 1 else None,
        )

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of the normalised text, in order."""
        return sentences(self.norm.text)

    @cached_property
    def paragraph_spans(self) -> dict[int, tuple[int, int]]:
        """For each paragraph index, the normalised span from its first to its last sentence."""
        spans: dict[int, tuple[int, int]] = {}
        for s in self.sentences:
            spans[s.paragraph] = (spans.get(s.paragraph, (s.span.start, 0))[0], s.span.end)
        return spans

    @cached_property
    def cut_paragraphs(self) -> frozenset[int]:
        """Paragraph indexes that are pieces of an overlong line (no line break before the next
        or after the previous piece): a span the segmenter cut, not one the writer made."""
        spans = self.paragraph_spans
        text = self.norm.text
        cut: set[int] = set()
        for index, (_, end) in spans.items():
            following = spans.get(index + 1)
            if following is not None and "\n" not in text[end : following[0]]:
                cut.update((index, index + 1))
        return frozenset(cut)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.span.start for s in self.sentences]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence containing normalised position ``pos``."""
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and self.sentences[i].span.contains(pos):
            return self.sentences[i]
        return None

    def source_span(self, start: int, end: int) -> SourceSpan:
        """The original-text span behind normalised ``[start, end)``, with its exact text."""
        span = self._spans.get((start, end))
        if span is None:
            o_start, o_end = self.norm.original_span(start, end)
            span = SourceSpan(o_start, o_end, self.document.text[o_start:o_end])
            self._spans[(start, end)] = span
        return span
