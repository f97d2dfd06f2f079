"""The canned research queries: headers, answers on the demo graph, and the --param rule."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

import ecokg
from conftest import OBS_COLUMNS, run_cli
from ecokg.api import BuildSummary, open_kg
from ecokg.catalog import canned_queries, param_term, parse_param
from ecokg.errors import QueryError

QUERIES = canned_queries()


def test_at_least_twelve_queries_with_headers() -> None:
    assert len(QUERIES) >= 12
    for query in QUERIES.values():
        assert query.title and query.title != query.name, query.name
        assert len(query.learn) > 40, query.name
        assert query.columns, query.name


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_each_query_answers_with_its_header_columns(
    demo_build: tuple[Path, BuildSummary], name: str
) -> None:
    result = open_kg(demo_build[0]).query(QUERIES[name].text)
    assert result.variables == QUERIES[name].columns
    assert result.rows, f"{name} returned nothing on the demo graph"


def test_contract_queries_keep_their_columns() -> None:
    assert QUERIES["observations"].columns == OBS_COLUMNS
    assert QUERIES["entities"].columns == ["doc", "type", "name", "iri", "start", "end"]
    assert QUERIES["observations"].parameters == QUERIES["entities"].parameters == {}


def test_param_rule() -> None:
    assert param_term("<http://example.org/a>") == URIRef("http://example.org/a")
    assert param_term("ekg:Programme") == URIRef("https://w3id.org/ecokg/def#Programme")
    assert param_term("id:place/360000") == URIRef("https://w3id.org/ecokg/id/place/360000")
    assert param_term("2022") == Literal(2022, datatype=XSD.integer)
    assert param_term("27.5") == Literal(Decimal("27.5"), datatype=XSD.decimal)
    assert param_term('"2022"') == Literal("2022")
    assert param_term("water") == Literal("water")
    assert param_term("注:水") == Literal("注:水")  # not a project prefix
    assert parse_param("?theme=air") == ("theme", Literal("air"))
    assert parse_param("x=a=b") == ("x", Literal("a=b"))
    with pytest.raises(QueryError):
        parse_param("no value")
    hostile = "<http://x> } INSERT DATA { <a:a> <a:b> <a:c> }"
    assert param_term(hostile) == Literal(hostile)  # not an IRI: a string, bound as one
    with pytest.raises(QueryError):
        param_term(hostile + " <http://y>")  # looks like an IRI, is not one


def test_query_command_binds_parameters(demo_build: tuple[Path, BuildSummary]) -> None:
    out, _ = demo_build
    done = run_cli(
        "query",
        "indicator_series",
        "--kg",
        str(out),
        "--format",
        "csv",
        "--param",
        "indicator=ind:pm25-annual-mean",
        "--param",
        "placeIri=id:place/360000",
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows and {r["indicator"] for r in rows} == {
        "https://w3id.org/ecokg/id/indicator/pm25-annual-mean"
    }
    assert {r["place"] for r in rows} == {"江西省"}
    # Targets and forecasts come apart from achieved values, each in time order.
    modalities = [r["modality"] for r in rows]
    assert modalities == sorted(modalities) and "achieved" in modalities
    for modality in set(modalities):
        years = [int(r["year"]) for r in rows if r["modality"] == modality]
        assert years == sorted(years)


def test_queries_command_lists_every_query() -> None:
    done = run_cli("queries")
    assert done.returncode == 0, done.stderr
    for name, query in QUERIES.items():
        assert name in done.stdout
        for param in query.parameters:
            assert f"?{param}" in done.stdout


def test_notebook_api(demo_build: tuple[Path, BuildSummary]) -> None:
    kg = ecokg.open_kg(demo_build[0])
    frame = ecokg.query_frame(kg, "indicator_series", indicator="ind:pm25-annual-mean")
    assert list(frame.columns) == QUERIES["indicator_series"].columns
    assert len(frame) >= 1 and frame["value"].dtype == float
    assert set(frame["indicatorLabel"]) == {"PM2.5年均浓度"}
    series = ecokg.indicator_series(kg, "ind:pm25-annual-mean", "id:place/360000")
    assert list(series.columns) == [*QUERIES["indicator_series"].columns, "time"]
    assert str(series["time"].dtype).startswith("datetime64")
    achieved = series[series["modality"] == "achieved"]
    assert list(achieved["time"]) == sorted(achieved["time"]) and len(achieved) >= 2
    assert achieved.iloc[0]["time"].year == 2022 and achieved.iloc[0]["value"] == 27
    pairs = ecokg.claim_pairs(kg)
    assert list(pairs.columns) == QUERIES["claim_pairs"].columns and len(pairs) >= 3
    conflicting = ecokg.claim_pairs(kg, "conflicting")
    assert set(conflicting["verdict"]) <= {"conflicting"}
    assert len(conflicting) == (pairs["verdict"] == "conflicting").sum()
    docs = ecokg.query_frame(kg, "documents")
    assert docs["observations"].sum() == len(ecokg.query(kg, "observations").rows)
