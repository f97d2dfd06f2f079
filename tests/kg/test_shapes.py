"""Each SHACL shape catches a graph broken on purpose, and a sound graph passes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from ecokg.corpus import Document, PartialDate, SourceMeta
from ecokg.extract.base import (
    EntityMention,
    IndicatorRef,
    Membership,
    Observation,
    OutcomeLink,
    Period,
    Relation,
)
from ecokg.extract.lexicon import Lexicon
from ecokg.kg.build import build_document_graph
from ecokg.kg.vocab import EKG, ID, NIF, ORG
from ecokg.text.analyzed import SourceSpan
from ecokg.validate import validate_graph

TEXT = "2024年，某省PM2.5平均浓度为30微克/立方米。某省生态环境厅印发《某省大气污染防治条例》。某省生态环境厅厅长王立新出席。"


def _doc() -> Document:
    return Document(
        "shape_test",
        Path("shape_test.txt"),
        TEXT,
        "utf-8",
        SourceMeta(published=PartialDate(2025, 2)),
    )


def _span(text: str) -> SourceSpan:
    start = TEXT.index(text)
    return SourceSpan(start, start + len(text), text)


@pytest.fixture()
def sound_graph(lexicon: Lexicon) -> Graph:
    obs = Observation(
        indicator=IndicatorRef(str(ID["indicator/pm25-annual-mean"]), "PM2.5年均浓度", True, "air"),
        value=Decimal(30),
        unit="ug_per_m3",
        qualifier="exact",
        period=Period("2024", "stated", 2024, 2024),
        place="江西省",
        place_key="place:360000",
        quote=_span("某省PM2.5平均浓度为30微克/立方米"),
        value_span=_span("30微克/立方米"),
        theme="air",
    )
    reg = EntityMention(
        "Regulation",
        "某省大气污染防治条例",
        "regulation:某省大气污染防治条例",
        _span("某省大气污染防治条例"),
        (("instrumentType", "条例"),),
    )
    agency = EntityMention(
        "Agency", "某省生态环境厅", "agency:某省生态环境厅", _span("某省生态环境厅")
    )
    person = EntityMention(
        "Person", "王立新", "person:王立新", _span("王立新"), (("post", "厅长"),)
    )
    sentence = _span("某省生态环境厅印发《某省大气污染防治条例》")
    relations = [
        Relation("agency:某省生态环境厅", "Agency", "issued", sentence, reg.key, "Regulation"),
        Relation(reg.key, "Regulation", "status", sentence, value="in_force"),
        Membership(person.key, agency.key, "厅长", _span("某省生态环境厅厅长王立新")),
        OutcomeLink(reg.key, "Regulation", obs.value_span, "same_paragraph", _span(TEXT.strip())),
    ]
    return build_document_graph(_doc(), [obs, reg, agency, person, *relations], lexicon)


def _only(graph: Graph, cls: URIRef) -> URIRef:
    nodes = sorted(graph.subjects(RDF.type, cls))
    assert nodes, f"no {cls}"
    node = nodes[0]
    assert isinstance(node, URIRef)
    return node


def _shapes_violated(graph: Graph) -> set[str]:
    return {v.shape.rsplit("#", 1)[-1] for v in validate_graph(graph).violations}


def test_sound_graph_conforms(sound_graph: Graph) -> None:
    report = validate_graph(sound_graph)
    assert report.conforms, report.text()


def _drop_identifier(g: Graph) -> None:
    g.remove((_only(g, EKG.Document), DCTERMS.identifier, None))


def _bad_encoding(g: Graph) -> None:
    doc = _only(g, EKG.Document)
    g.set((doc, EKG.encoding, Literal("latin-1")))


def _quote_mismatch(g: Graph) -> None:
    mention = _only(g, EKG.Mention)
    g.set((mention, NIF.anchorOf, Literal("not the text at this span")))


def _negative_offset(g: Graph) -> None:
    mention = _only(g, EKG.Mention)
    g.set((mention, NIF.beginIndex, Literal(-1, datatype=XSD.integer)))


def _observation_without_unit(g: Graph) -> None:
    g.remove((_only(g, EKG.Observation), EKG.unit, None))


def _observation_bad_period(g: Graph) -> None:
    g.set((_only(g, EKG.Observation), EKG.period, Literal("last year")))


def _observation_value_not_decimal(g: Graph) -> None:
    g.set((_only(g, EKG.Observation), EKG.value, Literal("thirty")))


def _value_span_outside_quote(g: Graph) -> None:
    obs = _only(g, EKG.Observation)
    outside = URIRef(f"{ID['doc/shape_test']}#char=0,5")
    g.add((outside, RDF.type, EKG.Mention))
    g.add((outside, NIF.beginIndex, Literal(0, datatype=XSD.integer)))
    g.add((outside, NIF.endIndex, Literal(5, datatype=XSD.integer)))
    g.add((outside, NIF.anchorOf, Literal(TEXT[0:5])))
    g.add((outside, NIF.referenceContext, _only(g, EKG.Document)))
    g.set((obs, EKG.valueSpan, outside))


def _indicator_without_label(g: Graph) -> None:
    minted = URIRef("https://w3id.org/ecokg/id/indicator/x-nolabel")
    g.add((minted, RDF.type, EKG.Indicator))
    g.add((minted, PROV.wasDerivedFrom, _only(g, EKG.Document)))


def _indicator_without_provenance(g: Graph) -> None:
    minted = URIRef("https://w3id.org/ecokg/id/indicator/x-noprov")
    g.add((minted, RDF.type, EKG.Indicator))
    g.add((minted, SKOS.prefLabel, Literal("来历不明的指标", lang="zh-Hans")))


def _theme_without_notation(g: Graph) -> None:
    theme = URIRef("https://w3id.org/ecokg/id/theme/made-up")
    g.add((theme, RDF.type, EKG.Theme))
    g.add((theme, SKOS.prefLabel, Literal("虚构", lang="zh-Hans")))


def _entity_without_mention(cls: URIRef) -> Callable[[Graph], None]:
    def breaker(g: Graph) -> None:
        node = URIRef(f"https://w3id.org/ecokg/id/test/{cls.rsplit('#', 1)[-1]}")
        g.add((node, RDF.type, cls))
        g.add((node, SKOS.prefLabel, Literal("无出处", lang="zh-Hans")))
        g.add((node, PROV.wasDerivedFrom, _only(g, EKG.Document)))
        g.add((node, EKG.instrumentType, Literal("办法")))

    return breaker


def _regulation_without_type(g: Graph) -> None:
    g.remove((_only(g, EKG.Regulation), EKG.instrumentType, None))


def _agency_two_names(g: Graph) -> None:
    g.add((_only(g, EKG.Agency), SKOS.prefLabel, Literal("另一个名字", lang="zh-Hans")))


def _place_without_label(g: Graph) -> None:
    g.remove((_only(g, EKG.Place), SKOS.prefLabel, None))


def _programme_also_event(g: Graph) -> None:
    node = URIRef("https://w3id.org/ecokg/id/test/both")
    _entity_without_mention(EKG.Programme)(g)
    g.add((node, RDF.type, EKG.Programme))
    g.add((node, RDF.type, EKG.Event))


def _relation_claim_without_evidence(g: Graph) -> None:
    claim = _only(g, EKG.RelationClaim)
    g.remove((claim, EKG.evidence, None))


def _relation_with_unknown_predicate(g: Graph) -> None:
    g.set((_only(g, EKG.RelationClaim), RDF.predicate, EKG.invented))


def _issued_by_a_place(g: Graph) -> None:
    g.add((_only(g, EKG.Place), EKG.issued, _only(g, EKG.Regulation)))


def _bad_status(g: Graph) -> None:
    g.add((_only(g, EKG.Regulation), EKG.status, Literal("maybe")))


def _membership_without_person(g: Graph) -> None:
    g.remove((_only(g, ORG.Membership), ORG.member, None))


def _link_with_unknown_basis(g: Graph) -> None:
    g.set((_only(g, EKG.OutcomeLink), EKG.linkBasis, Literal("same_page")))


def _link_to_a_place(g: Graph) -> None:
    g.set((_only(g, EKG.OutcomeLink), EKG.linkedEntity, _only(g, EKG.Place)))


CASES = [
    ("DocumentShape", _drop_identifier),
    ("DocumentShape", _bad_encoding),
    ("DocumentShape", _quote_mismatch),
    ("MentionShape", _negative_offset),
    ("ObservationShape", _observation_without_unit),
    ("ObservationShape", _observation_bad_period),
    ("ObservationShape", _observation_value_not_decimal),
    ("DocumentShape", _value_span_outside_quote),
    ("IndicatorShape", _indicator_without_label),
    ("IndicatorShape", _indicator_without_provenance),
    ("ThemeShape", _theme_without_notation),
    ("AgencyShape", _entity_without_mention(EKG.Agency)),
    ("PersonShape", _entity_without_mention(EKG.Person)),
    ("PolicyShape", _entity_without_mention(EKG.Policy)),
    ("ProgrammeShape", _entity_without_mention(EKG.Programme)),
    ("EventShape", _entity_without_mention(EKG.Event)),
    ("RegulationShape", _regulation_without_type),
    ("AgencyShape", _agency_two_names),
    ("PlaceShape", _place_without_label),
    ("ProgrammeShape", _programme_also_event),
    ("RelationClaimShape", _relation_claim_without_evidence),
    ("RelationClaimShape", _relation_with_unknown_predicate),
    ("IssuedShape", _issued_by_a_place),
    ("InstrumentRelationsShape", _bad_status),
    ("MembershipShape", _membership_without_person),
    ("OutcomeLinkShape", _link_with_unknown_basis),
    ("OutcomeLinkShape", _link_to_a_place),
]


@pytest.mark.parametrize(("shape", "breaker"), CASES, ids=[f"{s}-{b.__name__}" for s, b in CASES])
def test_shape_catches_broken_graph(
    sound_graph: Graph, shape: str, breaker: Callable[[Graph], None]
) -> None:
    breaker(sound_graph)
    assert shape in _shapes_violated(sound_graph)


def test_places_the_gazetteer_lacks_are_labelled(tmp_path: Path) -> None:
    """A reserve named after a mountain and a lake found by its repeated name become place
    nodes of their own, with labels, wherever they are referenced (observation, relation)."""
    from ecokg.api import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "gansu.txt").write_text(
        "甘肃省印发《祁连山国家级自然保护区生态修复方案》，湖南省要求加强东洞庭湖国家级自然保护区管护。\n"
        "祁连山国家级自然保护区内，今年已完成整改小水电站39座。"
        "碧波湖总磷浓度为0.041毫克/升，碧波湖水质持续改善。\n",
        encoding="utf-8",
    )
    summary = build(corpus, tmp_path / "out")
    assert summary.violations == 0, (tmp_path / "out" / "validation.txt").read_text()
    graph = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    labelled = {
        str(label)
        for place in graph.subjects(RDF.type, URIRef("https://w3id.org/ecokg/def#Place"))
        for label in graph.objects(place, SKOS.prefLabel)
    }
    assert {"祁连山国家级自然保护区", "碧波湖"} <= labelled
