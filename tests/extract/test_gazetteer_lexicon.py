"""The hand-kept gazetteer (data/lexicons/places.yaml): water bodies, landforms and regions are
typed as such, keep clear of the divisions' names, and give way to towns named after them."""

from __future__ import annotations

from ecokg.extract.gazetteer import county_short_form, read_divisions
from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import document_locality, find_places

_NATURAL = ("river", "lake", "reservoir", "sea", "island", "mountain")
# Water and mountains far better known than the county-level city or county named after them:
# their name beats the division's short form (沅江 is the river, 沅江市 is written in full).
_WATER_OVER = {"饶河", "沅江", "太湖", "巢湖", "洪湖", "东海"}
_OVER_A_SHORT_FORM = _WATER_OVER | {"庐山", "井冈山", "武夷山", "黄山", "峨眉山"}


def _found(text: str, lexicon: Lexicon) -> dict[str, str]:
    return {h.place.name: h.place.type for h in find_places(text, lexicon)}


def test_no_natural_place_shares_a_name_with_another_place_or_a_county_s_stem(
    lexicon: Lexicon,
) -> None:
    stems = {county_short_form(d.name) for d in read_divisions()} - {None}
    clashes = []
    for place in lexicon.places.values():
        if place.type not in _NATURAL:
            continue
        for form in (place.name, *place.aliases):
            owners = lexicon.place_candidates.get(form, (place,))
            stem = form in stems and form not in _OVER_A_SHORT_FORM
            if len(owners) > 1 or lexicon.place_by_alias[form] != place or stem:
                clashes.append(form)
    assert clashes == []


def test_water_bodies_landforms_and_regions_are_typed_as_such(lexicon: Lexicon) -> None:
    text = (
        "渤海湾、莱州湾近岸海域水质改善，崇明岛东滩候鸟增多；柴达木盆地和青藏高原降水偏多，"
        "雅砻江、大渡河来水正常，赛里木湖、滇池、龙羊峡水库水位稳定，阿尔泰山积雪偏厚。"
    )
    found = _found(text, lexicon)
    assert found["渤海湾"] == "sea"
    assert found["莱州湾"] == "sea"
    assert found["崇明岛"] == "island"
    assert found["柴达木盆地"] == "region"
    assert found["青藏高原"] == "region"
    assert found["雅砻江"] == found["大渡河"] == "river"
    assert found["赛里木湖"] == found["滇池"] == "lake"
    assert found["龙羊峡水库"] == "reservoir"
    assert found["阿尔泰山"] == "mountain"


def test_a_town_named_after_a_water_body_is_the_town(lexicon: Lexicon) -> None:
    found = _found("吉林省大安市月亮泡镇完成秸秆禁烧巡查，月亮泡水面保持稳定。", lexicon)
    assert found.get("月亮泡镇") == "town"
    assert found.get("月亮泡") == "lake"  # written alone it is the lake
    # ...but not where the word goes on (乡村, 镇区): "沿长江乡村" is the river
    assert _found("沿长江乡村振兴示范带建设提速", lexicon).get("长江") == "river"


def test_a_title_saying_our_city_speaks_for_the_city_not_the_bay_it_names(
    lexicon: Lexicon,
) -> None:
    title = "莱州湾近岸海域水质稳中向好"
    bay = document_locality(title, lexicon, None)
    assert bay is not None and bay.name == "莱州湾"
    # the speaker is whoever publishes it (found from the page), not the bay
    assert document_locality(title + " 我市海湾治理取得新成效", lexicon, None) is None


def test_a_name_not_taken_gives_back_what_runs_past_it(lexicon: Lexicon) -> None:
    # 贺江 straddles 祝贺|江苏: the province that starts inside it is still found
    found = _found("我们祝贺江苏省生态环境厅获评先进集体。", lexicon)
    assert found.get("江苏省") == "province"
    assert "贺江" not in found
    # ...but a name wholly inside the one not taken is none (支流|沙颍河 holds no 颍河)
    assert "颍河" not in _found("作为淮河支流沙颍河的上游，", lexicon)
