"""Entity rules of session 18 (issue 13), each on sentences written for it: other provinces,
other bodies, none taken from a corpus."""

from __future__ import annotations

from test_entities import entities

from ecokg.extract.lexicon import Lexicon


def _names(text: str, lexicon: Lexicon, type_: str) -> set[str]:
    return {m.name for m in entities(text, lexicon) if m.type == type_}


def test_a_municipality_s_commissions_and_a_county_s_disease_control_are_named_in_full(
    lexicon: Lexicon,
) -> None:
    text = (
        "重庆市生态环境局联合市交通运输委、市公安交管局开展柴油货车路检，"
        "市住房城乡建设委负责工地扬尘管控。"
    )
    assert {
        "重庆市交通运输委员会",
        "重庆市公安局公安交通管理局",
        "重庆市住房和城乡建设委员会",
    } <= _names(text, lexicon, "Agency")
    county = "江西省修水县生态环境局委托县疾控中心对农村水源地开展放射性监测。"
    assert "修水县疾病预防控制中心" in _names(county, lexicon, "Agency")


def test_hui_tong_after_a_body_is_its_verb_not_a_county(lexicon: Lexicon) -> None:
    # jieba reads 会同县 as the county of Huaihua; after a body's type word it is "together with"
    text = "广西壮族自治区灵川县生态环境局会同县水利局开展入河排污口排查。"
    agencies = _names(text, lexicon, "Agency")
    assert {"灵川县生态环境局", "灵川县水利局"} <= agencies
    assert not any("会同" in name for name in agencies)
    # the county itself keeps its name
    county = "湖南省怀化市会同县林业局开展森林防火巡查。"
    assert any(name.endswith("会同县林业局") for name in _names(county, lexicon, "Agency"))


def test_a_distribution_list_names_no_party(lexicon: Lexicon) -> None:
    text = (
        "南平市生态环境局关于印发秸秆禁烧工作方案的通知\n"
        "各县（市、区）生态环境分局：现将方案印发给你们，请认真贯彻执行。\n"
        "抄送：市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。\n"
    )
    agencies = _names(text, lexicon, "Agency")
    assert "南平市生态环境局" in agencies
    assert not any(name.endswith("办公室") for name in agencies)


def test_the_outlet_of_a_journalist_who_asks_is_no_party(lexicon: Lexicon) -> None:
    text = (
        "甘肃省生态环境厅召开新闻发布会。\n"
        "新华社记者：请介绍今年全省秋冬季大气污染防治进展。\n"
        "问（中国环境报记者）：排污许可执法检查发现了哪些问题？\n"
        "【光明日报记者】\n"
        "兰州市生态环境局将继续加强监管。"
    )
    agencies = _names(text, lexicon, "Agency")
    assert {"甘肃省生态环境厅", "兰州市生态环境局"} <= agencies
    assert not agencies & {"新华社", "中国环境报", "光明日报"}


def test_a_county_level_city_s_text_names_its_own_bodies_by_its_name(lexicon: Lexicon) -> None:
    text = (
        "四川省都江堰市环境空气质量报告。都江堰市地处成都市西北部。"
        "都江堰市今年以来持续推进大气污染防治，市委、市政府高度重视，"
        "市农业农村局开展秸秆禁烧巡查。"
    )
    agencies = _names(text, lexicon, "Agency")
    assert {"都江堰市委", "都江堰市人民政府", "都江堰市农业农村局"} <= agencies
    assert not any(name.startswith("成都市") for name in agencies)
    # a prefecture's text that names one of its county-level cities keeps its own bodies
    prefecture = (
        "四川省成都市召开大气污染防治推进会。成都市通报各区县进展，都江堰市排名靠前。"
        "成都市生态环境局通报，市委作出部署。"
    )
    assert "成都市委" in _names(prefecture, lexicon, "Agency")


def test_a_known_programme_before_its_cases_or_lawsuits_names_no_programme(
    lexicon: Lexicon,
) -> None:
    # 生态环境损害赔偿 is a programme of the lexicon; its cases and lawsuits are counted things
    text = "浙江省检察机关全年办理生态环境损害赔偿案件52件，提起生态环境损害赔偿诉讼9件。"
    assert "生态环境损害赔偿" not in _names(text, lexicon, "Programme")
    reform = "浙江省深化生态环境损害赔偿制度改革，宁波市率先试点。"
    assert "生态环境损害赔偿" in _names(reform, lexicon, "Programme")


def test_a_body_or_meeting_named_after_the_scheme_it_runs_keeps_the_scheme(
    lexicon: Lexicon,
) -> None:
    # jieba reads the 制 of 河长制 as a verb, which ended the body's name at 工作委员会办公室
    text = "江西省河长制工作委员会办公室印发通知，赣州市林长制办公室抓好落实。"
    agencies = _names(text, lexicon, "Agency")
    assert {"江西省河长制工作委员会办公室", "赣州市林长制办公室"} <= agencies
    meeting = "福建省召开2025年全省河长制工作会议，部署幸福河湖建设。"
    assert any(name.endswith("河长制工作会议") for name in _names(meeting, lexicon, "Event"))


def test_a_company_alone_in_its_line_is_named_by_the_whole_line(lexicon: Lexicon) -> None:
    # jieba reads verbs inside registered names (注册, 登记, 结算; 澄), which ended the word walk
    text = (
        "山西省太原市重点排污单位名单\n"
        "山西晋阳钢铁集团有限公司　固体废物产生量86万吨\n"
        "　　全国碳排放权注册登记结算有限责任公司（中碳登）负责配额登记。\n"
        "危险废物全部由太原绿源医疗废物处置有限公司集中处置。"
    )
    agencies = _names(text, lexicon, "Agency")
    assert {
        "山西晋阳钢铁集团有限公司",
        "全国碳排放权注册登记结算有限责任公司",
        "太原绿源医疗废物处置有限公司",
    } <= agencies
    assert not agencies & {"有限责任公司", "钢铁集团有限公司"}


def test_an_anonymous_company_names_no_party(lexicon: Lexicon) -> None:
    text = "被告单位晋城某化工科技有限公司未批先建，太原市生态环境局依法查处。"
    agencies = _names(text, lexicon, "Agency")
    assert agencies == {"太原市生态环境局"}


def test_a_special_administrative_region_s_government_keeps_its_own_name(
    lexicon: Lexicon,
) -> None:
    text = "广东省政府与香港特别行政区政府签署合作协议，澳门特别行政区政府交换监测数据。"
    agencies = _names(text, lexicon, "Agency")
    assert {"广东省人民政府", "香港特别行政区政府", "澳门特别行政区政府"} <= agencies
    assert not any(name.endswith("特别行政区人民政府") for name in agencies)


def test_places_listed_by_their_stems_share_the_kind_word_after_them(lexicon: Lexicon) -> None:
    text = (
        "甘肃省河西走廊北缘有巴丹吉林、腾格里两大沙漠，"
        "宁夏回族自治区东部有毛乌素和库布其等沙漠沙地，呼伦贝尔市地处呼伦贝尔、科尔沁两大沙地之间。"
    )
    places = _names(text, lexicon, "Place")
    assert {"巴丹吉林沙漠", "腾格里沙漠", "科尔沁沙地", "呼伦贝尔沙地", "呼伦贝尔市"} <= places
    # an item the gazetteer does not know with the kind word is no place of that kind
    other = "内蒙古自治区治理阿拉善、鄂尔多斯两大沙漠边缘。"
    assert not any(name.endswith("沙漠") for name in _names(other, lexicon, "Place"))


def test_rivers_named_shui_and_lakes_named_co_are_places(lexicon: Lexicon) -> None:
    text = (
        "衡阳市耒水、蒸水断面水质达到Ⅱ类，攸县攸水汇入洣水。"
        "赣州市寻乌水出境断面稳定达标。西藏自治区羊卓雍错、班公错湖面扩大。"
    )
    places = _names(text, lexicon, "Place")
    assert {"耒水", "蒸水", "攸水", "洣水", "寻乌水", "羊卓雍错", "班公错"} <= places
    assert "寻乌县" not in places  # 寻乌 of 寻乌水 is the river's name, not the county


def test_a_branch_named_after_another_branch_of_a_city_bureau_is_that_bureau_s(
    lexicon: Lexicon,
) -> None:
    text = (
        "河北省沧州市生态环境局黄骅分局和海兴分局开展联合执法，"
        "内蒙古自治区包头市生态环境局固阳分局会同达尔罕茂明安联合旗分局排查企业。"
    )
    agencies = _names(text, lexicon, "Agency")
    assert {
        "沧州市生态环境局黄骅分局",
        "沧州市生态环境局海兴分局",
        "包头市生态环境局固阳分局",
    } <= agencies
    assert "海兴分局" not in agencies


def test_a_county_party_committee_s_rural_office_is_named_in_full(lexicon: Lexicon) -> None:
    text = "江西省赣州市安远县委农办牵头推进农村人居环境整治，安远县生态环境局配合。"
    assert "安远县委农村工作领导小组办公室" in {
        name.removeprefix("赣州市") for name in _names(text, lexicon, "Agency")
    }


def test_hui_tong_after_a_body_or_an_official_names_no_county_place(lexicon: Lexicon) -> None:
    text = "广西壮族自治区灵川县检察官会同县林业局踏勘现场，县生态环境局会同县水利局开展排查。"
    assert "会同县" not in _names(text, lexicon, "Place")
    county = "湖南省怀化市会同县空气质量优良天数比率为96.2%。"
    assert "会同县" in _names(county, lexicon, "Place")


def test_rectification_follow_ups_in_an_inspection_text_are_its_rectification_checks(
    lexicon: Lexicon,
) -> None:
    text = (
        "云南省第三轮中央生态环境保护督察整改进展情况。昆明市整改办分三批组织开展整改“回头看”，"
        "复核已销号问题。"
    )
    assert "督察整改回头看" in _names(text, lexicon, "Programme")
    # without an inspection, a rectification follow-up names no programme
    plain = "昆明市住建局开展整改“回头看”，复核老旧小区问题。"
    assert not _names(plain, lexicon, "Programme")
