"""Rules of session 24, each with text written for the test (not taken from a gold set)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_entities import entities, pairs
from test_observations import observe

from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import find_places
from ecokg.text.normalize import normalize

_GRID = (
    "2023年度各县（区）湿地保护修复完成情况\n"
    "县（区）\t修复面积（公顷）\t新增湿地公园（个）\t水质达标率（%）\n"
    "东湖区\t126.5\t2\t95.6\n"
    "西湖区\t88\t—\t100\n"
    "合计\t214.5\t2\t—\n"
    "全市湿地保护率稳定在60%以上。\n"
)


def test_a_table_in_columns_gives_one_value_per_cell(lexicon: Lexicon) -> None:
    found = [o for o in observe(_GRID, lexicon, published="2024-02-20") if o.place.endswith("湖区")]
    cells = {(o.place, o.value, o.unit) for o in found}
    assert cells == {
        ("东湖区", Decimal("126.5"), "hectare"),
        ("东湖区", Decimal(2), "count"),
        ("东湖区", Decimal("95.6"), "percent"),
        ("西湖区", Decimal(88), "hectare"),
        ("西湖区", Decimal(100), "percent"),
    }
    # the caption's year dates the cells; the value span is the cell
    assert {o.period.code for o in found} == {"2023"}
    assert {o.value_span.text for o in found} >= {"126.5", "88", "95.6"}


def test_a_table_in_columns_scales_by_its_header_and_ends_at_prose(lexicon: Lexicon) -> None:
    text = "地区    投入资金（万元）    受益人口（万人）\n东湖区    350    1.2\n该区水质优良。投入资金3.5亿元。\n"
    values = {(o.place, o.value) for o in observe(text, lexicon, published="2024-02-20")}
    assert ("东湖区", Decimal(3500000)) in values
    assert ("东湖区", Decimal(12000)) in values
    assert any(v == Decimal(350000000) for _, v in values)  # prose again after the table


def test_a_line_with_one_metric_is_no_table_header(lexicon: Lexicon) -> None:
    text = "县（区）\t修复面积（公顷）\t备注\n东湖区\t126.5\t已验收\n"
    assert not [o for o in observe(text, lexicon) if o.value == Decimal("126.5")]


@pytest.mark.parametrize(
    ("text", "not_named"),
    [
        ("与此同时，湖北积极探索碳普惠机制，已发布方法学12项。", "湖北积极探索碳普惠机制"),
        ("青浦区地处长三角生态绿色一体化发展示范区，森林覆盖率达21%。", "青浦区地处长三角"),
        ("书记到车江镇调研农村人居环境整治工作。", "车江镇调研农村人居环境整治"),
        ("海南重拳整治生态环境违法行为。", "海南重拳整治"),
        ("某公司在保护范围内违法建设一案已审结。", "保护范围内违法建设"),
        ("各区要于每月5日前报送上月攻坚行动进展。", "月攻坚行动"),
    ],
)
def test_a_verb_or_a_month_is_no_part_of_a_programme(
    lexicon: Lexicon, text: str, not_named: str
) -> None:
    names = [name for _, name in pairs(entities(text, lexicon))]
    assert not [n for n in names if not_named in n or n.startswith(("月", "积极", "地处"))], names


def test_a_month_before_a_campaign_is_cut_but_a_name_opening_with_yue_is_kept(
    lexicon: Lexicon,
) -> None:
    found = pairs(entities("11月全市河湖清四乱专项行动成效明显，月亮泡水库水质稳定。", lexicon))
    assert ("Place", "月亮泡水库") in found
    assert not [name for _, name in found if name.startswith(("11月", "月全市"))]


def test_a_verb_before_a_town_is_no_part_of_its_name(lexicon: Lexicon) -> None:
    found = pairs(entities("市委书记周立新到车江镇调研。", lexicon))
    assert not [name for _, name in found if name.startswith("到")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2025年底前，全市黑臭水体消除比例要达到95%以上。", "95"),
        ("2025年底前，全市新建污水管网120公里。", "120"),
        ("到今年底，全市污水处理厂平均负荷率达到85%以上。", "85"),
        ("今年，全市建筑垃圾资源化利用率要达到65%以上。", "65"),
    ],
)
def test_a_deadline_still_ahead_makes_a_target(lexicon: Lexicon, text: str, value: str) -> None:
    found = [o for o in observe(text, lexicon, published="2025-04-10") if o.value == Decimal(value)]
    assert [o.modality for o in found] == ["target"]


@pytest.mark.parametrize(
    "text", ["2024年底前，全市完成整治问题120个。", "到今年底，全市已建成污水处理站120座。"]
)
def test_a_deadline_passed_or_a_total_reached_is_a_result(lexicon: Lexicon, text: str) -> None:
    found = [o for o in observe(text, lexicon, published="2025-04-10") if o.value == Decimal(120)]
    assert [o.modality for o in found] == ["achieved"]


def test_the_health_of_trees_is_no_off_topic_health(lexicon: Lexicon) -> None:
    text = "评估显示，全市古树中健康株、衰弱株占比分别为88.2%和10.5%，较上年减少6株。"
    values = {o.value for o in observe(text, lexicon, published="2025-01-10")}
    assert {Decimal("88.2"), Decimal("10.5"), Decimal(6)} <= values


def test_a_plastics_ban_is_about_the_environment(lexicon: Lexicon) -> None:
    text = "在万宁，酒店和景区已全面使用可降解餐具，去年万宁市重点场所抽检合格率为96.1%。"
    assert Decimal("96.1") in {o.value for o in observe(text, lexicon, published="2025-01-10")}
    text = "产业方面，全省已有全生物降解塑料制品生产企业31家。"
    assert Decimal(31) in {o.value for o in observe(text, lexicon, published="2025-01-10")}


def test_a_school_or_people_s_health_stays_off_topic(lexicon: Lexicon) -> None:
    text = "全市新建学校12所，居民健康素养水平达到31.2%。"
    assert not observe(text, lexicon, published="2025-01-10")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("全市新增污水处理能力8.6万m^{3}/d。", "8.6E4", "m3"),
        ("全年再生水利用量达2.4亿m³。", "2.4E8", "m3"),
        ("焦化企业颗粒物平均排放浓度为6.3毫克/立方米。", "6.3", "mg_per_m3"),
        ("烟气二氧化硫平均排放浓度为18mg/m^{3}。", "18", "mg_per_m3"),
    ],
)
def test_cubic_metres_and_milligrams_per_cubic_metre(
    lexicon: Lexicon, text: str, value: str, unit: str
) -> None:
    found = [o for o in observe(text, lexicon, published="2025-07-10")]
    assert [(o.value, o.unit) for o in found] == [(Decimal(value), unit)]


_POST = (
    "📊水质情况\n"
    "今年1—8月\n"
    "全市近岸海域优良水质面积比例为96.4%\n"
    "同比持平\n"
    "其中丁字湾优良水质面积比例为81.2%\n"
    "较去年同期提高1.6个百分点\n"
    "\n"
    "🏅排行榜\n"
    "甲浴场、乙浴场、丙浴场\n"
    "优的比例位居全市前三\n"
    "分别为98.1%、96.0%和95.5%\n"
    "丁浴场以71.3%排名末位\n"
    "但较去年提高了3.4个百分点\n"
)


def test_a_post_written_a_phrase_per_line_reads_as_sentences(lexicon: Lexicon) -> None:
    text = normalize(_POST).text
    assert "96.4%，同比持平，其中丁字湾" in text
    assert "\n\n🏅排行榜，甲浴场" in text  # blocks stay paragraphs
    found = observe(_POST, lexicon, published="2025-09-20")
    change = [o for o in found if o.value == Decimal("1.6")]
    assert change and change[0].unit == "percentage_point"
    assert {Decimal("98.1"), Decimal("96.0"), Decimal("95.5")} <= {o.value for o in found}


def test_offsets_point_into_the_post_as_written(lexicon: Lexicon) -> None:
    for o in observe(_POST, lexicon, published="2025-09-20"):
        assert _POST[o.value_span.start : o.value_span.end] == o.value_span.text


@pytest.mark.parametrize(
    "block",
    [
        "河北省生态环境厅\n关于2024年重污染天气绩效分级结果\n及应急减排清单修订情况的通报\n2024年11月8日",
        "表1 各县固废产生量(单位:万吨)\n甲县 12.4\n乙县 8.6\n丙县 3.1",
        "春季全市平均气温10.8℃，较常年偏高0.9℃；降水量21.6毫米，\n较常年偏多约三成；平均风速2.7米/秒，"
        "大风日数为9天，较常年同期偏少3\n天。3月下旬至4月中旬降水偏少，\n是沙尘天气集中出现的主要原因。",
    ],
)
def test_headers_tables_and_broken_prose_are_no_posts(block: str) -> None:
    assert "，\n" not in normalize(block).text.replace(",\n", "")
    assert "偏少3，天" not in normalize(block).text
    assert "12.4，乙县" not in normalize(block).text


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("全年投入治理资金3000余万元。", "3E7", "cny"),
        ("共有10多万人次参与志愿活动。", "1E5", "count"),
        ("去年全省投入资金120余亿元。", "1.2E10", "cny"),
        ("全年处置一般工业固废30万余吨。", "3E5", "tonne"),
    ],
)
def test_a_hedge_before_the_magnitude_is_more_than(
    lexicon: Lexicon, text: str, value: str, unit: str
) -> None:
    found = observe(text, lexicon, published="2025-07-10")
    assert [(o.value, o.unit, o.qualifier) for o in found] == [
        (Decimal(value), unit, "lower_bound")
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全年发出生态流量预警236站次。", "236"),
        ("查获非法烟花爆竹约2.4万箱。", "2.4E4"),
        ("越冬期间共记录到白鹤2860羽。", "2860"),
    ],
)
def test_more_counters(lexicon: Lexicon, text: str, value: str) -> None:
    found = observe(text, lexicon, published="2025-07-10")
    assert [(o.value, o.unit) for o in found] == [(Decimal(value), "count")]


def test_a_headline_on_last_year_s_figures_dates_the_figures_without_time(
    lexicon: Lexicon,
) -> None:
    title = "部门发布《中国机动车环境管理年报（2025年）》 去年全国机动车排放总量降至1386万吨"
    text = "从区域看，甲省、乙省机动车保有量分别为3680万辆和3520万辆。"
    found = observe(text, lexicon, published="2025-12-16", title=title)
    assert {o.period.code for o in found} == {"2024"}


@pytest.mark.parametrize(
    "title", ["今年全市PM2.5浓度较去年下降8%", "部门发布《中国机动车环境管理年报（2025年）》"]
)
def test_a_comparison_or_an_edition_does_not_date_the_figures(lexicon: Lexicon, title: str) -> None:
    text = "从区域看，甲省、乙省机动车保有量分别为3680万辆和3520万辆。"
    found = observe(text, lexicon, published="2025-12-16", title=title)
    assert "2024" not in {o.period.code for o in found}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("各地依据《湿地生态监测技术规程》（LY/T 3021—2019）开展监测。", "湿地生态监测技术规程"),
        ("严格执行《河道生态需水核算规范》(SL/Z 899-2021)，复核目标。", "河道生态需水核算规范"),
        (
            "执行《城镇污水处理厂主要水污染物排放限值》（DB41/2045—2020）。",
            "城镇污水处理厂主要水污染物排放限值",
        ),
    ],
)
def test_a_title_with_a_standard_s_number_after_it_is_a_regulation(
    lexicon: Lexicon, text: str, name: str
) -> None:
    assert ("Regulation", name) in pairs(entities(text, lexicon))


def test_a_hedge_before_a_share_is_no_part_of_its_label(lexicon: Lexicon) -> None:
    hedged = observe("全市新能源汽车12万辆，约占汽车保有量的9.4%。", lexicon)
    plain = observe("全市新能源汽车12万辆，占汽车保有量的9.4%。", lexicon)
    labels = {o.indicator.iri for o in [*hedged, *plain] if o.value == Decimal("9.4")}
    assert len(labels) == 1
    assert [o.qualifier for o in hedged if o.value == Decimal("9.4")] == ["approx"]


def test_a_long_headline_before_a_blank_line_is_not_joined_to_the_next(lexicon: Lexicon) -> None:
    headline = "甲州2024年完成石漠化综合治理31.2万亩　岩溶地区植被综合盖度达到71.8%"
    source = "来源：甲州林业和草原局　发布时间：2025-04-22 16:05　浏览次数：1386"
    text = normalize(f"{headline}\n\n{source}\n\n正文。").text
    assert "\n\n来源" in text
    broken = "全州石漠化综合治理完成投资3.84亿元，其中中央预算内投资2.16亿元，占比为56.3%，剩余"
    assert (
        "剩余部分" in normalize(f"{broken}\n部分由州级财政和社会资本共同承担，全部足额到位。").text
    )


def test_a_day_the_news_was_told_does_not_date_the_year_it_tells_of(lexicon: Lexicon) -> None:
    text = (
        "4月21日，记者从全州2025年造林绿化工作推进会上获悉，2024年，全州完成造林31.2万亩。"
        "全州造林绿化完成投资4.12亿元。"
    )
    found = observe(text, lexicon, published="2025-04-22")
    assert {o.period.code for o in found} == {"2024"}


def test_a_source_line_before_a_blank_line_is_not_joined_to_the_story() -> None:
    source = "来源：甲州林业和草原局　发布时间：2025-04-22 16:05　浏览次数：1386"
    story = (
        "4月21日，记者从全州造林绿化工作推进会上获悉，2024年全州完成造林31.2万亩，超额完成任务。"
    )
    assert "1386\n\n4月21日" in normalize(f"{source}\n\n{story}").text


def test_a_water_the_gazetteer_lacks_listed_beside_one_it_has_is_a_water(
    lexicon: Lexicon,
) -> None:
    text = "沙颍河、淇河、伊洛河各控制断面全年生态流量满足程度均为100%。"
    assert {o.place for o in observe(text, lexicon, published="2025-02-14")} == {
        "沙颍河",
        "淇河",
        "伊洛河",
    }
    names = {h.place.name: h.place.type for h in find_places("淇河、黄河水质稳定。", lexicon)}
    assert names == {"淇河": "river", "黄河": "river"}


@pytest.mark.parametrize(
    "text", ["梁溪河、直湖港水质稳定。", "黄河、入河排污口整治。", "黄河、大运河沿线"]
)
def test_a_port_a_movement_or_a_kind_word_listed_beside_a_water_is_no_new_water(
    lexicon: Lexicon, text: str
) -> None:
    names = {h.place.name for h in find_places(text, lexicon)}
    assert not names & {"直湖", "入河", "大运河"} - {
        h.place.name for h in find_places(text.replace("、", "。"), lexicon)
    }
