"""Fixtures for the report and the web UI: a hostile little build, a running server, Chromium.

Browser tests drive Debian's Chromium (``/usr/bin/chromium``) through Playwright; they fail
with a message saying how to install it rather than skip. Screenshots go to
``$ECOKG_ARTIFACTS`` (default ``test-artifacts/``, git-ignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from webtools import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOSTILE_LABEL,
    HOSTILE_TEXT,
    HOSTILE_TITLE,
    REPO,
    PageWatch,
    Server,
    start_cli_server,
    stop_server,
)

from ecokg.api import BuildSummary, build, open_kg
from ecokg.viz import write_report


@pytest.fixture(scope="session")
def artifacts() -> Path:
    path = Path(os.environ.get("ECOKG_ARTIFACTS", REPO / "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-document build whose title, text and one entity label are HTML/script."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (corpus / "sources.yaml").write_text(
        f'evil:\n  title: "{HOSTILE_TITLE}"\n  kind: feature article\n  published: 2025-01\n',
        encoding="utf-8",
    )
    out = root / "out"
    build(corpus, out)
    # Extraction strips markup from names, so the hostile label is put into the store directly.
    kg = open_kg(out)
    rows = kg.query(
        "SELECT ?r ?g WHERE { GRAPH ?g { ?r a ekg:Regulation } } ORDER BY ?r LIMIT 1"
    ).rows
    assert rows, "the hostile corpus should yield a regulation"
    regulation, graph = rows[0]
    del kg
    store = ox.Store(str(out / "store"))
    store.add(
        ox.Quad(
            regulation,
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            ox.Literal(HOSTILE_LABEL, language="zh-Hans"),
            graph,
        )
    )
    store.flush()
    del store
    return out


@pytest.fixture(scope="session")
def demo_report(
    demo_build: tuple[Path, BuildSummary], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The report of the demo build, as a file."""
    return write_report(open_kg(demo_build[0]), tmp_path_factory.mktemp("report") / "report.html")


@pytest.fixture(scope="session")
def demo_server(demo_build: tuple[Path, BuildSummary]) -> Iterator[Server]:
    """``ecokg serve`` on the demo build, as a subprocess on a free port."""
    server = start_cli_server(demo_build[0])
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def hostile_server(hostile_build: Path) -> Iterator[Server]:
    server = start_cli_server(hostile_build)
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: browser tests need Debian's Chromium "
            "(apt-get install -y chromium; .ci/run installs it)",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed (pip install -e '.[test]')", pytrace=False)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, PageWatch]]:
    """A fresh page that records console errors, dialogs and non-local requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    watch = PageWatch()
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)

    def on_request(request: Any) -> None:
        url = request.url
        if not (url.startswith(("file://", "http://127.0.0.1", "data:", "blob:"))):
            watch.foreign.append(url)

    pg.on("request", on_request)
    yield pg, watch
    context.close()
