"""Policy and regulation titles in 《》, with sentences written for the tests."""

from __future__ import annotations

from pathlib import Path

from ecokg.corpus import Document
from ecokg.extract.base import EntityMention
from ecokg.extract.lexicon import Lexicon
from ecokg.extract.titles import extract_titles
from ecokg.text.analyzed import AnalyzedDoc


def titles(text: str, lexicon: Lexicon) -> list[EntityMention]:
    doc = Document("t", Path("t.txt"), text, "utf-8")
    return list(extract_titles(AnalyzedDoc.of(doc), lexicon))


def test_regulation_and_policy_by_suffix(lexicon: Lexicon) -> None:
    found = titles(
        "四川省出台《四川省嘉陵江流域生态环境保护条例》和《成都平原经济区大气污染联防联控实施方案》。",
        lexicon,
    )
    assert [(m.type, m.name, dict(m.attributes)["instrumentType"]) for m in found] == [
        ("Regulation", "四川省嘉陵江流域生态环境保护条例", "条例"),
        ("Policy", "成都平原经济区大气污染联防联控实施方案", "实施方案"),
    ]


def test_short_name_resolves_to_full_title(lexicon: Lexicon) -> None:
    text = "印发《贵州省乌江流域水污染治理攻坚行动计划》（以下简称《行动计划》）。《行动计划》明确了目标。"
    found = titles(text, lexicon)
    assert {m.name for m in found} == {"贵州省乌江流域水污染治理攻坚行动计划"}
    # the full title, the declaration of the short name and its later use
    assert [m.span.text for m in found] == [
        "贵州省乌江流域水污染治理攻坚行动计划",
        "行动计划",
        "行动计划",
    ]


def test_bare_type_word_refers_to_last_title_of_that_type(lexicon: Lexicon) -> None:
    text = "《关于加快推进美丽河南建设的意见》提出，……《意见》要求各地落实。"
    names = [m.name for m in titles(text, lexicon)]
    assert names == ["关于加快推进美丽河南建设的意见"] * 2


def test_books_and_reports_without_instrument_suffix_are_not_policies(lexicon: Lexicon) -> None:
    assert titles("出版《长江保护修复典型案例汇编》一书。", lexicon) == []


def test_traditional_title_is_canonicalised_to_simplified(lexicon: Lexicon) -> None:
    (mention,) = titles("頒布《臺灣地區空氣污染防制法》。", lexicon)
    assert mention.name == "台湾地区空气污染防制法"
    assert mention.span.text == "臺灣地區空氣污染防制法"
