"""Programme and event rules of session 19 (issue 13: programmes and events on unseen documents),
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
