"""Parse numbers as Chinese texts write them: Arabic, Chinese numerals, and 万/亿 multipliers."""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
# The power of ten each multiplier stands for.
_EXPONENTS = {"万": 4, "亿": 8, "千": 3, "百": 2, "十": 1}
# The most significant digits a number may have, and the most digits before its point: the
# precision of Python's default decimal context, so arithmetic on a value stays exact and never
# overflows. A longer run of digits is an identifier or garbage, not a measured value.
MAX_DIGITS = 28
# No Chinese numeral below 10**MAX_DIGITS is written longer; a longer run is not parsed at all
# (a numeral of thousands of 亿 would make the parser multiply huge integers).
_MAX_NUMERAL_CHARS = 64

CHINESE_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千万亿"
ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
# An Arabic number optionally followed by stacked multipliers (千万, 万亿); or a Chinese numeral.
NUMBER_PATTERN = (
    rf"(?:{ARABIC_NUMBER}(?:[十百千]?[万亿]+|[十百千](?=[万亿]))?[万亿]*"
    rf"|[{CHINESE_NUMERAL_CHARS}]+)"
)
_ARABIC_WITH_MULT = re.compile(rf"^({ARABIC_NUMBER})([十百千万亿]*)$")


def parse_chinese_integer(text: str) -> int:
    """Parse a Chinese numeral such as ``三百二十``, ``两``, ``十二`` or ``一万二千``.

    Digit strings without units (``二〇二二``) read digit by digit, as years are written.
    Malformed numerals (``十十``, ``二三百``, a bare ``万``) raise ``ValueError``.
    """
    if not text or any(
        c not in _DIGITS and c not in _SMALL_UNITS and c not in _BIG_UNITS for c in text
    ):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(c in _DIGITS for c in text) and len(text) > 1:
        # Digit by digit is how years are written (二〇二二); "一两" means "one or two", not 12.
        if len(text) != 4:
            raise ValueError(f"not a Chinese numeral: {text!r}")
        return int("".join(str(_DIGITS[c]) for c in text))
    total = 0  # completed groups above 万/亿
    section = 0  # the group below the current big unit
    digit: int | None = None  # a digit waiting for its unit
    last_small = 10_000  # units inside a section must decrease: 千 > 百 > 十
    for char in text:
        if char in _DIGITS:
            if digit is not None and _DIGITS[char] != 0 and digit != 0:
                raise ValueError(f"two digits in a row in {text!r}")
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            unit = _SMALL_UNITS[char]
            if unit >= last_small or digit == 0:
                raise ValueError(f"misplaced {char!r} in {text!r}")
            section += (1 if digit is None else digit) * unit
            digit, last_small = None, unit
        else:
            if section == 0 and not digit and total == 0:
                raise ValueError(f"{char!r} without a number before it in {text!r}")
            section += digit or 0
            if _BIG_UNITS[char] == 100_000_000:
                total = (total + section) * 100_000_000
            else:
                total += section * 10_000
            section, digit, last_small = 0, None, 10_000
    return total + section + (digit or 0)


def parse_number(text: str) -> Decimal:
    """Parse a number as written: ``1.36亿`` -> 136000000, ``3,786`` -> 3786, ``两`` -> 2.

    The value is exact. Raises ``ValueError`` for anything that is not a number, and for a
    number of more than :data:`MAX_DIGITS` significant digits or integer digits.
    """
    text = text.strip()
    m = _ARABIC_WITH_MULT.match(text)
    if m:
        value = Decimal(m.group(1).replace(",", ""))  # constructing a Decimal never rounds
        exponent = sum(_EXPONENTS[c] for c in m.group(2))
        _check_size(value, exponent, text)
        return plain(value.scaleb(exponent))
    if len(text) > _MAX_NUMERAL_CHARS:
        raise ValueError(f"numeral too long: {text[:20]!r}…")
    value = Decimal(parse_chinese_integer(text))
    _check_size(value, 0, text)
    return value


def read_number(text: str) -> Decimal | None:
    """:func:`parse_number`, or None for text that is no number ecokg reads: the patterns that
    find numbers admit malformed numerals (十十) and runs of digits of any length."""
    try:
        return parse_number(text)
    except ValueError:
        return None


def _check_size(value: Decimal, exponent: int, text: str) -> None:
    """Refuse a value (times 10**exponent) the decimal context cannot hold exactly."""
    _, digits, _ = value.as_tuple()
    significant = len("".join(map(str, digits)).strip("0"))
    if significant > MAX_DIGITS or (value and value.adjusted() + exponent >= MAX_DIGITS):
        raise ValueError(f"more than {MAX_DIGITS} digits: {text[:40]!r}")


def plain(value: Decimal) -> Decimal:
    """Drop exponents and trailing zeros so equal numbers print alike (1.36E+8 -> 136000000).

    Never raises: an integral value goes through ``int``, which has no precision limit, where
    ``quantize`` would fail beyond 28 digits.
    """
    normalized = value.normalize()
    if normalized == normalized.to_integral_value():
        return Decimal(int(normalized))
    return normalized


def round_to(value: Decimal, places: int) -> Decimal:
    """``value`` rounded (half even) to ``places`` decimals, at any size: ``quantize`` in the
    default context raises once the result needs more than 28 digits."""
    with localcontext() as context:
        context.prec = max(value.adjusted() + places + 1, 1)
        return value.quantize(Decimal(1).scaleb(-places))


def to_chinese_integer(value: int) -> str:
    """Write a non-negative integer as a Chinese numeral (the inverse of the parser, for tests)."""
    if value < 0:
        raise ValueError("negative numbers are not written this way")
    if value == 0:
        return "零"
    digits = "零一二三四五六七八九"

    def below_10000(n: int) -> str:
        out = []
        zero_pending = False
        for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, n = divmod(n, unit_value)
            if d:
                if zero_pending:
                    out.append("零")
                    zero_pending = False
                out.append(digits[d] + unit)
            elif out:
                zero_pending = True
        return "".join(out)

    parts: list[str] = []
    for unit_value, unit in ((100_000_000, "亿"), (10_000, "万"), (1, "")):
        group, value = divmod(value, unit_value)
        if group:
            text = to_chinese_integer(group) if group >= 10_000 else below_10000(group)
            if parts and group < 1000:
                text = "零" + text
            parts.append(text + unit)
    return "".join(parts)
