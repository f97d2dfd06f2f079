"""Rules of session 22, each with sentences written for the test (not taken from a gold set)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from test_observations import observe
from test_observations_unseen import by_value

from ecokg.extract.lexicon import Lexicon
from ecokg.text.wordlists import any_of


@pytest.mark.parametrize("deadline", ["截至去年底", "截至去年年底", "截至2024年底"])
def test_a_deadline_named_relative_to_the_document_dates_its_totals(
    lexicon: Lexicon, deadline: str
) -> None:
    text = f"{deadline}，某市累计发放生态贷款4.6亿元，惠及农户约2.1万户，累计交易额逾800万元。"
    found = by_value(observe(text, lexicon, published="2025-04-08"))
    for value in ("4.6E8", "2.1E4", "8E6"):
        period = found[Decimal(value)].period
        assert (period.code, period.as_of) == ("cumulative", "2024-12-31"), value


def test_a_cue_word_inside_a_place_name_sets_no_target(lexicon: Lexicon) -> None:
    text = "将乐县、泰宁县去年新建污水管网分别为36公里和21公里。将乐县计划今年再建15公里。"
    found = by_value(observe(text, lexicon, published="2025-03-02"))
    assert found[Decimal(36)].modality == found[Decimal(21)].modality == "achieved"
    assert found[Decimal(15)].modality == "target"


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("重复举报件占比近一成。", "approx"),
        ("其中外省企业约占一成。", "approx"),
        ("本地企业占比达到一成以上。", "lower_bound"),
    ],
)
def test_one_tenth_is_a_share(lexicon: Lexicon, text: str, qualifier: str) -> None:
    found = by_value(observe(text, lexicon))
    assert found[Decimal(10)].unit == "percent"
    assert found[Decimal(10)].qualifier == qualifier


def test_an_idiom_with_one_tenth_is_no_share(lexicon: Lexicon) -> None:
    text = "治理模式不能一成不变，全市统一成立巡河队伍12支。"
    found = by_value(observe(text, lexicon))
    assert Decimal(10) not in found
    assert Decimal(12) in found


def test_counts_dealt_out_after_a_ranking_that_names_its_year(lexicon: Lexicon) -> None:
    text = "顺昌县、建宁县、明溪县去年受理信访件数居全市前三位，分别为58件、41件和37件。"
    found = by_value(observe(text, lexicon, published="2025-02-10"))
    assert {Decimal(58), Decimal(41), Decimal(37)} <= set(found)
    assert found[Decimal(58)].period.code == "2024"
    assert found[Decimal(58)].indicator.label == found[Decimal(37)].indicator.label


def test_micrograms_per_litre_are_a_unit_of_concentration(lexicon: Lexicon) -> None:
    text = "2024年，某湖叶绿素a平均浓度为18.4微克/升，总磷浓度为0.062毫克/升。"
    found = by_value(observe(text, lexicon))
    assert found[Decimal("18.4")].unit == "ug_per_l"
    assert found[Decimal("0.062")].unit == "mg_per_l"


@pytest.mark.parametrize(
    "text",
    ["某区审核完成率为76.2%，在全市排名末位。", "全市12个区县中，某区审核完成率76.2%，位居末位。"],
)
def test_the_last_place_is_a_rank_from_the_bottom(lexicon: Lexicon, text: str) -> None:
    ranks = [o for o in observe(text, lexicon) if o.unit == "rank"]
    assert [o.value for o in ranks] == [Decimal(1)]
    assert "倒数" in ranks[0].indicator.label


@pytest.mark.parametrize(
    "text",
    [
        "2024年，某市PM2.5浓度为45微克/立方米，排名末位（第12名）。",  # the position is stated
        "对排名末位且连续两个季度未改善的区县进行约谈。",  # a condition, not a result
    ],
)
def test_the_last_place_stated_otherwise_is_no_second_rank(lexicon: Lexicon, text: str) -> None:
    ranks = [o.value for o in observe(text, lexicon) if o.unit == "rank"]
    assert ranks in ([Decimal(12)], [])


def test_first_among_a_named_peer_group(lexicon: Lexicon) -> None:
    text = "2024年，某县尾矿综合利用率为52.3%，居全省各县（市、区）首位。"
    ranks = [o for o in observe(text, lexicon) if o.unit == "rank"]
    assert [o.value for o in ranks] == [Decimal(1)]


def test_a_month_after_a_relative_year_takes_that_year(lexicon: Lexicon) -> None:
    text = (
        "去年全省排查尾矿库580座，发现隐患问题960个。"
        "截至今年1月底，已完成整改902个，整改率94.0%。力争今年12月底前全部整改到位。"
    )
    found = by_value(observe(text, lexicon, published="2025-02-20"))
    assert found[Decimal("94.0")].period.code == "2025-01"
    assert found[Decimal(902)].period.as_of == "2025-01-31"


def test_a_half_year_compared_with_last_years_half_keeps_its_own(lexicon: Lexicon) -> None:
    text = "今年上半年，全区回收站点收集可回收物约3.8万吨，较去年上半年增加约12%。"
    found = by_value(observe(text, lexicon, published="2025-07-15"))
    assert found[Decimal(38000)].period.code == "2025-01/2025-06"
    assert found[Decimal(12)].period.code == "2025-01/2025-06"
    assert found[Decimal(12)].base_period == "2024-01/2024-06"


@pytest.mark.parametrize(
    "span", ["自4月1日起至7月31日止", "4月1日起至7月31日", "自2025年4月1日起至7月31日止"]
)
def test_a_season_from_one_day_to_another_dates_what_was_done_in_it(
    lexicon: Lexicon, span: str
) -> None:
    text = f"今年禁渔期{span}，全市共出动执法人员3200人次，查处非法捕捞案件46起。"
    found = by_value(observe(text, lexicon, published="2025-08-12"))
    assert found[Decimal(3200)].period.code == found[Decimal(46)].period.code == "2025-04/2025-07"


@pytest.mark.parametrize(
    "patterns",
    [
        (r"(?P<kind>总磷)浓度", r"(?P<kind>氨氮)浓度"),  # a group name used twice
        (r"(达标)率\1", r"优良"),  # a back-reference
        (r"(?i)pm2\.5", r"优良"),  # inline flags
    ],
)
def test_indicator_patterns_that_cannot_be_joined_rule_nothing_out(
    patterns: tuple[str, ...],
) -> None:
    joined = any_of(tuple(re.compile(p) for p in patterns))
    for text in ("总磷浓度", "氨氮浓度", "达标率达标", "PM2.5", "优良", "其他"):
        assert joined.search(text) is not None


def test_indicator_patterns_joined_find_what_each_finds() -> None:
    patterns = tuple(re.compile(p) for p in (r"PM2\.5", r"优良天数比[例率]", r"总磷"))
    joined = any_of(patterns)
    for text in ("PM2.5浓度", "优良天数比例", "总磷", "化学需氧量", ""):
        assert (joined.search(text) is not None) is any(p.search(text) for p in patterns)


def test_a_line_broken_inside_a_sentence_is_no_headline(lexicon: Lexicon) -> None:
    text = (
        "东湖区、西湖区、青山湖区考核断面达标率均为100%，并列\n"
        "第一；新建区为88.9%。城区饮用水水源地水质达标率为100%。"
    )
    found = observe(text, lexicon, published="2025-02-10")
    rates = {o.place for o in found if o.value == Decimal(100) and o.unit == "percent"}
    assert rates >= {"东湖区", "西湖区", "青山湖区"}
    assert len([o for o in found if o.unit == "rank"]) == 3


def test_a_headline_repeating_its_story_is_still_one_figure(lexicon: Lexicon) -> None:
    text = "去年全省新记录鸟类21种\n2024年，全省新记录鸟类21种，鸟类总数达到512种。"
    found = [o for o in observe(text, lexicon, published="2025-03-01") if o.value == 21]
    assert len(found) == 1 and found[0].also
