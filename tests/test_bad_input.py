"""Bad input gets one clear message naming the file, and loses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS, run_cli
from ecokg.api import build
from ecokg.corpus import decode_bytes, iter_corpus, load_sources
from ecokg.errors import InputError, InputWarning, StoreError

SAMPLE = "江西省生态环境厅发布：2024年全省PM2.5平均浓度为27微克/立方米，同比下降3.6%。"


@pytest.fixture()
def mixed_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(SAMPLE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_bytes(b"  \n\n ")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (corpus / "garbled.txt").write_bytes(b"\xff\xfe\xfa\xfb\xff" * 20)
    return corpus


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030")],
)
def test_decodes_simplified_encodings(encoding: str, name: str) -> None:
    text, used = decode_bytes(SAMPLE.encode(encoding))
    assert text == SAMPLE
    assert used == name


def test_decodes_big5_traditional_text() -> None:
    traditional = (
        "江西省生態環境廳廳長李軍：全省空氣優良天數比率為95.5%，國考斷面水質優良比例97.7%。"
    )
    text, used = decode_bytes(traditional.encode("big5"))
    assert (text, used) == (traditional, "big5")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n ", "empty file"),
        (b"abc\x00def", "binary"),
        (b"\xff\xfe\xfa\xfb\xff" * 20, "cannot be decoded"),
    ],
)
def test_bad_bytes_raise_input_error_naming_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        decode_bytes(data, Path("corpus/x.txt"))
    assert "corpus/x.txt" in str(info.value)


def test_rest_of_corpus_builds_and_each_problem_names_its_file(
    mixed_corpus: Path, tmp_path: Path
) -> None:
    summary = build(mixed_corpus, tmp_path / "out")
    assert [d.doc_id for d in summary.documents] == ["good"]
    assert summary.observations >= 1
    problems = "\n".join(summary.problems)
    for name in ("empty.txt", "blank.txt", "binary.txt", "garbled.txt"):
        assert name in problems
    assert len(summary.problems) == 4


def test_cli_reports_problems_and_exits_non_zero(mixed_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli("build", str(mixed_corpus), "-o", str(out))
    assert done.returncode == 1
    assert done.stderr.count("skipped:") == 4
    assert "garbled.txt" in done.stderr and "Traceback" not in done.stderr
    assert (out / "graph.ttl").exists(), "the good document is still built"
    kept = run_cli("build", str(mixed_corpus), "-o", str(out), "--keep-going")
    assert kept.returncode == 0


def test_malformed_sources_yaml_is_reported_and_ignored(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text(SAMPLE, encoding="utf-8")
    (corpus / "sources.yaml").write_text("doc: [unclosed\n  title: x", encoding="utf-8")
    items = list(iter_corpus(corpus))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and "sources.yaml" in str(errors[0]) and "malformed" in str(errors[0])
    assert [i.doc_id for i in items if not isinstance(i, InputError)] == ["doc"]


def test_bad_metadata_field_is_reported_the_rest_kept(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(
        "a:\n  published: 2025-13\n  title: 甲\nb:\n  published: 2024-05\n  title: 好\n"
        "c:\n  colour: red\n",
        encoding="utf-8",
    )
    metas, problems = load_sources(tmp_path)
    assert set(metas) == {"a", "b", "c"}
    assert metas["a"].published is None and metas["a"].title == "甲"
    assert metas["b"].published is not None and metas["b"].published.iso() == "2024-05"
    assert len(problems) == 2 and all("sources.yaml" in str(p) for p in problems)
    assert [type(p) for p in problems] == [InputError, InputWarning]  # colour: reported, no loss


def test_document_without_metadata_takes_its_date_from_the_text(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "undated.txt").write_text(
        "2025年3月12日，某市召开会议。去年全市PM2.5浓度为30微克/立方米。", encoding="utf-8"
    )
    (doc,) = list(iter_corpus(corpus))
    assert not isinstance(doc, InputError)
    assert doc.published is not None and doc.published.iso() == "2025-03-12"
    assert doc.date_source == "text"


def test_failed_build_leaves_previous_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", str(CORPUS), "-o", str(out)).returncode == 0
    before = (out / "graph.ttl").read_bytes()
    broken = tmp_path / "missing-corpus"
    done = run_cli("build", str(broken), "-o", str(out))
    assert done.returncode == 2 and "not a folder" in done.stderr
    assert (out / "graph.ttl").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_refuses_to_replace_a_folder_that_is_not_a_build(tmp_path: Path) -> None:
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.docx").write_text("irreplaceable", encoding="utf-8")
    with pytest.raises(StoreError, match="is not an ecokg build"):
        build(CORPUS, precious)
    assert (precious / "chapter1.docx").read_text(encoding="utf-8") == "irreplaceable"


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(SAMPLE, encoding="utf-8")
    # A folder named like a text file cannot be read, whoever runs the test (root reads any file).
    (corpus / "locked.txt").mkdir()
    items = list(iter_corpus(corpus))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and "locked.txt" in errors[0] and "cannot be read" in errors[0]
    assert [i.doc_id for i in items if not isinstance(i, InputError)] == ["ok"]
