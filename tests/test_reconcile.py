"""Claims reconciled across documents: the verdict rules, pairing, streaming and the build.

The corpus (``tests/reconcile_corpus``, five fictional documents; its README says what each
figure is for) goes through the real pipeline once per session; the rules are also tested on
claims made by hand.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import PROV, RDF, SKOS

import ecokg
from ecokg import reconcile as rc
from ecokg.api import BuildSummary, build, load_query, open_kg, validate
from ecokg.kg.vocab import EKG, IND, NIF
from ecokg.reconcile import (
    Claim,
    Thresholds,
    claims_bytes,
    document_claims,
    judge,
    load_thresholds,
    rounding,
)
from ecokg.shards import SHARDS_DIR, claims_path

CORPUS = Path(__file__).resolve().parent / "reconcile_corpus"
TH = load_thresholds()


@pytest.fixture(scope="session")
def reconciled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    out = tmp_path_factory.mktemp("reconcile") / "out"
    return out, build(CORPUS, out)


@pytest.fixture(scope="session")
def pairs(reconciled: tuple[Path, BuildSummary]) -> list[dict[str, object]]:
    return open_kg(reconciled[0]).query(load_query("claim_pairs")).records()


def _pairs_of(pairs: list[dict[str, object]], indicator: str) -> list[dict[str, object]]:
    return [p for p in pairs if p["indicator"] == indicator]


# ---------------------------------------------------------------- the corpus, built


def test_same_figure_in_three_documents_is_three_corroborations(
    pairs: list[dict[str, object]],
) -> None:
    found = _pairs_of(pairs, "PM2.5年均浓度")
    assert [(p["doc_a"], p["doc_b"]) for p in found] == [
        ("c_review", "a_bulletin"),
        ("c_review", "b_report"),
        ("a_bulletin", "b_report"),
    ]
    assert {p["verdict"] for p in found} == {"corroborated"}
    assert all(p["value_a"] == p["value_b"] == 31 for p in found)


def test_running_total_that_falls_conflicts(pairs: list[dict[str, object]]) -> None:
    (pair,) = _pairs_of(pairs, "污水处理厂数")
    assert (pair["verdict"], pair["value_a"], pair["value_b"]) == ("conflicting", 120, 110)
    assert (pair["as_of_a"], pair["as_of_b"]) == ("2024-05-31", "2024-11-30")
    assert "fell" in str(pair["reason"])
    assert pair["quote_a"] == "全省累计建成污水处理厂120座"


def test_plausible_rise_of_a_running_total_is_an_update(pairs: list[dict[str, object]]) -> None:
    (pair,) = _pairs_of(pairs, "空气自动监测站数")
    assert (pair["verdict"], pair["value_a"], pair["value_b"]) == ("updated", 150, 165)
    assert "+9.3%" in str(pair["reason"]) and "183 days" in str(pair["reason"])


def test_rise_too_fast_for_the_time_between_conflicts(pairs: list[dict[str, object]]) -> None:
    (pair,) = _pairs_of(pairs, "无人机机场数")
    assert (pair["verdict"], pair["value_a"], pair["value_b"]) == ("conflicting", 12, 30)
    assert "faster than" in str(pair["reason"])


def test_figure_revised_for_the_same_year_conflicts(pairs: list[dict[str, object]]) -> None:
    (pair,) = _pairs_of(pairs, "空气优良天数比率")
    assert (pair["verdict"], pair["doc_a"], pair["doc_b"]) == (
        "conflicting",
        "c_review",
        "d_revision",
    )
    assert "2022" in str(pair["reason"])


def test_targets_and_one_documents_claims_are_never_paired(
    pairs: list[dict[str, object]], reconciled: tuple[Path, BuildSummary]
) -> None:
    assert all(p["doc_a"] != p["doc_b"] for p in pairs)
    assert not _pairs_of(pairs, "国考断面水质优良比例")  # two 2023 figures, one document
    # The 2025 target (a) and outcome (e) are both there, and not compared.
    series = open_kg(reconciled[0]).query(
        load_query("indicator_series"),
        {"indicator": rc.IND["pm25-annual-mean"]},
    )
    years = {(r["modality"], r["year"], r["doc"]) for r in series.records()}
    assert {("target", 2025, "a_bulletin"), ("achieved", 2025, "e_outcome")} <= years
    assert not any("e_outcome" in (p["doc_a"], p["doc_b"]) for p in pairs)
    assert len(pairs) == 7


def test_build_counts_verdicts_and_the_graph_conforms(
    reconciled: tuple[Path, BuildSummary],
) -> None:
    out, summary = reconciled
    assert summary.comparisons == {"corroborated": 3, "updated": 1, "conflicting": 3}
    assert '"conflicting": 3' in (out / "build.json").read_text(encoding="utf-8")
    kg = open_kg(out)
    assert str(rc.RECONCILIATION_GRAPH) in kg.named_graphs()
    report = validate(kg)
    assert report.conforms, report.text()


def test_comparison_nodes_hold_both_claims_evidence_and_sources(
    reconciled: tuple[Path, BuildSummary],
) -> None:
    rows = (
        open_kg(reconciled[0])
        .query(
            # The default graph is the union: the claims are in their documents' graphs.
            """SELECT ?c (COUNT(DISTINCT ?e) AS ?evidence) (COUNT(DISTINCT ?d) AS ?docs)
                      (SAMPLE(?diff) AS ?difference) WHERE {
                 ?c a ekg:ClaimComparison ; ekg:evidence ?e ; prov:wasDerivedFrom ?d ;
                    ekg:difference ?diff ; ekg:claimA ?a ; ekg:claimB ?b .
                 ?a ekg:evidence ?ea ; prov:wasDerivedFrom ?da .
                 ?b ekg:evidence ?eb ; prov:wasDerivedFrom ?db .
                 FILTER (?e IN (?ea, ?eb) && ?d IN (?da, ?db)) }
               GROUP BY ?c"""
        )
        .records()
    )
    assert len(rows) == 7
    assert all(r["evidence"] == 2 and r["docs"] == 2 for r in rows)
    assert sorted(r["difference"] for r in rows) == [-10, 0, 0, 0, Decimal("2.3"), 15, 18]


# ---------------------------------------------------------------- determinism, increments


def test_output_is_the_same_whatever_the_order_of_the_shards(
    reconciled: tuple[Path, BuildSummary], tmp_path: Path
) -> None:
    shards = sorted((reconciled[0] / SHARDS_DIR).glob("*.nq"))
    outputs = []
    for order in (shards, shards[::-1], shards[2:] + shards[:2]):
        work = tmp_path / f"w{len(outputs)}"
        work.mkdir()
        rc.reconcile(order, work / "out.nq", work, TH)
        outputs.append((work / "out.nq").read_bytes())
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]
    lines = outputs[0].decode("utf-8").splitlines()
    assert lines == sorted(lines)


def test_incremental_build_recomputes_the_comparisons(
    reconciled: tuple[Path, BuildSummary], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "b_report.txt").unlink()
    out = tmp_path / "out"
    assert build(corpus, out).comparisons == {"corroborated": 1, "conflicting": 1}
    shutil.copy(CORPUS / "b_report.txt", corpus)
    again = build(corpus, out)
    assert again.reused == 4
    assert again.comparisons == reconciled[1].comparisons
    full = reconciled[0] / "graph.trig"
    assert (out / "graph.trig").read_bytes() == full.read_bytes()


def test_external_sort_spills_and_merges_in_rounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rc, "CHUNK_LINES", 3)
    monkeypatch.setattr(rc, "FAN_IN", 2)
    lines = [f"{(i * 7919) % 101:03d}-{i}" for i in range(40)]
    assert list(rc.external_sort(lines, tmp_path, "t")) == sorted(lines)
    assert not list(tmp_path.iterdir()), "the runs are removed"


# ---------------------------------------------------------------- the rules, by hand


def _claim(
    value: str,
    doc: str,
    *,
    period: str = "cumulative",
    as_of: str | None = "2024-06-30",
    basis: str = "stated",
    qualifier: str = "exact",
    unit: str = "count",
    modality: str = "achieved",
    issued: str | None = None,
    text: str | None = None,
    indicator: str = "https://w3id.org/ecokg/id/indicator/x",
) -> Claim:
    number = Decimal(value)
    return Claim(
        key="k",
        obs=f"https://w3id.org/ecokg/id/obs/{doc}/{value}",
        doc=f"https://w3id.org/ecokg/id/doc/{doc}",
        indicator=indicator,
        label="指标",
        unit=unit,
        period=period,
        modality=modality,
        qualifier=qualifier,
        value=number,
        max_value=None,
        tolerance=rounding(text or value, abs(number)),
        evidence=f"https://w3id.org/ecokg/id/doc/{doc}#char=0,5",
        as_of=as_of if period == "cumulative" else None,
        as_of_basis=basis if period == "cumulative" else None,
        issued=issued,
    )


def test_rounding_follows_the_written_digits() -> None:
    assert rounding("1.36亿元", Decimal(136000000)) == Decimal(500000)
    assert rounding("97.7%", Decimal("97.7")) == Decimal("0.05")
    assert rounding("126个", Decimal(126)) == Decimal("0.5")
    assert rounding("１３０个", Decimal(130)) == Decimal("0.5")  # full-width digits
    assert rounding("三十", Decimal(30)) == Decimal("0.5")  # Chinese numerals: whole
    assert rounding("", Decimal("2.25")) == Decimal("0.005")


def test_verdicts_within_rounding_and_qualifiers() -> None:
    fixed = {"period": "2022", "issued": "2023-06"}
    rounded = _claim("140000000", "a", text="1.4亿", **fixed)
    precise = _claim("136000000", "b", text="1.36亿", **fixed)
    assert judge(rounded, precise, TH).verdict == "corroborated"
    assert judge(_claim("97.7", "a", **fixed), _claim("97.8", "b", **fixed), TH).verdict == (
        "conflicting"
    )
    about = _claim("1400", "a", qualifier="approx")
    assert judge(about, _claim("1390", "b"), TH).verdict == "corroborated"
    over = _claim("610000000", "a", qualifier="lower_bound", as_of="2026-01")
    assert judge(over, _claim("613000000", "b", as_of="2025-12-05"), TH).verdict == "corroborated"


def test_running_totals_are_ordered_by_as_of_date_and_judged() -> None:
    early = _claim("126", "x", as_of="2025-12-05", basis="document")
    late = _claim("130", "y", as_of="2026-01", basis="document")
    comparison = judge(late, early, TH)  # either argument order
    assert (comparison.a, comparison.b, comparison.verdict) == (early, late, "updated")
    assert comparison.difference == 4
    fell = judge(_claim("44", "x", as_of="2025-12"), _claim("20", "y", as_of="2026-01"), TH)
    assert (fell.verdict, fell.a.value) == ("conflicting", 44)
    same_day = judge(_claim("10", "x"), _claim("12", "y"), TH)
    assert same_day.verdict == "conflicting" and "one date" in same_day.reason


def test_inferred_as_of_dates_allow_more_time_and_thresholds_apply() -> None:
    stated = _claim("13", "x", as_of="2025-12-05", basis="stated")
    later = _claim("20", "y", as_of="2026-03", basis="document")
    # +50% within 116 days: too fast for doubling a year...
    assert judge(stated, later, TH).verdict == "conflicting"
    # ...but the earlier figure may be 92 days older than its document: 208 days, plausible.
    inferred = _claim("13", "x", as_of="2025-12-05", basis="document")
    assert judge(inferred, later, TH).verdict == "updated"
    steps = Thresholds(**{**TH.__dict__, "growth_unlimited": frozenset({stated.indicator})})
    assert judge(stated, later, steps).verdict == "updated"
    faster = Thresholds(**{**TH.__dict__, "max_growth_per_year": Decimal(2)})
    assert judge(stated, later, faster).verdict == "updated"


def test_figures_of_a_period_not_yet_over() -> None:
    spring = {"period": "2025", "issued": "2025-04"}
    winter = {"period": "2025", "issued": "2026-01"}
    assert judge(_claim("50", "a", **spring), _claim("200", "b", **winter), TH).verdict == (
        "updated"
    )  # cases handled so far, then in the whole year
    assert judge(_claim("200", "a", **spring), _claim("50", "b", **winter), TH).verdict == (
        "conflicting"
    )
    share = {"unit": "percent"}
    small = judge(_claim("90", "a", **spring, **share), _claim("93", "b", **winter, **share), TH)
    large = judge(_claim("60", "a", **spring, **share), _claim("93", "b", **winter, **share), TH)
    assert (small.verdict, large.verdict) == ("updated", "conflicting")
    targets = {"period": "2025", "modality": "target", "issued": "2021-03"}
    revised = judge(_claim("30", "a", **targets), _claim("28", "b", **targets), TH)
    assert revised.verdict == "conflicting" and "target" in revised.reason


def test_pairs_are_bounded_and_one_to_one() -> None:
    docs = [_claim(str(100 + i), f"d{i:02d}", as_of=f"20{10 + i}-06") for i in range(30)]
    window = Thresholds(**{**TH.__dict__, "documents_per_claim": 5})
    found = list(rc.compare_group(docs, window))
    assert len(found) == sum(min(5, 29 - i) for i in range(30))
    assert all(c.a.doc != c.b.doc for c in found)
    # A document stating the problems of two rounds (52, 32) is compared by its 32 only.
    rounds = [_claim("52", "p"), _claim("32", "p"), _claim("32", "q", as_of="2024-07-31")]
    (only,) = rc.compare_group(rounds, TH)
    assert (only.a.value, only.b.value, only.verdict) == (32, 32, "corroborated")


def test_threshold_files_layer_and_bad_values_are_one_error(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "reconciliation:\n  running_total:\n    max_growth_per_year: 3\n", encoding="utf-8"
    )
    (tmp_path / "places.yaml").write_text("places: []\n", encoding="utf-8")  # not about this
    layered = load_thresholds([tmp_path])
    assert layered.max_growth_per_year == 3
    assert layered.min_days == TH.min_days and layered.growth_unlimited == TH.growth_unlimited
    (tmp_path / "mine.yaml").write_text(
        "reconciliation:\n  approx_relative: lots\n", encoding="utf-8"
    )
    with pytest.raises(rc.ThresholdError, match="approx_relative must be a number"):
        load_thresholds([tmp_path])


def test_cumulative_falls_are_judged_by_their_size() -> None:
    deeper = judge(_claim("-17", "x", as_of="2023-01"), _claim("-19", "y", as_of="2024-01"), TH)
    assert deeper.verdict == "updated" and "deepened" in deeper.reason
    narrower = judge(_claim("-19", "x", as_of="2023-01"), _claim("-17", "y", as_of="2024-01"), TH)
    assert narrower.verdict == "conflicting" and "narrowed" in narrower.reason
    assert narrower.difference == 2


def test_the_demo_pairs_the_issue_names(demo_build: tuple[Path, BuildSummary]) -> None:
    """Stations 126 -> 130 and problems rectified 11 -> 20 are updates, drone airports 13 -> 24
    a conflict (explained in docs/reconciliation.md); claim a is the earlier; no pair is of one
    document."""
    pairs = ecokg.claim_pairs(ecokg.open_kg(demo_build[0]))
    assert (pairs["doc_a"] != pairs["doc_b"]).all()
    assert (pairs["as_of_a"] <= pairs["as_of_b"]).all()
    found = {
        (row.indicator, float(row.value_a), float(row.value_b)): row.verdict
        for row in pairs.itertuples()
    }
    assert found[("重金属水质自动监测站数", 126.0, 130.0)] == "updated"
    assert found[("督察问题完成整改数", 11.0, 20.0)] == "updated"
    assert found[("无人机机场数", 13.0, 24.0)] == "conflicting"


@pytest.mark.parametrize("corpus", ["reconcile", "demo"])
def test_claims_made_with_the_graph_are_those_its_lines_give(
    corpus: str,
    reconciled: tuple[Path, BuildSummary],
    demo_build: tuple[Path, BuildSummary],
) -> None:
    """A worker takes its claims from the statements as it makes them; reading the shard's
    lines back with the parser gives the same claims file, byte for byte."""
    out = (reconciled if corpus == "reconcile" else demo_build)[0]
    shards = sorted((out / SHARDS_DIR).glob("*.nq"))
    assert shards
    made = 0
    for shard in shards:
        quads = ox.parse(path=shard, format=ox.RdfFormat.N_QUADS)
        read = document_claims((str(q.subject), str(q.predicate), str(q.object)) for q in quads)
        written = claims_path(shard).read_bytes()
        assert claims_bytes(read) == written, shard.name
        made += written.count(b"\n")
    assert made > 5


def test_claims_read_odd_literals_and_ignore_other_statements() -> None:
    """Escaped anchors and labels are read as their text; an observation stated twice gives
    its least value, as the sorted lines of its graph would."""
    obs = "<https://w3id.org/ecokg/id/obs/d/1-5>"
    span = "https://w3id.org/ecokg/id/span/d/1-5"
    ind = str(IND["odd"])
    ekg = EKG
    terms = {
        ekg.indicator: f"<{ind}>",
        ekg.unit: "<https://w3id.org/ecokg/def#unit/percent>",
        ekg.qualifier: "<https://w3id.org/ecokg/def#exact>",
        ekg.modality: "<https://w3id.org/ecokg/def#achieved>",
        ekg.place: "<https://w3id.org/ecokg/id/place/x>",
        ekg.period: '"2024"',
        ekg.evidence: f"<{span}>",
        ekg.valueSpan: f"<{span}>",
        PROV.wasDerivedFrom: "<https://w3id.org/ecokg/id/doc/d>",
    }
    statements = [(obs, f"<{p}>", o) for p, o in terms.items()]
    decimal = "^^<http://www.w3.org/2001/XMLSchema#decimal>"
    statements += [
        (obs, f"<{ekg.value}>", f'"9.5"{decimal}'),
        (obs, f"<{ekg.value}>", f'"10.25"{decimal}'),
        (f"<{span}>", f"<{NIF.anchorOf}>", '"\\"10.25\\"\\t%"'),
        (f"<{ind}>", f"<{SKOS.prefLabel}>", '"\\"odd\\" 率"@zh-hans'),
        (f"<{ind}>", f"<{SKOS.prefLabel}>", '"odd rate"@en'),
        (f"<{ind}>", f"<{RDF.type}>", f"<{ekg.Indicator}>"),
    ]
    (claim,) = document_claims(statements, codes={})
    assert claim.value == Decimal("10.25")  # "10.25" sorts before "9.5"
    assert claim.label == '"odd" 率'
    assert claim.tolerance == Decimal("0.005")
    assert claim.obs == obs[1:-1] and claim.period == "2024"
