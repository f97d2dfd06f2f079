"""Tests for ecokg.text.wordlists: word-list patterns and matchers."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.text.wordlists import (
    Affixes,
    LongestMatch,
    alternation,
    ends_with_any,
    starts_with_any,
)

WORDS = st.lists(st.text(alphabet="南京昌市湖江西省", min_size=1, max_size=4), max_size=12)
TEXTS = st.text(alphabet="南京昌市湖江西省 ，", max_size=40)


@settings(max_examples=400)
@given(WORDS, TEXTS, st.data())
def test_longest_match_finds_what_the_alternation_finds(
    words: list[str], text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    pattern = re.compile(alternation(words))
    expected = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text, start, end)]
    assert [tuple(m) for m in LongestMatch(words).finditer(text, start, end)] == expected


def test_longest_word_at_either_end() -> None:
    words = ["南京", "南京市", "市"]
    assert starts_with_any("南京市区", words) == "南京市"
    assert ends_with_any("在南京市", words) == "南京市"
    assert ends_with_any("南京", ["市"]) is None


@settings(max_examples=300)
@given(WORDS, TEXTS)
def test_affixes_find_what_a_scan_of_every_word_finds(words: list[str], text: str) -> None:
    affixes = Affixes(words)
    assert ends_with_any(text, affixes) == ends_with_any(text, words)
    assert starts_with_any(text, affixes) == starts_with_any(text, words)
