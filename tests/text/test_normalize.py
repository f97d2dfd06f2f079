"""Tests for ecokg.text.normalize: normalised text and its map back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.text.normalize import OffsetMap, normalize, to_simplified

# Traditional characters whose simplified form does not depend on context (checked: every pair
# and triple of them converts character by character), with their simplified counterparts.
TRADITIONAL = "態環廳質監測處與區縣這個發們將資"
SIMPLIFIED = "态环厅质监测处与区县这个发们将资"
# Simplified characters that conversion leaves alone.
PLAIN_CJK = "生态环境水质量年月的和治理污染空气厅监测"
LONG_LINE = (
    "生态环境质量持续改善全省地表水国控断面水质优良比例稳步提高空气质量优良天数比例达到历史最好水平"
)


def check_offsets(original: str) -> None:
    """The invariants every offset map must satisfy."""
    norm = normalize(original)
    starts, ends = norm.offsets.starts, norm.offsets.ends
    assert len(starts) == len(ends) == len(norm.text)
    assert norm.offsets.original_length == len(original)
    for i in range(len(norm.text)):
        assert 0 <= starts[i] < ends[i] <= len(original)
        if i:
            assert starts[i - 1] <= starts[i]
            assert ends[i - 1] <= ends[i]
        source = original[starts[i] : ends[i]]
        # The character came from that original range: normalising the range alone gives it,
        # or it is the clause mark a line break of a post becomes (one phrase per line; the
        # break may carry blanks written as entities, "\n&nbsp;").
        made = norm.text[i] in normalize(source).text
        blank = not normalize(source).text.strip()
        assert made or (norm.text[i] == "，" and "\n" in source and blank), (i, source)
        # A character normalisation leaves unchanged maps to itself, one to one.
        if source == norm.text[i]:
            assert ends[i] == starts[i] + 1


# --- example-based ---------------------------------------------------------------------------


def test_a_posts_line_break_with_an_entity_blank_is_a_clause_mark() -> None:
    """Hypothesis found '厅⏎&nbsp;厅⏎０⏎０': the break and its &nbsp; make one clause mark."""
    check_offsets("厅\n&nbsp;厅\n０\n０")


def test_full_width_digits_letters_and_percent_become_half_width() -> None:
    norm = normalize("优良比例达到９２．５％，ＰＭ浓度下降")
    assert norm.text == "优良比例达到92.5%,PM浓度下降"
    # Same length: width conversion maps each character to itself in the original.
    assert norm.offsets == OffsetMap.identity(len("优良比例达到９２．５％，ＰＭ浓度下降"))


def test_ideographic_space_becomes_space() -> None:
    assert normalize("全省\u3000环境").text == "全省 环境"


def test_traditional_becomes_simplified() -> None:
    original = "生態環境廳發布報告"
    norm = normalize(original)
    assert norm.text.startswith("生态环境厅")
    assert norm.text == to_simplified(original)
    assert "態" not in norm.text and "廳" not in norm.text
    # Conversion is character for character: the span of 环境厅 is the span of 環境廳.
    i = norm.text.index("环境厅")
    assert norm.original_span(i, i + 3) == (i, i + 3)
    assert original[i : i + 3] == "環境廳"


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("PM_{2.5}浓度", "PM2.5浓度"),
        ("PM<sub>2.5</sub>浓度", "PM2.5浓度"),
        ("PM<sup>10</sup>", "PM10"),
        ("万m^{3}", "万m3"),
        ("ＰＭ＿｛２．５｝", "PM2.5"),  # full-width markup is widened first, then removed
    ],
)
def test_markup_is_removed(original: str, expected: str) -> None:
    norm = normalize(original)
    assert norm.text == expected
    # Each digit maps to an original span that contains it (the first and last characters of
    # a markup group reach out to cover the markup around them).
    for i, char in enumerate(norm.text):
        if char.isdigit():
            start, end = norm.original_span(i, i + 1)
            assert char in normalize(original[start:end]).text


def test_pm25_span_starts_at_the_markup() -> None:
    original = "细颗粒物(PM_{2.5})平均浓度"
    norm = normalize(original)
    i = norm.text.index("PM2.5")
    start, end = norm.original_span(i, i + 5)
    assert original[start:end].startswith("PM_{2.5")
    # An inner character of the group maps one to one.
    j = norm.text.index(".5")
    start, end = norm.original_span(j, j + 1)
    assert original[start:end] == "."


@pytest.mark.parametrize(
    ("original", "markup"),
    [
        ("细颗粒物(PM_{2.5})平均浓度", "PM_{2.5}"),
        ("细颗粒物(PM<sub>2.5</sub>)平均浓度", "PM<sub>2.5</sub>"),
    ],
)
def test_pm25_quote_covers_the_whole_markup(original: str, markup: str) -> None:
    """The docstring of rewrite(): re-used group text is "mapped to the whole match", and a quote
    is always ``original[start:end]`` - so quoting PM2.5 should give the complete markup."""
    norm = normalize(original)
    i = norm.text.index("PM2.5")
    start, end = norm.original_span(i, i + 5)
    assert original[start:end] == markup


def test_html_tags_and_nbsp_are_removed() -> None:
    original = "<p>空气质量&nbsp;<b>优良</b></p>"
    norm = normalize(original)
    assert norm.text == "空气质量 优良"
    i = norm.text.index("优良")
    start, end = norm.original_span(i, i + 2)
    assert original[start:end] == "优良"
    # The space stands for the whole entity.
    j = norm.text.index(" ")
    start, end = norm.original_span(j, j + 1)
    assert original[start:end] == "&nbsp;"


def test_break_inside_long_sentence_is_joined() -> None:
    first = LONG_LINE
    assert len(first) >= 40
    original = f"{first}\n，成绩来之不易。"
    norm = normalize(original)
    assert "\n" not in norm.text
    assert norm.text == f"{first},成绩来之不易。"
    # The character after the removed break still maps to its own original position.
    i = len(first)
    start, end = norm.original_span(i, i + 1)
    assert original[start:end] == "，"
    assert start == len(first) + 1


def test_break_with_blank_line_and_indent_inside_long_sentence_is_joined() -> None:
    original = f"{LONG_LINE}  \n\n  并将继续推进。"
    norm = normalize(original)
    assert norm.text == f"{LONG_LINE}并将继续推进。"


def test_heading_followed_by_blank_line_is_not_joined() -> None:
    original = f"一、总体情况\n\n{LONG_LINE}。"
    norm = normalize(original)
    assert norm.text == original
    assert norm.offsets == OffsetMap.identity(len(original))


def test_break_after_sentence_end_is_kept() -> None:
    original = f"{LONG_LINE}。\n{LONG_LINE}。"
    assert normalize(original).text == original


def test_long_line_followed_by_short_heading_is_not_joined() -> None:
    original = f"{LONG_LINE}\n二、主要措施\n{LONG_LINE}。"
    norm = normalize(original)
    assert norm.text.count("\n") == 2


def test_short_line_is_not_joined_to_the_next() -> None:
    original = "水环境质量\n持续改善，全省国控断面优良比例达到百分之九十以上，创历史最好水平。"
    norm = normalize(original)
    assert norm.text.split("\n") == ["水环境质量", original.split("\n")[1].replace("，", ",")]


def test_next_line_starting_with_list_marker_is_not_joined() -> None:
    original = f"{LONG_LINE}\n（一）加强大气污染防治工作，深入推进重点行业超低排放改造工程建设。"
    assert "\n" in normalize(original).text


def test_to_original_span_rules() -> None:
    norm = normalize("<b>生态</b>")
    assert norm.text == "生态"
    assert norm.original_span(0, 2) == (3, 5)
    # An empty span maps to an empty span at the same place.
    assert norm.original_span(1, 1) == (4, 4)
    assert norm.original_span(2, 2) == (len("<b>生态</b>"),) * 2
    with pytest.raises(IndexError):
        norm.original_span(0, 3)
    with pytest.raises(IndexError):
        norm.original_span(2, 1)


def test_empty_text() -> None:
    norm = normalize("")
    assert norm.text == ""
    assert norm.original_span(0, 0) == (0, 0)


def test_offset_invariants_on_a_mixed_example() -> None:
    check_offsets(
        f"生態環境廳：ＰＭ_{{2.5}}下降１２％&nbsp;<b>x</b>\r\n{LONG_LINE}\n\n　成效明显。"
    )


# --- properties ------------------------------------------------------------------------------

PIECES = st.one_of(
    st.text(alphabet=PLAIN_CJK, min_size=1, max_size=6),
    st.text(alphabet=TRADITIONAL, min_size=1, max_size=6),
    st.text(alphabet="０１２３４５６７８９ＡＢＣｘｙｚ％．", min_size=1, max_size=4),
    st.text(alphabet="0123456789abcXYZ.%", min_size=1, max_size=4),
    st.sampled_from(list("，。；：！？、“”（）,.;:!?()")),
    st.sampled_from(["\n", "\n\n", "\r\n", " \n ", "\n \n"]),
    st.sampled_from(["PM_{2.5}", "m^{3}", "PM<sub>2.5</sub>", "<sup>2</sup>", "PM＿｛２．５｝"]),
    st.sampled_from(["<b>", "</b>", '<p class="x">', "<br/>", "&nbsp;"]),
    st.sampled_from([" ", "  ", "\u3000", "\t"]),
    st.just(LONG_LINE),
)
TEXTS = st.lists(PIECES, max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_offset_map_invariants(original: str) -> None:
    check_offsets(original)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_to_original_of_any_span(original: str, data: st.DataObject) -> None:
    norm = normalize(original)
    n = len(norm.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    o_start, o_end = norm.original_span(start, end)
    assert 0 <= o_start <= o_end <= len(original)
    # The original span covers every character the normalised span came from.
    for i in range(start, end):
        assert o_start <= norm.offsets.starts[i] < norm.offsets.ends[i] <= o_end
    if start < end:
        assert (o_start, o_end) == (norm.offsets.starts[start], norm.offsets.ends[end - 1])


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_plain_characters_map_to_themselves(original: str) -> None:
    """Characters no step touches (simplified CJK, ASCII letters and digits) map to themselves."""
    norm = normalize(original)
    untouched = set(PLAIN_CJK) | set("0123456789abcXYZ")
    for i, char in enumerate(norm.text):
        if char in untouched:
            start = norm.offsets.starts[i]
            if any(c in original[start : norm.offsets.ends[i]] for c in "{}<>｛｝＜＞"):
                continue  # an edge of a markup group covers its markup (PM_{2.5} -> "_{2")
            if original[start] == char:
                assert norm.offsets.ends[i] == start + 1
            else:
                # Otherwise it was widened (full-width digit) or simplified: one char, one char.
                assert norm.offsets.ends[i] == start + 1
                assert normalize(original[start]).text == char


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=PLAIN_CJK + "0123456789abcXYZ.%,;:!()。、“”《》 ", max_size=80))
def test_normalising_plain_simplified_text_is_identity(text: str) -> None:
    # No "?": between two characters it is conversion debris (tested below).
    norm = normalize(text)
    assert norm.text == text
    assert norm.offsets == OffsetMap.identity(len(text))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("全區生態(tài)環(huán)境質(zhì)量持續改善", "全区生态环境质量持续改善"),
        ("水质(zhì)优良比例达98%", "水质优良比例达98%"),
        ("生态质量?持续改善", "生态质量持续改善"),
        ("生态\ufffd环境", "生态环境"),
        # Not debris: Latin in brackets without tone marks; a Chinese (full-width) question mark.
        ("化学需氧量(COD)下降", "化学需氧量(COD)下降"),
        ("怎么办？我们认为", "怎么办?我们认为"),
    ],
)
def test_conversion_debris_is_removed_with_offsets_kept(raw: str, clean: str) -> None:
    norm = normalize(raw)
    assert norm.text == clean
    for i, char in enumerate(norm.text):
        start, end = norm.original_span(i, i + 1)
        assert end - start == 1
        assert normalize(raw[start:end]).text == char


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=TRADITIONAL, max_size=30))
def test_context_free_traditional_converts_character_by_character(text: str) -> None:
    norm = normalize(text)
    assert norm.text == text.translate(str.maketrans(TRADITIONAL, SIMPLIFIED))
    assert norm.offsets == OffsetMap.identity(len(text))


def test_a_short_line_holding_a_sentence_is_no_heading() -> None:
    text = (
        "（一）国考断面。1—9月，全省Ⅰ—Ⅲ类水质比例为95.9%，同比\n上升0.5个百分点，高于全国平均水平。"
    )
    assert "同比上升0.5" in normalize(text).text
