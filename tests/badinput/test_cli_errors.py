"""Every command given bad input fails with one ``error:`` line and no traceback (issue 15).

Each case runs ``python -m ecokg`` as a subprocess, so the same test runs against any version of
the code on ``PYTHONPATH``. The assertions are the CLI's contract: a non-zero exit status, stderr
exactly one line starting with ``error:``, no traceback; ``ecokg --debug`` shows the traceback.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CORPUS, REPO, run_cli
from ecokg.api import BuildSummary

# Placeholders in the cases: {kg} the demo build, {bad} a folder of bad inputs (see `bad`),
# {damaged} a build whose store files were cut short, {busy} a port something listens on.
CASES = {
    "damaged-store-viz": ["viz", "--kg", "{damaged}", "-o", "{bad}/report.html"],
    "sparql-syntax-error": ["query", "SELECT ?x WHERE { ?x ", "--kg", "{kg}"],
    "sparql-unknown-prefix": ["query", "SELECT ?x WHERE { nope:x ?p ?x }", "--kg", "{kg}"],
    "sparql-service-unreachable": [
        "query",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "--kg",
        "{kg}",
    ],
    "unknown-canned-query": ["query", "no_such_query", "--kg", "{kg}"],
    "bad-param": ["query", "indicator_series", "-p", "indicator", "--kg", "{kg}"],
    "query-file-not-utf8": ["query", "{bad}/gbk.rq", "--kg", "{kg}"],
    "eval-missing-gold": [
        "eval",
        "--corpus",
        str(CORPUS),
        "--gold",
        "{bad}/no-gold",
        "--kg",
        "{kg}",
    ],
    "serve-busy-port": ["serve", "--kg", "{kg}", "--port", "{busy}"],
    "serve-port-out-of-range": ["serve", "--kg", "{kg}", "--port", "70000"],
    "export-onto-a-folder": ["export", "--kg", "{kg}", "--format", "nt", "-o", "{bad}"],
    "viz-output-under-a-file": ["viz", "--kg", "{kg}", "-o", "{bad}/gbk.rq/report.html"],
    "endpoint-url-invalid": ["query", "documents", "--kg", "http://[::1/query"],
    "endpoint-url-with-space": ["query", "documents", "--kg", "http://a b/query"],
}

# A --kg that is not a knowledge graph, for every command that reads one.
MISSING_KG = [
    ["query", "documents"],
    ["serve", "--port", "0"],
    ["export", "--format", "nt", "-o", "{bad}/out.nt"],
    ["validate"],
    ["viz", "-o", "{bad}/report.html"],
    ["push", "--store-url", "http://127.0.0.1:9/store"],
    ["graph", "central"],
]


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of bad inputs: a GBK-encoded query file (also a file to put nothing under)."""
    folder = tmp_path_factory.mktemp("bad")
    (folder / "gbk.rq").write_bytes("# 空气质量\nSELECT * WHERE { ?s ?p ?o }".encode("gbk"))
    return folder


@pytest.fixture(scope="module")
def damaged(
    demo_build: tuple[Path, BuildSummary], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A copy of the demo build whose store files are cut to 10 bytes (a disk that filled up)."""
    out = tmp_path_factory.mktemp("damaged") / "out"
    shutil.copytree(demo_build[0], out)
    for table in (out / "store").glob("*.sst"):
        with table.open("r+b") as handle:
            handle.truncate(10)
    return out


@pytest.fixture(scope="module")
def busy() -> Iterator[int]:
    """A port something is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        yield listener.getsockname()[1]


def fill(args: list[str], **places: object) -> list[str]:
    """The arguments with each ``{name}`` placeholder replaced (queries keep their braces)."""
    filled = []
    for arg in args:
        for name, value in places.items():
            arg = arg.replace(f"{{{name}}}", str(value))
        filled.append(arg)
    return filled


def assert_one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    """The CLI contract for a failure; returns the line."""
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode != 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: "), done.stderr
    return lines[0]


@pytest.mark.parametrize("args", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_one_error_line(
    args: list[str],
    demo_build: tuple[Path, BuildSummary],
    bad: Path,
    damaged: Path,
    busy: int,
) -> None:
    done = run_cli(*fill(args, kg=demo_build[0], bad=bad, damaged=damaged, busy=busy))
    assert_one_error_line(done)
    assert done.returncode == 2  # an expected failure, not an internal error


def test_missing_kg_is_one_error_line_for_every_command(bad: Path) -> None:
    for args in MISSING_KG:
        done = run_cli(*fill(args, bad=bad), "--kg", str(bad / "no-such-build"))
        line = assert_one_error_line(done)
        assert "no-such-build: not an ecokg build output" in line, args


def test_damaged_store_says_so(damaged: Path) -> None:
    line = assert_one_error_line(run_cli("query", "documents", "--kg", str(damaged)))
    assert line.startswith(f"error: {damaged}: the store is damaged (")
    assert line.endswith("; build the graph again")


def test_debug_shows_the_traceback(damaged: Path) -> None:
    done = run_cli("--debug", "query", "documents", "--kg", str(damaged))
    assert done.returncode != 0
    assert "Traceback (most recent call last)" in done.stderr
    assert "the store is damaged" in done.stderr.splitlines()[-1]


# An exception ecokg does not expect, raised inside a command: the CLI reports it as a bug.
UNEXPECTED = """
import ecokg.cli.query
def broken(location):
    raise ZeroDivisionError("a bug")
ecokg.cli.query.open_kg = broken
import ecokg.cli
ecokg.cli.main()
"""


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_unexpected_exception_is_an_internal_error(debug: bool) -> None:
    args = ["--debug"] * debug + ["query", "documents", "--kg", "anything"]
    done = subprocess.run(
        [sys.executable, "-c", UNEXPECTED, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    if debug:
        assert "Traceback (most recent call last)" in done.stderr
        assert done.stderr.splitlines()[-1] == "ZeroDivisionError: a bug"
    else:
        assert done.stderr.splitlines() == [
            "error: internal error: ZeroDivisionError: a bug (run with --debug for the traceback)"
        ]


@pytest.mark.parametrize(
    "args",
    [["query", "documents", "--kg", "out", "--format", "xml"], ["no-such-command"]],
    ids=["bad-format", "unknown-command"],
)
def test_usage_errors_keep_clicks_message(args: list[str]) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("Usage: ")
    assert done.stderr.splitlines()[-1].startswith("Error: ")
