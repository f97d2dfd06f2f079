"""Queries that follow the division hierarchy (ekg:partOf) on a small corpus written here: a
city's counties and a town the gazetteer lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.api import build, open_kg, query
from ecokg.store import KnowledgeGraph

YUEYANG = """岳阳市2025年上半年生态环境质量通报
岳阳市生态环境局发布上半年全市生态环境质量状况。
平江县PM2.5平均浓度为28微克/立方米，湘阴县空气优良天数比率为91.2%。
长沙市PM2.5平均浓度为35微克/立方米。
湘阴县樟树镇完成农村生活污水治理12处。
"""

SOURCES = """yueyang:
  title: 岳阳市2025年上半年生态环境质量通报
  publisher: 岳阳市生态环境局
  published: 2025-07-10
"""


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    corpus = tmp_path_factory.mktemp("yueyang")
    (corpus / "yueyang.txt").write_text(YUEYANG, encoding="utf-8")
    (corpus / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    out = Path(tmp_path_factory.mktemp("kg")) / "out"
    assert build(corpus, out).ok
    return open_kg(out)


def test_observations_of_a_city_include_its_counties_and_towns(kg: KnowledgeGraph) -> None:
    rows = query(kg, "observations_within_place", area="id:place/430600").records()
    places = {str(r["place"]) for r in rows}
    assert {"平江县", "湘阴县"} <= places
    assert "长沙市" not in places  # another city
    assert {str(r["areaName"]) for r in rows} == {"岳阳市"}
    town = [r for r in rows if str(r["place"]) == "樟树镇"]
    assert town, f"no observation of the town among {sorted(places)}"


def test_observations_of_a_province_reach_down_every_level(kg: KnowledgeGraph) -> None:
    province = {
        str(r["place"])
        for r in query(kg, "observations_within_place", area="id:place/430000").records()
    }
    assert {"平江县", "湘阴县", "长沙市"} <= province


def test_entities_of_a_place_with_its_parts(kg: KnowledgeGraph) -> None:
    rows = query(kg, "entities_within_place", area="id:place/430600").records()
    found = {(str(r["type"]), str(r["name"])) for r in rows}
    assert {("Place", "平江县"), ("Place", "湘阴县"), ("Place", "樟树镇")} <= found
    assert ("Place", "长沙市") not in found
    assert ("Agency", "岳阳市生态环境局") in found


def test_a_town_the_gazetteer_lacks_hangs_under_its_county(kg: KnowledgeGraph) -> None:
    rows = query(kg, "entities_within_place", area="id:place/430624").records()
    assert ("Place", "樟树镇") in {(str(r["type"]), str(r["name"])) for r in rows}
