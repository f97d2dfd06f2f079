"""Indicator names minted for metrics the scheme does not list (issue 12: "fragments without a
subject are not minted"). Every sentence is written for these tests; figures are invented."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from test_observations import observe as observe_at

from ecokg.extract.base import Observation
from ecokg.extract.lexicon import Lexicon

observe = partial(observe_at, published="2025-03-10")


def labels(text: str, lexicon: Lexicon) -> dict[Decimal, str]:
    found: list[Observation] = observe(text, lexicon)
    return {o.value: o.indicator.label for o in found}


def test_the_end_of_a_period_goes_with_its_time(lexicon: Lexicon) -> None:
    # 底/末 after a year are part of the time, not of the metric's name
    found = labels(
        "全县垃圾分类覆盖率达到81.5%，较前年底提高6.4个百分点。"
        "渔船保有量3120艘，比上年末减少4.6%。截至去年底已累计完成投资12.8亿元。",
        lexicon,
    )
    assert found[Decimal("6.4")] == "垃圾分类覆盖率变化"  # against two years before
    assert found[Decimal("4.6")] == "渔船保有量同比变化"
    assert found[Decimal("12.8e8")] == "完成投资"


def test_a_target_by_the_end_of_a_year_is_of_the_metric_before_it(lexicon: Lexicon) -> None:
    found = observe("全镇畜禽粪污综合利用率为76.2%，力争到2027年底达到85%以上。", lexicon)
    target = next(o for o in found if o.value == Decimal(85))
    assert target.indicator.label == "畜禽粪污综合利用率"
    assert target.period.code == "2027"


def test_adverbs_open_no_metric_name(lexicon: Lexicon) -> None:
    found = labels("去年全区还新增垃圾分类投放亭45座；今年以来，又建成污水提升泵站7座。", lexicon)
    assert found[Decimal(45)] == "垃圾分类投放亭数"
    assert found[Decimal(7)] == "污水提升泵站数"


def test_a_change_verb_alone_is_a_change_of_the_metric_before_it(lexicon: Lexicon) -> None:
    # 缩短, 上涨, 扩大: the change of what the clause before measured, with its direction
    found = {
        o.value: o
        for o in observe(
            "环评审批平均用时为18个工作日，较上年缩短5个工作日；"
            "排污权成交均价36.5元/吨，较上年上涨约8%。",
            lexicon,
        )
    }
    assert found[Decimal(5)].indicator.label.startswith("环评审批平均用时")
    assert found[Decimal(5)].change_direction == "down"
    assert found[Decimal(8)].indicator.label.startswith("排污权成交均价")
    assert found[Decimal(8)].change_direction == "up"


def test_a_level_before_and_after_a_change_names_no_origin(lexicon: Lexicon) -> None:
    found = labels("案件平均办理周期由原来的约120天缩短至70天左右。", lexicon)
    assert set(found.values()) == {"案件平均办理周期"}


def test_things_not_done_are_counted_as_such(lexicon: Lexicon) -> None:
    found = labels(
        "核查的58个入河排污口中有9个未完成规范化整治；镇区周边仍有污水处理厂6座未完成提标改造。",
        lexicon,
    )
    assert found[Decimal(9)] == "入河排污口未完成规范化整治数"
    assert found[Decimal(6)] == "污水处理厂未完成提标改造数"

    # what was found, before 中仍有: its noun ends before those words
    found = labels("暗访发现的23个问题中仍有4个未完成整改。", lexicon)
    assert found[Decimal(23)] == "问题数"
    assert found[Decimal(4)] == "问题未完成整改数"


def test_a_quoted_modifier_opens_what_is_counted(lexicon: Lexicon) -> None:
    found = labels("全市建成8个“零碳”示范园区，评选出5个“绿色小区”。", lexicon)
    assert found[Decimal(8)] == "零碳示范园区数"
    assert found[Decimal(5)] == "绿色小区数"


def test_a_quoted_name_after_a_count_of_occasions_is_what_was_done(lexicon: Lexicon) -> None:
    # 两批“清废行动”: batches of the action, not a count of actions called 清废行动
    found = labels("分两批“清废行动”共清理固体废物堆点63处。", lexicon)
    assert "清废行动数" not in found.values()


def test_a_level_reported_for_months_holds_at_their_end(lexicon: Lexicon) -> None:
    # a balance is what stood at the end of the quarter, not what flowed in it; a flow keeps
    # the quarter
    found = {
        o.value: o
        for o in observe_at(
            "一季度，全市绿色贷款余额为812亿元，同比增长9.6%；新发放绿色贷款126亿元。",
            lexicon,
            published="2024-04-20",
        )
    }
    assert found[Decimal("812e8")].period.code == "2024-03"
    assert found[Decimal("9.6")].period.code == "2024-03"
    assert found[Decimal("126e8")].period.code == "2024-01/2024-03"


def test_a_lake_s_shore_is_the_lake(lexicon: Lexicon) -> None:
    # 湖 opening 湖岸/湖滨/湖心 belongs to those words, not to a new lake's name
    found = observe("色林错湖岸全年清运垃圾86吨，色林错湖滨湿地巡护320次。", lexicon)
    assert {o.place for o in found} == {"色林错"}


def test_all_kinds_of_opens_no_metric_name(lexicon: Lexicon) -> None:
    found = labels("各类开发区污水集中处理率达到96%。", lexicon)
    assert found[Decimal(96)] == "开发区污水集中处理率"


def test_heading_and_list_marks_open_no_metric_name(lexicon: Lexicon) -> None:
    found = labels(
        "■ 全市生态护岸长度达到4.6公里\n\n1. 水源地保护区界标设置完成率达到98%。", lexicon
    )
    assert found[Decimal("4.6")] == "生态护岸长度"
    assert found[Decimal(98)] == "水源地保护区界标设置完成率"


def test_a_count_per_volume_names_no_noun_after_it(lexicon: Lexicon) -> None:
    found = labels("近岸海域微塑料平均丰度为0.46个/立方米。", lexicon)
    assert "/" not in found[Decimal("0.46")]
