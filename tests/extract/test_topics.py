"""Newspaper pages: which articles and paragraphs are about the environment.

The page below is written for these tests (a Sichuan page, names absent from the lexicons): an
environmental article, a health article with its own agencies and policy title, a business
article with one environmental paragraph, and a photo caption.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract.entities import extract_entities
from ecokg.extract.lexicon import Lexicon
from ecokg.extract.observations import extract_observations
from ecokg.extract.topics import is_caption, off_topic
from ecokg.text.analyzed import AnalyzedDoc

PAGE = """# 四川省推进沱江流域水生态环境保护

本报讯 四川省生态环境厅印发《沱江流域总磷污染防治攻坚方案》，成都市、内江市开展沱江总磷削减专项行动，今年沱江干流断面水质优良比例达到95.2%。

## 我省健全全民健康服务体系

### 推动健康融入城乡建设

本报讯 记者从省卫生健康委获悉，省政府办公厅印发《关于推进全民健康促进行动的意见》，提出12项措施，推动健康融入生态文明建设，全省居民健康素养水平达到31.5%。

《意见》要求，省医保局牵头建立健康服务监测预警体系，推进医疗卫生服务下沉乡镇。

## 绵阳市培育科技产业集群

绵阳市围绕产业链布局新赛道，规上工业增加值增长8.1%，高新技术企业达到1200家，营商环境持续优化。

厚植生态底色，绵阳市深入推进大气污染防治，开展涪江流域生态保护修复专项行动，全市空气质量优良天数比率达到91.3%，生态环境质量持续改善。

坚持管党治党，政治生态持续向上向好，绵阳市委推进网格化治理攻坚行动。

四川省涪江沿岸湿地。图为4月20日，游客在湿地公园观鸟，共有30余种鸟类栖息。本报记者 王明摄
"""


def _doc(text: str) -> AnalyzedDoc:
    meta = SourceMeta(published=PartialDate(2025, 4))
    return AnalyzedDoc.of(Document("page", Path("page.txt"), text, "utf-8", meta))


def _names(lexicon: Lexicon) -> set[str]:
    return {m.name for m in extract_entities(_doc(PAGE), lexicon)}


def test_environmental_article_keeps_its_names(lexicon: Lexicon) -> None:
    names = _names(lexicon)
    assert {"四川省生态环境厅", "沱江流域总磷污染防治攻坚方案", "沱江总磷削减专项行动"} <= names


def test_health_article_names_are_left_out(lexicon: Lexicon) -> None:
    names = _names(lexicon)
    # its agencies, its policy title (even in 《》) and its programmes are not environmental
    # governance, although one sentence mentions 生态文明建设
    for off in ("四川省卫生健康委员会", "四川省人民政府办公厅", "关于推进全民健康促进行动的意见"):
        assert off not in names
    assert not any("健康服务监测预警体系" in n for n in names)


def test_environmental_paragraph_of_a_business_article_is_kept(lexicon: Lexicon) -> None:
    names = _names(lexicon)
    assert any(n.endswith("涪江流域生态保护修复专项行动") for n in names)
    assert "绵阳市委" not in names  # 政治生态 is politics, not ecology
    values = {o.value for o in extract_observations(_doc(PAGE), lexicon)}
    assert Decimal("91.3") in values  # the air-quality figure in the environmental paragraph
    assert Decimal("8.1") not in values and Decimal("1200") not in values


def test_photo_caption_is_no_finding(lexicon: Lexicon) -> None:
    doc = _doc(PAGE)
    captions = [p for p in doc.paragraph_spans if is_caption(doc, lexicon, p)]
    assert len(captions) == 1
    start, end = doc.paragraph_spans[captions[0]]
    assert doc.text[start:end].endswith("摄")
    values = {o.value for o in extract_observations(doc, lexicon)}
    assert Decimal("30") not in values


def test_a_single_article_document_is_judged_by_sentence(lexicon: Lexicon) -> None:
    # without headings the whole text is one article: one clearly off-topic paragraph inside an
    # environmental report is still judged by its own words
    text = (
        "绵阳市开展涪江流域生态保护修复工程，空气质量优良天数比率达到91.3%。\n\n"
        "全市旅游接待游客1200万人次。"
    )
    doc = _doc(text)
    first, second = doc.sentences[0], doc.sentences[-1]
    assert not off_topic(doc, lexicon, first)
    assert off_topic(doc, lexicon, second)


BULLETIN = """宜宾市2025年国民经济和社会发展统计公报

一、综合

全年实现地区生产总值4021.6亿元，比上年增长6.2%。第二产业增加值1856.3亿元，增长7.1%。全年社会消费品零售总额1502.4亿元，比上年增长5.3%。

十、资源、环境和应急管理

全年单位地区生产总值能耗比上年下降3.2%。全市PM2.5年均浓度为33微克/立方米，比上年下降2.9%。全年各类生产安全事故起数和死亡人数比上年分别下降6.4%和9.1%。万元地区生产总值用水量为31.2立方米，万元工业增加值用水量为18.4立方米。
"""


def test_a_statistical_bulletin_keeps_only_its_environment(lexicon: Lexicon) -> None:
    doc = Document(
        "b", Path("b.txt"), BULLETIN, "utf-8", SourceMeta(published=PartialDate.parse("2026-03"))
    )
    found = list(extract_observations(AnalyzedDoc.of(doc), lexicon))
    # water used per unit of GDP or of value added is the environment's, GDP itself is not
    assert {o.value for o in found} == {
        Decimal("3.2"),
        Decimal(33),
        Decimal("2.9"),
        Decimal("31.2"),
        Decimal("18.4"),
    }
    # the bulletin's 全年 is the year its title names, not the year it was published
    assert {o.period.code for o in found} == {"2025"}
