"""Session 27: rules measured on blind set 36 and the sets before it (sentences written here)."""

from __future__ import annotations

import pytest
from test_entities import entities, pairs

from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import find_places


@pytest.mark.parametrize(
    ("text", "wetlands"),
    [
        (  # a wetland named after the water it lies by, written twice: the wetland, not the port
            "沧州南大港湿地是候鸟迁徙的重要驿站。今年南大港湿地监测到鸟类268种。",
            {"南大港湿地"},
        ),
        (  # named once in a list of wetlands
            "盐城湿地、杭州湾湿地和崇明东滩湿地列入名录。",
            {"盐城湿地", "杭州湾湿地"},
        ),
    ],
)
def test_wetlands_named_after_their_water(lexicon: Lexicon, text: str, wetlands: set[str]) -> None:
    found = {h.place.name: h.place.type for h in find_places(text, lexicon)}
    assert {n for n, t in found.items() if t == "wetland"} >= wetlands
    assert "南大港" not in found


@pytest.mark.parametrize(
    "text",
    [
        "全市修复滨海湿地1200公顷，滨海湿地面积保持稳定。",
        "新建人工湿地3处，人工湿地出水稳定达标。",
        "清理滩涂湿地养殖塘42个，滩涂湿地恢复自然岸线。",
        "湿地保护率达到56%，湿地保护率较上年提高2个百分点。",
    ],
)
def test_kinds_of_wetland_are_no_names(lexicon: Lexicon, text: str) -> None:
    assert not [h for h in find_places(text, lexicon) if h.place.type == "wetland"]


def test_a_quoted_term_with_its_type_word_closes_a_name(lexicon: Lexicon) -> None:
    # “三北”工程黄河“几字弯”攻坚战: two programmes, the second does not open with 工程
    found = pairs(entities("全市把防沙治沙纳入“三北”工程黄河“几字弯”攻坚战统筹推进。", lexicon))
    assert {("Programme", "三北工程"), ("Programme", "黄河几字弯攻坚战")} <= found
    assert not any(name.startswith("工程") for _, name in found)
