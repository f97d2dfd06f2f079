"""Relations, memberships and policy->outcome links on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract.base import (
    Claim,
    EntityMention,
    Membership,
    Observation,
    OutcomeLink,
    Relation,
)
from ecokg.extract.lexicon import Lexicon
from ecokg.pipeline import extract
from ecokg.text.analyzed import AnalyzedDoc

TEXT = (
    "2024年，湖南省生态环境厅印发《湖南省土壤污染防治三年行动方案（2023—2025年）》，"
    "全省受污染耕地安全利用率达到93.5%。\n"
    "湖南省生态环境厅厅长王立新介绍，全省深入推进洞庭湖总磷削减专项行动，"
    "洞庭湖总磷平均浓度为0.058毫克/升。\n"
    "长沙市PM2.5年均浓度为38微克/立方米。\n"
)


@pytest.fixture(scope="module")
def claims(lexicon: Lexicon) -> list[Claim]:
    doc = Document(
        "rel", Path("rel.txt"), TEXT, "utf-8", SourceMeta(published=PartialDate(2025, 1))
    )
    return extract(AnalyzedDoc.of(doc), lexicon)


def _names(claims: list[Claim]) -> dict[str, str]:
    return {c.key: c.name for c in claims if isinstance(c, EntityMention)}


def _relations(claims: list[Claim], predicate: str) -> list[Relation]:
    return [c for c in claims if isinstance(c, Relation) and c.predicate == predicate]


def test_agency_issued_the_plan(claims: list[Claim]) -> None:
    names = _names(claims)
    issued = {(names[r.subject_key], names[str(r.obj_key)]) for r in _relations(claims, "issued")}
    assert ("湖南省生态环境厅", "湖南省土壤污染防治三年行动方案(2023—2025年)") in issued


def test_plan_period_status_place_and_theme(claims: list[Claim]) -> None:
    plan = "policy:湖南省土壤污染防治三年行动方案(2023—2025年)"
    periods = {r.value for r in _relations(claims, "plannedPeriod") if r.subject_key == plan}
    assert periods == {"2023/2025"}
    assert {r.value for r in _relations(claims, "status") if r.subject_key == plan} == {"in_force"}
    assert "place:430000" in {
        r.obj_key for r in _relations(claims, "aboutPlace") if r.subject_key == plan
    }
    assert "soil" in {
        r.value for r in _relations(claims, "addressesTheme") if r.subject_key == plan
    }
    assert {r.value for r in _relations(claims, "issuedYear") if r.subject_key == plan} == {"2024"}


def test_every_relation_quotes_its_evidence(claims: list[Claim]) -> None:
    for claim in claims:
        if isinstance(claim, Relation | Membership | OutcomeLink):
            assert TEXT[claim.evidence.start : claim.evidence.end] == claim.evidence.text


def test_person_holds_post_in_agency(claims: list[Claim]) -> None:
    memberships = [c for c in claims if isinstance(c, Membership)]
    assert [(m.person_key, m.agency_key, m.post) for m in memberships] == [
        ("person:王立新", "agency:湖南省生态环境厅", "厅长")
    ]


def test_outcome_links_say_how_they_were_made(claims: list[Claim]) -> None:
    links = {
        (c.entity_key, c.observation.text, c.basis) for c in claims if isinstance(c, OutcomeLink)
    }
    plan = "policy:湖南省土壤污染防治三年行动方案(2023—2025年)"
    assert (plan, "93.5%", "same_sentence") in links
    campaign = [k for k in _names(claims) if "洞庭湖总磷削减专项行动" in k]
    assert campaign, _names(claims)
    assert (campaign[0], "0.058毫克/升", "same_sentence") in links
    # the PM2.5 figure of another paragraph shares neither sentence, paragraph nor theme with them
    assert not any(text == "38微克/立方米" for key, text, _ in links if key in (plan, campaign[0]))


def test_a_link_to_one_of_two_observations_of_one_number_names_that_one(
    lexicon: Lexicon,
) -> None:
    # "两项指标均居全国第十" makes two rank observations of one number (parts 0 and 1): a link
    # must point at the observation it is about, not at an IRI no observation has.
    text = (
        "安徽省深入实施蓝天保卫战行动，PM2.5浓度为31微克/立方米，优良天数比率为83.2%，"
        "两项指标均居全国第十。\n"
    )
    doc = Document("two", Path("two.txt"), text, "utf-8", SourceMeta(published=PartialDate(2025)))
    claims = extract(AnalyzedDoc.of(doc), lexicon)
    observations = {(c.value_span.start, c.part) for c in claims if isinstance(c, Observation)}
    rank = text.index("第十")
    assert {(rank, 0), (rank, 1)} <= observations, "one rank observation per indicator"
    linked = {(c.observation.start, c.part) for c in claims if isinstance(c, OutcomeLink)}
    assert {(rank, 0), (rank, 1)} <= linked
    assert linked <= observations
