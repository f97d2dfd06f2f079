"""Session 25: rules measured on blind set 34 and the sets before it (sentences written here)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_entities import entities, pairs
from test_observations import observe

from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import find_places


def typed_names(text: str, lexicon: Lexicon) -> set[tuple[str, str]]:
    """The (type, name) pairs of the entities of a one-text document."""
    return pairs(entities(text, lexicon))


@pytest.mark.parametrize(
    ("texts", "name", "key"),
    [
        (  # a plan the lexicon knows keeps its name as key, with or without its number
            (
                "省政府印发实施方案，贯彻《空气质量持续改善行动计划》（国发〔2023〕24号），"
                "全省PM2.5平均浓度下降到31微克/立方米。",
                "各地落实《空气质量持续改善行动计划》，深入打好蓝天保卫战。",
            ),
            "空气质量持续改善行动计划",
            "policy:空气质量持续改善行动计划",
        ),
        (  # one it does not know is keyed by its number
            (
                "市生态环境局印发《城区餐饮油烟整治工作方案》（洪环发〔2025〕9号），"
                "依据洪环发〔2025〕9号文件整改餐饮单位126家。",
            ),
            "城区餐饮油烟整治工作方案",
            "policy:洪环发〔2025〕9号",
        ),
    ],
)
def test_an_instrument_cited_with_and_without_its_number_is_one_node(
    lexicon: Lexicon, texts: tuple[str, ...], name: str, key: str
) -> None:
    """One document cites a national plan with its document number, another without: the
    lexicon's name keys it in both (the number alone would split it over two IRIs)."""
    found = [m for text in texts for m in entities(text, lexicon)]
    assert {m.key for m in found if m.name == name} == {key}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (  # the observance a main venue is held for is an event, and so is the venue's
            "6月5日，2024年“全国低碳日”吉林主场活动在长春市举行；同日，"
            "白城市举办世界湿地日主会场活动。",
            {
                ("Event", "全国低碳日"),
                ("Event", "世界湿地日"),
                ("Event", "2024年全国低碳日吉林主场活动"),
            },
            set(),
        ),
        (  # a standard's title stops at no verb of its own (除治, 覆盖): before its number the
            # clause up to the verb introducing it is the title
            "各地严格执行红树林病虫害防治技术规程（DB45/T 1021—2022），"
            "落实秸秆粉碎还田作业技术规范DB23/T 2210—2019。",
            {
                ("Regulation", "红树林病虫害防治技术规程"),
                ("Regulation", "秸秆粉碎还田作业技术规范"),
            },
            {("Regulation", "技术规程")},
        ),
        (  # 2025年全市…工作会议 is the city's, as 全市…工作会议 is: the year stands first
            "柳州市园林局\n\n3月6日，柳州市召开2025年全市园林绿化工作会议，部署全年任务。",
            {("Event", "2025年柳州市园林绿化工作会议")},
            set(),
        ),
        (  # a press conference held (举行的…) is named by all the words before its kind, verbs
            # of its topic too (治理); its kind alone names none
            "记者从省政府新闻办举行的鄱阳湖退化湿地治理修复新闻发布会上获悉。"
            "生态环境部举行的例行新闻发布会上，发言人作了介绍。",
            {("Event", "鄱阳湖退化湿地治理修复新闻发布会")},
            {("Event", "例行新闻发布会")},
        ),
        (  # a standing 联席会议 is a mechanism; named with a year first, that year's sitting
            "12月2日召开的2024年黑河流域水资源管理联席会议通报了调水情况。"
            "居延海管理保护联席会议每年召开两次。",
            {
                ("Event", "2024年黑河流域水资源管理联席会议"),
                ("Programme", "居延海管理保护联席会议"),
            },
            set(),
        ),
    ],
)
def test_names_found(
    lexicon: Lexicon,
    text: str,
    present: set[tuple[str, str]],
    absent: set[tuple[str, str]],
) -> None:
    found = typed_names(text, lexicon)
    assert present <= found
    assert not absent & found


def test_a_date_before_a_main_venue_is_no_observance(lexicon: Lexicon) -> None:
    found = typed_names("6月5日主场活动在长春市南湖公园举行。", lexicon)
    assert not any(t == "Event" and name.endswith("日") for t, name in found)


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


@pytest.mark.parametrize(
    ("text", "published", "title", "place", "period"),
    [
        (  # 新疆新闻联播丨…: the broadcaster's label names 新疆; the headline names the river
            "今年，生态输水量达8.62亿立方米，同比增加11.6%。",
            "2025-12",
            "新疆新闻联播丨塔里木河下游今年生态输水8.62亿立方米",
            "塔里木河",
            "2025",
        ),
        (  # 关于公布2025年…重点单位名录的公告: the list's counts are the list's year's
            "分行业看，印染企业47家、电镀企业23家。",
            "2025-03",
            "绍兴市生态环境局关于公布2025年绍兴市环境监管重点单位名录的公告",
            "绍兴市",
            "2025",
        ),
    ],
)
def test_a_title_places_and_dates_the_figures_of_its_text(
    lexicon: Lexicon, text: str, published: str, title: str, place: str, period: str
) -> None:
    found = observe(text, lexicon, published=published, title=title)
    assert {(o.place, o.period.code) for o in found} == {(place, period)}


@pytest.mark.parametrize(
    ("text", "title", "places"),
    [
        (  # 三市合计占全省的六成以上 is the province's figure (a series of it holds whichever
            # cities lead); a named whole (合计占秦岭范围的) is that area's
            "长春市、松原市、四平市秸秆覆盖面积分别为826万亩、612万亩和598万亩，居全省前三位，"
            "三市合计占全省的六成以上。核心保护区和重点保护区面积合计占秦岭范围的近七成。",
            "吉林省2024年黑土地保护情况通报",
            {60: "吉林省", 70: "秦岭"},
        ),
        (  # a paragraph opening with 谯城区、涡阳县、蒙城县…分别为 is not about 谯城区 from there on
            "谯城区、涡阳县、蒙城县纳入名录单位分别为168家、131家和117家，居全市前三位。"
            "分行业看，白酒酿造74家、中药饮片加工62家。",
            "亳州市生态环境局关于公布2025年亳州市环境监管重点单位名录的公告",
            {168: "谯城区", 131: "涡阳县", 74: "亳州市", 62: "亳州市"},
        ),
    ],
)
def test_after_members_given_a_value_each_the_whole_is_the_place(
    lexicon: Lexicon, text: str, title: str, places: dict[int, str]
) -> None:
    found = {o.value: o.place for o in observe(text, lexicon, title=title)}
    assert {value: found.get(value) for value in places} == places


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
    found = typed_names(
        "其中，利辛县分局查处案件13起，在各县区中排名第一。\n\n阜阳市生态环境局\n2025年3月28日",
        lexicon,
    )
    assert ("Agency", "阜阳市生态环境局利辛县分局") not in found  # 利辛县 is 亳州's
    found = typed_names(
        "其中，利辛县分局查处案件13起，在各县区中排名第一。\n\n亳州市生态环境局\n2025年3月28日",
        lexicon,
    )
    assert ("Agency", "亳州市生态环境局利辛县分局") in found


def test_a_broadcasts_captions_name_the_people_it_quotes(lexicon: Lexicon) -> None:
    """【同期】 captions set the name apart from the post, and may end the line with it; a
    transliterated name may run to ten syllables."""
    found = typed_names(
        "【同期】和田地区林业和草原局副局长　买买提·吐尔逊\n胡杨林面积增加了。\n"
        "【同期】于田县护林员　王建国\n林子密了。\n"
        "地区水利局局长阿不都热合曼·艾麦提介绍，今年输水增加。",
        lexicon,
    )
    people = {name for t, name in found if t == "Person"}
    assert people == {"买买提·吐尔逊", "王建国", "阿不都热合曼·艾麦提"}


def test_a_form_of_address_is_no_name(lexicon: Lexicon) -> None:
    found = typed_names("经营农家乐多年的村民刘大姐说，游客多了。", lexicon)
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
