"""Entity rules of session 19 (issue 13: programmes, events and standards on unseen documents),
each on sentences written for it: other provinces, other wording, none taken from a corpus."""

from __future__ import annotations

from test_entities import entities

from ecokg.extract.lexicon import Lexicon


def _names(text: str, lexicon: Lexicon, type_: str) -> set[str]:
    return {m.name for m in entities(text, lexicon) if m.type == type_}


def test_a_work_is_named_from_the_water_or_city_it_is_built_on(lexicon: Lexicon) -> None:
    # the word walk stops at the verb inside the name (调水, 清淤, 搬迁); the place starts it
    water = "今年，湘江右岸截污调水工程完工，可向城区补水。"
    assert "湘江右岸截污调水工程" in _names(water, lexicon, "Programme")
    lake = "今年，洪湖围网拆除清淤工程已完成投资2亿元。"
    assert "洪湖围网拆除清淤工程" in _names(lake, lexicon, "Programme")
    city = "以南平市废弃矿山生态修复示范工程为牵引，统筹推进矿山治理。"
    assert "南平市废弃矿山生态修复示范工程" in _names(city, lexicon, "Programme")


def test_a_work_does_not_reach_back_over_a_word_that_ends_names(lexicon: Lexicon) -> None:
    text = "漳州市再生骨料在道路改造工程中得到推广。"
    assert not any(name.startswith("漳州市") for name in _names(text, lexicon, "Programme"))


def test_a_quoted_model_before_its_experience_or_a_long_description_is_named_alone(
    lexicon: Lexicon,
) -> None:
    experience = "各地借鉴“两山银行”经验，建成生态资源收储平台12个。"
    assert "两山银行" in _names(experience, lexicon, "Programme")
    practice = "探索推行“湖长积分制”等做法，引导村民参与护湖。"
    assert "湖长积分制" in _names(practice, lexicon, "Programme")
    described = "依托“渔光互补”水产养殖与光伏发电融合模式，全县新增装机120兆瓦。"
    assert "渔光互补" in _names(described, lexicon, "Programme")


def test_a_quoted_term_closing_a_list_of_models_is_no_model(lexicon: Lexicon) -> None:
    text = "形成了“绿水银行”黎川模式、“美丽乡村”抚州等多个经验模式。"
    assert "美丽乡村" not in _names(text, lexicon, "Programme")


def test_a_year_s_warning_film_is_an_event(lexicon: Lexicon) -> None:
    text = "针对2025年黄河流域生态环境警示片披露的5个问题，陕西省已全部完成整改。"
    assert "2025年黄河流域生态环境警示片" in _names(text, lexicon, "Event")
    several = "2019-2024年长江经济带生态环境警示片披露的问题已整改86个。"
    assert not any("警示片" in name for name in _names(several, lexicon, "Event"))
    own = "湖北省生态环境厅拍摄制作2025年省生态环境警示片。"
    assert not any("警示片" in name for name in _names(own, lexicon, "Event"))


def test_a_platform_is_named_by_its_quoted_brand(lexicon: Lexicon) -> None:
    after = "截至目前，省级碳普惠平台“碳惠江苏”注册用户超过100万人。"
    assert "碳惠江苏" in _names(after, lexicon, "Programme")
    before = "市民通过“绿色贵州”平台举报涉气环境问题线索312条。"
    assert "绿色贵州" in _names(before, lexicon, "Programme")
    # a kind between the brand and 平台 leaves the name to the type words
    kind = "淮安市“智慧河湖”管理平台新接入视频点位1200个。"
    assert "智慧河湖" not in _names(kind, lexicon, "Programme")


def test_a_quoted_loan_is_a_programme(lexicon: Lexicon) -> None:
    text = "丽水市金融机构向生态农业企业发放“两山贷”12亿元。"
    assert "两山贷" in _names(text, lexicon, "Programme")


def test_a_coded_campaign_with_what_it_covers_is_named_by_its_code(lexicon: Lexicon) -> None:
    covered = "全省开展“净土2026”重金属污染防治专项执法行动，查处案件30起。"
    assert "净土2026" in _names(covered, lexicon, "Programme")
    series = "海警、渔政联合开展“碧海2026”系列专项执法行动。"
    assert "碧海2026" in _names(series, lexicon, "Programme")
    # the head right after the code is part of the name
    bare = "公安机关开展“昆仑2026”专项行动，侦破案件12起。"
    assert "昆仑2026专项行动" in _names(bare, lexicon, "Programme")
    # a campaign name without a year keeps what follows it
    named = "联合开展“碧海护航”近岸海域专项执法行动。"
    assert "碧海护航" not in _names(named, lexicon, "Programme")


def test_a_division_before_a_weak_type_word_alone_names_no_programme(lexicon: Lexicon) -> None:
    text = "从各县看，永丰县、南丰县整治完成率均为100%，南城县建设进度居全市第一。"
    programmes = _names(text, lexicon, "Programme")
    assert not any(name.endswith(("县整治", "县建设")) for name in programmes)
    # a strong type word after a province names the province's own
    market = "湖北碳排放权交易市场去年成交额达12亿元。"
    assert "湖北碳排放权交易市场" in _names(market, lexicon, "Programme")


def test_a_meeting_reaches_back_to_the_scope_it_gathers(lexicon: Lexicon) -> None:
    # the word walk stops at the verbs inside the name (禁捕, 超采, 反馈); the scope starts it
    city = "3月2日，全市长江禁捕退捕工作会议在九江召开。"
    assert any(
        name.endswith("长江禁捕退捕工作会议") and len(name) > len("长江禁捕退捕工作会议")
        for name in _names(city, lexicon, "Event")
    )
    named = "记者从沧州市地下水超采综合治理工作推进会上获悉，深层地下水位回升。"
    assert "沧州市地下水超采综合治理工作推进会" in _names(named, lexicon, "Event")
    province = "全省中央生态环境保护督察反馈问题整改推进会在赣州召开，江西省生态环境厅通报进展。"
    assert "江西省中央生态环境保护督察反馈问题整改推进会" in _names(province, lexicon, "Event")


def test_a_meeting_word_inside_a_verb_names_no_meeting(lexicon: Lexicon) -> None:
    text = "保定市委主要负责同志主持会议，研究部署整改工作。"
    assert not _names(text, lexicon, "Event")


def test_national_green_finance_and_heating_schemes_are_known(lexicon: Lexicon) -> None:
    text = (
        "去年，安徽省环境污染责任保险投保企业增至1800家，环责险保费同比增长12%；"
        "全省发放排污权抵押贷款5亿元，并试点林业碳普惠。"
        "皖北地区推进煤改气、煤改电，落实化肥农药减量增效。"
    )
    assert {
        "环境污染责任保险",
        "排污权抵押贷款",
        "林业碳普惠",
        "煤改气",
        "煤改电",
        "化肥农药减量增效",
    } <= _names(text, lexicon, "Programme")


def test_a_year_before_a_programme_is_no_part_of_its_name(lexicon: Lexicon) -> None:
    text = "全省开展2026年碧水护航生态环境执法专项行动，查处案件41起。"
    assert "碧水护航生态环境执法专项行动" in _names(text, lexicon, "Programme")
    bare = "浙江省开展2026年专项行动，查处案件12起。"
    assert not _names(bare, lexicon, "Programme")
    # a span of years stays, and an event keeps its year (the edition)
    span = "湖南省实施2025—2026年秋冬季大气污染综合治理攻坚行动。"
    assert "2025—2026年秋冬季大气污染综合治理攻坚行动" in _names(span, lexicon, "Programme")
    meeting = "湖南省召开2026年全省生态环境保护工作会议。"
    assert any(name.startswith("2026年") for name in _names(meeting, lexicon, "Event"))


def test_a_standard_cited_by_number_alone_is_known_by_its_number(lexicon: Lexicon) -> None:
    text = (
        "贮存设施执行GB 18597—2023，涂装企业执行DB41/1951-2020和GB/T 23477-2009。"
        "污水处理厂排口执行GB 18918-2002一级A标准。"
    )
    names = _names(text, lexicon, "Regulation")
    assert {"GB18597-2023", "DB41/1951-2020", "GB/T23477-2009"} <= {
        n.replace(" ", "") for n in names
    }
    # a number the lexicon knows keeps the standard's title
    assert "城镇污水处理厂污染物排放标准" in names


def test_a_standard_s_number_takes_the_title_the_text_gives_it_elsewhere(lexicon: Lexicon) -> None:
    text = (
        "超过GB 16297-1996大气污染物综合排放标准的案件。另一企业排放浓度超过GB 16297-1996"
        "规定限值0.4倍。执行《湖北省汉江流域水污染物排放标准》（DB42/ 1318-2022）。"
    )
    names = _names(text, lexicon, "Regulation")
    assert "大气污染物综合排放标准" in names
    # the number never becomes a second node, nor does a number in brackets after its title
    assert not {n for n in names if n.replace(" ", "").startswith(("GB16297", "DB42"))}
