"""Shared fixtures: the demo corpus built once per session, a CLI runner, the lexicon, and a real
Oxigraph SPARQL server (the ``oxigraph`` executable of the PyPI package, a test dependency)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecokg.api import BuildSummary, build
from ecokg.extract.lexicon import Lexicon, load_lexicon

REPO = Path(__file__).resolve().parent.parent
# The contract columns of observations.rq (README).
OBS_COLUMNS = [
    "doc",
    "indicator",
    "indicatorLabel",
    "value",
    "unit",
    "qualifier",
    "period",
    "place",
    "quote",
    "start",
    "end",
    "modality",
    "direction",
    "basePeriod",
    "asOf",
    "maxValue",
]

CORPUS = REPO / "data" / "corpus"
# One gold observation of demo document 000, right as ecokg finds it (the eval command's tests).
DEMO_GOLD_RECORD = {
    "kind": "obs",
    "doc": "000_4ab9d1cb27f061be",
    "id": "000-o01",
    "indicator": "国考断面水质优良比例",
    "value": 96.2,
    "unit": "percent",
    "qualifier": "exact",
    "period": "2022",
    "place": "江西省",
    "anchor": "国考断面水质优良比例达96.2%",
}


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    """The demo corpus built with the embedded default store."""
    out = tmp_path_factory.mktemp("demo") / "out"
    return out, build(CORPUS, out)


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m ecokg ARGS`` and capture its output (``TimeoutExpired`` past ``timeout``)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "ecokg", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or REPO,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (just now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def oxigraph_executable() -> str:
    """The Oxigraph server installed with the test extras (next to this Python, or on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        pytest.fail("the oxigraph server is missing: pip install -e '.[test]' installs it")
    return found


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph SPARQL server on a free local port with a fresh store; its base URL.

    ``BASE/query`` is the SPARQL query endpoint, ``BASE/store`` the Graph Store Protocol one.
    """
    home = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        [
            oxigraph_executable(),
            "serve",
            "--location",
            str(home / "db"),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            "300",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(base, server, home / "server.log")
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_until_answering(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the oxigraph server exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"the oxigraph server did not answer at {base} within 60 s")
