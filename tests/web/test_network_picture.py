"""The report's network picture reads well: labels at a readable size that neither overlap nor
run out of the picture, the larger nodes labelled first and every label whole on hover, a filter
per entity type (besides theme, place and year), no fragment indicators (单位数, 问题数), and each
indicator's line charts reachable from its node.

Expected values come from the graph or the page, not from this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from webtools import PageWatch

from ecokg.api import BuildSummary, open_kg
from ecokg.viz.data import gather, is_fragment, short_id, subject

Page = tuple[Any, PageWatch]

# Each label's box, its node's circle and full name, read from the page.
LABELS_JS = """() => {
  const svg = document.getElementById('net').getBoundingClientRect();
  const nodes = Array.from(document.querySelectorAll('#net .node')).map(g => {
    const c = g.querySelector('circle').getBoundingClientRect();
    const t = g.querySelector(':scope > text');
    const title = g.querySelector('title').textContent;
    return {
      id: g.getAttribute('data-id'), r: Number(g.querySelector('circle').getAttribute('r')),
      x: c.x + c.width / 2, y: c.y + c.height / 2, full: title.slice(0, title.lastIndexOf(' (')),
      text: t ? t.textContent : null, short: t ? t.classList.contains('short') : false,
      box: t ? t.getBoundingClientRect().toJSON() : null,
    };
  });
  return { svg: svg.toJSON(), nodes: nodes };
}"""


def open_report(pg: Any, report: Path) -> None:
    pg.goto(report.as_uri())
    pg.wait_for_selector("body[data-ready]")


def overlap(a: dict[str, float], b: dict[str, float]) -> float:
    w = min(a["right"], b["right"]) - max(a["left"], b["left"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(0.0, w) * max(0.0, h)


def check_labels(pg: Any) -> list[dict[str, Any]]:
    """Assert the labels of the picture as drawn now read well; return the nodes."""
    drawn = pg.evaluate(LABELS_JS)
    frame, nodes = drawn["svg"], drawn["nodes"]
    labelled = [n for n in nodes if n["text"] is not None]
    assert labelled
    for n in labelled:
        box = n["box"]
        assert box["height"] >= 11, f"label too small to read: {n['text']} {box}"
        assert frame["left"] <= box["left"] and box["right"] <= frame["right"] + 0.5, n["text"]
        assert frame["top"] <= box["top"] and box["bottom"] <= frame["bottom"] + 0.5, n["text"]
        if n["short"]:  # shortened only where the whole one would not fit before the next column
            assert n["text"].endswith("…") and n["full"].startswith(n["text"][:-1])
        else:
            assert n["text"] == n["full"]
    assert sum(n["short"] for n in labelled) <= len(labelled) // 4
    for i, a in enumerate(labelled):
        for b in labelled[i + 1 :]:
            assert overlap(a["box"], b["box"]) < 1, f"labels overlap: {a['text']} / {b['text']}"
    # A node goes without a label only for a labelled node at least as large close above or
    # below it in its column; so the largest node of each column is labelled.
    for n in nodes:
        if n["text"] is None:
            assert any(
                abs(m["x"] - n["x"]) < 1 and abs(m["y"] - n["y"]) < 16 and m["r"] >= n["r"]
                for m in labelled
            ), n["full"]
    return list(nodes)


def test_labels_read_well_in_the_sparse_and_the_dense_picture(
    page: Page, demo_report: Path, artifacts: Path
) -> None:
    pg, watch = page
    open_report(pg, demo_report)
    check_labels(pg)
    pg.locator("#network-section").screenshot(path=str(artifacts / "report-network.png"))
    # The widest link basis draws many more nodes than fit a label each.
    pg.select_option("#f-basis", "shared_theme_place")
    nodes = check_labels(pg)
    bare = [n for n in nodes if n["text"] is None]
    assert bare, "the dense picture should leave some labels to hover"
    pg.locator("#network-section").screenshot(path=str(artifacts / "report-network-dense.png"))
    # Hovering an unlabelled node shows its whole label on top (one no other node covers:
    # circles of a dense column may overlap).
    on_top = pg.evaluate(
        """ids => ids.filter(id => {
            const c = document.querySelector(`#net .node[data-id="${id}"] circle`);
            const r = c.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return hit !== null && hit.closest(".node") === c.closest(".node");
        })""",
        [n["id"] for n in bare],
    )
    assert on_top, "every unlabelled node is covered by another"
    target = next(n for n in bare if n["id"] == on_top[0])
    # The mouse goes to the very point found on top (a locator's hover may aim at another point
    # of a circle that a neighbour partly covers).
    box = pg.locator(f'#net .node[data-id="{target["id"]}"] circle').bounding_box()
    assert box is not None
    pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = pg.locator("#net .hover-label text")
    assert hover.text_content() == target["full"]
    pg.mouse.move(0, 0)
    assert pg.locator("#net .hover-label text").count() == 0
    watch.assert_clean()


def test_type_filter(page: Page, demo_report: Path) -> None:
    pg, watch = page
    open_report(pg, demo_report)
    types = pg.locator("#legend input[data-type]")
    names = [t.get_attribute("data-type") for t in types.all()]
    assert {"Agency", "Policy", "Programme", "Indicator"} <= set(names)
    before = {n: pg.locator(f"#net .node[data-type={n}]").count() for n in names}
    assert before["Programme"] > 0
    pg.locator("#legend input[data-type=Programme]").uncheck()
    assert pg.locator("#net .node[data-type=Programme]").count() == 0
    assert 0 < pg.locator("#net .node[data-type=Agency]").count() <= before["Agency"]
    assert pg.locator("#net .node").count() < sum(before.values())
    pg.locator("#legend input[data-type=Programme]").check()
    assert pg.locator("#net .node[data-type=Programme]").count() == before["Programme"]
    # Types combine with the other filters.
    pg.select_option("#f-theme", index=1)
    themed = pg.locator("#net .node").count()
    pg.locator("#legend input[data-type=Agency]").uncheck()
    assert pg.locator("#net .node[data-type=Agency]").count() == 0
    assert pg.locator("#net .node").count() <= themed
    watch.assert_clean()


def test_fragment_indicators_are_not_drawn(
    page: Page, demo_build: tuple[Path, BuildSummary], demo_report: Path
) -> None:
    kg = open_kg(demo_build[0])
    rows = kg.query(
        """SELECT DISTINCT ?i ?label ?scheme WHERE { GRAPH ?g { ?i a ekg:Indicator ;
             skos:prefLabel ?label FILTER (LANGMATCHES(LANG(?label), "zh-Hans"))
             OPTIONAL { ?i skos:inScheme ?scheme } } }"""
    ).records()
    known = {subject(str(r["label"])) for r in rows if r["scheme"]}
    minted = {
        str(r["i"]): str(r["label"]) for r in rows if not r["scheme"] and "--" not in str(r["i"])
    }
    fragments = {i for i, label in minted.items() if is_fragment(label, known)}
    assert fragments, "the demo's texts yield indicators named by fragments (单位数, 问题数)"
    drawn = {n["id"] for n in gather(kg)["nodes"]}
    assert not {short_id(i) for i in fragments} & drawn
    # ... and the minted indicators with a subject are drawn still.
    assert {short_id(i) for i in minted if i not in fragments} & drawn
    # The rule itself: what the issue names; a short subject the scheme knows is a subject.
    assert is_fragment("单位数") and is_fragment("问题数") and is_fragment("比例")
    assert not is_fragment("化工园区数") and not is_fragment("臭氧浓度", {"臭氧"})
    # In the browser: no node of the picture, at any link basis, is named by a fragment.
    pg, watch = page
    open_report(pg, demo_report)
    pg.select_option("#f-basis", "shared_theme_place")
    titles = set(pg.locator("#net .node title").all_text_contents())
    assert not {f"{minted[i]} (Indicator)" for i in fragments} & titles
    watch.assert_clean()


def test_indicator_node_leads_to_its_line_charts(page: Page, demo_report: Path) -> None:
    pg, watch = page
    open_report(pg, demo_report)
    pg.select_option("#f-basis", "shared_theme_place")
    index = pg.evaluate(
        """() => JSON.parse(document.getElementById('ecokg-data').textContent).series
             .findIndex(s => document.querySelector(`#net .node[data-id="${s.indicator}"]`))"""
    )
    assert index >= 0, "some charted indicator should be in the picture"
    indicator = pg.evaluate(
        f"JSON.parse(document.getElementById('ecokg-data').textContent).series[{index}].indicator"
    )
    # the force layout may lay a neighbouring node over this one: the click goes to the node
    pg.locator(f'#net .node[data-id="{indicator}"] circle').dispatch_event("click")
    links = pg.locator("#detail-card a.series-link")
    assert links.count() >= 1
    href = links.first.get_attribute("href") or ""
    chart = pg.locator(href)
    assert chart.get_attribute("data-indicator") == indicator
    links.first.click()
    assert pg.evaluate("location.hash") == href
    assert chart.locator("polyline, circle").count() >= 2  # a line chart of its points
    box = chart.bounding_box()
    height = pg.viewport_size["height"]
    assert box is not None and -2 <= box["y"] < height  # scrolled to
    watch.assert_clean()
