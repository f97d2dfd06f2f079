"""Entity rules of session 20 (issue 13: programmes and events on unseen documents), each on
sentences written for it: other provinces, other wording, none taken from a corpus."""

from __future__ import annotations

from test_entities import entities

from ecokg.extract.lexicon import Lexicon


def _names(text: str, lexicon: Lexicon, type_: str) -> set[str]:
    return {m.name for m in entities(text, lexicon) if m.type == type_}


def test_a_title_conferred_is_a_programme(lexicon: Lexicon) -> None:
    county = "去年，我县成功获评山西省生态文明建设示范县。"
    assert "山西省生态文明建设示范县" in _names(county, lexicon, "Programme")
    park = "该小流域入选国家水土保持科技示范园，园区面积12平方公里。"
    assert "国家水土保持科技示范园" in _names(park, lexicon, "Programme")


def test_a_title_conferred_at_a_level_keeps_its_level(lexicon: Lexicon) -> None:
    text = "湖北省生态环境厅表示，我镇3个养殖场被评为省级畜禽养殖标准化示范场。"
    assert "省级畜禽养殖标准化示范场" in _names(text, lexicon, "Programme")


def test_a_title_after_the_scope_it_is_conferred_in_is_named_without_it(
    lexicon: Lexicon,
) -> None:
    text = "江西省抚州市今年有5个村入选全省美丽乡村建设示范村。"
    assert "美丽乡村建设示范村" in _names(text, lexicon, "Programme")


def test_a_title_counted_or_aimed_at_is_no_programme(lexicon: Lexicon) -> None:
    counted = "今年全省新增省级高标准生活垃圾分类示范村31个。"
    assert not any(n.endswith("示范村") for n in _names(counted, lexicon, "Programme"))
    aimed = "三亚市作为全省禁塑示范城市，率先推广可降解包装。"
    assert not any(n.endswith("示范城市") for n in _names(aimed, lexicon, "Programme"))


def test_a_quoted_slogan_brought_in_ending_its_clause_is_a_programme(lexicon: Lexicon) -> None:
    text = "全镇42个村推行“塘长制”，由村民小组长担任塘长。"
    assert "塘长制" in _names(text, lexicon, "Programme")


def test_a_quoted_word_describing_what_follows_is_no_slogan(lexicon: Lexicon) -> None:
    text = "各县区要严格落实“属地化”管理责任，推行“容缺式”审批。"
    names = _names(text, lexicon, "Programme")
    assert "属地化" not in names and "容缺式" not in names


def test_a_quoted_plan_period_is_no_programme(lexicon: Lexicon) -> None:
    text = "全市将落实“十五五”，推进“十四五”收官。"
    assert not _names(text, lexicon, "Programme") & {"十五五", "十四五"}


def test_a_quoted_measure_way_or_policy_is_named_by_its_slogan(lexicon: Lexicon) -> None:
    measure = "全区在建工地“八个百分之百”措施落实率达98%。"
    assert "八个百分之百" in _names(measure, lexicon, "Programme")
    way = "执法人员按照“双不两直”方式开展夜查。"
    assert "双不两直" in _names(way, lexicon, "Programme")
    policy = "全省冶炼企业“以渣定产”政策持续落实。"
    assert "以渣定产" in _names(policy, lexicon, "Programme")


def test_a_drill_named_in_quotes_is_an_event(lexicon: Lexicon) -> None:
    whole = "市海事局组织“2026年钦州港船舶溢油应急演练”，出动船艇12艘。"
    assert "2026年钦州港船舶溢油应急演练" in _names(whole, lexicon, "Event")
    coded = "省生态环境厅举行“桂辐应急-2026”辐射事故应急演练，参演人员300余人。"
    assert "桂辐应急-2026辐射事故应急演练" in _names(coded, lexicon, "Event")


def test_an_unnamed_drill_is_no_event(lexicon: Lexicon) -> None:
    text = "全年市县两级共组织突发环境事件应急演练38场次。"
    assert not any(n.endswith("演练") for n in _names(text, lexicon, "Event"))


def test_a_bracketed_place_inside_a_body_s_name_is_part_of_it(lexicon: Lexicon) -> None:
    text = "生态环境部长江流域(湖北段)水生态保护重点实验室近日获批。"
    assert "生态环境部长江流域(湖北段)水生态保护重点实验室" in _names(text, lexicon, "Agency")
    # a body's other name in brackets is no part of the next body's name
    two = "国家林业和草原局(国家公园管理局)和四川省委联合召开会议。"
    assert not any("和四川" in n for n in _names(two, lexicon, "Agency"))


def test_a_national_body_after_a_joiner_is_a_party_of_its_own(lexicon: Lexicon) -> None:
    text = "湖南与生态环境部环境规划院合作编制流域规划。"
    assert "生态环境部环境规划院" in _names(text, lexicon, "Agency")
    assert not any(n.startswith("湖南与") for n in _names(text, lexicon, "Agency"))


def test_an_instrument_a_title_is_about_drafting_is_no_instrument_yet(lexicon: Lexicon) -> None:
    text = "会议传达了《省委关于制定全省生态环境保护第十五个五年规划的建议》。"
    assert not any(n.startswith("制定") for n in _names(text, lexicon, "Policy"))
    carried = "印发《关于贯彻落实湿地保护管理规定的实施意见》。"
    assert "湿地保护管理规定" in _names(carried, lexicon, "Regulation")
