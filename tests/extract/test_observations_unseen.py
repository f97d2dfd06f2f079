"""Observations on kinds of text the demo corpus lacks (issue 12): monthly bulletins, inspection
feedback, county notices, reprints with conversion debris, targets. Every sentence is written for
these tests; places and figures are invented."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from test_observations import observe as observe_at

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract.base import Observation
from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import find_places
from ecokg.pipeline import extract
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.normalize import normalize
from ecokg.text.periods import TimeAnchor

# Documents published, unless a test says otherwise, in mid-November 2025.
observe = partial(observe_at, published="2025-11-14")


def by_value(found: list[Observation]) -> dict[Decimal, Observation]:
    values = [o.value for o in found]
    assert len(values) == len(set(values)), [(o.value, o.value_span.text) for o in found]
    return {o.value: o for o in found}


# ---------------------------------------------------------------- time


def test_months_without_a_year_take_the_document_year(lexicon: Lexicon) -> None:
    text = "10月份，全省PM2.5平均浓度为28微克/立方米，同比下降6.7%；1—10月，优良天数比率为89.2%。"
    found = by_value(observe(text, lexicon, published="2025-11-14"))
    assert found[Decimal(28)].period.code == "2025-10"
    assert found[Decimal("6.7")].period.code == "2025-10"
    assert found[Decimal("6.7")].base_period == "2024-10"
    assert found[Decimal("89.2")].period.code == "2025-01/2025-10"


def test_a_month_later_than_a_january_document_is_last_year(lexicon: Lexicon) -> None:
    text = "11月份，全市空气优良天数比率为93.3%。去年，全市PM2.5平均浓度为31微克/立方米。"
    found = by_value(observe(text, lexicon, published="2026-01-09"))
    assert found[Decimal("93.3")].period.code == "2025-11"
    assert found[Decimal(31)].period.code == "2025"


@pytest.mark.parametrize(
    ("when", "code"),
    [
        ("一季度", "2025-01/2025-03"),
        ("上半年", "2025-01/2025-06"),
        ("前三季度", "2025-01/2025-09"),
        ("下半年", "2025-07/2025-12"),
        ("2024年四季度", "2024-10/2024-12"),
        ("今年1—6月", "2025-01/2025-06"),
        ("去年10月份", "2024-10"),
    ],
)
def test_parts_of_a_year(lexicon: Lexicon, when: str, code: str) -> None:
    text = f"{when}，全省地表水国考断面水质优良比例为91.2%。"
    assert by_value(observe(text, lexicon))[Decimal("91.2")].period.code == code


def test_a_year_carries_through_the_parts_of_a_statement(lexicon: Lexicon) -> None:
    text = (
        "全省2024年城市PM2.5平均浓度为30微克/立方米，同比下降3.2%；其中，设区城市为32微克/立方米。"
    )
    found = by_value(observe(text, lexicon, published="2025-03"))
    assert {o.period.code for o in found.values()} == {"2024"}


def test_a_comparison_after_a_semicolon_sets_no_time(lexicon: Lexicon) -> None:
    text = (
        "10月份，全省优良天数比率为91.4%；去年10月份这一比率为88.8%。PM2.5平均浓度为29微克/立方米。"
    )
    found = by_value(observe(text, lexicon, published="2025-11-14"))
    assert found[Decimal("88.8")].period.code == "2024-10"
    assert found[Decimal(29)].period.code == "2025-10"


def test_a_numbered_heading_sets_the_time_of_its_section(lexicon: Lexicon) -> None:
    text = "全县生态环境质量状况通报\n二、1—9月全县水环境质量状况\n从各断面看，Ⅰ—Ⅲ类水质断面比例为95.0%，较好。\n"
    found = by_value(observe(text, lexicon, published="2025-10-20"))
    assert found[Decimal("95.0")].period.code == "2025-01/2025-09"


def test_running_totals_hold_at_a_date(lexicon: Lexicon) -> None:
    text = "截至9月底，全县累计建成污水处理终端46个。截至目前，共查处环境违法案件120件。"
    found = by_value(observe(text, lexicon, published="2025-10-20"))
    stated = found[Decimal(46)].period
    assert (stated.code, stated.as_of, stated.as_of_basis) == ("cumulative", "2025-09-30", "stated")
    inferred = found[Decimal(120)].period
    assert (inferred.code, inferred.as_of, inferred.as_of_basis) == (
        "cumulative",
        "2025-10-20",
        "document",
    )


def test_a_year_end_deadline_makes_a_stock_a_running_total(lexicon: Lexicon) -> None:
    text = "截至2024年底，全省建成国家级自然保护区18个，森林覆盖率为66.8%。"
    found = by_value(observe(text, lexicon, published="2025-06"))
    assert (found[Decimal(18)].period.code, found[Decimal(18)].period.as_of) == (
        "cumulative",
        "2024-12-31",
    )
    assert found[Decimal("66.8")].period.code == "2024"  # a rate at a date is that year's


def test_a_running_total_cue_opening_a_statement_holds_for_its_parts(lexicon: Lexicon) -> None:
    text = "截至目前，已办结举报2210件；其中责令整改1130家，罚款1650.5万元。"
    found = observe(text, lexicon, published="2025-09")
    assert {o.period.code for o in found} == {"cumulative"}


def test_since_a_year_runs_to_the_document_year(lexicon: Lexicon) -> None:
    text = "2019年以来，全区累计关停矿山212座。全县自2021年起连续4年获评考核优秀等次。"
    found = by_value(observe(text, lexicon, published="2025-08"))
    assert found[Decimal(212)].period.code == "2019/2025"
    streak = found[Decimal(4)]
    assert (streak.unit, streak.period.code) == ("year", "2024")


@pytest.mark.parametrize(
    ("text", "published", "periods"),
    [
        pytest.param(
            "A\n全年完成造林2.4万亩，其中上半年完成春季造林1.3万亩。",
            "2026-02-20",
            {"13000": "2025-01/2025-06"},  # most of the half is still to come in February
            id="half-year-in-a-february-report",
        ),
        pytest.param(
            "A\n去年，全县空气优良天数比率为71.2%。上半年受沙尘影响，PM2.5平均浓度为48微克/"
            "立方米，下半年实现全年转升为降。全年秸秆综合利用率达到92.5%。",
            "2026-02-20",
            {"48": "2025-01/2025-06", "92.5": "2025"},  # the half moves on: not the paragraph's
            id="half-year-that-moves-on",
        ),
        pytest.param(
            "A\n一、2025年和“十四五”时期工作回顾\n"
            "——水环境质量稳中向好。省控断面水质达标率为100%，农村生活污水治理率达到41.5%。",
            "2026-02-20",
            {"41.5": "2025"},  # a heading's first time is its section's
            id="heading-with-a-year-and-a-plan",
        ),
        pytest.param(
            "A\n1—3月，县城空气质量优良率为97.8%。去年全年，县城空气质量优良率为96.1%。"
            "分月看，3月县城细颗粒物浓度为22微克/立方米。",
            "2025-04-15",
            {"22": "2025-03"},  # last year, compared with, holds for its sentence only
            id="last-year-compared-with",
        ),
        pytest.param(
            "A\n前三季度，全省国考断面水质优良比例为97.9%。与“十四五”开局前的2020年同期相比，"
            "全省国考断面水质优良比例提高3.1个百分点。全省总磷平均浓度为0.051毫克/升。",
            "2025-10-22",
            {"0.051": "2025-01/2025-09"},  # a sentence opening with its base sets no time
            id="comparison-opening-a-sentence",
        ),
        pytest.param(
            "A\n全区森林覆盖率去年达到24.1%，已超过“十四五”末23.5%的目标。",
            "2025-09-10",
            {"23.5": "2025"},  # the end of a plan period is its last year
            id="end-of-a-plan-period",
        ),
        pytest.param(
            "A\n分月看，1月、2月、3月县城细颗粒物浓度分别为31、26、22微克/立方米。",
            "2025-04-15",
            {"31": "2025-01", "26": "2025-02", "22": "2025-03"},  # times listed with 分别
            id="times-listed-with-respectively",
        ),
        pytest.param(
            "A\n从全年情况看，今年1—10月，兰州市共办理环境信访件912件。其中，城关区、七里河区、"
            "安宁区办理信访件数分别为211件、187件和150件。",
            "2025-11-20",
            {"912": "2025-01/2025-10", "187": "2025-01/2025-10"},  # the framing gives way
            id="time-after-a-framing",
        ),
        pytest.param(
            "A\n从2024年全年看，全县PM2.5平均浓度为33微克/立方米。",
            "2025-03-02",
            {"33": "2024"},  # a framing with nothing after it keeps its own time
            id="time-inside-a-framing",
        ),
        pytest.param(
            "A\n1—5月，全市优良天数比率为82.4%，主要受2月中旬一次沙尘过程影响；PM10平均浓度为"
            "61微克/立方米。",
            "2025-06-12",
            {"82.4": "2025-01/2025-05", "61": "2025-01/2025-05"},  # a cause's date carries not
            id="date-of-a-cause",
        ),
        pytest.param(
            "A\n1—9月，全县PM2.5平均浓度为29微克/立方米，去年同期为31微克/立方米，同比下降"
            "6.5%；PM10平均浓度为47微克/立方米。",
            "2025-10-16",
            {"29": "2025-01/2025-09", "31": "2024-01/2024-09", "47": "2025-01/2025-09"},
            id="last-years-value-stated-in-passing",
        ),
        pytest.param(
            "A\n9月，全市累计出现轻度污染4天次。截至9月底，全市累计建成空气自动监测站58个。",
            "2025-10-16",
            {"4": "2025-09", "58": "cumulative"},  # a month's total, a deadline's stock
            id="total-over-a-month",
        ),
        pytest.param(
            "A\n2024年，全市地表水国考断面水质优良比例为88.9%；今年1—6月，优良比例为91.7%，"
            "同比上升2.8个百分点。",
            "2025-07-18",
            {"2.8": "2025-01/2025-06"},  # against last year's months, not a span of years
            id="year-on-year-after-another-year",
        ),
        pytest.param(
            "A\n2025年6月至9月，全市开展“碧水护航”专项行动。\n"
            "去年“清源”专项行动期间，全市共立案查处环境违法案件96件。"
            "专项行动期间，全市共立案查处环境违法案件131件。其中，移送公安机关案件12件。",
            "2025-10-16",
            {"96": "2024", "131": "2025-06/2025-09", "12": "2025-06/2025-09"},
            id="campaign-span-and-its-parts",
        ),
        pytest.param(
            "A\n2021年至2024年，全市法院共受理案件3126件。\n"
            "四年来，全市法院共判处罪犯1143人。其中，审结污染环境罪案件218件；"
            "审结非法捕捞水产品案件167件。",
            "2025-06-04",
            {"218": "2021/2024", "167": "2021/2024"},
            id="span-for-the-parts-of-its-qizhong",
        ),
    ],
)
def test_periods_in_context(
    lexicon: Lexicon, text: str, published: str, periods: dict[str, str]
) -> None:
    found = by_value(observe_at(text, lexicon, published=published))
    assert {v: found[Decimal(v)].period.code for v in periods} == periods


INSPECTION = """省第二生态环境保护督察组向某市反馈督察情况

经省委、省政府批准，省第二生态环境保护督察组于2025年4月8日至5月8日对某市开展了例行督察。

督察期间，督察组共受理群众举报856件。截至目前，已办结812件。督察发现，该市仍有11个入河排污口未完成整治。2024年，全市PM2.5年均浓度为38微克/立方米。
"""


def test_findings_of_an_inspection_take_the_span_it_covered(lexicon: Lexicon) -> None:
    found = by_value(observe(INSPECTION, lexicon, published="2025-06-20"))
    assert found[Decimal(856)].period.code == "2025-04/2025-05"
    assert found[Decimal(11)].period.code == "2025-04/2025-05"
    assert found[Decimal(812)].period.code == "cumulative"  # 截至目前: as of the writing
    assert found[Decimal(38)].period.code == "2024"  # a time of its own


def test_the_span_an_inspection_covered_is_not_the_month_of_a_hand_over(lexicon: Lexicon) -> None:
    text = (
        "A\n2024年3月至4月，省生态环境保护督察组对某市开展督察，并于同年7月向该市移交问题线索5个。\n"
        "督察发现，该市仍有9个尾矿库未完成闭库治理。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-01-10"))
    assert found[Decimal(9)].period.code == "2024-03/2024-04"


def test_a_rectification_report_is_not_dated_by_the_inspection(lexicon: Lexicon) -> None:
    text = INSPECTION.replace("反馈督察情况", "督察整改落实情况")
    assert by_value(observe(text, lexicon, published="2025-12-20"))[Decimal(11)].period.code != (
        "2025-04/2025-05"
    )


def test_a_count_of_the_places_a_sentence_names_is_no_value(lexicon: Lexicon) -> None:
    text = (
        "A\n10月份，PM2.5平均浓度较低的3个地区为彰武县、昌图县和康平县，分别为29、31和"
        "33微克/立方米。全省达到或好于Ⅲ类水质的国考断面比例为95.8%。"
    )
    found = by_value(observe(text, lexicon))
    assert Decimal(3) not in found
    assert {slug_of(found[Decimal(v)]) for v in (29, 31, 33)} == {"pm25-annual-mean"}
    assert found[Decimal(29)].place == "彰武县"
    assert slug_of(found[Decimal("95.8")]) == "national-sections-good-ratio"


def test_work_done_with_no_time_is_a_running_total(lexicon: Lexicon) -> None:
    text = (
        "某市督察整改进展情况通报\n各地对违法企业立案查处环境违法案件46件，罚款538万元，"
        "问责23人。整改方案明确提出8项主要措施。"
    )
    found = by_value(observe_at(text, lexicon, published="2025-11-20"))
    for value in (46, 5380000, 23):
        assert found[Decimal(value)].period.code == "cumulative"
        assert found[Decimal(value)].period.as_of == "2025-11-20"
    assert found[Decimal(8)].period.code is None  # what a plan says is no work done


def test_a_streak_ends_in_the_reporting_year(lexicon: Lexicon) -> None:
    text = "全省空气质量连续六年达到国家二级标准。"
    streak = observe(text, lexicon, published="2025-02", about="2024")[0]
    assert (streak.value, streak.unit, streak.period.code) == (Decimal(6), "year", "2024")


def test_the_reporting_period_is_the_time_of_an_undated_figure(lexicon: Lexicon) -> None:
    text = "全市饮用水水源地水质达标率为100%。"
    found = observe(text, lexicon, published="2025-07-20", about="2025-01/2025-06")
    assert found[0].period.code == "2025-01/2025-06"
    # A span of years is no time for a single figure.
    assert observe(text, lexicon, about="2021/2025")[0].period.code is None


# ---------------------------------------------------------------- values in structures


def test_values_listed_with_respectively_go_to_their_places(lexicon: Lexicon) -> None:
    text = "宜昌市、襄阳市、荆州市PM2.5平均浓度分别为33、41和37微克/立方米。"
    found = by_value(observe(text, lexicon))
    assert [(v, found[Decimal(v)].place) for v in (33, 41, 37)] == [
        (33, "宜昌市"),
        (41, "襄阳市"),
        (37, "荆州市"),
    ]
    assert {o.unit for o in found.values()} == {"ug_per_m3"}


def test_ranks_in_a_sentence(lexicon: Lexicon) -> None:
    text = "去年，全省国考断面水质优良比例为95.1%，排名全国第三，位居中部六省第二。"
    ranks = [o for o in observe(text, lexicon, published="2025-02") if o.unit == "rank"]
    assert sorted((o.value, o.rank_scope) for o in ranks) == [
        (Decimal(2), "central-region"),
        (Decimal(3), "national"),
    ]
    assert all(o.period.code == "2024" for o in ranks)


def test_a_shared_rank_is_a_rank(lexicon: Lexicon) -> None:
    text = "全省空气优良天数比率与福建并列第一。"
    rank = observe(text, lexicon, title="江西省2025年空气质量状况")[0]
    assert (rank.unit, rank.value) == ("rank", Decimal(1))
    assert rank.place == "江西省"  # the partner it ties with is not where the value belongs


def test_rank_lists_with_ties_and_stated_positions(lexicon: Lexicon) -> None:
    text = (
        "按照环境空气质量综合指数评价，9月份排名前三位的城市依次为黄山市、池州市，宣城市与安庆市并列第三；"
        "排名后三位的城市（从第16名到第14名）依次为淮北市、宿州市、亳州市。"
    )
    ranks = {(o.place, o.value) for o in observe(text, lexicon, published="2025-10")}
    assert ranks == {
        ("黄山市", 1),
        ("池州市", 2),
        ("宣城市", 3),
        ("安庆市", 3),
        ("淮北市", 16),
        ("宿州市", 15),
        ("亳州市", 14),
    }


def test_rank_named_after_its_place(lexicon: Lexicon) -> None:
    text = "上半年，国考断面水环境质量排名第一的是南平市，三明市、龙岩市并列第二；排名末位的是莆田市（第9位）。"
    found = observe(text, lexicon, published="2025-07")
    assert {(o.place, o.value) for o in found} == {
        ("南平市", 1),
        ("三明市", 2),
        ("龙岩市", 2),
        ("莆田市", 9),
    }
    # No peer group is written: cities are ranked within their province.
    assert {o.rank_scope for o in found} == {"provincial"}


def test_a_range_between_two_values(lexicon: Lexicon) -> None:
    text = "全省重点湖库总磷浓度介于0.021至0.046毫克/升之间。"
    value = observe(text, lexicon)[0]
    assert (value.value, value.max_value, value.qualifier) == (
        Decimal("0.021"),
        Decimal("0.046"),
        "range",
    )


@pytest.mark.parametrize(
    ("words", "value", "qualifier"),
    [
        ("九成以上", "90", "lower_bound"),
        ("近三成", "30", "approx"),
        ("过半", "50", "lower_bound"),
        ("四分之一", "25", "exact"),
        ("三分之二", "66.7", "exact"),  # to one decimal, as statistics state a percentage
        ("两成", "20", "exact"),
    ],
)
def test_fraction_words_are_percentages(
    lexicon: Lexicon, words: str, value: str, qualifier: str
) -> None:
    found = observe(f"全省监测的河流断面中，{words}水质为优。", lexicon)
    assert [(o.value, o.unit, o.qualifier) for o in found] == [
        (Decimal(value), "percent", qualifier)
    ]


def test_cheng_inside_words_is_no_fraction(lexicon: Lexicon) -> None:
    assert observe("三成为共识，一成不变的做法要改。", lexicon) == []


# ---------------------------------------------------------------- scope, thresholds, repeats


@pytest.mark.parametrize(
    "text",
    [
        "全省13个设区市中，有10个城市空气质量达标。",
        "全市9个县（市、区）PM2.5平均浓度介于22至35微克/立方米之间。",
        "全省18个地市中有7个地市存在问题。",
    ],
)
def test_scope_counts_are_no_findings(lexicon: Lexicon, text: str) -> None:
    values = {o.value for o in observe(text, lexicon)}
    assert Decimal(13) not in values and Decimal(9) not in values and Decimal(18) not in values
    assert values  # the finding itself stays


def test_a_threshold_is_no_finding(lexicon: Lexicon) -> None:
    found = observe("PM2.5平均浓度高于40微克/立方米的城市有3个。", lexicon)
    assert [(o.value, o.unit) for o in found] == [(Decimal(3), "count")]


def test_a_figure_stated_twice_is_one_observation(lexicon: Lexicon) -> None:
    text = (
        "全县空气优良天数比率达92.4%\n\n"
        "本报讯 1—9月，全县空气优良天数比率达92.4%，同比上升1.1个百分点。"
    )
    found = observe(text, lexicon, published="2025-10", about="2025-01/2025-09")
    ratio = [o for o in found if o.value == Decimal("92.4")]
    assert len(ratio) == 1
    assert len(ratio[0].also) == 1 and ratio[0].also[0].text == "92.4%"


# ---------------------------------------------------------------- clean text


def test_conversion_debris_does_not_hide_figures(lexicon: Lexicon) -> None:
    text = "去年，全區國考斷(duàn)面水質(zhì)優良比例為97.6%，生態環境質量?持續改善。"
    found = observe(text, lexicon, published="2026-01-05")
    assert [(o.value, o.indicator.label, o.period.code) for o in found] == [
        (Decimal("97.6"), "国考断面水质优良比例", "2025")
    ]
    quote = found[0].quote  # spans still point into the original, debris and all
    assert text[quote.start : quote.end] == quote.text and "(duàn)" in quote.text


# ---------------------------------------------------------------- place and modality


def test_a_county_notice_speaks_for_its_county(lexicon: Lexicon) -> None:
    text = "1—9月，空气优良天数比率为88.1%。全市PM2.5平均浓度为27微克/立方米。"
    title = "湖州市生态环境局安吉分局关于1—9月全县生态环境质量的通报"
    found = by_value(observe(text, lexicon, published="2025-10", title=title))
    assert found[Decimal("88.1")].place == "安吉县"
    assert found[Decimal(27)].place == "湖州市"  # 全市: the city the county belongs to


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("青峰岭国家公园2025年度工作报告", "青峰岭国家公园"),
        ("九龙江流域横向生态补偿协议实施见闻", "九龙江"),
    ],
)
def test_a_report_on_a_park_or_a_basin_speaks_for_it(
    lexicon: Lexicon, title: str, place: str
) -> None:
    text = "去年共聘用生态护林员1350名，完成生态修复16.8万亩。"
    found = observe(text, lexicon, published="2026-02", title=title)
    assert [o.place for o in found] == [place, place]


def test_the_whole_city_in_a_basin_feature_is_the_city_just_named(lexicon: Lexicon) -> None:
    text = "去年，龙岩市空气优良天数比例达98.6%；全市国考断面水质优良比例保持100%。"
    title = "九龙江流域横向生态补偿协议实施见闻"
    found = by_value(observe(text, lexicon, published="2025-10", title=title))
    assert found[Decimal(100)].place == "龙岩市"


def test_one_amount_for_listed_districts_is_their_citys(lexicon: Lexicon) -> None:
    text = "今年在吉阳区、天涯区建成危险废物收集平台3个，服务单位800余家。吉阳区与天涯区并列第二。"
    found = observe(text, lexicon, published="2025-10")
    assert [o.place for o in found if o.value == Decimal(3)] == ["三亚市"]
    # a shared rank is each one's
    assert [o.place for o in found if o.value == Decimal(2)] == ["吉阳区", "天涯区"]


def test_two_cities_opening_a_sentence_speak_for_what_holds_them(lexicon: Lexicon) -> None:
    text = (
        "柳州与桂林之间共有12条跨界河流。三年行动实施以来，两市累计投入治理资金9.6亿元。"
        "柳州、桂林PM2.5平均浓度均为31微克/立方米。"
    )
    found = observe(text, lexicon, published="2025-10")
    assert [o.place for o in found if o.value == Decimal(960000000)] == ["广西壮族自治区"]
    # the same value of each of them
    assert [o.place for o in found if o.value == Decimal(31)] == ["柳州市", "桂林市"]


def test_a_section_on_two_cities_speaks_for_their_province(lexicon: Lexicon) -> None:
    text = (
        "A\n# 省级督察进驻泉州漳州\n督察组进驻期间共受理群众举报633件，已办结580件。\n"
        "# 厦门：筼筜湖再现白鹭翩飞\n今年1—9月，全市空气优良天数比率为98.9%。"
    )
    found = by_value(observe(text, lexicon, published="2025-10"))
    assert found[Decimal(633)].place == "福建省"
    assert found[Decimal("98.9")].place == "厦门市"


def test_the_whole_basin_is_the_river_last_named(lexicon: Lexicon) -> None:
    text = "条例共八章六十条，覆盖沱江干支流。“十四五”以来，全流域累计投入治理资金逾90亿元。"
    title = "四川省沱江流域水环境保护条例将施行"
    found = by_value(observe(text, lexicon, published="2025-10", title=title))
    assert found[Decimal(9000000000)].place == "沱江"


def test_a_river_in_a_title_does_not_say_whose_province_it_is(lexicon: Lexicon) -> None:
    text = "今年1—8月，广州市、佛山市、肇庆市水质持续改善，全省国考断面水质优良比例为92.1%。"
    title = "西江干流水质稳居Ⅱ类"
    found = by_value(observe(text, lexicon, published="2025-09", title=title))
    assert found[Decimal("92.1")].place == "广东省"


def test_a_title_naming_a_division_by_its_short_name_speaks_for_it(lexicon: Lexicon) -> None:
    # the text names the autonomous county in full once; the title and the body by its stem
    text = "云南省楚雄州峨山彝族自治县近日公布核算结果。去年峨山森林覆盖率为68.4%。"
    title = "峨山去年森林覆盖率达68.4%"
    found = by_value(observe(text, lexicon, published="2025-04-02", title=title))
    assert found[Decimal("68.4")].place == "峨山彝族自治县"
    # a short form inside a reserve's name or naming a bay speaks for neither city
    text = "江苏省盐城市大丰区近日发布报告。保护区互花米草清除率达到92%。"
    title = "盐城湿地珍禽国家级自然保护区生态修复成效显著"
    found = by_value(observe(text, lexicon, published="2025-04-02", title=title))
    assert found[Decimal(92)].place != "盐城市"


def test_a_stretch_of_river_named_by_a_city_is_the_citys(lexicon: Lexicon) -> None:
    text = "去年，全市共查办非法捕捞案件96起，清理违规网具410张。"
    title = "长江禁渔第四年：九江江段江豚出现频次明显增加"
    found = by_value(observe(text, lexicon, published="2025-01-20", title=title))
    assert found[Decimal(96)].place == found[Decimal(410)].place == "九江市"


def test_an_item_introduced_by_qizhong_holds_for_its_part_only(lexicon: Lexicon) -> None:
    text = "去年全市生活垃圾回收利用率达到41.5%，其中平邑县最低，为33.2%；厨余垃圾处理率为92.6%。"
    title = "临沂市去年生活垃圾分类工作成效明显"
    found = by_value(observe(text, lexicon, published="2026-03-05", title=title))
    assert found[Decimal("33.2")].place == "平邑县"
    assert found[Decimal("92.6")].place == "临沂市"


def test_a_part_opening_with_the_jurisdiction_leaves_the_river_named_before(
    lexicon: Lexicon,
) -> None:
    text = (
        "去年，赣江干流南昌段水质稳定保持Ⅱ类；全市18个国考断面中，"
        "水质优良断面17个，优良比例为94.4%。"
    )
    found = by_value(observe(text, lexicon, published="2025-03-14", title="南昌市生态环境状况"))
    assert found[Decimal("94.4")].place == found[Decimal(17)].place == "南昌市"


def test_erci_opening_a_word_is_secondary_not_a_count(lexicon: Lexicon) -> None:
    text = "全市二次供水设施改造完成率达到95%，快件不再二次包装比例为90%，开展检查两次。"
    values = {o.value for o in observe(text, lexicon, published="2025-03-14")}
    assert values == {Decimal(95), Decimal(90), Decimal(2)}


def test_a_place_opening_a_companys_name_is_not_where_its_figures_are(lexicon: Lexicon) -> None:
    text = "平凉绿能再生资源有限公司在镇里建设的加工厂今年加工再生颗粒420吨。"
    meta = SourceMeta(title="安口镇2024年农膜回收工作总结", published=PartialDate(2024, 12))
    doc = Document("t", Path("t.txt"), text, "utf-8", meta)
    found = [c for c in extract(AnalyzedDoc.of(doc), lexicon) if isinstance(c, Observation)]
    assert [(o.value, o.place) for o in found] == [(Decimal(420), "安口镇")]


def test_parts_of_a_period_after_qizhong_are_the_same_count_and_end_at_their_part(
    lexicon: Lexicon,
) -> None:
    text = "全年共检查排污单位214家次，其中上半年96家次、下半年118家次；抽查台账1520份。"
    found = by_value(observe(text, lexicon, published="2024-01-25", about="2023"))
    assert found[Decimal(96)].indicator.iri == found[Decimal(214)].indicator.iri
    assert found[Decimal(96)].period.code == "2023-01/2023-06"
    assert found[Decimal(118)].period.code == "2023-07/2023-12"
    assert found[Decimal(1520)].period.code == "2023"


def test_the_place_a_sum_is_given_to_is_not_where_it_is(lexicon: Lexicon) -> None:
    text = "去年浙江省已按协议向安徽省拨付补偿资金4亿元。"
    assert observe(text, lexicon, published="2025-10")[0].place == "浙江省"


def test_a_place_opening_a_part_after_a_semicolon_is_that_parts(lexicon: Lexicon) -> None:
    text = (
        "宝鸡市2024年累计检查企业1873家次；金台区排查发现隐患97个，已整改95个。"
        "全年完成尾矿库风险评估23座。"
    )
    found = by_value(observe(text, lexicon, published="2025-03"))
    assert found[Decimal(95)].place == "金台区"
    assert found[Decimal(23)].place == "宝鸡市"


def test_a_lake_is_not_the_county_named_like_it(lexicon: Lexicon) -> None:
    text = "今年以来，太湖总磷平均浓度为0.061毫克/升。"
    found = observe(text, lexicon, published="2025-10")
    assert found[0].place == "太湖"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("入海河流总氮平均浓度为2.1毫克/升", []),  # 入海|河流, no 海河
        ("海河流域水质持续改善", ["海河"]),
        ("沿黄河流域各市", ["黄河"]),
        ("东江湖水质保持Ⅰ类", ["东江湖"]),  # the lake, not the river it is named after
    ],
)
def test_a_water_name_is_read_where_a_reader_sees_it(
    lexicon: Lexicon, text: str, names: list[str]
) -> None:
    assert [h.place.name for h in find_places(text, lexicon)] == names


def test_a_reserve_written_without_its_city_is_the_same_reserve(lexicon: Lexicon) -> None:
    text = "天津七里海湿地自然保护区管理中心发布报告。七里海湿地自然保护区记录鸟类258种。"
    found = observe(text, lexicon)
    assert found[0].place == "天津七里海湿地自然保护区"


def test_an_unlisted_reservoir_keeps_its_whole_name(lexicon: Lexicon) -> None:
    text = "石门坎水库水质为Ⅱ类。9月份，石门坎水库综合营养状态指数为31.2。"
    assert observe(text, lexicon)[0].place == "石门坎水库"


def test_a_part_of_a_region_in_brackets_is_still_the_region(lexicon: Lexicon) -> None:
    text = "截至9月底，三峡库区（重庆段）森林覆盖率达55.1%。"
    assert observe(text, lexicon)[0].place == "三峡库区"


def test_drinking_water_after_a_river_is_the_jurisdictions(lexicon: Lexicon) -> None:
    text = (
        "全区国控断面水质优良比例为93%，黄河干流宁夏段出境断面水质保持Ⅱ类；"
        "地级城市集中式饮用水水源地水质达标率保持100%。"
    )
    found = by_value(observe(text, lexicon, title="宁夏回族自治区生态环境状况"))
    assert found[Decimal(100)].place == "宁夏回族自治区"


def test_a_turn_to_the_whole_jurisdiction_holds_for_what_follows(lexicon: Lexicon) -> None:
    text = (
        "碧水保卫战扎实推进。长江铜陵段水质稳定保持Ⅱ类，全市国考断面水质优良率达95%；"
        "城市生活污水集中收集率达到71.2%。实施入河排污口整治项目26个。"
    )
    found = by_value(observe(text, lexicon, title="铜陵市2025年政府工作报告"))
    assert {found[Decimal(v)].place for v in ("95", "71.2", "26")} == {"铜陵市"}


def test_a_region_opening_its_clause_is_where_the_value_is(lexicon: Lexicon) -> None:
    text = (
        "1—9月，京津冀及周边地区PM2.5平均浓度为41微克/立方米，同比下降5.2%；"
        "汾渭平原为44微克/立方米。我省PM2.5平均浓度居长江经济带第六。"
    )
    found = by_value(observe(text, lexicon, title="湖北省1—9月空气质量"))
    assert [found[Decimal(v)].place for v in ("41", "5.2", "44")] == [
        "京津冀及周边地区",
        "京津冀及周边地区",
        "汾渭平原",
    ]
    assert found[Decimal(6)].place == "湖北省"  # the belt is what the province is ranked in


def test_a_basin_is_its_river(lexicon: Lexicon) -> None:
    found = observe("黄河流域国考断面水质优良比例为92.5%。", lexicon)
    assert found[0].place == "黄河"


def test_activity_counts_belong_to_the_jurisdiction(lexicon: Lexicon) -> None:
    text = "今年，湖南省共排查整治湘江入河排污口1382个，湘江干流断面水质优良比例为100%。"
    found = by_value(observe(text, lexicon, published="2025-05"))
    assert found[Decimal(1382)].place == "湖南省"
    assert found[Decimal(100)].place == "湘江"


@pytest.mark.parametrize(
    "text",
    [
        "到2027年，全省PM2.5平均浓度控制在32微克/立方米以内。",
        "力争到2027年，全省地表水国考断面水质优良比例达到95%以上。",
    ],
)
def test_targets_are_targets_with_their_year(lexicon: Lexicon, text: str) -> None:
    found = observe(text, lexicon, published="2025-03")
    assert [(o.modality, o.period.code) for o in found] == [("target", "2027")]


def test_a_past_deadline_is_an_achievement(lexicon: Lexicon) -> None:
    found = observe("到2024年底，全省累计建成美丽河湖120条。", lexicon, published="2025-03")
    assert found[0].modality == "achieved"


def test_water_bodies_the_lexicon_lacks(lexicon: Lexicon) -> None:
    text = (
        "近年来，全市持续推进碧波湖综合治理。今年1—9月，碧波湖总磷平均浓度为0.041毫克/升，"
        "无机氮平均浓度为0.48毫克/升。高原湖泊保护成效明显，重点水库水质稳定。"
    )
    found = by_value(observe(text, lexicon, published="2025-10", title="青山市生态环境质量通报"))
    assert found[Decimal("0.041")].place == "碧波湖"
    assert found[Decimal("0.48")].place == "碧波湖"  # a concentration in water: the lake's

    names = {h.place.name for h in find_places(normalize(text).text, lexicon)}
    assert "碧波湖" in names and "高原湖" not in names and "重点水库" not in names


def test_water_bodies_named_once_where_only_a_name_can_stand(lexicon: Lexicon) -> None:
    text = (
        "全省病险水库除险加固12座。其中，清溪江水库年末蓄水量9.2亿立方米；石门坝水库、"
        "白鹭峡水库蓄水量分别为2.6亿立方米和1.1亿立方米。练江流域氨氮年均浓度为0.62毫克/升。"
        "赤水河流域水质为优，江西省环境质量稳中向好。"
    )
    names = {h.place.name for h in find_places(normalize(text).text, lexicon)}
    assert {"清溪江水库", "石门坝水库", "白鹭峡水库", "练江"} <= names
    assert not {"病险水库", "水河", "江西"} & names


def test_a_reserve_named_after_a_mountain_is_the_reserve(lexicon: Lexicon) -> None:
    text = "祁连山国家级自然保护区内，今年已完成整改小水电站39座。"
    found = observe(text, lexicon, published="2025-11", title="甘肃省督察整改进展")
    assert found[0].place == "祁连山国家级自然保护区"


def test_an_indented_deadline_dates_the_totals_of_its_paragraph(lexicon: Lexicon) -> None:
    text = "　　截至10月底，已完成整改26个问题。全省立案查处环境违法案件51件，罚没款2946万元。"
    found = observe(text, lexicon, published="2025-11-20")
    assert {(o.period.code, o.period.as_of) for o in found} == {("cumulative", "2025-10-31")}


def test_a_deadline_sets_no_year_for_the_months_after_it(lexicon: Lexicon) -> None:
    text = "东江源水质已连续十一年保持Ⅱ类（截至2024年底）。1—3月，全县空气优良天数比率为98.1%。"
    found = by_value(observe(text, lexicon, published="2025-04-15"))
    assert found[Decimal("98.1")].period.code == "2025-01/2025-03"


# ---------------------------------------------------------------- one indicator per metric


def slug_of(o: Observation) -> str:
    return o.indicator.iri.rsplit("/", 1)[-1]


def test_a_place_opening_the_label_is_no_part_of_the_metric(lexicon: Lexicon) -> None:
    text = "洪泽湖（江苏部分）三季度总磷均值为0.071毫克/升，同比下降6.2%。"
    found = by_value(observe(text, lexicon))
    assert slug_of(found[Decimal("0.071")]) == "total-phosphorus-concentration"
    assert slug_of(found[Decimal("6.2")]) == "total-phosphorus-concentration--yoy-change"


def test_the_counter_names_what_is_counted(lexicon: Lexicon) -> None:
    text = "临港新片区全年开展专项执法检查1500余家次。"
    assert slug_of(observe(text, lexicon)[0]) == "enterprises-inspected"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("全县PM2.5平均浓度为26微克/立方米，低于南昌市同期均值（31微克/立方米）。", "南昌市"),
        ("全县PM2.5平均浓度为26微克/立方米；同期全国地级及以上城市平均为31微克/立方米。", "全国"),
        (
            "全县PM2.5平均浓度为26微克/立方米，同期全国339个地级及以上城市平均为31微克/立方米。",
            "全国",
        ),
    ],
)
def test_an_average_quoted_for_comparison_is_the_same_metric(
    lexicon: Lexicon, text: str, place: str
) -> None:
    found = by_value(observe(text, lexicon))
    assert set(found) == {Decimal(26), Decimal(31)}  # 339 only sets the scope
    assert slug_of(found[Decimal(31)]) == "pm25-annual-mean"
    assert found[Decimal(31)].place == place


def test_the_same_month_last_year_is_the_metric_just_reported(lexicon: Lexicon) -> None:
    text = "3月份，全市空气质量优良天数比率为91.3%，同比提高2.1个百分点，上年同月为89.2%。"
    found = by_value(observe(text, lexicon, published="2025-04-10"))
    assert slug_of(found[Decimal("89.2")]) == "good-air-days-ratio"
    assert found[Decimal("89.2")].period.code == "2024-03"


def test_the_largest_fall_is_a_change_of_the_metric_the_sentence_names(lexicon: Lexicon) -> None:
    text = "与上年同期相比，六个市PM2.5浓度下降，其中萍乡市降幅最大，为12.4%；新余市则上升3.3%。"
    found = by_value(observe(text, lexicon))
    fall, rise = found[Decimal("12.4")], found[Decimal("3.3")]
    assert slug_of(fall) == slug_of(rise) == "pm25-annual-mean--yoy-change"
    assert (fall.change_direction, fall.place) == ("down", "萍乡市")
    assert (rise.change_direction, rise.place) == ("up", "新余市")


def test_a_change_after_a_clause_naming_a_metric_is_of_that_metric(lexicon: Lexicon) -> None:
    text = "超标城市有4个，较去年同期减少3个；PM2.5浓度改善最明显的是黄石市，同比下降11.2%。"
    found = by_value(observe(text, lexicon))
    assert slug_of(found[Decimal("11.2")]) == "pm25-annual-mean--yoy-change"


def test_points_are_a_change_of_the_share_not_of_the_days(lexicon: Lexicon) -> None:
    text = "全县城区空气质量优良率为96.2%，优良天数88天，同比上升2.3个百分点。"
    found = by_value(observe(text, lexicon))
    assert slug_of(found[Decimal("2.3")]) == "good-air-days-ratio--yoy-change"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全省共有国控断面120个。其中，水质优良比例为90.8%，同比上升1.2个百分点。",
            "national-sections-good-ratio",
        ),
        (
            "全省省控断面（含国考断面）Ⅰ—Ⅲ类水质比例为90.8%，同比上升1.2个百分点。",
            "sections-good-ratio",
        ),
        (
            "全省国考断面水质稳中向好。省控断面Ⅰ—Ⅲ类水质比例为90.8%，同比上升1.2个百分点。",
            "sections-good-ratio",
        ),
    ],
)
def test_the_paragraph_says_which_set_of_sections_a_share_is_of(
    lexicon: Lexicon, text: str, expected: str
) -> None:
    found = by_value(observe(text, lexicon))
    assert slug_of(found[Decimal("90.8")]) == expected
    assert slug_of(found[Decimal("1.2")]) == f"{expected}--yoy-change"


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        (
            "全区城市集中式饮用水水源地水质全部达标，达标率为100%。",
            "100",
            "drinking-water-compliance",
        ),
        (
            "县城以上生活饮用水水源地水质保持稳定，达标率97.5%。",
            "97.5",
            "drinking-water-compliance",
        ),
        (
            "全市农村生活污水治理工作扎实推进，治理率达到52.4%。",
            "52.4",
            "rural-sewage-treatment-rate",
        ),
    ],
)
def test_a_bare_rate_is_of_what_the_clause_before_is_about(
    lexicon: Lexicon, text: str, value: str, expected: str
) -> None:
    assert slug_of(by_value(observe(text, lexicon))[Decimal(value)]) == expected


def test_exceedance_is_of_the_pollutant_just_measured(lexicon: Lexicon) -> None:
    text = "西溪河某国控断面2024年氨氮平均浓度为1.84毫克/升，超过Ⅲ类标准0.8倍；同期总磷超标0.3倍。"
    found = by_value(observe(text, lexicon))
    assert found[Decimal("0.8")].indicator.label == "氨氮超标倍数"
    assert found[Decimal("0.3")].indicator.label == "总磷超标倍数"


@pytest.mark.parametrize(
    ("text", "value", "expected", "direction"),
    [
        (
            "2024年全区森林覆盖率达到31.6%，已超过“十四五”末31%的目标。",
            "31",
            "forest-coverage",
            None,
        ),
        (
            "全市单位GDP能耗较2020年下降11.8%，“十四五”下降14%的约束性目标有望完成。",
            "14",
            "energy-intensity-reduction",
            "down",
        ),
    ],
)
def test_a_value_of_a_goal_is_a_target_of_the_metric_before_it(
    lexicon: Lexicon, text: str, value: str, expected: str, direction: str | None
) -> None:
    goal = by_value(observe(text, lexicon))[Decimal(value)]
    assert (slug_of(goal), goal.modality, goal.change_direction) == (expected, "target", direction)


@pytest.mark.parametrize(("word", "direction"), [("不降反升", "up"), ("不升反降", "down")])
def test_a_change_against_expectation_keeps_its_metric_and_direction(
    lexicon: Lexicon, word: str, direction: str
) -> None:
    text = f"上半年，全县细颗粒物平均浓度为37微克/立方米，同比{word}2.8%。"
    change = by_value(observe(text, lexicon))[Decimal("2.8")]
    assert (slug_of(change), change.change_direction) == (
        "pm25-annual-mean--yoy-change",
        direction,
    )


def test_people_are_counted_by_what_was_done_to_them(lexicon: Lexicon) -> None:
    text = "该案移送公安机关后，2名直接责任人被依法行政拘留，另有5人被刑事拘留。"
    found = by_value(observe(text, lexicon))
    assert found[Decimal(2)].indicator.label == "行政拘留人数"
    assert found[Decimal(5)].indicator.label == "刑事拘留人数"


def test_an_amount_after_jiang_is_what_was_moved_and_no_plan(lexicon: Lexicon) -> None:
    text = "检查发现，某建材公司将约1.5万吨建筑垃圾倾倒在河道管理范围内。"
    dumped = observe(text, lexicon)[0]
    assert (dumped.indicator.label, dumped.modality) == ("建筑垃圾", "achieved")


def test_funds_for_environmental_protection_are_one_metric(lexicon: Lexicon) -> None:
    text = (
        "全年市级财政投入生态环保专项资金2.4亿元。各县区环境保护资金投入合计约9亿元；"
        "争取中央生态环境保护资金3.1亿元。"
    )
    found = by_value(observe(text, lexicon))
    assert slug_of(found[Decimal(900000000)]) == "environmental-protection-funds"
    assert slug_of(found[Decimal(310000000)]) != "environmental-protection-funds"


def test_parts_of_a_count_by_town_keep_the_count(lexicon: Lexicon) -> None:
    text = "上半年全县完成入河排污口整治23个，其中古城镇9个、龙村乡6个、城关镇8个。"
    found = by_value(observe(text, lexicon))
    assert {slug_of(found[Decimal(n)]) for n in (23, 9, 6, 8)} == {"outfalls-rectified"}
    assert [found[Decimal(n)].place for n in (9, 6, 8)] == ["古城镇", "龙村乡", "城关镇"]


def test_a_numeral_inside_a_division_name_is_no_value(lexicon: Lexicon) -> None:
    text = "全市共受理信访举报560件，其中九台区61件、六盘水市钟山区12件。"
    found = by_value(observe(text, lexicon))
    assert set(found) == {Decimal(560), Decimal(61), Decimal(12)}


def test_a_set_of_cities_before_a_value_is_where_not_what(lexicon: Lexicon) -> None:
    text = "1—9月，成渝地区PM2.5平均浓度为36微克/立方米；川南地区16个城市为41微克/立方米。"
    found = by_value(observe(text, lexicon))
    assert slug_of(found[Decimal(41)]) == "pm25-annual-mean"


def test_a_time_before_a_ranked_metric_does_not_hide_it(lexicon: Lexicon) -> None:
    text = "1—8月贵州省优良天数比例最高，为99.3%，云南省、海南省分别为99.0%和98.8%。"
    found = by_value(observe(text, lexicon))
    assert {slug_of(o) for o in found.values()} == {"good-air-days-ratio"}
    assert found[Decimal("98.8")].place == "海南省"


def test_the_metric_a_sentence_names_first_goes_with_its_extremes(lexicon: Lexicon) -> None:
    text = (
        "各市优良天数比率均在90%以上。PM2.5浓度方面，甘孜州最低，为11微克/立方米；"
        "自贡市最高，为39微克/立方米。"
    )
    found = by_value(observe(text, lexicon))
    assert {slug_of(found[Decimal(v)]) for v in (11, 39)} == {"pm25-annual-mean"}


@pytest.mark.parametrize(
    "text",
    [
        "全年各级财政投入大气污染防治资金6.2亿元。",
        "全年已下达大气污染防治资金6.2亿元。",
        "全年大气污染防治资金6.2亿元。",
    ],
)
def test_who_paid_and_how_is_no_part_of_the_funds_name(lexicon: Lexicon, text: str) -> None:
    assert observe(text, lexicon)[0].indicator.label == "大气污染防治资金"


def test_changes_listed_with_fenbie_go_with_the_metrics_in_order(lexicon: Lexicon) -> None:
    text = "全省罚没款1.02亿元、下达处罚决定书3120份，同比分别下降6.1%和3.4%。"
    found = by_value(observe(text, lexicon))
    fines, decisions = found[Decimal("6.1")], found[Decimal("3.4")]
    assert slug_of(fines) == "penalty-amount--yoy-change"
    assert decisions.indicator.base == found[Decimal(3120)].indicator
    assert fines.change_direction == decisions.change_direction == "down"


def test_every_member_of_a_list_of_changes_is_a_change(lexicon: Lexicon) -> None:
    text = "湘江、资江流域总磷浓度同比分别下降5.2%和7.9%。"
    found = by_value(observe(text, lexicon))
    assert {slug_of(o) for o in found.values()} == {"total-phosphorus-concentration--yoy-change"}
    assert [o.place for o in found.values()] == ["湘江", "资江"]


def test_risen_to_gives_a_level_not_a_change(lexicon: Lexicon) -> None:
    found = observe("全区森林覆盖率提高到24.6%，草原综合植被盖度上升至45.1%。", lexicon)
    assert [(slug_of(o), o.change_direction) for o in found] == [
        ("forest-coverage", None),
        ("grassland-vegetation-cover", None),
    ]


def test_the_start_year_of_a_fall_dates_only_its_start_value(lexicon: Lexicon) -> None:
    text = "岱海湖心断面总磷浓度由2020年的0.15毫克/升降至0.07毫克/升。"
    found = by_value(observe(text, lexicon, about="2025"))
    assert found[Decimal("0.15")].period.code == "2020"
    assert found[Decimal("0.07")].period.code == "2025"


def test_the_metric_nearest_the_value_names_it(lexicon: Lexicon) -> None:
    text = "围绕督察反馈问题，检察机关累计立案办理生态环境领域公益诉讼案件312件。"
    assert slug_of(observe(text, lexicon)[0]) == "public-interest-litigation-cases"


def test_money_spent_on_a_named_basin_and_a_bare_basin_are_the_rivers(lexicon: Lexicon) -> None:
    text = (
        "去年，我省投入乌江流域保护治理资金约8.3亿元，整治乌江入河排污口212个。"
        "随着禁渔持续推进，2024年流域共监测到鱼类96种。"
    )
    found = by_value(observe(text, lexicon, published="2025-04-18"))
    assert found[Decimal(830000000)].place == "乌江"
    assert found[Decimal(212)].place != "乌江"  # work a government did, not the river's state
    assert found[Decimal(96)].place == "乌江"


def test_a_change_is_of_the_place_its_level_was(lexicon: Lexicon) -> None:
    text = "2024年，洪泽湖总磷平均浓度为0.071毫克/升，同比下降4.2%，比2020年下降18.5%。"
    found = by_value(observe(text, lexicon, published="2025-05-20"))
    assert {o.place for o in found.values()} == {"洪泽湖"}
    assert slug_of(found[Decimal("4.2")]).endswith("--yoy-change")
    assert slug_of(found[Decimal("18.5")]).endswith("--change")  # 比2020年 is its own base


@pytest.mark.parametrize(
    "text",
    [
        "5月，临沂市兰陵县一家企业偷排废水被查处，涉案废水约900吨。",
        "临沂市生态环境局兰陵分局查处一起偷排案件，涉案废水约900吨。",
    ],
)
def test_a_county_written_inside_its_city_is_the_place(lexicon: Lexicon, text: str) -> None:
    assert observe(text, lexicon)[0].place == "兰陵县"


def test_towns_no_gazetteer_lists_are_places(lexicon: Lexicon) -> None:
    text = (
        "安远县空气质量通报\n"
        "1—6月，版石镇、天心镇和孔田镇PM2.5平均浓度分别为21、24和23微克/立方米。"
        "在全县18个乡镇中，鹤子乡位列第一。推进乡村振兴，城乡镇污水处理率达95%。"
    )
    found = by_value(observe(text, lexicon, published="2025-07-10"))
    assert [found[Decimal(v)].place for v in (21, 24, 23)] == ["版石镇", "天心镇", "孔田镇"]
    assert found[Decimal(1)].place == "鹤子乡"
    assert found[Decimal(95)].place != "城乡镇"  # a kind of place, not a name


def test_a_town_after_its_county_is_the_place(lexicon: Lexicon) -> None:
    found = observe("A\n安吉县天荒坪镇PM2.5平均浓度为18.7微克/立方米。", lexicon)
    assert found[0].place == "天荒坪镇"


def test_rivers_and_channels_the_gazetteer_lacks_are_found_by_repetition(lexicon: Lexicon) -> None:
    text = (
        "A\n葫芦河流域水质持续改善。一季度，葫芦河总磷平均浓度为0.18毫克/升，同比下降9.5%；"
        "主要支流槐荫港总磷浓度为0.21毫克/升。槐荫港沿线整治排污口12个。全面推行河长制。"
    )
    found = by_value(observe(text, lexicon))
    assert found[Decimal("0.18")].place == found[Decimal("9.5")].place == "葫芦河"
    assert found[Decimal("0.21")].place == "槐荫港"


def test_a_bracketed_part_of_a_lake_is_still_the_lake(lexicon: Lexicon) -> None:
    found = observe("A\n洪泽湖（江苏部分）三季度总磷均值为0.071毫克/升。", lexicon)
    assert found[0].place == "洪泽湖"


def test_a_lake_opening_a_statement_after_a_time_is_its_subject(lexicon: Lexicon) -> None:
    text = "A\n蓝藻防控方面，去年巢湖最大水华面积占全湖面积的8.1%；蓝藻水华发生天数为39天。"
    found = by_value(observe(text, lexicon, published="2025-03-10"))
    assert found[Decimal("8.1")].place == found[Decimal(39)].place == "巢湖"


def test_a_list_of_rivers_is_no_subject_for_the_next_clause(lexicon: Lexicon) -> None:
    text = (
        "A\n全省国考断面水质优良比例达96.1%，长江干流连续6年、汉江干流连续4年保持Ⅱ类水质，"
        "县级及以上饮用水水源地水质达标率连续3年保持100%。"
    )
    found = by_value(observe(text, lexicon, published="2025-03-10"))
    assert found[Decimal(100)].place not in ("长江", "汉江")


def test_names_listed_before_fenbie_pair_with_their_changes(lexicon: Lexicon) -> None:
    text = (
        "A\n全省下达处罚决定书980份，罚没款0.92亿元，处罚决定数和罚没金额同比分别增长5.5%和9.7%。"
    )
    found = by_value(observe(text, lexicon))
    assert slug_of(found[Decimal("5.5")]) == "penalty-cases--yoy-change"
    assert slug_of(found[Decimal("9.7")]) == "penalty-amount--yoy-change"


def test_best_and_worst_are_no_part_of_the_metric(lexicon: Lexicon) -> None:
    text = (
        "A\n全区PM2.5平均浓度为38微克/立方米。PM2.5浓度最低的是甲乙街道、丙丁镇和戊己镇，"
        "分别为33、34和35微克/立方米；庚辛镇、壬癸镇浓度相对较高，分别为42、41微克/立方米。"
        "PM2.5平均浓度浏阳市最低，为29微克/立方米；宁乡市最高，为47微克/立方米。"
    )
    found = by_value(observe(text, lexicon))
    assert {slug_of(o) for o in found.values()} == {"pm25-annual-mean"}
    places = {v: found[Decimal(v)].place for v in (33, 34, 35, 42, 41, 29, 47)}
    assert places == {
        33: "甲乙街道",
        34: "丙丁镇",
        35: "戊己镇",
        42: "庚辛镇",
        41: "壬癸镇",
        29: "浏阳市",
        47: "宁乡市",
    }


def test_a_list_inside_brackets_does_not_cut_the_label(lexicon: Lexicon) -> None:
    text = "A\n近岸海域水质优良（一、二类）面积比例为92.4%，同比上升1.3个百分点。"
    found = by_value(observe(text, lexicon))
    assert slug_of(found[Decimal("92.4")]) == "coastal-water-good-ratio"
    assert slug_of(found[Decimal("1.3")]) == "coastal-water-good-ratio--yoy-change"


def test_a_bare_reserve_is_the_one_the_paragraph_named(lexicon: Lexicon) -> None:
    text = (
        "A\n在清澜港国家级自然保护区，保护区管理局今年以来查处破坏红树林案件6起，"
        "清退保护区内养殖塘800余亩。截至目前，保护区红树林面积约1.6万亩。清澜港水质优良。"
    )
    found = by_value(observe(text, lexicon))
    assert {o.place for o in found.values()} == {"清澜港国家级自然保护区"}
    assert found[Decimal(16000)].indicator.label == "红树林面积"


def test_a_reserve_no_gazetteer_lists_is_a_place(lexicon: Lexicon) -> None:
    text = (
        "A\n去年，我们持续推进沙化土地治理，石嘴子国家级自然保护区累计固沙造林1.2万亩；"
        "依托鹭鸶洲湿地公园监测到越冬水鸟3200只。全省各级自然保护区面积达到38万亩。"
    )
    found = by_value(observe(text, lexicon))
    assert found[Decimal(12000)].place == "石嘴子国家级自然保护区"
    assert found[Decimal(3200)].place == "鹭鸶洲湿地公园"  # 依托 opens the clause, not the name
    assert found[Decimal(3200)].indicator.label == "越冬水鸟数"  # 监测到 is how, not what
    assert found[Decimal(380000)].place != "石嘴子国家级自然保护区"  # 各级…: a kind


def test_a_park_referred_to_as_the_park_area(lexicon: Lexicon) -> None:
    text = (
        "A\n黄河源国家公园设立三年来，园区内藏野驴种群数量增至2.1万头，"
        "岩羊1.6万只。下一步，我们将开展第二次综合科学考察。"
    )
    found = by_value(observe(text, lexicon))
    assert {o.place for o in found.values()} == {"黄河源国家公园"}
    assert found[Decimal(21000)].indicator.label.startswith("藏野驴")


def test_planning_regions_are_places(lexicon: Lexicon) -> None:
    text = (
        "A\n1—9月，关中平原经济区、陇东经济区PM2.5平均浓度分别为41.5和28.2微克/立方米，"
        "陕南生态示范区为19.6微克/立方米。"
    )
    found = by_value(observe(text, lexicon))
    assert found[Decimal("41.5")].place == "关中平原经济区"
    assert found[Decimal("28.2")].place == "陇东经济区"
    assert found[Decimal("19.6")].place == "陕南生态示范区"
    assert {o.indicator.label for o in found.values()} == {"PM2.5年均浓度"}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        pytest.param(
            "A\n今年以来，大理州查处涉洱海环境违法案件41件。越冬水鸟同步调查中，"
            "洱海共记录水鸟约5.2万只，监测到土著鱼类15种。",
            {"52000": "洱海", "15": "洱海"},  # living things counted are the lake's state
            id="living-things-in-a-lake",
        ),
        pytest.param(
            "A\n兰考县2025年生态建设情况。东坝头镇完成黄河滩区生态造林2600亩，"
            "嘉兴南湖总磷平均浓度为0.11毫克/升。",
            {"2600": "东坝头镇", "0.11": "南湖"},  # a lake named with its city is the lake
            id="town-opening-a-clause-over-a-river",
        ),
        pytest.param(
            "A\n全县农村生活污水治理率达到46.3%，其中东坝头镇、三义寨乡、葡萄架乡分别达到"
            "68.5%、61.2%和57.8%。",
            {"68.5": "东坝头镇", "61.2": "三义寨乡", "57.8": "葡萄架乡"},
            id="towns-listed-after-qizhong",
        ),
        pytest.param(
            "A\n“十四五”以来，辽河口国家级自然保护区累计修复退化湿地约9万亩。\n"
            "在鸟类保护方面，保护区共监测到鸟类约41万只，同比增加一成。",
            {"410000": "辽河口国家级自然保护区"},
            id="bare-reserve-in-a-later-paragraph",
        ),
        pytest.param(
            "A\n辽河口国家级自然保护区位于盘锦市。\n"
            "今年春季迁徙季，保护区共监测到鸟类约35万只；丹顶鹤繁殖雏鸟逾120只。",
            {"350000": "辽河口国家级自然保护区", "120": "辽河口国家级自然保护区"},
            id="paragraph-about-a-reserve",
        ),
        pytest.param(
            "A\n陕西省生态环境厅通报：上半年，陕南地区PM2.5平均浓度为29微克/立方米，"
            "关中地区为47微克/立方米；长江经济带PM2.5平均浓度为31微克/立方米。",
            {"29": "陕南地区", "47": "关中地区"},
            id="region-inside-a-province",
        ),
        pytest.param(
            "A\n贺兰山马鹿种群数量稳定在5000只以上，六盘山森林覆盖率达到66%。",
            {
                "5000": "贺兰山",
                "66": "六盘山",
            },  # not 贺兰县: a mountain range the county is named after
            id="mountain-range",
        ),
    ],
)
def test_places_of_values(lexicon: Lexicon, text: str, places: dict[str, str]) -> None:
    found = by_value(observe(text, lexicon))
    assert {v: found[Decimal(v)].place for v in places} == places


def test_what_a_place_is_ranked_in_is_not_its_place(lexicon: Lexicon) -> None:
    text = "兰考县2025年环境质量公报\n去年，全县空气质量综合指数改善幅度居开封市第二。"
    found = observe(text, lexicon)
    rank = next(o for o in found if o.unit == "rank")
    assert rank.value == 2
    assert rank.place == "兰考县"


@pytest.mark.parametrize(
    ("text", "published", "places"),
    [
        pytest.param(
            "北辰区空气质量通报\n三季度，全区PM2.5平均浓度为23微克/立方米；"
            "同期全市PM2.5平均浓度为21微克/立方米。",
            "2025-10-12",
            {"23": "北辰区", "21": "天津市"},
            id="the whole city in a district notice of a municipality",
        ),
        pytest.param(
            "宁夏回族自治区生态环境厅通报\n去年，黄河干流宁夏段连续9年保持Ⅱ类进Ⅱ类出，"
            "国考断面水质优良比例为95%。",
            "2026-01-15",
            {"95": "宁夏回族自治区"},
            id="a share of sections after a river is the jurisdiction's",
        ),
        pytest.param(
            "生态环境部通报2025年9月全国环境空气质量状况\n9月，全国339个地级及以上城市平均空气质量"
            "优良天数比例为90.2%，同比上升1.9个百分点。保定、邢台、邯郸等城市排名相对靠后。",
            "2025-10-20",
            {"90.2": "全国", "1.9": "全国"},
            id="a national release speaks for the country",
        ),
        pytest.param(
            "岳阳市空气质量月报\n1—11月，全市PM2.5平均浓度为37微克/立方米，"
            "高于全省平均水平（35微克/立方米）。",
            "2025-12-12",
            {"37": "岳阳市", "35": "湖南省"},
            id="the province average is the province's",
        ),
        pytest.param(
            "怀宁县水环境质量通报\n经安庆市生态环境局核算，前三季度全县城市水质指数为3.92。",
            "2025-10-15",
            {"3.92": "怀宁县"},
            id="the agency that computed a figure is not its place",
        ),
    ],
)
def test_the_jurisdiction_a_figure_is_about(
    lexicon: Lexicon, text: str, published: str, places: dict[str, str]
) -> None:
    found = by_value(observe(text, lexicon, published=published))
    assert {value: found[Decimal(value)].place for value in places} == places


def test_every_streak_of_a_water_class_is_one_metric(lexicon: Lexicon) -> None:
    text = (
        "A\n新安江湖心水质已连续5年稳定保持Ⅱ类；闽江干流出省断面水质连续8年保持“Ⅱ类进Ⅱ类出”。"
        "湘江干流连续6年、资江干流连续3年保持Ⅱ类水质。"
    )
    found = observe(text, lexicon)
    assert [o.value for o in found] == [5, 8, 6, 3]
    assert {o.indicator.label for o in found} == {"Ⅱ类水质连续年数"}


def test_a_difference_from_an_average_is_its_own_metric_with_a_direction(lexicon: Lexicon) -> None:
    text = (
        "A\n全省国考断面水质优良比例为97.9%，高于全国平均水平7.5个百分点。"
        "全市PM2.5平均浓度为33微克/立方米，较全省平均低2微克/立方米。"
    )
    found = by_value(observe(text, lexicon))
    above, below = found[Decimal("7.5")], found[Decimal(2)]
    assert slug_of(above) == "national-sections-good-ratio--gap-national-average"
    assert slug_of(below) == "pm25-annual-mean--gap-provincial-average"
    assert (above.change_direction, below.change_direction) == ("up", "down")


def test_a_tally_of_places_is_no_metric_for_the_values_after_it(lexicon: Lexicon) -> None:
    text = (
        "邵阳市空气质量月报\n11月，全市PM2.5平均浓度为36微克/立方米，比全省平均水平（35微克/立方米）高1微克/立方米。"
        "与去年同期相比，8个县市区PM2.5平均浓度下降，4个县市区上升；其中武冈市下降5微克/立方米，"
        "降幅12.2%，洞口县上升3微克/立方米。"
    )
    found = by_value(observe(text, lexicon, published="2025-12-12"))
    assert slug_of(found[Decimal(1)]) == "pm25-annual-mean--gap-provincial-average"
    assert found[Decimal(1)].place == "邵阳市"
    for value, place in (("5", "武冈市"), ("12.2", "武冈市"), ("3", "洞口县")):
        assert slug_of(found[Decimal(value)]) == "pm25-annual-mean--yoy-change"
        assert found[Decimal(value)].place == place


def test_what_is_done_to_the_counted_names_the_metric(lexicon: Lexicon) -> None:
    found = observe("A\n督察整改中，对41名相关责任人进行问责。", lexicon)
    assert slug_of(found[0]) == "persons-held-accountable"


def test_the_whole_year_is_the_year_its_paragraph_names(lexicon: Lexicon) -> None:
    text = (
        "A\n2025年全区PM2.5平均浓度为27.9微克/立方米。全年共出现沙尘天气过程5次，比上年减少2次。"
        "全区PM2.5年均浓度由2020年的35微克/立方米下降至去年的28微克/立方米，确保全年优良天数比率不低于85%。"
    )
    found = by_value(observe(text, lexicon, published="2026-01-15", about="2021/2025"))
    assert found[Decimal(5)].period.code == "2025"
    assert found[Decimal(85)].period.code == "2025"  # 去年的28 dates that value only


@pytest.mark.parametrize(
    ("about", "month", "year"),
    [("2021/2025", 1, 2025), ("2024", 1, 2024), (None, 1, 2025), (None, 4, 2026)],
)
def test_the_reporting_year_of_a_document(about: str | None, month: int, year: int) -> None:
    # a document of January or February with no stated period reports on the year before
    assert TimeAnchor(2026, about, month).reporting_year == year


def test_qizhong_goes_on_with_the_comparison_of_the_sentence_before(lexicon: Lexicon) -> None:
    text = (
        "A\n与去年同期相比，10个县市区PM2.5平均浓度下降，2个县市区上升。"
        "其中，祁阳市降幅最大，下降5微克/立方米，降幅13.2%。"
    )
    found = by_value(observe(text, lexicon))
    for value in ("5", "13.2"):
        assert slug_of(found[Decimal(value)]) == "pm25-annual-mean--yoy-change"
        assert found[Decimal(value)].place == "祁阳市"


def test_noise_and_radiation_have_their_units(lexicon: Lexicon) -> None:
    text = (
        "2024年，全市区域声环境昼间等效声级平均值为53.6 dB(A)；1类区夜间等效声级为44.1分贝。"
        "环境γ辐射空气吸收剂量率介于61.8至97.2纳戈瑞/小时之间。"
    )
    found = by_value(observe(text, lexicon, published="2025-06"))
    assert set(found) == {Decimal("53.6"), Decimal("44.1"), Decimal("61.8")}  # 1类区 is a name
    assert found[Decimal("53.6")].unit == found[Decimal("44.1")].unit == "dba"
    assert found[Decimal("53.6")].indicator.label == "区域声环境昼间等效声级"
    assert (found[Decimal("61.8")].unit, found[Decimal("61.8")].max_value) == (
        "ngy_per_h",
        Decimal("97.2"),
    )


def test_a_township_summary_speaks_for_the_township(lexicon: Lexicon) -> None:
    text = "今年，全镇完成农村改厕320户，整治黑臭坑塘12处。扶沟县共查处秸秆焚烧5起。"
    found = by_value(observe(text, lexicon, published="2025-12", title="柳河镇2025年工作总结"))
    assert found[Decimal(320)].place == found[Decimal(12)].place == "柳河镇"
    assert found[Decimal(320)].indicator.label == "农村改厕数"  # 全镇 names no metric
    assert found[Decimal(5)].place == "扶沟县"


def test_places_alone_with_counts_go_on_with_the_count_just_reported(lexicon: Lexicon) -> None:
    text = (
        "2024年，全市妥善处置突发环境事件9起，同比减少2起，已连续6年未发生较大突发环境事件。"
        "从区域分布看，其中麟游县4起、眉县3起。"
    )
    found = observe(text, lexicon, published="2025-03", title="宝鸡市环境应急工作情况")
    counts = {(o.place, o.value): o.indicator.iri for o in found if o.unit == "count"}
    total = counts[("宝鸡市", Decimal(9))]
    assert counts[("麟游县", Decimal(4))] == counts[("眉县", Decimal(3))] == total


def test_poles_are_counted(lexicon: Lexicon) -> None:
    found = observe("全年布设红外相机900台、智能监测杆216根。", lexicon, published="2025-06")
    assert [(o.value, o.unit) for o in found] == [(Decimal(900), "count"), (Decimal(216), "count")]


def test_a_county_bureaus_post_speaks_for_the_county_and_headings_name_the_river(
    lexicon: Lexicon,
) -> None:
    text = (
        "又到了每月“晒水质”的时间啦。\n\n"
        "一、乌江干流：10月份依旧是Ⅱ类\n\n"
        "具体来看，邵家桥断面10月份溶解氧平均浓度8.4毫克/升，氨氮0.11毫克/升。\n\n"
        "二、支流：17个断面达标\n\n"
        "1—10月全县地表水断面优良比例为94.4%。唯一没达标的是石阡河河口断面，"
        "总磷浓度一度达到0.23毫克/升。\n"
    )
    found = by_value(
        observe(
            text,
            lexicon,
            published="2025-11",
            title="1—10月乌江水质稳稳保持Ⅱ类",
            publisher="铜仁市生态环境局思南分局",
        )
    )
    assert found[Decimal("8.4")].place == found[Decimal("0.11")].place == "乌江"
    assert found[Decimal("94.4")].place == "思南县"
    assert found[Decimal("0.23")].place == "石阡河"


def test_a_month_dating_an_event_is_not_the_time_of_the_figures_after_it(
    lexicon: Lexicon,
) -> None:
    text = (
        "今年全区共出现沙尘天气过程8次。10月，国家林业和草原局在鄂尔多斯市召开防沙治沙现场会。"
        "全区林草产业总产值达到720亿元。堆存量由2020年底的412万吨降至9月底的不到90万吨。"
    )
    found = by_value(observe(text, lexicon, published="2025-11", about="2025"))
    assert found[Decimal(720) * 10**8].period.code == "2025"
    assert found[Decimal(900000)].period.code == "2025-09"  # not the month of 2020年底


def test_water_and_island_names_listed_together_are_names(lexicon: Lexicon) -> None:
    text = (
        "其中，福清湾、兴化湾和湄洲湾分别修复滨海湿地310公顷、285公顷和242公顷。"
        "南日岛、东山岛、湄洲岛分别完成海岛生态修复56公顷、48公顷和21公顷。"
    )
    found = by_value(observe(text, lexicon, published="2026-01"))
    assert [found[Decimal(v)].place for v in (310, 285, 242, 56, 48, 21)] == [
        "福清湾",
        "兴化湾",
        "湄洲湾",
        "南日岛",
        "东山岛",
        "湄洲岛",
    ]


def test_villages_are_places(lexicon: Lexicon) -> None:
    text = (
        "今年，全镇完成农村改厕1200户。孙楼村铺设污水管网，接入农户386户。"
        "前营村、大王庄村分别改造312户和276户。"
    )
    found = by_value(observe(text, lexicon, published="2025-12", title="柳河镇2025年工作总结"))
    assert found[Decimal(1200)].place == "柳河镇"
    assert [found[Decimal(v)].place for v in (386, 312, 276)] == ["孙楼村", "前营村", "大王庄村"]
    names = {h.place.name for h in find_places(normalize(text).text, lexicon)}
    assert not any(n.endswith("农村") for n in names)  # 农村 is the countryside, no village


def test_each_article_of_a_page_speaks_for_the_division_its_heading_names(
    lexicon: Lexicon,
) -> None:
    text = (
        "湘中日报　2025年11月12日　第2版\n\n"
        "# 全省法院审结环境资源案件逾两千件\n\n"
        "今年以来，全省法院共审结环境资源案件2140件。\n\n"
        "# 攸县公布督察整改进展\n\n"
        "攸县近日公示整改情况。截至10月底，完成整改31个，罚款金额215万元。\n\n"
        "# 简讯\n\n"
        "全省新增绿色矿山17座。\n"
    )
    found = by_value(
        observe(
            text,
            lexicon,
            title="全省法院审结环境资源案件逾两千件（报纸版面，含攸县督察整改进展）",
            publisher="湘中日报（湖南省高级人民法院通报；攸县人民政府公示）",
        )
    )
    assert found[Decimal(2140)].place == "湖南省"  # not the county the aside names
    assert found[Decimal(215) * 10**4].place == "攸县"
    assert found[Decimal(17)].place == "湖南省"  # the next heading names none: the page's


def test_a_publisher_alone_speaks_for_its_most_specific_division(lexicon: Lexicon) -> None:
    text = "全县新增造林1.2万亩。"
    found = observe(text, lexicon, title="造林工作简报", publisher="株洲市生态环境局攸县分局")
    assert [o.place for o in found] == ["攸县"]


def test_installed_capacity_in_kilowatts_and_megawatts(lexicon: Lexicon) -> None:
    text = (
        "截至2024年底，全市新能源装机容量达1586万千瓦。全省光伏发电装机突破3200兆瓦，"
        "风电装机120万千瓦。到2030年，新型储能装机规模达到500万千瓦。"
    )
    found = by_value(observe(text, lexicon, published="2025-04-18"))
    assert (found[Decimal(15860000)].unit, found[Decimal(3200)].unit) == ("kw", "mw")
    labels = {v: o.indicator.label for v, o in found.items()}
    assert labels == {
        Decimal(15860000): "新能源装机容量",
        Decimal(3200): "光伏装机容量",  # megawatts meet the kilowatt metric: one quantity
        Decimal(1200000): "风电装机容量",
        Decimal(5000000): "新型储能装机容量",
    }
    assert found[Decimal(5000000)].modality == "target"


def test_a_ranked_list_of_short_city_names(lexicon: Lexicon) -> None:
    # 安康 is a common word (well-being), a city only beside the other listed cities
    text = (
        "10月，全省环境空气质量综合指数排名前三位的城市分别为安康、汉中和商洛；"
        "咸阳排名末位（第12名），西安、渭南分列第11名和第10名。全市安康和谐。"
    )
    found = observe(text, lexicon, title="陕西省10月环境质量状况通报")
    ranks = {o.place: int(o.value) for o in found if o.unit == "rank"}
    assert ranks == {
        "安康市": 1,
        "汉中市": 2,
        "商洛市": 3,
        "咸阳市": 12,
        "西安市": 11,
        "渭南市": 10,
    }
    assert {o.indicator.label for o in found} == {"环境空气质量综合指数全省排名"}


def test_times_a_reader_does_not_take_for_the_figures_time(lexicon: Lexicon) -> None:
    text = (
        "前三季度，全市抽查排污单位423家次。截至目前，纳入正面清单的企业有187家。\n\n"
        "四季度，将严格落实《建设项目环境影响评价分类管理名录（2021年版）》，"
        "力争全年环评审批项目突破240个。\n\n"
        "到2030年，单位地区生产总值二氧化碳排放比2005年下降65%以上；"
        "当年新增清洁能源动力的交通工具比例达到40%左右。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-10-21"))
    assert found[Decimal(423)].period.code == "2025-01/2025-09"
    # "截至目前" dates a stock at the time of writing, not over the section's span
    assert found[Decimal(187)].period.code == "cumulative"
    assert found[Decimal(187)].period.as_of == "2025-10-21"
    assert found[Decimal(240)].period.code == "2025"  # the title's edition year dates no figure
    assert found[Decimal(40)].period.code == "2030"  # 当年: the year named, not the base year


def test_a_requirement_met_is_no_target(lexicon: Lexicon) -> None:
    text = (
        "前三季度，按照“双随机、一公开”要求抽查排污单位423家次，"
        "对不符合分区管控要求的5个项目依法不予审批。要求各县PM2.5浓度控制在35微克/立方米以内。"
    )
    found = by_value(observe(text, lexicon, published="2025-10-21"))
    assert found[Decimal(423)].modality == found[Decimal(5)].modality == "achieved"
    assert found[Decimal(35)].modality == "target"


def test_a_bracket_after_a_goal_spells_out_the_goals(lexicon: Lexicon) -> None:
    text = (
        "1—10月，全省PM2.5平均浓度为36微克/立方米。对照年度目标（全省PM2.5平均浓度控制在38微克/"
        "立方米以内，优良天数比率达到78%以上），两项指标均好于序时进度。"
        "全省PM2.5浓度低于全国平均（35微克/立方米）。"
    )
    found = by_value(observe(text, lexicon, title="湖南省1—10月环境质量状况"))
    assert (found[Decimal(36)].modality, found[Decimal(36)].period.code) == (
        "achieved",
        "2025-01/2025-10",
    )
    for goal in (Decimal(38), Decimal(78)):
        assert (found[goal].modality, found[goal].period.code) == ("target", "2025")
    assert found[Decimal(35)].modality == "achieved"  # a bracket after no goal noun


def test_a_set_defined_by_its_members_is_the_jurisdictions(lexicon: Lexicon) -> None:
    text = (
        "10月，全省10个设区市和杨凌示范区、韩城市（以下简称“12个城市”）平均优良天数比率为86.3%。"
        "其中，自贡市因断面超标，向下游泸州市支付补偿资金680万元。"
    )
    found = by_value(observe(text, lexicon, title="陕西省10月环境质量状况"))
    assert Decimal(10) not in found  # the count defines the set
    assert found[Decimal("86.3")].place == "陕西省"  # not the last member named
    assert found[Decimal(680) * 10**4].place == "自贡市"  # the payer, not the one paid


def test_a_harbour_named_by_a_four_character_place_word(lexicon: Lexicon) -> None:
    text = "維多利亞港水質管制區的達標率為100%，維多利亞港的大腸桿菌水平下降近九成。"
    found = observe(normalize(text).text, lexicon)
    assert {o.place for o in found} == {"维多利亚港"}


def test_a_table_flattened_to_lines_of_names_and_numbers(lexicon: Lexicon) -> None:
    text = (
        "2025年全省横向生态保护补偿资金总额为6.82亿元。\n\n"
        "各市清算结果如下（单位：万元，含省级奖励资金）：\n\n"
        "（一）岷江流域（合计11150）\n"
        "　　阿坝州　　　6300\n"
        "　　成都市　　　4850\n\n"
        "其中，成都市向下游眉山市支付补偿资金680万元。\n\n"
        "德阳市　　　5620\n"
    )
    found = by_value(observe(text, lexicon, published="2026-02-10", about="2025"))
    rows = {v: (o.place, o.unit, o.indicator.label) for v, o in found.items() if o.unit == "cny"}
    funds = "生态保护补偿资金"
    assert rows == {
        Decimal("6.82") * 10**8: ("四川省", "cny", funds),
        Decimal(11150) * 10**4: ("岷江", "cny", funds),  # the group's subtotal
        Decimal(6300) * 10**4: ("阿坝藏族羌族自治州", "cny", funds),
        Decimal(4850) * 10**4: ("成都市", "cny", funds),
        Decimal(680) * 10**4: ("成都市", "cny", funds),
    }  # prose closes the table: the last line is no row of it
    assert all(o.period.code == "2025" for o in found.values())


def test_counters_and_units_of_other_regions_and_deadlines(lexicon: Lexicon) -> None:
    text = normalize(
        "棄置量約為４．０９百萬公噸。環評平均審批時限壓縮至7.6個工作日，須在30個工作日內報送。"
        "督促增殖放流各類魚苗約2100萬尾。安徽省第四生态环境保护督察组对泾县开展督察。"
    ).text
    found = by_value(observe(text, lexicon))
    assert (found[Decimal(4090000)].unit, found[Decimal("7.6")].unit) == ("tonne", "day")
    assert found[Decimal(21000000)].indicator.label == "增殖放流鱼苗数"
    assert Decimal(30) not in found  # a deadline
    assert Decimal(4) not in found  # the fourth team is a name, not a rank


def test_a_headline_opening_with_a_short_county_name_reprinted_by_a_city_paper(
    lexicon: Lexicon,
) -> None:
    text = "近三年來，全縣累計改造農村公廁１５６座，農村生活污水治理率達91.8%。"
    found = observe(
        normalize(text).text,
        lexicon,
        title="攸縣：三年攻堅　農村人居環境雙提升（報紙版面轉載）",
        publisher="株洲日報（轉載）；攸縣農業農村局提供數據",
    )
    assert {o.place for o in found} == {"攸县"}  # not the city the paper is named after


def test_a_share_of_good_sections_named_after_a_count_of_them(lexicon: Lexicon) -> None:
    text = "1—10月，渭河干流14个国考断面中，水质优良断面13个，优良比例为92.9%。"
    found = by_value(observe(text, lexicon))
    assert found[Decimal("92.9")].indicator.label == "国考断面水质优良比例"
    assert found[Decimal("92.9")].place == "渭河"


def test_a_span_to_now_names_no_part_of_the_metric(lexicon: Lexicon) -> None:
    text = "2023年至今累计投入资金3.26亿元。2021年以来累计投入资金2亿元。"
    found = by_value(observe(text, lexicon))
    assert found[Decimal("3.26") * 10**8].period.code == "2023/2025"
    assert found[Decimal(2) * 10**8].indicator == found[Decimal("3.26") * 10**8].indicator


def test_a_time_after_a_section_number_opens_its_paragraph(lexicon: Lexicon) -> None:
    text = (
        "（一）11月份。受不利气象条件影响，月内出现两次污染过程。全市PM2.5平均浓度为62微克/立方米。\n"
        "（二）1—11月。全市PM2.5平均浓度为41微克/立方米。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-12-10", about="2025-01/2025-11"))
    assert found[Decimal(62)].period.code == "2025-11"
    assert found[Decimal(41)].period.code == "2025-01/2025-11"


def test_names_that_only_look_like_places(lexicon: Lexicon) -> None:
    text = (
        "湘北县2026年政府工作报告\n"
        "山水林田湖草系统治理扎实推进，完成人工造林1.35万亩。"
        "汨罗江平江段连续五年保持Ⅱ类水质，累计完成造林绿化12.6万亩。"
        "完成长寿镇、加义镇3座乡镇污水处理厂提质改造。"
    )
    places = {h.place.name for h in find_places(text, lexicon)}
    assert "水林田湖" not in places  # a slogan, no lake
    assert "汨罗市" not in places  # the river named after the city
    assert "长寿镇" in places and "完成长寿镇" not in places  # no verb in a town's name


def test_a_span_after_who_says_it_holds_for_its_sentence_and_the_part_after(
    lexicon: Lexicon,
) -> None:
    text = (
        "白皮书显示，2020年至2024年，全省法院共受理环境资源案件28436件。"
        "其中，受理环境资源刑事案件6512件。2024年，全省法院受理环境资源案件5903件。"
    )
    found = by_value(observe(text, lexicon, published="2025-06-04", about="2020/2024"))
    assert found[Decimal(28436)].period.code == "2020/2024"
    assert found[Decimal(6512)].period.code == "2020/2024"
    assert found[Decimal(5903)].period.code == "2024"


def test_an_autonomous_county_by_its_short_name(lexicon: Lexicon) -> None:
    text = (
        "青海日报　2025年9月16日\n\n"
        "# 门源：浩门河畔生态美\n\n"
        "今年以来，县城空气优良天数比率达98.4%。\n\n"
        "# 全省上半年生态环境质量保持优良\n\n"
        "上半年，全省空气优良天数比率为96.1%。省林草局与甘德县、达日县开展联合巡护62次。\n"
    )
    found = by_value(observe(text, lexicon, title="青海日报第5版", published="2025-09-16"))
    assert found[Decimal("98.4")].place == "门源回族自治县"
    assert found[Decimal("96.1")].place == "青海省"
    # joined by the listed counties, not held by them
    assert found[Decimal(62)].place == "青海省"


def test_an_annual_report_of_an_earlier_year_dates_its_figures(lexicon: Lexicon) -> None:
    text = "全省森林覆盖率为61.2%，湿地保护率为72.5%。"
    title = "2024年贵州省生态环境状况公报"
    found = by_value(observe(text, lexicon, published="2025-06-05", title=title))
    assert {found[Decimal("61.2")].period.code, found[Decimal("72.5")].period.code} == {"2024"}
    # news looking back on a finished year speaks of that year as well
    news = observe(text, lexicon, published="2025-06-05", title="2024年贵州省森林覆盖率创新高")
    assert {o.period.code for o in news} == {"2024"}
    for title in ("贵州省2024年度林业工作情况报告", "关于发布2024年度森林资源监测结果的公告"):
        found = by_value(observe(text, lexicon, published="2025-03-05", title=title))
        assert found[Decimal("61.2")].period.code == "2024", title  # a year's account of a year


def test_the_month_an_inspection_ended_is_not_its_span(lexicon: Lexicon) -> None:
    text = (
        "今年前三季度，全国地表水优良水质断面比例为90.6%。\n"
        "第三轮中央生态环境保护督察第五批督察已于9月完成督察进驻。5个督察组共受理信访举报1.8万件。"
    )
    found = by_value(observe(text, lexicon, published="2025-10-30"))
    assert found[Decimal("90.6")].period.code == "2025-01/2025-09"
    assert found[Decimal(18000)].period.code != "2025-09"


def test_the_province_in_a_national_press_conference(lexicon: Lexicon) -> None:
    text = (
        "A\n主持人：下面请贵州省生态环境厅介绍情况。\n"
        "今年前三季度，全省优良天数比率为98.1%，排名全国第4；PM2.5平均浓度为21.4微克/立方米。"
    )
    title = "生态环境部10月例行新闻发布会实录"
    found = by_value(observe(text, lexicon, published="2025-10-30", title=title))
    assert found[Decimal("98.1")].place == "贵州省"
    assert found[Decimal("21.4")].place == "贵州省"


def test_a_reserve_by_its_name_with_the_province_before_it(lexicon: Lexicon) -> None:
    assert (
        lexicon.place_by_alias["山东黄河三角洲国家级自然保护区"].name
        == "黄河三角洲国家级自然保护区"
    )
    text = "山东黄河三角洲国家级自然保护区野生动植物种类已达1721种。"
    assert observe(text, lexicon, published="2025-03")[0].place == "黄河三角洲国家级自然保护区"
    assert "山东山东黄河三角洲国家级自然保护区" not in lexicon.place_by_alias


def test_facilities_built_are_a_stock_but_projects_and_violations_are_not(
    lexicon: Lexicon,
) -> None:
    text = (
        "在重点水源地建设水质自动监测站48个。另有39个空气微站建成投用。"
        "督察发现，保护区内违反《某省山区生态环境保护条例》违规建设旅游度假设施17处，"
        "侵占林地约52亩。全年审批建设项目环评文件2150个。"
    )
    found = by_value(observe(text, lexicon, published="2025-12-05"))
    assert found[Decimal(48)].period.code == "cumulative"
    assert found[Decimal(48)].period.as_of == "2025-12-05"
    assert found[Decimal(39)].period.code == "cumulative"
    assert found[Decimal(17)].period.code != "cumulative"
    assert found[Decimal(2150)].period.code != "cumulative"


def test_a_time_after_the_basis_of_a_ranking_opens_its_paragraph(lexicon: Lexicon) -> None:
    text = (
        "按照空气质量综合指数，上半年全市排名第一的是青川县，综合指数为3.21；"
        "平武县排名第二。\n依据考核办法，二季度全市共奖励资金460万元。江油市获得奖励资金最多，达120万元。"
    )
    found = by_value(observe(text, lexicon, published="2025-07-20"))
    assert found[Decimal("3.21")].period.code == "2025-01/2025-06"
    assert found[Decimal(4600000)].period.code == "2025-04/2025-06"
    assert found[Decimal(1200000)].period.code == "2025-04/2025-06"  # the next sentence's too


def test_the_whole_city_of_a_county_level_city_is_itself(lexicon: Lexicon) -> None:
    text = "去年，全市生活垃圾回收利用率达61.5%，全市共建成垃圾分类示范小区85个。金华市下达的目标为60%。"
    found = by_value(observe(text, lexicon, published="2025-02-10", title="兰溪市：垃圾分类见成效"))
    assert found[Decimal("61.5")].place == "兰溪市"
    district = observe(
        "全市PM2.5年均浓度为30微克/立方米。", lexicon, title="婺城区2024年环境质量公报"
    )
    assert district[0].place == "金华市"  # a district's 全市 is its city


def test_a_plan_named_as_a_goal_dates_no_value(lexicon: Lexicon) -> None:
    text = (
        "“十四五”前三年，全市单位地区生产总值能耗累计下降10.1%，完成“十四五”目标的七成以上。"
        "2025年，全市确保完成“十四五”能耗强度下降目标；煤炭消费比重控制在62%以内。"
    )
    found = by_value(observe(text, lexicon, published="2024-03-01"))
    assert found[Decimal("10.1")].period.code == "2021/2023"
    assert found[Decimal(70)].period.code == "2021/2023"
    assert found[Decimal(62)].period.code == "2025"
    goal = observe("全市圆满完成“十四五”下降13.5%的约束性目标。", lexicon, published="2026-02-01")
    assert goal[0].period.code == "2021/2025"  # the value is the goal: the plan's years are its


def test_a_paragraph_comparing_with_the_same_period_goes_on_with_its_period(
    lexicon: Lexicon,
) -> None:
    text = (
        "二、排名情况\n二季度，全市空气质量综合指数排名第一的是青川县，综合指数为3.05。\n"
        "与去年同期相比，改善幅度最大的是平武县，综合指数下降9.4%。\n"
        "全市共有湖泊12个。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-07-20"))
    assert found[Decimal("9.4")].period.code == "2025-04/2025-06"
    assert found[Decimal(12)].period.code != "2025-04/2025-06"  # no comparison, no carrying


def test_a_case_is_about_the_place_its_label_names(lexicon: Lexicon) -> None:
    text = (
        "去年，全省公安机关共侦办环境犯罪案件1520起。\n"
        "典型案例一：滁州市某电镀企业非法排污案。经查，该企业外排废水中总铬浓度超标达31倍。\n"
        "(二)蚌埠市违规填埋问题。犯罪团伙非法倾倒危险废物约1800吨，获利逾400万元。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-01-20", title="安徽公安通报"))
    assert found[Decimal(1520)].place == "安徽省"
    assert found[Decimal(31)].place == "滁州市"
    assert {found[Decimal(1800)].place, found[Decimal(4000000)].place} == {"蚌埠市"}


# ---------------------------------------------------------------- streaks and changes without a time


def test_an_undated_streak_ends_with_a_finished_reporting_period(lexicon: Lexicon) -> None:
    text = "闽江干流水质连续7年保持Ⅱ类，县级饮用水水源地水质达标率连续5年保持100%。"
    found = by_value(observe(text, lexicon, published="2026-02-03", about="2021/2025"))
    assert found[Decimal(7)].period.code == "2025"
    assert found[Decimal(100)].period.code == "2025"  # the value the streak kept
    # While the reported span still runs its last year is not known yet.
    ongoing = by_value(observe(text, lexicon, published="2025-04-20", about="2024/2025"))
    assert ongoing[Decimal(7)].period.code is None


def test_a_change_against_a_stated_year_runs_to_the_end_of_the_report(lexicon: Lexicon) -> None:
    text = "全区排污许可发证量达2.3万张，较2021年增长3.6倍；森林覆盖率较“十三五”末提高2.1个百分点。"
    found = by_value(observe(text, lexicon, published="2025-12-18", about="2021/2025"))
    assert found[Decimal("3.6")].period.code == "2021/2025"
    assert found[Decimal("2.1")].period.code == "2020/2025"


def test_a_value_written_as_a_years_is_of_that_year(lexicon: Lexicon) -> None:
    text = "去年全县GEP为356.2亿元，较2022年的331.5亿元增长7.5%。"
    found = by_value(observe(text, lexicon, published="2024-10-21"))
    assert found[Decimal(33150000000)].period.code == "2022"
    assert found[Decimal(35620000000)].period.code == found[Decimal("7.5")].period.code == "2023"


def test_a_first_without_a_numeral_and_a_rank_from_the_bottom(lexicon: Lexicon) -> None:
    text = (
        "泾阳县清洁取暖改造率为93.5%，居全市首位；礼泉县为71.2%，排名倒数第一。"
        "各县区要把大气污染防治放在首位。"
    )
    ranks = [o for o in observe(text, lexicon, published="2025-03-14") if o.unit == "rank"]
    assert [(o.value, o.place, o.value_span.text) for o in ranks] == [
        (Decimal(1), "泾阳县", "首位"),
        (Decimal(1), "礼泉县", "倒数第一"),
    ]
    assert "倒数" in ranks[1].indicator.label and "倒数" not in ranks[0].indicator.label


def test_a_rank_move_gives_both_ranks_and_peers_before_a_first_are_scope(
    lexicon: Lexicon,
) -> None:
    text = (
        "全区降尘量均值为5.8吨/平方公里·月，在全市排名由2023年的第五位升至第二位。"
        "海州区修复面积在全市5个区中居首位。"
    )
    found = observe(text, lexicon, published="2024-12-26", about="2024")
    ranks = [(o.value, o.period.code) for o in found if o.unit == "rank"]
    assert ranks == [(Decimal(5), "2023"), (Decimal(2), "2024"), (Decimal(1), "2024")]
    text = "1—9月，舟山市城市水质指数为3.19，排名由去年同期的第8位上升至第3位。"
    found = observe(text, lexicon, published="2025-10-20", about="2025-01/2025-09")
    ranks = [(o.value, o.period.code) for o in found if o.unit == "rank"]
    assert ranks == [(Decimal(8), "2024-01/2024-09"), (Decimal(3), "2025-01/2025-09")]
    assert Decimal(5) not in {o.value for o in found if o.unit == "count"}


def test_a_multiple_of_an_earlier_year_is_measured_against_it(lexicon: Lexicon) -> None:
    text = "2024年，全省绿色债券发行规模增至2020年的4.2倍。"
    found = by_value(observe(text, lexicon, published="2025-03"))
    assert found[Decimal("4.2")].period.code == "2024"  # not 2020: the year it is a multiple of


def test_what_is_done_or_recorded_by_now_is_a_running_total(lexicon: Lexicon) -> None:
    text = (
        "1—9月，全市空气优良天数比率为88.2%。反馈的42个问题已完成整改35个，"
        "保护区内已记录野生脊椎动物412种，12处违规码头已全部拆除。"
    )
    found = by_value(observe(text, lexicon, published="2025-10-20", about="2025"))
    assert found[Decimal("88.2")].period.code == "2025-01/2025-09"
    for value in (35, 412, 12):
        assert found[Decimal(value)].period.code == "cumulative", value
        assert found[Decimal(value)].period.as_of == "2025-10-20"
    # a time in the value's own clause still dates it
    own = observe("今年上半年，全县已完成整改问题18个。", lexicon, published="2025-10-20")
    assert own[0].period.code == "2025-01/2025-06"


def test_a_title_looking_back_on_one_year_dates_the_undated_figures(lexicon: Lexicon) -> None:
    text = "全市共办理环境污染刑事案件41起，抓获犯罪嫌疑人96名。"
    headline = "2024年泉州市环境资源审判成绩单出炉"
    found = observe(text, lexicon, published="2025-03-02", title=headline)
    assert {o.period.code for o in found} == {"2024"}
    summary = "东风镇2024年秸秆禁烧工作总结"  # written before the year ends, a report all the same
    found = observe(text, lexicon, published="2024-12-10", title=summary)
    assert {o.period.code for o in found} == {"2024"}
    # a notice of next year's money speaks of that year
    budget = "关于提前下达2026年大气污染防治资金预算的通知"
    found = observe(
        "本次下达资金2.4亿元，共支持项目18个。", lexicon, published="2025-11-20", title=budget
    )
    assert {o.period.code for o in found} == {"2026"}
    # a title of the year of writing that reports nothing gives no time
    news = observe(text, lexicon, published="2024-12-10", title="2024年东风镇召开禁烧推进会")
    assert {o.period.code for o in news} == {None}


def test_a_headline_of_last_year_dates_the_undated_figures(lexicon: Lexicon) -> None:
    text = "全市压减地下水开采量1.2亿立方米，关停自备井326眼。"
    title = "沧州市去年地下水超采治理成效明显"
    found = observe(text, lexicon, published="2025-02-18", title=title)
    assert {o.period.code for o in found} == {"2024"}


def test_this_year_in_an_account_is_the_year_accounted_for(lexicon: Lexicon) -> None:
    text = "本年收入合计12,345.67万元，本年支出合计11,998.20万元。"
    found = observe(text, lexicon, published="2025-07-30", title="青海省林草局2024年度部门决算")
    assert {o.period.code for o in found} == {"2024"}


def test_a_town_sharing_a_prefectures_short_name_is_the_town(lexicon: Lexicon) -> None:
    text = "海北镇今年秸秆综合利用率达97.4%。海北州草原综合植被盖度为51.2%。"
    found = by_value(observe(text, lexicon, published="2024-12-20"))
    assert found[Decimal("97.4")].place == "海北镇"
    assert found[Decimal("51.2")].place == "海北藏族自治州"


def test_weather_water_and_ice_bulletins_measure_in_their_own_units(lexicon: Lexicon) -> None:
    text = (
        "2024年，全区年平均气温为9.8℃，较常年偏高0.7℃；年降水量为612.4毫米，较常年偏少8.2%。"
        "博斯腾湖平均水位为1047.2米，矿化度均值为1.21克/升；冰川末端退缩12.5米，冻土活动层增厚约4厘米。"
    )
    found = by_value(observe(text, lexicon, published="2025-02"))
    units = {value: o.unit for value, o in found.items()}
    assert units[Decimal("9.8")] == units[Decimal("0.7")] == "celsius"
    assert (units[Decimal("612.4")], units[Decimal("1047.2")], units[Decimal(4)]) == (
        "mm",
        "m",
        "cm",
    )
    assert units[Decimal("1.21")] == "g_per_l"
    # a change against the climate normal is a change of the metric, not a metric of its own
    assert found[Decimal("0.7")].indicator.label == "年平均气温变化"
    assert found[Decimal("8.2")].indicator.label == "年降水量变化"
    assert found[Decimal("8.2")].change_direction == "down"


def test_the_whole_of_a_town_is_no_town_of_that_name(lexicon: Lexicon) -> None:
    text = "东风镇设置视频监控探头96个，实现了全镇14个行政村监控全覆盖。"
    found = by_value(observe(text, lexicon, published="2024-12-20"))
    assert found[Decimal(14)].place == "东风镇"


def test_a_list_of_names_sharing_a_measure_binds_each_value(lexicon: Lexicon) -> None:
    text = (
        "2024年，公司化学需氧量、氨氮、总磷排放量分别为86.2吨、9.4吨和1.3吨，"
        "同比分别下降6.5%、3.2%和11.0%。"
    )
    found = by_value(observe(text, lexicon, published="2025-03-20"))
    labels = [found[Decimal(v)].indicator.label for v in ("86.2", "9.4", "1.3")]
    assert labels == ["化学需氧量排放量", "氨氮排放量", "总磷排放量"]
    for value in ("6.5", "3.2", "11.0"):
        assert found[Decimal(value)].change_direction == "down", value
        assert found[Decimal(value)].indicator.label.endswith("同比变化"), value


def test_changes_listed_after_places_keep_their_places(lexicon: Lexicon) -> None:
    text = "岳阳市、常德市、益阳市PM2.5平均浓度分别为38、35和36微克/立方米，同比分别下降7.3%、2.8%和5.3%。"
    found = by_value(observe(text, lexicon, published="2025-11"))
    places = [found[Decimal(v)].place for v in ("7.3", "2.8", "5.3")]
    assert places == ["岳阳市", "常德市", "益阳市"]


def test_a_rank_among_counted_peers_of_an_autonomous_region(lexicon: Lexicon) -> None:
    text = "2024年，巴彦淖尔市造林任务完成量居全区12个盟市第二。乌海市资金量居全区第一。"
    found = [o for o in observe(text, lexicon, published="2025-02-10") if o.unit == "rank"]
    assert [(o.value, o.indicator.label, o.place) for o in found] == [
        (Decimal(2), "造林任务完成量全区排名", "巴彦淖尔市"),
        (Decimal(1), "资金量全区排名", "乌海市"),
    ]


def test_a_tied_rank_keeps_the_scope_of_the_rank_before_it(lexicon: Lexicon) -> None:
    text = "上半年，全市PM2.5浓度排名全省第三，优良天数比率与宜春市并列第一。"
    found = [o for o in observe(text, lexicon, published="2025-08-10") if o.unit == "rank"]
    assert [(o.value, o.rank_scope) for o in found] == [
        (Decimal(3), "provincial"),
        (Decimal(1), "provincial"),
    ]


def test_a_fraction_word_before_of_names_the_share_of_what_follows(lexicon: Lexicon) -> None:
    found = observe("九成以上的乡镇实现生活垃圾集中收运。", lexicon, published="2025-08-10")
    assert found[0].indicator.label == "乡镇实现生活垃圾集中收运比例"
    assert (found[0].value, found[0].qualifier) == (Decimal(90), "lower_bound")


def test_a_time_after_the_label_of_a_place_opens_its_paragraph(lexicon: Lexicon) -> None:
    text = (
        "宁夏罗山国家级自然保护区：去年核查问题点位86个，确认问题21个。"
        "保护区内植被覆盖度达到48.6%，较2020年提高3.1个百分点。"
    )
    found = by_value(observe(text, lexicon, published="2025-01-20"))
    assert {found[Decimal(v)].period.code for v in ("86", "48.6")} == {"2024"}
    # a framing before a colon is no item: the plan period after it does not open the paragraph,
    # so a streak there still ends in the year reported on
    text = "数据是最好的证明：“十四五”时期，全区治理成效显著，PM2.5年均浓度连续五年保持在25微克/立方米以下。"
    framed = by_value(observe(text, lexicon, published="2026-01", about="2025"))
    assert framed[Decimal(5)].period.code == "2025"


def test_a_bay_named_after_its_city_is_the_bay(lexicon: Lexicon) -> None:
    text = "杭州湾水质优良面积比例为38.2%。杭州湾湿地记录鸟类156种。嘉兴市海盐县完成整治12处。"
    found = by_value(observe(text, lexicon, published="2025-03"))
    assert found[Decimal("38.2")].place == found[Decimal(156)].place == "杭州湾"


def test_an_assessment_score_is_an_index_and_a_time_of_day_no_value(lexicon: Lexicon) -> None:
    text = "2024年度林长制考核中，黔东南州考核得分分别为95.2分。群众满意度综合得分为88.4分，较上年提高1.3分。"
    found = by_value(observe(text, lexicon, published="2025-03-12"))
    assert {found[Decimal(v)].unit for v in ("95.2", "88.4", "1.3")} == {"index"}
    assert found[Decimal("88.4")].indicator.label == "群众满意度综合得分"
    assert observe("会议于上午9时30分召开，历时45分钟。", lexicon, published="2025-03-12") == []


@pytest.mark.parametrize(
    ("title", "published", "code"),
    [
        ("2025年1—9月青山市建设项目环评审批情况通报", "2025-10-20", "2025-01/2025-09"),
        ("柳河镇关于2025年上半年秸秆综合利用工作情况的报告", "2025-07-10", "2025-01/2025-06"),
        ("2024年第四季度饮用水水源地水质状况", "2025-01-15", "2024-10/2024-12"),
    ],
)
def test_a_title_naming_a_finished_part_of_a_year_dates_the_undated_figures(
    lexicon: Lexicon, title: str, published: str, code: str
) -> None:
    text = "全市共审批项目152个，同比增长9.4%。"
    found = by_value(observe(text, lexicon, published=published, title=title))
    assert found[Decimal(152)].period.code == code
    assert found[Decimal("9.4")].period.code == code


def test_a_part_of_a_year_still_running_at_writing_dates_nothing(lexicon: Lexicon) -> None:
    text = "全市共审批项目152个。"
    title = "2025年1—9月青山市建设项目环评审批情况通报"
    found = by_value(observe(text, lexicon, published="2025-09-20", title=title))
    assert found[Decimal(152)].period.code != "2025-01/2025-09"


def test_the_half_year_beginning_with_the_month_of_writing_is_this_years(
    lexicon: Lexicon,
) -> None:
    text = "下半年，我镇将完成剩余9处设施改造。"
    found = by_value(observe(text, lexicon, published="2025-07-08"))
    assert found[Decimal(9)].period.code == "2025-07/2025-12"


def test_square_metres_sources_and_containers_are_amounts(lexicon: Lexicon) -> None:
    text = (
        "全市排查裸地约1320万平方米，已覆盖约1269万平方米；"
        "收贮废旧放射源412枚；港口集装箱铁路集疏运量达到186万标准箱。"
    )
    found = by_value(observe(text, lexicon, published="2026-02-10"))
    assert found[Decimal(13200000)].unit == found[Decimal(12690000)].unit == "m2"
    assert found[Decimal(412)].unit == found[Decimal(1860000)].unit == "count"


def test_one_times_is_a_value_though_one_with_a_counter_is_an_article(lexicon: Lexicon) -> None:
    text = "2024年罚款金额316.5万元，同比增长近一倍；查处一批违法企业。"
    found = observe(text, lexicon, published="2024-11-28")
    doubled = [o for o in found if o.unit == "times"]
    assert [(o.value, o.qualifier) for o in doubled] == [(Decimal(1), "approx")]
    assert all(o.value_span.text != "一批" for o in found)


# ---------------------------------------------------------------- ranks by list position


def test_places_listed_before_the_first_n_ranks_hold_them_in_list_order(lexicon: Lexicon) -> None:
    text = (
        "赣州市、吉安市、抚州市考核得分分别为95.8分、94.6分、93.9分，位列全省前三名，"
        "考核等次为优秀；上饶市和宜春市均为91.2分，并列第五。"
    )
    found = observe(text, lexicon, published="2025-02-20")
    ranks = [(o.place, o.value, o.qualifier, o.rank_scope) for o in found if o.unit == "rank"]
    assert ranks == [
        ("赣州市", Decimal(1), "exact", "provincial"),
        ("吉安市", Decimal(2), "exact", "provincial"),
        ("抚州市", Decimal(3), "exact", "provincial"),
        # a tie after 均为 is each place's, in the scope of the ranks before it
        ("上饶市", Decimal(5), "exact", "provincial"),
        ("宜春市", Decimal(5), "exact", "provincial"),
    ]
    assert Decimal(3) not in {o.value for o in found if o.unit == "count"}  # 前三名 is no count
    shared = [o.place for o in found if o.value == Decimal("91.2")]
    assert shared == ["上饶市", "宜春市"]


def test_the_last_n_ranks_count_from_the_bottom(lexicon: Lexicon) -> None:
    text = "萍乡市、新余市空气优良天数比率分别为82.1%和83.4%，位居全省后两位。"
    ranks = [o for o in observe(text, lexicon, published="2025-02-20") if o.unit == "rank"]
    assert [(o.place, o.value) for o in ranks] == [("萍乡市", Decimal(1)), ("新余市", Decimal(2))]
    assert all(o.indicator.label.endswith("全省倒数排名") for o in ranks)


def test_a_place_alone_among_the_first_n_has_n_as_its_upper_bound(lexicon: Lexicon) -> None:
    text = "我省林业碳汇项目数量已连续三年位居全国前十。"
    found = observe(text, lexicon, published="2025-02-20", title="江西省林业碳汇工作综述")
    rank = next(o for o in found if o.unit == "rank")
    assert (rank.value, rank.qualifier, rank.rank_scope, rank.place) == (
        Decimal(10),
        "upper_bound",
        "national",
        "江西省",
    )
    # a set described by its ranks is no rank
    said = "对月度排名后三位且浓度同比上升的县区进行约谈。"
    assert [o for o in observe(said, lexicon, published="2025-02-20") if o.unit == "rank"] == []


def test_counts_dealt_out_after_a_ranked_list_are_of_what_it_ranks(lexicon: Lexicon) -> None:
    text = (
        "九江市、南昌市立案数居全省前两位，分别为126件和98件。"
        "涉及未批先建、超标排放的案件最多，分别为215件和173件。"
    )
    found = by_value(observe(text, lexicon, published="2025-02-20"))
    assert (found[Decimal(126)].place, found[Decimal(98)].place) == ("九江市", "南昌市")
    assert found[Decimal(215)].indicator.label == found[Decimal(173)].indicator.label == "案件数"


def test_a_value_after_places_and_each_is_each_ones(lexicon: Lexicon) -> None:
    text = (
        "铅山县、弋阳县地下水位回升幅度较小，均不足1米。"
        "推进信江、饶河、昌江幸福河湖建设，各级河长巡河不少于3万人次。"
    )
    found = observe(text, lexicon, published="2025-02-20")
    assert [o.place for o in found if o.value == Decimal(1)] == ["铅山县", "弋阳县"]
    # 各 opening a clause opens 各级, and the rivers listed before share nothing
    assert len([o for o in found if o.value == Decimal(30000)]) == 1


# ---------------------------------------------------------------- periods stated once


def test_a_campaign_year_in_a_titles_quoted_name_dates_the_figures(lexicon: Lexicon) -> None:
    text = "全省共核查疑似问题点位1520个，确认问题612个。今年6月底前完成全部整改。"
    title = "江西省关于“绿盾2024”自然保护地监督检查问题整改情况的通报"
    found = by_value(observe(text, lexicon, published="2025-01-20", title=title))
    assert found[Decimal(1520)].period.code == found[Decimal(612)].period.code == "2024"


def test_a_period_named_where_its_span_is_stated_dates_its_figures_later(
    lexicon: Lexicon,
) -> None:
    text = (
        "一、工作成效\n"
        "秋收禁烧期(9月25日至11月20日)内，全乡未发现卫星火点。\n"
        "二、主要做法\n"
        "全乡落实网格员236名。禁烧期间共出动巡查人员8600人次。会议期间发放资料500份。"
    )
    title = "某乡2025年秋季秸秆禁烧工作总结"
    found = by_value(observe(text, lexicon, published="2025-12-10", title=title))
    assert found[Decimal(8600)].period.code == "2025-09/2025-11"
    # a statement before it, and a span no sentence defined, keep the year
    assert found[Decimal(236)].period.code == found[Decimal(500)].period.code == "2025"


def test_a_period_defined_by_a_linking_word_dates_the_statements_during_it(
    lexicon: Lexicon,
) -> None:
    text = (
        "今年夏季禁渔期为5月1日至8月31日。全县共清理违规网具320张。\n"
        "禁渔期间，县农业农村局出动执法人员1450人次。培训期间发放资料600份。"
    )
    found = by_value(observe(text, lexicon, published="2025-10-20"))
    assert found[Decimal(1450)].period.code == "2025-05/2025-08"
    assert found[Decimal(600)].period.code != "2025-05/2025-08"


def test_a_season_into_the_next_year_and_a_bare_during_date_its_figures(
    lexicon: Lexicon,
) -> None:
    text = (
        "2024—2025年采暖季（2024年11月至2025年3月），全市二氧化硫平均浓度为12微克/立方米。"
        "期间共发布重污染天气预警4次。\n今年1—9月，全市优良天数比率为80.2%。"
    )
    found = by_value(observe(text, lexicon, published="2025-10-15"))
    assert found[Decimal(12)].period.code == found[Decimal(4)].period.code == "2024-11/2025-03"
    assert found[Decimal("80.2")].period.code == "2025-01/2025-09"


def test_a_base_year_described_before_it_is_a_base(lexicon: Lexicon) -> None:
    text = "去年全县共记录鸟类186种，较保护区设立前的2018年增加31种，其中国家一级保护鸟类7种。"
    found = by_value(observe(text, lexicon, published="2026-02-03"))
    assert found[Decimal(31)].period.code == found[Decimal(7)].period.code == "2025"
    assert found[Decimal(31)].base_period == "2018"


def test_a_time_after_a_long_source_of_a_finding_leads_the_paragraph(lexicon: Lexicon) -> None:
    text = (
        "鸟类多样性持续提升。省林业科学研究院湿地生态监测中心调查显示，去年湿地共记录鸟类"
        "214种。白鹤越冬种群数量同比增长15%。"
    )
    found = by_value(observe(text, lexicon, published="2026-02-03"))
    assert found[Decimal(214)].period.code == found[Decimal(15)].period.code == "2025"


def test_a_sum_is_over_the_time_its_statement_names(lexicon: Lexicon) -> None:
    text = "去年，全县发放禁捕退捕补助资金共计860万元。全县共计建成增殖放流站3座。"
    found = by_value(observe(text, lexicon, published="2026-01-16"))
    assert found[Decimal(8600000)].period.code == "2025"
    assert found[Decimal(3)].period.code == "cumulative"


def test_gross_ecosystem_product_and_the_fishing_ban_are_environmental(lexicon: Lexicon) -> None:
    text = (
        "去年全县GEP为356.2亿元，相当于同期地区生产总值的4.1倍。"
        "全县累计退捕渔船312艘，退捕渔民转产就业率保持100%。"
    )
    values = {o.value for o in observe(text, lexicon, published="2026-01-16")}
    assert {Decimal(35620000000), Decimal(312), Decimal(100)} <= values


def test_the_day_a_results_notice_dates_in_its_lead_dates_its_results(lexicon: Lexicon) -> None:
    text = (
        "根据有关规定，省交易中心于2025年3月18日通过网络竞价方式组织开展排污权出让交易。"
        "现将交易结果公告如下：\n"
        "一、总体情况\n"
        "本期共成交41笔，成交金额862.5万元。\n"
        "二、2024年交易回顾\n"
        "2024年，全省排污权成交金额2.86亿元。"
    )
    found = by_value(observe(text, lexicon, published="2025-03-20", title="排污权出让交易结果公告"))
    assert found[Decimal(41)].period.code == found[Decimal(8625000)].period.code == "2025-03"
    assert found[Decimal(286000000)].period.code == "2024"
    # a day with no results announced after it is only the day something happened
    meeting = "2025年3月18日，全省生态环境保护大会召开。会议指出，全省共有自然保护地186个。"
    assert observe(meeting, lexicon, published="2025-03-20")[0].period.code != "2025-03"


# ---------------------------------------------------------------- scopes and rule parameters


def test_the_divisions_an_assessment_covers_are_its_scope(lexicon: Lexicon) -> None:
    text = (
        "省河长办对全省11个设区市2024年度河长制工作进行了考核。"
        "全省100个县(市、区)中，考核优秀的有23个。"
    )
    found = observe(text, lexicon, published="2025-02-20")
    assert [o.value for o in found] == [Decimal(23)]


def test_the_divisions_a_place_is_made_of_are_no_outcome(lexicon: Lexicon) -> None:
    text = "全县辖12个镇(乡、场)、3个街道。该镇辖22个行政村、5.8万人。全县完成整治行政村36个。"
    assert [o.value for o in observe(text, lexicon, published="2025-02-20")] == [Decimal(36)]


def test_a_rules_parameters_are_no_outcomes(lexicon: Lexicon) -> None:
    text = (
        "九江市已将该项工作纳入目标考核，考核权重由3%提高到6%。竞价出价每次加价幅度为起始价的2%。"
    )
    assert observe(text, lexicon, published="2025-02-20") == []


def test_a_span_of_years_in_a_titles_edition_dates_what_the_report_looks_back_on(
    lexicon: Lexicon,
) -> None:
    text = (
        "白皮书显示，全省共办理生态修复案件1380件。其中，“十四五”以来办理1126件。"
        "从类型看，涉林案件612件。"
    )
    title = "《江西省生态修复司法白皮书(2019—2023)》发布"
    found = by_value(observe(text, lexicon, published="2024-06-05", title=title))
    assert found[Decimal(1380)].period.code == found[Decimal(612)].period.code == "2019/2023"
    assert found[Decimal(1126)].period.code == "2021/2023"  # up to the end of the review


def test_a_tie_after_a_count_of_listed_places_goes_on_with_the_score(lexicon: Lexicon) -> None:
    text = (
        "鄂尔多斯市考核得分为97.2分，位列全区第一；包头市、赤峰市等6个盟市考核等次为良好，"
        "其中通辽市和乌海市均为91.2分，并列第五。"
    )
    found = observe(text, lexicon, published="2025-02-20")
    shared = [o for o in found if o.value == Decimal("91.2")]
    assert [o.place for o in shared] == ["通辽市", "乌海市"]
    assert shared[0].indicator == found[0].indicator  # the score reported before
    # the tie is in the scope of the rank stated before the ；
    ties = [o for o in found if o.value == Decimal(5)]
    assert [o.rank_scope for o in ties] == ["regional", "regional"]


def test_national_zones_and_a_district_the_division_table_lacks_are_places(
    lexicon: Lexicon,
) -> None:
    text = (
        "各区湾长制考核平均得分为91.2分，西海岸新区、黄岛区、崂山区位列前三。渝北区投诉量同比下降8.2%。"
        "铜川市、杨凌示范区组织普法活动36场。"
    )
    found = observe(text, lexicon, published="2025-02-20", title="陕西省执法工作动态")
    ranks = [o.place for o in found if o.unit == "rank"]
    assert ranks == ["青岛西海岸新区", "黄岛区", "崂山区"]
    assert next(o for o in found if o.value == Decimal("8.2")).place == "渝北区"
    # two prefecture-level units opening a sentence together speak for their province
    assert next(o for o in found if o.value == Decimal(36)).place == "陕西省"


def test_a_move_up_a_ranking_is_a_fall_of_the_ranks_number(lexicon: Lexicon) -> None:
    text = "宜春市地下水治理考核位列全省第二，较上年前移3位。萍乡市排名第9，较上年后移2位。"
    found = [o for o in observe(text, lexicon, published="2025-02-20") if o.unit == "rank"]
    moves = [(o.value, o.change_direction, o.rank_scope) for o in found if o.change_direction]
    assert moves == [(Decimal(3), "down", "provincial"), (Decimal(2), "up", "provincial")]
    assert found[1].indicator.label.endswith("全省排名变化")


def test_instruments_issued_one_after_another_are_a_running_total(lexicon: Lexicon) -> None:
    text = "2024年，全市PM2.5平均浓度为31微克/立方米。我市先后出台《某某条例》等地方性法规3部、配套文件27个。"
    found = by_value(observe(text, lexicon, published="2025-08-12"))
    assert found[Decimal(3)].period.code == found[Decimal(27)].period.code == "cumulative"
    assert found[Decimal(31)].period.code == "2024"


def test_each_metric_named_before_a_shared_rank_is_ranked(lexicon: Lexicon) -> None:
    text = "九江市立案126件，罚款860.5万元，立案数和罚款金额均居全省第一。"
    ranks = [o for o in observe(text, lexicon, published="2025-09-24") if o.unit == "rank"]
    assert len({o.indicator.iri for o in ranks}) == 2
    assert all((o.value, o.place) == (Decimal(1), "九江市") for o in ranks)


def test_a_period_defined_in_brackets_dates_the_statements_that_open_with_its_name(
    lexicon: Lexicon,
) -> None:
    text = (
        "上一个供暖季（2025年11月15日至2026年3月15日），全区PM2.5平均浓度为61微克/立方米。"
        "去年，全区散煤消费量减少约900万吨。\n"
        "上一个供暖季，北城区PM2.5平均浓度为66微克/立方米，同比下降7.0%。"
    )
    found = by_value(observe(text, lexicon, published="2026-10-12"))
    for value in ("61", "66", "7.0"):
        assert found[Decimal(value)].period.code == "2025-11/2026-03", value
    assert found[Decimal(9000000)].period.code == "2025"


def test_a_campaign_the_lead_gives_months_dates_its_findings(lexicon: Lexicon) -> None:
    text = (
        "5月至10月，市生态环境局开展柴油货车污染治理专项执法行动，共路检柴油货车3.1万辆次。\n"
        "分区看，东城区设置检查点位12个，查处超标车辆64辆。"
    )
    title = "我市柴油货车污染治理专项执法行动查处超标车辆64辆"
    found = by_value(observe(text, lexicon, published="2024-11-28", title=title))
    for value in ("31000", "12", "64"):
        assert found[Decimal(value)].period.code == "2024-05/2024-10", value
    # the title speaks of something else: the lead's campaign is one of its stories
    other = by_value(observe(text, lexicon, published="2024-11-28", title="我市移动源治理综述"))
    assert other[Decimal(12)].period.code != "2024-05/2024-10"
    # a notice launching the campaign: its months are still to come
    notice = "关于开展柴油货车污染治理专项执法行动的通知"
    ahead = by_value(observe(text, lexicon, published="2024-04-20", title=notice))
    assert ahead[Decimal(12)].period.code != "2024-05/2024-10"


def test_a_share_of_the_sections_in_several_listed_waters_is_the_division_s(
    lexicon: Lexicon,
) -> None:
    text = (
        "衡南县2025年生态环境状况\n"
        "全县环境质量稳中向好；耒水、蒸水6个省控以上断面水质均达到Ⅲ类，"
        "达标率100%。耒水干流断面水质优良比例为98.5%。"
    )
    found = by_value(observe(text, lexicon))
    assert found[Decimal(6)].place == "衡南县"
    assert found[Decimal(100)].place == "衡南县"
    # one river's own sections are the river's
    assert found[Decimal("98.5")].place == "耒水"


def test_places_alone_with_counts_go_on_with_the_paragraph_s_count_metric(
    lexicon: Lexicon,
) -> None:
    text = (
        "从各地看，城固县、洋县火点数居全省前两位，分别为208个和164个，两地合计占全省火点"
        "总数的52.4%。西乡县97个，同比上升6.0%；勉县、宁强县均为35个，并列第四；佛坪县9个。"
    )
    found = observe(text, lexicon, published="2024-11-20")
    counts = {(o.place, o.value): o for o in found if o.unit == "count"}
    metric = counts[("城固县", Decimal(208))].indicator
    # after the share (a percent), the places with counts still report the fire points
    for key in (("西乡县", Decimal(97)), ("勉县", Decimal(35)), ("宁强县", Decimal(35))):
        assert counts[key].indicator == metric, key
    assert counts[("佛坪县", Decimal(9))].indicator == metric
    # the change after a place's count is that count's
    change = next(o for o in found if o.value == Decimal(6))
    assert change.indicator.base == metric
    # a new paragraph goes on only with the metric just reported, not with an earlier one
    alone = observe(
        "全省监测到火点200个，占全年的60.5%。\n西乡县97个。", lexicon, published="2024-11-20"
    )
    assert [o.value for o in alone] == [Decimal(200), Decimal("60.5")]


def test_a_shared_extreme_is_a_first_rank_counted_from_the_right_end(lexicon: Lexicon) -> None:
    text = (
        "在全市11个县（区）中，洋县、勉县臭氧超标天数均为19天，并列全市最少；"
        "西乡县、宁强县PM2.5浓度均为41微克/立方米，并列全市最高。"
    )
    found = observe(text, lexicon, published="2024-10-08")
    ranks = {o.place: o for o in found if o.unit == "rank"}
    assert set(ranks) == {"洋县", "勉县", "西乡县", "宁强县"}
    assert {o.value for o in ranks.values()} == {Decimal(1)}
    assert "倒数" in ranks["洋县"].indicator.label
    assert "倒数" not in ranks["西乡县"].indicator.label
    # a lone extreme, not shared, gives its value and no rank (annotators differ on it)
    lone = observe("留坝县臭氧浓度最低，为142微克/立方米。", lexicon, published="2024-10-08")
    assert [o.unit for o in lone] == ["ug_per_m3"]


def test_a_year_before_a_campaign_s_period_gives_its_months_in_that_year(
    lexicon: Lexicon,
) -> None:
    text = (
        "市大气办决定于6月1日至9月15日在全市开展夏季臭氧污染防治攻坚行动。\n"
        "去年攻坚期间，全市共检查涉VOCs企业926家次，立案查处41起。去年全年查处案件130起。\n"
        "攻坚期间，全市臭氧超标天数力争较去年同期减少3天以上。"
    )
    found = by_value(observe(text, lexicon, published="2025-05-22"))
    assert found[Decimal(926)].period.code == "2024-06/2024-09"
    assert found[Decimal(41)].period.code == "2024-06/2024-09"
    assert found[Decimal(130)].period.code == "2024"
    assert found[Decimal(3)].period.code == "2025-06/2025-09"
    # a campaign named before the months is another one: last year's, without its months
    other = (
        "为巩固去年“碧水”专项行动成果，市局决定于2025年5月至9月开展“净土”专项行动。\n"
        "去年“碧水”专项行动期间，全市立案查处环境违法案件52件。"
    )
    assert by_value(observe(other, lexicon, published="2025-04-22"))[Decimal(52)].period.code == (
        "2024"
    )


def test_forest_pests_are_an_environmental_topic(lexicon: Lexicon) -> None:
    text = (
        "全县松材线虫病发生面积由1.9万亩下降至1.2万亩。\n"
        "疫木除治方面，全县采伐清理枯死松木2.3万株，毗邻景区的林地全部完成除治，"
        "林间悬挂诱捕器860套。"
    )
    found = by_value(observe(text, lexicon, published="2025-02-10"))
    assert {Decimal(23000), Decimal(860)} <= set(found)


def test_a_length_drawing_an_area_is_no_finding(lexicon: Lexicon) -> None:
    text = "全市共监测到秸秆焚烧火点26个，水库周边3公里范围内未发现火点。"
    found = observe(text, lexicon, published="2024-11-01")
    assert [o.value for o in found] == [Decimal(26)]


def test_tenths_and_a_half_are_a_share(lexicon: Lexicon) -> None:
    text = "涉及重点管控物质的企业占调查企业总数的一成半左右，较上年提高两成半。"
    found = by_value(observe(text, lexicon, published="2025-03-01"))
    assert found[Decimal(15)].unit == "percent"
    assert found[Decimal(15)].qualifier == "approx"
    assert Decimal(25) in found
    # 一成 alone is still no share
    assert observe("全市环境面貌一成不变。", lexicon, published="2025-03-01") == []


def test_a_hedge_apart_from_its_share_qualifies_it(lexicon: Lexicon) -> None:
    text = (
        "全市氮氧化物排放量中，移动源约占全市排放总量的六成，工业源占28.5%；"
        "两类源对VOCs的贡献分别约为三成和两成。"
    )
    found = observe(text, lexicon, published="2024-06-10")
    qualifiers = {o.value: o.qualifier for o in found}
    assert qualifiers[Decimal(60)] == "approx"
    assert qualifiers[Decimal("28.5")] == "exact"
    assert qualifiers[Decimal(30)] == "approx"
    assert qualifiers[Decimal(20)] == "approx"


def test_the_speaker_s_jurisdiction_is_the_document_s_place(lexicon: Lexicon) -> None:
    text = (
        "钦州海事局：船舶污染防治成效明显\n"
        "去年，灵山县完成渔港污染物接收设施改造3处。经监测，辖区近岸海域水质优良比例为96.1%。"
    )
    found = by_value(observe(text, lexicon, published="2024-03-01"))
    assert found[Decimal(3)].place == "灵山县"
    assert found[Decimal("96.1")].place == "钦州市"


def test_a_streak_of_years_in_a_season_ends_in_its_year(lexicon: Lexicon) -> None:
    text = (
        "今年秋季禁烧期（9月15日至11月15日），全市监测到火点216个。"
        "禁烧期内全市已连续三年未发生重污染天气。"
    )
    found = by_value(observe(text, lexicon, published="2023-11-20"))
    assert found[Decimal(216)].period.code == "2023-09/2023-11"
    assert found[Decimal(3)].period.code == "2023"


def test_the_whole_year_after_a_statement_s_own_year_is_that_year(lexicon: Lexicon) -> None:
    # a statistics report on 2023 published in 2025: what was done "since last year" is 2024's
    text = "去年以来，全省持续推进燃煤锅炉整治，全年淘汰燃煤锅炉1268台。"
    found = by_value(observe(text, lexicon, published="2025-01-16", about="2023"))
    assert found[Decimal(1268)].period.code == "2024"
    alone = by_value(
        observe("全年淘汰燃煤锅炉1268台。", lexicon, published="2025-01-16", about="2023")
    )
    assert alone[Decimal(1268)].period.code == "2023"


def test_a_water_named_once_after_its_city_is_a_water(lexicon: Lexicon) -> None:
    text = "泉州市西园湖总磷平均浓度为0.062毫克/升。泉州市主要河流水质总体优良，优良比例为96.8%。"
    found = by_value(observe(text, lexicon, published="2025-03-01"))
    assert found[Decimal("0.062")].place == "西园湖"
    assert found[Decimal("96.8")].place == "泉州市"


def test_a_city_s_name_written_in_full_hides_no_water(lexicon: Lexicon) -> None:
    # 港 ends waters in the south (北大港) but here it is part of the city's name
    text = "去年，海事局联合防城港市生态环境局开展联合检查11次；配合防城港市清理海漂垃圾约186吨。"
    places = {o.place for o in observe(text, lexicon, published="2023-06-08")}
    assert places == {"防城港市"}


def test_an_inspection_s_span_dates_its_own_article_only(lexicon: Lexicon) -> None:
    text = (
        "本报讯 11月3日至4日，省第二生态环境保护督察组完成督察进驻，对南阳市开展督察。\n"
        "督察进驻期间，督察组共收到群众举报88件。\n"
        "# 全省空气质量持续改善\n"
        "本报讯 全省PM2.5平均浓度为33微克/立方米，同比下降8.3%。"
    )
    found = by_value(observe(text, lexicon, published="2025-11-20"))
    assert found[Decimal(88)].period.code == "2025-11"
    assert found[Decimal(33)].period.code != "2025-11"


def test_partners_listed_after_with_are_not_the_place(lexicon: Lexicon) -> None:
    text = (
        "江西省生态环境厅通报危险废物跨省转移审批情况\n"
        "今年以来，我省与湖南省、湖北省、安徽省生态环境厅对纳入“白名单”的58家利用企业实行简化审批。"
    )
    found = by_value(observe(text, lexicon, published="2025-10-20"))
    assert found[Decimal(58)].place == "江西省"


def test_a_count_after_a_superlative_is_of_what_was_judged(lexicon: Lexicon) -> None:
    text = "从各地看，汉中市火点数为312个；商洛市火点最少，仅7个。"
    found = by_value(observe(text, lexicon, published="2023-11-20"))
    assert found[Decimal(7)].place == "商洛市"
    assert found[Decimal(7)].indicator.label == found[Decimal(312)].indicator.label


def test_figures_in_links_to_other_stories_are_not_the_document_s(lexicon: Lexicon) -> None:
    text = (
        "全省生态环境保护专项资金去年下达3.6亿元。\n"
        "【相关链接】\n"
        "· 闽江流域生态补偿资金去年下达5.2亿元\n"
        "责任编辑：林海"
    )
    found = observe(text, lexicon, published="2025-03-01")
    assert [o.value for o in found] == [Decimal(360000000)]


def test_a_defined_period_named_with_another_year_keeps_that_year(lexicon: Lexicon) -> None:
    text = (
        "今年秋季禁烧期为9月15日至11月30日，全省监测到火点812个。\n"
        "2024年禁烧期间，全省监测到火点1263个。全省共查处秸秆露天焚烧案件57起。"
    )
    found = by_value(observe(text, lexicon, published="2025-12-10"))
    assert found[Decimal(812)].period.code == "2025-09/2025-11"
    assert found[Decimal(1263)].period.code == "2024"
    assert found[Decimal(57)].period.code == "2024"


def test_a_title_naming_a_basin_of_a_division_speaks_for_the_river(lexicon: Lexicon) -> None:
    # 《甘肃省洮河流域…条例》: the law is about the river's basin within the province; a
    # province's part of a river it shares ("全省黄河流域") stays the province's
    text = "全流域城镇生活污水处理率达到96.1%，国考断面水质优良比例为93.8%。"
    found = observe(text, lexicon, title="关于《甘肃省洮河流域生态环境保护条例（草案）》的说明")
    assert {o.place for o in found} == {"洮河"}
    shared = observe(text, lexicon, title="新闻发布会介绍甘肃省全省黄河流域生态环境保护情况")
    assert {o.place for o in shared} == {"甘肃省"}


def test_a_verb_jieba_tags_as_a_noun_opens_no_town_name(lexicon: Lexicon) -> None:
    hits = find_places("青石河是湟水一级支流，流经峡门镇、大坪镇等地。", lexicon)
    assert {"峡门镇", "大坪镇"} <= {h.place.name for h in hits}
    assert not any(h.place.name.startswith("流经") for h in hits)
