"""Find time expressions and resolve them to periods against a document's own date.

Understands years (2022年), ranges (2023—2025年), months (2025年12月, 10月份), month ranges
(2025年1—9月 = 2025-01/2025-09, 1—10月), parts of a year (上半年, 一季度, 前三季度), dates,
deadlines that say when a running total holds (截至2024年底 -> as of 2024-12-31),
plan periods (十四五 = 2021/2025), relative years (去年, 今年, 同年, 一年来) and running totals.

A month or part of a year written without its year takes the year last named in its paragraph
(not a year that is only compared with: 较2020年), else the document's year; a month later in the
year than the document's own month belongs to the year before (a January report on 11月).
Relative words are resolved against the document date and reporting period, never guessed:
when nothing anchors them, the period stays unknown.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ecokg.text.numbers import parse_chinese_integer
from ecokg.text.segment import SpanSet
from ecokg.text.wordlists import alternation, ends_with_any, starts_with_any

MIN_YEAR, MAX_YEAR = 1949, 2100
_DASH = r"\s*[-—–~～至到]\s*"
# A month number: Arabic, or a Chinese numeral up to 十二.
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_RANGE = re.compile(rf"(\d{{4}})\s*年?{_DASH}(\d{{4}})\s*年")
# "2024年3月至5月"; a season may run into the next year ("2023年10月至2024年3月")
_MONTH_RANGE = re.compile(
    rf"(\d{{4}})\s*年\s*({_M})\s*月?{_DASH}(?:(\d{{4}})\s*年\s*)?({_M})\s*月(?:份)?"
)
_MONTH = re.compile(rf"(\d{{4}})\s*年\s*({_M})\s*月(?:份)?(?!\s*\d{{1,2}}\s*[日号])")
# "2025年6月10日至7月10日": the months a stay of some days covers; a season may run into the
# next year ("2025年11月15日至2026年3月15日"); "2023年9月15日至30日": some days of one month;
# "自3月1日起至6月30日止" (a ban's season) likewise
_DATE_RANGE = re.compile(
    rf"(\d{{4}})\s*年\s*({_M})\s*月\s*\d{{1,2}}\s*[日号]?(?:\s*起)?{_DASH}(?:(\d{{4}})\s*年\s*)?"
    rf"(?:({_M})\s*月\s*)?\d{{1,2}}\s*[日号]"
)
_DATE = re.compile(rf"(\d{{4}})\s*年\s*({_M})\s*月\s*(\d{{1,2}})\s*[日号]")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年(?:度)?(?!\s*\d{1,2}\s*月)(?![代])")
# The same without a year (or after 去年/今年); never right after a digit or 第 (an ordinal).
# (not after a letter: the 10 of "PM10月均浓度" is a particle size, no October)
_BARE = r"(?<![\d.第/A-Za-z])"
# "前10月", "2025年前三个月": the months from January on
_FIRST_MONTHS = re.compile(rf"(?:(\d{{4}})\s*年\s*)?(?<![提此之目])前({_M})个?月(?:份)?")
_BARE_MONTH_RANGE = re.compile(rf"{_BARE}({_M})\s*月?{_DASH}({_M})\s*月(?:份)?")
_BARE_DATE = re.compile(rf"{_BARE}({_M})\s*月\s*(\d{{1,2}})\s*[日号]")
# "7月10日至8月10日": the months a stay of some days covers, in the year the document implies;
# "9月15日至30日": some days of one month
_BARE_DATE_RANGE = re.compile(
    rf"{_BARE}({_M})\s*月\s*\d{{1,2}}\s*[日号]?(?:\s*起)?{_DASH}(?:({_M})\s*月\s*)?\d{{1,2}}\s*[日号]"
)
_PLAN_FIRST_YEARS = re.compile(r"(?:前|头)([一二三四五1-5两])年")
# What makes a year a start: "以来"/"起"/"至今" right after it (past a closing quote or 期间),
# or after a short verb phrase ("2014年4月正式启动以来").
# The words that close such a span, which name no metric either ("2021年以来投入资金").
SINCE_WORDS = ("以来", "至今", "迄今", "起至今", "起")
_SINCE = re.compile(
    r"[”」\"']?(?:期间)?(?P<verb>[\u4e00-\u9fff]{0,6}?)"
    rf"(?:{alternation(SINCE_WORDS[:3])}|起(?![草步点]))"  # 起草, 起步, 起点 start nothing
)
# What may close a plan's name: its quote, 期 (“十四五”期).
_PLAN_CLOSE = re.compile(r"[”」\"']?期?")
_BARE_MONTH = re.compile(rf"{_BARE}({_M})\s*月(?:份)?(?!\s*\d)")


@dataclass(frozen=True)
class TimeExpr:
    """A time expression at ``[start, end)`` of the normalised text.

    ``kind`` is one of year, range, month, plan, relative, same_year, reporting, cumulative;
    ``code`` is the period in the contract syntax once resolved (None when it cannot be);
    ``as_of`` is the date a deadline names (``截至2024年底`` -> ``2024-12-31``), ISO at the
    precision the text gives; ``explicit`` says whether the text wrote the year itself.
    """

    start: int
    end: int
    kind: str
    code: str | None
    start_year: int | None
    end_year: int | None
    as_of: str | None = None
    explicit: bool = True


def to_the_day(text: str, expr: TimeExpr) -> bool:
    """Whether ``expr`` is written to the day ("3月3日", "2025年10月1日")."""
    return text[expr.start : expr.end].endswith(("日", "号"))


@dataclass(frozen=True)
class TimeAnchor:
    """What relative expressions resolve against: the document date and reporting period."""

    year: int | None
    about: str | None = None
    month: int | None = None
    # the one year a title names, up to the year after writing (宜宾市2025年…统计公报;
    # 关于提前下达2025年…预算的通知)
    title_year: int | None = None

    @property
    def about_year(self) -> int | None:
        """The single reporting year, when the document reports on one year."""
        if self.about and re.fullmatch(r"\d{4}", self.about):
            return int(self.about)
        return None

    @property
    def reporting_year(self) -> int | None:
        """The year 全年 and 一年来 mean: the reporting year, the last year of a reported span
        (a review of 2021/2025 published in 2026 speaks of 2025), else the document's year."""
        m = _PERIOD_END.fullmatch(self.about or "")
        if m:
            return int(m["year"])
        if self.title_year:
            return self.title_year
        if self.year is not None and self.month is not None and self.month <= _LAST_YEARS_MONTHS:
            return self.year - 1  # "全年成交量2.12亿吨" in a February summary: last year's
        return self.year

    @property
    def about_within_year(self) -> str | None:
        """The reporting period when it lies within one year (2024, 2025-01/2025-10): the time
        of a figure the text gives no time for. A span of years (2021/2025) is none."""
        about = self.about or ""
        m = re.fullmatch(r"(\d{4})(?:-\d{2}(?:/(\d{4})-\d{2})?)?", about)
        if m is None or (m[2] is not None and m[2] != m[1]):
            return None
        return about

    @property
    def closed_year(self) -> int | None:
        """The last year of the document's reporting period when that period had ended by the
        time of writing (a review of 2021/2025 published in 2026). None while it still runs (an
        inspection of 2024/2025 reported in April 2025) or when the document names none."""
        m = _PERIOD_END.fullmatch(self.about or "")
        return int(m["year"]) if m is not None and self.has_ended(m[0]) else None

    def has_ended(self, code: str) -> bool:
        """Whether a period (2024, 2025-01/2025-09) had ended before the month of writing."""
        m = _PERIOD_END.fullmatch(code)
        if m is None or self.year is None:
            return False
        end = (int(m["year"]), int(m["month"]) if m["month"] else 12)
        return (self.year, self.month or 12) > end

    def year_of_month(self, first: int, last: int | None = None) -> int | None:
        """The year a month (or span of months: 上半年) named without one falls in: the
        document's, or the year before when most of it comes after the document's own month
        (上半年 in February is last year's; 下半年 in November this year's, so far). A part of
        the year that begins in the month of writing or the next is this year's, about to run
        (下半年 in a report of July or June); a single month named in January, or the months
        from January, are last year's still."""
        if self.year is None:
            return None
        starting = self.month is not None and first in (self.month, self.month + 1)
        if starting and last is not None and first > 1 and last > first:
            return self.year
        if self.month is not None and (first + (last or first)) / 2 > self.month:
            return self.year - 1
        return self.year


# A reporting period (2024, 2025-01/2025-10, 2021/2025) read for its last year and month.
_PERIOD_END = re.compile(r"(?:\d{4}(?:-\d{2})?/)?(?P<year>\d{4})(?:-(?P<month>\d{2}))?")
# Up to which month of the year a document's 全年 and 一年来 still mean the year before.
_LAST_YEARS_MONTHS = 2


def period_code(start_year: int, end_year: int) -> str:
    """``2022`` for one year, ``2021/2025`` for a range."""
    return str(start_year) if start_year == end_year else f"{start_year}/{end_year}"


def month_code(year: int, first: int, last: int | None = None) -> str:
    """``2025-10`` for one month, ``2025-01/2025-06`` for a month range; the whole year
    (2025年1—12月) is the year ``2025``, so it meets the same year written plainly."""
    if first == 1 and last == 12:
        return str(year)
    if last is None or last == first:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}/{year}-{last:02d}"


_BOOK_TITLE = re.compile(r"《[^《》\n]{1,80}》")


def _year_about(context: TimeExpr | None, anchor: TimeAnchor) -> int | None:
    """The one year a paragraph's time, else the document's reporting period, is about."""
    if context is not None:
        same = context.start_year is not None and context.start_year == context.end_year
        return context.start_year if same else None
    return anchor.about_year


def _valid(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _clear_month(text: str, m: re.Match[str]) -> bool:
    """Whether a month in Chinese numerals stands on its own (十月份, ，三月底): inside a word
    (统一月报) it is no month."""
    before = text[m.start() - 1 : m.start()] if m.start() else ""
    return text.startswith(("份", "底", "末", "初", "中旬", "上旬", "下旬"), m.end()) or (
        not before or not ("\u4e00" <= before <= "\u9fff") or before in "在于至到自从"
    )


def month_of_date(written: str) -> str | None:
    """The month (``YYYY-MM``) of a full date as written ("2025年1月14日"), else None."""
    m = _DATE.fullmatch(written.strip())
    if m is None or not _valid(int(m[1])) or not 1 <= _numeral(m[2]) <= 12:
        return None
    return month_code(int(m[1]), _numeral(m[2]))


def _iso_day(year: int, month: int, day: int) -> str:
    """``YYYY-MM-DD``, or the month ``YYYY-MM`` when it has no such day (截至2月30日)."""
    if 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{year}-{month:02d}-{day:02d}"
    return f"{year}-{month:02d}"


def _month_span(m: re.Match[str], m2: int, same_month: bool) -> TimeExpr | None:
    """The months from ``m``'s first month (group 2) of its year (group 1) to month ``m2`` of
    the year in group 3 (else the same year; at most the next); ``same_month``: a span of days
    that begins and ends in one month is that month."""
    year, m1 = int(m[1]), _numeral(m[2])
    later = int(m[3]) if m[3] else year
    if not (_valid(year) and 1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    if later == year and (m1 < m2 or (same_month and m1 == m2)):
        return TimeExpr(m.start(), m.end(), "month", month_code(year, m1, m2), year, year)
    if later == year + 1:
        code = f"{month_code(year, m1)}/{month_code(later, m2)}"
        return TimeExpr(m.start(), m.end(), "month", code, year, later)
    return None


def _numeral(text: str) -> int:
    return int(text) if text.isdigit() else parse_chinese_integer(text)


_REMEMBERED = 8192  # texts whose expressions a finder keeps


@dataclass(frozen=True)
class _Pending:
    """A month or part of a year whose year is not written: resolved in text order."""

    first: int
    last: int
    day: int | None = None


class PeriodFinder:
    """Compiled patterns for the time words of a lexicon (see ``quantities.yaml``)."""

    def __init__(self, words: Mapping[str, object]) -> None:
        periods = words.get("periods", {})
        assert isinstance(periods, Mapping)
        self.relative: dict[str, int] = {
            str(k): int(v) for k, v in periods["relative_years"].items()
        }
        self.same_year: Sequence[str] = list(periods["same_year"])
        self.year_before: frozenset[str] = frozenset(periods.get("year_before", ()))
        self.reporting: Sequence[str] = list(periods["reporting_year"])
        self.own_year = frozenset(periods.get("own_year") or ())
        self._recent = re.compile(str(periods["recent_years"]))
        self.cumulative: Sequence[str] = list(periods["cumulative"])
        self.plans: dict[str, str] = {str(k): str(v) for k, v in periods["plans"].items()}
        self.parts: dict[str, tuple[int, int]] = {
            str(k): (int(v[0]), int(v[1])) for k, v in periods.get("year_parts", {}).items()
        }
        self.as_of_before: tuple[str, ...] = tuple(periods.get("as_of_before", ()))
        self.period_end: tuple[str, ...] = tuple(periods.get("period_end", ()))
        self.month_parts: tuple[str, ...] = tuple(periods.get("month_parts", ()))
        change = words.get("change", {})
        assert isinstance(change, Mapping)
        # A year that is only compared with (较2020年) or started from (2020年以来) sets no
        # context for the months after it.
        self.base_before: tuple[str, ...] = tuple(change.get("base_before", ()))
        self.base_after: tuple[str, ...] = (*change.get("base_after", ()), "以来")
        window = change.get("record_window")
        self._record_window = re.compile(str(window)) if window else None
        self._words = re.compile(
            f"(?P<plan>{alternation(self.plans)})|(?P<rel>{alternation(self.relative)})"
            f"|(?P<same>{alternation(self.same_year)})|(?P<rep>{alternation(self.reporting)})"
            f"|(?P<cum>{alternation(self.cumulative)})"
        )
        parts = alternation(self.parts)
        self._part = re.compile(rf"(?:(\d{{4}})\s*年(?:度)?\s*)?(?P<part>{parts})")
        self._found: dict[tuple[str, TimeAnchor, bool], tuple[TimeExpr, ...]] = {}

    def find(self, text: str, anchor: TimeAnchor, in_titles: bool = True) -> list[TimeExpr]:
        """Every time expression of ``text`` in order; 同年 resolves to the last year named,
        a month without a year to the year of its paragraph (see the module docstring).
        ``in_titles=False`` passes over the times inside 《》 titles: "严格落实《…名录(2021年
        版)》，力争全年…" dates the title, not what the text around it reports. Remembered:
        the same labels and clauses are asked about again and again."""
        key = (text, anchor, in_titles)
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= _REMEMBERED:
                self._found.clear()
            found = self._found[key] = tuple(self._find(text, anchor, in_titles))
        return list(found)

    def _find(self, text: str, anchor: TimeAnchor, in_titles: bool) -> list[TimeExpr]:
        found: list[TimeExpr] = []
        pending: dict[tuple[int, int], _Pending] = {}
        taken = SpanSet(
            () if in_titles else ((m.start(), m.end()) for m in _BOOK_TITLE.finditer(text))
        )

        def add(expr: TimeExpr, later: _Pending | None = None) -> None:
            if not taken.overlaps(expr.start, expr.end):
                found.append(expr)
                taken.add(expr.start, expr.end)
                if later is not None:
                    pending[(expr.start, expr.end)] = later

        for m in self._part.finditer(text):
            first, last = self.parts[m["part"]]
            if m[1] and _valid(int(m[1])):
                year = int(m[1])
                add(
                    TimeExpr(m.start(), m.end(), "month", month_code(year, first, last), year, year)
                )
            elif not m[1]:
                s = m.start("part")
                add(
                    TimeExpr(s, m.end(), "month", None, None, None, None, False),
                    _Pending(first, last),
                )
        # every pattern of these holds 年 or 月, and most labels and clauses hold neither
        if "年" in text or "月" in text:
            _find_calendar(text, add)
        for m in self._words.finditer(text):
            word = self._word_expr(m, anchor)
            if word:
                add(word)
        reported = anchor.reporting_year
        spans = sorted((e.start, e.start_year, e.end_year) for e in found if e.kind == "range")
        for m in self._recent.finditer(text):
            if not (m["near"] or m["tail"]):
                continue  # "连续3年" is a streak, "3年" a duration
            try:
                n = _numeral(m["n"])
            except ValueError:
                continue  # "十十年来" is no number of years
            stated = [
                (y1, y2)
                for at, y1, y2 in spans
                if at < m.start() and y1 is not None and y2 is not None and y2 - y1 + 1 == n
            ]
            end = stated[-1][1] if stated else reported
            if end is not None and 1 < n <= 30:
                add(
                    TimeExpr(
                        m.start(), m.end(), "range", period_code(end - n + 1, end), end - n + 1, end
                    )
                )
        found.sort(key=lambda e: (e.start, e.end))
        resolved = self._resolve_in_order(text, found, pending, anchor)
        return [self._since(text, self._as_of(text, e), anchor) for e in resolved]

    @staticmethod
    def _since(text: str, expr: TimeExpr, anchor: TimeAnchor) -> TimeExpr:
        """ "2018年以来", "自2020年起", "去年以来", "自2014年4月正式启动以来": the span
        from then to the year the document reports on (a report on 2024 published in 2025
        counts to 2024), never past a plan's end."""
        # "去年以来" spans from last year on, as "2024年以来" does
        if expr.kind not in ("year", "plan", "month", "relative") or expr.start_year is None:
            return expr
        last = anchor.reporting_year
        if last is None or to_the_day(text, expr):
            return expr  # "自2025年10月1日起施行": the day a rule takes effect
        since = _SINCE.match(text, expr.end)
        if since is None or (expr.kind == "month" and not since["verb"]):
            return expr  # "2025年1月以来" is left to the month
        if expr.kind == "plan" and expr.end_year is not None:
            last = min(last, expr.end_year)
        if last <= expr.start_year:
            return expr
        code = period_code(expr.start_year, last)
        return replace(expr, kind="range", code=code, end_year=last)

    def _word_expr(self, m: re.Match[str], anchor: TimeAnchor) -> TimeExpr | None:
        s, e = m.start(), m.end()
        if m["plan"]:
            y1, y2 = (int(y) for y in self.plans[m["plan"]].split("/"))
            end = _PLAN_CLOSE.match(m.string, e)  # (at e: not a copy of the rest of the text)
            rest = end.end() if end else e
            if self._end_word(m.string, rest):
                # "“十四五”末23.5%的目标": the plan's last year
                return TimeExpr(s, rest + 1, "year", str(y2), y2, y2)
            first = _PLAN_FIRST_YEARS.match(m.string, rest)
            if first is not None and 1 <= (n := _numeral(first[1])) <= y2 - y1:
                # "“十四五”前四年": the plan's first years
                last = y1 + n - 1
                return TimeExpr(s, first.end(), "range", period_code(y1, last), y1, last)
            return TimeExpr(s, e, "plan", period_code(y1, y2), y1, y2)
        if m["rel"]:
            if anchor.year is None:
                return TimeExpr(s, e, "relative", None, None, None)
            year = anchor.year + self.relative[m["rel"]]
            return TimeExpr(s, e, "relative", str(year), year, year)
        if m["same"]:
            return TimeExpr(s, e, "same_year", None, None, None)
        if m["rep"]:
            reporting = anchor.reporting_year
            code = str(reporting) if reporting else None
            return TimeExpr(s, e, "reporting", code, reporting, reporting)
        return TimeExpr(s, e, "cumulative", "cumulative", None, None)

    def _sets_context(self, text: str, expr: TimeExpr) -> bool:
        """Whether a year names the time of what follows (not a base or a start: 较2020年)."""
        before = text[max(0, expr.start - 4) : expr.start]
        return (
            expr.kind in ("year", "relative", "month", "same_year")
            and expr.start_year is not None
            # "(截至2024年底)", "截至2024年底连续十一年": a deadline dates a total, not the text
            and ends_with_any(before, self.as_of_before) is None
            and ends_with_any(before, self.base_before) is None
            and starts_with_any(text[expr.end : expr.end + 4], self.base_after) is None
            and not self.opens_record(text, expr.end)
            # "下降至去年的34微克/立方米", "由2020年底的412万吨": the time of that one value
            and not text.startswith("的", expr.end + len(self._end_word(text, expr.end)))
        )

    def opens_record(self, text: str, at: int) -> bool:
        """Whether the time ending at ``at`` opens the window a record is ranked in ("为2000年
        以来最高"), which dates neither that value nor what follows."""
        return self._record_window is not None and self._record_window.match(text, at) is not None

    def _end_word(self, text: str, at: int) -> str:
        """The word for a period's end (底, 末) written at ``at``, else ""."""
        return starts_with_any(text[at : at + 1], self.period_end) or ""

    def _resolve_in_order(
        self,
        text: str,
        found: list[TimeExpr],
        pending: Mapping[tuple[int, int], _Pending],
        anchor: TimeAnchor,
    ) -> list[TimeExpr]:
        out: list[TimeExpr] = []
        last: TimeExpr | None = None  # the last year named, for 同年
        context: TimeExpr | None = None  # the last year that sets the time of its paragraph
        aside = False  # whether the context holds for its sentence only
        previous: TimeExpr | None = None
        for expr in found:
            new_paragraph = previous is None or "\n" in text[previous.end : expr.start]
            if context is not None and (
                "\n" in text[context.end : expr.start]
                or (aside and "。" in text[context.end : expr.start])
            ):
                context = None  # a new paragraph starts from the document's own date again
            later = pending.get((expr.start, expr.end))
            if later is not None:
                # "2024年5月…反馈问题32个。截至10月底，完成整改28个": a total's date after the
                # sentence that named a year is the state at writing, not that year's
                stale = context is not None and (
                    ends_with_any(text[max(0, expr.start - 4) : expr.start], self.as_of_before)
                    is not None
                    and "。" in text[context.end : expr.start]
                )
                # "今年1月", "去年12月": the year word right before the month names its year
                named = (
                    previous.start_year
                    if previous is not None
                    and previous.end == expr.start
                    and previous.kind == "relative"
                    else None
                )
                year = (
                    named
                    if named is not None
                    else context.start_year
                    if context and not stale
                    else anchor.year_of_month(later.first, later.last)
                )
                if year is not None:
                    code = month_code(year, later.first, later.last)
                    expr = replace(expr, code=code, start_year=year, end_year=year)
                if named is not None and previous is not None:
                    # one expression: "较去年上半年" is compared with as a whole
                    expr = replace(expr, start=previous.start, explicit=previous.explicit)
                    out.pop()
            elif expr.kind == "same_year" and last is not None and last.start_year is not None:
                year = last.start_year  # 同年 after "2025年12月" is the year 2025, not the month
                expr = replace(expr, code=str(year), start_year=year, end_year=year)
            elif (
                expr.kind == "reporting"
                and context is not None
                and context.start_year is not None
                and context.start_year == context.end_year
                and text[expr.start : expr.end] not in self.own_year
            ):
                year = context.start_year  # "2025年全区…。全年共出现沙尘天气过程4次"
                expr = replace(expr, code=str(year), start_year=year, end_year=year)
            elif (
                expr.kind == "relative"
                and text[expr.start : expr.end] in self.year_before
                and (about := _year_about(context, anchor)) is not None
            ):
                # "过去一年，…重污染天数由上年的6天减少至2天": the year before the one the
                # paragraph (or else the yearly report) is about; 去年 counts back from the day
                # of writing, 上年 from that
                year = about - 1
                expr = replace(expr, code=str(year), start_year=year, end_year=year)
            before = text[max(0, expr.start - 4) : expr.start]
            if (
                expr.kind in ("year", "relative", "month", "reporting")
                and expr.code
                and ends_with_any(before, self.base_before) is None
            ):
                last = expr  # "比2005年下降65%…；当年新增…": a base year is no 当年
            if expr.explicit and self._sets_context(text, expr):
                # "1—3月，…。去年全年，…为98.1%。分月看，1月…": a relative year in a paragraph that
                # has its own time already is compared with, for its sentence only
                aside = expr.kind == "relative" and not new_paragraph
                context = expr
            previous = expr
            out.append(expr)
        return out

    def _as_of(self, text: str, expr: TimeExpr) -> TimeExpr:
        """A deadline (截至2024年底, 截止10月31日) is the date a running total holds at."""
        if expr.start_year is None or expr.kind not in ("year", "month", "relative"):
            return expr
        before = text[max(0, expr.start - 6) : expr.start]
        if ends_with_any(before, self.as_of_before) is None:
            return expr
        end = expr.end + (expr.kind == "relative" and text[expr.end : expr.end + 1] == "年")
        at_end = bool(self._end_word(text, end))  # 截至2024年底, 截至去年底, 截至去年年底
        year = expr.start_year
        if expr.as_of is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", expr.as_of):
            return expr
        code = expr.code or ""
        day = re.search(r"(\d{1,2})\s*[日号]$", text[expr.start : expr.end])
        month_match = re.fullmatch(r"\d{4}-(\d{2})(?:/\d{4}-(\d{2}))?", code)
        if month_match:
            month = int(month_match[2] or month_match[1])
            if day is not None:
                as_of = _iso_day(year, month, int(day[1]))
                if as_of.endswith("-12-31"):
                    # "截至去年12月31日，…较2023年底增加187.6万人": a year-end deadline is the
                    # year's (docs/conventions.md 2b), one within the year its month's
                    return replace(expr, kind="year", code=str(year), as_of=as_of)
                return replace(expr, as_of=as_of)
            if at_end:
                last_day = calendar.monthrange(year, month)[1]
                return replace(expr, as_of=f"{year}-{month:02d}-{last_day:02d}")
            return replace(expr, as_of=f"{year}-{month:02d}")
        if day is not None:
            month = _numeral(re.findall(rf"({_M})\s*月", text[expr.start : expr.end])[-1])
            return replace(expr, as_of=_iso_day(year, month, int(day[1])))
        return replace(expr, as_of=f"{year}-12-31" if at_end else str(year))


def _find_calendar(text: str, add: Callable[..., None]) -> None:
    """The dates, months and years written with 年 or 月 (all but the lexicon's words), to
    ``add`` in order of precedence."""
    years, months = "年" in text, "月" in text

    def scan(pattern: re.Pattern[str], *, year: bool, month: bool) -> Iterable[re.Match[str]]:
        # a pattern that needs a 年 or a 月 the text lacks is not run (labels hold one or none)
        return () if (year and not years) or (month and not months) else pattern.finditer(text)

    for m in scan(_FIRST_MONTHS, year=False, month=True):
        last = _numeral(m[2])
        if not 2 <= last <= 12:
            continue
        if m[1] and _valid(int(m[1])):
            year = int(m[1])
            add(TimeExpr(m.start(), m.end(), "month", month_code(year, 1, last), year, year))
        elif not m[1]:
            expr = TimeExpr(m.start(), m.end(), "month", None, None, None, None, False)
            add(expr, _Pending(1, last))
    for m in scan(_RANGE, year=True, month=False):
        y1, y2 = int(m[1]), int(m[2])
        if _valid(y1) and _valid(y2) and y1 <= y2:
            add(TimeExpr(m.start(), m.end(), "range", period_code(y1, y2), y1, y2))
    for m in scan(_DATE_RANGE, year=True, month=True):
        m2 = _numeral(m[4]) if m[4] else _numeral(m[2])  # (days of one month)
        if (span := _month_span(m, m2, same_month=True)) is not None:
            add(span)
    for m in scan(_MONTH_RANGE, year=True, month=True):
        if (span := _month_span(m, _numeral(m[4]), same_month=False)) is not None:
            add(span)
    for m in scan(_DATE, year=True, month=True):
        year, month, day = int(m[1]), _numeral(m[2]), int(m[3])
        if _valid(year) and 1 <= month <= 12 and 1 <= day <= 31:
            add(TimeExpr(m.start(), m.end(), "month", month_code(year, month), year, year))
    for m in scan(_MONTH, year=True, month=True):
        year, month = int(m[1]), _numeral(m[2])
        if _valid(year) and 1 <= month <= 12:
            add(TimeExpr(m.start(), m.end(), "month", month_code(year, month), year, year))
    for m in scan(_YEAR, year=True, month=False):
        year = int(m[1])
        if _valid(year):
            add(TimeExpr(m.start(), m.end(), "year", str(year), year, year))
    for m in scan(_BARE_DATE_RANGE, year=False, month=True):
        m1 = _numeral(m[1])
        m2 = _numeral(m[2]) if m[2] else m1  # (days of one month)
        if 1 <= m1 <= 12 and (m1 < m2 <= 12 or not m[2]):
            expr = TimeExpr(m.start(), m.end(), "month", None, None, None, None, False)
            add(expr, _Pending(m1, m2))
    for m in scan(_BARE_MONTH_RANGE, year=False, month=True):
        m1, m2 = _numeral(m[1]), _numeral(m[2])
        if 1 <= m1 < m2 <= 12:
            expr = TimeExpr(m.start(), m.end(), "month", None, None, None, None, False)
            add(expr, _Pending(m1, m2))
    for m in scan(_BARE_DATE, year=False, month=True):
        month, day = _numeral(m[1]), int(m[2])
        if 1 <= month <= 12 and 1 <= day <= 31:
            expr = TimeExpr(m.start(), m.end(), "year", None, None, None, None, False)
            add(expr, _Pending(month, month, day))
    for m in scan(_BARE_MONTH, year=False, month=True):
        month = _numeral(m[1])
        if 1 <= month <= 12 and (m[1].isdigit() or _clear_month(text, m)):
            expr = TimeExpr(m.start(), m.end(), "month", None, None, None, None, False)
            add(expr, _Pending(month, month))
