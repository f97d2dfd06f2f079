"""Helpers for matching word lists loaded from lexicon files."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` that tries the longest first (``(?!)`` when empty)."""
    unique = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in unique) if unique else "(?!)"


def _longest(text: str, words: Iterable[str], test: str) -> str | None:
    matching = [w for w in words if w and getattr(text, test)(w)]
    return max(matching, key=len) if matching else None


def ends_with_any(text: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``text`` ends with, if any."""
    return _longest(text, words, "endswith")


def starts_with_any(text: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``text`` starts with, if any."""
    return _longest(text, words, "startswith")
