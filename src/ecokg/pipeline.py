"""Run the stages over a corpus: read -> normalise -> extract -> build RDF -> shard on disk.

Each document is processed on its own, by whichever worker takes it (this process, a pool of
processes, or a Dask cluster): the worker reads the file, extracts, and writes the document's
graph as a shard into the build folder, returning only a small record. One bad document is
reported and skipped without sinking the build, memory is bounded by the largest document, and
a document whose shard the previous build already made is not extracted again.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from ecokg.corpus import MAX_DOCUMENT_BYTES, Document, SourceMeta, list_corpus, read_document
from ecokg.errors import InputError, InputWarning

# Importing the extractor modules registers them.
from ecokg.extract import entities, observations, relations  # noqa: F401
from ecokg.extract.base import Claim, EntityMention, Observation, registry
from ecokg.extract.lexicon import Lexicon, lexicon_cache_dir, load_lexicon
from ecokg.kg.build import document_statements
from ecokg.kg.vocab import PREFIXES, graph_iri
from ecokg.outputs import write_atomic
from ecokg.reconcile import Claim as ComparableClaim
from ecokg.reconcile import claims_bytes
from ecokg.shards import (
    ShardInfo,
    reuse_shard,
    settings_fingerprint,
    shard_bytes,
    shard_key,
    write_shard,
)
from ecokg.shards import shard_path as _shard_path
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.texts import graph_file, text_path
from ecokg.validate import document_graph_holds, union_slice

# Called once per finished document with its name and its number of characters (0 on failure).
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class BuildSettings:
    """What every worker needs besides the document: picklable, small."""

    extractors: tuple[str, ...] | None = None
    lexicon_dirs: tuple[str, ...] = ()
    max_document_bytes: int = MAX_DOCUMENT_BYTES

    @property
    def fingerprint(self) -> str:
        """The hash of code, data and extractors that every shard key includes."""
        return settings_fingerprint([Path(d) for d in self.lexicon_dirs], self.extractors)


@dataclass(frozen=True)
class DocumentTask:
    """One document to shard: where it is, its metadata, where its outputs go."""

    path: str
    meta: SourceMeta
    stage: str
    previous: str | None = None  # a previous build whose shards may be reused


@dataclass(frozen=True)
class DocumentGraph:
    """What extraction made of one document."""

    lines: list[bytes]  # sorted N-Quads of its named graph, UTF-8
    comparable: list[ComparableClaim]  # what the reconciliation pass reads of it
    observations: int
    entities: int


@dataclass
class CorpusRun:
    """All documents' shard records (in file-name order) plus the problems met on the way, and
    what was ignored without losing anything (warnings)."""

    shards: list[ShardInfo] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)


# Statements up to which a worker checks its document's graph against the per-document shapes in
# memory, where the checks run twice as fast as in the on-disk store of the union pass (a
# 20,000-character page makes about 30,000; a 5 MB line without a stop 2 million, checked in
# under 30 s in 1.3 GB).
_CHECK_LIMIT = 3_000_000
_LEXICONS: dict[tuple[str, ...], Lexicon] = {}
_LEXICON_LOCK = threading.Lock()


def worker_lexicon(lexicon_dirs: Sequence[str]) -> Lexicon:
    """The lexicon of a worker, loaded once per process (Dask runs tasks in threads), from the
    user's cache when an earlier process built the same one."""
    key = tuple(lexicon_dirs)
    with _LEXICON_LOCK:
        if key not in _LEXICONS:
            _LEXICONS[key] = load_lexicon([Path(d) for d in key], lexicon_cache_dir())
        return _LEXICONS[key]


def extract(doc: AnalyzedDoc, lexicon: Lexicon, names: Sequence[str] | None = None) -> list[Claim]:
    """Run the registered extractors (or the named ones) over an analysed document."""
    claims: list[Claim] = []
    for _, extractor in registry.get(names):
        claims.extend(extractor(doc, lexicon, tuple(claims)))
    return claims


def process_document(
    document: Document, lexicon: Lexicon, extractors: Sequence[str] | None = None
) -> DocumentGraph:
    """All stages for one decoded document, up to its graph's statements."""
    claims = extract(AnalyzedDoc.of(document), lexicon, extractors)
    made = document_statements(document, claims, lexicon)
    return DocumentGraph(
        made.lines,
        made.comparable,
        sum(isinstance(c, Observation) for c in claims),
        len({(c.type, c.key) for c in claims if isinstance(c, EntityMention)}),
    )


def shard_document(task: DocumentTask, settings: BuildSettings) -> ShardInfo | InputError:
    """Read, extract and write one document's shard, text and graph file into the stage.

    Never raises for a bad document: the problem comes back as an :class:`InputError`.
    """
    try:
        document = read_document(Path(task.path), task.meta, settings.max_document_bytes)
    except InputError as exc:
        return exc
    stage = Path(task.stage)
    try:
        key = shard_key(document, settings.fingerprint)
        info = reuse_shard(Path(task.previous), stage, key) if task.previous else None
        parsed = False  # the shard's bytes were parsed strictly (IRIs validated) here already
        if info is None:
            lexicon = worker_lexicon(settings.lexicon_dirs)
            graph = process_document(document, lexicon, settings.extractors)
            data = shard_bytes(graph.lines)
            claims = claims_bytes(graph.comparable)
            info = ShardInfo(
                key,
                document.doc_id,
                document.path.name,
                document.encoding,
                len(document.text),
                len(graph.lines),
                graph.observations,
                graph.entities,
                str(graph_iri(document.doc_id)),
            )
            del graph  # its lines are in data now: the check's store does not come on top of them
            # An absurdly large graph is left to the union pass: its store would not fit.
            if info.statements <= _CHECK_LIMIT:
                info = replace(info, checked=document_graph_holds(data))
                parsed = True
            # A graph that fails its check has a slice too: the union pass then checks its
            # per-document shapes alone (ecokg.validate.validate_store), not on the whole store.
            write_shard(stage, info, data, claims, union_slice(data) if parsed else None)
            del data
        _write_document_files(stage, document, _shard_path(stage, key), lenient=parsed)
    except Exception as exc:  # one bad document must not sink the build
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return InputError(document.path, f"extraction failed ({detail})")
    return info


def _write_document_files(stage: Path, document: Document, shard: Path, lenient: bool) -> None:
    # The decoded text: every fact's offsets point into it, the report and web pages show it.
    # The shard's TriG is read leniently (a third faster) when the check read the same bytes
    # strictly; otherwise this is the parse that validates them.
    write_atomic(text_path(stage, document.doc_id), document.text.encode("utf-8"))
    trig = graph_file(stage, document.doc_id)
    trig.parent.mkdir(parents=True, exist_ok=True)
    ox.serialize(
        ox.parse(path=shard, format=ox.RdfFormat.N_QUADS, lenient=lenient),
        output=trig,
        format=ox.RdfFormat.TRIG,
        prefixes=PREFIXES,
    )


def _local(
    tasks: Sequence[DocumentTask], settings: BuildSettings, jobs: int
) -> Iterator[ShardInfo | InputError]:
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield shard_document(task, settings)
        return
    # Largest documents first, so no worker is left with a big one at the end.
    ordered = sorted(tasks, key=lambda t: -_size(t.path))
    unfinished: list[DocumentTask] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures: dict[Future[ShardInfo | InputError], DocumentTask] = {
            pool.submit(shard_document, task, settings): task for task in ordered
        }
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                # A worker died (killed for memory, crashed in native code): the pool is gone
                # and every document still in it comes back here.
                unfinished.append(futures[future])
    for task in sorted(unfinished, key=lambda t: t.path):
        yield _alone(task, settings)


def _alone(task: DocumentTask, settings: BuildSettings) -> ShardInfo | InputError:
    """Shard one document in a process of its own, so a crash blames that document only."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(shard_document, task, settings).result()
        except BrokenProcessPool:
            return InputError(
                task.path,
                "extraction failed (the worker process died: killed for lack of memory or "
                "crashed; the rest of the corpus was built)",
            )


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def run_corpus(
    corpus_dir: Path,
    stage: Path,
    *,
    previous: Path | None = None,
    settings: BuildSettings | None = None,
    jobs: int = 1,
    dask: str | None = None,
    progress: Progress | None = None,
    on_shard: Callable[[ShardInfo], None] | None = None,
) -> CorpusRun:
    """Shard every document of ``corpus_dir`` into ``stage``; records come back in name order.

    ``dask`` is the address of a Dask scheduler, or ``"local"`` for a local cluster of ``jobs``
    worker processes; without it, ``jobs`` processes of this machine do the work. ``on_shard``
    is called with each shard's record as soon as the shard is written (in completion order).
    """
    settings = settings or BuildSettings()
    files, problems = list_corpus(corpus_dir)
    run = CorpusRun(
        problems=[p for p in problems if not isinstance(p, InputWarning)],
        warnings=[p for p in problems if isinstance(p, InputWarning)],
    )
    prev = str(previous) if previous is not None else None
    tasks = [DocumentTask(str(path), meta, str(stage), prev) for path, meta in files]
    outcomes: Iterable[ShardInfo | InputError]
    if dask is not None:
        from ecokg.cluster import dask_map

        outcomes = dask_map(tasks, settings, dask, jobs)
    else:
        outcomes = _local(tasks, settings, jobs)
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            run.problems.append(outcome)
            if progress is not None:
                progress(outcome.path, 0)
        else:
            run.shards.append(outcome)
            if on_shard is not None:
                on_shard(outcome)
            if progress is not None:
                progress(outcome.doc_id, outcome.chars)
    run.shards.sort(key=lambda s: s.file)
    run.problems.sort(key=str)
    return run
