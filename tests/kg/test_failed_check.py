"""A document whose graph fails its worker's check is checked alone in the union pass."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from ecokg.api import build
from ecokg.shards import SLICE_SUFFIX

TEXTS = {
    "a.txt": "2024年，某市细颗粒物平均浓度为31微克/立方米，同比下降6.1%。市生态环境局印发《某市蓝天行动方案》。",
    "b.txt": "2024年，某县地表水国控断面水质优良比例为92.3%，较2023年提高2.1个百分点。",
}


def test_a_failed_document_is_checked_alone_and_the_report_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    whole = build(corpus, tmp_path / "whole")

    # (the modules themselves: the package's `validate` is the API function of that name)
    pipeline = importlib.import_module("ecokg.pipeline")
    validate = importlib.import_module("ecokg.validate")
    holds = pipeline.document_graph_holds
    alone = validate._failed_graph_results
    checked_alone: list[str] = []

    def fail_b(data: bytes) -> bool:  # b's worker says its graph failed; the union pass decides
        return holds(data) and b"/doc/b" not in data

    def spy(store: object, graph: object) -> list[object]:
        checked_alone.append(str(graph))
        return alone(store, graph)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "document_graph_holds", fail_b)
    monkeypatch.setattr(validate, "_failed_graph_results", spy)
    failed = build(corpus, tmp_path / "failed")
    assert len(checked_alone) == 1 and checked_alone[0].endswith("/b>")
    assert failed.violations == whole.violations == 0
    assert len(list((tmp_path / "failed" / "shards").glob(f"*{SLICE_SUFFIX}"))) == 2
    assert (tmp_path / "failed" / "validation.txt").read_text(encoding="utf-8") == (
        tmp_path / "whole" / "validation.txt"
    ).read_text(encoding="utf-8")
