"""Helpers for matching word lists loaded from lexicon files."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, the longest first (``(?!)`` when empty).

    The words are laid out as a trie (``南(?:昌(?:市)?|京)``), so the engine decides at each
    character instead of trying thousands of alternatives one by one at every position: a
    gazetteer of every county costs no more than a short list.
    """
    trie: dict[str, Any] = {}
    for word in {w for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie) if trie else "(?!)"


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that matches wherever one of ``patterns`` does, to rule texts out at once;
    one that matches everywhere when they cannot be joined without changing what they match
    (a researcher's lexicon may use back-references, a group name twice or inline flags)."""
    if any(_BACKREFERENCE.search(p.pattern) for p in patterns):
        return re.compile("")
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)")
    except re.error:
        return re.compile("")


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [
        re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = f"(?:{'|'.join(branches)})"
    # A word ending here is tried after every longer one (greedy "?"): longest match first.
    return body + "?" if "" in node else body


class Affixes:
    """Words to find at the start or the end of a text, the longest first: a set lookup per
    length of the words instead of a test of every word (a list built once, for lists that
    are asked about often)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w)
        self._sizes = sorted({len(w) for w in self.words}, reverse=True)
        self.longest = self._sizes[0] if self._sizes else 0  # a window this long is enough

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def at_end(self, text: str) -> str | None:
        """The longest of the words that ``text`` ends with, if any."""
        for size in self._sizes:
            if size <= len(text) and text[-size:] in self.words:
                return text[-size:]
        return None

    def at_start(self, text: str) -> str | None:
        """The longest of the words that ``text`` starts with, if any."""
        for size in self._sizes:
            if size <= len(text) and text[:size] in self.words:
                return text[:size]
        return None


def _longest(words: Iterable[str], holds: Callable[[str | tuple[str, ...]], bool]) -> str | None:
    candidates = tuple(words)
    if not holds(candidates):
        return None  # most texts hold none of the words: one test of them all, in C
    best = ""  # the first of the longest: a word no longer than the best is not tried
    for word in candidates:
        if len(word) > len(best) and holds(word):
            best = word
    return best or None


def ends_with_any(text: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``text`` ends with, if any."""
    if isinstance(words, Affixes):
        return words.at_end(text)
    return _longest(words, text.endswith)


def starts_with_any(text: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``text`` starts with, if any."""
    if isinstance(words, Affixes):
        return words.at_start(text)
    return _longest(words, text.startswith)


class LongestMatch:
    """Leftmost-longest occurrences of a set of words, without overlaps: what
    ``re.compile(alternation(words)).finditer`` finds, by looking the candidates up in a set.

    A regular expression tries the branches of its first character one by one at every
    position; with thousands of words (the gazetteer) that costs microseconds per character.
    Here each position costs one lookup per length of the words that start with its character.
    """

    def __init__(self, words: Iterable[str], yielding: str = "") -> None:
        """``yielding``: first characters (conjunctions: 和, 与) of a two-character word that
        gives way to a word starting right after it and ending later ("和安顺市" is 和|安顺市,
        not the short name 和安 of 和安县)."""
        self.words = frozenset(w for w in words if w)
        self._yielding = frozenset(yielding)
        lengths: dict[str, set[int]] = {}
        for word in self.words:
            lengths.setdefault(word[0], set()).add(len(word))
        self._lengths = {c: sorted(n, reverse=True) for c, n in lengths.items()}
        # the characters that start a word: the engine skips the others, which is most of a text
        firsts = "".join(re.escape(c) for c in sorted(lengths))
        self._first = re.compile(f"[{firsts}]" if firsts else "(?!)")

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """The matches in ``text[start:end]``, left to right, as (start, end, word)."""
        end = len(text) if end is None else end
        words, lengths, first = self.words, self._lengths, self._first
        pos = start
        while (found := first.search(text, pos, end)) is not None:
            pos = found.start()
            for size in lengths[text[pos]]:
                stop = pos + size
                if stop <= end and text[pos:stop] in words:
                    if (
                        size == 2
                        and text[pos] in self._yielding
                        and self._longer_after(text, pos + 1, stop, end)
                    ):
                        pos += 1
                        break
                    yield Match(pos, stop, text[pos:stop])
                    pos = stop
                    break
            else:
                pos += 1

    def _longer_after(self, text: str, pos: int, stop: int, end: int) -> bool:
        """Whether a word starts at ``pos`` and ends after ``stop``."""
        return any(
            stop < pos + size <= end and text[pos : pos + size] in self.words
            for size in self._lengths.get(text[pos], ())
        )


class Match(NamedTuple):
    """A word found at ``[start, end)``."""

    start: int
    end: int
    word: str
