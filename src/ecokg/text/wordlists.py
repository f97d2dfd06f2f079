"""Helpers for matching word lists loaded from lexicon files."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` that tries the longest first (``(?!)`` when empty)."""
    unique = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in unique) if unique else "(?!)"


def ends_with_any(text: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``text`` ends with, if any."""
    best = None
    for word in words:
        if word and text.endswith(word) and (best is None or len(word) > len(best)):
            best = word
    return best


def starts_with_any(text: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``text`` starts with, if any."""
    best = None
    for word in words:
        if word and text.startswith(word) and (best is None or len(word) > len(best)):
            best = word
    return best
