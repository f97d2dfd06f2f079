"""Tests for ecokg.text.numbers: Arabic and Chinese numerals, 万/亿 multipliers."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.text.numbers import (
    NUMBER_PATTERN,
    parse_chinese_integer,
    parse_number,
    to_chinese_integer,
)


@settings(max_examples=500)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_integer_round_trip(n: int) -> None:
    assert parse_chinese_integer(to_chinese_integer(n)) == n


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_parse_number_reads_chinese_numerals(n: int) -> None:
    assert parse_number(to_chinese_integer(n)) == n


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"),
        (7, "七"),
        (10, "一十"),
        (12, "一十二"),
        (105, "一百零五"),
        (320, "三百二十"),
        (10050, "一万零五十"),
        (120_000_000, "一亿二千万"),
        (100_010_000, "一亿零一万"),
    ],
)
def test_to_chinese_integer_examples(n: int, text: str) -> None:
    assert to_chinese_integer(n) == text


def test_to_chinese_integer_rejects_negative() -> None:
    with pytest.raises(ValueError):
        to_chinese_integer(-1)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两", 2),
        ("二", 2),
        ("十", 10),
        ("十二", 12),
        ("一十二", 12),
        ("二十", 20),
        ("三百二十", 320),
        ("三百零五", 305),
        ("两千", 2000),
        ("一万二千", 12000),
        ("三亿五千万", 350_000_000),
        ("一万亿", 10**12),
        ("二〇二二", 2022),  # digit by digit, as years are written
        ("二零二五", 2025),
        ("一九四九", 1949),
    ],
)
def test_parse_chinese_integer(text: str, value: int) -> None:
    assert parse_chinese_integer(text) == value
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3786", Decimal(3786)),
        ("3,786", Decimal(3786)),
        ("1,234,567", Decimal(1234567)),
        ("12.5", Decimal("12.5")),
        ("1,234.56", Decimal("1234.56")),
        ("1.36亿", Decimal(136_000_000)),
        ("3786万", Decimal(37_860_000)),
        ("0.11亿", Decimal(11_000_000)),
        ("1.5千万", Decimal(15_000_000)),
        ("2千万", Decimal(20_000_000)),
        ("1.2万亿", Decimal(1_200_000_000_000)),
        ("1,234.5万", Decimal(12_345_000)),
        ("0.5", Decimal("0.5")),
        ("  42  ", Decimal(42)),
    ],
)
def test_parse_number_arabic(text: str, value: Decimal) -> None:
    result = parse_number(text)
    assert result == value
    # No exponent notation: equal numbers print alike.
    assert "E" not in str(result)


def test_parse_number_prints_plainly() -> None:
    assert str(parse_number("1.36亿")) == "136000000"
    assert str(parse_number("0.11亿")) == "11000000"
    assert str(parse_number("12.50")) == "12.5"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "1.2.3", "12,34", "1,2345", "三点五", "十二个", "1.5吨", "万1", "1,"],
)
def test_invalid_input_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text", ["", "abc", "十二个", "3"])
def test_parse_chinese_integer_rejects_non_numerals(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese_integer(text)


@pytest.mark.parametrize("text", ["万", "亿"])
def test_bare_big_unit_is_not_zero(text: str) -> None:
    """``万`` alone is either 10000 (like ``十`` -> 10, ``千`` -> 1000) or not a number; never 0."""
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert value != 0


@pytest.mark.parametrize("text", ["十十", "二三百", "百百"])
def test_malformed_chinese_numeral_raises(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@settings(max_examples=300)
@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_wan_multiplies_by_ten_thousand(d: Decimal) -> None:
    assert parse_number(f"{d:f}万") == d * 10000


@settings(max_examples=300)
@given(st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False))
def test_yi_multiplies_by_hundred_million(d: Decimal) -> None:
    assert parse_number(f"{d:f}亿") == d * 10**8


@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_separators(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["万", "亿", "千万", "百万"]))
def test_number_pattern_matches_what_parse_number_reads(n: int, unit: str) -> None:
    text = f"{n:,}{unit}"
    assert re.fullmatch(NUMBER_PATTERN, text)
    multiplier = {"万": 10**4, "亿": 10**8, "千万": 10**7, "百万": 10**6}[unit]
    assert parse_number(text) == n * multiplier
