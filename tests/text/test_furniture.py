"""Page furniture is found by the source's lines, in normalised coordinates, and entities are
not taken from it (except a public body that published the page)."""

from __future__ import annotations

from pathlib import Path

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract.entities import extract_entities
from ecokg.extract.lexicon import Lexicon
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.furniture import furniture_spans

PAGE = (
    "湘江治理见成效\n"
    "首页 > 新闻中心 > 工作动态\n"
    "来源：长沙晚报  发布时间：2025-05-01  字号：大 中 小\n"
    "新华社长沙5月1日电（记者 王明）岳阳市生态环境局1日发布消息，资江、沅江和澧水水质持续改善\n"
    "株洲市持续推进湘江保护。\n"
    "责任编辑：李华\n"
    "打印本页 关闭窗口 分享到："
)


def analyzed(text: str) -> AnalyzedDoc:
    meta = SourceMeta(published=PartialDate(2025, 5))
    return AnalyzedDoc.of(Document("t", Path("t.txt"), text, "utf-8", meta))


def test_furniture_lines_and_datelines_are_found_and_the_article_is_not(
    lexicon: Lexicon,
) -> None:
    doc = analyzed(PAGE)
    pieces = [doc.text[f.start : f.end] for f in furniture_spans(doc, lexicon.words["furniture"])]
    assert "首页 > 新闻中心 > 工作动态" in pieces
    assert any(p.startswith("来源:长沙晚报") for p in pieces)
    assert "新华社长沙5月1日电" in pieces and "(记者 王明)" in pieces
    assert "责任编辑:李华" in pieces
    # the dateline's paragraph runs on without punctuation into the next line: not furniture
    assert not any("岳阳市" in p or "株洲市" in p for p in pieces)


def test_no_entity_comes_from_furniture(lexicon: Lexicon) -> None:
    names = {m.name for m in extract_entities(analyzed(PAGE), lexicon)}
    assert {"岳阳市生态环境局", "株洲市", "资江"} <= names
    assert not names & {"新华社", "长沙晚报", "李华", "王明"}


def test_a_public_body_that_published_the_page_stays_an_entity(lexicon: Lexicon) -> None:
    page = "湘江水质通报\n来源：湖南省生态环境厅  发布时间：2025-05-01\n湘江水质持续改善。"
    names = {m.name for m in extract_entities(analyzed(page), lexicon)}
    assert "湖南省生态环境厅" in names


def test_links_to_other_stories_under_their_heading_are_furniture(lexicon: Lexicon) -> None:
    text = (
        "全省新污染物治理取得进展。\n"
        "\n"
        "【相关链接】\n"
        "· 闽江流域生态补偿资金去年下达5.2亿元\n"
        "\n"
        "· 我省召开全省生态环境保护工作会议\n"
        "· 一段正文之后的要点\n"
    )
    doc = analyzed(text)
    pieces = [doc.text[f.start : f.end] for f in furniture_spans(doc, lexicon.words["furniture"])]
    assert any("5.2亿元" in p for p in pieces)
    assert any("工作会议" in p for p in pieces)
    assert not any("新污染物治理" in p for p in pieces)
    # a bulleted line with no links heading above it is the article's own
    plain = analyzed("全省新污染物治理取得进展。\n· 完成调查企业1248家\n")
    assert furniture_spans(plain, lexicon.words["furniture"]) == []
