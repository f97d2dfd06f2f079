"""Golden file: the RDF of a small document written for the tests, byte for byte.

Regenerate after an intended change with ``ECOKG_UPDATE_GOLDEN=1 pytest tests/kg/test_golden.py``
and review the diff like code.
"""

from __future__ import annotations

import os
from pathlib import Path

from ecokg.api import build

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_document_graph_matches_golden_file(tmp_path: Path) -> None:
    summary = build(GOLDEN / "mini-corpus", tmp_path / "out")
    assert summary.ok, summary.problems
    produced = (tmp_path / "out" / "graphs" / "hunan_bulletin.trig").read_bytes()
    golden = GOLDEN / "hunan_bulletin.trig"
    if os.environ.get("ECOKG_UPDATE_GOLDEN") == "1":
        golden.write_bytes(produced)
    assert produced == golden.read_bytes()
