"""The lexicon kept between processes: the same lexicon, and never a stale one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import astuple
from pathlib import Path

import pytest

from ecokg.extract import lexicon
from ecokg.extract.lexicon import Lexicon, load_lexicon


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    """Each load below as in a new process (the lexicon is also kept once per process)."""
    lexicon._load.cache_clear()
    yield
    lexicon._load.cache_clear()


def _extra(folder: Path, words: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "extra.yaml").write_text(f"test_cache_words: [{words}]\n", encoding="utf-8")
    return folder


def _not_built(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> Lexicon:
        raise AssertionError("built, not read from the cache")

    monkeypatch.setattr(lexicon, "_build", fail)


def test_the_cached_lexicon_is_the_built_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = _extra(tmp_path / "extra", "一")
    built = load_lexicon([extra])
    lexicon._load.cache_clear()
    load_lexicon([extra], tmp_path / "cache")  # builds it and keeps it
    assert len(list((tmp_path / "cache").glob("lexicon-*.pickle"))) == 1
    lexicon._load.cache_clear()
    _not_built(monkeypatch)
    cached = load_lexicon([extra], tmp_path / "cache")
    assert cached is not built
    assert astuple(cached) == astuple(built)
    assert cached.words["test_cache_words"] == ["一"]


def test_a_changed_lexicon_file_is_never_served_stale(tmp_path: Path) -> None:
    extra = _extra(tmp_path / "extra", "一")
    cache = tmp_path / "cache"
    assert load_lexicon([extra], cache).words["test_cache_words"] == ["一"]
    # The same size and modification time: only the content tells the files apart.
    stat = (extra / "extra.yaml").stat()
    _extra(extra, "二")
    os.utime(extra / "extra.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    lexicon._load.cache_clear()
    assert load_lexicon([extra], cache).words["test_cache_words"] == ["二"]
    # A file added to a lexicon folder is read too.
    (extra / "more.yaml").write_text("test_cache_more: [三]\n", encoding="utf-8")
    lexicon._load.cache_clear()
    assert load_lexicon([extra], cache).words["test_cache_more"] == ["三"]
    assert len(list(cache.glob("lexicon-*.pickle"))) == 3


def test_a_damaged_cache_file_is_built_again(tmp_path: Path) -> None:
    extra = _extra(tmp_path / "extra", "一")
    cache = tmp_path / "cache"
    load_lexicon([extra], cache)
    (kept,) = cache.glob("lexicon-*.pickle")
    kept.write_bytes(kept.read_bytes()[:1000])
    lexicon._load.cache_clear()
    assert load_lexicon([extra], cache).words["test_cache_words"] == ["一"]
    assert len(kept.read_bytes()) > 1000  # and kept again


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    assert load_lexicon([], tmp_path / "file" / "cache").units
