"""The entity extractor on sentences written for these tests.

Every name below is deliberately absent from ``data/lexicons/entities.yaml`` (except where a test
says otherwise), so what is checked is the pattern machinery: type words, province-relative names,
short forms, titles, quoted campaigns, posts, spans and keys. Documents about a province mention the
province or its cities, because the home province is the one the document's places fall in most.

Tests marked ``xfail(strict=True)`` are cases a researcher would expect to work and the extractor
gets wrong; each reason says what it does instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract.base import EntityMention
from ecokg.extract.entities import extract_entities
from ecokg.extract.lexicon import Lexicon
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.normalize import to_simplified


def entities(text: str, lexicon: Lexicon) -> list[EntityMention]:
    doc = Document("t", Path("t.txt"), text, "utf-8", SourceMeta(published=PartialDate(2025, 3)))
    return list(extract_entities(AnalyzedDoc.of(doc), lexicon))


def pairs(found: list[EntityMention]) -> set[tuple[str, str]]:
    return {(m.type, m.name) for m in found}


def named(found: list[EntityMention], type_: str, name: str) -> EntityMention:
    """The first mention of ``name`` as ``type_`` (fails listing what was found instead)."""
    for m in found:
        if m.type == type_ and m.name == name:
            return m
    raise AssertionError(f"no {type_} {name!r} among {sorted(pairs(found))}")


# ---------------------------------------------------------------- sentences

SICHUAN_DEPT = "四川省生态环境厅会同成都市生态环境局开展沱江流域水环境治理攻坚战。"
HUNAN_RELATIVE = "湖南省长沙市、岳阳市持续推进洞庭湖生态环境保护，省生态环境厅加强技术帮扶。"
HUNAN_FULL = "湖南省生态环境厅开展洞庭湖总磷削减专项行动，岳阳市、常德市、益阳市共同推进。"
HUNAN_SHORT_FORMS = "湖南省发改委、省工信厅联合印发方案，长沙市、岳阳市全面推进节能降碳。"
HUNAN_DEPARTMENTS = "湖南省生态环境厅、省水利厅、省林业局联合开展洞庭湖湿地保护专项行动。"
HUNAN_HOUSING = "湖南省长沙市、岳阳市持续推进洞庭湖生态环境保护，省住建厅牵头开展城市黑臭水体排查。"
FULL_NAMES_WITH_HE = (
    "四川省住房和城乡建设厅会同四川省林业和草原局开展城市生态修复，成都市积极配合。"
)
MAJORITY = "成都市生态环境局通报大气污染防治情况。长沙市、岳阳市、常德市推进洞庭湖治理，省生态环境厅作部署。"
HUNAN_PARTY = "湖南省委、省政府高度重视洞庭湖生态环境保护，长沙市、岳阳市全面落实。"
LEADING_GROUP = "中共湖南省委生态文明建设领导小组召开会议，长沙市、岳阳市生态环境部门负责同志参加。"
INSPECTION_TEAM = "湖南省第二督察组进驻岳阳市开展生态环境保护督察。"
INSPECTION_TEAM_LONG = "省第三生态环境保护督察组向岳阳市反馈督察意见，湖南省生态环境厅派员参加。"
INSPECTION_OFFICE_SHORT = (
    "湖南省生态环境保护督察办公室印发通知。省督察办要求长沙市、岳阳市抓好整改落实。"
)
TRANSFERRED = "中央生态环境保护督察组向长沙市转办群众信访举报件，涉及大气污染问题。"
YUNNAN_SCHOOL = "云南大学生态与环境学院联合云南省生态环境科学研究院开展滇池蓝藻水华监测。"
DEPUTY = "昆明市生态环境局副局长陈静表示，将持续加强滇池保护治理。"
BUREAU_HEAD = "昆明市生态环境局局长张卫东介绍滇池保护治理进展。"
DEPUTY_AT_MEETING = "湖南省生态环境厅副厅长陈静出席会议并讲话，部署洞庭湖生态环境保护工作。"
QUOTED_CAMPAIGN = "云南省昆明市启动“清废行动2025”，全面排查滇池流域固体废物非法倾倒问题。"
FULLWIDTH_CAMPAIGN = "四川省成都市启动“清废行动２０２５”，排查固体废物堆存点位。"
REPORTED_CAMPAIGN = "湖南省岳阳市召开新闻发布会。省生态环境厅通报洞庭湖总磷削减专项行动进展。"
MECHANISM = "湖南省检察院与省河长办建立“河湖长+检察长”协作机制，岳阳市、常德市率先落实。"
MECHANISM_ROLLED_OUT = "湖南省全面推行“河湖长+检察长”协作机制，长沙市、株洲市、湘潭市率先建立。"
PILOTS = "长沙市入选国家气候投融资试点，岳阳市获批开展洞庭湖生态产品价值实现试点。"
HUNAN_CONFERENCE = "湖南省召开全省生态环境保护大会，长沙市、岳阳市、常德市作典型发言。"
SICHUAN_CONFERENCE = "四川省召开全省生态环境保护大会，成都市、绵阳市负责同志参加。"
PRESS_CONFERENCE = "湖南省政府新闻办召开洞庭湖生态环境保护新闻发布会，省生态环境厅负责人出席。"
CITY_MEETING = "成都市召开大气污染防治工作会议，部署重污染天气应对工作。"
CENTRAL_ROUNDS = "第二轮中央生态环境保护督察和第三轮中央生态环境保护督察反馈问题整改有序推进。"
HUNAN_ROUNDS = (
    "湖南省第二轮省级生态环境保护督察和第三轮省级生态环境保护督察发现的问题，岳阳市已整改到位。"
)
HUNAN_THIRD_ROUND = "湖南省开展第三轮省级生态环境保护督察，长沙市、岳阳市接受督察。"
SICHUAN_THIRD_ROUND = "四川省开展第三轮省级生态环境保护督察，成都市、绵阳市接受督察。"
TITLE_AND_BARE = "湖南省人大常委会审议通过《湖南省湘江保护条例》。长沙市、株洲市、湘潭市全面实施湖南省湘江保护条例。"
PASSED_BARE = "湖南省人大常委会审议通过湖南省大气污染防治条例，长沙市、株洲市、湘潭市协同推进大气污染联防联控。"
POLICIES = "湖南省印发《湖南省洞庭湖总磷污染控制与削减攻坚行动计划》，并发布洞庭湖水环境综合治理规划，岳阳市全面落实。"
RESERVE = "湖南省岳阳市东洞庭湖国家级自然保护区持续开展候鸟监测，洞庭湖水质持续改善。"
CHANGSHA_COUNTY = "湖南省长沙县入选国家生态文明建设示范区，生态环境质量持续改善。"
OTHER_COUNTIES = "湖南省岳阳市湘阴县、平江县加快推进洞庭湖生态修复。"
TRAD_SICHUAN = "四川省生態環境廳會同成都市生態環境局開展沱江流域水環境治理攻堅戰。"
TRAD_HUNAN = "湖南省召開全省生態環境保護大會，省生態環境廳廳長王立新出席。"
LINE_BREAK = "湖南省长沙市、岳阳市、常德市、益阳市持续推进洞庭湖生态环境保护和总磷削减工作，省生态\n环境厅在长沙市召开全省生态环境保护工作会议，部署大气污染防治工作。"

ALL_SENTENCES = [v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str)]


# ---------------------------------------------------------------- agencies


def test_other_province_department_by_full_name(lexicon: Lexicon) -> None:
    found = entities(SICHUAN_DEPT, lexicon)
    dept = named(found, "Agency", "四川省生态环境厅")
    assert dept.key == "agency:四川省生态环境厅"
    assert dept.attribute("agencyType") == "government_department"
    assert dept.span.text == "四川省生态环境厅"
    bureau = named(found, "Agency", "成都市生态环境局")
    assert bureau.attribute("agencyType") == "government_department"
    named(found, "Programme", "沱江流域水环境治理攻坚战")


def test_province_relative_department_gets_home_province(lexicon: Lexicon) -> None:
    dept = named(entities(HUNAN_RELATIVE, lexicon), "Agency", "湖南省生态环境厅")
    assert dept.span.text == "省生态环境厅"
    assert dept.key == "agency:湖南省生态环境厅"


def test_department_short_forms_expand_to_full_names(lexicon: Lexicon) -> None:
    found = entities(HUNAN_SHORT_FORMS, lexicon)
    assert named(found, "Agency", "湖南省发展和改革委员会").span.text == "湖南省发改委"
    assert named(found, "Agency", "湖南省工业和信息化厅").span.text == "省工信厅"


def test_relative_departments_listed_together(lexicon: Lexicon) -> None:
    found = entities(HUNAN_DEPARTMENTS, lexicon)
    named(found, "Agency", "湖南省生态环境厅")
    assert named(found, "Agency", "湖南省水利厅").span.text == "省水利厅"
    assert named(found, "Agency", "湖南省林业局").span.text == "省林业局"
    named(found, "Programme", "洞庭湖湿地保护专项行动")


@pytest.mark.xfail(
    reason="jieba cuts 省住建厅 into 省|住(v)|建厅: 厅 sits inside the word 建厅, so the "
    "one-character-suffix rule skips it (and 住, a verb, would stop the name anyway)",
    strict=True,
)
def test_relative_housing_department_short_form(lexicon: Lexicon) -> None:
    dept = named(entities(HUNAN_HOUSING, lexicon), "Agency", "湖南省住房和城乡建设厅")
    assert dept.span.text == "省住建厅"


def test_full_department_names_containing_he(lexicon: Lexicon) -> None:
    found = entities(FULL_NAMES_WITH_HE, lexicon)
    named(found, "Agency", "四川省住房和城乡建设厅")
    named(found, "Agency", "四川省林业和草原局")


def test_home_province_is_where_most_places_are(lexicon: Lexicon) -> None:
    found = entities(MAJORITY, lexicon)
    dept = named(found, "Agency", "湖南省生态环境厅")
    assert dept.span.text == "省生态环境厅"
    assert ("Agency", "四川省生态环境厅") not in pairs(found)
    named(found, "Agency", "成都市生态环境局")


def test_provincial_party_committee_and_government(lexicon: Lexicon) -> None:
    hunan = entities(HUNAN_PARTY, lexicon)
    committee = named(hunan, "Agency", "湖南省委")
    assert committee.attribute("agencyType") == "party_organ"
    government = named(hunan, "Agency", "湖南省人民政府")
    assert government.span.text == "省政府"
    assert government.attribute("agencyType") == "government_department"


def test_party_leading_group_is_a_party_organ(lexicon: Lexicon) -> None:
    group = named(entities(LEADING_GROUP, lexicon), "Agency", "中共湖南省委生态文明建设领导小组")
    assert group.attribute("agencyType") == "party_organ"


def test_provincial_congress_and_its_regulation(lexicon: Lexicon) -> None:
    found = entities(TITLE_AND_BARE, lexicon)
    congress = named(found, "Agency", "湖南省人民代表大会常务委员会")
    assert congress.span.text == "湖南省人大常委会"
    assert congress.attribute("agencyType") == "peoples_congress"
    regulation = named(found, "Regulation", "湖南省湘江保护条例")
    assert regulation.attribute("instrumentType") == "条例"
    assert regulation.span.text == "湖南省湘江保护条例"  # the title without its 《》


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (INSPECTION_TEAM, "湖南省第二督察组"),
        (INSPECTION_OFFICE_SHORT, "湖南省生态环境保护督察办公室"),
    ],
)
def test_inspection_bodies_are_inspection_teams(text: str, name: str, lexicon: Lexicon) -> None:
    body = named(entities(text, lexicon), "Agency", name)
    assert body.attribute("agencyType") == "inspection_team"


def test_numbered_provincial_inspection_team(lexicon: Lexicon) -> None:
    team = named(entities(INSPECTION_TEAM_LONG, lexicon), "Agency", "湖南省第三生态环境保护督察组")
    assert team.attribute("agencyType") == "inspection_team"
    assert team.span.text == "省第三生态环境保护督察组"


def test_inspection_office_abbreviation_resolves_to_full_name(lexicon: Lexicon) -> None:
    found = entities(INSPECTION_OFFICE_SHORT, lexicon)
    offices = [m for m in found if m.type == "Agency"]
    assert [m.span.text for m in offices] == ["湖南省生态环境保护督察办公室", "省督察办"]
    assert {m.key for m in offices} == {"agency:湖南省生态环境保护督察办公室"}


def test_verb_ending_in_ban_is_not_an_agency(lexicon: Lexicon) -> None:
    found = entities(TRANSFERRED, lexicon)
    named(found, "Place", "长沙市")
    assert [m.name for m in found if m.type == "Agency" and "转办" in m.name] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (YUNNAN_SCHOOL, "云南大学生态与环境学院"),
        (YUNNAN_SCHOOL, "云南省生态环境科学研究院"),
    ],
)
def test_research_institutes(text: str, name: str, lexicon: Lexicon) -> None:
    found = entities(text, lexicon)
    institute = named(found, "Agency", name)
    assert institute.attribute("agencyType") == "research_institute"
    assert institute.span.text == name


# ---------------------------------------------------------------- people


def test_deputy_post(lexicon: Lexicon) -> None:
    found = entities(DEPUTY, lexicon)
    named(found, "Agency", "昆明市生态环境局")
    person = named(found, "Person", "陈静")
    assert person.attribute("post") == "副局长"
    assert person.key == "person:陈静"


def test_bureau_followed_by_its_head(lexicon: Lexicon) -> None:
    found = entities(BUREAU_HEAD, lexicon)
    named(found, "Agency", "昆明市生态环境局")
    assert named(found, "Person", "张卫东").attribute("post") == "局长"


def test_person_attending_a_meeting(lexicon: Lexicon) -> None:
    found = entities(DEPUTY_AT_MEETING, lexicon)
    named(found, "Agency", "湖南省生态环境厅")
    assert named(found, "Person", "陈静").attribute("post") == "副厅长"
    assert [m.name for m in found if m.type == "Event"] == []


# ---------------------------------------------------------------- programmes


def test_quoted_campaign(lexicon: Lexicon) -> None:
    found = entities(QUOTED_CAMPAIGN, lexicon)
    campaign = named(found, "Programme", "清废行动2025")
    assert campaign.key == "programme:清废行动2025"
    assert campaign.span.text == "“清废行动2025”"
    assert named(found, "Place", "滇池").key == "place:dianchi"


def test_fullwidth_digits_in_campaign_name(lexicon: Lexicon) -> None:
    campaign = named(entities(FULLWIDTH_CAMPAIGN, lexicon), "Programme", "清废行动2025")
    assert campaign.span.text == "“清废行动２０２５”"  # the original characters


def test_special_action_and_its_agency(lexicon: Lexicon) -> None:
    found = entities(HUNAN_FULL, lexicon)
    named(found, "Agency", "湖南省生态环境厅")
    action = named(found, "Programme", "洞庭湖总磷削减专项行动")
    assert action.span.text == "洞庭湖总磷削减专项行动"


def test_agency_reporting_on_a_special_action(lexicon: Lexicon) -> None:
    found = entities(REPORTED_CAMPAIGN, lexicon)
    assert named(found, "Agency", "湖南省生态环境厅").span.text == "省生态环境厅"
    named(found, "Programme", "洞庭湖总磷削减专项行动")


def test_quoted_mechanism_and_procuratorate(lexicon: Lexicon) -> None:
    found = entities(MECHANISM, lexicon)
    mechanism = named(found, "Programme", "河湖长+检察长协作机制")
    assert mechanism.span.text == "“河湖长+检察长”协作机制"
    procuratorate = named(found, "Agency", "湖南省人民检察院")
    assert procuratorate.span.text == "湖南省检察院"


@pytest.mark.xfail(
    reason="jieba reads 全面推行 as a noun, so the name runs on to the left: "
    "Programme 湖南省全面推行河湖长+检察长协作机制",
    strict=True,
)
def test_mechanism_after_tui_xing(lexicon: Lexicon) -> None:
    found = entities(MECHANISM_ROLLED_OUT, lexicon)
    mechanism = named(found, "Programme", "河湖长+检察长协作机制")
    assert mechanism.span.text == "“河湖长+检察长”协作机制"


def test_pilots(lexicon: Lexicon) -> None:
    found = entities(PILOTS, lexicon)
    named(found, "Programme", "国家气候投融资试点")
    named(found, "Programme", "洞庭湖生态产品价值实现试点")


# ---------------------------------------------------------------- events


def test_province_wide_conference_gets_home_province(lexicon: Lexicon) -> None:
    hunan = named(entities(HUNAN_CONFERENCE, lexicon), "Event", "湖南省生态环境保护大会")
    assert hunan.span.text == "全省生态环境保护大会"
    sichuan = named(entities(SICHUAN_CONFERENCE, lexicon), "Event", "四川省生态环境保护大会")
    assert hunan.key != sichuan.key


def test_press_conference(lexicon: Lexicon) -> None:
    found = entities(PRESS_CONFERENCE, lexicon)
    named(found, "Event", "洞庭湖生态环境保护新闻发布会")
    assert named(found, "Agency", "湖南省生态环境厅").span.text == "省生态环境厅"


def test_city_work_meeting_keeps_its_topic(lexicon: Lexicon) -> None:
    found = entities(CITY_MEETING, lexicon)
    named(found, "Event", "大气污染防治工作会议")
    assert ("Event", "防治工作会议") not in pairs(found)


def test_central_inspection_rounds_stay_apart(lexicon: Lexicon) -> None:
    # these two are lexicon entries; the next test has the same contrast without the lexicon
    found = entities(CENTRAL_ROUNDS, lexicon)
    second = named(found, "Event", "第二轮中央生态环境保护督察")
    third = named(found, "Event", "第三轮中央生态环境保护督察")
    assert second.key != third.key


def test_provincial_inspection_rounds_stay_apart(lexicon: Lexicon) -> None:
    events = [m for m in entities(HUNAN_ROUNDS, lexicon) if m.type == "Event"]
    assert len(events) == 2
    second, third = events
    # 省级 is the province itself: the canonical name puts the province first
    assert second.name == "湖南省第二轮生态环境保护督察"
    assert third.name == "湖南省第三轮生态环境保护督察"
    assert second.key != third.key


def test_same_round_of_provincial_inspection_in_two_provinces_stays_apart(
    lexicon: Lexicon,
) -> None:
    (hunan,) = [m for m in entities(HUNAN_THIRD_ROUND, lexicon) if m.type == "Event"]
    (sichuan,) = [m for m in entities(SICHUAN_THIRD_ROUND, lexicon) if m.type == "Event"]
    assert hunan.key != sichuan.key


# ---------------------------------------------------------------- regulations and policies


def test_same_regulation_with_and_without_title_marks(lexicon: Lexicon) -> None:
    found = [m for m in entities(TITLE_AND_BARE, lexicon) if m.type == "Regulation"]
    assert [m.name for m in found] == ["湖南省湘江保护条例"] * 2
    assert len({m.key for m in found}) == 1
    assert found[0].span.start != found[1].span.start
    assert TITLE_AND_BARE[found[0].span.start - 1] == "《"
    assert TITLE_AND_BARE[found[1].span.start - 1] != "《"


def test_regulation_passed_without_title_marks(lexicon: Lexicon) -> None:
    found = entities(PASSED_BARE, lexicon)
    regulation = named(found, "Regulation", "湖南省大气污染防治条例")
    assert regulation.attribute("instrumentType") == "条例"


def test_policies_with_and_without_title_marks(lexicon: Lexicon) -> None:
    found = entities(POLICIES, lexicon)
    plan = named(found, "Policy", "湖南省洞庭湖总磷污染控制与削减攻坚行动计划")
    assert plan.attribute("instrumentType") == "行动计划"
    masterplan = named(found, "Policy", "洞庭湖水环境综合治理规划")
    assert masterplan.attribute("instrumentType") == "规划"


# ---------------------------------------------------------------- places


def test_nature_reserve_and_lake(lexicon: Lexicon) -> None:
    found = entities(RESERVE, lexicon)
    reserve = named(found, "Place", "东洞庭湖国家级自然保护区")
    assert reserve.span.text == "东洞庭湖国家级自然保护区"
    lake = named(found, "Place", "洞庭湖")
    assert lake.key == "place:dongtinghu"
    assert lake.span.start > reserve.span.end  # the lake inside the reserve's name is not a mention
    assert named(found, "Place", "岳阳市").key == "place:430600"


def test_county_is_not_its_namesake_city(lexicon: Lexicon) -> None:
    found = entities(CHANGSHA_COUNTY, lexicon)
    assert ("Place", "长沙市") not in pairs(found)
    assert named(found, "Place", "长沙县").span.text == "长沙县"


def test_counties_outside_the_gazetteer(lexicon: Lexicon) -> None:
    found = entities(OTHER_COUNTIES, lexicon)
    named(found, "Place", "湘阴县")
    named(found, "Place", "平江县")


# ---------------------------------------------------------------- scripts, spans and keys


def test_traditional_script_gives_simplified_names(lexicon: Lexicon) -> None:
    found = entities(TRAD_SICHUAN, lexicon)
    assert named(found, "Agency", "四川省生态环境厅").span.text == "四川省生態環境廳"
    assert named(found, "Agency", "成都市生态环境局").span.text == "成都市生態環境局"
    action = named(found, "Programme", "沱江流域水环境治理攻坚战")
    assert action.span.text == "沱江流域水環境治理攻堅戰"


def test_traditional_script_with_relative_names_and_person(lexicon: Lexicon) -> None:
    found = entities(TRAD_HUNAN, lexicon)
    assert named(found, "Event", "湖南省生态环境保护大会").span.text == "全省生態環境保護大會"
    assert named(found, "Agency", "湖南省生态环境厅").span.text == "省生態環境廳"
    person = named(found, "Person", "王立新")
    assert person.attribute("post") == "厅长"
    assert person.span.text == "王立新"


def test_same_thing_in_two_documents_has_one_key(lexicon: Lexicon) -> None:
    relative = named(entities(HUNAN_RELATIVE, lexicon), "Agency", "湖南省生态环境厅")
    full = named(entities(HUNAN_FULL, lexicon), "Agency", "湖南省生态环境厅")
    traditional = named(entities(TRAD_HUNAN, lexicon), "Agency", "湖南省生态环境厅")
    assert relative.key == full.key == traditional.key == "agency:湖南省生态环境厅"
    simplified = named(entities(SICHUAN_DEPT, lexicon), "Programme", "沱江流域水环境治理攻坚战")
    traditional = named(entities(TRAD_SICHUAN, lexicon), "Programme", "沱江流域水环境治理攻坚战")
    assert simplified.key == traditional.key


def test_same_campaign_in_two_documents_has_one_key(lexicon: Lexicon) -> None:
    yunnan = named(entities(QUOTED_CAMPAIGN, lexicon), "Programme", "清废行动2025")
    sichuan = named(entities(FULLWIDTH_CAMPAIGN, lexicon), "Programme", "清废行动2025")
    assert yunnan.key == sichuan.key
    lake = named(entities(HUNAN_RELATIVE, lexicon), "Place", "洞庭湖")
    assert lake.key == named(entities(RESERVE, lexicon), "Place", "洞庭湖").key


def test_name_across_a_line_break(lexicon: Lexicon) -> None:
    found = entities(LINE_BREAK, lexicon)
    assert named(found, "Agency", "湖南省生态环境厅").span.text == "省生态\n环境厅"
    meeting = named(found, "Event", "湖南省生态环境保护工作会议")
    assert meeting.span.text == "全省生态环境保护工作会议"


@pytest.mark.parametrize("text", ALL_SENTENCES, ids=range(len(ALL_SENTENCES)))
def test_span_text_is_the_original_text_and_names_are_simplified(
    text: str, lexicon: Lexicon
) -> None:
    for m in entities(text, lexicon):
        assert m.span.text, m
        assert text[m.span.start : m.span.end] == m.span.text, m
        assert to_simplified(m.name) == m.name, m
        assert m.key.startswith(f"{m.type.lower()}:"), m


def test_scholar_named_before_an_academic_title(lexicon: Lexicon) -> None:
    found = entities("浙江大学环境与资源学院邵敏华教授在论坛上作了主旨报告。", lexicon)
    named(found, "Person", "邵敏华")


def test_quoted_conference_title_with_a_colon(lexicon: Lexicon) -> None:
    found = entities(
        "“2026绿色丝路：生态与发展论坛”在西安开幕，下设“黄河流域生态保护与高质量发展”分会场。",
        lexicon,
    )
    named(found, "Event", "2026绿色丝路:生态与发展论坛")
    named(found, "Event", "黄河流域生态保护与高质量发展分会场")


def test_verb_in_front_of_a_programme_is_not_part_of_its_name(lexicon: Lexicon) -> None:
    found = entities(
        "贵州省将奋力建设长江上游生态屏障先行区，持续开展赤水河流域生态修复三年行动。", lexicon
    )
    named(found, "Programme", "长江上游生态屏障先行区")
    assert not [m for m in found if m.name.startswith(("建设", "开展"))]


def test_people_of_an_agency_are_not_an_agency(lexicon: Lexicon) -> None:
    found = entities("甘肃省生态环境厅党员干部深入基层开展调研，兰州市产业布局持续优化。", lexicon)
    agencies = {m.name for m in found if m.type == "Agency"}
    assert "甘肃省生态环境厅" in agencies
    assert not [a for a in agencies if a.endswith(("干部", "布局"))]


def test_sessions_counted_before_their_name_are_not_part_of_it(lexicon: Lexicon) -> None:
    found = entities("“2026中国生态文明论坛”在丽水举办了20余场分论坛。", lexicon)
    forum = named(found, "Event", "2026中国生态文明论坛")
    assert forum.span.text == "2026中国生态文明论坛"
    assert not [m for m in found if m.name.startswith(("20余", "余场"))]


def test_generic_phrases_and_descriptors_are_not_names(lexicon: Lexicon) -> None:
    text = (
        "云南省组织开展七大攻坚行动和专项攻坚行动，省生态环境厅策划新闻发布会，"
        "组建了全国首个高原湖泊保护研究联盟，推进全域无废城市建设。"
    )
    found = entities(text, lexicon)
    names = {m.name for m in found}
    assert not names & {"七大攻坚行动", "专项攻坚行动", "新闻发布会", "策划新闻发布会"}
    named(found, "Agency", "高原湖泊保护研究联盟")
    named(found, "Programme", "无废城市建设")


def test_issuer_and_carried_out_regulation_inside_titles(lexicon: Lexicon) -> None:
    text = (
        "河南省生态环境厅制定了《省生态环境厅党组关于深入学习贯彻全会精神的工作方案》，"
        "起草《关于贯彻落实排污许可管理条例的实施意见》。"
    )
    found = entities(text, lexicon)
    agencies = {m.name for m in found if m.type == "Agency"}
    assert agencies == {"河南省生态环境厅", "河南省生态环境厅党组"}
    named(found, "Regulation", "排污许可管理条例")
    named(found, "Policy", "关于贯彻落实排污许可管理条例的实施意见")


def test_quantified_cities_are_not_a_county(lexicon: Lexicon) -> None:
    found = entities("从实践经验看，湖南各城市可重点推进低碳转型，湖南全省各县积极跟进。", lexicon)
    assert {m.name for m in found if m.type == "Place"} == {"湖南省"}


def test_programmes_scoped_to_the_province(lexicon: Lexicon) -> None:
    text = (
        "四川省成都市生态环境局介绍，全省将健全省级碳排放权交易制度，开展全省臭氧污染防治联合攻关。"
    )
    found = entities(text, lexicon)
    named(found, "Programme", "四川省碳排放权交易制度")
    named(found, "Programme", "四川省臭氧污染防治联合攻关")


def test_policy_named_after_a_verb_of_compliance(lexicon: Lexicon) -> None:
    found = entities(
        "广西壮族自治区严格执行生态环境损害责任追究实施办法，按照碳排放权交易管理暂行办法开展核查。",
        lexicon,
    )
    named(found, "Policy", "生态环境损害责任追究实施办法")


def test_campaigns_named_after_a_launching_verb(lexicon: Lexicon) -> None:
    """Verbs inside a campaign's name (减量, 帮扶, 自愿) do not cut it when a verb that launches
    it stands on its left; a list continues the launch."""
    text = (
        "浙江省杭州市、宁波市深入实施畜禽粪污减量行动，稳步推进碳普惠交易试点，"
        "开展执法监督帮扶行动、危废稽查行动，实施了全省温室气体自愿减排项目开发试点。"
    )
    found = pairs(entities(text, lexicon))
    for name in ("畜禽粪污减量行动", "碳普惠交易试点", "执法监督帮扶行动", "危废稽查行动"):
        assert ("Programme", name) in found
    assert ("Programme", "浙江省温室气体自愿减排项目开发试点") in found
    listed = pairs(entities("浙江省湖州市开展了太湖围网排查整治等8个专项行动。", lexicon))
    assert not any("等8个" in name for _, name in listed), listed


def test_fields_of_work_counts_and_formulas_are_not_names(lexicon: Lexicon) -> None:
    text = (
        "浙江省杭州市、宁波市加快推进国家生态文明建设，参加1个全国性会议，形成“1+N”制度体系，"
        "实施“三大工程”，推进城镇污水收集处理、工业园区整治、钱塘江流域系统治理三大专项行动，"
        "通过省级主要媒体公开督察移交问题。"
    )
    found = entities(text, lexicon)
    assert {m.type for m in found} == {"Place"}, sorted(pairs(found))
    # a count after a topic (not closing a list) still names a programme
    named(entities("浙江省杭州市扎实推进治水十大行动。", lexicon), "Programme", "治水十大行动")


def test_meeting_of_a_government_is_named_in_full(lexicon: Lexicon) -> None:
    text = (
        "浙江省委、省政府高度重视，立即召开省委常委会议、省政府常务会议专门研究中央生态环境保护督察"
        "问题整改工作，杭州市、宁波市抓好落实。"
    )
    found = pairs(entities(text, lexicon))
    assert ("Event", "浙江省人民政府常务会议") in found  # 专门研究… is what the meeting did
    assert ("Event", "中央生态环境保护督察") in found
    assert not any(name.endswith("专门研究中央生态环境保护督察") for _, name in found)


def test_yearly_edition_and_model_of_a_national_campaign(lexicon: Lexicon) -> None:
    text = "浙江省杭州市、宁波市落实2024年政府工作报告部署，以更高标准打造美丽中国“浙江样板”。"
    found = pairs(entities(text, lexicon))
    assert ("Policy", "2024年政府工作报告") in found
    assert ("Policy", "政府工作报告") not in found
    assert ("Programme", "美丽中国浙江样板") in found


def test_body_named_after_a_founding_verb(lexicon: Lexicon) -> None:
    """自愿 (an adverb to jieba) does not cut the alliance's name: 成立 marks where it starts."""
    text = "浙江省杭州市30多家重点排放企业成立自愿减排降碳联盟，推动绿色低碳发展。"
    found = pairs(entities(text, lexicon))
    assert ("Agency", "自愿减排降碳联盟") in found
    assert ("Agency", "减排降碳联盟") not in found


def test_policy_title_shared_by_listed_items(lexicon: Lexicon) -> None:
    text = "浙江省杭州市率先编制出台美丽乡村、美丽园区、美丽学校建设导则指南，推动美丽浙江建设。"
    found = pairs(entities(text, lexicon))
    assert ("Policy", "美丽乡村、美丽园区、美丽学校建设导则指南") in found
    kinds = "浙江省杭州市制定挥发性有机物、工业废水等13项地方环境标准，推动污染防治。"
    assert not any("、" in name or "等13项" in name for _, name in pairs(entities(kinds, lexicon)))


def test_words_that_begin_a_title_or_an_institution_are_no_programme(lexicon: Lexicon) -> None:
    text = (
        "浙江省杭州市成为全国首个印发市级美丽建设规划纲要的城市，大力推进海洋污染防治浙江省重点"
        "实验室建设，通过加强防灾减灾救灾规划提升韧性。"
    )
    found = pairs(entities(text, lexicon))
    assert ("Agency", "海洋污染防治浙江省重点实验室") in found
    assert not any(t == "Programme" for t, _ in found), found
    assert not any(t == "Policy" for t, _ in found), found  # 加强…规划 here is planning work


def test_names_relative_to_the_city_spoken_of(lexicon: Lexicon) -> None:
    """市委, 市生态环境局 and 市政府常务会议 belong to the city their sentence names (else the one
    named most before them)."""
    text = (
        "## 贵阳市推进南明河治理\n\n贵州省贵阳市召开市委常委会会议，市生态环境局与市公安局联合开展"
        "南明河排污口执法检查专项行动。\n\n## 遵义市\n\n遵义市召开市政府常务会议研究赤水河保护。"
    )
    found = pairs(entities(text, lexicon))
    for pair in [
        ("Event", "贵阳市委常委会会议"),
        ("Agency", "贵阳市生态环境局"),
        ("Agency", "贵阳市公安局"),
        ("Event", "遵义市人民政府常务会议"),
    ]:
        assert pair in found, sorted(found)
    assert not any("与" in name for _, name in found)  # two agencies, not one


def test_places_people_and_plans_the_lexicons_lack(lexicon: Lexicon) -> None:
    text = (
        "贵州省生态环境厅厅长欧阳明远介绍，赤水河流域的习水县、仁怀市推进清新空气示范区建设，"
        "编制“十五五”规划，省生态环境保护综合行政执法总队开展第三轮省级生态环境保护督察第二批督察。"
    )
    found = pairs(entities(text, lexicon))
    assert ("Person", "欧阳明远") in found
    assert ("Programme", "清新空气示范区建设") in found
    assert ("Policy", "十五五规划") in found
    assert ("Agency", "贵州省生态环境保护综合行政执法总队") in found
    assert ("Event", "贵州省第三轮生态环境保护督察") in found
    assert not any("第二批" in name for _, name in found)


def test_quoted_term_inside_a_campaign_name(lexicon: Lexicon) -> None:
    text = (
        "贵州省贵阳市组织开展生态环境执法“清风”专项行动，实施夏季臭氧污染防控“百日攻坚”行动，"
        "推行环评审批“绿色通道”机制。"
    )
    found = pairs(entities(text, lexicon))
    for name in (
        "生态环境执法清风专项行动",
        "夏季臭氧污染防控百日攻坚行动",
        "环评审批绿色通道机制",
    ):
        assert ("Programme", name) in found, sorted(found)


def test_city_of_a_relative_name_is_the_one_spoken_of_most(lexicon: Lexicon) -> None:
    text = (
        "贵州省贵阳市生态环境局局长答记者问。贵阳市持续推进南明河治理，贵阳市空气质量持续改善。"
        "今年与遵义市开展联合执法。市水务局深入推进河道清淤。"
    )
    found = pairs(entities(text, lexicon))
    assert ("Agency", "贵阳市水务局") in found, sorted(found)


def test_levels_of_designation_counts_and_joined_parks(lexicon: Lexicon) -> None:
    text = (
        "贵州省贵阳市、遵义市新增12个省级零碳园区试点，全年新建省级美丽河湖156条，"
        "抓好花溪国家湿地公园和阿哈湖国家湿地公园保护，举办2025年全国生态日贵州主场活动。"
    )
    found = pairs(entities(text, lexicon))
    assert ("Programme", "省级零碳园区试点") in found  # pilots the province designates
    assert not any(t == "Policy" for t, _ in found), sorted(found)  # 156条 counts rivers
    assert ("Place", "花溪国家湿地公园") in found
    assert ("Place", "阿哈湖国家湿地公园") in found
    assert ("Event", "2025年全国生态日贵州主场活动") in found


def test_system_built_on_a_named_meeting(lexicon: Lexicon) -> None:
    text = "贵州省会同云南、四川建立赤水河流域联防联控联席会议制度，贵阳市建立联席会议制度。"
    found = pairs(entities(text, lexicon))
    assert ("Programme", "赤水河流域联防联控联席会议制度") in found, sorted(found)
    assert ("Programme", "联席会议制度") not in found


# ---------------------------------------------------------------- boundaries (issue 13)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("河南省郑州市和周口市联合开展检查。", {"郑州市", "周口市"}),
        ("上海市与金山区签订协议，共同治理河道。", {"上海市", "金山区"}),
        ("云南省普洱市和临沧市推进亚洲象栖息地保护。", {"普洱市", "临沧市"}),
    ],
)
def test_conjunction_is_not_glued_to_the_next_place(
    text: str, places: set[str], lexicon: Lexicon
) -> None:
    found = {m.name for m in entities(text, lexicon) if m.type == "Place"}
    assert places <= found
    assert not any(name[0] in "和与" for name in found)


def test_ranking_words_before_a_division_suffix_name_no_place(lexicon: Lexicon) -> None:
    found = {m.name for m in entities("湖北省咸宁市空气质量位列全市第一，并列全市首位。", lexicon)}
    assert not any(name.endswith("全市") for name in found)


@pytest.mark.parametrize(
    "text",
    ["淄博市生态环境局桓台分局查处一起超标排放案件。", "山东省青湾镇地处桓台县东南部，河道纵横。"],
)
def test_verbs_and_directions_ending_in_agency_words_are_no_agencies(
    text: str, lexicon: Lexicon
) -> None:
    agencies = {m.name for m in entities(text, lexicon) if m.type == "Agency"}
    assert not any(name.endswith(("查处", "地处", "东南部")) for name in agencies)


def test_a_generic_wetland_is_no_place(lexicon: Lexicon) -> None:
    found = {
        m.name for m in entities("浙江省修复滨海湿地1200亩，全省湿地保护率稳步提升。", lexicon)
    }
    assert not any(name.endswith("湿地") for name in found)


# ---------------------------------------------------------------- events (issue 13)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("1月27日上午，生态环境部举行11月例行新闻发布会。", "生态环境部11月例行新闻发布会"),
        ("7月18日，河南省生态环境厅召开7月例行新闻发布会。", "河南省生态环境厅7月例行新闻发布会"),
        ("云南省人民政府新闻办公室举行新闻发布会。", "云南省人民政府新闻办公室新闻发布会"),
    ],
)
def test_a_press_conference_named_by_its_kind_is_its_hosts(
    text: str, name: str, lexicon: Lexicon
) -> None:
    assert named(entities(text, lexicon), "Event", name)


def test_a_congress_session_keeps_its_ordinals(lexicon: Lexicon) -> None:
    text = "陕西省第十四届人民代表大会常务委员会第十八次会议表决通过该条例。"
    assert named(
        entities(text, lexicon), "Event", "陕西省第十四届人民代表大会常务委员会第十八次会议"
    )


def test_a_verb_fused_with_meeting_names_no_event(lexicon: Lexicon) -> None:
    found = entities("督察组副组长周启明出席会议，市委主要负责同志主持会议。", lexicon)
    assert not [m for m in found if m.type == "Event"]


def test_a_central_inspection_round_is_one_event_whatever_province_it_visits(
    lexicon: Lexicon,
) -> None:
    text = (
        "中央第三生态环境保护督察组对我省开展第三轮中央生态环境保护督察。甘肃省兰州市推进整改，"
        "我省第三轮中央生态环境保护督察整改有序推进，第二轮督察反馈问题全部完成整改。"
    )
    events = {m.name for m in entities(text, lexicon) if m.type == "Event"}
    assert events == {"第三轮中央生态环境保护督察", "第二轮中央生态环境保护督察"}


def test_a_bare_round_of_a_provincial_inspection_is_that_round(lexicon: Lexicon) -> None:
    text = "湖南省开展第二轮省级生态环境保护督察，长沙市对第二轮督察反馈问题逐项整改。"
    events = [m for m in entities(text, lexicon) if m.type == "Event"]
    assert {m.name for m in events} == {"湖南省第二轮生态环境保护督察"} and len(events) == 2


# ---------------------------------------------------------------- instruments (issue 13)


def test_laws_and_local_regulations_without_title_marks_split_at_the_conjunction(
    lexicon: Lexicon,
) -> None:
    text = "吉林省严格执行黑土地保护法和吉林省黑土地保护条例，长春市落实松花江流域水污染防治办法。"
    found = {m.name for m in entities(text, lexicon) if m.type == "Regulation"}
    assert {"中华人民共和国黑土地保护法", "吉林省黑土地保护条例"} <= found
    assert not any("法和" in name for name in found)


def test_a_regulation_without_its_place_is_no_name(lexicon: Lexicon) -> None:
    found = entities("湖南省修订完善相关条例，按照有关规定处理，落实各项规定。", lexicon)
    assert not [m for m in found if m.type == "Regulation"]


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (
            "湖南省企业执行GB 16297—1996大气污染物综合排放标准。",
            "大气污染物综合排放标准",
            "GB 16297-1996",
        ),
        ("湖南省废水执行污水综合排放标准（GB 8978-1996）。", "污水综合排放标准", "GB 8978-1996"),
        (
            "湖南省依据环境空气质量评价技术规范（试行）（HJ 663-2013）评价。",
            "环境空气质量评价技术规范(试行)",
            "HJ 663-2013",
        ),
        (
            "湖南省执行《工业炉窑大气污染物排放标准》（DB43/ 1234—2023）。",
            "工业炉窑大气污染物排放标准",
            "DB43/ 1234-2023",
        ),
    ],
)
def test_a_standard_cited_by_number_carries_it(
    text: str, name: str, code: str, lexicon: Lexicon
) -> None:
    standard = named(entities(text, lexicon), "Regulation", name)
    assert standard.attribute("standardCode") == code


def test_a_standard_known_by_its_number_alone(lexicon: Lexicon) -> None:
    found = entities("湖南省按照GB 3838—2002评价断面水质。", lexicon)
    assert (
        named(found, "Regulation", "地表水环境质量标准").attribute("standardCode") == "GB 3838-2002"
    )


def test_a_document_number_parses_and_is_the_instruments_identity(lexicon: Lexicon) -> None:
    text = (
        "湖南省生态环境厅印发《湖南省生态环境行政处罚裁量基准》（湘环发〔2024〕21号）。"
        "长沙市依据湘环发〔2024〕21号文件处罚3家企业，《湖南省生态环境行政处罚裁量基准》明确了标准。"
    )
    mentions = [m for m in entities(text, lexicon) if m.type == "Policy"]
    assert len(mentions) == 3  # the title twice and the number alone
    assert {m.key for m in mentions} == {"policy:湘环发〔2024〕21号"}
    first = mentions[0]
    assert first.attribute("issuerCode") == "湘环发"
    assert (first.attribute("issuedYear"), first.attribute("serialNumber")) == ("2024", "21")


# ---------------------------------------------------------------- agencies at every level (issue 13)


@pytest.mark.parametrize(
    ("text", "name", "level"),
    [
        (
            "广西壮族自治区桂林市推进漓江保护，自治区生态环境厅加强指导。",
            "广西壮族自治区生态环境厅",
            "province",
        ),
        ("天津市西青区推进大气治理，市生态环境局通报情况。", "天津市生态环境局", "province"),
        ("湖南省长沙市生态环境局浏阳分局查处一起案件。", "长沙市生态环境局浏阳分局", "county"),
        ("天津市西青区生态环境局开展执法检查。", "天津市西青区生态环境局", "county"),
        ("河南省太康县青湾镇人民政府组织整治。", "太康县青湾镇人民政府", "town"),
        ("生态环境部召开部务会议。", "生态环境部", "national"),
    ],
)
def test_agencies_of_every_level_resolve_and_carry_it(
    text: str, name: str, level: str, lexicon: Lexicon
) -> None:
    assert named(entities(text, lexicon), "Agency", name).attribute("adminLevel") == level


def test_county_relative_bodies_take_the_county_the_text_speaks_of(lexicon: Lexicon) -> None:
    found = entities(
        "河南省太康县青湾镇在县委、县政府的领导下完成整治，县城污水处理率提高。", lexicon
    )
    names = {m.name for m in found if m.type == "Agency"}
    assert {"太康县委", "太康县人民政府"} <= names
    assert not any(name.startswith("太康县城") for name in names)


def test_a_quoted_kind_of_work_is_no_programme(lexicon: Lexicon) -> None:
    found = entities("湖南省对沿江化工企业开展“回头看”，岳阳市全面整改。", lexicon)
    assert not [m for m in found if m.type == "Programme"]


def test_deserts_and_sandy_lands_are_places(lexicon: Lexicon) -> None:
    found = entities("内蒙古自治区锡林郭勒盟治理浑善达克沙地，鄂尔多斯市治理库布其沙漠。", lexicon)
    places = {m.name for m in found if m.type == "Place"}
    assert {"浑善达克沙地", "库布其沙漠"} <= places


def test_a_launching_verb_before_two_joined_campaigns_launches_two(lexicon: Lexicon) -> None:
    found = entities("四川省开展清废行动和危险废物专项整治三年行动，成都市全面落实。", lexicon)
    names = {m.name for m in found if m.type == "Programme"}
    assert "危险废物专项整治三年行动" in names
    assert not any(name.startswith("清废行动和") for name in names)


def test_a_provinces_round_over_its_own_cities_is_the_provinces(lexicon: Lexicon) -> None:
    text = (
        "江西省迎接第二轮中央生态环境保护督察。全年完成对鹰潭、宜春、吉安的第二轮督察工作，"
        "南昌市积极配合。"
    )
    events = {m.name for m in entities(text, lexicon) if m.type == "Event"}
    assert events == {"第二轮中央生态环境保护督察", "江西省第二轮生态环境保护督察"}


def test_a_districts_bodies_are_named_with_its_municipality(lexicon: Lexicon) -> None:
    text = "重庆市江津区召开新闻发布会。区生态环境局通报情况，市生态环境局派员参加，区委高度重视。"
    names = {m.name for m in entities(text, lexicon) if m.type == "Agency"}
    assert {"重庆市江津区生态环境局", "重庆市生态环境局", "重庆市江津区委"} <= names


def test_an_anonymised_company_is_no_entity(lexicon: Lexicon) -> None:
    found = entities("湖南省衡阳市执法人员检查发现，某新材料公司超标排放。", lexicon)
    assert not [m for m in found if m.type == "Agency"]


def test_a_verb_before_a_park_or_a_town_word_opens_the_clause(lexicon: Lexicon) -> None:
    text = "云南省推进亚洲象国家公园建设，下一步将以国家公园为主体，各乡镇严格落实镇级责任。"
    places = {m.name for m in entities(text, lexicon) if m.type == "Place"}
    assert not any(name.startswith(("推进", "下一步", "严格")) for name in places)


@pytest.mark.parametrize(
    ("text", "type_", "name"),
    [
        (
            "浙江省湖州市生态环境局长兴分局与公安机关联合办案。",
            "Agency",
            "湖州市生态环境局长兴分局",
        ),
        ("浙江省湖州中级人民法院公开审理。", "Agency", "湖州市中级人民法院"),
        ("云南省召开2025年全省林业和草原工作会议。", "Event", "2025年云南省林业和草原工作会议"),
        (
            "内蒙古自治区严格执行防沙治沙法和大气污染防治法。",
            "Regulation",
            "中华人民共和国防沙治沙法",
        ),
    ],
)
def test_names_read_across_jieba_words_years_and_short_forms(
    text: str, type_: str, name: str, lexicon: Lexicon
) -> None:
    found = entities(text, lexicon)
    assert named(found, type_, name)
    assert not any("法和" in m.name for m in found)


def test_a_company_or_university_keeps_its_written_name_and_has_no_level(
    lexicon: Lexicon,
) -> None:
    found = entities("辽宁省鞍山宏岫滑石矿业有限公司与厦门大学环境与生态学院合作。", lexicon)
    university = named(found, "Agency", "厦门大学环境与生态学院")
    assert university.attribute("adminLevel") is None
    assert not any(m.name.startswith("鞍山市") for m in found if m.type == "Agency")


def test_a_numbered_list_item_is_no_name(lexicon: Lexicon) -> None:
    found = entities("山东省开展专项执法行动。1.专项行动重点检查企业。", lexicon)
    assert not any(m.name[0].isdigit() for m in found)


@pytest.mark.parametrize(
    ("text", "name", "post"),
    [
        ("浙江省湖州市人民检察院副检察长周慧敏出席发布会。", "周慧敏", "副检察长"),
        ("湖南省衡阳市生态环境保护综合行政执法支队支队长陈立新介绍情况。", "陈立新", "支队长"),
        ("内蒙古自治区人民政府新闻办公室副主任高雅琴主持发布会。", "高雅琴", "副主任"),
    ],
)
def test_people_after_judicial_enforcement_and_committee_posts(
    text: str, name: str, post: str, lexicon: Lexicon
) -> None:
    assert named(entities(text, lexicon), "Person", name).attribute("post") == post


def test_a_verb_after_a_two_character_name_stays_out_of_it(lexicon: Lexicon) -> None:
    found = entities("湖南省生态环境厅厅长李军介绍，局长王明说，处长张强和李华出席。", lexicon)
    assert {"李军", "王明", "张强"} <= {m.name for m in found if m.type == "Person"}


def test_policies_without_title_marks_found_by_their_document_numbers(lexicon: Lexicon) -> None:
    text = (
        "云南省林业和草原局印发古树名木保护办法（云林发〔2024〕21号）和关于进一步加强古树名木"
        "保护管理的实施意见（云林发〔2024〕36号）。"
    )
    found = {m.name: m for m in entities(text, lexicon) if m.type == "Policy"}
    assert set(found) == {"古树名木保护办法", "关于进一步加强古树名木保护管理的实施意见"}
    assert found["古树名木保护办法"].key == "policy:云林发〔2024〕21号"


def test_a_market_bureau_in_a_municipality_is_not_the_municipalitys_name(
    lexicon: Lexicon,
) -> None:
    found = entities("重庆市江津区召开会议，市场监管局、市生态环境局参加。", lexicon)
    names = {m.name for m in found if m.type == "Agency"}
    assert "重庆市生态环境局" in names
    assert not any(name.startswith("重庆市场") for name in names)
