"""Session 31: rules measured on blind set 40 and the sets before it (sentences written here)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from test_entities import entities, pairs
from test_observations import observe
from test_observations_unseen import by_value

from ecokg.extract.lexicon import Lexicon
from ecokg.text.normalize import normalize, uses_minguo


def test_minguo_years_are_read_in_the_common_era(lexicon: Lexicon) -> None:
    # a Taiwan release counts years from 1912: 112年 is 2023, 115年 a target year of 2026
    text = (
        "環境部今（16）日公布112年臺灣河川水質監測結果。112年全國河川未受污染長度比率為"
        "68.2%，較111年的66.9%增加1.3個百分點；嚴重污染長度比率降至3.1%。依據「水污染"
        "防治方案（112年至115年）」，115年嚴重污染長度比率目標降至2%以下。今（113）年已編列"
        "新臺幣12.4億元推動污水下水道建設。\n"
    )
    found = by_value(observe(text, lexicon, published="2024-01-16"))
    assert found[Decimal("68.2")].period.code == "2023"
    assert found[Decimal("66.9")].period.code == "2022"
    assert found[Decimal(2)].period.code == "2026"
    assert found[Decimal(2)].modality == "target"
    assert found[Decimal("1240000000")].period.code == "2024"
    # in Taiwan's own text the whole country is Taiwan, not China
    assert found[Decimal("68.2")].place == "台湾省"


def test_a_minguo_date_and_the_spans_stay_exact() -> None:
    original = "發布日期：113-03-08\n臺灣113年空氣品質良好，較112年改善。\n"
    norm = normalize(original)
    assert norm.minguo
    assert "2024-03-08" in norm.text and "2024年" in norm.text and "2023年" in norm.text
    at = norm.text.index("2023")
    start, end = norm.original_span(at, at + 5)
    assert original[start:end] == "112年"


def test_three_digit_numbers_are_no_minguo_years_elsewhere() -> None:
    # a mainland text: its years have four digits; 100年 is a duration
    assert not uses_minguo("台湾同胞参观了这座有110年历史的水厂，2024年接待游客120万人次。")
    assert not uses_minguo("该河段治理已持续100年来未断，113年的记录显示……")  # names no Taiwan
    assert uses_minguo("民国113年全国空气品质持续改善")
    assert normalize("民國113年全國空氣品質持續改善").minguo


@given(st.integers(min_value=100, max_value=149))
def test_every_minguo_year_maps_to_its_common_year(year: int) -> None:
    text = f"臺灣{year}年河川水質監測結果，{year}年全國良好比率為70%，較{year - 1}年增加。"
    norm = normalize(text)
    assert f"{year + 1911}年" in norm.text
    assert f"{year + 1910}年" in norm.text
    # every character of the rewritten year still points at the year it came from
    at = norm.text.index(f"{year + 1911}年")
    start, end = norm.original_span(at, at + 5)
    assert text[start:end] == f"{year}年"


def test_taiwan_units_and_counters(lexicon: Lexicon) -> None:
    text = (
        "113年全國細懸浮微粒年平均值為13.6微克/立方公尺，紅色警示等級共出現142站日；"
        "新增微型感測器1,350具，封填廢棄水井215眼，新建綠建築86棟。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-01-16"))
    assert found[Decimal("13.6")].unit == "ug_per_m3"
    for value in ("142", "1350", "215", "86"):
        assert found[Decimal(value)].unit == "count", value


def test_ph_values_are_index_values(lexicon: Lexicon) -> None:
    text = (
        "2024年，全市降水pH年均值为5.71，单次降水pH最低值为4.48；各区县降水pH年均值范围为"
        "5.02～6.93。酸雨区降水pH年均值分别为5.12、5.33和5.49。"
        "全年未出现pH低于4.5的重酸雨；AQI大于150的重污染天数为3天。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-02-20"))
    for value in ("5.71", "4.48", "5.02", "5.12", "5.33", "5.49"):
        assert found[Decimal(value)].unit == "index", value
    # a class's bound is no measured value
    assert Decimal("4.5") not in found and Decimal(150) not in found
    assert found[Decimal(3)].unit == "day"


def test_a_table_whose_rows_name_categories(lexicon: Lexicon) -> None:
    text = (
        "崇义县2024年度土地利用现状公报\n\n"
        "　　全县主要地类面积及变化情况见下表。\n\n"
        "表1　主要地类面积\n"
        "地类\t面积（公顷）\t占土地总面积（%）\t较上年度变化（公顷）\n"
        "耕地\t41236.52\t21.40\t+312.06\n"
        "林地\t120874.13\t62.73\t-86.40\n"
        "合计\t192700.00\t100.00\t0\n"
    )
    found = by_value(observe(text, lexicon, published="2025-03-10", publisher="崇义县自然资源局"))
    assert found[Decimal("41236.52")].unit == "hectare"
    assert found[Decimal("41236.52")].period.code == "2024"
    assert found[Decimal("21.40")].unit == "percent"
    assert found[Decimal("312.06")].unit == "hectare"
    assert found[Decimal("-86.40")].unit == "hectare"  # a fall keeps its sign
    # each row's metrics are its category's own
    assert found[Decimal("41236.52")].indicator.label.startswith("耕地")
    assert found[Decimal("120874.13")].indicator.label.startswith("林地")
    assert Decimal("192700") not in found  # the total repeats the others


def test_count_columns_without_a_unit_and_rows_are_no_headlines(lexicon: Lexicon) -> None:
    text = (
        "抚州市2023年度地下水环境质量状况\n\n"
        "　　各县（市、区）监测结果见下表。\n\n"
        "　　县（市、区）    监测点位数    Ⅰ—Ⅲ类比例（%）    超标点位数\n"
        "　　黎川县    9    55.6    3\n"
        "　　南丰县    11    36.4    4\n\n"
        "　　全年封填废弃机井3眼，新建监测井4眼。\n"
    )
    found = observe(text, lexicon, published="2024-03-20")
    cells = {(o.place, o.value): o for o in found if o.value_span.text in ("3", "4")}
    # the counted classes are outcomes of their rows' places
    assert cells[("黎川县", Decimal(3))].unit == "count"
    assert cells[("南丰县", Decimal(4))].unit == "count"
    # the count of points a row's share is of is its scope
    assert not [o for o in found if o.value in (Decimal(9), Decimal(11))]
    # a row of numbers is not a headline that the story's 3眼 repeats
    wells = [o for o in found if o.value_span.text == "3眼"]
    assert len(wells) == 1 and wells[0].place != "黎川县"


def test_a_title_listing_divisions_speaks_for_the_one_holding_them(lexicon: Lexicon) -> None:
    text = (
        "　　约谈指出，1—10月，全省PM2.5平均浓度为41.6微克/立方米，同比下降3.5%；"
        "优良天数比率为66.8%，同比上升1.9个百分点。\n"
    )
    found = by_value(
        observe(
            text,
            lexicon,
            published="2025-11-14",
            title="省生态环境厅公开约谈许昌、漯河、周口三市政府",
            publisher="河南省生态环境厅",
        )
    )
    for value in ("41.6", "66.8", "1.9"):
        assert found[Decimal(value)].place == "河南省", value


def test_since_this_year_a_total_is_of_the_year(lexicon: Lexicon) -> None:
    text = "　　今年以来，全市累计出动执法人员3.2万人次，检查企业1.1万家次。\n"
    found = by_value(observe(text, lexicon, published="2025-09-10"))
    assert found[Decimal(32000)].period.code == "2025"
    since = "　　2023年以来，全市累计出动执法人员9.6万人次。\n"
    assert by_value(observe(since, lexicon, published="2025-09-10"))[
        Decimal(96000)
    ].period.code == ("2023/2025")
    # a running total with no start stays one
    plain = "　　全市累计出动执法人员9.6万人次。\n"
    assert by_value(observe(plain, lexicon, published="2025-09-10"))[
        Decimal(96000)
    ].period.code == ("cumulative")


def test_a_park_inside_the_titles_division_and_a_species_named_after_a_place(
    lexicon: Lexicon,
) -> None:
    text = (
        "　　记者从大熊猫国家公园四川省管理局获悉，2025年度海南长臂猿野外种群已增至6群38只，"
        "较上一年度增加2只。海南长臂猿主要栖息地超过九成位于核心保护区。\n"
    )
    found = by_value(
        observe(
            text,
            lexicon,
            published="2026-01-09",
            title="海南长臂猿种群增至6群38只——海南热带雨林国家公园保护观察",
        )
    )
    # the park the title names within Hainan, not the province the species is named after
    for value in ("6", "38", "2", "90"):
        assert found[Decimal(value)].place == "海南热带雨林国家公园", value
    # 6群38只: two counts of one population
    assert found[Decimal(38)].indicator == found[Decimal(6)].indicator


def test_a_capacity_at_a_deadline_is_a_running_total(lexicon: Lexicon) -> None:
    text = (
        "　　截至2025年底，全区新能源装机容量达到3150万千瓦，占电源总装机的41.2%；"
        "建成污水管网1286公里；红树林面积达3200公顷。\n"
    )
    found = by_value(observe(text, lexicon, published="2026-01-20"))
    for value in ("31500000", "1286"):
        assert found[Decimal(value)].period.code == "cumulative", value
        assert found[Decimal(value)].period.as_of == "2025-12-31", value
    # a share, and the extent of a natural area, at the deadline keep its year
    assert found[Decimal("41.2")].period.code == "2025"
    assert found[Decimal(3200)].period.code == "2025"


def test_findings_take_the_months_the_examination_covered(lexicon: Lexicon) -> None:
    text = (
        "　　会议通报了6月至8月省级暗查暗访发现的问题。暗访组在两市共发现涉水环境问题86个，"
        "其中许昌市51个、漯河市35个；抽查的污水处理厂中，有近两成存在超标排放问题。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-09-20"))
    for value in ("86", "51", "35", "20"):
        assert found[Decimal(value)].period.code == "2025-06/2025-08", value


def test_a_counters_character_opens_a_name_when_no_number_stands_before_it(
    lexicon: Lexicon,
) -> None:
    # 台, 家, 条 count things after a number; opening a name they are part of it
    found = pairs(entities("据介绍，台州电力公司和台山核电有限公司今年减少排放。", lexicon))
    assert ("Agency", "台州电力公司") in found
    assert ("Agency", "台山核电有限公司") in found
    # a generic meeting of a project is no event's name
    assert not [m for m in entities("共召开项目推进会9次，开展现场督导46次。", lexicon)]


def test_a_quota_met_is_an_outcome_a_weight_in_an_assessment_is_not(lexicon: Lexicon) -> None:
    text = (
        "　　2025年，全区非水电可再生能源电力消纳责任权重完成22.8%。"
        "考核结果纳入乡镇年度综合考核，权重不低于8%。\n"
    )
    found = by_value(observe(text, lexicon, published="2026-01-20"))
    assert found[Decimal("22.8")].unit == "percent"
    assert Decimal(8) not in found


def test_a_statement_opened_by_a_time_to_come_and_an_intent_sets_targets(
    lexicon: Lexicon,
) -> None:
    text = "　　下一步，将新建污水管网120公里，改造雨污合流管网35公里。\n"
    found = by_value(observe(text, lexicon, published="2025-08-01"))
    assert found[Decimal(120)].modality == "target"
    assert found[Decimal(35)].modality == "target"
    done = "　　今年计划完成造林2300万亩，上半年已完成1470万亩，占年度任务的六成以上。\n"
    found = by_value(observe(done, lexicon, published="2025-08-01"))
    assert found[Decimal(23000000)].modality == "target"
    assert found[Decimal(14700000)].modality == "achieved"
    assert found[Decimal(60)].modality == "achieved"


def test_a_goals_value_and_the_margin_a_result_passed_it_by(lexicon: Lexicon) -> None:
    text = (
        "　　2025年，全省非水电可再生能源电力消纳责任权重完成19.6%，"
        "超过国家下达的18.2%目标1.4个百分点。\n"
    )
    found = by_value(observe(text, lexicon, published="2026-02-10"))
    assert found[Decimal("19.6")].modality == "achieved"
    assert found[Decimal("18.2")].modality == "target"
    assert found[Decimal("1.4")].modality == "achieved"


def test_a_span_since_a_time_is_its_own_parts(lexicon: Lexicon) -> None:
    text = (
        "　　2024年，全市新建污水管网120公里，2021年以来累计建成386公里；改造雨污合流管网35公里。\n"
    )
    found = by_value(observe(text, lexicon, published="2025-02-10"))
    assert found[Decimal(386)].period.code == "2021/2024"
    assert found[Decimal(35)].period.code == "2024"
    # one set apart by a comma frames the whole statement
    framing = "　　2023年以来，全市新建污水管网386公里；改造雨污合流管网35公里。\n"
    found = by_value(observe(framing, lexicon, published="2025-02-10"))
    assert found[Decimal(35)].period.code == found[Decimal(386)].period.code == "2023/2024"
