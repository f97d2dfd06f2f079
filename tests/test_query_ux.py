"""Issue 17, the researcher's day at the command line: one row per fact in the script asked for,
documented queries, parameters checked before running, output that fits an 80-column terminal,
outcome links ranked by evidence, and an evaluation that says what it matched."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.cells import cell_len

import ecokg
from conftest import CORPUS, DEMO_GOLD_RECORD, REPO, run_cli
from ecokg.api import BuildSummary, open_kg
from ecokg.catalog import canned_queries, header_problems, parse_query, queries_markdown
from ecokg.cli import cli
from ecokg.errors import InputError
from ecokg.query_params import ParameterError
from ecokg.text.normalize import to_simplified

QUERIES = canned_queries()
PM25 = "https://w3id.org/ecokg/id/indicator/pm25-annual-mean"


def invoke(*args: str, columns: int = 80) -> Result:
    """The CLI in this process (its stdout is no terminal, as when piped)."""
    return CliRunner().invoke(
        cli, list(args), env={"COLUMNS": str(columns)}, catch_exceptions=False
    )


# 1. One row per fact, names in the script asked for, documents by title and date


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_no_fact_is_repeated_once_per_label(
    demo_build: tuple[Path, BuildSummary], name: str
) -> None:
    """Two rows that differ only in label columns are one fact said twice."""
    query = QUERIES[name]
    result = open_kg(demo_build[0]).query(query.text)
    keep = [i for i, v in enumerate(result.variables) if v not in query.label_columns()]
    facts = {tuple(repr(row[i]) for i in keep) for row in result.rows}
    assert len(facts) == len(result.rows), f"{name}: {len(result.rows)} rows, {len(facts)} facts"


def test_policies_by_agency_year_is_one_row_per_agency_instrument_and_document(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    kg = ecokg.open_kg(demo_build[0])
    rows = ecokg.query(kg, "policies_by_agency_year").records()
    claims = kg.query(
        "SELECT DISTINCT ?a ?i ?doc WHERE { GRAPH ?g { ?c a ekg:RelationClaim ; rdf:subject ?a ;"
        " rdf:predicate ekg:issued ; rdf:object ?i ; prov:wasDerivedFrom/dcterms:identifier ?doc ."
        " ?i a ?class . FILTER (?class IN (ekg:Policy, ekg:Regulation)) } }"
    ).records()
    assert len(rows) == len(claims) > 0
    documents = {r["doc"]: r for r in ecokg.query(kg, "documents").records()}
    for row in rows:  # the document by its title and date, as the documents query has them
        assert row["title"] == documents[row["doc"]]["title"] and row["title"]
        assert row["issued"] == documents[row["doc"]]["issued"]


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_labels_come_in_the_script_asked_for(
    demo_build: tuple[Path, BuildSummary], lang: str
) -> None:
    kg = ecokg.open_kg(demo_build[0])
    canonical = ecokg.query(kg, "entities_by_type").records()
    asked = ecokg.query(kg, "entities_by_type", lang=lang).records()
    assert [r["iri"] for r in asked] == [r["iri"] for r in canonical]  # the same facts
    changed = [(c["name"], a["name"]) for c, a in zip(canonical, asked, strict=True)]
    assert any(c != a for c, a in changed)
    for simplified, name in changed:
        if lang == "zh-Hant":  # the same name in the other script (or the same characters)
            assert to_simplified(str(name)) == to_simplified(str(simplified))
    if lang == "en":
        assert any(str(a).isascii() for _, a in changed)
    frame = ecokg.query_frame(kg, "entities_by_type", lang=lang)
    assert list(frame["name"]) == [r["name"] for r in asked]  # the notebook sees the same


def test_cli_lang_gives_the_api_rows(demo_build: tuple[Path, BuildSummary]) -> None:
    out = str(demo_build[0])
    done = invoke("query", "policies_by_agency_year", "--kg", out, "--lang", "zh-Hant")
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    rows = ecokg.query(ecokg.open_kg(out), "policies_by_agency_year", lang="zh-Hant").records()
    assert lines[0].split("\t") == list(rows[0])
    assert [line.split("\t")[1] for line in lines[1:]] == [r["agencyName"] for r in rows]
    assert "江西省生態環境廳" in done.output


# 2. Every query documented; docs/queries.md generated from the headers


def test_every_header_is_complete() -> None:
    problems = {name: header_problems(q) for name, q in QUERIES.items()}
    assert {name: p for name, p in problems.items() if p} == {}


def test_docs_queries_md_is_generated_from_the_headers() -> None:
    assert (REPO / "docs" / "queries.md").read_text(encoding="utf-8") == queries_markdown(), (
        "docs/queries.md is stale: ecokg queries --markdown > docs/queries.md"
    )
    for query in QUERIES.values():
        assert f"## {query.name}" in queries_markdown()


def test_a_header_listing_a_column_the_query_does_not_return_is_found(tmp_path: Path) -> None:
    text = QUERIES["documents"].text.replace(
        "# columns: doc (document identifier",
        "# columns: ghost (a column), doc (document identifier",
    )
    broken = tmp_path / "documents.rq"
    broken.write_text(text.replace("# example:", "# exampel:"), encoding="utf-8")
    problems = header_problems(parse_query(broken))
    assert any("ghost" in p for p in problems)
    assert any("example" in p for p in problems)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_each_example_runs_and_answers(demo_build: tuple[Path, BuildSummary], name: str) -> None:
    args = shlex.split(QUERIES[name].example)[1:]
    args[args.index("--kg") + 1] = str(demo_build[0])
    done = invoke(*args)
    assert done.exit_code == 0, done.output
    assert len(done.output.splitlines()) > 1, f"{name}: the example found nothing"


# 3. Parameters checked before running


def test_a_wrong_name_is_one_error_with_the_closest_matches(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    done = run_cli(
        "query", "indicator_series", "--kg", str(demo_build[0]), "-p", "indicator=pm25-annual-mean"
    )
    assert done.returncode == 2 and not done.stdout
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("error: ?indicator")
    assert "did you mean ind:pm25-annual-mean (PM2.5年均浓度)" in done.stderr


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"placeIri": "id:place/999999"}, "no ekg:Place id:place/999999"),
        ({"indicator": "ind:pm25-annual-means"}, "did you mean ind:pm25-annual-mean"),
        ({"nope": "1"}, "has no parameter ?nope"),
    ],
)
def test_wrong_values_fail_before_running(
    demo_build: tuple[Path, BuildSummary], params: dict[str, str], message: str
) -> None:
    with pytest.raises(ParameterError, match=re.escape(message)):
        ecokg.query(ecokg.open_kg(demo_build[0]), "indicator_series", **params)


def test_names_in_either_script_are_accepted_where_iris_are(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    kg = ecokg.open_kg(demo_build[0])
    by_iri = ecokg.query(kg, "indicator_series", indicator="ind:pm25-annual-mean").records()
    assert by_iri and {r["indicator"] for r in by_iri} == {PM25}
    for name in ("PM2.5年均浓度", "PM2.5年均濃度"):
        assert ecokg.query(kg, "indicator_series", indicator=name).records() == by_iri
    water = ecokg.query(kg, "programmes_by_theme", theme="water").records()
    assert water and ecokg.query(kg, "programmes_by_theme", theme="水").records() == water
    with pytest.raises(ParameterError, match="not one of"):
        ecokg.query(kg, "entities_by_type", **{"class": "ekg:Nothing"})


# 4. Output that fits


def test_the_table_fits_80_columns_and_wide_shows_cells_in_full(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    out = str(demo_build[0])
    for name in ("policy_outcome_links", "documents", "indicator_series"):
        done = invoke("query", name, "--kg", out, "--format", "table", "--limit", "5")
        assert done.exit_code == 0, done.output
        assert max(cell_len(line) for line in done.output.splitlines()) <= 80, name
        assert "https://" not in done.output  # IRIs shortened or left to their labels
    wide = invoke("query", "documents", "--kg", out, "--format", "table", "--wide")
    titles = [r["title"] for r in ecokg.query(ecokg.open_kg(out), "documents").records()]
    assert all(str(t) in wide.output for t in titles)
    assert max(cell_len(line) for line in wide.output.splitlines()) > 80


def test_piped_output_is_tsv_and_limit_and_order_apply(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    out = str(demo_build[0])
    done = invoke("query", "observations", "--kg", out, "--order", "-value", "--limit", "7")
    lines = done.output.splitlines()
    assert lines[0].split("\t")[:3] == ["doc", "indicator", "indicatorLabel"]
    values = [float(line.split("\t")[3]) for line in lines[1:]]
    assert len(values) == 7 and values == sorted(values, reverse=True)
    everything = ecokg.query(ecokg.open_kg(out), "observations").records()
    assert values[0] == max(float(str(r["value"])) for r in everything)
    bad = invoke("query", "observations", "--kg", out, "--order", "valeu")
    assert bad.exit_code == 2 and "no column 'valeu'" in bad.output


# 5. Outcome links ranked by the strength of their evidence


def test_outcome_links_rank_by_strength_and_quote_the_clause(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    kg = ecokg.open_kg(demo_build[0])
    rows = ecokg.query(kg, "policy_outcome_links").records()
    ranks = [(-int(str(r["strength"])), -int(str(r["documents"]))) for r in rows]
    assert ranks == sorted(ranks)
    names = {3: "same_sentence", 2: "same_paragraph", 1: "shared_theme_place"}
    assert all(r["basis"] == names[int(str(r["strength"]))] for r in rows)
    clauses = {(r["doc"], r["quote"]) for r in ecokg.query(kg, "observations").records()}
    assert all((r["doc"], r["quote"]) in clauses for r in rows)  # the clause, not the paragraph
    links = kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?l a ekg:OutcomeLink } }")
    assert 0 < len(rows) <= int(str(links.records()[0]["n"]))
    strong = ecokg.query(kg, "policy_outcome_links", min_strength="2").records()
    assert strong == [r for r in rows if int(str(r["strength"])) >= 2] and len(strong) < len(rows)
    with pytest.raises(ParameterError, match=r"4 is not in 1\.\.3"):
        ecokg.query(kg, "policy_outcome_links", min_strength="4")


def test_min_strength_option_is_the_parameter(demo_build: tuple[Path, BuildSummary]) -> None:
    out = str(demo_build[0])
    by_option = invoke("query", "policy_outcome_links", "--kg", out, "--min-strength", "3")
    by_param = invoke("query", "policy_outcome_links", "--kg", out, "-p", "min_strength=3")
    assert by_option.exit_code == 0, by_option.output
    rows = by_option.output.splitlines()[1:]
    assert rows and by_option.output == by_param.output
    strength = by_option.output.splitlines()[0].split("\t").index("strength")
    assert {row.split("\t")[strength] for row in rows} == {"3"}
    elsewhere = invoke("query", "documents", "--kg", out, "--min-strength", "3")
    assert elsewhere.exit_code != 0  # a query without the parameter refuses it


# 6. eval says what it matched


def test_eval_says_how_many_documents_it_matched(
    demo_build: tuple[Path, BuildSummary], tmp_path: Path
) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    record = dict(DEMO_GOLD_RECORD)
    elsewhere = {**record, "doc": "999_not_here", "id": "999-o01"}
    lines = [json.dumps(r, ensure_ascii=False) for r in (record, elsewhere)]
    (gold / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ("eval", "--corpus", str(CORPUS), "--gold", str(gold), "--kg", str(demo_build[0]))
    done = invoke(*args, "--summary")
    assert done.exit_code == 0, done.output
    assert done.output.startswith("Documents: 2 in the gold, 5 in the corpus, 1 in both")
    assert "Gold documents not in the corpus: 999_not_here" in done.output
    scores = json.loads(invoke(*args, "--json").output)
    assert scores["matching"]["not_in_corpus"] == ["999_not_here"]
    assert scores["observations"]["recall"] == 1.0  # the missing document is not a miss


def test_eval_without_matching_documents_fails_and_says_why(
    demo_build: tuple[Path, BuildSummary], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "other.txt").write_text("江西省生态环境厅发布公告。", encoding="utf-8")
    gold = REPO / "tests" / "heldout5"
    with pytest.raises(InputError, match="none of the gold's 6 documents is in the corpus"):
        ecokg.evaluate(ecokg.open_kg(demo_build[0]), corpus, gold)
    done = run_cli("eval", "--corpus", str(corpus), "--gold", str(gold))
    assert done.returncode == 2 and not done.stdout
    assert "500_jiangsu_presser_qa" in done.stderr and "corpus: other" in done.stderr


# 7. The README's walk-through in an 80-column terminal


def test_readme_query_commands_fit_80_columns(demo_build: tuple[Path, BuildSummary]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    # The walk-through's commands on the built demo (not the synopsis, not a server's URL).
    commands = [
        line.split("  #")[0].strip()
        for line in readme.splitlines()
        if (line.startswith("ecokg query ") and "--kg out" in line)
        or (line.startswith("ecokg queries") and "[" not in line)
    ]
    assert len(commands) >= 4
    for command in commands:
        words = shlex.split(command)[1:]
        words = words[: words.index(">")] if ">" in words else words  # output to the terminal
        args = [str(demo_build[0]) if a == "out" else a for a in words]
        if args[0] == "query" and "--format" not in args:
            args += ["--format", "table"]  # what a terminal shows
        done = invoke(*args)
        assert done.exit_code == 0, (command, done.output)
        if not {"--wide", "csv", "--markdown"} & set(args):  # long lines asked for
            assert max(cell_len(line) for line in done.output.splitlines()) <= 80, command


def test_commands_that_read_a_graph_start_without_the_extractors() -> None:
    # The extractors load jieba's model (about a second): a query should not wait for it.
    probe = "import sys, ecokg, ecokg.cli; print(sorted({'jieba', 'ecokg.pipeline'} & set(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"
    # and building still finds them
    assert callable(ecokg.build)
