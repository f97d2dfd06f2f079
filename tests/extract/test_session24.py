"""Rules of session 24, each with text written for the test (not taken from a gold set)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_entities import entities, pairs
from test_observations import observe

from ecokg.extract.lexicon import Lexicon

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
