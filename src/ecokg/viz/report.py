"""The offline report: one HTML file with its data, script and style inside.

Nothing is fetched: the script and style ship in this package (``assets/``) and are inlined,
and a Content-Security-Policy allows exactly those two (by hash) and no network at all. The
graph's data travels as JSON in a ``<script type="application/json">`` element with ``<``, ``>``
and ``&`` escaped, so no label or quote can close the element; the script builds the page with
``textContent`` only.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from pathlib import Path
from typing import Any

from ecokg import __version__
from ecokg.outputs import check_output_file, write_atomic
from ecokg.store import KnowledgeGraph
from ecokg.viz.data import gather

# Characters that could end a <script> element or start markup inside it, the line separators
# that older JavaScript parsers treat as line ends, and the bidi embeddings, overrides and
# isolates a quote may hold, which would reorder how the page's source reads in an editor.
_SCRIPT_ESCAPES = {
    code: f"\\u{code:04x}"
    for code in (*map(ord, "<>&"), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def asset(name: str) -> str:
    """A file shipped in ``ecokg/viz/assets``."""
    return resources.files("ecokg.viz").joinpath("assets", name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def csp_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_report(data: Any, title: str = "ecokg report") -> str:
    """The report page for data gathered by :func:`ecokg.viz.data.gather`."""
    css, js = asset("report.css"), asset("report.js")
    csp = (
        f"default-src 'none'; script-src {csp_hash(js)}; style-src {csp_hash(css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    page = asset("report.html")
    # The data and code go in last, so that a placeholder-like text inside them is never replaced.
    for key, value in (
        ("@CSP@", csp),
        ("@VERSION@", html.escape(__version__)),
        ("@TITLE@", html.escape(title)),
        ("@CSS@", css),
    ):
        page = page.replace(key, value)
    head, _, rest = page.partition("@DATA@")
    middle, _, tail = rest.partition("@JS@")
    return head + script_json(data) + middle + js + tail


def report_html(kg: KnowledgeGraph, title: str = "ecokg report") -> str:
    """The report page of a knowledge graph (deterministic for the same graph)."""
    return render_report(gather(kg), title)


def write_report(kg: KnowledgeGraph, path: str | Path, title: str = "ecokg report") -> Path:
    """Write the report of ``kg`` to ``path`` atomically; return the path.

    ``path`` must be absent or a regular file (:func:`~ecokg.outputs.write_atomic`), checked
    before the report is made.
    """
    target = Path(path)
    check_output_file(target)
    write_atomic(target, report_html(kg, title).encode("utf-8"))
    return target
