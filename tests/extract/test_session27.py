"""Session 27: rules measured on blind set 36 and the sets before it (sentences written here)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_entities import entities, pairs
from test_observations import observe
from test_observations_unseen import by_value

from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import find_places


@pytest.mark.parametrize(
    ("text", "wetlands"),
    [
        (  # a wetland named after the water it lies by, written twice: the wetland, not the port
            "沧州南大港湿地是候鸟迁徙的重要驿站。今年南大港湿地监测到鸟类268种。",
            {"南大港湿地"},
        ),
        (  # named once in a list of wetlands
            "盐城湿地、杭州湾湿地和崇明东滩湿地列入名录。",
            {"盐城湿地", "杭州湾湿地"},
        ),
    ],
)
def test_wetlands_named_after_their_water(lexicon: Lexicon, text: str, wetlands: set[str]) -> None:
    found = {h.place.name: h.place.type for h in find_places(text, lexicon)}
    assert {n for n, t in found.items() if t == "wetland"} >= wetlands
    assert "南大港" not in found


@pytest.mark.parametrize(
    "text",
    [
        "全市修复滨海湿地1200公顷，滨海湿地面积保持稳定。",
        "新建人工湿地3处，人工湿地出水稳定达标。",
        "清理滩涂湿地养殖塘42个，滩涂湿地恢复自然岸线。",
        "湿地保护率达到56%，湿地保护率较上年提高2个百分点。",
    ],
)
def test_kinds_of_wetland_are_no_names(lexicon: Lexicon, text: str) -> None:
    assert not [h for h in find_places(text, lexicon) if h.place.type == "wetland"]


def test_a_quoted_term_with_its_type_word_closes_a_name(lexicon: Lexicon) -> None:
    # “三北”工程黄河“几字弯”攻坚战: two programmes, the second does not open with 工程
    found = pairs(entities("全市把防沙治沙纳入“三北”工程黄河“几字弯”攻坚战统筹推进。", lexicon))
    assert {("Programme", "三北工程"), ("Programme", "黄河几字弯攻坚战")} <= found
    assert not any(name.startswith("工程") for _, name in found)


def test_a_letter_made_out_to_a_township_speaks_for_it(lexicon: Lexicon) -> None:
    # the bracketed aside of the title is the party the letter is made out to, not page notes
    text = (
        "潜山市2025年度河湖长制工作目标责任书（黄柏镇）\n\n"
        "　　2024年，乙方全面完成年度任务。镇域地表水断面水质优良比例为100%；"
        "农村生活污水治理率达到41.5%。"
    )
    found = by_value(observe(text, lexicon, published="2025-03-02"))
    assert {found[Decimal(v)].place for v in ("100", "41.5")} == {"黄柏镇"}


def test_a_commentary_on_the_country_is_no_province_named_in_passing(lexicon: Lexicon) -> None:
    # a commentary naming no division: its national figures are the country's, and a province
    # named once as an example does not become the home of every figure
    text = (
        "守护好来之不易的蓝天碧水\n\n"
        "　　去年，全国地级及以上城市细颗粒物平均浓度为28.6微克/立方米。\n"
        "　　从福建的木兰溪治理到长江十年禁渔，一个个故事说明了久久为功的意义。"
    )
    (found,) = observe(text, lexicon, published="2025-01-20")
    assert found.value == Decimal("28.6")
    assert found.place == "全国"


@pytest.mark.parametrize(
    "text",
    [
        # the limits a standard sets
        "新标准规定颗粒物、二氧化硫排放限值分别为10毫克/立方米和50毫克/立方米。",
        "水泥窑颗粒物执行8毫克/立方米的特别排放限值。",
        # how often a rule has something done, and how many copies a letter is made in
        "村级河长每周巡河不少于1次，镇级河长每月巡河不少于2次。",
        "本协议一式四份，自签订之日起生效。",
        # a set whose members the rest of the clause speaks of
        "全市6个省控断面中Ⅲ类以上水质断面5个。",
        # where something lies, a delay, and the grades a scheme sorts into
        "观测站位于州府以西约85公里的山谷中。",
        "新建企业自标准实施之日起12个月后执行。",
        "评价结果分为优秀、良好、合格、不合格四个等次。",
    ],
)
def test_rules_and_sets_are_no_outcomes(lexicon: Lexicon, text: str) -> None:
    found = observe(text, lexicon, published="2025-06-01")
    assert [o.value for o in found if o.value not in (Decimal(5),)] == []


def test_what_breaks_a_limit_is_still_read(lexicon: Lexicon) -> None:
    text = "厂区排口化学需氧量浓度超过规定限值1.6倍；管护员人均每月巡护4.5次。"
    assert {o.value for o in observe(text, lexicon, published="2025-06-01")} == {
        Decimal("1.6"),
        Decimal("4.5"),
    }


def test_a_named_typhoon_is_an_event(lexicon: Lexicon) -> None:
    found = pairs(
        entities("受今年第11号台风“海葵”影响，沿海三市出动应急监测人员420人次。", lexicon)
    )
    assert ("Event", "台风海葵") in found


def test_a_deadline_before_a_rate_is_no_part_of_its_name(lexicon: Lexicon) -> None:
    # "年底前治理率力争达到50%": the rate just reported, with the time it is aimed at
    text = "2024年，全县农村生活污水治理率为41.2%；今年将再选取8个乡镇开展试点，年底前治理率力争达到50%以上。"
    found = by_value(observe(text, lexicon, published="2025-04-01"))
    assert found[Decimal("50")].indicator.iri == found[Decimal("41.2")].indicator.iri


def test_members_of_a_set_are_counted_not_the_set(lexicon: Lexicon) -> None:
    # the set is the scope of what the sentence says of its members; 中 inside a word is no set
    text = (
        "全市8个国控断面中Ⅱ类水质断面6个。督察反馈的23个问题中已完成整改19个。"
        "全镇3个行政村建成集中式污水处理站。"
    )
    values = {o.value for o in observe(text, lexicon, published="2025-04-01")}
    assert values == {Decimal(6), Decimal(19), Decimal(3)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an autonomous county by its stem and type, with no province named anywhere
        ("去年，互助县新增造林面积3.2万亩。", "互助土族自治县"),
        ("长阳县清江流域水质保持Ⅱ类。", "长阳土家族自治县"),
        # ...and an autonomous prefecture so
        ("红河州新建污水处理厂3座。", "红河哈尼族彝族自治州"),
    ],
)
def test_autonomous_divisions_by_their_usual_names(lexicon: Lexicon, text: str, name: str) -> None:
    assert [h.place.name for h in find_places(text, lexicon)][:1] == [name]


def test_a_preposition_before_the_word_town_names_no_town(lexicon: Lexicon) -> None:
    text = "这事我们打过热线，也反映到镇里，执法力量已下沉至乡里。"
    assert [h.place.name for h in find_places(text, lexicon)] == []


@pytest.mark.parametrize(
    "text",
    [
        "台风过境后，昌化江大风坝断面氨氮浓度为0.62毫克/升，较台风前上升41%。",
        "10月下旬全市PM2.5平均浓度为31微克/立方米，较10月中旬下降12.5%。",
    ],
)
def test_what_a_change_is_measured_against_is_no_metric(lexicon: Lexicon, text: str) -> None:
    level, change = observe(text, lexicon, published="2025-11-05")
    assert change.indicator.base is not None
    assert change.indicator.base.iri == level.indicator.iri


def test_a_role_in_a_tender_is_no_part_of_the_company(lexicon: Lexicon) -> None:
    text = "评标结果公示\n第二中标候选人安徽绿源水务工程有限公司，投标报价1,268.4万元。"
    assert ("Agency", "安徽绿源水务工程有限公司") in pairs(entities(text, lexicon))
