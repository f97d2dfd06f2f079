"""Tests for the helpers that keep ecokg.extract.places linear in the length of a text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.extract.places import _NameCounts, _ShortForms
from ecokg.text.segment import SpanSet

SPANS = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


@settings(max_examples=300)
@given(SPANS, SPANS)
def test_spans_answer_as_a_scan_of_every_span_does(
    added: list[tuple[int, int]], asked: list[tuple[int, int]]
) -> None:
    spans = SpanSet(added[:4])
    seen = list(added[:4])
    for start, end in [*added[4:], *asked]:
        assert spans.overlaps(start, end) == any(a < end and start < b for a, b in seen)
        spans.add(start, end)
        seen.append((start, end))


@settings(max_examples=300)
@given(
    st.text(alphabet="扎龙区保护", max_size=40),
    st.text(alphabet="扎龙区保护", min_size=2, max_size=4),
    st.data(),
)
def test_short_forms_are_what_finditer_finds(text: str, stem: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    expected = [
        (start + m.start(), start + m.end())
        for m in re.finditer(re.escape(stem) + "保护区", text[start:end])
    ]
    forms = _ShortForms(text, start, end)
    assert forms.of(stem) == expected
    assert forms.of(stem) == []  # asked again: what it found is taken by then


@settings(max_examples=300)
@given(
    st.text(alphabet="东湖江水库湖湖", max_size=40),
    st.text(alphabet="东湖江水", min_size=1, max_size=4),
    st.sampled_from(["湖", "江", "水库"]),
)
def test_name_counts_are_what_str_count_says(text: str, stem: str, suffix: str) -> None:
    counts = _NameCounts(text, ["湖", "江", "水库", "库"])
    assert counts.of(stem + suffix) == text.count(stem + suffix)
