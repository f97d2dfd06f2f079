"""Session 28: rules measured on blind set 37 and the sets before it (sentences written here)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from test_entities import entities, pairs
from test_observations import observe
from test_observations_unseen import by_value

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract.lexicon import Lexicon
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.furniture import furniture_spans


def test_what_was_measured_on_a_day_is_of_its_month(lexicon: Lexicon) -> None:
    text = (
        "2024年7月3日，县生态环境局对该厂开展执法监测，废水总排口氨氮浓度为18.2毫克/升；"
        "同日，下游500米处河道发现死鱼约0.6吨。"
    )
    found = by_value(observe(text, lexicon, published="2024-12-20"))
    assert found[Decimal("18.2")].period.code == "2024-07"
    assert found[Decimal("0.6")].period.code == "2024-07"


def test_a_deadline_to_the_day_is_its_month_unless_the_year_ends(lexicon: Lexicon) -> None:
    text = (
        "截至9月30日，全市危险废物规范化管理达标率为93.5%。"
        "截至去年12月31日，全市绿色低碳平台注册人数达52.1万人，较前年底增加8.4万人。"
    )
    found = by_value(observe(text, lexicon, published="2025-10-15"))
    assert found[Decimal("93.5")].period.code == "2025-09"
    assert found[Decimal("84000")].period.code == "2024"
    assert found[Decimal("521000")].period.as_of == "2024-12-31"


def test_a_move_over_a_span_dates_its_two_ends(lexicon: Lexicon) -> None:
    text = "2015年至2024年，全省红树林面积由约3200公顷增加到约4150公顷，增幅约29.7%。"
    found = by_value(observe(text, lexicon, published="2025-05-06"))
    assert found[Decimal("3200")].period.code == "2015"
    assert found[Decimal("4150")].period.code == "2024"
    assert found[Decimal("29.7")].period.code == "2015/2024"
    # months of one year are one span: its values keep it
    text = "1—8月，全市空气质量综合指数由4.12下降到3.87。"
    months = by_value(observe(text, lexicon, published="2025-09-12"))
    assert {o.period.code for o in months.values()} == {"2025-01/2025-08"}


def test_a_heading_with_its_paragraph_is_part_of_the_article(lexicon: Lexicon) -> None:
    text = (
        "全县推进河道清淤。\n"
        "【延伸阅读】据统计，去年全县共清理河道淤泥12.6万立方米，同比增长14.2%。\n"
        "【延伸阅读】\n"
        "· 邻县去年清理淤泥9.3万立方米\n"
    )
    meta = SourceMeta(published=PartialDate(2025, 3))
    doc = AnalyzedDoc.of(Document("t", Path("t.txt"), text, "utf-8", meta))
    pieces = [doc.text[f.start : f.end] for f in furniture_spans(doc, lexicon.words["furniture"])]
    assert not any("12.6万" in p for p in pieces)
    assert any("9.3万" in p for p in pieces)
    values = {o.value for o in observe(text, lexicon, published="2025-03-01")}
    assert Decimal(126000) in values
    assert Decimal(93000) not in values


def test_a_villages_own_notice_speaks_for_the_village(lexicon: Lexicon) -> None:
    text = (
        "德兴市花桥镇戴村村2024年度村级公益事业资金使用情况公示\n\n"
        "　　2024年，我村新建污水收集管网2.4公里，改造户厕41户，支出12.3万元。"
    )
    found = by_value(observe(text, lexicon, published="2025-01-20"))
    assert {found[Decimal(v)].place for v in ("2.4", "41", "123000")} == {"戴村村"}


def test_customs_districts_are_agencies(lexicon: Lexicon) -> None:
    found = pairs(entities("青岛海关联合济南海关开展专项行动，查获走私废矿渣320吨。", lexicon))
    assert {("Agency", "青岛海关"), ("Agency", "济南海关")} <= found


def test_items_after_a_dated_lead_in_take_its_time(lexicon: Lexicon) -> None:
    text = (
        "　　本局执法人员于2024年8月21日对你单位进行检查，经查，你单位存在以下问题：\n"
        "　　（一）污水处理站出水化学需氧量浓度为126毫克/升；\n"
        "　　（二）危险废物贮存间存放废机油约3.6吨，未设置防渗措施。\n"
    )
    found = by_value(observe(text, lexicon, published="2024-11-05"))
    assert {found[Decimal(v)].period.code for v in ("126", "3.6")} == {"2024-08"}


def test_what_the_document_decides_is_of_its_month(lexicon: Lexicon) -> None:
    text = (
        "　　本局决定对你单位处以罚款32万元；对第二项违法行为，处以罚款8万元。\n"
        "　　判决如下：\n"
        "　　一、被告于本判决生效之日起三十日内赔偿生态环境修复费用126.5万元；\n"
        "　　二、被告支付鉴定费用9.8万元。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-02-14"))
    assert {found[Decimal(v)].period.code for v in ("320000", "80000", "1265000", "98000")} == {
        "2025-02"
    }


def test_a_decisions_findings_are_at_its_party_and_its_own_acts_at_home(
    lexicon: Lexicon,
) -> None:
    text = (
        "当事人：保定市恒兴铸造有限公司\n"
        "地址：保定市清苑区东闾乡\n"
        "　　经查，你公司熔炼车间颗粒物排放浓度为42毫克/立方米，超过排放限值1.1倍。\n"
        "　　本局决定对你公司处以罚款28万元。\n"
    )
    found = by_value(
        observe(text, lexicon, published="2025-03-03", title="保定市生态环境局行政处罚决定书")
    )
    assert found[Decimal(42)].place == "清苑区"
    assert found[Decimal("1.1")].place == "清苑区"
    assert found[Decimal(280000)].place == "保定市"


def test_a_partys_role_is_no_part_of_its_name(lexicon: Lexicon) -> None:
    text = (
        "市中级人民法院公开宣判市人民检察院诉金源矿业有限公司环境民事公益诉讼一案，"
        "判令被告金源矿业有限公司赔偿修复费用。集团全资子公司丰源新材料有限公司已完成整改，"
        "集团下属生产型子公司均已安装在线监测设备。"
    )
    found = pairs(entities(text, lexicon))
    assert {("Agency", "金源矿业有限公司"), ("Agency", "丰源新材料有限公司")} <= found
    assert not any(name.startswith(("被告", "全资子公司")) for _, name in found)
    assert not any("诉" in name or name.endswith("子公司") for _, name in found)


def test_a_form_field_names_the_person_after_it(lexicon: Lexicon) -> None:
    found = pairs(entities("当事人：某某化工有限公司\n法定代表人：赵文博\n", lexicon))
    assert ("Person", "赵文博") in found


def test_a_part_weighed_against_its_whole_in_a_title_is_no_speaker(lexicon: Lexicon) -> None:
    text = (
        "江西森林覆盖率稳居全国前列　宜春占全省近两成\n\n"
        "　　2024年，森林覆盖率为63.35%，森林蓄积量达到7.8亿立方米。"
    )
    title = "江西森林覆盖率稳居全国前列　宜春占全省近两成"
    found = by_value(observe(text, lexicon, published="2025-03-12", title=title))
    assert found[Decimal("63.35")].place == "江西省"


def test_what_a_survey_found_keeps_its_span_across_a_subheading(lexicon: Lexicon) -> None:
    text = (
        "　　项目组于2022年至2023年在沿海三市布设86个调查样点，对滩涂底栖生物开展系统调查。\n"
        "底栖生物家底更清晰\n"
        "　　调查发现，沿海滩涂共记录底栖生物214种，其中软体动物占四成以上。\n"
    )
    found = by_value(observe(text, lexicon, published="2024-09-10"))
    assert found[Decimal(214)].period.code == "2022/2023"


def test_an_occasion_named_before_when_around_it(lexicon: Lexicon) -> None:
    # jieba reads 世界环境日前后 across the name's end (日前): the occasion is still named
    found = pairs(entities("今年世界环境日前后，全市开展垃圾分类宣传活动。", lexicon))
    assert ("Event", "世界环境日") in found


def test_examples_of_a_counted_set_opening_a_sentence_are_not_its_place(
    lexicon: Lexicon,
) -> None:
    text = "2024年，全市空气质量优良天数比率为96.1%。沱江、釜溪河等9个国考断面水质优良比例为100%。"
    found = by_value(
        observe(text, lexicon, published="2025-02-20", title="自贡市2024年生态环境状况")
    )
    assert found[Decimal(100)].place == "自贡市"


def test_coefficients_and_ph_are_unitless_values(lexicon: Lexicon) -> None:
    text = (
        "2024年，全县农田灌溉水有效利用系数由0.553提高到0.571。"
        "监测显示，该断面水体pH值为9.6；全市数据中心平均电能利用效率（PUE）为1.38。"
        "企业出水pH值应控制在6～9之间。"
    )
    values = {o.value for o in observe(text, lexicon, published="2025-01-15")}
    assert {Decimal("0.553"), Decimal("0.571"), Decimal("9.6"), Decimal("1.38")} <= values
    assert Decimal(6) not in values


def test_a_top_n_rank_after_n_listed_values_gives_each_its_rank(lexicon: Lexicon) -> None:
    text = "甲组、乙组、丙组的垃圾分类准确率分别为92.1%、88.4%和85.0%，位居全镇前三。"
    found = observe(text, lexicon, published="2025-01-08")
    ranks = sorted((o.value, o.qualifier) for o in found if o.unit == "rank")
    assert ranks == [(Decimal(1), "exact"), (Decimal(2), "exact"), (Decimal(3), "exact")]
