"""Observations from sentences written for these tests (none comes from the demo corpus)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract.base import Observation
from ecokg.extract.lexicon import Lexicon
from ecokg.extract.observations import extract_observations
from ecokg.text.analyzed import AnalyzedDoc


def observe(
    text: str,
    lexicon: Lexicon,
    published: str = "2025-03",
    about: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
) -> list[Observation]:
    """The observations of a one-text document with the given metadata."""
    meta = SourceMeta(
        title=title,
        publisher=publisher,
        published=PartialDate.parse(published),
        about_period=about,
    )
    doc = Document("t", Path("t.txt"), text, "utf-8", meta)
    return list(extract_observations(AnalyzedDoc.of(doc), lexicon))


def one(text: str, lexicon: Lexicon, value: str, **kw: str) -> Observation:
    found = [o for o in observe(text, lexicon, **kw) if o.value == Decimal(value)]
    assert len(found) == 1, [
        (o.value, o.unit, o.value_span.text) for o in observe(text, lexicon, **kw)
    ]
    return found[0]


def test_monthly_air_bulletin(lexicon: Lexicon) -> None:
    text = "2024年1—11月，湖南省14个市州PM2.5平均浓度为35微克/立方米，同比下降5.4%；空气质量优良天数比例为88.6%。"
    pm = one(text, lexicon, "35")
    assert (pm.unit, pm.qualifier, pm.place) == ("ug_per_m3", "exact", "湖南省")
    assert pm.indicator.label == "PM2.5年均浓度"
    ratio = one(text, lexicon, "88.6")
    assert ratio.unit == "percent" and ratio.indicator.label == "空气优良天数比率"
    change = one(text, lexicon, "5.4")
    assert change.change_direction == "down" and change.unit == "percent"


def test_quotes_are_exact_original_text(lexicon: Lexicon) -> None:
    text = "全市PM_{2.5}濃度為３２微克/立方米，\n较上年下降２．４个百分点。"
    doc = Document("t", Path("t.txt"), text, "utf-8", SourceMeta(published=PartialDate(2025)))
    for obs in extract_observations(AnalyzedDoc.of(doc), lexicon):
        assert text[obs.quote.start : obs.quote.end] == obs.quote.text
        assert text[obs.value_span.start : obs.value_span.end] == obs.value_span.text
    values = {o.value for o in extract_observations(AnalyzedDoc.of(doc), lexicon)}
    assert values == {Decimal(32), Decimal("2.4")}


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("今年以来，全省共查处环境违法案件2316件，罚没金额3.2亿元。", "320000000", "cny"),
        ("全省共查处环境违法案件2316件。", "2316", "count"),
        ("累计完成造林面积12.5万亩。", "125000", "mu"),
        ("化学需氧量排放总量削减至45.8万吨。", "458000", "tonne"),
        ("地表水劣Ⅴ类水体比例为0.8%。", "0.8", "percent"),
        ("全省生态质量指数为68.31。", "68.31", "index"),
        ("碳排放强度较2020年下降两倍。", "2", "times"),
        ("全年空气质量优良天数达到320天。", "320", "day"),
        ("山东省氨氮平均浓度为0.21毫克/升。", "0.21", "mg_per_l"),
    ],
)
def test_units_and_multipliers(lexicon: Lexicon, text: str, value: str, unit: str) -> None:
    assert one(text, lexicon, value).unit == unit


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("全省建成各类无废细胞近1400个。", "1400", "approx"),
        ("累计投入资金约6.5亿元。", "650000000", "approx"),
        ("整治入河排污口超过3000个。", "3000", "lower_bound"),
        ("共培训执法人员5000余人次。", "5000", "lower_bound"),
        ("全省40多家企业参与试点。", "40", "lower_bound"),
        ("新建监测站点200个以上。", "200", "lower_bound"),
        ("劣Ⅴ类断面比例不到1%。", "1", "upper_bound"),
        ("重污染天数控制在3天以下。", "3", "upper_bound"),
        ("处置危险废物12万吨左右。", "120000", "approx"),
    ],
)
def test_hedges(lexicon: Lexicon, text: str, value: str, qualifier: str) -> None:
    assert one(text, lexicon, value).qualifier == qualifier


def test_relative_years_resolve_against_document_date(lexicon: Lexicon) -> None:
    text = "去年，全省国考断面水质优良比例达到94.1%。今年一季度，优良比例为95.0%。"
    obs = observe(text, lexicon, published="2025-04")
    by_value = {o.value: o for o in obs}
    assert by_value[Decimal("94.1")].period.code == "2024"
    assert by_value[Decimal("94.1")].period.basis == "relative"
    # 一季度 after 今年: the first quarter of the document's year, as a month range.
    assert by_value[Decimal("95.0")].period.code == "2025-01/2025-03"


def test_plan_period_and_range(lexicon: Lexicon) -> None:
    text = "“十四五”期间，全省累计削减化学需氧量8.6万吨。2023—2025年，计划新建污水管网1200公里。"
    obs = {o.value: o for o in observe(text, lexicon)}
    assert obs[Decimal(86000)].period.code == "2021/2025"
    assert obs[Decimal(1200)].period.code == "2023/2025"


def test_no_stated_time_is_not_a_guess(lexicon: Lexicon) -> None:
    (obs,) = observe("全市建成污水处理厂12座。", lexicon)
    assert obs.period.code is None and obs.period.basis == "none"


def test_running_total_is_cumulative(lexicon: Lexicon) -> None:
    (obs,) = observe("全省累计建成国家生态文明建设示范区41个。", lexicon)
    assert obs.period.code == "cumulative"
    assert obs.indicator.label == "国家生态文明建设示范区数"


def test_ranks_with_scope_and_ordinals_that_are_not_ranks(lexicon: Lexicon) -> None:
    text = "第二轮督察中，浙江省地表水水质优良比例为97.5%，居全国第二、华东第一。"
    obs = observe(text, lexicon)
    ranks = sorted((o.value, o.rank_scope) for o in obs if o.unit == "rank")
    assert ranks == [(Decimal(1), "east-china"), (Decimal(2), "national")]
    assert all(o.value_span.text != "第二轮" for o in obs)


def test_place_of_a_city_clause(lexicon: Lexicon) -> None:
    text = "广东省持续推进大气治理。深圳市PM2.5年均浓度为17微克/立方米。"
    pm = one(text, lexicon, "17")
    assert pm.place == "深圳市"


def test_dates_codes_and_names_are_not_observations(lexicon: Lexicon) -> None:
    text = (
        "2024年5月8日，第三轮中央督察组进驻。举报电话：0791-86847839。“十四五”规划提出“1+N”体系。"
    )
    assert observe(text, lexicon) == []


def test_change_observation_carries_its_base_indicator(lexicon: Lexicon) -> None:
    text = "全省PM2.5平均浓度为29微克/立方米，同比上升1.2个百分点。"
    change = one(text, lexicon, "1.2")
    assert change.unit == "percentage_point" and change.change_direction == "up"
    assert change.indicator.base is not None
    assert change.indicator.base.label == "PM2.5年均浓度"


def test_target_modality(lexicon: Lexicon) -> None:
    (obs,) = observe(
        "到2027年，全省空气质量优良天数比率力争达到92%。", lexicon, published="2024-06"
    )
    assert obs.modality == "target"
    assert obs.period.code == "2027"


def test_same_metric_in_two_scripts_is_one_indicator(lexicon: Lexicon) -> None:
    simplified = one("全省国考断面水质优良比例为96.0%。", lexicon, "96.0")
    traditional = one("全省國考斷面水質優良比例為96.0%。", lexicon, "96.0")
    assert simplified.indicator.iri == traditional.indicator.iri
    assert simplified.indicator.in_scheme


# ----------------------------------------------------------------- bulletins of other kinds
# Sentences of the kinds researchers bring (monthly bulletins, inspection feedback, regulation
# news, other provinces' reports), written for these tests.


def test_month_range_and_year_on_year_base(lexicon: Lexicon) -> None:
    text = "2025年1—9月，浙江省设区城市PM2.5平均浓度为26微克/立方米，同比下降7.1%。"
    pm = one(text, lexicon, "26")
    assert (pm.period.code, pm.place) == ("2025-01/2025-09", "浙江省")
    change = one(text, lexicon, "7.1")
    assert change.change_direction == "down"
    assert change.base_period == "2024-01/2024-09"


def test_change_against_a_stated_base_year(lexicon: Lexicon) -> None:
    text = "2024年，四川省二氧化硫排放量与2020年相比下降12.3%，氮氧化物排放量较2020年下降9.8%。"
    so2 = one(text, lexicon, "12.3")
    assert so2.indicator.label == "二氧化硫排放量变化"
    # The change is reported for 2024 and measured against 2020.
    assert (so2.period.code, so2.base_period) == ("2024", "2020")
    nox = one(text, lexicon, "9.8")
    assert nox.indicator.label == "氮氧化物排放量变化" and nox.base_period == "2020"


def test_change_against_last_year_is_relative_to_the_value(lexicon: Lexicon) -> None:
    text = "2023年，广东省国考断面水质优良比例为92.4%，较上年提高1.2个百分点，排名全国第十二位。"
    change = one(text, lexicon, "1.2", published="2025-03")
    assert (change.period.code, change.base_period) == ("2023", "2022")
    assert change.indicator.base is not None
    assert change.indicator.base.label == "国考断面水质优良比例"
    rank = one(text, lexicon, "12", published="2025-03")
    assert rank.unit == "rank" and rank.rank_scope == "national"
    assert rank.indicator.base is not None and rank.indicator.base.label == "国考断面水质优良比例"


def test_multiples_are_changes_in_times(lexicon: Lexicon) -> None:
    text = "全省新能源汽车保有量较2020年增长4.8倍，光伏装机容量提升两倍。"
    ev = one(text, lexicon, "4.8")
    assert (ev.unit, ev.change_direction, ev.base_period) == ("times", "up", "2020")
    assert ev.indicator.label == "新能源汽车保有量变化"
    pv = one(text, lexicon, "2")
    assert (pv.unit, pv.change_direction) == ("times", "up")
    assert pv.indicator.label == "光伏装机容量变化"


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("全省重点湖库总磷浓度为0.05—0.08毫克/升。", "0.05", "0.08", "mg_per_l"),
        ("各市森林覆盖率在45%～68%之间。", "45", "68", "percent"),
        ("每年新增造林面积3万至5万亩。", "30000", "50000", "mu"),
    ],
)
def test_value_ranges(lexicon: Lexicon, text: str, low: str, high: str, unit: str) -> None:
    obs = one(text, lexicon, low)
    assert (obs.qualifier, obs.max_value, obs.unit) == ("range", Decimal(high), unit)
    assert not [o for o in observe(text, lexicon) if o.value == Decimal(high)]


def test_year_and_month_ranges_are_not_values(lexicon: Lexicon) -> None:
    text = "2023—2025年，全省1-9月累计完成治理项目120个。"
    assert {o.value for o in observe(text, lexicon)} == {Decimal(120)}


def test_quoted_plus_is_a_lower_bound(lexicon: Lexicon) -> None:
    text = "福建省PM2.5年均浓度连续四年保持在“20+”微克/立方米。"
    pm = one(text, lexicon, "20")
    assert (pm.unit, pm.qualifier, pm.indicator.label) == (
        "ug_per_m3",
        "lower_bound",
        "PM2.5年均浓度",
    )
    years = one(text, lexicon, "4")
    assert years.indicator.iri.endswith("pm25-annual-mean--consecutive-years")


def test_respectively_maps_values_to_listed_places(lexicon: Lexicon) -> None:
    text = "2024年，长沙市、株洲市、湘潭市PM2.5平均浓度分别为38、36、40微克/立方米。"
    places = {o.value: o.place for o in observe(text, lexicon)}
    assert places == {Decimal(38): "长沙市", Decimal(36): "株洲市", Decimal(40): "湘潭市"}
    assert {o.unit for o in observe(text, lexicon)} == {"ug_per_m3"}


def test_two_indicators_share_one_rank(lexicon: Lexicon) -> None:
    text = "今年以来，安徽省PM2.5浓度为31微克/立方米，优良天数比率为83.2%，两项指标均居全国第十。"
    ranks = [o for o in observe(text, lexicon) if o.unit == "rank"]
    assert sorted(o.indicator.label for o in ranks) == [
        "PM2.5年均浓度全国排名",
        "空气优良天数比率全国排名",
    ]
    assert not [o for o in observe(text, lexicon) if o.unit == "count"]


def test_inspection_feedback_counts_and_fines(lexicon: Lexicon) -> None:
    text = "第三轮第二批中央生态环境保护督察组共受理转办群众信访举报3125件，已办结2890件，罚款2156.3万元。"
    reports = one(text, lexicon, "3125")
    # Who counted (督察组) is not what was counted: the scheme's complaints indicator.
    assert reports.indicator.label == "受理环境信访举报数" and reports.indicator.in_scheme
    assert one(text, lexicon, "21563000").unit == "cny"


def test_regulation_structure_is_not_an_observation(lexicon: Lexicon) -> None:
    text = "《湖北省土壤污染防治条例》自2025年3月1日起施行，共七章六十二条。"
    assert observe(text, lexicon) == []


def test_city_named_at_a_sentence_start_is_the_place_until_the_province_returns(
    lexicon: Lexicon,
) -> None:
    text = (
        "绿色转型迈出坚实步伐。株洲市扎实推进碳达峰行动，该市空气优良天数比率达到89.5%。"
        "全省空气优良天数比率为87.1%。"
    )
    assert one(text, lexicon, "89.5").place == "株洲市"
    assert one(text, lexicon, "87.1").place != "株洲市"


def test_running_total_in_its_own_clause_beats_an_earlier_year(lexicon: Lexicon) -> None:
    text = "去年，我省排污权交易市场运行平稳，累计成交金额3.2亿元。"
    assert one(text, lexicon, "320000000").period.code == "cumulative"
    span = "2021年至2024年，该市万元地区生产总值能耗累计下降14.61%。"
    assert one(span, lexicon, "14.61").period.code == "2021/2024"


def test_cities_listed_in_rank_order(lexicon: Lexicon) -> None:
    text = "2024年，全省空气质量综合指数排名前三位的城市依次为景德镇市、吉安市、抚州市，排名后两位的城市为九江市和萍乡市。"
    ranks = {(o.place, o.value, o.indicator.label) for o in observe(text, lexicon)}
    assert ranks == {
        ("景德镇市", Decimal(1), "环境空气质量综合指数全省排名"),
        ("吉安市", Decimal(2), "环境空气质量综合指数全省排名"),
        ("抚州市", Decimal(3), "环境空气质量综合指数全省排名"),
        ("九江市", Decimal(1), "环境空气质量综合指数全省倒数排名"),
        ("萍乡市", Decimal(2), "环境空气质量综合指数全省倒数排名"),
    }
    assert {o.period.code for o in observe(text, lexicon)} == {"2024"}


def test_a_deadline_in_the_lead_is_not_the_span_an_inspection_covered(lexicon: Lexicon) -> None:
    """ "截至6月底" dates when a count held; it must not become the period of every later figure
    as if the inspection had covered June."""
    text = (
        "工业涂装行业无组织排放问题较为普遍，省级督察反馈的涉气问题截至6月底仍有5个尚未完成整改。\n\n"
        "去年专项行动期间，全市共立案查处环境违法案件320件。"
        "其中，甲县、乙县分别立案41件和36件。\n\n"
        "二、工作要求\n\n"
        "各县要组织执法人员约200名开展交叉检查。"
    )
    periods = {o.value: o.period.code for o in observe(text, lexicon, published="2025-07")}
    assert periods[Decimal("5")] == "cumulative"
    assert periods[Decimal("320")] == periods[Decimal("41")] == periods[Decimal("36")] == "2024"
    assert periods.get(Decimal("200")) != "2025-06"


@pytest.mark.parametrize(
    "head",
    [
        "发布日期：2025-08-05　　信息来源：九江市生态环境局\n\n",
        "九江市人民政府 > 政务公开 > 环境质量\n\n",
        "九江市生态环境局\n首页 > 信息公开 > 月报\n\n",
    ],
)
def test_a_page_without_metadata_speaks_for_the_body_its_source_line_names(
    lexicon: Lexicon, head: str
) -> None:
    text = head + "二季度全市环境质量\n\n二季度，全市空气优良天数比率为91.2%，同比上升1.5个百分点。"
    ratio = one(text, lexicon, "91.2", published="2025-08", title="二季度全市环境质量")
    assert ratio.place == "九江市"


def test_a_park_the_title_names_outranks_the_site_that_published_it(lexicon: Lexicon) -> None:
    text = (
        "九江市人民政府新闻办公室 > 新闻发布会\n\n"
        "庐山西海湿地自然保护区保护成效发布会\n\n保护区内越冬候鸟数量达到3.2万只。"
    )
    birds = one(
        text, lexicon, "32000", published="2025-12", title="庐山西海湿地自然保护区保护成效发布会"
    )
    assert birds.place == "庐山西海湿地自然保护区"


def test_figures_during_a_campaign_take_the_span_stated_for_it(lexicon: Lexicon) -> None:
    text = (
        "2025年5月至9月，市生态环境局在全市组织开展“碧水护航”专项行动。\n\n"
        "专项行动期间，全市共检查涉水企业860家次，立案查处环境违法案件74件。\n\n"
        "1—6月，全市国考断面水质优良比例为93.3%。"
    )
    periods = {o.value: o.period.code for o in observe(text, lexicon, published="2025-10")}
    assert periods[Decimal("860")] == periods[Decimal("74")] == "2025-05/2025-09"
    assert periods[Decimal("93.3")] == "2025-01/2025-06"  # its own time, not the campaign's


def test_the_whole_year_under_a_heading_naming_a_year_is_that_year(lexicon: Lexicon) -> None:
    """A work report delivered in February 2025: 全年 under "2024年工作回顾" is 2024."""
    text = (
        "一、2024年工作回顾\n\n全年完成植树造林2.1万亩，森林覆盖率达到68.4%。\n\n"
        "二、2025年工作安排\n\n全年计划完成植树造林2.5万亩。"
    )
    periods = {o.value: o.period.code for o in observe(text, lexicon, published="2025-02")}
    assert periods[Decimal("21000")] == periods[Decimal("68.4")] == "2024"
    assert periods[Decimal("25000")] == "2025"
