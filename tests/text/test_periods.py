"""Tests for ecokg.text.periods: time expressions resolved against a document's own date."""

from __future__ import annotations

import calendar
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.extract.lexicon import load_lexicon
from ecokg.text.periods import PeriodFinder, TimeAnchor, TimeExpr, period_code

ANCHOR = TimeAnchor(year=2025, about="2024")
NO_ANCHOR = TimeAnchor(year=None)


@pytest.fixture(scope="module")
def finder() -> PeriodFinder:
    return PeriodFinder(load_lexicon().words)


def only(finder: PeriodFinder, text: str, anchor: TimeAnchor = ANCHOR) -> TimeExpr:
    found = finder.find(text, anchor)
    assert len(found) == 1, found
    return found[0]


def surface(text: str, expr: TimeExpr) -> str:
    return text[expr.start : expr.end]


def test_period_code() -> None:
    assert period_code(2022, 2022) == "2022"
    assert period_code(2021, 2025) == "2021/2025"


def test_about_year() -> None:
    assert TimeAnchor(2025, "2024").about_year == 2024
    assert TimeAnchor(2025, "2021/2025").about_year is None
    assert TimeAnchor(2025).about_year is None


@pytest.mark.parametrize(
    ("word", "code"),
    [("去年", "2024"), ("上年", "2023"), ("今年", "2025"), ("前年", "2023"), ("明年", "2026")],
)
def test_relative_years(finder: PeriodFinder, word: str, code: str) -> None:
    # written in 2025 about 2024: 去年 counts back from the writing, 上年 from the report's year
    text = f"与{word}相比"
    expr = only(finder, text)
    assert surface(text, expr) == word
    assert expr.kind == "relative"
    assert expr.code == code
    assert expr.start_year == expr.end_year == int(code)
    assert only(finder, text, TimeAnchor(2025)).code == ("2024" if word == "上年" else code)


def test_longest_relative_word_wins(finder: PeriodFinder) -> None:
    text = "今年以来，空气质量持续改善"
    expr = only(finder, text)
    assert surface(text, expr) == "今年以来"
    assert expr.code == "2025"


@pytest.mark.parametrize(
    ("plan", "code"),
    [("十四五", "2021/2025"), ("十三五", "2016/2020"), ("十五五", "2026/2030")],
)
def test_plans(finder: PeriodFinder, plan: str, code: str) -> None:
    text = f"“{plan}”时期"
    expr = only(finder, text)
    assert surface(text, expr) == plan
    assert (expr.kind, expr.code) == ("plan", code)
    assert f"{expr.start_year}/{expr.end_year}" == code
    # Plans are fixed periods: no anchor needed.
    assert only(finder, text, NO_ANCHOR).code == code


@pytest.mark.parametrize("dash", ["—", "-", "–", "～", "至", "到"])
def test_ranges(finder: PeriodFinder, dash: str) -> None:
    text = f"《规划(2023{dash}2025年)》"
    expr = only(finder, text)
    assert surface(text, expr) == f"2023{dash}2025年"
    assert (expr.kind, expr.code) == ("range", "2023/2025")
    assert (expr.start_year, expr.end_year) == (2023, 2025)


def test_range_with_year_on_both_ends(finder: PeriodFinder) -> None:
    text = "2023年至2025年"
    expr = only(finder, text)
    assert (expr.kind, expr.code) == ("range", "2023/2025")
    assert surface(text, expr) == text


def test_backwards_range_is_not_a_range(finder: PeriodFinder) -> None:
    found = finder.find("2025—2023年", ANCHOR)
    assert all(e.kind != "range" for e in found)


def test_month(finder: PeriodFinder) -> None:
    text = "2025年12月，全省"
    expr = only(finder, text)
    assert surface(text, expr) == "2025年12月"
    assert (expr.kind, expr.code, expr.start_year) == ("month", "2025-12", 2025)
    assert only(finder, "2025年3月").code == "2025-03"


@pytest.mark.parametrize("text", ["2024年1—12月", "2024年1月至12月"])
def test_all_twelve_months_are_the_year(finder: PeriodFinder, text: str) -> None:
    # the same year written either way must meet in a series
    assert only(finder, text).code == "2024"


def test_invalid_month_is_not_a_month(finder: PeriodFinder) -> None:
    assert all(e.kind != "month" for e in finder.find("2025年13月", ANCHOR))


def test_full_date_is_its_month(finder: PeriodFinder) -> None:
    text = "2024年5月8日发布"
    expr = only(finder, text)
    assert surface(text, expr) == "2024年5月8日"
    # what was measured or decided on a day is of its month (docs/conventions.md 15)
    assert (expr.kind, expr.code) == ("month", "2024-05")


@pytest.mark.parametrize("text", ["2022年", "2022年度", "截至2022年底"])
def test_year(finder: PeriodFinder, text: str) -> None:
    expr = only(finder, text)
    assert (expr.kind, expr.code, expr.start_year, expr.end_year) == ("year", "2022", 2022, 2022)
    assert surface(text, expr).startswith("2022年")


@pytest.mark.parametrize("text", ["1948年", "2101年", "12022年", "2020年代"])
def test_not_a_year(finder: PeriodFinder, text: str) -> None:
    assert all(e.kind != "year" for e in finder.find(text, ANCHOR))


def test_year_bounds(finder: PeriodFinder) -> None:
    assert only(finder, "1949年").code == "1949"
    assert only(finder, "2100年").code == "2100"


def test_same_year_resolves_to_last_year_named(finder: PeriodFinder) -> None:
    text = "2022年启动试点，2023年全面推开，同年完成验收"
    found = finder.find(text, ANCHOR)
    assert [surface(text, e) for e in found] == ["2022年", "2023年", "同年"]
    same = found[-1]
    assert same.kind == "same_year"
    assert (same.code, same.start_year, same.end_year) == ("2023", 2023, 2023)


def test_same_year_after_relative_year(finder: PeriodFinder) -> None:
    found = finder.find("去年启动，同年完成", ANCHOR)
    assert [e.code for e in found] == ["2024", "2024"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("2022年全省重污染天数由上年的9天减少至4天", ["2022", "2021"]),
        ("去年，全市重污染天数由上年的6天减少至2天", ["2024", "2023"]),
        # no year named: the year before the report's (written in 2025 about 2024)
        ("全市重污染天数比上年减少4天", ["2023"]),
    ],
)
def test_shang_nian_is_the_year_before_the_one_spoken_of(
    finder: PeriodFinder, text: str, codes: list[str]
) -> None:
    assert [e.code for e in finder.find(text, ANCHOR)] == codes


def test_a_stay_of_some_days_covers_its_months(finder: PeriodFinder) -> None:
    found = finder.find("督察组于2025年6月10日至7月10日进驻", ANCHOR)
    assert [(e.kind, e.code) for e in found] == [("month", "2025-06/2025-07")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("供暖季（2025年11月15日至2026年3月15日）", "2025-11/2026-03"),
        ("秋冬季（2023年10月至2024年3月）", "2023-10/2024-03"),
        ("2025年6月10日至2025年7月10日", "2025-06/2025-07"),
        ("2024年11月1日至2026年3月1日", None),  # more than a turn of the year: no season
    ],
)
def test_a_season_may_run_into_the_next_year(
    finder: PeriodFinder, text: str, code: str | None
) -> None:
    spans = [e.code for e in finder.find(text, ANCHOR) if "/" in (e.code or "")]
    assert spans == ([code] if code else [])


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("前10月全市PM2.5平均浓度为35", ["2025-01/2025-10"]),
        ("2025年前三个月", ["2025-01/2025-03"]),
        ("提前3个月完成", []),  # 提前: ahead of time, not the first months
    ],
)
def test_the_first_months_of_a_year(finder: PeriodFinder, text: str, codes: list[str]) -> None:
    assert [e.code for e in finder.find(text, ANCHOR)] == codes


def test_same_year_without_a_year_before_is_unknown(finder: PeriodFinder) -> None:
    found = finder.find("同年完成，2023年验收", ANCHOR)
    assert found[0].kind == "same_year"
    assert found[0].code is None


def test_same_year_after_month_is_the_year(finder: PeriodFinder) -> None:
    text = "2025年12月启动，同年完成"
    same = finder.find(text, ANCHOR)[-1]
    assert surface(text, same) == "同年"
    assert same.code == "2025"


def test_reporting_year_is_the_about_year(finder: PeriodFinder) -> None:
    text = "一年来，全省生态环境质量持续改善"
    expr = only(finder, text)
    assert surface(text, expr) == "一年来"
    assert (expr.kind, expr.code, expr.start_year) == ("reporting", "2024", 2024)


def test_reporting_year_falls_back_to_document_year(finder: PeriodFinder) -> None:
    assert only(finder, "一年来", TimeAnchor(2025)).code == "2025"
    # A multi-year reporting period is not a single year: use the document year.
    assert only(finder, "一年来", TimeAnchor(2025, "2021/2025")).code == "2025"


@pytest.mark.parametrize("word", ["累计", "截至目前"])
def test_cumulative(finder: PeriodFinder, word: str) -> None:
    text = f"{word}完成治理"
    expr = only(finder, text)
    assert surface(text, expr) == word
    assert (expr.kind, expr.code) == ("cumulative", "cumulative")
    assert only(finder, text, NO_ANCHOR).code == "cumulative"


@pytest.mark.parametrize("word", ["去年", "今年", "上年", "明年", "一年来", "全年"])
def test_no_anchor_means_no_guess(finder: PeriodFinder, word: str) -> None:
    expr = only(finder, f"{word}完成", NO_ANCHOR)
    assert expr.code is None
    assert expr.start_year is None and expr.end_year is None


def test_same_year_with_no_anchor_uses_only_explicit_years(finder: PeriodFinder) -> None:
    found = finder.find("2022年启动，去年推进，同年完成", NO_ANCHOR)
    assert [(e.kind, e.code) for e in found] == [
        ("year", "2022"),
        ("relative", None),
        ("same_year", "2022"),
    ]


def test_mixed_sentence(finder: PeriodFinder) -> None:
    text = "“十四五”以来，2023—2025年累计投入资金，2025年12月底前完成，去年同比下降"
    found = finder.find(text, ANCHOR)
    assert [(surface(text, e), e.code) for e in found] == [
        ("十四五", "2021/2024"),  # since then, up to the year the document reports on
        ("2023—2025年", "2023/2025"),
        ("累计", "cumulative"),
        ("2025年12月", "2025-12"),
        ("去年", "2024"),
    ]


@pytest.mark.parametrize(
    ("text", "anchor", "code"),
    [
        ("“十四五”以来累计治理", TimeAnchor(year=2025, about="2024"), "2021/2024"),
        ("“十四五”以来累计治理", TimeAnchor(year=2026), "2021/2025"),  # never past its end
        ("「十四五」前四年累计造林", TimeAnchor(year=2025), "2021/2024"),
        ("自2014年4月正式启动以来累计成交", TimeAnchor(year=2026, about="2025"), "2014/2025"),
        ("2019年以来关停矿山", TimeAnchor(year=2025), "2019/2025"),
        ("2025年1月以来", TimeAnchor(year=2025), "2025-01"),  # a month since: left to the month
        ("自2025年10月1日起施行", TimeAnchor(year=2025), "2025-10"),
    ],
)
def test_since_runs_to_the_reporting_year(
    finder: PeriodFinder, text: str, anchor: TimeAnchor, code: str
) -> None:
    assert finder.find(text, anchor)[0].code == code


# --- properties ------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "去年",
        "今年",
        "前年",
        "今年以来",
        "十四五",
        "十三五",
        "2023—2025年",
        "2021-2025年",
        "2025年12月",
        "2024年5月8日",
        "2022年",
        "2023年度",
        "同年",
        "一年来",
        "全年",
        "累计",
        "截至目前",
        "2025",
        "年",
        "月",
        "5",
        "12",
        "日",
        "，",
        "。",
        "至",
        "—",
        "完成",
        "在",
        "2020年代",
        "1800年",
        "10月份",
        "1—6月",
        "上半年",
        "一季度",
        "以来",
        "截至",
        "底",
        "起",
    ]
)
TEXTS = st.lists(PIECES, max_size=15).map("".join)
ANCHORS = st.sampled_from([ANCHOR, NO_ANCHOR, TimeAnchor(2023), TimeAnchor(None, "2024")])
CODE_FORMATS = {
    "year": r"\d{4}",
    "range": r"\d{4}(/\d{4})?",  # 2022年至2022年 is one year: period_code gives "2022"
    "plan": r"\d{4}/\d{4}",
    "month": r"\d{4}-(0[1-9]|1[0-2])(/\d{4}-(0[1-9]|1[0-2]))?",
    "relative": r"\d{4}",
    "reporting": r"\d{4}",
    "same_year": r"\d{4}(-\d{2})?",
    "cumulative": r"cumulative",
}


@settings(max_examples=300, deadline=None)
@given(TEXTS, ANCHORS)
def test_expressions_are_sorted_non_overlapping_and_well_formed(
    finder: PeriodFinder, text: str, anchor: TimeAnchor
) -> None:
    found = finder.find(text, anchor)
    for expr in found:
        assert 0 <= expr.start < expr.end <= len(text)
        assert expr.kind in CODE_FORMATS
        if expr.code is not None:
            assert re.fullmatch(CODE_FORMATS[expr.kind], expr.code), expr
        if expr.kind in ("year", "range", "month", "plan", "cumulative") and expr.explicit:
            assert expr.code is not None
        if not expr.explicit and anchor.year is not None:
            assert expr.code is not None  # a month without its year takes the document's
        if expr.as_of is not None:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", expr.as_of), expr
        if expr.start_year is not None:
            assert expr.end_year is not None and expr.start_year <= expr.end_year
        if expr.kind in ("year", "range", "plan") and expr.code is not None:
            assert expr.start_year is not None and expr.end_year is not None
            assert expr.code == period_code(expr.start_year, expr.end_year)
    for a, b in itertools.pairwise(found):
        assert (a.start, a.end) <= (b.start, b.end)
        assert a.end <= b.start


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_without_anchor_every_code_comes_from_the_text(finder: PeriodFinder, text: str) -> None:
    """With no document date, no relative word gets a year; 同年 and 全年 only copy one the text
    named before them."""
    found = finder.find(text, NO_ANCHOR)
    explicit = []
    for expr in found:
        if expr.kind == "relative":
            assert expr.code is None
        if expr.kind in ("same_year", "reporting"):
            assert expr.code is None or expr.code in explicit
        if expr.kind in ("year", "month") and expr.code:
            explicit.append(expr.code[:4])  # 同年 names the year, also after a month


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=2000, max_value=2090),
    st.integers(min_value=1, max_value=12),
    st.booleans(),
)
def test_a_month_without_its_year_is_never_after_the_document(
    finder: PeriodFinder, month: int, year: int, published_month: int, range_: bool
) -> None:
    """ "M月份" (or "1—M月") in a document of year/published_month: this year's, or last year's
    when the month (most of the span) is still to come."""
    text = f"1—{month}月，" if range_ and month > 1 else f"{month}月份，"
    expr = only(finder, text, TimeAnchor(year, None, published_month))
    first = 1 if range_ and month > 1 else month
    expected_year = year - 1 if (first + month) / 2 > published_month else year
    assert expr.start_year == expected_year
    whole_year = first == 1 and month == 12
    want = str(expected_year) if whole_year else f"{expected_year}-{month:02d}"
    assert expr.code is not None and expr.code.endswith(want)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2000, max_value=2090), st.integers(min_value=1, max_value=12))
def test_a_deadline_at_a_month_end_is_its_last_day(
    finder: PeriodFinder, year: int, month: int
) -> None:
    text = f"截至{year}年{month}月底，"
    expr = only(finder, text)
    assert expr.as_of == f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("近三年", "2022/2024"),
        ("近5年来", "2020/2024"),
        ("过去十年间", "2015/2024"),
        ("四年来", "2021/2024"),
        ("两年间", "2023/2024"),
    ],
)
def test_the_last_years_run_to_the_reporting_year(
    finder: PeriodFinder, text: str, code: str
) -> None:
    expr = only(finder, text)
    assert (expr.kind, expr.code, surface(text, expr)) == ("range", code, text)


def test_the_last_years_are_the_span_of_as_many_years_stated_before(
    finder: PeriodFinder,
) -> None:
    anchor = TimeAnchor(year=2025, month=6)
    text = (
        "2020年至2023年，全市法院共审结案件2100件。四年来，共判处罪犯880人；连续3年开展巡回审判。"
    )
    assert [e.code for e in finder.find(text, anchor)] == ["2020/2023", "2020/2023"]
    # a span of another length does not say which years
    other = "2020年至2022年，全市法院共审结案件2100件。四年来，共判处罪犯880人。"
    assert [e.code for e in finder.find(other, anchor)] == ["2020/2022", "2022/2025"]


def test_a_totals_date_after_a_sentence_naming_a_year_is_the_state_at_writing(
    finder: PeriodFinder,
) -> None:
    anchor = TimeAnchor(year=2025, month=11)
    text = "2024年5月开展督察，同年8月反馈问题32个。截至10月底，完成整改28个。"
    assert [e.code for e in finder.find(text, anchor)][-1] == "2025-10"
    # within the sentence that names the year, the date is of that year
    same = "2024年5月开展督察，截至10月底完成整改28个。"
    assert [e.code for e in finder.find(same, anchor)][-1] == "2024-10"


def test_a_year_to_now_runs_to_the_reporting_year(finder: PeriodFinder) -> None:
    text = "2023年至今累计投入资金3.26亿元"
    assert finder.find(text, ANCHOR)[0].code == "2023/2024"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("去年以来，全县累计完成退化草地治理2.4万亩", "2024/2025"),
        ("去年启动编制以来，工作组先后调研15次", "2024/2025"),
        ("前年以来，共关停小作坊60家", "2023/2025"),
        ("今年以来，查处案件28件", "2025"),  # a span of one year is that year
        ("与去年相比，浓度下降4%", "2024"),  # no 以来: the year itself
    ],
)
def test_a_relative_year_opening_a_span_runs_to_the_reporting_year(
    finder: PeriodFinder, text: str, code: str
) -> None:
    assert finder.find(text, TimeAnchor(year=2025, month=9))[0].code == code


@pytest.mark.parametrize(("month", "code"), [(1, "2023"), (2, "2023"), (3, "2024"), (11, "2024")])
def test_the_whole_year_early_in_a_year_is_the_last_one(
    finder: PeriodFinder, month: int, code: str
) -> None:
    expr = only(finder, "全年", TimeAnchor(year=2024, month=month))
    assert (expr.kind, expr.code) == ("reporting", code)


@pytest.mark.parametrize(
    ("text", "month", "code"),
    [
        ("于7月10日至8月10日进驻", 11, "2023-07/2023-08"),
        ("于8月5日—9月5日进驻", 9, "2023-08/2023-09"),
        ("于11月20日至12月20日进驻", 2, "2022-11/2022-12"),  # a stay still to come is last year's
    ],
)
def test_a_stay_between_two_dates_without_a_year_is_its_months(
    finder: PeriodFinder, text: str, month: int, code: str
) -> None:
    expr = only(finder, text, TimeAnchor(year=2023, month=month))
    assert (expr.kind, expr.code) == ("month", code)


@settings(max_examples=60, deadline=None)
@given(
    year=st.integers(min_value=2000, max_value=2030),
    month=st.integers(min_value=1, max_value=12),
    first=st.integers(min_value=1, max_value=14),
    length=st.integers(min_value=1, max_value=14),
    written=st.booleans(),
)
def test_days_of_one_month_are_that_month(
    finder: PeriodFinder, year: int, month: int, first: int, length: int, written: bool
) -> None:
    # "9月15日至30日监测到火点43个": some days of one month have the month as their period
    text = f"{f'{year}年' if written else ''}{month}月{first}日至{first + length}日，全市监测到火点43个"
    found = only(finder, text, TimeAnchor(year=year if not written else 2031))
    assert found.code == f"{year}-{month:02d}"
    assert text[found.start : found.end].endswith(f"{first + length}日")
