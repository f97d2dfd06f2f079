"""Session 26: rules measured on blind set 35 and the sets before it (sentences written here)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_entities import entities, pairs
from test_observations import observe
from test_observations_unseen import by_value

from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import find_places


@pytest.mark.parametrize(
    ("text", "published", "about", "periods"),
    [
        (  # minutes name a provincial inspection in their second section: its month is when
            # complaints were taken, not the time of the air-quality figures before it
            "临汾市生态环境委员会会议纪要\n"
            "2025年1月20日，市生态环境委员会召开全体会议，听取2024年工作情况汇报。\n"
            "（一）空气质量。全市PM2.5平均浓度为36微克/立方米，同比下降5.3%。\n"
            "（二）督察整改。2024年6月省级督察进驻期间，受理转办群众信访举报215件。",
            "2025-01-22",
            "2024",
            {"36": "2024", "215": "2024-06"},
        ),
        (  # an inspection the lead names still dates its findings
            "2024年9月至10月，省第二生态环境保护督察组进驻安顺市开展督察。\n"
            "一、督察发现的问题\n督察组共交办群众信访举报件186件，已办结171件。",
            "2025-01-10",
            None,
            {"186": "2024-09/2024-10"},
        ),
        (  # PM_{10} loses its braces in normalising: the 10 of "PM10月均浓度" is no October
            "一季度，巴彦淖尔市PM_{10}月均浓度为88微克/立方米。",
            "2025-04-20",
            None,
            {"88": "2025-01/2025-03"},
        ),
        (  # a diary's entries, each under a line with its day and weekday, are of that month,
            # not of the quarter the diary covers; a dateline with its year is no entry
            "湖长手记\n2025年4月2日　星期三\n编者按：摘登镇级湖长一季度的部分日记。\n"
            "1月8日　星期三　晴\n　　巡湖一圈，测得透明度为9.6米。\n"
            "3月12日　周三\n　　沿湖补植乔灌木8600株。",
            "2025-04-02",
            "2025-01/2025-03",
            {"9.6": "2025-01", "8600": "2025-03"},
        ),
    ],
)
def test_when_figures_hold(
    lexicon: Lexicon, text: str, published: str, about: str | None, periods: dict[str, str]
) -> None:
    found = by_value(observe(text, lexicon, published=published, about=about))
    assert {v: found[Decimal(v)].period.code for v in periods} == periods


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # 去年镇里: last year, the town's spending (no town named 去年镇)
        (
            "湖长手记｜洱海边的冬天\n今年以来，双廊镇镇级湖长每周巡湖。\n去年镇里投入约420万元改造截污管网。",
            "双廊镇",
        ),
        # 全镇 in a diary on a lake: the town its lead names, not the lake
        (
            "湖长手记｜洱海边的冬天\n今年以来，双廊镇镇级湖长每周巡湖。\n去年全镇各级湖长累计巡湖1860人次。",
            "双廊镇",
        ),
    ],
)
def test_the_town_of_a_diary_on_a_lake(lexicon: Lexicon, text: str, place: str) -> None:
    (found,) = observe(text, lexicon, published="2025-03-02")
    assert found.place == place


def test_a_relative_year_before_a_town_word_is_no_town(lexicon: Lexicon) -> None:
    names = [
        h.place.name for h in find_places("去年镇里投入420万元，今年乡里新建站点3个。", lexicon)
    ]
    assert not any(n.endswith(("镇", "乡")) for n in names), names


def test_a_new_area_reported_among_districts_is_its_own_place(lexicon: Lexicon) -> None:
    (hit,) = find_places("大鹏新区活珊瑚覆盖率升至27.3%", lexicon)
    assert (hit.place.name, hit.place.type) == ("大鹏新区", "county")
    assert lexicon.places[hit.place.parent or ""].name == "深圳市"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the stretch a project covers, in brackets inside its name
        (
            "赣江流域（樟树市段）水环境综合治理EOD项目完成投资3.2亿元。",
            "赣江流域(樟树市段)水环境综合治理EOD项目",
        ),
        # its phase after the type word
        (
            "市里启动汾河（太原段）生态修复工程（二期），全长12公里。",
            "汾河(太原段)生态修复工程(二期)",
        ),
        # the stretch after it
        (
            "市里推进大黑河生态修复工程（呼和浩特段），新建护岸8公里。",
            "大黑河生态修复工程(呼和浩特段)",
        ),
        # an EOD project, and the pool projects are drawn from
        ("大沙河矿山地质环境治理EOD项目修复边坡26公顷。", "大沙河矿山地质环境治理EOD项目"),
        ("全市6个项目纳入省级EOD项目储备库。", "省级EOD项目储备库"),
    ],
)
def test_programme_names_keep_their_brackets_and_eod_projects(
    lexicon: Lexicon, text: str, name: str
) -> None:
    assert ("Programme", name) in pairs(entities(text, lexicon))


@pytest.mark.parametrize(
    "text",
    [
        "全市实施重点项目12个，其中新建项目5个。",  # counts of projects name none
        "建设项目环评审批时限压缩至30个工作日。",  # 建设项目 is a kind of project
        "完成矿山生态修复项目14个。",  # a project described by its work names none
    ],
)
def test_generic_project_words_are_no_programme(lexicon: Lexicon, text: str) -> None:
    assert not [m for m in entities(text, lexicon) if m.type == "Programme"]


def test_values_of_an_english_paragraph_are_not_read_again(lexicon: Lexicon) -> None:
    """A bilingual release restates its Chinese figures in English: those are read once, from
    the Chinese; Latin abbreviations before a value (COD, COD Cr) are no English sentence."""
    text = (
        "大鹏新区活珊瑚覆盖率升至27.3%，较2020年提高8.7个百分点。\n"
        "Live coral cover rose to 27.3% in 2024, up 8.7 percentage points on 2020, and 48 "
        "species were recorded.\n"
        "近岸海域COD 1.2 mg/L，出水化学需氧量（COD Cr）16毫克/升。"
    )
    found = observe(text, lexicon, published="2025-06-08")
    values = sorted(o.value for o in found)
    assert values == [Decimal("1.2"), Decimal("8.7"), Decimal(16), Decimal("27.3")]


def test_a_particle_before_a_town_is_no_part_of_its_name(lexicon: Lexicon) -> None:
    text = (
        "双溪镇与梅林镇并列第一。当天到石门村、落溪村查看站点。前三名分别为三元里街道、望湖街道。"
    )
    names = {h.place.name for h in find_places(text, lexicon)}
    assert {"梅林镇", "石门村", "三元里街道"} <= names
    assert not {"与梅林镇", "到石门村", "为三元里街道"} & names


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (  # 政府信息 is government information: no body named …政府
            "杭州市生态环境局2024年政府信息公开工作年度报告显示，依据《中华人民共和国政府信息公开条例》办理申请。",
            {("Agency", "杭州市生态环境局"), ("Regulation", "中华人民共和国政府信息公开条例")},
            {("Agency", "杭州市生态环境局2024年政府")},
        ),
        (  # the meeting whose spirit is passed on, not the passing on
            "会议传达学习全国生态环境保护大会精神，研究部署2025年重点任务。",
            {("Event", "全国生态环境保护大会")},
            {("Event", "学习全国生态环境保护大会")},
        ),
        (  # a meeting reviewing the parts' work, and an observance week
            "区城管委召开垃圾分类工作点评会。2025年全国城市节约用水宣传周期间，全市开展活动。",
            {("Event", "垃圾分类工作点评会"), ("Event", "2025年全国城市节约用水宣传周")},
            set(),
        ),
        (  # an English sentence ends right before a body's name
            "The bay will be monitored until 2027.中国科学院水生生物研究所研究员说，江豚数量回升。",
            {("Agency", "中国科学院水生生物研究所")},
            {("Agency", "2027.中国科学院水生生物研究所")},
        ),
    ],
)
def test_names_do_not_run_into_what_comes_before(
    lexicon: Lexicon, text: str, present: set[tuple[str, str]], absent: set[tuple[str, str]]
) -> None:
    found = pairs(entities(text, lexicon))
    assert present <= found and not absent & found, found


def test_a_report_speaks_for_the_division_of_the_body_it_heard_from(lexicon: Lexicon) -> None:
    """A paper's report whose title names a park, not a division: its figures are of the
    division whose bureau the reporter heard them from, and that division ranks in its province."""
    text = (
        "库布其光伏基地植被覆盖度升至53.2%\n"
        "本报讯 记者12日从鄂尔多斯市林业和草原局获悉，截至去年底，基地植被覆盖度提高到53.2%，"
        "新能源装机规模在全区排名第一。"
    )
    found = by_value(observe(text, lexicon, published="2025-03-13"))
    assert {found[Decimal("53.2")].place, found[Decimal(1)].place} == {"鄂尔多斯市"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (  # joint work across borders makes a mechanism one scheme, named from where it joins
            "黔渝两地建立赤水河跨界河流联防联治机制，完善毗邻地区森林草原火灾联防联控机制。",
            {"赤水河跨界河流联防联治机制", "毗邻地区森林草原火灾联防联控机制"},
        ),
        ("建立健全工作机制，完善考核评价机制。", set()),  # how work is organised: no scheme
    ],
)
def test_joint_mechanisms_across_borders(lexicon: Lexicon, text: str, names: set[str]) -> None:
    found = {m.name for m in entities(text, lexicon) if m.type == "Programme"}
    assert found == names
