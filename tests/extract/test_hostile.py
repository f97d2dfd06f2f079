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
from ecokg.extract.base import Claim, Observation, OutcomeLink
from ecokg.extract.lexicon import Lexicon
from ecokg.pipeline import extract
from ecokg.text.analyzed import AnalyzedDoc, SourceSpan
from ecokg.text.segment import MAX_PARAGRAPH, MAX_SENTENCE

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


def _filler(n: int) -> str:
    return ("加强生态保护修复工作" * (n // 10 + 1))[:n]


def test_a_value_cut_by_the_segmenter_stays_inside_its_evidence(lexicon: Lexicon) -> None:
    # the last place to cut before MAX_SENTENCE falls between 九 and 成
    lead = "湿地互花米草清除率达到"
    text = _filler(MAX_SENTENCE - 1 - len(lead)) + lead + "九成以上" + _filler(600)
    assert text[MAX_SENTENCE - 1] == "九"
    found = [c for c in extract(document(text), lexicon) if isinstance(c, Observation)]
    value = next(o for o in found if o.value_span.text == "九成以上")
    assert value.quote.start <= value.value_span.start
    assert value.value_span.end <= value.quote.end


def _links(text: str, lexicon: Lexicon) -> list[OutcomeLink]:
    return [c for c in extract(document(text), lexicon) if isinstance(c, OutcomeLink)]


def test_pieces_of_an_overlong_line_are_no_paragraph(lexicon: Lexicon) -> None:
    """A programme and a value in one paragraph of the writer's are linked; in two pieces the
    segmenter cut out of one overlong line, only by what they share (theme and place)."""
    programme = "实施“蓝天保卫战”行动。"
    value = "全省PM2.5平均浓度为30微克/立方米。"
    paragraph = programme + "各地加强监管。" + value
    assert {link.basis for link in _links(paragraph, lexicon)} == {"same_paragraph"}
    pad = "各地持续加强生态环境监管执法。" * (MAX_PARAGRAPH // 15)
    line = programme + pad + value
    doc = document(line)
    assert len(doc.paragraph_spans) > 1 and doc.cut_paragraphs
    assert "same_paragraph" not in {link.basis for link in _links(line, lexicon)}
