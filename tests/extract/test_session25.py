"""Session 25: rules measured on blind set 34 and the sets before it (sentences written here)."""

from __future__ import annotations

from decimal import Decimal

from test_entities import entities, pairs
from test_observations import observe

from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import find_places


def test_a_known_instrument_cited_with_and_without_its_number_is_one_node(
    lexicon: Lexicon,
) -> None:
    """One document cites a national plan with its document number, another without: the
    lexicon's name keys it in both (the number alone would split it over two IRIs)."""
    with_number = entities(
        "省政府印发实施方案，贯彻《空气质量持续改善行动计划》（国发〔2023〕24号），"
        "全省PM2.5平均浓度下降到31微克/立方米。",
        lexicon,
    )
    without = entities("各地落实《空气质量持续改善行动计划》，深入打好蓝天保卫战。", lexicon)
    keys = {m.key for m in [*with_number, *without] if m.name == "空气质量持续改善行动计划"}
    assert keys == {"policy:空气质量持续改善行动计划"}


def test_an_unknown_instrument_is_still_keyed_by_its_number(lexicon: Lexicon) -> None:
    found = entities(
        "市生态环境局印发《城区餐饮油烟整治工作方案》（洪环发〔2025〕9号），"
        "依据洪环发〔2025〕9号文件整改餐饮单位126家。",
        lexicon,
    )
    keys = {m.key for m in found if m.type == "Policy"}
    assert keys == {"policy:洪环发〔2025〕9号"}


def test_the_observance_a_main_venue_is_held_for_is_an_event(lexicon: Lexicon) -> None:
    """2023年“六五环境日”滨海新区主场活动 names two events: the venue's and the observance's."""
    found = pairs(
        entities(
            "6月5日，2024年“全国低碳日”吉林主场活动在长春市举行；同日，"
            "白城市举办世界湿地日主会场活动。",
            lexicon,
        )
    )
    assert {("Event", "全国低碳日"), ("Event", "世界湿地日")} <= found
    assert ("Event", "2024年全国低碳日吉林主场活动") in found


def test_a_date_before_a_main_venue_is_no_observance(lexicon: Lexicon) -> None:
    found = pairs(entities("6月5日主场活动在长春市南湖公园举行。", lexicon))
    assert not any(t == "Event" and name.endswith("日") for t, name in found)


def test_a_standards_title_with_verbs_of_its_own_runs_back_to_the_clause(
    lexicon: Lexicon,
) -> None:
    """The walk over words stops at a title's own verb (除治, 覆盖); right before the standard's
    number the whole clause up to the verb that introduces it is the title."""
    found = pairs(
        entities(
            "各地严格执行红树林病虫害防治技术规程（DB45/T 1021—2022），"
            "落实秸秆粉碎还田作业技术规范DB23/T 2210—2019。",
            lexicon,
        )
    )
    assert ("Regulation", "红树林病虫害防治技术规程") in found
    assert ("Regulation", "秸秆粉碎还田作业技术规范") in found
    assert ("Regulation", "技术规程") not in found


def test_a_district_named_like_a_citys_urban_area_is_not_found_there(lexicon: Lexicon) -> None:
    """璧山城区 is 璧山区's urban area, not 鹤壁's 山城区; 鹤壁市山城区 still is that district."""
    assert not [h for h in find_places("今年汛期，璧山城区降雨量达186.5毫米。", lexicon)]
    hits = find_places("鹤壁市山城区空气质量优良天数280天。", lexicon)
    assert [h.place.name for h in hits] == ["鹤壁市", "山城区"]


def test_a_listed_water_holds_no_etcetera(lexicon: Lexicon) -> None:
    hits = find_places("典农河、艾依河和阅海等河湖生态补水占约两成。", lexicon)
    assert [h.place.name for h in hits] == ["典农河", "艾依河"]


def test_a_title_ranking_its_province_among_the_nation_speaks_for_the_province(
    lexicon: Lexicon,
) -> None:
    """居全国第三 in a title names the peers, not the scope; 我省 says who speaks."""
    found = observe(
        "省生态环境厅在南昌召开推进会。今年上半年，新增入库项目7个，总投资186.2亿元。"
        "赣州市、吉安市入库项目数分别为9个和6个。",
        lexicon,
        published="2025-07",
        title="我省EOD项目入库数居全国第三　累计获授信超600亿元",
    )
    new = [o for o in found if o.value == 7]
    assert [o.place for o in new] == ["江西省"]


def test_a_programmes_label_before_a_bar_does_not_place_the_story(lexicon: Lexicon) -> None:
    """新疆新闻联播丨…: the broadcaster's programme names 新疆; the headline names the river."""
    found = observe(
        "今年，生态输水量达8.62亿立方米，同比增加11.6%。",
        lexicon,
        published="2025-12",
        title="新疆新闻联播丨塔里木河下游今年生态输水8.62亿立方米",
    )
    assert {o.place for o in found} == {"塔里木河"}


def test_a_share_several_members_make_of_a_whole_is_the_wholes(lexicon: Lexicon) -> None:
    """三市合计占全省的六成以上 is the province's figure (a series of it holds whichever cities
    lead); a named whole (合计占秦岭范围的) is that area's."""
    found = observe(
        "长春市、松原市、四平市秸秆覆盖面积分别为826万亩、612万亩和598万亩，居全省前三位，"
        "三市合计占全省的六成以上。核心保护区和重点保护区面积合计占秦岭范围的近七成。",
        lexicon,
        title="吉林省2024年黑土地保护情况通报",
    )
    shares = {o.value: o.place for o in found if o.unit == "percent"}
    assert shares == {60: "吉林省", 70: "秦岭"}


def test_after_a_list_of_places_given_a_value_each_the_text_returns_to_the_whole(
    lexicon: Lexicon,
) -> None:
    """A paragraph opening with 谯城区、涡阳县、蒙城县…分别为 is not about 谯城区 from there on."""
    found = observe(
        "谯城区、涡阳县、蒙城县纳入名录单位分别为168家、131家和117家，居全市前三位。"
        "分行业看，白酒酿造74家、中药饮片加工62家。",
        lexicon,
        title="亳州市生态环境局关于公布2025年亳州市环境监管重点单位名录的公告",
    )
    places = {o.value: o.place for o in found if o.unit == "count"}
    assert places[168] == "谯城区" and places[131] == "涡阳县"
    assert places[74] == places[62] == "亳州市"


def test_a_years_list_dates_its_counts(lexicon: Lexicon) -> None:
    """关于公布2025年…重点单位名录的公告: the counts of the list are the list's year's."""
    found = observe(
        "分行业看，印染企业47家、电镀企业23家。",
        lexicon,
        published="2025-03",
        title="绍兴市生态环境局关于公布2025年绍兴市环境监管重点单位名录的公告",
    )
    assert {o.period.code for o in found} == {"2025"}


def test_this_year_of_a_report_is_its_own_after_a_paragraph_on_another(lexicon: Lexicon) -> None:
    """本年度 names the report's year, not the one the paragraph named; 当年 refers to it."""
    found = observe(
        "2022年，全县共审计领导干部31名。本年度审计核实问题图斑326个。"
        "其中闲置资金4100万元，占当年到位资金的两成。",
        lexicon,
        published="2024-02",
        about="2023",
    )
    assert {o.value: o.period.code for o in found} == {
        31: "2022",
        326: "2023",
        41000000: "2023",
        20: "2023",
    }


def test_a_sponge_citys_runoff_control_is_one_indicator_however_worded(lexicon: Lexicon) -> None:
    first = observe("全市年均雨水径流总量控制率达到75%以上。", lexicon)
    second = observe("城区年径流总量控制率达到75.4%，绿化覆盖率为44.18%。", lexicon)
    runoff = {o.indicator.iri for o in [*first, *second] if o.value in (75, Decimal("75.4"))}
    assert len(runoff) == 1 and next(iter(runoff)).endswith("/annual-runoff-control")


def test_a_county_branch_named_alone_is_its_city_bureaus(lexicon: Lexicon) -> None:
    found = pairs(
        entities(
            "其中，利辛县分局查处案件13起，在各县区中排名第一。\n\n阜阳市生态环境局\n2025年3月28日",
            lexicon,
        )
    )
    assert ("Agency", "阜阳市生态环境局利辛县分局") not in found  # 利辛县 is 亳州's
    found = pairs(
        entities(
            "其中，利辛县分局查处案件13起，在各县区中排名第一。\n\n亳州市生态环境局\n2025年3月28日",
            lexicon,
        )
    )
    assert ("Agency", "亳州市生态环境局利辛县分局") in found


def test_a_broadcasts_captions_name_the_people_it_quotes(lexicon: Lexicon) -> None:
    """【同期】 captions set the name apart from the post, and may end the line with it; a
    transliterated name may run to ten syllables."""
    found = pairs(
        entities(
            "【同期】和田地区林业和草原局副局长　买买提·吐尔逊\n胡杨林面积增加了。\n"
            "【同期】于田县护林员　王建国\n林子密了。\n"
            "地区水利局局长阿不都热合曼·艾麦提介绍，今年输水增加。",
            lexicon,
        )
    )
    people = {name for t, name in found if t == "Person"}
    assert people == {"买买提·吐尔逊", "王建国", "阿不都热合曼·艾麦提"}


def test_a_form_of_address_is_no_name(lexicon: Lexicon) -> None:
    found = pairs(entities("经营农家乐多年的村民刘大姐说，游客多了。", lexicon))
    assert not [name for t, name in found if t == "Person"]


def test_a_greening_paragraph_with_a_scenic_spots_visitors_stays_on_topic(
    lexicon: Lexicon,
) -> None:
    """A bulletin's green-space figures beside one sentence on a scenic area's tourists: the
    sentence speaks of green space (绿地), so its figures stay."""
    found = observe(
        "2024年，全市新增绿地面积320公顷，建成区绿化覆盖率达到43.5%。\n"
        "全市公园绿地服务半径覆盖率达到88.2%，较2020年提高6.1个百分点。"
        "南湖风景区全年接待游客约900万人次。",
        lexicon,
        published="2025-02",
    )
    assert {Decimal("88.2"), Decimal("6.1")} <= {o.value for o in found}


def test_a_citys_meeting_named_after_its_year_is_the_citys(lexicon: Lexicon) -> None:
    """2025年全市…工作会议 names the city's meeting as 全市…工作会议 does: the year stands first."""
    found = pairs(
        entities(
            "柳州市园林局\n\n3月6日，柳州市召开2025年全市园林绿化工作会议，部署全年任务。",
            lexicon,
        )
    )
    assert ("Event", "2025年柳州市园林绿化工作会议") in found


def test_a_joint_conference_with_its_year_is_one_sitting(lexicon: Lexicon) -> None:
    """A standing 联席会议 is a mechanism; named with a year first it is that year's sitting."""
    found = pairs(
        entities(
            "12月2日召开的2024年黑河流域水资源管理联席会议通报了调水情况。"
            "居延海管理保护联席会议每年召开两次。",
            lexicon,
        )
    )
    assert ("Event", "2024年黑河流域水资源管理联席会议") in found
    assert ("Programme", "居延海管理保护联席会议") in found


def test_a_reserve_holds_no_county_its_name_runs_through(lexicon: Lexicon) -> None:
    """漳江口红树林…保护区 holds 江口 (a county of Guizhou) mid-word: a reserve's name opens at
    a stop, an opening word, 的 or a place named right before it, never inside a word."""
    found = find_places("据介绍，漳江口红树林国家级自然保护区去年监测到鸟类201种。", lexicon)
    assert [h.place.name for h in found] == ["漳江口红树林国家级自然保护区"]
    found = find_places("福建省云霄县漳江口红树林国家级自然保护区监测到鸟类201种。", lexicon)
    assert not [h for h in found if h.place.name.startswith("江口")]
    found = find_places("督察发现，位于安吉县杭垓镇的安吉小鲵国家级自然保护区实验区内", lexicon)
    assert "安吉小鲵国家级自然保护区" in {h.place.name for h in found}


def test_a_surveys_results_take_the_time_stated_for_the_survey(lexicon: Lexicon) -> None:
    """调查显示/评估结果显示 open the results of the survey named before: its time, not the
    report's months nor a stock as it stands now; a plan period names what is assessed."""
    found = observe(
        "由保护区管理局联合某大学开展的2023年度鸟类资源调查结果日前出炉。"
        "调查显示，保护区鸟类已达296种，较上次调查增加12种。",
        lexicon,
        published="2024-05",
        about="2024-01/2024-04",
    )
    assert {o.value: o.period.code for o in found} == {296: "2023", 12: "2023"}
    found = observe(
        "在省住房城乡建设厅组织的2023年度城市体检评估中，该区排名第三。"
        "评估显示，城区年径流总量控制率达到71.2%。",
        lexicon,
        published="2024-10",
        about="2024-01/2024-09",
    )
    assert {o.value: o.period.code for o in found}[Decimal("71.2")] == "2023"
    found = observe(
        "评估组对我市“十四五”时期“无废城市”建设开展中期评估。评估结果显示，达标率为81.5%。",
        lexicon,
        published="2024-06",
    )
    assert {o.value: o.period.code for o in found}[Decimal("81.5")] != "2021/2025"


def test_each_member_of_a_list_of_points_is_in_points(lexicon: Lexicon) -> None:
    """分别上升3.1个、2.4个和0.6个百分点: each member writes 个, the last says of what."""
    found = observe(
        "三市优良天数比例同比分别上升3.1个、2.4个和0.6个百分点；新建口袋公园5个和绿道3个。",
        lexicon,
    )
    units = {o.value: o.unit for o in found}
    assert units == {
        Decimal("3.1"): "percentage_point",
        Decimal("2.4"): "percentage_point",
        Decimal("0.6"): "percentage_point",
        5: "count",
        3: "count",
    }
