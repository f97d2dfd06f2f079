"""The report and the web UI in a real browser (headless Chromium driven by Playwright).

Every test checks that no console error was logged, no dialog fired and nothing outside
127.0.0.1 / file: was requested; screenshots are written to the artifacts folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from webtools import HOSTILE_LABEL, HOSTILE_TITLE, PageWatch, Server

from ecokg.api import open_kg
from ecokg.viz import write_report

Page = tuple[Any, PageWatch]


def test_report_renders_offline(page: Page, demo_report: Path, artifacts: Path) -> None:
    pg, watch = page
    pg.goto(demo_report.as_uri())
    pg.wait_for_selector("body[data-ready]")
    assert pg.locator("#net .node").count() > 20
    assert pg.locator("#net .node[data-type=Agency]").count() > 0
    assert pg.locator("#net .node[data-type=Indicator]").count() > 0
    assert pg.locator(".chart circle").count() >= 4
    titles = pg.locator(".chart h3").all_text_contents()
    assert "PM2.5年均浓度" in titles and "国考断面水质优良比例" in titles
    pg.screenshot(path=str(artifacts / "report.png"))
    watch.assert_clean()


def test_report_click_node_shows_provenance(page: Page, demo_report: Path, artifacts: Path) -> None:
    pg, watch = page
    pg.goto(demo_report.as_uri())
    pg.wait_for_selector("body[data-ready]")
    pg.locator("#net .node[data-type=Agency] circle").first.click()
    card = pg.locator("#detail-card")
    card.wait_for()
    assert "Agency" in card.inner_text()
    assert card.locator("blockquote").count() >= 1  # the source quote
    assert "《" in card.locator(".src").first.inner_text()  # the document it came from
    pg.screenshot(path=str(artifacts / "report-node.png"))
    watch.assert_clean()


def test_report_click_edge_and_chart_point(page: Page, demo_report: Path) -> None:
    pg, watch = page
    pg.goto(demo_report.as_uri())
    pg.wait_for_selector("body[data-ready]")
    pg.locator("#net path.hit").first.dispatch_event("click")
    assert pg.locator("#detail-card blockquote").count() >= 1
    chart = pg.locator(".chart", has=pg.locator("h3", has_text="PM2.5年均浓度"))
    chart.locator("circle").first.click()
    card = pg.locator("#detail-card")
    assert "PM2.5年均浓度" in card.inner_text()
    assert "27" in card.locator("blockquote").inner_text()
    watch.assert_clean()


def test_report_compares_claims_across_documents(
    page: Page, demo_report: Path, artifacts: Path
) -> None:
    pg, watch = page
    pg.goto(demo_report.as_uri())
    pg.wait_for_selector("body[data-ready]")
    pairs = pg.locator(".claim-pair")
    assert pairs.count() >= 3
    assert pairs.first.get_attribute("data-verdict") == "conflicting"  # conflicts lead
    drones = pg.locator(".claim-pair", has_text="无人机机场数")
    assert drones.get_attribute("data-verdict") == "conflicting"
    # Both sentences side by side, each with its value marked, earlier first.
    assert drones.locator(".side blockquote mark").all_text_contents() == ["13个", "24个"]
    assert "全省建立了13个无人机机场" in drones.locator(".side").first.inner_text()
    rectified = pg.locator(".claim-pair", has_text="督察问题完成整改数")
    assert rectified.get_attribute("data-verdict") == "updated"
    # The running totals are charted at their as-of dates; the conflicting points are ringed.
    chart = pg.locator('.chart[data-running="1"]', has=pg.locator("h3", has_text="无人机机场数"))
    assert chart.locator("circle.conflict").count() == 2
    chart.locator("circle").last.click()
    assert "2026-01" in pg.locator("#detail-card .meta").inner_text()
    assert "24" in pg.locator("#detail-card blockquote").inner_text()
    pg.locator("#claims-section").screenshot(path=str(artifacts / "report-claims.png"))
    watch.assert_clean()


def test_report_filters(page: Page, demo_report: Path) -> None:
    pg, watch = page
    pg.goto(demo_report.as_uri())
    pg.wait_for_selector("body[data-ready]")
    strict = pg.locator("#net .node").count()
    pg.select_option("#f-basis", "shared_theme_place")
    assert pg.locator("#net .node").count() > strict
    pg.select_option("#f-theme", "theme/air")
    air = pg.locator("#net .node").count()
    assert (
        0
        < air
        < pg.evaluate("JSON.parse(document.getElementById('ecokg-data').textContent).nodes.length")
    )
    pg.select_option("#f-year", "2024")
    pg.select_option("#f-doc", index=1)
    assert pg.locator("#net-count").inner_text()
    watch.assert_clean()


def test_report_shows_hostile_labels_as_text(
    page: Page, hostile_build: Path, tmp_path: Path, artifacts: Path
) -> None:
    report = write_report(open_kg(hostile_build), tmp_path / "hostile.html")
    raw = report.read_text(encoding="utf-8")
    assert "<img src=x" not in raw and "<script>alert" not in raw
    pg, watch = page
    pg.goto(report.as_uri())
    pg.wait_for_selector("body[data-ready]")
    pg.select_option("#f-basis", "shared_theme_place")
    node = pg.locator("#net .node", has=pg.locator("title", has_text="<img src=x"))
    assert node.count() == 1
    node.locator("circle").click()
    assert HOSTILE_LABEL in pg.locator("#detail-card h3").inner_text()
    assert pg.locator("img").count() == 0
    pg.screenshot(path=str(artifacts / "report-hostile.png"))
    watch.assert_clean()


def test_entity_page(page: Page, demo_server: Server, artifacts: Path) -> None:
    pg, watch = page
    pg.goto(demo_server.url + "/type/Agency")
    pg.get_by_role("link", name="江西省生态环境厅", exact=True).click()
    pg.wait_for_selector("h1")
    assert pg.locator("h1").inner_text() == "江西省生态环境厅"
    labels = pg.locator("table.labels").inner_text()
    assert "江西省生态环境厅" in labels and "江西省生態環境廳" in labels  # both scripts
    assert pg.locator("blockquote.quote").count() > 0  # relations and mentions with evidence
    pg.screenshot(path=str(artifacts / "entity.png"), full_page=False)
    # Links between entities: follow a relation to another entity's page.
    pg.locator("table.facts a", has_text="江西省监测规划").first.click()
    assert pg.locator("h1").inner_text() == "江西省监测规划"
    assert pg.locator("text=Policy→outcome links").count() == 1
    watch.assert_clean()


def test_document_page_highlights(page: Page, demo_server: Server, artifacts: Path) -> None:
    pg, watch = page
    pg.goto(demo_server.url + "/")
    pg.locator("table.list a").first.click()
    pg.wait_for_selector(".doc-text")
    assert pg.locator(".doc-text a.hl.obs").count() > 20
    assert pg.locator(".doc-text a.hl.ent").count() > 20
    assert pg.locator(".doc-text mark.ev").count() > 20
    value = pg.locator(".doc-text a.hl.obs", has_text="27微克/立方米").first
    assert value.is_visible()
    pg.screenshot(path=str(artifacts / "document.png"))
    value.click()
    assert "PM2.5" in pg.locator("body").inner_text()  # the observation's page
    watch.assert_clean()


def test_document_page_shows_claims_of_other_documents_side_by_side(
    page: Page, demo_server: Server, artifacts: Path
) -> None:
    pg, watch = page
    pg.goto(demo_server.url + "/id/doc/003_78945b0be4033c96")
    pg.wait_for_selector(".doc-text")
    drones = pg.locator(".claim-pair", has_text="无人机机场数")
    assert drones.get_attribute("data-verdict") == "conflicting"
    mine, other = drones.locator(".side").all()
    assert mine.locator("mark").inner_text() == "13个" and "本文" in mine.inner_text()
    assert (
        other.locator("mark").inner_text() == "24个"
        and "002_6a764f9e72c9d886" in other.inner_text()
    )
    box_mine, box_other = mine.bounding_box(), other.bounding_box()
    assert box_mine and box_other and box_mine["x"] < box_other["x"]  # side by side
    assert abs(box_mine["y"] - box_other["y"]) < 5
    drones.screenshot(path=str(artifacts / "document-claims.png"))
    # The other document's sentence links to its span there.
    other.locator("a.src").click()
    pg.wait_for_selector(".doc-text")
    assert pg.url.endswith("#char=2918,2931")
    assert (
        pg.locator(".claim-pair", has_text="无人机机场数").locator(".side.this mark").inner_text()
        == "24个"
    )
    watch.assert_clean()


def test_pages_show_hostile_text_as_text(
    page: Page, hostile_server: Server, artifacts: Path
) -> None:
    pg, watch = page
    pg.goto(hostile_server.url + "/")
    assert pg.get_by_text(HOSTILE_TITLE).count() == 1
    pg.locator("table.list a").first.click()
    pg.wait_for_selector(".doc-text")
    assert "<img src=x onerror=alert(1)>" in pg.locator(".doc-text").inner_text()
    assert "<script>alert(2)</script>" in pg.locator(".doc-text").inner_text()
    assert pg.locator("main img, main script").count() == 0
    pg.screenshot(path=str(artifacts / "document-hostile.png"))
    pg.goto(hostile_server.url + "/type/Regulation")
    pg.get_by_role("link", name=HOSTILE_LABEL).click()
    assert pg.locator("h1").inner_text() == HOSTILE_LABEL
    pg.goto(hostile_server.url + "/report")
    pg.wait_for_selector("body[data-ready]")
    watch.assert_clean()
