"""The real-style corpus generator of the scale benchmark (benchmarks/realstyle.py)."""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import realstyle  # benchmarks/ is not a package: found through the path above

DIGITS = re.compile(r"[0-9]+|[０-９]+")
SIZE_MB = 0.06


@pytest.fixture(scope="module")
def sources() -> realstyle.Sources:
    return realstyle.load_sources()


def _files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def _skeleton(text: str) -> str:
    return DIGITS.sub("#", text)


def _ascii(run: str) -> str:
    return "".join(str(int(c)) for c in run)


def test_sources_are_the_project_texts_not_gold(sources: realstyle.Sources) -> None:
    names = {p.name for p in sources.files}
    assert any(p.parent.name == "corpus" for p in sources.files)
    assert any(p.parent.name.startswith("heldout") for p in sources.files)
    assert all(n.endswith(".txt") for n in names)
    assert len(sources.paragraphs) > 1000 and len(sources.titles) > 50


def test_deterministic_per_seed_and_seeds_differ(
    tmp_path: Path, sources: realstyle.Sources
) -> None:
    a = realstyle.generate_corpus(tmp_path / "a", SIZE_MB, seed=3, sources=sources)
    b = realstyle.generate_corpus(tmp_path / "b", SIZE_MB, seed=3, sources=sources)
    c = realstyle.generate_corpus(tmp_path / "c", SIZE_MB, seed=4, sources=sources)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
    assert a.documents == b.documents and a.chars == b.chars
    docs_a = {n: t for n, t in _files(tmp_path / "a").items() if n.endswith(".txt")}
    docs_c = {n: t for n, t in _files(tmp_path / "c").items() if n.endswith(".txt")}
    assert not set(docs_a.values()) & set(docs_c.values())
    # Different seeds never share a document name (so never a document IRI).
    assert not set(docs_a) & set(docs_c)
    assert c.bytes > 0


def test_size_documents_and_sources_yaml(tmp_path: Path, sources: realstyle.Sources) -> None:
    stats = realstyle.generate_corpus(
        tmp_path, 0.2, seed=1, sources=sources, min_chars=3000, max_chars=20000
    )
    txts = sorted(tmp_path.glob("*.txt"))
    size = sum(p.stat().st_size for p in txts)
    assert size == stats.bytes
    # The last paragraph is cut at a character boundary: up to three bytes short of the size.
    assert 0.2 * realstyle.MB - 3 <= size <= 0.2 * realstyle.MB + 500
    assert stats.chars == realstyle.corpus_chars(tmp_path)
    meta = yaml.safe_load((tmp_path / "sources.yaml").read_text(encoding="utf-8"))
    assert set(meta) == {p.stem for p in txts}
    lengths = []
    for path in txts:
        text = path.read_text(encoding="utf-8")
        entry = meta[path.stem]
        assert text.splitlines()[0] == entry["title"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(entry["published"]))
        lengths.append(len(text))
    # All but the last document (cut to the requested size) are of a realistic length.
    assert all(3000 <= n <= 20000 + 1000 for n in lengths[:-1])
    assert len(set(lengths)) > 1


def test_paragraphs_are_real_with_every_number_changed(
    tmp_path: Path, sources: realstyle.Sources
) -> None:
    realstyle.generate_corpus(tmp_path, SIZE_MB, seed=7, sources=sources)
    by_skeleton: dict[str, list[str]] = defaultdict(list)
    for para in sources.paragraphs:
        by_skeleton[_skeleton(para)].append(para)
    txts = sorted(tmp_path.glob("*.txt"))
    checked = 0
    for i, path in enumerate(txts):
        paragraphs = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
        if i == len(txts) - 1:
            paragraphs = paragraphs[:-1]  # the corpus's last paragraph may be cut short
        for para in paragraphs[1:]:  # after the title line
            originals = by_skeleton.get(_skeleton(para))
            assert originals, f"not a source paragraph: {para[:60]}"
            runs = DIGITS.findall(para)
            if not runs:
                continue

            def changed_from(original: str, runs: list[str] = runs) -> bool:
                old = DIGITS.findall(original)
                return all(
                    len(n) == len(o)
                    and n != o
                    and n.isascii() == o.isascii()
                    and (_ascii(o)[0] == "0" or _ascii(n)[0] != "0")
                    for n, o in zip(runs, old, strict=True)
                )

            assert any(changed_from(o) for o in originals), para[:80]
            checked += 1
    assert checked > 20


def test_single_line_has_no_punctuation_or_line_break(
    tmp_path: Path, sources: realstyle.Sources
) -> None:
    stats = realstyle.generate_single_line(tmp_path / "a", 0.05, seed=2, sources=sources)
    realstyle.generate_single_line(tmp_path / "b", 0.05, seed=2, sources=sources)
    realstyle.generate_single_line(tmp_path / "c", 0.05, seed=5, sources=sources)
    (text,) = [t for n, t in _files(tmp_path / "a").items() if n.endswith(".txt")]
    assert re.fullmatch(r"[\u3400-\u4dbf\u4e00-\u9fff0-9０-９]+", text)
    assert stats.documents == 1 and stats.chars == len(text)
    assert 0.05 * realstyle.MB - 3 <= len(text.encode("utf-8")) <= 0.05 * realstyle.MB
    assert re.search(r"[0-9]", text)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_refuses_a_folder_that_holds_a_corpus(tmp_path: Path, sources: realstyle.Sources) -> None:
    realstyle.generate_corpus(tmp_path, 0.01, seed=1, sources=sources)
    with pytest.raises(FileExistsError):
        realstyle.generate_corpus(tmp_path, 0.01, seed=1, sources=sources)
