"""The streaming build: shards, incremental rebuilds, merging, size limits and Dask workers."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from rdflib import Literal
from rdflib.namespace import SH
from rich.console import Console

from conftest import CORPUS, free_port, run_cli
from ecokg import assemble as assemble_module
from ecokg import pipeline
from ecokg.api import BuildSummary, build
from ecokg.assemble import StoreLoader, merge_union, ontology_lines
from ecokg.cli.progress import CorpusProgress
from ecokg.corpus import Document
from ecokg.kg.build import DocumentStatements
from ecokg.kg.vocab import PREFIXES
from ecokg.validate import PER_DOCUMENT, shapes_graph

# The two smallest demo documents: enough for two graphs that share entities, fast to extract.
SMALL = ("001_2f00c1f93bcffc95", "004_9b9b4bf23565f1ff")
OUTPUTS = ("graph.ttl", "graph.trig", "build.json", "validation.txt")


def _corpus(folder: Path, stems: tuple[str, ...]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    sources = yaml.safe_load((CORPUS / "sources.yaml").read_text(encoding="utf-8"))
    for stem in stems:
        shutil.copy(CORPUS / f"{stem}.txt", folder / f"{stem}.txt")
    kept = {k: v for k, v in sources.items() if k in stems}
    (folder / "sources.yaml").write_text(yaml.safe_dump(kept, allow_unicode=True), "utf-8")
    return folder


def _files(out: Path) -> dict[str, bytes]:
    files = {name: (out / name).read_bytes() for name in OUTPUTS}
    for sub in ("graphs", "texts", "shards"):
        for path in sorted((out / sub).iterdir()):
            files[f"{sub}/{path.name}"] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two small documents built locally, one worker."""
    root = tmp_path_factory.mktemp("small")
    out = root / "out"
    build(_corpus(root / "corpus", SMALL), out)
    return out


def test_each_document_has_a_sorted_shard_and_a_record(small_build: Path) -> None:
    shards = sorted((small_build / "shards").glob("*.nq"))
    assert len(shards) == len(SMALL)
    for shard in shards:
        lines = shard.read_text(encoding="utf-8").splitlines()
        assert lines == sorted(lines) and len(set(lines)) == len(lines)
        assert shard.with_suffix(".json").is_file()


def test_a_rebuild_reuses_unchanged_documents_and_equals_a_fresh_build(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", SMALL[:1])
    out = tmp_path / "out"
    first = build(corpus, out)
    assert first.reused == 0
    _corpus(corpus, SMALL)  # one document added
    again = build(corpus, out)
    assert again.reused == 1 and len(again.documents) == 2
    fresh = tmp_path / "fresh"
    build(corpus, fresh)
    assert _files(out) == _files(fresh)
    # An edited document is extracted again, never taken from the old shard.
    path = corpus / f"{SMALL[0]}.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n2024年，全市PM2.5平均浓度为30微克/立方米。\n", "utf-8"
    )
    edited = build(corpus, out)
    assert edited.reused == 1
    assert edited.observations > again.observations


def test_merging_in_rounds_gives_the_same_union(
    small_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shards = sorted((small_build / "shards").glob("*.nq"))
    # Split each shard into several sorted runs so that more files than the fan-in are merged.
    pieces = []
    for n, shard in enumerate(shards):
        lines = shard.read_text(encoding="utf-8").splitlines(keepends=True)
        for k in range(3):
            piece = tmp_path / f"piece-{n}-{k}.nq"
            piece.write_text("".join(lines[k::3]), encoding="utf-8")
            pieces.append(piece)
    one_round = tmp_path / "one.nt"
    merge_union(pieces, (), one_round, tmp_path)
    monkeypatch.setattr(assemble_module, "FAN_IN", 2)
    rounds = tmp_path / "rounds"
    rounds.mkdir()
    several = tmp_path / "several.nt"
    merge_union(pieces, (), several, rounds)
    assert several.read_bytes() == one_round.read_bytes()
    lines = one_round.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))


def _store_quads(out: Path) -> list[str]:
    store = ox.Store.read_only(str(out / "store"))
    return sorted(str(q) for q in store)


def test_a_store_loaded_a_shard_at_a_time_holds_the_same(
    small_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk loader's memory grows with what one call loads: the store is loaded in chunks,
    here one shard per call, and holds what one call loads."""
    calls = []
    load = ox.Store.bulk_load

    def counted(store: ox.Store, *args: object, **kwargs: object) -> None:
        if kwargs.get("format") == ox.RdfFormat.N_QUADS:  # not the slices' N-Triples
            calls.append(1)
        load(store, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(assemble_module, "LOAD_CHUNK", 1)
    monkeypatch.setattr(ox.Store, "bulk_load", counted)
    build(_corpus(tmp_path / "corpus", SMALL), tmp_path / "out")
    assert len(calls) == len(SMALL) + 1  # the ontology, then each shard alone
    assert _store_quads(tmp_path / "out") == _store_quads(small_build)


def test_the_store_loader_fills_the_store_as_shards_come_and_reports_a_bad_one(
    small_build: Path, tmp_path: Path
) -> None:
    shards = sorted((small_build / "shards").glob("*.nq"))
    loader = StoreLoader(tmp_path / "store")
    for shard in shards:
        loader.add(shard)
    store = loader.finish()
    graphs = {q.graph_name for q in store}
    assert len(graphs) == len(shards) + 1  # and the ontology
    assert sum(1 for _ in store) == sum(
        len(shard.read_text(encoding="utf-8").splitlines()) for shard in shards
    ) + len(ontology_lines())
    broken = tmp_path / "broken.nq"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    failing = StoreLoader(tmp_path / "other")
    failing.add(broken)
    with pytest.raises(SyntaxError):
        failing.finish()
    abandoned = StoreLoader(tmp_path / "third")
    abandoned.add(shards[0])
    abandoned.abandon()  # returns; the build that failed goes on failing


def test_a_deferred_loader_loads_once_every_shard_is_queued(
    small_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shards = sorted((small_build / "shards").glob("*.nq"))
    calls: list[int] = []
    real = ox.Store.bulk_load

    def counted(self: ox.Store, *args: object, **kwargs: object) -> None:
        calls.append(1)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ox.Store, "bulk_load", counted)
    loader = StoreLoader(tmp_path / "store", deferred=True)
    for shard in shards:
        loader.add(shard)
    assert loader.deferred and not calls  # its thread waits for the end of the queue
    loader.all_added()
    store = loader.finish()
    assert calls
    eager = StoreLoader(tmp_path / "eager")
    for shard in shards:
        eager.add(shard)
    assert sorted(map(str, store)) == sorted(map(str, eager.finish()))


def test_graph_trig_is_the_dataset_serialised_at_once(small_build: Path) -> None:
    """graph.trig is joined from the TriG files the workers wrote: it must be exactly what
    serialising every graph (its sorted N-Quads, graphs in IRI order) at once writes."""
    store = ox.Store()
    store.load(path=small_build / "graph.trig", format=ox.RdfFormat.TRIG)
    graphs = sorted({q.graph_name for q in store}, key=str)
    assert len(graphs) >= len(SMALL) + 1

    def sorted_graph(graph: ox.NamedNode) -> bytes:
        quads = store.quads_for_pattern(None, None, None, graph)
        lines = (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").splitlines()
        return b"".join(line + b"\n" for line in sorted(lines))

    at_once = ox.serialize(
        (q for g in graphs for q in ox.parse(sorted_graph(g), format=ox.RdfFormat.N_QUADS)),
        format=ox.RdfFormat.TRIG,
        prefixes=PREFIXES,
    )
    assert (small_build / "graph.trig").read_bytes() == at_once


def test_a_document_over_the_size_limit_is_reported_and_the_rest_builds(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", SMALL[:1])
    (corpus / "huge.txt").write_text("生态环境" * 5000, encoding="utf-8")
    done = run_cli("build", str(corpus), "-o", str(tmp_path / "out"), "--max-document-mb", "0.05")
    assert done.returncode == 1
    assert "huge.txt: too large (0.06 MB; the limit is 0.05 MB)" in done.stderr
    assert "--max-document-mb" in done.stderr
    assert "1 documents" in done.stderr


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(args, stdout=log.open("wb"), stderr=subprocess.STDOUT)


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Dask scheduler and two single-threaded workers on 127.0.0.1; its address."""
    home = tmp_path_factory.mktemp("dask")
    dask = str(Path(sys.executable).parent / "dask")
    address = f"tcp://127.0.0.1:{free_port()}"
    port = address.rsplit(":", 1)[1]
    scheduler = _start(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
        home / "scheduler.log",
    )
    worker = _start(
        [
            dask,
            "worker",
            address,
            "--nworkers",
            "2",
            "--nthreads",
            "1",
            "--no-dashboard",
            "--host",
            "127.0.0.1",
            "--local-directory",
            str(home),
        ],
        home / "worker.log",
    )
    try:
        from distributed import Client

        deadline = time.monotonic() + 90
        with Client(address, timeout="60s") as client:
            while len(client.scheduler_info()["workers"]) < 2:
                assert time.monotonic() < deadline, (home / "worker.log").read_text()
                time.sleep(0.5)
        yield address
    finally:
        for process in (worker, scheduler):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_a_dask_build_equals_the_local_build(
    small_build: Path, dask_cluster: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    done = run_cli(
        "build", str(small_build.parent / "corpus"), "-o", str(out), "--dask", dask_cluster
    )
    assert done.returncode == 0, done.stderr
    assert _files(out) == _files(small_build)


def test_a_dead_scheduler_gives_one_clear_line(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", SMALL[:1])
    dead = f"tcp://127.0.0.1:{free_port()}"
    done = run_cli("build", str(corpus), "-o", str(tmp_path / "out"), "--dask", dead)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert f"cannot reach the Dask scheduler at {dead}" in done.stderr
    assert not (tmp_path / "out").exists()


def test_dask_local_starts_its_own_cluster_and_equals_the_local_build(
    small_build: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    corpus = small_build.parent / "corpus"
    done = run_cli("build", str(corpus), "-o", str(out), "--dask", "local", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert _files(out) == _files(small_build)


def test_the_progress_bar_counts_documents_and_characters() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    with CorpusProgress(console, [Path("a.txt"), Path("b.txt")], "building") as progress:
        progress.advance("a", 5000)
        progress.advance("b", 0)
    shown = screen.getvalue()
    assert "2/2" in shown and "k chars/s" in shown


def test_the_progress_bar_stays_quiet_when_piped() -> None:
    screen = io.StringIO()
    with CorpusProgress(Console(file=screen), [Path("a.txt"), Path("b.txt")], "x") as progress:
        progress.advance("a", 10)
    assert screen.getvalue() == ""


def test_a_worker_that_dies_sinks_only_its_document(tmp_path: Path) -> None:
    """A worker killed mid-document (out of memory, a crash in native code) breaks the whole
    process pool; the documents it held are redone one by one, so only the culprit fails."""
    from ecokg.extract.base import Claim, registry
    from ecokg.extract.lexicon import Lexicon
    from ecokg.pipeline import BuildSettings, run_corpus
    from ecokg.text.analyzed import AnalyzedDoc

    def die_on_marker(doc: AnalyzedDoc, lexicon: Lexicon, claims: object) -> list[Claim]:
        if "致命标记" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return []

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text(f"江西省生态环境厅{name}。", encoding="utf-8")
    (corpus / "b.txt").write_text("江西省生态环境厅致命标记。", encoding="utf-8")
    registry.register("die_on_marker")(die_on_marker)
    try:
        run = run_corpus(
            corpus,
            tmp_path / "stage",
            settings=BuildSettings(extractors=("die_on_marker",)),
            jobs=2,
        )
    finally:
        del registry.extractors["die_on_marker"]
    assert [s.file for s in run.shards] == ["a.txt", "c.txt"]
    assert [p.path for p in run.problems] == [str(corpus / "b.txt")]
    assert "worker process died" in str(run.problems[0])


def test_bad_documents_in_a_parallel_build_are_reported_not_fatal(tmp_path: Path) -> None:
    """Workers send a bad document's error back to the parent, which must be able to read it."""
    corpus = _corpus(tmp_path / "corpus", SMALL[:1])
    (corpus / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    (corpus / "garbled.txt").write_bytes(b"\xfa\xfb\xff\xfe" * 8)  # no BOM in front
    result = run_cli("build", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "2")
    assert result.returncode == 1, result.stderr  # 1: built, with documents skipped
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "graph.trig").is_file()
    assert "binary.txt: binary file" in result.stderr
    assert "garbled.txt: cannot be decoded" in result.stderr
    assert "1 documents" in result.stderr  # the summary goes to stderr with the problems


def test_nodes_of_per_document_shapes_are_described_in_their_own_graph_only(
    demo_build: tuple[Path, BuildSummary],
) -> None:
    """What lets a worker check the per-document shapes on its own graph: every statement about
    a node those shapes target is in one document's graph."""
    shapes = shapes_graph()
    classes = {
        str(cls)
        for shape in shapes.subjects(PER_DOCUMENT, Literal(True))
        for cls in shapes.objects(shape, SH.targetClass)
    }
    assert len(classes) == 5
    store = ox.Store()
    store.load(path=str(demo_build[0] / "graph.trig"), format=ox.RdfFormat.TRIG)
    values = " ".join(f"<{c}>" for c in sorted(classes))
    rows = store.query(
        f"SELECT ?node (COUNT(DISTINCT ?g) AS ?graphs) WHERE {{ VALUES ?class {{ {values} }} "
        "GRAPH ?t { ?node a ?class } GRAPH ?g { ?node ?p ?o } } GROUP BY ?node"
    )
    counts = [int(row["graphs"].value) for row in rows]  # type: ignore[union-attr]
    assert len(counts) > 1000
    assert set(counts) == {1}
    assert all(
        json.loads(p.read_text())["checked"] for p in (demo_build[0] / "shards").glob("*.json")
    )


@pytest.mark.parametrize("too_large", [False, True])
def test_a_document_that_breaks_its_own_shapes_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, too_large: bool
) -> None:
    """A graph failing the worker's per-document check sends those shapes to the union pass,
    which names the violation and its document; the other document's check held. Graphs too
    large to check in memory are left to the union pass, which finds the same."""
    anchor = "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf>"
    made = pipeline.document_statements

    def without_an_anchor(
        document: Document, claims: object, lexicon: object
    ) -> DocumentStatements:
        graph = made(document, claims, lexicon)  # type: ignore[arg-type]
        if document.doc_id != SMALL[0]:
            return graph
        dropped = next(line for line in graph.lines if f" {anchor} ".encode() in line)
        return replace(graph, lines=[line for line in graph.lines if line != dropped])

    monkeypatch.setattr(pipeline, "document_statements", without_an_anchor)
    if too_large:
        monkeypatch.setattr(pipeline, "_CHECK_LIMIT", 10)
    summary = build(_corpus(tmp_path / "corpus", SMALL), tmp_path / "out")
    checked = {
        json.loads(p.read_text())["doc_id"]: json.loads(p.read_text())["checked"]
        for p in (tmp_path / "out" / "shards").glob("*.json")
    }
    assert checked == {SMALL[0]: False, SMALL[1]: not too_large}
    assert summary.violations == 1
    report = (tmp_path / "out" / "validation.txt").read_text(encoding="utf-8")
    (line,) = report.splitlines()[1:]
    assert "nif-core#anchorOf" in line and "MentionShape" in line and SMALL[0] in line
