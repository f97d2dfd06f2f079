"""Entity rules of session 15 (issue 13), each on sentences written for it: other provinces,
other bodies, none taken from a corpus."""

from __future__ import annotations

from test_entities import entities

from ecokg.extract.lexicon import Lexicon


def _agencies(text: str, lexicon: Lexicon) -> set[str]:
    return {m.name for m in entities(text, lexicon) if m.type == "Agency"}


def test_an_agency_after_a_noun_that_is_no_part_of_it_starts_at_its_division(
    lexicon: Lexicon,
) -> None:
    # jieba reads 问责 and 通报 as nouns, so the walk to the left does not stop at them
    text = "云南省纪委监委依规问责昭通市水务局、曲靖市自然资源局，并通报玉溪市政府分管负责同志。"
    assert {"昭通市水务局", "曲靖市自然资源局", "玉溪市人民政府"} <= _agencies(text, lexicon)


def test_a_one_character_county_keeps_its_county_word_before_its_committee(
    lexicon: Lexicon,
) -> None:
    text = "安徽省宣城市泾县在县委、县政府的部署下推进河道整治，泾县县委书记带队检查。"
    assert {"泾县县委", "泾县人民政府"} <= _agencies(text, lexicon)
    assert "泾县委" not in _agencies(text, lexicon)


def test_courts_named_by_a_province_or_prefecture_alone_are_no_one_court(
    lexicon: Lexicon,
) -> None:
    text = "贵州法院和遵义市两级法院审结一批环境资源案件，遵义市中级人民法院发布典型案例。"
    agencies = _agencies(text, lexicon)
    assert "遵义市中级人民法院" in agencies
    assert not any(name in agencies for name in ("贵州人民法院", "遵义市两级人民法院"))


def test_a_body_of_an_autonomous_prefecture_named_by_its_short_form_takes_the_full_name(
    lexicon: Lexicon,
) -> None:
    text = "湖南省湘西州生态环境局通报，湘西州中级人民法院审结一起案件。"
    assert {
        "湘西土家族苗族自治州生态环境局",
        "湘西土家族苗族自治州中级人民法院",
    } <= _agencies(text, lexicon)


def _programmes(text: str, lexicon: Lexicon) -> set[str]:
    return {m.name for m in entities(text, lexicon) if m.type == "Programme"}


def test_quoted_items_sharing_one_type_word_are_one_programme_each(lexicon: Lexicon) -> None:
    text = "江西省赣州市深化“河长+检察长”、“河长+警长”联动机制，守护赣江水质。"
    found = _programmes(text, lexicon)
    assert {"河长+检察长联动机制", "河长+警长联动机制"} <= found
    assert not any("检察长河长" in name for name in found)


def test_a_quoted_term_before_a_conjunction_is_a_name_of_its_own(lexicon: Lexicon) -> None:
    text = "四川省各市州深入开展“护河净岸”和岷江流域水质提升专项行动。"
    found = _programmes(text, lexicon)
    assert "岷江流域水质提升专项行动" in found
    assert not any(name.startswith("护河净岸和") for name in found)


def test_public_service_lines_are_programmes(lexicon: Lexicon) -> None:
    text = (
        "贵州省遵义市群众可拨打12369环保举报热线，或通过“12369”网络举报平台反映问题，"
        "全年“12369”热线共接听电话12345次。"
    )
    found = _programmes(text, lexicon)
    assert {"12369环保举报热线", "12369网络举报平台"} <= found
    assert not any(name.startswith("12345") for name in found)


def test_a_press_conference_named_by_its_host_is_the_one_named_by_its_topic(
    lexicon: Lexicon,
) -> None:
    text = (
        "福建省人民政府新闻办公室举行福建省2024年度海洋生态环境保护新闻发布会。\n"
        "主持人：各位记者，欢迎出席省政府新闻办新闻发布会。福州市、厦门市有关负责同志出席。"
    )
    events = [m for m in entities(text, lexicon) if m.type == "Event"]
    assert {m.name for m in events} == {"福建省2024年度海洋生态环境保护新闻发布会"}
    assert len({m.key for m in events}) == 1


def test_a_press_conference_named_by_its_host_alone_stays_so(lexicon: Lexicon) -> None:
    text = "江西省生态环境厅召开新闻发布会，通报南昌市、九江市空气质量。"
    events = {m.name for m in entities(text, lexicon) if m.type == "Event"}
    assert events == {"江西省生态环境厅新闻发布会"}


def test_sub_bodies_with_their_heads_and_courts_chambers(lexicon: Lexicon) -> None:
    text = (
        "湖北省公安厅环境安全保卫总队总队长周平介绍，武汉市中级人民法院环境资源审判庭"
        "审结案件，湖北省生态环境厅党组成员、副厅长刘军出席。"
    )
    found = entities(text, lexicon)
    agencies = {m.name for m in found if m.type == "Agency"}
    assert {
        "湖北省公安厅环境安全保卫总队",
        "武汉市中级人民法院环境资源审判庭",
        "湖北省生态环境厅",
    } <= agencies
    assert "湖北省生态环境厅党组" not in agencies  # 党组成员 is 刘军's post
    assert {"周平", "刘军"} <= {m.name for m in found if m.type == "Person"}


def test_the_governments_of_all_counties_are_no_one_body(lexicon: Lexicon) -> None:
    text = "甘肃省张掖市要求各县区人民政府、各县市区人民政府落实河长制。"
    assert not any(name.startswith(("县", "区")) for name in _agencies(text, lexicon))


def _places(text: str, lexicon: Lexicon) -> set[str]:
    return {m.name for m in entities(text, lexicon) if m.type == "Place"}


def test_towns_ending_like_a_kind_after_their_county_or_a_verb(lexicon: Lexicon) -> None:
    text = (
        "江苏省常州市金坛区执法人员重点排查沙溪镇化工园区，在武进区湖塘镇检查企业；"
        "“西城街道某小区居民反映，宜兴市官林镇、新市镇完成整治。"
    )
    assert {"沙溪镇", "湖塘镇", "西城街道", "新市镇"} <= _places(text, lexicon)


def test_a_village_right_after_its_town(lexicon: Lexicon) -> None:
    text = "江西省吉安市永丰县藤田镇老居村负责人介绍，沿湖村庄也完成改厕。"
    places = _places(text, lexicon)
    assert {"藤田镇", "老居村"} <= places
    assert not any(name.startswith("沿湖") for name in places)


def test_no_county_right_after_a_county(lexicon: Lexicon) -> None:
    text = "湖南省岳阳市平江县启动三市镇污水处理厂建设。"
    places = _places(text, lexicon)
    assert "三市镇" in places
    assert not any(name.endswith("市") and "启动" in name for name in places)


def test_long_reserve_names_and_a_clause_before_one(lexicon: Lexicon) -> None:
    text = (
        "福建省龙岩市去年在梅花山国家级自然保护区开展巡护，"
        "条例还对戴云山珍稀特有植物国家级自然保护区作出规定。"
    )
    places = _places(text, lexicon)
    assert {"梅花山国家级自然保护区", "戴云山珍稀特有植物国家级自然保护区"} <= places
    assert not any(name.startswith(("去年", "国家级")) for name in places)


def test_water_bodies_jieba_reads_as_proper_names(lexicon: Lexicon) -> None:
    text = (
        "安徽省生态环境厅副厅长刘海江介绍，青弋江水质持续改善；浙江省宁波市推进象山港治理，"
        "统筹山水林田湖草沙系统治理，一江一湖水质稳定。"
    )
    found = entities(text, lexicon)
    places = {m.name for m in found if m.type == "Place"}
    assert {"青弋江", "象山港"} <= places
    assert not places & {"刘海江", "林田湖", "江一湖"}
    assert "刘海江" in {m.name for m in found if m.type == "Person"}


def test_a_division_before_a_known_programme_or_a_field_of_work_says_where(
    lexicon: Lexicon,
) -> None:
    text = (
        "四川省推进成都市无废城市建设，贵州省生态文明建设取得新成效，"
        "福建省推进九龙江流域山水林田湖草沙一体化保护和修复工程。"
    )
    found = _programmes(text, lexicon)
    assert "无废城市建设" in found
    assert "九龙江流域山水林田湖草沙一体化保护和修复工程" in found
    assert not found & {"成都市无废城市建设", "贵州省生态文明建设"}


def test_people_after_more_posts_and_surnames(lexicon: Lexicon) -> None:
    text = (
        "金华市生态环境局兰溪分局负责人楼志刚介绍，市委书记、市总河长祁少华带队巡河，"
        "省湿地保护管理处处长孙丽萍出席，立法咨询专家李明轩说，将推进立法。"
    )
    people = {m.name for m in entities(text, lexicon) if m.type == "Person"}
    assert {"楼志刚", "祁少华", "孙丽萍", "李明轩"} <= people


def test_a_department_after_a_lone_county_word_is_the_county_s(lexicon: Lexicon) -> None:
    # jieba reads 县 as a morpheme; the body is the county's the text speaks of
    text = "贵州省遵义市湄潭县开展饮用水源排查，已督促县水务局加装消毒设备，县人民检察院跟进监督。"
    assert {"湄潭县水务局", "湄潭县人民检察院"} <= _agencies(text, lexicon)


def test_a_lone_county_word_inside_a_collective_or_before_a_bare_branch_opens_no_body(
    lexicon: Lexicon,
) -> None:
    text = "河南省商丘市睢县配合县分局开展扬尘整治，各设区市生态环境局同步推进。"
    agencies = _agencies(text, lexicon)
    assert not any(name.endswith(("县分局", "商丘市生态环境局")) for name in agencies)


def test_departments_listed_after_one_named_with_its_division_share_it(lexicon: Lexicon) -> None:
    text = "宁夏回族自治区银川市发布年报。年报由自治区生态环境厅会同自治区农业农村厅、水利厅、林草局等部门编制。"
    assert {
        "宁夏回族自治区农业农村厅",
        "宁夏回族自治区水利厅",
        "宁夏回族自治区林业和草原局",
    } <= _agencies(text, lexicon)
    text = "江苏省无锡市生态环境局、公安局和检察院开展联合执法。"
    assert {"无锡市公安局", "无锡市人民检察院"} <= _agencies(text, lexicon)


def _places(text: str, lexicon: Lexicon) -> set[str]:
    return {m.name for m in entities(text, lexicon) if m.type == "Place"}


def test_a_town_right_after_the_verb_that_opens_it_is_a_place(lexicon: Lexicon) -> None:
    text = "江西省上饶市鄱阳县今年完成饶丰桥镇、莲湖乡污水管网改造，加快推进城镇污水治理。"
    places = _places(text, lexicon)
    assert any(name.endswith("饶丰桥镇") for name in places)
    assert any(name.endswith("莲湖乡") for name in places)
    assert not any(name.endswith(("推进城镇", "城镇")) for name in places)


def test_reserves_listed_before_the_area_word_they_share_are_each_a_reserve(
    lexicon: Lexicon,
) -> None:
    text = "甘肃省祁连山、尕海则岔、连城等国家级自然保护区持续开展巡护，兰州市配合。"
    places = _places(text, lexicon)
    assert {
        "祁连山国家级自然保护区",
        "尕海则岔国家级自然保护区",
        "连城国家级自然保护区",
    } <= places
    assert "祁连山" not in places
    # without 等 the items need not be of that kind: 流域 and a park of its own
    text = "青海省推进青海湖流域、三江源国家公园生态观测站网建设。"
    assert "青海湖流域国家公园" not in _places(text, lexicon)


def test_an_agency_name_stops_at_a_verb_before_it_and_at_a_post(lexicon: Lexicon) -> None:
    text = (
        "这次监测由兰州大学资源环境学院承担，四川省生态环境厅联合中国科学院成都生物研究所开展评估。"
    )
    agencies = _agencies(text, lexicon)
    assert {"兰州大学资源环境学院", "中国科学院成都生物研究所", "四川省生态环境厅"} <= agencies
    assert not any(name.startswith(("这次", "四川省生态环境厅联合")) for name in agencies)
    # jieba reads 委托 as a noun: the walk to the left still stops there
    text = "济南市生态环境局委托济南市统计局民意调查中心开展满意度调查。"
    assert {"济南市生态环境局", "济南市统计局民意调查中心"} <= _agencies(text, lexicon)
    text = "厦门市公安局依法立案侦办，厦门市人民政府副市长、市总河长办公室主任到场。"
    agencies = _agencies(text, lexicon)
    assert {"厦门市公安局", "厦门市总河长办公室"} <= agencies
    assert not any(name.endswith(("侦办", "副市长、市总河长办公室")) for name in agencies)


def test_corner_brackets_quote_a_name_as_curly_quotes_do(lexicon: Lexicon) -> None:
    # a text in traditional script quotes with 「」
    text = "福建省三明市檢察院與三明市河長辦建立「河長+檢察長」協作機制。"
    assert "河长+检察长协作机制" in _programmes(text, lexicon)


def test_quoted_items_listed_before_the_type_words_after_deng_share_them(
    lexicon: Lexicon,
) -> None:
    text = (
        "湖南省郴州市推行“河长+警长”“河长+检察长”等协作机制，并深化“碧水护郴”“净土护郴”等专项执法。"
    )
    assert {
        "河长+警长协作机制",
        "河长+检察长协作机制",
        "碧水护郴专项执法",
        "净土护郴专项执法",
    } <= _programmes(text, lexicon)


def test_a_word_between_a_quoted_term_and_the_type_word_is_part_of_the_name(
    lexicon: Lexicon,
) -> None:
    # jieba tags 巡护 as a verb, which would otherwise end the name
    text = "甘肃省甘南州碌曲县建立“护林员+网格员”巡护机制，巡护里程明显增加。"
    assert "护林员+网格员巡护机制" in _programmes(text, lexicon)


def test_a_project_named_in_quotes_is_a_programme(lexicon: Lexicon) -> None:
    text = "宁夏回族自治区中卫市推进“光伏+生态修复”项目，省环科院主持的“黄河上游水沙调控关键技术”课题通过验收。"
    assert {"光伏+生态修复", "黄河上游水沙调控关键技术"} <= _programmes(text, lexicon)


def test_a_quoted_campaign_before_a_bare_head_is_named_by_the_quote(lexicon: Lexicon) -> None:
    text = "四川省绵阳市在高考期间开展“宁静护考”行动，并启动“碧海2025”专项执法行动。"
    assert _programmes(text, lexicon) == {"宁静护考", "碧海2025专项执法行动"}


def test_platforms_and_systems_with_a_name_of_their_own_are_programmes(lexicon: Lexicon) -> None:
    text = "江苏省南通市依托“智慧长江”监测预警平台和全国排污许可证管理信息系统开展监管。"
    assert {"智慧长江监测预警平台", "全国排污许可证管理信息系统"} <= _programmes(text, lexicon)
    # a platform named by what it does only is anyone's
    assert _programmes("各地通过污染源自动监控平台开展监管。", lexicon) == set()


def test_a_name_held_in_quotes_after_its_province_is_what_they_hold(lexicon: Lexicon) -> None:
    text = "梅州市平远县以广东省“百县千镇万村高质量发展工程”为牵引，推进污水治理。"
    assert "百县千镇万村高质量发展工程" in _programmes(text, lexicon)
    # words of the name before the quote stay in it
    text = "湖南省株洲市深入推进湘江保护和治理“一号重点工程”。"
    assert "湘江保护和治理一号重点工程" in _programmes(text, lexicon)


def test_a_quote_after_a_joiner_opens_a_name_of_its_own(lexicon: Lexicon) -> None:
    text = "吉林省松原市依托大安灌区和“引嫩入白”工程向湖泊补水。"
    assert "引嫩入白工程" in _programmes(text, lexicon)
    assert not any(name.startswith("大安") for name in _programmes(text, lexicon))


def test_quoted_items_before_deng_share_a_head_only_as_a_list_of_schemes(
    lexicon: Lexicon,
) -> None:
    text = (
        "浙江省建立“两重”“两新”等重大项目建设台账，并开展环评、打着环保幌子搞“一刀切”等专项整治。"
    )
    assert _programmes(text, lexicon) == set()


def test_the_offices_of_every_city_are_no_one_body(lexicon: Lexicon) -> None:
    text = "海南省总河长办公室通知各设区市总河长办公室做好考核工作。"
    agencies = _agencies(text, lexicon)
    assert "海南省总河长办公室" in agencies
    assert len(agencies) == 1


def test_a_slogan_of_two_phrases_in_quotes_names_the_series(lexicon: Lexicon) -> None:
    text = "湖北省高质量制作“美丽湖北，你我共建”系列宣传片，全方位展现成效。"
    assert "美丽湖北,你我共建系列宣传片" in _programmes(text, lexicon)


def test_a_joint_campaign_or_contest_keeps_its_joint(lexicon: Lexicon) -> None:
    text = "四川省在全国首创监测与执法联合大比武，并开展“护水2025”联合执法行动。"
    assert "监测与执法联合大比武" in {m.name for m in entities(text, lexicon) if m.type == "Event"}
    assert "护水2025联合执法行动" in _programmes(text, lexicon)
    # 联合 before another body introduces it, as before
    assert _agencies("湖南省生态环境厅联合省公安厅印发通知。", lexicon) == {
        "湖南省生态环境厅",
        "湖南省公安厅",
    }


def test_how_a_field_is_governed_and_the_experience_of_a_reform_are_no_programmes(
    lexicon: Lexicon,
) -> None:
    text = "浙江省健全钱塘江流域生态环境监督管理体制机制，努力形成更多浙江改革经验。"
    assert _programmes(text, lexicon) == set()


def test_an_inspection_named_at_a_level_is_no_event(lexicon: Lexicon) -> None:
    text = "广西壮族自治区中央层面督察整改任务全部完成。"
    assert not any(m.type == "Event" for m in entities(text, lexicon))


def test_a_provincial_inspection_without_its_round_is_the_round_the_text_names(
    lexicon: Lexicon,
) -> None:
    text = (
        "衡阳市公开省级生态环境保护督察整改方案。湖南省第二生态环境保护督察组对衡阳市开展了"
        "第三轮省级生态环境保护督察。"
    )
    events = {m.name for m in entities(text, lexicon) if m.type == "Event"}
    assert events == {"湖南省第三轮生态环境保护督察"}


def test_an_institute_named_by_its_short_form_takes_the_name_the_lexicon_knows(
    lexicon: Lexicon,
) -> None:
    text = "江西省南昌市的治理方案由省环科规划院编制。"
    assert "江西省生态环境科学研究与规划院" in _agencies(text, lexicon)


def test_waters_named_by_their_count_in_quotes_are_a_place(lexicon: Lexicon) -> None:
    text = "湖南省推进“四江”及洞庭湖岸线清理整治，实现“两江”联合补水。"
    found = entities(text, lexicon)
    assert {"四江", "两江"} <= {m.name for m in found if m.type == "Place"}
    assert not any(m.name in ("四江", "两江") for m in found if m.type == "Programme")


def test_an_award_written_with_its_grade_is_the_award(lexicon: Lexicon) -> None:
    text = "该成果获得湖南省科学技术进步一等奖，另一项目荣获全国生态环境科技进步二等奖。"
    events = {m.name for m in entities(text, lexicon) if m.type == "Event"}
    assert {"湖南省科学技术进步奖", "全国生态环境科技进步奖"} <= events


def test_a_campaigns_work_before_a_joiner_ends_the_name_on_the_left(lexicon: Lexicon) -> None:
    text = "四川省持续推进大气污染防治攻坚和长江保护修复攻坚战。"
    assert "长江保护修复攻坚战" in _programmes(text, lexicon)
    assert not any(name.startswith("大气") for name in _programmes(text, lexicon))


def test_a_count_after_a_comma_is_no_numbered_policy(lexicon: Lexicon) -> None:
    text = "福建省出台支持绿色金融发展10条、推进海洋生态保护8条等措施，全年新建成幸福河湖26条，移交线索14条。"
    policies = {m.name for m in entities(text, lexicon) if m.type == "Policy"}
    assert policies == {"支持绿色金融发展10条", "推进海洋生态保护8条"}


def test_a_governments_information_office_is_named_in_full(lexicon: Lexicon) -> None:
    text = "湖北省政府新闻办举行新闻发布会，襄阳市人民政府新闻办公室协办。"
    assert {"湖北省人民政府新闻办公室", "襄阳市人民政府新闻办公室"} <= _agencies(text, lexicon)


def test_a_court_chamber_takes_the_courts_full_name_a_special_court_keeps_its_own(
    lexicon: Lexicon,
) -> None:
    text = "江苏省常州市中院环境资源审判庭、南京海事法院和常州两级法院审结一批案件。"
    agencies = _agencies(text, lexicon)
    assert {"常州市中级人民法院环境资源审判庭", "南京海事法院"} <= agencies
    assert not any("海事人民法院" in name or "两级" in name for name in agencies)
    # the parts of a people's congress standing committee keep its short form
    text = "湖北省人大常委会法制工作委员会负责人介绍。"
    assert "湖北省人大常委会法制工作委员会" in _agencies(text, lexicon)


def test_a_programme_helped_along_starts_after_the_helping_verb(lexicon: Lexicon) -> None:
    # jieba reads 助力 as a noun: the walk to the left still stops there
    text = "青海省检察机关以高质效办案助力美丽青海建设。"
    assert _programmes(text, lexicon) == {"美丽青海建设"}


def test_development_zones_are_places(lexicon: Lexicon) -> None:
    text = "甘肃省天水经济技术开发区和兰州新区推进园区污水整治，重庆两江新区同步开展。"
    assert {"天水经济技术开发区", "兰州新区"} <= _places(text, lexicon)
    # no place's name holds 和
    text = "河北省白洋淀和雄安新区是执法监管的重点。"
    assert not any("和" in name for name in _places(text, lexicon))
