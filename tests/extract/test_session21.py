"""Rules of session 21, each with sentences written for the test (not taken from a gold set)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from test_entities import entities
from test_observations_unseen import by_value, observe

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract import observations
from ecokg.extract.lexicon import Lexicon
from ecokg.text.analyzed import AnalyzedDoc


def _places(text: str, lexicon: Lexicon) -> set[str]:
    return {m.name for m in entities(text, lexicon) if m.type == "Place"}


def test_towns_and_villages_named_for_a_family_are_places(lexicon: Lexicon) -> None:
    text = "河北省保定市清苑区王家镇完成改厕，张家村建成污水站；各村要把美丽家乡建设好。"
    places = _places(text, lexicon)
    assert {"王家镇", "张家村"} <= places
    assert not any(name.endswith("家乡") for name in places)


def test_a_family_named_township_speaks_for_itself(lexicon: Lexicon) -> None:
    text = "2024年，全镇清理河道垃圾86吨，新建污水管网12公里。"
    found = by_value(
        observe(text, lexicon, published="2025-02", title="李家镇2024年河长制工作总结")
    )
    assert found[Decimal(86)].place == found[Decimal(12)].place == "李家镇"


def test_a_village_naming_a_monitoring_section_is_no_place(lexicon: Lexicon) -> None:
    text = "浙江省衢州市柯城区境内，石门村断面水质达到Ⅱ类。"
    assert "石门村" not in _places(text, lexicon)


def test_a_verb_opening_a_town_is_not_its_name(lexicon: Lexicon) -> None:
    text = "湖北省宜昌市夷陵区明确黄花镇为试点，推进污水治理。"
    places = _places(text, lexicon)
    assert "黄花镇" in places
    assert not any(name.startswith("明确") for name in places)


@pytest.mark.parametrize(
    ("text", "published", "title", "values", "period"),
    [
        (  # a survey the title names dates its results with the span of its lead
            "今年1月6日至10日，市林业局组织开展越冬水鸟同步调查。\n"
            "从分布看，某湖记录越冬水鸟1.2万只，另一湖记录0.8万只。\n",
            "2025-02",
            "某市2025年越冬水鸟同步调查结果",
            ("1.2E4", "8E3"),
            "2025-01",
        ),
        (  # an institute named for surveys dates nothing
            "市林业局会同省林业调查规划院，于2023年7月至11月开展了全市沙化土地监测。"
            "监测结果显示，全市沙化土地面积为38.6万公顷。",
            "2024-06",
            "某市2023年沙化土地监测公报",
            ("3.86E5",),
            "2023",
        ),
    ],
)
def test_a_survey_dates_its_results(
    lexicon: Lexicon,
    text: str,
    published: str,
    title: str,
    values: tuple[str, ...],
    period: str,
) -> None:
    found = by_value(observe(text, lexicon, published=published, title=title))
    assert [found[Decimal(v)].period.code for v in values] == [period] * len(values)


def test_a_survey_a_report_mentions_dates_nothing_else(lexicon: Lexicon) -> None:
    text = (
        "今年1月，保护区开展越冬水鸟同步调查。\n"
        "从分布看，某湖记录越冬水鸟1.2万只，另一湖记录0.8万只。\n"
    )
    found = by_value(
        observe(text, lexicon, published="2025-06", title="某保护区生物多样性保护成效")
    )
    assert found[Decimal("1.2E4")].period.code != "2025-01"


def test_the_window_of_a_record_dates_nothing(lexicon: Lexicon) -> None:
    text = (
        "去年全省平均降水量为812毫米，为1961年有完整观测记录以来第二多；"
        "其中汛期（5—9月）降水量为603毫米。"
        "全省森林覆盖率为46.3%，为2005年以来最高；湿地保护率为57.1%。"
    )
    found = by_value(observe(text, lexicon, published="2025-02", title="某省2024年气候公报"))
    assert found[Decimal(812)].period.code == "2024"
    assert found[Decimal(603)].period.code == "2024-05/2024-09"
    assert found[Decimal("57.1")].period.code == "2024"


def test_names_read_across_words_are_no_places(lexicon: Lexicon) -> None:
    text = (
        "辽宁省沿海新建区域自动气象站25个；渤海北部海冰期缩短；"
        "全省建有湿地公园50个，其中国家湿地公园9个。"
    )
    places = _places(text, lexicon)
    assert "新建区" not in places  # 新建 + 区域
    assert not any(name.startswith("海北") for name in places)  # 渤海 + 北部
    assert not any(name.startswith("中国") for name in places)  # 其中 + 国家
    assert "辽宁省" in places


def test_a_park_after_a_short_name_ending_like_a_prefecture(lexicon: Lexicon) -> None:
    text = "去年，杭州西溪国家湿地公园记录鸟类196种；厦门海沧红树林生态保护区监测到白鹭1200只。"
    places = _places(text, lexicon)
    assert "杭州西溪国家湿地公园" in places  # 杭州 ends like 黔南州 but names no kind
    assert "厦门海沧红树林生态保护区" in places


def test_a_reserve_after_a_listed_lake_keeps_no_joiner(lexicon: Lexicon) -> None:
    text = "湖北省林业局通报，洪湖和龙感湖国家级自然保护区记录数量居全省前两位；国家林草局通报河南省情况。"
    places = _places(text, lexicon)
    assert {"洪湖", "龙感湖国家级自然保护区"} <= places
    assert not any("和" in name for name in places)
    assert "通报河" not in places  # 河 opens 河南省 here


def test_a_place_judged_in_the_clause_before_owns_the_value(lexicon: Lexicon) -> None:
    text = "南京市PM2.5平均浓度为31微克/立方米，扬州市最低，为26微克/立方米。"
    found = by_value(observe(text, lexicon, published="2025-02", title="江苏省1月空气质量"))
    assert found[Decimal(31)].place == "南京市"
    assert found[Decimal(26)].place == "扬州市"


def test_a_streak_names_no_part_of_the_metric(lexicon: Lexicon) -> None:
    text = "全省越冬水鸟记录数量已连续四年保持在50万只以上。"
    found = by_value(observe(text, lexicon, published="2025-02", title="江苏省越冬水鸟调查结果"))
    label = found[Decimal("5E5")].indicator.label
    assert "连续" not in label and label.startswith("越冬水鸟")


def test_observations_of_one_number_never_share_an_iri(
    lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two readings of the same words ("居全市前三位": ranks, and a change of rank) each number
    # their parts from 0; the IRI is the number's span and part, so they must end up apart.
    text = "甲县PM2.5浓度为30微克/立方米，乙县为28微克/立方米。"
    (first, second) = observe(text, lexicon, published="2025-02", title="某市空气质量")
    twins = [first, replace(second, value_span=first.value_span, part=first.part)]
    monkeypatch.setattr(observations, "_read_observations", lambda *_: iter(twins))
    doc = AnalyzedDoc.of(
        Document("t", Path("t.txt"), text, "utf-8", SourceMeta(published=PartialDate(2025, 2)))
    )
    found = list(observations.extract_observations(doc, lexicon))
    keys = {(o.value_span.start, o.value_span.end, o.part) for o in found}
    assert len(found) == 2 and len(keys) == 2


def test_the_body_that_counted_names_no_metric(lexicon: Lexicon) -> None:
    text = (
        "前三季度，我分局依法立案查处环境违法案件12件。"
        "某市生态环境局某某分局依法立案查处7起。全县行政处罚案件数为9件。"
    )
    found = by_value(observe(text, lexicon, published="2024-10", title="某县执法情况通报"))
    assert found[Decimal(12)].indicator.iri == found[Decimal(9)].indicator.iri
    assert found[Decimal(7)].indicator.iri == found[Decimal(9)].indicator.iri


def test_a_meeting_held_under_a_name_with_its_year_is_named_as_written(lexicon: Lexicon) -> None:
    text = "3月2日，湖北省林业局召开2024年越冬水鸟同步调查结果新闻发布会，通报调查情况。"
    events = {m.name for m in entities(text, lexicon) if m.type == "Event"}
    assert "2024年越冬水鸟同步调查结果新闻发布会" in events
