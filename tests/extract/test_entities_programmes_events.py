"""Programme and event rules of session 16 (issue 13), each on sentences written for it: other
provinces, other bodies, none taken from a corpus."""

from __future__ import annotations

from test_entities import entities

from ecokg.extract.lexicon import Lexicon


def _of(type_: str, text: str, lexicon: Lexicon) -> set[str]:
    return {m.name for m in entities(text, lexicon) if m.type == type_}


def test_a_basins_horizontal_compensation_is_one_programme(lexicon: Lexicon) -> None:
    text = "贵州省、云南省建立乌江流域上下游横向生态补偿机制，贵州省遵义市首期兑现补偿资金。"
    found = _of("Programme", text, lexicon)
    assert "乌江流域上下游横向生态补偿机制" in found
    assert "生态保护补偿" not in found  # the national regime is not what the text names
    text = "湖南省与江西省签订渌水流域横向生态保护补偿协议。"
    assert "渌水流域横向生态保护补偿" in _of("Programme", text, lexicon)


def test_a_special_rectification_with_its_target_is_a_programme(lexicon: Lexicon) -> None:
    text = "陕西省生态环境厅开展尾矿库环境风险隐患专项整治，排查尾矿库120座。陕西省还开展专项整治。"
    assert _of("Programme", text, lexicon) == {"尾矿库环境风险隐患专项整治"}


def test_an_emissions_market_and_a_five_year_campaign_are_programmes(lexicon: Lexicon) -> None:
    text = "福建碳排放权交易市场累计成交量突破5000万吨。"
    assert "福建碳排放权交易市场" in _of("Programme", text, lexicon)
    text = "山西省太原市深入实施城乡环境基础设施补短板五年行动。"
    assert "城乡环境基础设施补短板五年行动" in _of("Programme", text, lexicon)


def test_a_quoted_campaign_keeps_the_head_written_after_it(lexicon: Lexicon) -> None:
    text = "宁夏回族自治区人民检察院开展“守护黄河安澜”公益诉讼专项监督活动。"
    found = _of("Programme", text, lexicon)
    assert "守护黄河安澜公益诉讼专项监督活动" in found
    assert "守护黄河安澜" not in found


def test_a_meeting_named_before_a_locative_jieba_joins_to_it(lexicon: Lexicon) -> None:
    # jieba reads 推进|会上: the meeting's name ends inside that word
    text = "山西省太原市在全市大气污染防治工作推进会上部署任务。"
    assert "太原市大气污染防治工作推进会" in _of("Event", text, lexicon)


def test_a_meeting_of_post_holders_keeps_the_post(lexicon: Lexicon) -> None:
    text = "福建省泉州市召开2025年泉州市总河长会议。"
    assert "2025年泉州市总河长会议" in _of("Event", text, lexicon)
    assert _of("Event", "湖北省生态环境厅厅长主持会议研究部署。", lexicon) == set()


def test_on_site_meetings_and_press_briefings_are_events(lexicon: Lexicon) -> None:
    text = "国家林业和草原局在宁夏回族自治区中卫市召开全国草原保护修复现场会。"
    assert "全国草原保护修复现场会" in _of("Event", text, lexicon)
    text = "湖南省生态环境厅召开生态环境执法新闻通气会。"
    assert "生态环境执法新闻通气会" in _of("Event", text, lexicon)


def test_a_years_top_cases_are_an_event_a_release_of_cases_is_not(lexicon: Lexicon) -> None:
    text = "湖南省高级人民法院发布2023年度湖南法院环境资源审判十大典型案例。会上还通报了典型案例。"
    assert _of("Event", text, lexicon) == {"2023年度湖南法院环境资源审判十大典型案例"}


def test_a_batch_of_an_inspection_round_is_part_of_its_name(lexicon: Lexicon) -> None:
    text = "第三轮第四批中央生态环境保护督察对陕西省开展督察。"
    assert "第三轮第四批中央生态环境保护督察" in _of("Event", text, lexicon)


def test_follow_up_checks_are_named_by_the_work_they_revisit(lexicon: Lexicon) -> None:
    text = (
        "陕西省铜川市开展矿山生态修复“回头看”，复核图斑。陕西省委、省政府组织开展省级生态环境"
        "保护督察“回头看”。各地开展“回头看”。"
    )
    assert "矿山生态修复回头看" in _of("Programme", text, lexicon)
    assert "陕西省生态环境保护督察回头看" in _of("Event", text, lexicon)
    assert "回头看" not in _of("Programme", text, lexicon)
    # a named campaign's follow-up is that campaign's; a list names two kinds of work
    text = "省水利厅开展小水电清理整改专项行动“回头看”，并推进督察整改及“回头看”工作。"
    found = _of("Programme", text, lexicon)
    assert "小水电清理整改专项行动" in found
    assert not any(name.endswith("回头看") for name in found)


def test_creating_a_designated_thing_is_a_programme_creating_alone_is_not(
    lexicon: Lexicon,
) -> None:
    text = "四川省加快推进若尔盖国家公园创建，成都市推进“宁静小区”创建。"
    found = _of("Programme", text, lexicon)
    assert {"若尔盖国家公园创建", "宁静小区创建"} <= found
    assert "若尔盖国家公园" in _of("Place", text, lexicon)
    text = "安徽省芜湖市南陵县成功创建，各地积极开展国家级生态创建。"
    assert not any(name.endswith("创建") for name in _of("Programme", text, lexicon))


def test_zero_waste_cells_and_bay_chiefs_are_known_programmes(lexicon: Lexicon) -> None:
    text = "浙江省杭州市开展“无废细胞”建设，建成无废细胞320个。宁波市全面推行湾长制。"
    found = _of("Programme", text, lexicon)
    assert {"无废细胞", "湾长制"} <= found
    assert "无废细胞建设" not in found


def test_a_conference_of_a_years_report_names_the_province_for_its_scope(
    lexicon: Lexicon,
) -> None:
    text = (
        "贵州省人民政府新闻办公室举行2024年度全省生态环境状况新闻发布会，贵州省生态环境厅介绍情况。"
    )
    assert "2024年度贵州省生态环境状况新闻发布会" in _of("Event", text, lexicon)


def test_a_phase_of_a_known_programme_is_named_with_it(lexicon: Lexicon) -> None:
    text = "甘肃省继续实施“三北”工程六期项目，完成营造林。"
    assert "三北工程六期" in _of("Programme", text, lexicon)
    text = "甘肃省在三北工程六期间累计造林。"
    assert _of("Programme", text, lexicon) == {"三北工程"}


def test_a_yearly_edition_of_a_campaign_keeps_its_official_tail(lexicon: Lexicon) -> None:
    text = "陕西省组织开展“绿盾2025”自然保护地强化监督，发现问题线索。"
    assert "绿盾2025自然保护地强化监督" in _of("Programme", text, lexicon)
    text = "湖南省开展“绿盾2023”强化监督，核查点位。"
    assert "绿盾2023" in _of("Programme", text, lexicon)


def test_a_seasonal_campaign_keeps_its_season_and_the_years_it_spans(lexicon: Lexicon) -> None:
    # jieba tags 秋冬季 as a time word, which otherwise ends a name on its left
    text = "围绕秋冬季大气污染防治攻坚行动，山西省查处案件。"
    assert "秋冬季大气污染防治攻坚行动" in _of("Programme", text, lexicon)
    text = "河北省全面落实2024—2025年秋冬季大气污染综合治理攻坚行动，加强执法。"
    assert "2024—2025年秋冬季大气污染综合治理攻坚行动" in _of("Programme", text, lexicon)


def test_a_batch_of_cases_names_that_edition(lexicon: Lexicon) -> None:
    text = "湖南省入选第三批美丽河湖优秀案例，浏阳河名列其中。"
    assert _of("Event", text, lexicon) == {"第三批美丽河湖优秀案例"}


def test_a_joint_conference_is_a_standing_mechanism(lexicon: Lexicon) -> None:
    text = "苏州市大气污染防治联席会议各成员单位要加强协作。"
    assert "苏州市大气污染防治联席会议" in _of("Programme", text, lexicon)
    assert _of("Event", text, lexicon) == set()


def test_a_scope_before_a_programme_says_where_it_goes_on(lexicon: Lexicon) -> None:
    text = "甘肃省兰州市深入实施全省农业面源污染治理三年行动，推进全省固体废物污染防治联合攻关。"
    found = _of("Programme", text, lexicon)
    # a campaign named on its own is that campaign where it goes on...
    assert "农业面源污染治理三年行动" in found
    # ...a name that is one only with its scope is the province's own
    assert "甘肃省固体废物污染防治联合攻关" in found


def test_one_plan_per_unit_formulas_are_programmes(lexicon: Lexicon) -> None:
    text = "贵州省铜仁市落实“一河一策”，编制“一库一策”方案，完成“一河（园）一策一图”编制。"
    assert {"一河一策", "一库一策", "一河(园)一策一图"} <= _of("Programme", text, lexicon)


def test_a_list_of_firms_spared_checks_and_random_inspection_are_programmes(
    lexicon: Lexicon,
) -> None:
    text = "宁夏回族自治区银川市全面推行“双随机、一公开”监管和生态环境监督执法正面清单制度。"
    found = _of("Programme", text, lexicon)
    # a known name before 和 ends there: the two are not one name
    assert {"双随机、一公开监管", "生态环境监督执法正面清单制度"} <= found
    text = "银川市按照“双随机、一公开”要求抽查企业，纳入监督执法正面清单的企业120家。"
    assert {"双随机、一公开", "监督执法正面清单"} <= _of("Programme", text, lexicon)


def test_a_name_that_counts_its_items_holds_the_items_listed_before_it(
    lexicon: Lexicon,
) -> None:
    text = "甘肃省全力打好河西走廊攻坚战和腾格里、巴丹吉林两大沙漠锁边歼灭战。"
    assert "腾格里、巴丹吉林两大沙漠锁边歼灭战" in _of("Programme", text, lexicon)
    text = "甘肃省打好腾格里和巴丹吉林两大沙漠锁边歼灭战。"
    assert "腾格里和巴丹吉林两大沙漠锁边歼灭战" in _of("Programme", text, lexicon)


def test_the_routes_of_the_water_transfer_project_are_programmes(lexicon: Lexicon) -> None:
    text = "丹江口水库水质稳定，保障南水北调中线工程调水安全，江苏省推进南水北调东线工程治污。"
    assert {"南水北调中线工程", "南水北调东线工程"} <= _of("Programme", text, lexicon)


def test_a_programmes_money_and_agreements_are_not_the_programme(lexicon: Lexicon) -> None:
    text = "云南省今年安排生态保护补偿资金2.1亿元，签订生态保护补偿协议3份。"
    assert "生态保护补偿" not in _of("Programme", text, lexicon)
    text = "云南省持续完善生态保护补偿制度。"
    assert "生态保护补偿" in _of("Programme", text, lexicon)


def test_a_host_may_say_when_before_it_holds_its_press_conference(lexicon: Lexicon) -> None:
    text = "湖南省生态环境厅日前召开新闻通气会，通报全省河湖保护工作。"
    assert "湖南省生态环境厅新闻通气会" in _of("Event", text, lexicon)
    text = "湖南省林业局11月5日上午召开新闻发布会，介绍候鸟保护情况。"
    assert "湖南省林业局新闻发布会" in _of("Event", text, lexicon)


def test_a_meeting_named_by_time_and_topic_is_the_host_divisions(lexicon: Lexicon) -> None:
    text = "浙江省衢州市召开2024年市级总河长会议，部署任务。"
    assert "衢州市2024年市级总河长会议" in _of("Event", text, lexicon)
    text = "四川省成都市武侯区召开2025年上半年生态环境保护工作新闻发布会。"
    assert "武侯区2025年上半年生态环境保护工作新闻发布会" in _of("Event", text, lexicon)
    # a meeting of the division's own body, or of all of it, is named as before
    text = "四川省成都市召开市政府常务会议，成都市还召开全市生态环境保护大会。"
    assert _of("Event", text, lexicon) == {"成都市人民政府常务会议", "成都市生态环境保护大会"}


def test_a_press_conference_headlined_with_its_topic_is_named_by_it(lexicon: Lexicon) -> None:
    text = "河南省政府新闻办举行新闻发布会介绍全省南水北调水质保障有关情况"
    assert "河南省南水北调水质保障新闻发布会" in _of("Event", text, lexicon)
    # in a sentence the topic follows a comma, and the conference is its host's
    text = "河南省生态环境厅召开新闻通气会，通报去年全省秸秆禁烧工作情况。"
    assert _of("Event", text, lexicon) == {"河南省生态环境厅新闻通气会"}


def test_a_routine_drill_is_no_event_a_province_wide_one_is(lexicon: Lexicon) -> None:
    text = "陕西省汉中市组织开展突发水污染事件应急演练，检验联动能力。"
    assert _of("Event", text, lexicon) == set()
    text = "陕西省生态环境系统开展执法大练兵和应急大演练。"
    assert "应急大演练" in _of("Event", text, lexicon)


def test_kinds_of_task_and_standing_regimes_are_no_programmes(lexicon: Lexicon) -> None:
    text = (
        "湖南省全面推进生活垃圾分类、塑料污染治理和新污染物治理，深化排污权交易，落实碳排放总量和"
        "强度双控，把农村人居环境整治作为“头号工程”。"
    )
    assert _of("Programme", text, lexicon) == set()
