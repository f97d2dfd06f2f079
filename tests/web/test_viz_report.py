"""The offline report as a file, and the span highlighter of document pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ecokg.api import BuildSummary, open_kg
from ecokg.viz import report_html, write_report
from ecokg.viz.report import script_json
from ecokg.web.pages import Span, highlight

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> tuple[int, str, str]:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "ecokg", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def test_script_json_cannot_close_the_element() -> None:
    text = script_json({"label": "</script><script>alert(1)</script>&amp;\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["label"] == "</script><script>alert(1)</script>&amp;\u2028"


def test_report_is_deterministic_and_self_contained(
    demo_build: tuple[Path, BuildSummary], tmp_path: Path
) -> None:
    kg = open_kg(demo_build[0])
    first = report_html(kg)
    assert first == report_html(kg)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", first), "nothing may be fetched"
    assert "connect-src" not in first and "default-src 'none'" in first
    path = write_report(kg, tmp_path / "r.html")
    assert path.read_text(encoding="utf-8") == first


def test_viz_cli(demo_build: tuple[Path, BuildSummary], tmp_path: Path) -> None:
    code, out, _ = run_cli("viz", "--kg", str(demo_build[0]), "-o", str(tmp_path / "r.html"))
    assert code == 0 and "r.html" in out
    assert (tmp_path / "r.html").stat().st_size > 10_000
    code, _, err = run_cli("viz", "--kg", str(tmp_path / "nothing"), "-o", str(tmp_path / "x.html"))
    assert code == 2 and err.startswith("error:") and len(err.strip().splitlines()) == 1


def test_serve_cli_error_on_missing_build(tmp_path: Path) -> None:
    code, _, err = run_cli("serve", "--kg", str(tmp_path / "nothing"), "--port", "0")
    assert code == 2 and err.startswith("error:")


def test_highlight_escapes_and_nests() -> None:
    text = "甲<b>乙</b>丙丁"
    spans = [
        Span(0, 10, "ev", "", "evidence"),
        Span(1, 9, "ent Policy", "/id/policy/p", "Policy: <b>"),
        Span(4, 5, "obs", "/id/obs/o", "v"),
    ]
    out = highlight(text, spans)
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert '<span class="anchor" id="char=4,5"></span>' in out
    assert '<a class="hl obs" href="/id/obs/o" title="v">乙</a>' in out  # innermost span wins
    assert out.count('<mark class="ev">') == 5
    assert re.sub(r"<[^>]+>", "", out).replace("&lt;", "<").replace("&gt;", ">") == text
