"""The canned queries answer on the demo graph, and their parameters bind as RDF terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from ecokg.api import BuildSummary, list_queries, load_query, open_kg
from ecokg.kg.vocab import EKG, THEME

# The research queries of issue 3, with the columns a researcher's scripts may rely on.
ISSUE_3_QUERIES = {
    "entities_by_type": ["class", "iri", "name", "documents", "mentions"],
    "policies_by_agency_year": [
        "agency",
        "agencyName",
        "instrument",
        "instrumentName",
        "type",
        "year",
        "doc",
        "title",
        "issued",
        "quote",
    ],
    "regulations_in_force": [
        "instrument",
        "name",
        "class",
        "instrumentType",
        "year",
        "place",
        "doc",
        "title",
        "issued",
        "quote",
    ],
    "programmes_by_theme": ["theme", "programme", "name", "status", "documents"],
    "policy_outcome_links": [
        "entity",
        "entityName",
        "type",
        "indicator",
        "indicatorLabel",
        "value",
        "unit",
        "period",
        "place",
        "strength",
        "basis",
        "documents",
        "doc",
        "title",
        "quote",
    ],
}


def test_every_canned_query_has_a_header_comment() -> None:
    for name, path in list_queries().items():
        head = path.read_text(encoding="utf-8").splitlines()[:4]
        assert head[0].startswith("# title:"), name
        assert any(line.startswith("# learn:") for line in head), name


@pytest.mark.parametrize(("name", "columns"), sorted(ISSUE_3_QUERIES.items()))
def test_query_answers_on_demo_graph(
    demo_build: tuple[Path, BuildSummary], name: str, columns: list[str]
) -> None:
    out, _ = demo_build
    result = open_kg(out).query(load_query(name))
    assert result.variables == columns
    assert result.rows, f"{name} returned nothing on the demo graph"


def test_entities_by_type_binds_the_class(demo_build: tuple[Path, BuildSummary]) -> None:
    out, _ = demo_build
    kg = open_kg(out)
    rows = kg.query(load_query("entities_by_type"), bindings={"class": EKG.Programme}).records()
    assert rows and {r["class"] for r in rows} == {str(EKG.Programme)}


def test_programmes_by_theme_binds_the_theme(demo_build: tuple[Path, BuildSummary]) -> None:
    out, _ = demo_build
    rows = open_kg(out).query(
        load_query("programmes_by_theme"), bindings={"theme": Literal("water")}
    )
    assert rows.rows and {r["theme"] for r in rows.records()} == {"water"}
    assert THEME.water  # the theme scheme is the one the query reads


def test_outcome_links_carry_basis_and_evidence(demo_build: tuple[Path, BuildSummary]) -> None:
    out, _ = demo_build
    rows = open_kg(out).query(load_query("policy_outcome_links")).records()
    assert {r["basis"] for r in rows} <= {"same_sentence", "same_paragraph", "shared_theme_place"}
    assert any(r["basis"] == "same_sentence" for r in rows)
    assert all(str(r["quote"]).strip() for r in rows)


def test_one_iri_per_entity_across_documents(demo_build: tuple[Path, BuildSummary]) -> None:
    """The same canonical name of the same type is one IRI in every document."""
    out, _ = demo_build
    rows = open_kg(out).query(load_query("entities")).records()
    iris: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        iris.setdefault((str(row["type"]), str(row["name"])), set()).add(str(row["iri"]))
    assert all(len(found) == 1 for found in iris.values())
    shared = [
        k
        for k, v in iris.items()
        if len({r["doc"] for r in rows if (r["type"], r["name"]) == k}) > 1
    ]
    assert ("Agency", "江西省生态环境厅") in shared


# The pairs named in one clause as co_acting_agencies defined them before the build said which
# entities a relation's evidence names (ekg:names): by comparing the offsets of every agency
# mention with every evidence span of its document.
_SAME_CLAUSE_BY_OFFSETS = """
PREFIX ekg:  <https://w3id.org/ecokg/def#>
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX nif:  <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT DISTINCT ?agency ?partner ?via ?g WHERE {
  GRAPH ?g {
    ?claim a ekg:RelationClaim ; rdf:subject ?agency ; ekg:evidence ?via .
    ?agency a ekg:Agency .
    ?via nif:referenceContext ?document ; nif:beginIndex ?b ; nif:endIndex ?e .
    ?partner a ekg:Agency ; ekg:mention ?m .
    ?m nif:referenceContext ?document ; nif:beginIndex ?bm ; nif:endIndex ?em .
    FILTER (?bm >= ?b && ?em <= ?e && ?agency != ?partner)
  }
}
"""


def test_agencies_named_together_are_those_inside_the_evidence(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    out, _ = demo_build
    kg = open_kg(out)
    by_offsets = {tuple(r.values()) for r in kg.query(_SAME_CLAUSE_BY_OFFSETS).records()}
    named = kg.query(
        _SAME_CLAUSE_BY_OFFSETS.replace(
            "?via nif:referenceContext ?document ; nif:beginIndex ?b ; nif:endIndex ?e .\n"
            "    ?partner a ekg:Agency ; ekg:mention ?m .\n"
            "    ?m nif:referenceContext ?document ; nif:beginIndex ?bm ; nif:endIndex ?em .\n"
            "    FILTER (?bm >= ?b && ?em <= ?e && ?agency != ?partner)",
            "?via ekg:names ?partner . ?partner a ekg:Agency . FILTER (?agency != ?partner)",
        )
    )
    assert by_offsets and {tuple(r.values()) for r in named.records()} == by_offsets
    rows = kg.query(load_query("co_acting_agencies")).records()
    clause_pairs = {(r["agency"], r["partner"]) for r in rows if r["basis"] == "same_clause"}
    assert clause_pairs == {(a, p) for a, p, _, _ in by_offsets} | {
        (p, a) for a, p, _, _ in by_offsets
    }
