"""The evaluator: a perfect prediction scores 1.0, a broken one less, and misses are listed."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import CORPUS, DEMO_GOLD_RECORD, run_cli
from ecokg.errors import InputError
from ecokg.evaluate import (
    GoldEntity,
    GoldObservation,
    PredictedEntity,
    PredictedObservation,
    load_gold,
    score,
)

TEXT = "2024年全省PM2.5平均浓度为27微克/立方米，罚没金额1.2亿元。省生态环境厅发布公告。"
TEXTS = {"d": TEXT}
GOLD_OBS = [
    GoldObservation(
        "d",
        "d-o1",
        "PM2.5年均浓度",
        Decimal(27),
        "ug_per_m3",
        "exact",
        "2024",
        "江西省",
        "PM2.5平均浓度为27微克",
    ),
    GoldObservation(
        "d",
        "d-o2",
        "行政处罚金额",
        Decimal(120000000),
        "cny",
        "exact",
        "2024",
        "江西省",
        "罚没金额1.2亿元",
    ),
]
GOLD_ENTS = [GoldEntity("d", "d-e1", "Agency", "江西省生态环境厅", ("省生态环境厅",))]


def _perfect() -> tuple[list[PredictedObservation], list[PredictedEntity]]:
    obs = []
    for g in GOLD_OBS:
        start = TEXT.index(g.anchor)
        obs.append(
            PredictedObservation(
                "d",
                "iri:" + g.indicator,
                g.indicator,
                g.value,
                g.unit,
                g.qualifier,
                g.period,
                g.place,
                g.anchor,
                start,
                start + len(g.anchor),
            )
        )
    start = TEXT.index("省生态环境厅")
    ents = [PredictedEntity("d", "Agency", "江西省生态环境厅", "iri:a", start, start + 6)]
    return obs, ents


def test_perfect_prediction_scores_one() -> None:
    obs, ents = _perfect()
    report = score(TEXTS, GOLD_OBS, GOLD_ENTS, obs, ents)
    assert report.observations.f1 == 1.0 and report.entities.f1 == 1.0
    assert all(
        report.attribute_accuracy(a) == 1.0 for a in ("unit", "period", "qualifier", "place")
    )
    assert not report.misses and not report.false_positives


def test_broken_prediction_scores_less_and_says_why() -> None:
    obs, ents = _perfect()
    wrong_value = replace(obs[0], value=Decimal(28))
    wrong_period = replace(obs[1], period="2023")
    extra = replace(obs[1], value=Decimal(5), start=0, end=5)
    report = score(
        TEXTS,
        GOLD_OBS,
        GOLD_ENTS,
        [wrong_value, wrong_period, extra],
        [replace(ents[0], name="省生态环境厅")],
    )
    assert (
        report.observations.tp == 1 and report.observations.fn == 1 and report.observations.fp == 2
    )
    assert report.observations.f1 < 1.0
    assert report.attribute_accuracy("period") == 0.0
    assert any("d-o1" in miss for miss in report.misses)
    assert report.entities.f1 == 0.0 and report.entities_lenient.f1 == 1.0


def test_names_shared_by_documents_must_share_an_iri() -> None:
    texts = {"a": "省生态环境厅", "b": "省生态环境厅"}
    gold = [GoldEntity(d, f"{d}-e1", "Agency", "江西省生态环境厅", ()) for d in ("a", "b")]
    pred = [PredictedEntity(d, "Agency", "江西省生态环境厅", f"iri:{d}", 0, 6) for d in ("a", "b")]
    report = score(texts, [], gold, [], pred)
    assert report.shared_entities == 1 and len(report.split_entities) == 1


def test_one_predicted_indicator_for_two_gold_metrics_is_reported_as_merged() -> None:
    obs, _ = _perfect()
    one_iri = [replace(o, indicator="iri:same", label="同一指标") for o in obs]
    merged = score(TEXTS, GOLD_OBS, [], one_iri, []).merged_indicators
    assert len(merged) == 1 and "PM2.5年均浓度" in merged[0] and "行政处罚金额" in merged[0]
    assert not score(TEXTS, GOLD_OBS, [], obs, []).merged_indicators


def test_bad_gold_line_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text('{"kind": "obs", "doc": "d"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.jsonl:1"):
        load_gold(tmp_path)


def test_eval_command_on_a_gold_of_its_own(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    record = dict(DEMO_GOLD_RECORD)
    (gold / "000.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    done = run_cli("eval", "--corpus", str(CORPUS), "--gold", str(gold), "--json")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    assert scores["observations"]["recall"] == 1.0
    assert scores["attribute_accuracy"]["unit"] == 1.0


def test_an_area_in_another_unit_of_its_kind_is_the_same_value() -> None:
    text = "全区完成造林101.7万公顷，种草3万公顷。"
    area = ("http://qudt.org/vocab/quantitykind/Area", Decimal(10000))
    sizes = {"hectare": area, "mu": (area[0], Decimal("666.6667"))}
    gold = [
        GoldObservation(
            "d",
            "d-o1",
            "造林面积",
            Decimal(15255000),
            "mu",
            "exact",
            None,
            None,
            "完成造林101.7万公顷",
        ),
        GoldObservation(
            "d", "d-o2", "种草面积", Decimal(30000), "mu", "exact", None, None, "种草3万公顷"
        ),
    ]
    pred = [
        PredictedObservation(
            "d",
            "iri:a",
            "造林面积",
            Decimal(1017000),
            "hectare",
            "exact",
            None,
            None,
            "101.7万公顷",
            6,
            14,
        ),
        PredictedObservation(
            "d",
            "iri:b",
            "种草面积",
            Decimal(30000),
            "hectare",
            "exact",
            None,
            None,
            "3万公顷",
            17,
            21,
        ),
    ]
    report = score({"d": text}, gold, [], pred, [], sizes)
    assert report.observations.tp == 1  # 3万公顷 is 45万亩, not 3万亩
    assert report.attribute_accuracy("unit") == 1.0
    plain = score({"d": text}, gold, [], pred, [])  # no sizes: numbers compared as written
    assert [m.split()[0] for m in plain.misses] == ["d-o1"]


def test_a_unit_the_gold_format_has_no_name_for_is_a_count() -> None:
    """公里 is not among the format's units: the gold writes such an amount as a count, and the
    graph's km is then right; a unit the format does name must match."""
    text = "新建管网1300公里，处理污水2.1万吨。"
    gold = [
        GoldObservation(
            "d", "d-o1", "管网长度", Decimal(1300), "count", "exact", None, None, "新建管网1300公里"
        ),
        GoldObservation(
            "d",
            "d-o2",
            "污水处理量",
            Decimal(21000),
            "count",
            "exact",
            None,
            None,
            "处理污水2.1万吨",
        ),
    ]
    pred = [
        PredictedObservation(
            "d", "iri:a", "管网长度", Decimal(1300), "km", "exact", None, None, "1300公里", 4, 10
        ),
        PredictedObservation(
            "d",
            "iri:b",
            "污水处理量",
            Decimal(21000),
            "tonne",
            "exact",
            None,
            None,
            "2.1万吨",
            14,
            19,
        ),
    ]
    report = score({"d": text}, gold, [], pred, [])
    assert report.observations.tp == 2
    assert report.attribute_accuracy("unit") == 0.5
    assert [e.split()[0] for e in report.attribute_errors] == ["d-o2"]


def test_a_fall_written_with_its_sign_is_the_same_change() -> None:
    text = "PM2.5平均浓度同比下降10.0%，PM10平均浓度同比上升3.0%。"
    gold = [
        GoldObservation(
            "d",
            "d-o1",
            "PM2.5变化",
            Decimal("-10.0"),
            "percent",
            "exact",
            None,
            None,
            "同比下降10.0%",
        ),
        GoldObservation(
            "d", "d-o2", "PM10变化", Decimal("-3.0"), "percent", "exact", None, None, "同比上升3.0%"
        ),
    ]

    def change(value: str, direction: str, start: int) -> PredictedObservation:
        return replace(
            PredictedObservation(
                "d",
                "iri:x",
                "变化",
                Decimal(value),
                "percent",
                "exact",
                None,
                None,
                value,
                start,
                start + 5,
            ),
            direction=direction,
        )

    pred = [change("10.0", "fall", 14), change("3.0", "rise", 32)]
    report = score({"d": text}, gold, [], pred, [])
    # -10.0 is a fall of 10.0; -3.0 is no rise of 3.0
    assert report.observations.tp == 1
    assert [m.split()[0] for m in report.misses] == ["d-o2"]


def test_a_claim_stated_again_matches_where_the_gold_anchors_it() -> None:
    text = "全市新发现物种236种\n调查显示，全市共发现并发表新物种236种。"
    gold = [
        GoldObservation(
            "d", "d-o1", "新物种数", Decimal(236), "count", "exact", None, None, "发表新物种236种"
        )
    ]
    headline = PredictedObservation(
        "d", "iri:x", "新物种数", Decimal(236), "count", "exact", None, None, "236种", 7, 11
    )
    assert score({"d": text}, gold, [], [headline], []).observations.tp == 0
    story = text.index("236种", 12)
    both = replace(headline, also=((story, story + 4),))
    assert score({"d": text}, gold, [], [both], []).observations.tp == 1


def test_a_place_by_another_name_of_its_gazetteer_entry_is_right() -> None:
    obs, _ = _perfect()
    short = [replace(o, place="赣") for o in obs]
    names = {"赣": "江西省", "江西": "江西省"}
    assert score(TEXTS, GOLD_OBS, [], short, [], None, names).attribute_accuracy("place") == 1.0
    # without the gazetteer, or for another entry's name, the names differ
    assert score(TEXTS, GOLD_OBS, [], short, []).attribute_accuracy("place") == 0.0
    other = [replace(o, place="湖南省") for o in obs]
    assert score(TEXTS, GOLD_OBS, [], other, [], None, names).attribute_accuracy("place") == 0.0


@pytest.mark.parametrize(
    ("gold_name", "predicted"),
    [
        ("大气污染防治法", "中华人民共和国大气污染防治法"),
        ("GB 3095-2012 环境空气质量标准", "环境空气质量标准"),
        ("DB43/ 968—2021 某某排放标准", "某某排放标准"),
    ],
)
def test_an_instrument_with_or_without_state_name_or_number_is_one(
    gold_name: str, predicted: str
) -> None:
    texts = {"d": "依据有关法律和标准"}
    gold = [GoldEntity("d", "d-e1", "Regulation", gold_name, ())]
    report = score(texts, [], gold, [], [PredictedEntity("d", "Regulation", predicted, "i", 0, 2)])
    assert report.entities.tp == 1
    other = [PredictedEntity("d", "Regulation", "中华人民共和国水污染防治法", "i", 0, 2)]
    assert score(texts, [], gold, [], other).entities.tp == 0


@pytest.mark.parametrize(
    ("gold_name", "predicted", "same"),
    [
        ("中共云南省委", "云南省委", True),
        ("中共昭通市委组织部", "昭通市委组织部", True),
        ("云南省委", "中共云南省委", True),
        ("中共中央办公厅", "中央办公厅", False),  # the centre's name needs its 中共
        ("中共云南省委", "云南省人民政府", False),
    ],
)
def test_a_local_party_body_with_or_without_zhonggong_is_one(
    gold_name: str, predicted: str, same: bool
) -> None:
    texts = {"d": "省委常委会召开会议"}
    gold = [GoldEntity("d", "d-e1", "Agency", gold_name, ())]
    report = score(texts, [], gold, [], [PredictedEntity("d", "Agency", predicted, "i", 0, 2)])
    assert report.entities.tp == int(same)


def test_a_range_is_scored_as_one_record_or_as_two() -> None:
    # one observation of the graph holds both ends; a gold may write them as one record
    # (qualifier "range") or as two (each end as it is, or as the bound it sets)
    text = "各站点臭氧浓度介于112至168微克/立方米之间。"
    start = text.index("112")
    pred = PredictedObservation(
        "d",
        "iri:x",
        "臭氧浓度",
        Decimal(112),
        "ug_per_m3",
        "range",
        None,
        None,
        "112至168微克",
        start,
        start + 10,
        max_value=Decimal(168),
    )

    def gold(value: int, qualifier: str, n: int) -> GoldObservation:
        return GoldObservation(
            "d",
            f"d-o{n}",
            "臭氧浓度",
            Decimal(value),
            "ug_per_m3",
            qualifier,
            None,
            None,
            "介于112至168微克",
        )

    one = score({"d": text}, [gold(112, "range", 1)], [], [pred], [])
    assert (one.observations.tp, one.observations.fp, one.observations.fn) == (1, 0, 0)
    assert one.attribute_correct["qualifier"] == 1
    two = score(
        {"d": text}, [gold(112, "lower_bound", 1), gold(168, "upper_bound", 2)], [], [pred], []
    )
    assert (two.observations.tp, two.observations.fp, two.observations.fn) == (2, 0, 0)
    assert two.attribute_correct["qualifier"] == 2
    # a single value is no range: its high end is nothing to match
    exact = replace(pred, qualifier="exact", max_value=None)
    alone = score({"d": text}, [gold(112, "exact", 1), gold(168, "exact", 2)], [], [exact], [])
    assert (alone.observations.tp, alone.observations.fn) == (1, 1)
