"""Outputs never destroy data: build folders, single output files, builds killed midway.

Every case drives ecokg as a subprocess, so this file also runs against an older ecokg (issue
15 asks each fixed case to fail on commit 56a3591). Each asserts the exact outcome and that
what was there before is still there, byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run_cli

TEXT = "江西省生态环境厅发布：2024年全省PM2.5平均浓度为27微克/立方米，同比下降3.6%。"
OTHER = "湖南省生态环境厅通报：2023年全省地表水国考断面水质优良比例为97.7%。"
MARKER_BYTES = b'{"format": "ecokg-build", "version": 1}\n'
TURTLE = '<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "甲" .\n'


def _corpus(folder: Path, texts: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True)
    for name, text in texts.items():
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder


def _snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Every entry under ``root`` (and ``root`` itself): kind and content, links not followed."""
    state: dict[str, tuple[object, ...]] = {}
    for folder, dirs, files in os.walk(root):
        for name in [".", *dirs, *files]:
            path = Path(folder, name)
            info = os.lstat(path)
            key = str(path.relative_to(root))
            if stat.S_ISLNK(info.st_mode):
                state[key] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                state[key] = ("file", path.read_bytes(), stat.S_IMODE(info.st_mode))
            else:
                state[key] = ("other", stat.S_IFMT(info.st_mode))
    return state


def _errors(done: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in done.stderr, done.stderr
    return [line for line in done.stderr.splitlines() if line.startswith("error:")]


def _leftovers(out: Path) -> list[str]:
    """Hidden siblings of a build folder: staging folders and the like."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def _documents(out: Path) -> list[str]:
    record = json.loads((out / "build.json").read_text(encoding="utf-8"))
    return [d["doc_id"] for d in record["documents"]]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of one small document, copied by each test that needs an earlier build."""
    root = tmp_path_factory.mktemp("template")
    corpus = _corpus(root / "corpus", {"jiangxi.txt": TEXT})
    done = run_cli("build", str(corpus), "-o", str(root / "out"))
    assert done.returncode == 0, done.stderr
    return root / "out"


@pytest.fixture()
def earlier(template: Path, tmp_path: Path) -> Path:
    """A copy of the good build, in a folder of its own."""
    out = tmp_path / "out"
    shutil.copytree(template, out, symlinks=True)
    return out


# --- build -o: only an ecokg build is ever replaced ------------------------------------------


@pytest.mark.parametrize(
    ("marker", "why"),
    [
        pytest.param(
            None,
            "no .ecokg-build marker; if it is a build by an earlier ecokg, delete it first",
            id="a-build.json-but-no-marker",
        ),
        pytest.param(
            b'{"format": "ecokg-build", "version": 2}\n',
            "its .ecokg-build marker is of format version 2, newer than this ecokg's 1",
            id="a-marker-of-a-newer-version",
        ),
        pytest.param(
            b"my own notes\n",
            "its .ecokg-build marker is not one ecokg wrote",
            id="a-foreign-marker",
        ),
    ],
)
def test_build_refuses_a_folder_that_is_not_an_ecokg_build(
    tmp_path: Path, marker: bytes | None, why: str
) -> None:
    # A folder of someone's work that happens to hold a build.json (the old test of a build).
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "build.json").write_text('{"target": "pdf"}\n', encoding="utf-8")
    (thesis / "chapter1.md").write_text("irreplaceable\n", encoding="utf-8")
    if marker is not None:
        (thesis / ".ecokg-build").write_bytes(marker)
    before = _snapshot(thesis)
    corpus = _corpus(tmp_path / "corpus", {"jiangxi.txt": TEXT})
    done = run_cli("build", str(corpus), "-o", str(thesis))
    assert done.returncode == 2
    assert _errors(done) == [
        f"error: {thesis} is not an ecokg build ({why}); choose an empty or new folder"
    ]
    assert _snapshot(thesis) == before
    assert _leftovers(thesis) == []


def test_build_into_an_empty_existing_folder_is_fine(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    corpus = _corpus(tmp_path / "corpus", {"jiangxi.txt": TEXT})
    done = run_cli("build", str(corpus), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert _documents(out) == ["jiangxi"]
    assert _leftovers(out) == []


def test_the_marker_is_fixed_and_a_rebuild_reuses_the_earlier_shards(
    earlier: Path, tmp_path: Path
) -> None:
    assert (earlier / ".ecokg-build").read_bytes() == MARKER_BYTES
    corpus = _corpus(tmp_path / "corpus", {"jiangxi.txt": TEXT, "hunan.txt": OTHER})
    done = run_cli("build", str(corpus), "-o", str(earlier))
    assert done.returncode == 0, done.stderr
    assert "2 documents (1 reused from the previous build)" in done.stderr
    assert (earlier / ".ecokg-build").read_bytes() == MARKER_BYTES
    assert _documents(earlier) == ["hunan", "jiangxi"]
    assert _leftovers(earlier) == []


# --- a build of nothing never replaces a good build, unless --force -----------------------------


@pytest.mark.parametrize(
    ("texts", "why"),
    [
        pytest.param({}, "no .txt file", id="empty-corpus"),
        pytest.param(
            {"blank.txt": b"", "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"},
            "2 problem(s), the first: ",
            id="every-file-unreadable",
        ),
    ],
)
def test_a_build_of_nothing_keeps_the_earlier_build(
    earlier: Path, tmp_path: Path, texts: dict[str, str | bytes], why: str
) -> None:
    before = _snapshot(earlier)
    corpus = _corpus(tmp_path / "corpus", texts)
    done = run_cli("build", str(corpus), "-o", str(earlier))
    assert done.returncode == 2
    (line,) = _errors(done)
    # The reason of the first problem is the reader's wording; the rest is this contract's.
    assert line.startswith(f"error: nothing was built from {corpus} ({why}")
    assert line.endswith(
        f"); the earlier build in {earlier} is kept (--force replaces it with an empty one)"
    )
    assert _snapshot(earlier) == before
    assert _leftovers(earlier) == []


def test_force_replaces_the_earlier_build_with_an_empty_one(earlier: Path, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {})
    done = run_cli("build", str(corpus), "-o", str(earlier), "--force")
    assert done.returncode == 0, done.stderr
    assert _errors(done) == []
    assert _documents(earlier) == []
    assert not (earlier / "texts").exists()
    assert _leftovers(earlier) == []


def test_one_bad_document_does_not_stop_the_others_replacing_the_build(
    earlier: Path, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path / "corpus", {"hunan.txt": OTHER, "image.txt": b"\x00\x01\x02"})
    done = run_cli("build", str(corpus), "-o", str(earlier))
    assert done.returncode == 1  # something was skipped (and reported), the rest is built
    assert _errors(done) == []
    assert "skipped: " in done.stderr and "image.txt" in done.stderr
    assert _documents(earlier) == ["hunan"]


# --- the swap: the earlier build exists until the new one is in its place ---------------------

# Runs a rebuild and notes every moment a file or folder is renamed or deleted at which OUT holds
# no complete build. Audit hooks see each such call before it happens.
_WATCHED_REBUILD = """
import os, sys
from pathlib import Path
from ecokg.api import build
import ecokg.outputs

corpus, out, exchange = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "exchange"
if not exchange:
    ecokg.outputs._exchange = lambda a, b: False  # as on a system without renameat2
gaps, aside = [], []
def watch(event, args):
    if event in ("os.rename", "os.remove", "os.rmdir", "shutil.rmtree"):
        if not (out / "build.json").is_file():
            gaps.append(event)
            aside.extend(str(p) for p in out.parent.glob(f".{out.name}.*/*/build.json"))
sys.addaudithook(watch)
build(corpus, out)
print(len(gaps), len(aside) >= len(gaps))
"""


def _watched_rebuild(corpus: Path, out: Path, mode: str) -> tuple[int, bool]:
    done = subprocess.run(
        [sys.executable, "-c", _WATCHED_REBUILD, str(corpus), str(out), mode],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    gaps, kept = done.stdout.split()
    return int(gaps), kept == "True"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_the_build_folder_never_vanishes_during_the_swap(earlier: Path, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {"hunan.txt": OTHER})
    gaps, _ = _watched_rebuild(corpus, earlier, "exchange")
    assert gaps == 0, "OUT held no build for a moment"
    assert _documents(earlier) == ["hunan"]
    assert _leftovers(earlier) == []


def test_without_an_exchange_the_old_build_is_kept_until_the_new_one_is_in_place(
    earlier: Path, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path / "corpus", {"hunan.txt": OTHER})
    gaps, kept = _watched_rebuild(corpus, earlier, "rename")
    assert gaps <= 1 and kept  # one rename with the old build aside, never without it
    assert _documents(earlier) == ["hunan"]
    assert _leftovers(earlier) == []


def test_a_build_killed_midway_loses_nothing_and_the_next_cleans_up(
    earlier: Path, tmp_path: Path
) -> None:
    before = _snapshot(earlier)
    # Long enough documents that the build is still writing when its first graph file appears.
    lines = [
        f"{2000 + i % 25}年{d}号市PM2.5平均浓度为{20 + i % 50}微克/立方米，同比下降{i % 9}.{i % 7}%。"
        for d in range(2)
        for i in range(300)
    ]
    corpus = _corpus(
        tmp_path / "corpus",
        {"a.txt": "\n".join(lines[:300]), "b.txt": "\n".join(lines[300:])},
    )
    build = subprocess.Popen(
        [sys.executable, "-m", "ecokg", "build", str(corpus), "-o", str(earlier)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not list(earlier.parent.glob(f".{earlier.name}.*/graphs/*.trig")):
            assert build.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "nothing written within 120 s"
            time.sleep(0.01)
        build.send_signal(signal.SIGKILL)
    finally:
        build.kill()
        build.wait()
    assert _snapshot(earlier) == before
    assert _leftovers(earlier), "the kill should have left the half-written build beside OUT"
    done = run_cli("build", str(corpus), "-o", str(earlier))
    assert done.returncode == 0, done.stderr
    assert _documents(earlier) == ["a", "b"]
    assert _leftovers(earlier) == []  # the killed build's staging folder is gone


# --- single output files: a temporary file renamed over a regular file, nothing else ----------


def _fifo(path: Path) -> str:
    os.mkfifo(path)
    return "a FIFO"


def _socket(path: Path) -> str:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
    return "a socket"


def _device(path: Path) -> str:
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        pytest.skip("making a device needs CAP_MKNOD")
    return "a character device"


def _folder(path: Path) -> str:
    path.mkdir()
    (path / "inside.txt").write_text("kept\n", encoding="utf-8")
    return "a folder"


def _link(path: Path) -> str:
    (path.parent / "precious.txt").write_text("kept\n", encoding="utf-8")
    path.symlink_to("precious.txt")
    return "link"


def _dangling_link(path: Path) -> str:
    path.symlink_to(path.parent / "elsewhere" / "planted.txt")
    return "link"


def _refusal(target: Path, kind: str) -> str:
    if kind == "link":
        return (
            f"error: {target} is a symbolic link: refusing to write through it or replace it "
            "(name the file itself)"
        )
    return f"error: {target} is {kind}, not a regular file: refusing to replace it"


@pytest.mark.parametrize(
    "make", [_fifo, _socket, _device, _folder, _link, _dangling_link], ids=lambda f: f.__name__
)
def test_export_refuses_a_target_that_is_not_a_regular_file(
    tmp_path: Path, make: Callable[[Path], str]
) -> None:
    kg = tmp_path / "kg.ttl"
    kg.write_text(TURTLE, encoding="utf-8")
    place = tmp_path / "place"
    place.mkdir()
    target = place / "export.nt"
    kind = make(target)
    before = _snapshot(place)
    done = run_cli("export", "--kg", str(kg), "--format", "nt", "-o", str(target))
    assert done.returncode == 2
    assert _errors(done) == [_refusal(target, kind)]
    assert _snapshot(place) == before  # nothing replaced, nothing written through, no temp file


@pytest.mark.parametrize("command", ["viz", "validate"])
def test_viz_and_validate_refuse_a_fifo(earlier: Path, tmp_path: Path, command: str) -> None:
    place = tmp_path / "place"
    place.mkdir()
    target = place / "report"
    _fifo(target)
    before = _snapshot(place)
    option = "-o" if command == "viz" else "--report"
    done = run_cli(command, "--kg", str(earlier), option, str(target))
    assert done.returncode == 2
    assert _errors(done) == [_refusal(target, "a FIFO")]
    assert _snapshot(place) == before


def test_export_replaces_a_regular_file_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    kg = tmp_path / "kg.ttl"
    kg.write_text(TURTLE, encoding="utf-8")
    place = tmp_path / "place"
    place.mkdir()
    target = place / "export.nt"
    target.write_text("an older export\n", encoding="utf-8")
    target.chmod(0o600)  # a private file stays private
    done = run_cli("export", "--kg", str(kg), "--format", "nt", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == TURTLE
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in place.iterdir()) == ["export.nt"]
