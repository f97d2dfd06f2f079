"""Session 30: rules measured on blind set 39 and the sets before it (sentences written here)."""

from __future__ import annotations

from decimal import Decimal

from test_entities import entities, pairs
from test_observations import observe
from test_observations_unseen import by_value

from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import find_places
from ecokg.text.normalize import normalize


def test_medical_waste_is_an_environmental_topic(lexicon: Lexicon) -> None:
    # every sentence says 医疗 or 卫生, yet medical waste is hazardous waste
    text = (
        "某市卫生健康委员会关于2024年医疗废物处置情况的通报\n\n"
        "　　2024年，全市纳入医疗废物收集处置管理的医疗卫生机构共3120家。"
        "全年共收集处置医疗废物1.15万吨，同比增长2.7%，医疗废物集中无害化处置率为100%；"
        "生态环境部门立案查处医疗废物案件37件。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-03-20"))
    for value in ("3120", "11500", "2.7", "100", "37"):
        assert Decimal(value) in found, value
    assert found[Decimal(11500)].period.code == "2024"
    # a hospital's figures in a health story stay out
    health = "某县人民医院去年门诊量达到52万人次，医疗服务满意度为96%。"
    assert not observe(health, lexicon, published="2025-03-20")


def test_a_table_by_year_with_single_spaces(lexicon: Lexicon) -> None:
    # an ideographic space between cells, thousands grouped by commas, years naming the rows
    text = (
        "　　过去三年，本署处理的违规排放投诉及执法数字如下：\n\n"
        "年份　投诉数目（宗）　检控个案数目（宗）　定罪个案数目（宗）　罚款总额（元）\n"
        "2021　1,482　233　207　1,086,500\n"
        "2022年　1,375　251　239　1,342,000\n\n"
        "　　2022年的投诉数目较2021年下降约7%。\n"
    )
    found = by_value(observe(text, lexicon, published="2023-02-15", publisher="杭州市生态环境局"))
    assert found[Decimal(1482)].period.code == "2021"
    assert found[Decimal(1375)].period.code == "2022"
    assert found[Decimal(1342000)].unit == "cny"
    # the columns' verbs tell their metrics apart
    assert found[Decimal(233)].indicator.label != found[Decimal(207)].indicator.label
    assert found[Decimal(233)].indicator.label == found[Decimal(251)].indicator.label
    # the rows were not run into the sentence after them
    assert found[Decimal(7)].period.code == "2022"


def test_a_comma_grouping_digits_does_not_join_a_tables_rows() -> None:
    text = (
        "数量如下：\n\n年份　产生量（吨）　处置量（吨）\n2021　3,214　1,020\n2022　2,986　1,105\n"
    )
    assert "2021 3,214 1,020\n2022 2,986 1,105" in normalize(text).text
    # a line holding a sentence's comma still goes on in the next line
    broken = "全市共完成治理项目128个,较上年增加12个,其中工业项目56个,同比\n增长8.5%。\n"
    assert "同比增长8.5%" in normalize(broken).text


def test_a_wrapped_paragraph_goes_on_after_a_line_that_ended_a_sentence() -> None:
    text = (
        "　　2025年，全市河长累计巡河3.2万人次，发现并解决问题1028个，拆除违法建筑17处，清理河道\n"
        "垃圾1.2万立方米，整治入河排污口56个。全市国考断面水质优良比例为100%，在全市考核中位列第二。\n"
        "从乡镇看，甲镇、乙镇、丙镇河长巡河履职率分别为99.2%、98.6%和97.9%，居全市前三。\n"
        "　　同时也要看到，部分河段问题反弹。\n"
        "一、压实河长责任。市级河长每季度至少巡河1次，乡级河长每月至少巡河1次，村级河长每周巡河。\n"
    )
    joined = normalize(text).text
    assert "位列第二。从乡镇看" in joined
    # an indented line opens a paragraph; an item or a heading opens a line of its own
    assert "前三。\n" in joined
    assert "\n一、压实河长责任" in joined
    # a short line after a wrapped paragraph is a signature, not its end
    signed = (
        "　　全市国考断面水质优良比例为100%，农村生活污水治理率达到31.5%，较2020年提高14.2个百分点。\n"
        "某市人民政府\n"
    )
    assert "\n某市人民政府" in normalize(signed).text


def test_a_wrapped_paragraphs_year_holds_across_the_wrap(lexicon: Lexicon) -> None:
    text = (
        "某市总河长令\n\n"
        "　　2025年，全市河长累计巡河3.2万人次，发现并解决问题1028个，拆除违法建筑23处，清理河道\n"
        "垃圾1.2万立方米，整治入河排污口56个。全市国考断面水质优良比例为100%，在全市考核中位列第二。\n"
        "从乡镇看，甲镇河长巡河履职率为98.6%，全年办理涉河湖公益诉讼案件17件，没收河砂约1100立方米。\n"
    )
    found = by_value(observe(text, lexicon, published="2026-02-27", title="某市总河长令"))
    assert found[Decimal("98.6")].period.code == "2025"
    assert found[Decimal(17)].period.code == "2025"


def test_a_projects_site_line_is_where_its_report_speaks_for(lexicon: Lexicon) -> None:
    text = (
        "某新材料有限公司年产10万吨项目竣工环境保护验收公示\n\n"
        "　　建设单位：某新材料有限公司\n"
        "　　建设地点：长治市潞城区店上镇工业园区\n"
        "　　项目实际总投资6.2亿元，其中环保投资0.8亿元。\n"
        "　　验收监测期间，污水处理站出口化学需氧量平均浓度为38毫克/升。\n"
    )
    found = by_value(
        observe(text, lexicon, published="2025-03-25", publisher="山西某新材料有限公司")
    )
    assert found[Decimal(38)].place == "潞城区"
    assert found[Decimal(620000000)].place == "潞城区"


def test_the_east_china_sea_is_a_sea(lexicon: Lexicon) -> None:
    def named(text: str) -> list[tuple[str, str]]:
        return [(h.place.name, h.place.type) for h in find_places(text, lexicon)]

    assert named("东海近岸海域水质优良面积比例为78.4%") == [("东海", "sea")]
    # the county keeps its name
    assert named("连云港市东海县") == [("连云港市", "city"), ("东海县", "county")]


def test_hong_kong_and_macao_bodies_by_their_own_names(lexicon: Lexicon) -> None:
    found = pairs(
        entities("渠務署與渔護署、食環署組成工作小組，並向立法會匯報；市政署亦派員出席。", lexicon)
    )
    for name in ("渠务署", "渔农自然护理署", "食物环境卫生署", "立法会", "市政署"):
        assert ("Agency", name) in found, name


def test_a_deadline_with_a_month_still_ahead_sets_a_target(lexicon: Lexicon) -> None:
    text = "2026年6月底前，完成剩余42个入河排污口规范化整治。"
    found = by_value(observe(text, lexicon, published="2026-02-27"))
    assert found[Decimal(42)].modality == "target"
    # a month already past when written tells what was done by then
    done = by_value(observe(text, lexicon, published="2026-10-15"))
    assert done[Decimal(42)].modality == "achieved"


def test_what_a_decision_sets_is_of_its_year_not_of_the_lead_ins_months(
    lexicon: Lexicon,
) -> None:
    text = (
        "某县总河长令\n\n"
        "　　同时也要看到，7月、8月两个月份部分支流总磷浓度超标。为推进幸福河湖建设，现决定如下：\n"
        "　　一、巩固提升水环境质量。确保国考断面水质优良比例稳定保持100%；农村生活污水治理率"
        "力争达到35%以上。\n"
    )
    found = by_value(observe(text, lexicon, published="2026-02-27", title="某县总河长令"))
    for value in (100, 35):
        assert (found[Decimal(value)].modality, found[Decimal(value)].period.code) == (
            "target",
            "2026",
        ), value


def test_the_division_that_ranks_is_not_what_the_paragraph_is_about(lexicon: Lexicon) -> None:
    text = (
        "　　2025年，开原市河湖长制工作取得明显成效。在铁岭市河湖长制年度考核中，开原市位列全市第二。"
        "全年办理涉河湖公益诉讼案件17件，查处非法采砂案件5起。\n"
    )
    found = by_value(observe(text, lexicon, published="2026-02-27", publisher="开原市人民政府"))
    assert found[Decimal(17)].place == "开原市"
    assert found[Decimal(5)].place == "开原市"


def test_a_section_opened_by_dated_monitoring_is_of_its_month(lexicon: Lexicon) -> None:
    text = (
        "某项目竣工环境保护验收监测报告公示\n\n"
        "一、项目概况\n"
        "　　项目实际总投资6.2亿元。\n"
        "二、验收监测结果\n"
        "　　受建设单位委托，某检测公司于2025年1月14日至15日对项目开展了验收监测。\n"
        "　　（一）废气。颗粒物最大排放浓度为3.6毫克/立方米，脱硫效率为98.6%。\n"
        "　　（二）噪声。厂界昼间噪声监测值介于52.3分贝至58.6分贝之间。\n"
        "三、公众意见\n"
        "　　受访公众满意率为95.8%。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-03-25"))
    for value in ("3.6", "98.6", "52.3"):
        assert found[Decimal(value)].period.code == "2025-01", value
    assert found[Decimal("52.3")].max_value == Decimal("58.6")
    # before the section and after it the monitoring's month does not hold
    assert found[Decimal(620000000)].period.code != "2025-01"
    assert found[Decimal("95.8")].period.code != "2025-01"


def test_an_html_tables_cells_and_rows_stay_apart(lexicon: Lexicon) -> None:
    text = (
        "<table><tr><td>序号</td><td>被抽查单位</td><td>所在地</td><td>检验结果</td></tr>\n"
        "<tr><td>1</td><td>保定市清苑区宏运加油站</td><td>清苑区</td><td>26.4mg/kg</td></tr>\n"
        "<tr><td>2</td><td>保定市满城区永兴石化销售有限公司</td><td>满城区</td><td>46.2</td></tr>\n"
        "</table>"
    )
    joined = normalize(text).text
    assert "1\t保定市清苑区宏运加油站\t清苑区\t26.4mg/kg\t\n2\t" in joined
    found = pairs(entities(text, lexicon))
    assert ("Agency", "保定市满城区永兴石化销售有限公司") in found
    assert not any(name.startswith(("1", "2")) for _, name in found)


def test_a_date_before_a_meeting_is_no_part_of_its_name(lexicon: Lexicon) -> None:
    found = pairs(
        entities(
            "该条例于2023年10月经河南省第十四届人民代表大会常务委员会第五次会议批准。", lexicon
        )
    )
    assert ("Event", "河南省第十四届人民代表大会常务委员会第五次会议") in found
    assert not any(name.startswith("年") for _, name in found)


def test_a_partys_role_in_a_compensation_case(lexicon: Lexicon) -> None:
    found = pairs(entities("赔偿权利人与赔偿义务人吉安市恒远化工有限公司签订赔偿协议。", lexicon))
    assert ("Agency", "吉安市恒远化工有限公司") in found


def test_a_year_proposed_or_set_out_makes_targets(lexicon: Lexicon) -> None:
    text = "建议到2028年全市新能源公交车占比提高到90%以上。"
    found = by_value(observe(text, lexicon, published="2025-04-18"))
    assert (found[Decimal(90)].modality, found[Decimal(90)].period.code) == ("target", "2028")
    assert not found[Decimal(90)].indicator.label.startswith(("建议", "到"))
    plan = "省里印发行动方案，提出到2030年，全省绿色防控覆盖率达到70%。"
    found = by_value(observe(plan, lexicon, published="2026-03-09"))
    assert (found[Decimal(70)].modality, found[Decimal(70)].period.code) == ("target", "2030")


def test_a_person_named_again_holds_no_place(lexicon: Lexicon) -> None:
    text = "市委书记、市总河长袁东海出席会议并讲话。袁东海在讲话中指出，要守护好东海。"
    found = entities(text, lexicon)
    people = [m for m in found if m.type == "Person"]
    assert [m.span.start for m in people] == [text.index("袁东海"), text.rindex("袁东海")]
    places = [m for m in found if m.type == "Place"]
    # the sea the text speaks of is still a place, the name's 东海 is not
    assert [m.span.start for m in places] == [text.rindex("东海")]


def test_a_reservoir_named_after_a_river_of_one_character(lexicon: Lexicon) -> None:
    text = "清河水库水质保持Ⅱ类，总磷平均浓度为0.021毫克/升。清河水库周边实施退耕还湿。"
    found = [(h.place.name, h.place.type) for h in find_places(text, lexicon)]
    assert found == [("清河水库", "reservoir"), ("清河水库", "reservoir")]


def test_a_running_total_at_the_spans_end_does_not_end_the_span(lexicon: Lexicon) -> None:
    text = (
        "　　一季度，两市共发现环境问题138个，截至3月底已完成整改117个。"
        "立案查处环境违法案件43件，罚款金额共计386.5万元。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-04-22"))
    assert found[Decimal(117)].period.code == "cumulative"
    for value in ("43", "3865000"):
        assert found[Decimal(value)].period.code == "2025-01/2025-03", value
