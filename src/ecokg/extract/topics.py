"""Is a piece of text about the environment? (Newspaper pages mix it with other stories.)"""

from __future__ import annotations

import re
from functools import cache

from ecokg.extract.lexicon import Lexicon
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.segment import Sentence, Span
from ecokg.text.wordlists import alternation


@cache
def _patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    topics = lexicon.words["topics"]
    return re.compile(alternation(topics["environmental"])), re.compile(
        alternation(topics["off_topic"])
    )


def topic_counts(lexicon: Lexicon, text: str) -> tuple[int, int]:
    """(environmental, off-topic) keyword counts; off-topic words are masked first."""
    environmental, other = _patterns(lexicon)
    return len(environmental.findall(other.sub("", text))), len(other.findall(text))


def off_topic(
    doc: AnalyzedDoc, lexicon: Lexicon, sentence: Sentence, clause: Span | None = None
) -> bool:
    """Whether a clause (or sentence) is about something other than the environment.

    The clause decides when it names a topic; otherwise its sentence; otherwise the paragraph,
    which must speak more of other topics than of the environment.
    """
    text = doc.text
    spans = [(sentence.span.start, sentence.span.end)]
    if clause is not None:
        spans.insert(0, (clause.start, clause.end))
    for start, end in spans:
        env, off = topic_counts(lexicon, text[start:end])
        if env or off:
            return not env
    start, end = doc.paragraph_spans[sentence.paragraph]
    env, off = topic_counts(lexicon, text[start:end])
    return off > env
