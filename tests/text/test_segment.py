"""Tests for ecokg.text.segment: paragraphs, sentences and clauses as spans."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.text.segment import (
    MAX_PARAGRAPH,
    MAX_SENTENCE,
    Sentence,
    Span,
    clauses,
    cut_span,
    paragraphs,
    sentences,
)

TERMINALS = "。！？!?；;"
CLAUSE_BREAKS = "，,：:；;。！？!?"
CLOSERS = "”’」』）)"


def texts(text: str, spans: list[Span] | tuple[Span, ...]) -> list[str]:
    return [text[s.start : s.end] for s in spans]


def sentence_texts(text: str) -> list[str]:
    return [text[s.span.start : s.span.end] for s in sentences(text)]


def test_span_contains() -> None:
    span = Span(2, 5)
    assert span.contains(2) and span.contains(4)
    assert not span.contains(5) and not span.contains(1)


def test_paragraphs_are_non_blank_lines_without_surrounding_space() -> None:
    text = "第一段\n\n  第二段  \n \n第三段"
    assert texts(text, paragraphs(text)) == ["第一段", "第二段", "第三段"]


@pytest.mark.parametrize("mark", list("。！？；!?;"))
def test_sentences_split_at_terminal_marks(mark: str) -> None:
    text = f"加强监管{mark}完善制度{mark}"
    assert sentence_texts(text) == [f"加强监管{mark}", f"完善制度{mark}"]


def test_commas_and_colons_do_not_end_sentences() -> None:
    text = "一是加强监管，二是完善制度：三是强化考核。"
    assert sentence_texts(text) == [text]


def test_last_sentence_without_terminal_mark() -> None:
    text = "空气质量改善。水质稳定"
    assert sentence_texts(text) == ["空气质量改善。", "水质稳定"]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "他指出：“要守住底线。”随后部署工作。"
    assert sentence_texts(text) == ["他指出：“要守住底线。”", "随后部署工作。"]


@pytest.mark.parametrize("closer", list(CLOSERS))
def test_every_closer_stays_with_its_sentence(closer: str) -> None:
    text = f"要守住底线。{closer}随后部署工作。"
    assert sentence_texts(text)[0] == f"要守住底线。{closer}"


def test_repeated_terminal_marks_stay_together() -> None:
    text = "真的吗？！是的。"
    assert sentence_texts(text) == ["真的吗？！", "是的。"]


def test_sentences_do_not_cross_lines_and_know_their_paragraph() -> None:
    text = "  标题  \n\n第一句。第二句！\n第三句"
    result = sentences(text)
    assert sentence_texts(text) == ["标题", "第一句。", "第二句！", "第三句"]
    assert [s.paragraph for s in result] == [0, 1, 1, 2]


def test_sentence_spans_exclude_surrounding_whitespace() -> None:
    text = "  第一句。   第二句。  "
    assert sentence_texts(text) == ["第一句。", "第二句。"]


def test_clauses_split_at_commas_colons_semicolons() -> None:
    text = "全省：空气优良，水质稳定,噪声达标:总体向好。"
    (sentence,) = sentences(text)
    assert texts(text, sentence.clauses) == ["全省", "空气优良", "水质稳定", "噪声达标", "总体向好"]
    # ；ends a sentence, but inside any span it separates clauses too.
    text = "甲；乙;丙"
    assert texts(text, clauses(text, Span(0, len(text)))) == ["甲", "乙", "丙"]


def test_clauses_exclude_whitespace_and_empty_pieces() -> None:
    text = "甲 ， ，乙， 丙 。"
    assert texts(text, clauses(text, Span(0, len(text)))) == ["甲", "乙", "丙"]


def test_clauses_of_a_subspan_stay_inside_it() -> None:
    text = "前文，甲，乙。后文，丙"
    span = Span(3, 7)  # "甲，乙。"
    assert texts(text, clauses(text, span)) == ["甲", "乙"]


def test_closing_quote_is_not_a_clause_by_itself() -> None:
    text = "他指出：“要守住底线。”"
    (sentence,) = sentences(text)
    assert all(text[c.start : c.end].strip(CLOSERS) for c in sentence.clauses), texts(
        text, sentence.clauses
    )


def test_empty_and_blank_text() -> None:
    assert sentences("") == []
    assert sentences(" \n\t\n\u3000") == []
    assert paragraphs("") == []


# --- properties ------------------------------------------------------------------------------

ALPHABET = "生态环境水质量空气治理ab12.“" + TERMINALS + CLAUSE_BREAKS + CLOSERS + " \t\u3000\n"


def check_sentences(text: str, result: list[Sentence]) -> None:
    covered = [0] * len(text)
    paras = paragraphs(text)
    previous_end = 0
    for s in result:
        start, end = s.span.start, s.span.end
        assert 0 <= previous_end <= start < end <= len(text)
        previous_end = end
        body = text[start:end]
        assert not body[0].isspace() and not body[-1].isspace()
        assert "\n" not in body
        # Its paragraph contains it.
        para = paras[s.paragraph]
        assert para.start <= start and end <= para.end
        # Terminal marks come only at the end, followed by nothing but more marks and closers.
        first_terminal = next((i for i, c in enumerate(body) if c in TERMINALS), None)
        if first_terminal is not None:
            assert all(c in TERMINALS + CLOSERS for c in body[first_terminal:]), body
        for i in range(start, end):
            covered[i] += 1
        # Clauses: inside the sentence, ordered, disjoint, stripped, without delimiters.
        clause_end = start
        for c in s.clauses:
            assert clause_end <= c.start < c.end <= end
            clause_end = c.end
            piece = text[c.start : c.end]
            assert not piece[0].isspace() and not piece[-1].isspace()
            assert not any(ch in CLAUSE_BREAKS for ch in piece), piece
        assert s.clauses == clauses(text, s.span)
    # Every visible character belongs to exactly one sentence; whitespace between them to none.
    for i, char in enumerate(text):
        assert covered[i] <= 1
        if not char.isspace():
            assert covered[i] == 1, (i, char)


@settings(max_examples=400)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_sentence_spans_are_ordered_disjoint_and_cover_the_text(text: str) -> None:
    check_sentences(text, sentences(text))


@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from(
            ["生态环境", "治理", "，", "。", "！", "？", "；", "：", "”", "）", " ", "\n", "\n\n"]
        ),
        max_size=25,
    ).map("".join)
)
def test_sentence_properties_on_realistic_pieces(text: str) -> None:
    check_sentences(text, sentences(text))


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_paragraphs_are_ordered_lines(text: str) -> None:
    previous_end = 0
    for p in paragraphs(text):
        assert previous_end <= p.start < p.end <= len(text)
        previous_end = p.end
        body = text[p.start : p.end]
        assert "\n" not in body
        assert not body[0].isspace() and not body[-1].isspace()


# --- overlong sentences and lines ------------------------------------------------------------

CUT_ALPHABET = "生态环境水质量空气治理年度ab12.,，、： \n"


@settings(max_examples=300)
@given(
    st.text(alphabet=CUT_ALPHABET, max_size=300),
    st.integers(min_value=2, max_value=40),
    st.data(),
)
def test_cut_pieces_cover_the_span_exactly_within_the_limit(
    text: str, limit: int, data: st.DataObject
) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    pieces = cut_span(text, Span(start, end), limit)
    assert pieces[0].start == start and pieces[-1].end == end
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    assert all(p.end - p.start <= limit for p in pieces)
    # every piece but the last holds at least half the limit: few pieces, linear work
    assert all(p.end - p.start >= limit // 2 for p in pieces[:-1])


@settings(max_examples=300)
@given(st.text(alphabet=CUT_ALPHABET, max_size=300), st.integers(min_value=2, max_value=40))
def test_cuts_fall_at_the_best_place_in_reach(text: str, limit: int) -> None:
    pieces = cut_span(text, Span(0, len(text)), limit)
    for piece in pieces[:-1]:
        cut, reach = piece.end, range(piece.start + limit // 2 + 1, piece.start + limit + 1)
        marks = [
            i
            for i in reach
            if text[i - 1] in "，、：" or (text[i - 1] == "," and not text[i : i + 1].isdigit())
        ]
        spaces = [i for i in reach if text[i - 1].isspace()]
        chinese = [i for i in reach if i < len(text) and is_cjk(text[i - 1]) and is_cjk(text[i])]
        best = marks or spaces or chinese or [piece.start + limit]
        assert cut == best[-1], (text, limit, piece)


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def test_a_long_line_is_cut_into_bounded_sentences_and_paragraphs() -> None:
    # no stop, no comma, no space: Chinese characters and numbers only (a hostile input)
    unit = "全省空气质量优良天数比例为95.2%同比上升1.3个百分点" * 10
    text = "标题\n" + unit * 600  # 200,000 characters on one line
    result = sentences(text)
    assert max(s.span.end - s.span.start for s in result) <= MAX_SENTENCE
    lengths: dict[int, list[int]] = {}
    for s in result:
        lengths.setdefault(s.paragraph, []).append(s.span.start)
        lengths[s.paragraph].append(s.span.end)
    assert max(max(v) - min(v) for v in lengths.values()) <= MAX_PARAGRAPH
    # the sentences cover the line exactly, and no cut falls inside a number
    body = [s for s in result if s.paragraph > 0]
    assert body[0].span.start == 3 and body[-1].span.end == len(text)
    assert all(a.span.end == b.span.start for a, b in itertools.pairwise(body))
    assert not any(text[s.span.end - 1].isdigit() and text[s.span.end].isdigit() for s in body[:-1])
    # the same work per character as a line a tenth as long: pieces, not one sentence
    shorter = sentences("标题\n" + unit * 60)
    assert len(result) / len(shorter) == pytest.approx(10, rel=0.05)
