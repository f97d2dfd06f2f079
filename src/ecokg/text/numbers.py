"""Parse numbers as Chinese texts write them: Arabic, Chinese numerals, and 万/亿 multipliers."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

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
MULTIPLIERS = {
    "万": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
    "千": Decimal(10) ** 3,
    "百": Decimal(100),
    "十": Decimal(10),
}

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

    Raises ``ValueError`` for anything that is not a number.
    """
    text = text.strip()
    m = _ARABIC_WITH_MULT.match(text)
    if m:
        try:
            value = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
            raise ValueError(f"not a number: {text!r}") from exc
        for char in m.group(2):
            value *= MULTIPLIERS[char]
        return _plain(value)
    return Decimal(parse_chinese_integer(text))


def _plain(value: Decimal) -> Decimal:
    """Drop exponents and trailing zeros so equal numbers print alike (1.36E+8 -> 136000000)."""
    normalized = value.normalize()
    if normalized == normalized.to_integral_value():
        return normalized.quantize(Decimal(1))
    return normalized


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
