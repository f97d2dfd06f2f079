"""Shared fixtures: the demo corpus built once per session, a CLI runner, the lexicon."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecokg.api import BuildSummary, build
from ecokg.extract.lexicon import Lexicon, load_lexicon

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    """The demo corpus built with the embedded default store."""
    out = tmp_path_factory.mktemp("demo") / "out"
    return out, build(CORPUS, out)


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m ecokg ARGS`` and capture its output."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "ecokg", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or REPO,
        timeout=600,
        check=False,
    )
