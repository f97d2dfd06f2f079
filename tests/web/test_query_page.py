"""The query page in a real browser (headless Chromium driven by Playwright): the bundled
CodeMirror editor highlights SPARQL and completes prefixes under the page's
Content-Security-Policy, the canned queries run as examples, the results table sorts and links
to the UI's pages, and the results download as CSV and JSON.

Expected values are read from the page itself or from the catalog, never written in here.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from webtools import PageWatch, Server

from ecokg.catalog import canned_queries
from ecokg.kg.vocab import PREFIXES

Page = tuple[Any, PageWatch]


def open_editor(pg: Any, server: Server) -> None:
    pg.goto(server.url + "/query")
    pg.wait_for_selector("body[data-ready]")


def editor_text(pg: Any) -> str:
    text: str = pg.evaluate(
        "Array.from(document.querySelectorAll('.cm-content .cm-line'))"
        ".map(l => l.textContent).join('\\n')"
    )
    return text


def replace_query(pg: Any, text: str) -> None:
    """Type ``text`` into the editor in place of what is there, as a person would."""
    pg.locator(".cm-content").click()
    pg.keyboard.press("Control+a")
    pg.keyboard.press("Delete")
    pg.keyboard.type(text)


def accept_completion(pg: Any) -> None:
    """Enter on the open completion list (CodeMirror ignores keys for 75 ms after it opens,
    so that fast typing is never taken for a choice)."""
    pg.wait_for_timeout(200)
    pg.keyboard.press("Enter")


def run_example(pg: Any, name: str) -> None:
    pg.select_option("#examples", name)
    pg.click("#run")
    pg.wait_for_selector("#results tbody tr")


def column(pg: Any, name: str) -> list[str]:
    heads = pg.locator("#results thead th").all_inner_texts()
    index = [h.split(" ")[0] for h in heads].index(name) + 1
    cells: list[str] = pg.locator(f"#results tbody td:nth-child({index})").all_inner_texts()
    return cells


def test_page_allows_only_its_own_files_and_one_style_nonce(demo_server: Server) -> None:
    with urllib.request.urlopen(demo_server.url + "/query") as answer:
        csp = answer.headers["Content-Security-Policy"]
        page = answer.read().decode("utf-8")
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp
    nonce = csp.split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'"nonce":"{nonce}"' in page  # handed to CodeMirror for its style element
    with urllib.request.urlopen(demo_server.url + "/query") as again:
        assert nonce not in again.headers["Content-Security-Policy"]  # one per answer
    with urllib.request.urlopen(demo_server.url + "/static/codemirror.js") as bundle:
        head = bundle.read(2000).decode("utf-8")
    assert "@codemirror/view" in head and "MIT" in head  # versions and licence noted
    with urllib.request.urlopen(demo_server.url + "/static/codemirror.LICENSE.txt") as licence:
        assert "Permission is hereby granted" in licence.read().decode("utf-8")


def test_editor_highlights_and_completes_prefixes(
    page: Page, demo_server: Server, artifacts: Path
) -> None:
    pg, watch = page
    open_editor(pg, demo_server)
    replace_query(pg, "SELECT ?s ?label WHERE { ?s a ekg:Agen")
    # The vocabulary term completes after its prefix.
    options = pg.locator(".cm-tooltip-autocomplete li")
    options.first.wait_for()
    assert "ekg:Agency" in options.all_inner_texts()
    accept_completion(pg)
    pg.keyboard.type(" ; ")
    # A bare word completes to the prefixes it starts; choosing one declares it.
    pg.keyboard.type("sk")
    pg.keyboard.press("Control+Space")
    options.first.wait_for()
    offered = options.all_inner_texts()
    assert offered and all(o.startswith("sk") for o in offered)
    assert offered[0].startswith("skos:")
    accept_completion(pg)
    pg.keyboard.type("prefLabel ?label")
    pg.keyboard.press("Escape")
    text = editor_text(pg)
    assert "?s a ekg:Agency ; skos:prefLabel ?label" in text
    assert f"PREFIX skos: <{PREFIXES['skos']}>" in text
    assert f"PREFIX ekg: <{PREFIXES['ekg']}>" in text
    # Highlighting: keywords, variables and prefixed names get their own classes and colours.
    keyword = pg.locator(".cm-content .tok-keyword", has_text="SELECT").first
    variable = pg.locator(".cm-content .tok-variableName", has_text="?label").first
    plain = pg.evaluate("getComputedStyle(document.querySelector('.cm-content')).color")
    colours = {
        keyword.evaluate("e => getComputedStyle(e).color"),
        variable.evaluate("e => getComputedStyle(e).color"),
        plain,
    }
    assert len(colours) == 3
    pg.locator(".editor").screenshot(path=str(artifacts / "query-editor.png"))
    pg.keyboard.press("Control+Enter")
    pg.wait_for_selector("#results tbody tr")
    links = pg.locator("#results tbody td:nth-child(1) a")
    assert links.count() > 0
    assert all(not t.startswith("http") for t in links.all_inner_texts())  # labels, not IRIs
    watch.assert_clean()


def test_example_runs_sorts_links_and_downloads(
    page: Page, demo_server: Server, artifacts: Path
) -> None:
    pg, watch = page
    open_editor(pg, demo_server)
    queries = canned_queries()
    # Every canned query is offered by its title.
    titles = pg.locator("#examples option").all_inner_texts()
    assert titles == [q.title for q in queries.values()]
    pg.select_option("#examples", "documents")
    assert pg.locator("#example-learn").inner_text() == queries["documents"].learn
    assert editor_text(pg).strip() == queries["documents"].text.strip()
    run_example(pg, "documents")
    heads = pg.locator("#results thead th").all_inner_texts()
    assert heads == queries["documents"].columns
    # Sort a numeric column, both ways.
    shown = [int(c) for c in column(pg, "characters")]
    pg.locator("#results thead th button", has_text="characters").click()
    assert [int(c) for c in column(pg, "characters")] == sorted(shown)
    assert (
        pg.locator("#results thead th[aria-sort=ascending]").inner_text().startswith("characters")
    )
    pg.locator("#results thead th button", has_text="characters").click()
    assert [int(c) for c in column(pg, "characters")] == sorted(shown, reverse=True)
    # And a text column.
    pg.locator("#results thead th button", has_text="doc").first.click()
    docs = column(pg, "doc")
    assert docs == sorted(docs)
    pg.screenshot(path=str(artifacts / "query.png"))
    # Downloads hold what the table shows.
    with pg.expect_download() as info:
        pg.click("#csv")
    assert info.value.suggested_filename == "documents.csv"
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert rows[0] == heads and len(rows) - 1 == pg.locator("#results tbody tr").count()
    assert sorted(r[0] for r in rows[1:]) == sorted(docs)
    with pg.expect_download() as info:
        pg.click("#json")
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["head"]["vars"] == heads
    assert len(data["results"]["bindings"]) == len(docs)
    # A document identifier links to the document's page, titled on hover.
    link = pg.locator("#results tbody td:nth-child(1) a").first
    title = link.get_attribute("title")
    assert title
    link.click()
    pg.wait_for_selector(".doc-text")
    assert pg.locator("h1").inner_text() == title
    watch.assert_clean()


def test_iris_show_as_labels_linked_to_entity_pages(page: Page, demo_server: Server) -> None:
    pg, watch = page
    open_editor(pg, demo_server)
    run_example(pg, "entities_by_type")
    iris = pg.locator("#results tbody td:nth-child(2) a")
    names = column(pg, "name")
    assert iris.count() == len(names) > 0
    # The IRI column shows each entity's label (the name column says which), the prefixed
    # name and the IRI on hover; the class column shows the class's label.
    assert [t.split(" @")[0] for t in names[:20]] == iris.all_inner_texts()[:20]
    first = iris.first
    hover = first.get_attribute("title") or ""
    assert hover.startswith("id:") and "https://" in hover
    assert not any(t.startswith("http") for t in column(pg, "class"))
    label = first.inner_text()
    first.click()
    pg.wait_for_selector("h1")
    assert pg.locator("h1").inner_text() == label
    assert "/id/" in pg.url
    watch.assert_clean()


def test_refused_query_shows_the_reason(page: Page, demo_server: Server) -> None:
    pg, watch = page
    open_editor(pg, demo_server)
    replace_query(pg, "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    pg.keyboard.press("Escape")
    pg.click("#run")
    pg.wait_for_selector("#query-error")
    assert "SERVICE" in pg.locator("#query-error").inner_text()
    # The 403 answer is logged by Chromium as a failed resource load; nothing else may be.
    watch.errors = [e for e in watch.errors if "403" not in e]
    watch.assert_clean()


def post_labels(server: Server, body: bytes, **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(
        server.url + "/labels",
        data=body,
        headers={"Content-Type": "application/json", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_labels_answer_this_site_only(demo_server: Server) -> None:
    agency = PREFIXES["id"] + "agency/"
    query = urllib.parse.urlencode(
        {
            "query": f'SELECT ?a ?l WHERE {{ GRAPH ?g {{ ?a skos:prefLabel ?l FILTER (STRSTARTS(STR(?a), "{agency}") && LANGMATCHES(LANG(?l), "zh-Hans")) }} }} LIMIT 1'
        }
    )
    with urllib.request.urlopen(f"{demo_server.url}/sparql?{query}") as answer:
        row = json.loads(answer.read())["results"]["bindings"][0]
    iri, label = row["a"]["value"], row["l"]["value"]
    status, body = post_labels(demo_server, json.dumps([iri, "not an iri"]).encode())
    assert status == 200 and json.loads(body) == {iri: label}
    status, _ = post_labels(demo_server, json.dumps([iri]).encode(), Origin="http://evil.example")
    assert status == 403
    assert post_labels(demo_server, b"[1, 2]")[0] == 400
    assert post_labels(demo_server, b"[]", **{"Content-Type": "text/plain"})[0] == 415
