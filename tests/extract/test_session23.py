"""Rules of session 23, each with sentences written for the test (not taken from a gold set)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_entities import entities, pairs
from test_observations import observe
from test_observations_unseen import by_value

from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import find_places


@pytest.mark.parametrize("opening", ["全县现有", "全市共有"])
def test_a_stock_as_it_stands_now_has_no_period(lexicon: Lexicon, opening: str) -> None:
    text = f"{opening}护林员1260名，其中专职护林员380名。"
    found = by_value(observe(text, lexicon, published="2025-05-20"))
    assert found[Decimal(1260)].period.code is None
    assert found[Decimal(380)].period.code is None


def test_a_stock_dated_in_its_statement_keeps_the_date(lexicon: Lexicon) -> None:
    text = "2024年，全县现有护林员1260名。截至2024年底，全县已建成污水处理站38座。"
    found = by_value(observe(text, lexicon, published="2025-05-20"))
    assert found[Decimal(1260)].period.code == "2024"
    assert found[Decimal(38)].period.code == "cumulative"


def test_a_running_total_without_a_time_is_still_one(lexicon: Lexicon) -> None:
    text = "全县已建成污水处理站38座，累计完成造林2.6万亩。"
    found = by_value(observe(text, lexicon, published="2025-05-20"))
    assert found[Decimal(38)].period.code == "cumulative"
    assert found[Decimal("2.6E4")].period.code == "cumulative"


def test_fire_prevention_publicity_is_about_the_environment(lexicon: Lexicon) -> None:
    text = "（三）宣传教育。镇里发放防火宣传单1.2万份，悬挂横幅86条。"
    found = by_value(observe(text, lexicon))
    assert {Decimal("1.2E4"), Decimal(86)} <= set(found)


def test_schooling_is_still_off_topic(lexicon: Lexicon) -> None:
    text = "全县教育投入增长12%，新建学校3所。"
    assert observe(text, lexicon) == []


def test_a_rate_per_mille_is_a_share(lexicon: Lexicon) -> None:
    found = by_value(observe("全县森林火灾受害率为0.6‰。", lexicon))
    assert found[Decimal("0.6")].unit == "per_mille"
    assert lexicon.units["per_mille"].kind == lexicon.units["percent"].kind


@pytest.mark.parametrize(
    ("text", "rank", "bottom"),
    [
        ("去年全市年平均气温为1961年以来第三高。", 3, False),
        ("今年春季沙尘日数为近20年同期第二少。", 2, True),
        ("1—9月降水量为有气象记录以来历史同期第四多。", 4, False),
    ],
)
def test_a_place_in_the_record_of_past_years_is_a_rank(
    lexicon: Lexicon, text: str, rank: int, bottom: bool
) -> None:
    found = by_value(observe(text, lexicon, published="2025-10-12"))
    ranked = found[Decimal(rank)]
    assert ranked.unit == "rank"
    assert ranked.rank_scope == "historical"
    assert ("倒数" in ranked.indicator.label) is bottom
    assert "为" not in ranked.indicator.label and "以来" not in ranked.indicator.label


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("全市1月平均气温为-6.5℃，最低气温为−21.4℃。", ["-6.5", "-21.4"]),
        ("1月、2月全市平均气温分别为-6.5℃和-3.2℃。", ["-6.5", "-3.2"]),
        ("各单位配额盈缺率介于-12.6%至18.4%之间。", ["-12.6"]),
    ],
)
def test_a_value_below_zero_keeps_its_sign(lexicon: Lexicon, text: str, values: list[str]) -> None:
    found = by_value(observe(text, lexicon, published="2025-02-10"))
    for value in values:
        assert Decimal(value) in found, value
        assert found[Decimal(value)].value_span.text.startswith(("-", "−"))


@pytest.mark.parametrize(
    "text", ["1月-3月，罚款金额为30万-50万元。", "依据GB 3095-2012，达标率为96.2%。"]
)
def test_a_dash_after_a_number_or_a_date_is_no_sign(lexicon: Lexicon, text: str) -> None:
    found = observe(text, lexicon, published="2025-02-10")
    assert found and all(o.value > 0 for o in found)


def test_a_named_part_of_a_year_with_its_months_dates_the_paragraph(lexicon: Lexicon) -> None:
    text = "2025年汛期（6—9月），全市共发生强降雨过程7次。其中暴雨过程3次。"
    found = by_value(observe(text, lexicon, published="2025-10-20"))
    assert found[Decimal(7)].period.code == "2025-06/2025-09"
    assert found[Decimal(3)].period.code == "2025-06/2025-09"


def test_a_defined_holiday_named_again_by_its_stem_keeps_its_span(lexicon: Lexicon) -> None:
    text = (
        "今年国庆假期（10月1日至7日），全市PM2.5平均浓度为21微克/立方米。\n"
        "市场监管部门开展专项检查行动。国庆期间全市共检查餐饮企业318家。"
    )
    found = by_value(observe(text, lexicon, published="2025-10-15"))
    assert found[Decimal(318)].period.code == "2025-10"


def test_a_day_an_event_was_held_does_not_date_the_figures_after_it(lexicon: Lexicon) -> None:
    text = "3月12日，全省在西宁举办植树节宣传活动。全省各地共完成造林8.6万亩。"
    found = by_value(observe(text, lexicon, published="2025-03-20", about="2024"))
    assert found[Decimal("8.6E4")].period.code == "2024"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("问题河段分别位于毕节市和安顺市。", ["毕节市", "安顺市"]),
        ("马鞍山市和县、含山县空气质量优良。", ["马鞍山市", "和县", "含山县"]),
    ],
)
def test_a_conjunction_opens_no_short_name_over_the_next_name(
    lexicon: Lexicon, text: str, names: list[str]
) -> None:
    assert [h.place.name for h in find_places(text, lexicon)] == names


def test_a_conjunction_after_a_word_is_no_county(lexicon: Lexicon) -> None:
    text = "我镇在县委、县政府和县森林草原防灭火指挥部的领导下开展工作。"
    assert find_places(text, lexicon) == []


def test_a_rivers_health_is_environmental(lexicon: Lexicon) -> None:
    text = "全省河湖健康评价结果显示，赤水市、榕江县所辖河段的健康得分均超过90分。"
    found = observe(text, lexicon, published="2025-04-15")
    assert {o.place for o in found} == {"赤水市", "榕江县"}


def test_each_grade_of_polluted_days_is_its_own_indicator(lexicon: Lexicon) -> None:
    text = "全市轻度污染4天、中度污染2天、重度污染1天、严重污染1天，重度及以上污染天数为2天。"
    assert [o.indicator.label for o in observe(text, lexicon)] == [
        "轻度污染天数",
        "中度污染天数",
        "重度污染天数",
        "严重污染天数",
        "重污染天数",
    ]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("3月20日，市生态环境局召开全市秸秆禁烧工作总结会。", "全市秸秆禁烧工作总结会"),
        ("4月召开的全省排污许可工作推进视频会通报了有关情况。", "全省排污许可工作推进视频会"),
        ("下周将召开全省危险废物监管工作视频调度会。", "全省危险废物监管工作视频调度会"),
    ],
)
def test_a_working_meeting_named_by_what_it_does_is_an_event(
    lexicon: Lexicon, text: str, event: str
) -> None:
    assert ("Event", event) in pairs(entities(text, lexicon))


def test_a_year_end_meeting_alone_is_no_name(lexicon: Lexicon) -> None:
    assert not [e for e in entities("年终总结会上，各组交流了经验。", lexicon) if e.type == "Event"]


def test_machine_made_sand_is_no_mechanism(lexicon: Lexicon) -> None:
    found = entities("全市大力发展机制砂，现有机制砂生产线41条。", lexicon)
    assert not [e for e in found if e.type == "Programme"]


def test_a_place_in_a_named_assessment_is_ranked_in_it(lexicon: Lexicon) -> None:
    text = "在2024年度全省生态环境保护考核中，萍乡市排名第三，较上年前移2位。"
    ranks = [o for o in observe(text, lexicon, published="2025-03-01") if o.unit == "rank"]
    assert [o.value for o in ranks] == [3, 2]
    assert ranks[0].indicator.label == "生态环境保护考核全省排名"
    assert ranks[0].place == "萍乡市"


def test_an_assessment_is_named_by_more_than_its_kind(lexicon: Lexicon) -> None:
    found = observe("在全市考核中，该区排名第一。", lexicon)
    assert all(o.indicator.label.removesuffix("排名") != "考核" for o in found)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("全市沙尘日数由多到少排名第九。", "沙尘日数排名"),
        ("全市PM2.5浓度由低到高排名第二。", "PM2.5年均浓度倒数排名"),
    ],
)
def test_the_order_a_ranking_counts_in_is_no_move(lexicon: Lexicon, text: str, label: str) -> None:
    (rank,) = [o for o in observe(text, lexicon) if o.unit == "rank"]
    assert rank.indicator.label.endswith(label)


def test_the_set_a_place_is_compared_with_is_scope(lexicon: Lexicon) -> None:
    text = "与全省14个市（州）比较，我市春季沙尘日数由多到少排名第九。"
    assert Decimal(14) not in by_value(observe(text, lexicon))


def test_a_town_or_village_named_after_a_river_is_no_river(lexicon: Lexicon) -> None:
    text = "石门河镇地处石门河沿岸。石门河村巡护人次居全镇首位。"
    found = [(text[h.start : h.end], h.place.type) for h in find_places(text, lexicon)]
    assert found == [("石门河镇", "town"), ("石门河", "river"), ("石门河村", "village")]


def test_the_years_of_a_climate_normal_are_a_base(lexicon: Lexicon) -> None:
    text = "今年1—5月，全市降水量为182毫米，较常年（1991—2020年平均）偏少12.4%。"
    found = by_value(observe(text, lexicon, published="2025-06-10"))
    assert found[Decimal("12.4")].period.code == "2025-01/2025-05"


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("九江与湖北省黄冈市生态环境局签订协议。", "黄冈市生态环境局"),
        ("省海洋与渔业执法总队开展执法。", "海洋与渔业执法总队"),
    ],
)
def test_a_place_joined_before_a_body_is_no_part_of_it(
    lexicon: Lexicon, text: str, agency: str
) -> None:
    agencies = [e.name for e in entities(text, lexicon) if e.type == "Agency"]
    assert len(agencies) == 1 and agencies[0].endswith(agency), agencies
    assert "与" not in agencies[0].removesuffix(agency)


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("酒泉市气象台发布沙尘暴预警。", "酒泉市气象台"),
        ("在安图县森林草原防灭火指挥部的领导下开展工作。", "安图县森林草原防灭火指挥部"),
        ("青海省野生动物救护中心接收救护个体52只。", "青海省野生动物救护中心"),
    ],
)
def test_weather_offices_command_bodies_and_rescue_centres_are_agencies(
    lexicon: Lexicon, text: str, agency: str
) -> None:
    assert ("Agency", agency) in pairs(entities(text, lexicon))


@pytest.mark.parametrize(("text", "times"), [("较2020年翻一番", 1), ("较2020年翻两番", 3)])
def test_doubling_is_a_rise_of_a_multiple_like_bei(lexicon: Lexicon, text: str, times: int) -> None:
    found = by_value(observe(f"全省绿色工厂数量{text}。", lexicon, published="2025-03-01"))
    rise = found[Decimal(times)]
    assert (rise.unit, rise.change_direction, rise.base_period) == ("times", "up", "2020")
    same = by_value(observe("全省绿色工厂数量较2020年增长1倍。", lexicon, published="2025-03-01"))
    assert same[Decimal(1)].indicator.label == found[Decimal(times)].indicator.label


def test_a_conjunction_read_into_a_county_after_a_body_joins_two_bodies(lexicon: Lexicon) -> None:
    text = "我镇在县委、县政府和县森林草原防灭火指挥部的领导下开展工作。"
    agencies = {e.name for e in entities(text, lexicon) if e.type == "Agency"}
    assert not any("和" in name for name in agencies), agencies
    assert any(name.endswith("县森林草原防灭火指挥部") for name in agencies)


def test_a_title_cited_with_a_standards_number_is_a_standard(lexicon: Lexicon) -> None:
    text = "依据《湖泊健康评估技术导则》（SL/T 812-2021）和《湖泊健康评价指南》开展评价。"
    found = pairs(entities(text, lexicon))
    assert ("Regulation", "湖泊健康评估技术导则") in found
    assert ("Policy", "湖泊健康评价指南") in found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("自治区林草局副局长扎西平措在会上介绍，今年救护野生动物912只。", "扎西平措"),
        ("市生态环境局局长买买提·艾尔肯表示，全市空气质量持续改善。", "买买提·艾尔肯"),
    ],
)
def test_a_transliterated_name_after_a_post_is_a_person(
    lexicon: Lexicon, text: str, person: str
) -> None:
    assert ("Person", person) in pairs(entities(text, lexicon))


def test_a_common_word_after_a_post_is_no_name(lexicon: Lexicon) -> None:
    assert not [e for e in entities("处长多次强调安全生产。", lexicon) if e.type == "Person"]


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("监测分析执行HJ 1201-2021等方法标准。", "等方法标准"),
        ("废气排放执行GB 16297-1996二级标准。", "二级标准"),
    ],
)
def test_words_after_a_standards_number_that_are_no_title(
    lexicon: Lexicon, text: str, bad: str
) -> None:
    names = {e.name for e in entities(text, lexicon) if e.type == "Regulation"}
    assert bad not in names and names, names


@pytest.mark.parametrize(
    ("text", "is_body"),
    [
        ("张家口市环境监测站发布监测数据。", True),
        ("通州区永乐店空气自动监测站PM2.5浓度最高。", False),
        ("市区光化学组分监测站数据显示臭氧前体物浓度下降。", False),
    ],
)
def test_a_monitoring_station_is_a_body_only_as_a_fields_institution(
    lexicon: Lexicon, text: str, is_body: bool
) -> None:
    agencies = [e for e in entities(text, lexicon) if e.type == "Agency"]
    assert bool(agencies) is is_body, agencies


def test_plans_lists_and_strategies_in_titles_are_policies(lexicon: Lexicon) -> None:
    text = "严格落实《某市重污染天气应急预案》《国家重点保护野生植物名录》和《国家生物多样性保护战略2030》。"
    found = pairs(entities(text, lexicon))
    for name in (
        "某市重污染天气应急预案",
        "国家重点保护野生植物名录",
        "国家生物多样性保护战略2030",
    ):
        assert ("Policy", name) in found


def test_an_emergency_plan_without_a_title_is_no_policy(lexicon: Lexicon) -> None:
    assert not [e for e in entities("各地要制定科学的应急预案。", lexicon) if e.type == "Policy"]
