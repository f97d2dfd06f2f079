"""Is a piece of text about the environment? (Newspaper pages mix it with other stories.)"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from typing import NamedTuple

from ecokg.extract.lexicon import Lexicon
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.segment import Sentence, Span, paragraphs
from ecokg.text.wordlists import alternation

# A paragraph that ends no sentence of its own (a heading, a byline) opens no article alone.
_SENTENCE_END = re.compile(r"[。！？!?；;][”’」』）)]*\s*$")


class _Patterns(NamedTuple):
    environmental: re.Pattern[str]
    compounds: re.Pattern[str]  # environmental words holding an off-topic one (医疗废物)
    off_topic: re.Pattern[str]
    # the branches of ``off_topic`` apart: the union matches where one of them does, and alone
    # each lets the engine skip to where it can start (the union, with its lookbehinds, tries
    # every branch at every position)
    off_topic_parts: tuple[re.Pattern[str], ...]
    article_start: re.Pattern[str]
    caption: re.Pattern[str]


def _any_of(regexes: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{r})" for r in regexes))


@cache
def _patterns(lexicon: Lexicon) -> _Patterns:
    topics = lexicon.words["topics"]
    off_topic = [alternation(topics["off_topic"]), *topics.get("off_topic_patterns", ())]
    return _Patterns(
        re.compile(alternation(topics["environmental"])),
        re.compile(alternation(topics.get("environmental_compounds", ()))),
        _any_of(off_topic),
        tuple(re.compile(r) for r in off_topic),
        _any_of(topics["article_starts"]),
        _any_of(topics["captions"]),
    )


def topic_counts(lexicon: Lexicon, text: str) -> tuple[int, int]:
    """(environmental, off-topic) keyword counts; off-topic words are masked first."""
    patterns = _patterns(lexicon)
    if not any(part.search(text) for part in patterns.off_topic_parts):
        return len(patterns.environmental.findall(text)), 0  # most texts: nothing to mask
    # a compound counts once, as environmental, and leaves nothing for the masks (医疗废物 is
    # neither 医疗 nor a second 废物)
    text, compounds = patterns.compounds.subn("\0", text)
    rest, pos, off = [], 0, 0  # the text without its off-topic words, found in one pass
    for m in patterns.off_topic.finditer(text):
        rest.append(text[pos : m.start()])
        pos = m.end()
        off += 1
    rest.append(text[pos:])
    return len(patterns.environmental.findall("".join(rest))) + compounds, off


@lru_cache(maxsize=8192)
def _span_counts(lexicon: Lexicon, text: str, start: int, end: int) -> tuple[int, int]:
    """:func:`topic_counts` of ``text[start:end]``, remembered: every mention and number of a
    sentence asks about its clause, sentence and paragraph."""
    return topic_counts(lexicon, text[start:end])


@lru_cache(maxsize=8)
def _off_topic_articles(text: str, lexicon: Lexicon) -> tuple[tuple[int, ...], tuple[bool, ...]]:
    """Start offsets of the articles of a page and whether each is off topic. Articles open at a
    heading or a dateline (``topics.article_starts``); an opening with no sentence of its own
    joins the next one. Cached per text: every mention of a document asks."""
    opens = _patterns(lexicon).article_start
    starts: list[int] = []
    pending = False  # the last article so far holds only headings or bylines
    for para in paragraphs(text):
        if opens.match(text, para.start) and not pending:
            starts.append(para.start)
            pending = True
        if not starts:
            starts.append(para.start)
        if _SENTENCE_END.search(text, para.start, para.end):
            pending = False  # a dateline paragraph ("本报讯 …。") is the article's body already
    bounds = [*starts[1:], len(text)]
    flags = []
    for start, end in zip(starts, bounds, strict=True):
        env, off = _span_counts(lexicon, text, start, end)
        flags.append(off > env)
    return tuple(starts), tuple(flags)


def article_end(doc: AnalyzedDoc, lexicon: Lexicon, pos: int) -> int:
    """Where the article of a page that holds offset ``pos`` ends: the next one's start (a
    heading or a dateline, see ``topics.article_starts``), else the end of the text."""
    starts, _ = _off_topic_articles(doc.text, lexicon)
    return next((start for start in starts if start > pos), len(doc.text))


def _in_off_topic_article(doc: AnalyzedDoc, lexicon: Lexicon, pos: int) -> bool:
    starts, flags = _off_topic_articles(doc.text, lexicon)
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and flags[i]


def is_caption(doc: AnalyzedDoc, lexicon: Lexicon, paragraph: int) -> bool:
    """Whether a paragraph is a photo caption (``topics.captions``): page furniture that belongs
    to no article and states no finding of its own."""
    return _is_caption(doc.text, lexicon, *doc.paragraph_spans[paragraph])


@lru_cache(maxsize=8192)
def _is_caption(text: str, lexicon: Lexicon, start: int, end: int) -> bool:
    return bool(_patterns(lexicon).caption.search(text, start, end))


def off_topic_place(doc: AnalyzedDoc, lexicon: Lexicon, sentence: Sentence) -> bool:
    """Whether a sentence stands in an article about something else (a newspaper page's health
    or business story) and its paragraph does not turn to the environment (two or more
    environmental words, and more of them than words of other topics)."""
    start, end = doc.paragraph_spans[sentence.paragraph]
    if is_caption(doc, lexicon, sentence.paragraph) or not _in_off_topic_article(
        doc, lexicon, start
    ):
        return False
    env, off = _span_counts(lexicon, doc.text, start, end)
    # a paragraph that speaks mostly of the environment keeps it, with its clauses judged one
    # by one (a bulletin's "资源、环境和应急管理" also counts work-safety accidents)
    return off >= env or env < 2


def off_topic(
    doc: AnalyzedDoc, lexicon: Lexicon, sentence: Sentence, clause: Span | None = None
) -> bool:
    """Whether a clause (or sentence) is about something other than the environment.

    An article about another subject decides first (see :func:`off_topic_place`); then the
    clause when it names a topic; otherwise its sentence; otherwise the paragraph, which must
    speak more of other topics than of the environment.
    """
    if off_topic_place(doc, lexicon, sentence):
        return True
    text = doc.text
    spans = [(sentence.span.start, sentence.span.end)]
    if clause is not None:
        spans.insert(0, (clause.start, clause.end))
    for start, end in spans:
        env, off = _span_counts(lexicon, text, start, end)
        if env or off:
            return not env
    start, end = doc.paragraph_spans[sentence.paragraph]
    env, off = _span_counts(lexicon, text, start, end)
    return off > env
