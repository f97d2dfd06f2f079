"""Session 29: rules measured on blind set 38 and the sets before it (sentences written here)."""

from __future__ import annotations

from decimal import Decimal

from test_entities import entities, pairs
from test_observations import observe
from test_observations_unseen import by_value

from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import document_locality, find_places


def test_a_city_bureaus_branch_names_its_district(lexicon: Lexicon) -> None:
    def named(text: str) -> list[str]:
        return [h.place.name for h in find_places(text, lexicon)]

    assert named("苏州市生态环境局吴中分局") == ["苏州市", "吴中区"]
    assert named("北京市生态环境局海淀分局") == ["北京市", "海淀区"]
    # a branch named for no division is none
    assert named("成都市生态环境局高新分局") == ["成都市"]
    locality = document_locality(
        "二季度环境信访情况通报", lexicon, None, "苏州市生态环境局吴中分局"
    )
    assert locality is not None and locality.name == "吴中区"
    text = "二季度，分局共受理环境信访件58件，同比下降9.4%。"
    found = by_value(
        observe(text, lexicon, published="2025-07-10", publisher="苏州市生态环境局吴中分局")
    )
    assert found[Decimal(58)].place == "吴中区"


def test_values_under_a_heading_of_targets_are_the_plans_targets(lexicon: Lexicon) -> None:
    text = (
        "某市生态环境局2026年工作计划\n\n"
        "一、2025年工作回顾\n"
        "2025年，全市完成挥发性有机物治理项目46个，PM2.5平均浓度为31微克/立方米。\n\n"
        "二、重点任务\n"
        "(一)大气污染防治。完成工业炉窑深度治理18台，PM2.5平均浓度控制在30微克/立方米以内。\n"
        "(二)水污染防治。城市黑臭水体消除比例保持100%。全市已建成污水处理厂3座。\n\n"
        "三、保障措施\n"
        "全年组织培训4次。\n"
    )
    found = by_value(
        observe(text, lexicon, published="2026-01-20", title="某市生态环境局2026年工作计划")
    )
    assert (found[Decimal(46)].modality, found[Decimal(46)].period.code) == ("achieved", "2025")
    assert (found[Decimal(31)].modality, found[Decimal(31)].period.code) == ("achieved", "2025")
    for value in (18, 30, 100):
        assert (found[Decimal(value)].modality, found[Decimal(value)].period.code) == (
            "target",
            "2026",
        ), value
    # what the section says is done already is no target
    assert found[Decimal(3)].modality == "achieved"
    # the next heading of the same level ends the targets
    assert found[Decimal(4)].modality == "achieved"


def test_a_section_reporting_on_its_tasks_sets_no_targets(lexicon: Lexicon) -> None:
    text = "一、2025年重点任务完成情况\n全年完成农村生活污水治理行政村62个。\n"
    found = by_value(observe(text, lexicon, published="2026-01-20"))
    assert found[Decimal(62)].modality == "achieved"


def test_an_incident_reports_figures_of_its_month(lexicon: Lexicon) -> None:
    text = (
        "某县“3·15”危化品运输车辆泄漏事件调查报告\n\n"
        "2025年3月15日上午，一辆运输硫酸的槽罐车在国道上发生侧翻，部分硫酸泄漏进入路边沟渠。"
        "现将有关情况报告如下。\n\n"
        "事件发生后，共出动应急人员156人次，投放石灰约12吨，回收受污染水体约85吨。"
        "经评估，本次事件造成直接经济损失63.5万元。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-06-30"))
    for value in (156, 12, 85, 635000):
        assert found[Decimal(value)].period.code == "2025-03", value


def test_towns_listed_after_a_town_however_short_their_names(lexicon: Lexicon) -> None:
    text = "从区域看，城关街道、杏村街道、柳镇的投诉量分别为21件、17件、12件，居全区前三。"
    found = observe(text, lexicon, published="2025-07-01", title="某区生态环境分局二季度投诉通报")
    counts = {o.value: o.place for o in found if o.unit == "count"}
    assert counts == {Decimal(21): "城关街道", Decimal(17): "杏村街道", Decimal(12): "柳镇"}
    ranks = {o.value: o.place for o in found if o.unit == "rank"}
    assert ranks == {Decimal(1): "城关街道", Decimal(2): "杏村街道", Decimal(3): "柳镇"}
    # a verb before a town is no part of its name, nor a kind word one
    text = "整治范围涉及江口镇、白沙乡和各乡镇的集镇区域。"
    names = {text[h.start : h.end] for h in find_places(text, lexicon)}
    assert {"江口镇", "白沙乡"} <= names and not any("及" in n or "各" in n for n in names)


def test_macaos_parishes_by_their_saints(lexicon: Lexicon) -> None:
    hits = find_places("圣安多尼堂区和圣老楞佐堂区的回收点", lexicon)
    assert [h.place.name for h in hits] == ["花王堂区", "风顺堂区"]
    assert all(h.place.code for h in hits)


def test_a_verb_before_a_named_place_is_not_its_name(lexicon: Lexicon) -> None:
    found = pairs(
        entities(
            "下一步，我们将紧盯太白山自然保护区内的问题，并优化调整龙潭水库、石门水库饮用水水源保护区。",
            lexicon,
        )
    )
    places = {name for type_, name in found if type_ == "Place"}
    assert {"太白山自然保护区", "龙潭水库", "石门水库"} <= places
    assert not any(name.startswith(("紧盯", "优化")) for name in places)


def test_titles_cited_one_after_another(lexicon: Lexicon) -> None:
    found = pairs(
        entities(
            "依据项目资金绩效管理办法和浙江省省级部门预算绩效管理暂行办法，开展绩效自评。",
            lexicon,
        )
    )
    assert ("Policy", "项目资金绩效管理办法") in found
    assert ("Policy", "浙江省省级部门预算绩效管理暂行办法") in found
    found = pairs(
        entities(
            "依照中华人民共和国固体废物污染环境防治法和危险废物转移管理办法，规范转移。", lexicon
        )
    )
    assert ("Policy", "危险废物转移管理办法") in found
    # a name that ends as a title's word might (湖南, 指南) joins no title
    found = pairs(entities("江西与生态环境部卫星环境应用中心合作编制监测方案。", lexicon))
    assert ("Agency", "生态环境部卫星环境应用中心") in found


def test_people_a_forms_fields_name(lexicon: Lexicon) -> None:
    text = (
        "提 案 人：包乌兰（市政协委员）\n"
        "联 名 人：王建平、其木格、陈晓东\n"
        "提案类别：生态环境\n\n"
        "询问人（常委会委员　周立华）：请问今年的整改进度如何？\n"
        "联系人：李红梅　电话：0571-8765\n"
    )
    people = {name for type_, name in pairs(entities(text, lexicon)) if type_ == "Person"}
    assert {"包乌兰", "王建平", "其木格", "陈晓东", "周立华"} <= people
    assert "李红梅" not in people  # a notice's contact is its furniture


def test_tenths_and_hundredths_in_words(lexicon: Lexicon) -> None:
    text = "截至目前，反馈问题整改完成率约七成六，其中城镇类问题完成率达九成以上。"
    found = by_value(observe(text, lexicon, published="2025-06-10"))
    assert (found[Decimal(76)].unit, found[Decimal(76)].qualifier) == ("percent", "approx")
    assert found[Decimal(90)].qualifier == "lower_bound"
    # a digit that opens another word after it is no hundredth (七成一样: 70 percent)
    text = "全市监测点位中，七成五达标，另有七成一样未公开。"
    values = {o.value for o in observe(text, lexicon, published="2025-06-10")}
    assert Decimal(75) in values and Decimal(71) not in values


def test_a_lake_the_paragraph_is_about_holds_no_work_done(lexicon: Lexicon) -> None:
    text = "洪泽湖湖体总磷平均浓度为0.071毫克/升，同比下降4.1%。全年巡湖3.6万人次，查处非法捕捞案件47起。"
    found = by_value(
        observe(text, lexicon, published="2025-02-10", title="淮安市2024年河湖长制工作综述")
    )
    assert found[Decimal("0.071")].place == "洪泽湖"
    assert found[Decimal(36000)].place == "淮安市"
    assert found[Decimal(47)].place == "淮安市"


def test_next_steps_are_targets_but_what_is_done_already(lexicon: Lexicon) -> None:
    text = (
        "某县生态环境局2025年工作总结\n\n"
        "三、下一步工作\n"
        "新建农村生活污水处理设施26座，秸秆综合利用率稳定在92%以上。"
        "截至目前，反馈问题已完成整改31个。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-11-20"))
    assert found[Decimal(26)].modality == "target"
    assert found[Decimal(92)].modality == "target"
    assert found[Decimal(31)].modality == "achieved"
    assert found[Decimal(31)].period.code == "cumulative"
