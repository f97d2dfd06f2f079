"""Canonical names: province-relative forms, department short forms, abbreviations."""

from __future__ import annotations

from pathlib import Path

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract.entities import extract_entities
from ecokg.extract.lexicon import Lexicon
from ecokg.extract.resolve import Resolver, is_subsequence
from ecokg.text.analyzed import AnalyzedDoc


def _doc(text: str) -> AnalyzedDoc:
    return AnalyzedDoc.of(
        Document("r", Path("r.txt"), text, "utf-8", SourceMeta(published=PartialDate(2025)))
    )


def test_province_relative_names_take_the_home_province(lexicon: Lexicon) -> None:
    resolver = Resolver(_doc("甘肃省兰州市、天水市持续改善空气质量。"), lexicon)
    assert resolver.canonical("Agency", "省生态环境厅") == "甘肃省生态环境厅"
    assert resolver.canonical("Agency", "省政府") == "甘肃省人民政府"
    assert resolver.canonical("Agency", "省住建厅") == "甘肃省住房和城乡建设厅"
    assert resolver.canonical("Event", "全省生态环境保护大会") == "甘肃省生态环境保护大会"
    # "省以下" is "below the province", not the province's own
    assert resolver.canonical("Programme", "省以下生态环境机构垂直管理制度改革").startswith(
        "省以下"
    )


def test_abbreviation_resolves_to_a_longer_name_in_the_same_document(lexicon: Lexicon) -> None:
    resolver = Resolver(_doc("福建省福州市。"), lexicon)
    resolver.know("Agency", ["福建省生态环境保护督察办公室"])
    assert resolver.canonical("Agency", "省督察办") == "福建省生态环境保护督察办公室"
    assert is_subsequence("督察办", "生态环境保护督察办公室")


def test_party_committee_is_no_abbreviation(lexicon: Lexicon) -> None:
    """省委 is the province's party committee, not short for 省卫生健康委员会 named nearby."""
    resolver = Resolver(_doc("福建省福州市。"), lexicon)
    resolver.know("Agency", ["福建省卫生健康委员会", "福建省生态环境保护督察办公室"])
    assert resolver.canonical("Agency", "省委") == "福建省委"
    assert resolver.canonical("Agency", "省督察办") == "福建省生态环境保护督察办公室"


def test_distinct_institutes_are_not_merged(lexicon: Lexicon) -> None:
    """中国科学院 is not an abbreviation of 中国环境科学研究院, though its characters fit."""
    text = "中国科学院、中国环境科学研究院和清华大学的专家参加了四川省成都市的研讨会。"
    names = {m.name for m in extract_entities(_doc(text), lexicon) if m.type == "Agency"}
    assert {"中国科学院", "中国环境科学研究院", "清华大学"} <= names


def test_short_listed_items_fuse_but_listed_names_stay_apart(lexicon: Lexicon) -> None:
    text = "广西壮族自治区打好蓝天、碧水、净土提升攻坚战，在自治区党委、省委、省政府领导下，对柳钢集团、广西投资集团开展督察。"
    found = {(m.type, m.name) for m in extract_entities(_doc(text), lexicon)}
    assert ("Programme", "蓝天碧水净土提升攻坚战") in found
    assert ("Agency", "柳钢集团") in found and ("Agency", "广西投资集团") in found
    assert not any("、" in name for _, name in found)


def test_a_batch_number_is_not_part_of_the_name(lexicon: Lexicon) -> None:
    text = "浙江省湖州市入选第二批国家碳达峰试点城市。"
    names = {m.name for m in extract_entities(_doc(text), lexicon) if m.type == "Programme"}
    assert names == {"国家碳达峰试点城市"}
