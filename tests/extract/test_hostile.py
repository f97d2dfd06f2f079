"""Extraction on a hostile text: one line with no stop, comma or space in it, only Chinese
characters and numbers (a broken conversion, or input made to be slow).

Time is never asserted (machines differ); the work is, as the number of function calls the
extractors make, which grows with the square of the length wherever they rescan what they read
before. Ten times the text must cost about ten times the calls, and every span must still
quote the original exactly.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract.base import Claim
from ecokg.extract.lexicon import Lexicon
from ecokg.pipeline import extract
from ecokg.text.analyzed import AnalyzedDoc, SourceSpan
from ecokg.text.segment import MAX_SENTENCE

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def line() -> str:
    """Real reports with everything but Chinese characters and digits taken out."""
    source = "".join(
        p.read_text(encoding="utf-8") for p in sorted(REPO.glob("tests/heldout3/*.txt"))
    )
    return re.sub(r"[^\u4e00-\u9fff0-9]", "", source)


def document(text: str) -> AnalyzedDoc:
    meta = SourceMeta(published=PartialDate(2025, 3))
    return AnalyzedDoc.of(Document("hostile", Path("hostile.txt"), text, "utf-8", meta))


def counted(doc: AnalyzedDoc, lexicon: Lexicon) -> tuple[list[Claim], int]:
    """The claims of a document and the calls (Python and C) made to find them."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        claims = extract(doc, lexicon)
    finally:
        sys.setprofile(None)
    return claims, calls


def spans(value: object) -> Iterator[SourceSpan]:
    """Every source span a claim holds, however deep."""
    if isinstance(value, SourceSpan):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from spans(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from spans(item)


def test_ten_times_the_line_costs_about_ten_times_the_work(line: str, lexicon: Lexicon) -> None:
    extract(document(line[:2000]), lexicon)  # loads the dictionaries and builds the patterns
    short, long_ = (line * 10)[:5_000], (line * 10)[:50_000]
    short_claims, short_calls = counted(document(short), lexicon)
    long_doc = document(long_)
    long_claims, long_calls = counted(long_doc, lexicon)
    assert short_claims and len(long_claims) > 5 * len(short_claims)
    # linear: about 10 (the longer text reuses what the shorter one taught the caches);
    # a pass that rescans what came before would make it 30 to 100
    assert long_calls < 14 * short_calls, (short_calls, long_calls)
    assert max(s.span.end - s.span.start for s in long_doc.sentences) <= MAX_SENTENCE
    for claim in long_claims:
        for span in spans(claim):
            assert span.text == long_[span.start : span.end], (claim, span)
