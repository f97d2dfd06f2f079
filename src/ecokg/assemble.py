"""Assemble the corpus outputs from the document shards, streaming, in bounded memory.

Each shard holds one named graph as sorted N-Quads lines. The merged outputs are made without
ever holding the corpus in memory:

- the store is bulk-loaded with the shards a chunk at a time by a :class:`StoreLoader`, in a
  thread of its own, while the workers are still making the other shards;
- the union of the graphs (``graph.ttl``) is a k-way merge of the sorted shards that drops
  duplicate statements (an indicator's label stated in every document is written once);
- the dataset (``graph.trig``) is the documents' own TriG files (written by their workers) in
  graph-IRI order, with the ontology's and the reconciliation's graphs in their places.

Before that, the reconciliation pass (:mod:`ecokg.reconcile`) reads the claims the workers
wrote beside their shards and writes the comparisons of claims across documents as one more
graph, which then joins the others like a shard. It is made afresh by every build (it depends
on all documents).

Every output depends only on the shards' content, so they are byte-identical whatever the
number of workers, their order or the hash seed (the store holds the same statements in
whatever order they were loaded).
"""

from __future__ import annotations

import heapq
import queue
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from ecokg.kg.ntriples import iri, statement, triple_part
from ecokg.kg.vocab import PREFIXES
from ecokg.memory import release_free_memory
from ecokg.reconcile import RECONCILIATION_GRAPH, Reconciled, Thresholds, reconcile
from ecokg.resources import resource_files
from ecokg.shards import slice_path
from ecokg.store import ONTOLOGY_GRAPH, STORE_DIR
from ecokg.validate import SliceResults, ValidationReport, check_slices, validate_store

# Bytes of N-Quads per call of Oxigraph's bulk loader, whose memory grows with what one call
# loads: 1.2 GB for the shards of 4 MB of text in one call, 0.3 GB in calls of about 60 MB.
# Small chunks keep the loading in step with the shards, so the build's tail waits for one
# chunk, not for a large part of the corpus (113 MB of shards: 4.3 CPU s in 14 MB chunks,
# 4.6 s in two chunks, 5.3 s one shard at a time).
LOAD_CHUNK = 16 * 2**20
# Files merged at once; more shards are merged in rounds through temporary runs, so a corpus of
# any size stays within the open-files limit.
FAN_IN = 128


@dataclass(frozen=True)
class GraphSource:
    """One named graph's sorted N-Quads file (and its TriG, when its worker wrote one)."""

    graph: str
    path: Path
    trig: Path | None = None


@cache
def ontology_lines() -> tuple[str, ...]:
    """The ontology as sorted N-Quads lines of its own named graph."""
    graph = iri(ONTOLOGY_GRAPH)
    lines = {
        statement(str(t.subject), str(t.predicate), str(t.object), graph)
        for path in resource_files("ontology", "*.ttl")
        for t in ox.parse(path=path, format=ox.RdfFormat.TURTLE)
    }
    return tuple(sorted(lines))


# Lines written to a merged run at once (one write call per line costs more than the merge),
# and bytes read from a file to merge at once (its lines are cut, and a shard's lines made
# triples, a block at a time; up to FAN_IN files are read at once, so a block stays small).
_WRITE_LINES = 8192
_READ_BLOCK = 2**16


def _blocks(path: Path) -> Iterator[bytes]:
    """A file in blocks of whole lines, each line ending with its line break."""
    with path.open("rb") as handle:
        rest = b""
        while block := handle.read(_READ_BLOCK):
            block = rest + block
            end = block.rfind(b"\n") + 1
            rest = block[end:]
            if end:
                yield block[:end]
        if rest:
            yield rest + b"\n"


def _lines(path: Path, quads: bool) -> Iterator[bytes]:
    """The lines of a sorted file, as N-Triples (``quads``: without their graph), as bytes:
    UTF-8 sorts as the text does, so the order is the statements' order without decoding."""
    for block in _blocks(path):
        if quads:
            block = _without_graph(block)
        yield from block.split(b"\n")[:-1]


def _without_graph(block: bytes) -> bytes:
    """The N-Triples of N-Quads lines: a shard's lines all end with the same graph, which one
    replace takes away (a line holds no line break, so the graph and the break end a line)."""
    first = block[: block.index(b"\n")]
    tail = first[first.rstrip(b" .").rfind(b" ") :] + b"\n"  # " <graph> .\n"
    if block.count(tail) == block.count(b"\n"):
        return block.replace(tail, b" .\n")
    # Lines of several graphs: the graph IRI has no spaces, it is a line's second-last field.
    return b"".join(line.rsplit(b" ", 2)[0] + b" .\n" for line in block.split(b"\n")[:-1])


def _merge_into(sources: Sequence[Iterable[bytes]], out: Path) -> None:
    with out.open("wb") as handle:
        batch: list[bytes] = []
        last = None
        for line in heapq.merge(*sources):
            if line != last:  # sorted: a statement in several graphs comes in a row
                batch.append(line)
                last = line
                if len(batch) >= _WRITE_LINES:
                    handle.write(b"\n".join(batch) + b"\n")
                    batch.clear()
        if batch:
            handle.write(b"\n".join(batch) + b"\n")


def merge_union(shards: Sequence[Path], extra: Sequence[str], out: Path, work: Path) -> None:
    """Write the sorted, de-duplicated N-Triples union of sorted N-Quads shards and ``extra``."""
    runs = list(shards)
    as_triples = True  # the shards are quads; the runs made from them are triples already
    round_no = 0
    while len(runs) > FAN_IN:
        merged = []
        for start in range(0, len(runs), FAN_IN):
            run = work / f"run-{round_no}-{start}.nt"
            _merge_into([_lines(p, as_triples) for p in runs[start : start + FAN_IN]], run)
            merged.append(run)
        if round_no:
            for old in runs:
                old.unlink()
        runs, as_triples, round_no = merged, False, round_no + 1
    sources = [_lines(p, as_triples) for p in runs]
    sources.append(triple_part(line).encode() for line in extra)
    _merge_into(sources, out)


def _write_trig(sources: Sequence[GraphSource], out: Path) -> None:
    """``graph.trig``: the graphs (shards and the ontology) in graph-IRI order, each the TriG its
    worker wrote or serialised here, under one set of prefixes (what serialising the whole
    dataset at once writes, without parsing every shard again)."""
    ontology_iri = str(ONTOLOGY_GRAPH)
    by_graph = {s.graph: s for s in sources}
    with out.open("wb") as handle:
        header = False
        for graph in sorted([*by_graph, ontology_iri]):
            source = by_graph.get(graph)
            if source is not None and source.trig is not None:
                trig = source.trig.read_bytes()
            else:
                quads = (
                    ox.parse(_ontology_nquads(), format=ox.RdfFormat.N_QUADS)
                    if source is None
                    else ox.parse(path=source.path, format=ox.RdfFormat.N_QUADS)
                )
                trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
            prefixes, body = _split_prefixes(trig)
            if not header:
                handle.write(prefixes)
                header = True
            handle.write(body)


def _split_prefixes(trig: bytes) -> tuple[bytes, bytes]:
    """The ``@prefix`` lines a TriG file opens with, and the rest."""
    end = 0
    while trig.startswith(b"@prefix ", end):
        end = trig.index(b"\n", end) + 1
    return trig[:end], trig[end:]


def _ontology_nquads() -> bytes:
    return "".join(f"{line}\n" for line in ontology_lines()).encode("utf-8")


@dataclass(frozen=True)
class Assembled:
    """What :func:`assemble` wrote."""

    statements: int  # quads in the store
    report: ValidationReport
    comparisons: Reconciled  # claims compared across documents, per verdict


def assemble(
    sources: Sequence[GraphSource],
    stage: Path,
    *,
    validate: bool = True,
    thresholds: Thresholds | None = None,
    documents_hold: bool = False,
    failed: Sequence[str] = (),
    loader: StoreLoader | None = None,
) -> Assembled:
    """Write ``graph.trig``, ``graph.ttl`` and the store into ``stage`` from the shards.

    The claims of the documents are first compared across documents (``thresholds``: the
    built-in ones when None) into the reconciliation graph, which is written with the others
    when it holds any comparison. With ``validate``, the union of the graphs is validated
    against the shapes in one pass (``documents_hold``: every document graph was checked against
    the per-document shapes by its worker and held, but for the graphs named in ``failed``, so
    that pass checks those shapes on the failed graphs alone, and reads the shapes of shared
    nodes from the slices the workers wrote beside the shards). Returns once everything is
    written; the temporary merge files are removed.
    """
    if loader is None:
        loader = StoreLoader(stage / STORE_DIR)
        for source in sources:
            loader.add(source.path)
    # Every shard is queued: the last chunk loads now, while the outputs are made, not once
    # they are.
    loader.all_added()
    slices = [slice_path(s.path) for s in sources] if validate and documents_hold else None
    with (
        tempfile.TemporaryDirectory(prefix=".assemble-", dir=stage) as tmp,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        work = Path(tmp)
        # While the loader's thread fills the store: the shapes of shared nodes are checked on
        # the slices and graph.trig is joined in threads (both mostly outside the GIL), the
        # comparisons, the union and graph.ttl are made here.
        # (a build whose workers keep every core busy has room for the slices in memory)
        sliced = (
            pool.submit(check_slices, slices, in_memory=loader.deferred)
            if slices is not None
            else None
        )
        try:
            reconciliation = work / "reconciliation.nq"
            comparisons = reconcile([s.path for s in sources], reconciliation, work, thresholds)
            compared = [GraphSource(str(RECONCILIATION_GRAPH), reconciliation)]
            every = [*sources, *compared] if comparisons.total else list(sources)
            trig = pool.submit(_write_trig, every, stage / "graph.trig")
            union = work / "union.nt"
            merge_union([s.path for s in every], ontology_lines(), union, work)
            _write_turtle(union, stage / "graph.ttl")
            trig.result()
        except BaseException:
            loader.abandon()
            raise
        store = loader.finish()
        release_free_memory()  # what the slices' check and the merges freed, before validating
        if comparisons.total:
            store.bulk_load(path=reconciliation, format=ox.RdfFormat.N_QUADS)
        count, report = _validate(
            store,
            validate,
            documents_hold,
            sliced.result() if sliced is not None else None,
            failed,
        )
        del store  # closed before the stage is moved into place
    return Assembled(count, report, comparisons)


def _write_turtle(union: Path, out: Path) -> None:
    # Read leniently (a third faster): the union is made of shards their workers parsed
    # strictly, as the store's loader trusts them, and of the ontology.
    ox.serialize(
        ox.parse(path=union, format=ox.RdfFormat.N_TRIPLES, lenient=True),
        output=out,
        format=ox.RdfFormat.TURTLE,
        prefixes=PREFIXES,
    )


class StoreLoader:
    """Bulk-loads shards into a new on-disk store, in a thread of its own, as they are added.

    The bulk loader releases the GIL, so the store fills while workers (or this process) make
    the next shards. Shards are loaded a chunk of :data:`LOAD_CHUNK` bytes at a time, leniently
    (IRIs not validated again, 15 % faster): they are this program's own output, with IRIs it
    minted, and their workers parsed them strictly to check their shapes.

    ``deferred``: the loading waits until every shard is queued. Workers that keep every core
    busy would share their cores with it; once they are done, it runs beside the single-threaded
    merges of the build's tail instead.
    """

    def __init__(self, location: Path, *, deferred: bool = False) -> None:
        self._store: ox.Store | None = ox.Store(str(location))
        self._queue: queue.SimpleQueue[Path | None] = queue.SimpleQueue()
        self._deferred = deferred
        self._abandoned = False
        self._thread = ThreadPoolExecutor(max_workers=1)
        self._done = self._thread.submit(self._run)

    @property
    def deferred(self) -> bool:
        """Whether the loading waits for every shard (see the class)."""
        return self._deferred

    def add(self, path: Path) -> None:
        """Queue one shard (an N-Quads file) for loading."""
        self._queue.put(path)

    def all_added(self) -> None:
        """No more shards come (one added later is not loaded): load the queued ones at once."""
        self._queue.put(None)  # the loading thread stops at the first None it reads

    def finish(self) -> ox.Store:
        """The store, once every queued shard is in it (raises what the loading raised)."""
        self._queue.put(None)
        self._done.result()
        self._thread.shutdown()
        # The caller's is the only reference: the store closes when the caller lets it go,
        # before its folder is moved into place (RocksDB may still write files until then).
        store, self._store = self._store, None
        assert store is not None, "finish() is called once"
        return store

    def abandon(self) -> None:
        """Stop loading (the build failed): the shards still queued are skipped."""
        self._abandoned = True
        self._queue.put(None)
        self._thread.shutdown()
        self._store = None  # closed now, not when the loader is collected

    def _run(self) -> None:
        shards: Iterable[Path] = iter(self._queue.get, None)
        if self._deferred:
            shards = list(shards)
        chunk = [_ontology_nquads()]
        size = len(chunk[0])
        for path in shards:
            if self._abandoned:
                return
            data = path.read_bytes()
            if size + len(data) > LOAD_CHUNK:
                self._load(chunk)
                chunk, size = [], 0
            chunk.append(data)
            size += len(data)
        if chunk and not self._abandoned:
            self._load(chunk)

    def _load(self, chunk: list[bytes]) -> None:
        assert self._store is not None  # only finish() and abandon() let it go, after the thread
        self._store.bulk_load(b"".join(chunk), format=ox.RdfFormat.N_QUADS, lenient=True)


def _validate(
    store: ox.Store,
    validate: bool,
    documents_hold: bool,
    sliced: SliceResults | None,
    failed: Sequence[str],
) -> tuple[int, ValidationReport]:
    # The shapes see the union of the document graphs (and the vocabulary), exactly what
    # `ecokg validate` checks: the ontology's graph is taken out for the pass and put back.
    if validate:
        store.remove_graph(ox.NamedNode(str(ONTOLOGY_GRAPH)))
        report = validate_store(
            store, "union", documents_hold=documents_hold, sliced=sliced, failed=failed
        )
        store.bulk_extend(ox.parse("\n".join(ontology_lines()), format=ox.RdfFormat.N_QUADS))
    else:
        report = ValidationReport()
    store.flush()
    return len(store), report
