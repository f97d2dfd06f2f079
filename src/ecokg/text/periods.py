"""Find time expressions and resolve them to periods against a document's own date.

Understands years (2022年), ranges (2023—2025年), months (2025年12月) and month ranges
(2025年1—9月 = 2025-01/2025-09), deadlines (截至2024年底),
plan periods (十四五 = 2021/2025), relative years (去年, 今年, 同年, 一年来) and running totals.
Relative words are resolved against the document date and reporting period, never guessed:
when nothing anchors them, the period stays unknown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ecokg.text.wordlists import alternation

MIN_YEAR, MAX_YEAR = 1949, 2100
_RANGE = re.compile(r"(\d{4})\s*年?\s*[-—–~～至到]\s*(\d{4})\s*年")
_MONTH_RANGE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?\s*[-—–~～至到]\s*(\d{1,2})\s*月")
_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*\d{1,2}\s*[日号]")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年(?:度)?(?!\s*\d{1,2}\s*月)(?![代])")


@dataclass(frozen=True)
class TimeExpr:
    """A time expression at ``[start, end)`` of the normalised text.

    ``kind`` is one of year, range, month, plan, relative, same_year, reporting, cumulative;
    ``code`` is the period in the contract syntax once resolved (None when it cannot be).
    """

    start: int
    end: int
    kind: str
    code: str | None
    start_year: int | None
    end_year: int | None


@dataclass(frozen=True)
class TimeAnchor:
    """What relative expressions resolve against: the document year and reporting period."""

    year: int | None
    about: str | None = None

    @property
    def about_year(self) -> int | None:
        """The single reporting year, when the document reports on one year."""
        if self.about and re.fullmatch(r"\d{4}", self.about):
            return int(self.about)
        return None


def period_code(start_year: int, end_year: int) -> str:
    """``2022`` for one year, ``2021/2025`` for a range."""
    return str(start_year) if start_year == end_year else f"{start_year}/{end_year}"


def _valid(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


class PeriodFinder:
    """Compiled patterns for the time words of a lexicon (see ``quantities.yaml``)."""

    def __init__(self, words: Mapping[str, object]) -> None:
        periods = words.get("periods", {})
        assert isinstance(periods, Mapping)
        self.relative: dict[str, int] = {
            str(k): int(v) for k, v in periods["relative_years"].items()
        }
        self.same_year: Sequence[str] = list(periods["same_year"])
        self.reporting: Sequence[str] = list(periods["reporting_year"])
        self.cumulative: Sequence[str] = list(periods["cumulative"])
        self.plans: dict[str, str] = {str(k): str(v) for k, v in periods["plans"].items()}
        self._words = re.compile(
            f"(?P<plan>{alternation(self.plans)})|(?P<rel>{alternation(self.relative)})"
            f"|(?P<same>{alternation(self.same_year)})|(?P<rep>{alternation(self.reporting)})"
            f"|(?P<cum>{alternation(self.cumulative)})"
        )

    def find(self, text: str, anchor: TimeAnchor) -> list[TimeExpr]:
        """Every time expression of ``text`` in order; 同年 resolves to the last year named."""
        found: list[TimeExpr] = []
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return all(b <= s or a >= e for s, e in taken)

        def add(expr: TimeExpr) -> None:
            if free(expr.start, expr.end):
                found.append(expr)
                taken.append((expr.start, expr.end))

        for m in _RANGE.finditer(text):
            y1, y2 = int(m[1]), int(m[2])
            if _valid(y1) and _valid(y2) and y1 <= y2:
                add(TimeExpr(m.start(), m.end(), "range", period_code(y1, y2), y1, y2))
        for m in _MONTH_RANGE.finditer(text):
            year, m1, m2 = int(m[1]), int(m[2]), int(m[3])
            if _valid(year) and 1 <= m1 < m2 <= 12:
                code = f"{year}-{m1:02d}/{year}-{m2:02d}"
                add(TimeExpr(m.start(), m.end(), "month", code, year, year))
        for m in _DATE.finditer(text):
            year = int(m[1])
            if _valid(year):
                add(TimeExpr(m.start(), m.end(), "year", str(year), year, year))
        for m in _MONTH.finditer(text):
            year, month = int(m[1]), int(m[2])
            if _valid(year) and 1 <= month <= 12:
                code = f"{year}-{month:02d}"
                add(TimeExpr(m.start(), m.end(), "month", code, year, year))
        for m in _YEAR.finditer(text):
            year = int(m[1])
            if _valid(year):
                add(TimeExpr(m.start(), m.end(), "year", str(year), year, year))
        for m in self._words.finditer(text):
            expr = self._word_expr(m, anchor)
            if expr:
                add(expr)
        found.sort(key=lambda e: (e.start, e.end))
        return self._resolve_same_year(found)

    def _word_expr(self, m: re.Match[str], anchor: TimeAnchor) -> TimeExpr | None:
        s, e = m.start(), m.end()
        if m["plan"]:
            y1, y2 = (int(y) for y in self.plans[m["plan"]].split("/"))
            return TimeExpr(s, e, "plan", period_code(y1, y2), y1, y2)
        if m["rel"]:
            if anchor.year is None:
                return TimeExpr(s, e, "relative", None, None, None)
            year = anchor.year + self.relative[m["rel"]]
            return TimeExpr(s, e, "relative", str(year), year, year)
        if m["same"]:
            return TimeExpr(s, e, "same_year", None, None, None)
        if m["rep"]:
            reporting = anchor.about_year or anchor.year
            code = str(reporting) if reporting else None
            return TimeExpr(s, e, "reporting", code, reporting, reporting)
        return TimeExpr(s, e, "cumulative", "cumulative", None, None)

    @staticmethod
    def _resolve_same_year(found: list[TimeExpr]) -> list[TimeExpr]:
        out = []
        last: TimeExpr | None = None
        for expr in found:
            if expr.kind == "same_year" and last is not None and last.start_year is not None:
                year = last.start_year  # 同年 after "2025年12月" is the year 2025, not the month
                expr = TimeExpr(expr.start, expr.end, expr.kind, str(year), year, year)
            if expr.kind in ("year", "relative", "month") and expr.code:
                last = expr
            out.append(expr)
        return out
