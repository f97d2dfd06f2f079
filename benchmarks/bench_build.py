#!/usr/bin/env python
"""Benchmarks of ecokg: build throughput, and why the embedded store is Oxigraph.

Run from the repository root (see benchmarks/README.md)::

    python benchmarks/bench_build.py            # ~1M triples, several minutes on 2 cores
    python benchmarks/bench_build.py --quick    # smoke run, under a minute

Every number is measured in this run, and every ratio compares two numbers of this run:

1. ``ecokg.api.build`` on the demo corpus (median of several runs), then on the demo corpus
   copied 4 times (20 documents) with ``jobs=1`` and ``jobs=2``.
2. A synthetic dataset of about ``--triples`` quads in the shape of an ecokg build (the demo
   document graphs replicated under new document IRIs), loaded into pyoxigraph (in memory and
   on disk), rdflib's in-memory ``Dataset`` and rdflib on top of oxrdflib; then the same 2-hop
   join in each, once over the union of the named graphs and once inside each named graph
   (``GRAPH ?g``). Each store runs in a fresh process; the rdflib ones are killed after
   ``--rdflib-timeout`` seconds per step and reported as lower bounds.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import queue
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from ecokg.api import BuildSummary, build

REPO = Path(__file__).resolve().parent.parent
DEMO_CORPUS = REPO / "data" / "corpus"
SOURCES_FILE = "sources.yaml"
CORPUS_COPIES = 4
MB = 1_000_000

DCTERMS_IDENTIFIER = "http://purl.org/dc/terms/identifier"

# Observations joined to their indicator's label and to their document's identifier, counted
# per document, in two forms. "union" matches over the union of the named graphs (pyoxigraph
# use_default_graph_as_union=True, rdflib Dataset(default_union=True)); "graph" matches inside
# each named graph, as the canned queries in queries/ do. COUNT(DISTINCT ?obs) is the answer
# checked across stores; COUNT(*) counts the join rows before grouping.
_PREFIXES = """\
PREFIX ekg:     <https://w3id.org/ecokg/def#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc (COUNT(DISTINCT ?obs) AS ?observations) (COUNT(*) AS ?joinRows)
"""
_JOIN = """\
?obs ekg:indicator ?indicator ;
     prov:wasDerivedFrom ?document .
?indicator skos:prefLabel ?label .
?document dcterms:identifier ?doc .
"""
_GROUP = "GROUP BY ?doc\nORDER BY ?doc\n"


def _indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line for line in text.splitlines(keepends=True))


@dataclass(frozen=True)
class JoinQuery:
    """One SPARQL text sent unchanged to every store."""

    key: str
    title: str
    text: str


QUERIES = [
    JoinQuery("union", "union join", f"{_PREFIXES}WHERE {{\n{_indent(_JOIN, 2)}}}\n{_GROUP}"),
    JoinQuery(
        "graph",
        "GRAPH ?g join",
        f"{_PREFIXES}WHERE {{\n  GRAPH ?g {{\n{_indent(_JOIN, 4)}  }}\n}}\n{_GROUP}",
    ),
]

# One result row: (document identifier, distinct observations, join rows).
Row = tuple[str, int, int]


# --------------------------------------------------------------------------------------------
# Machine facts


def package_version(name: str) -> str:
    """The installed version of a distribution, or "not installed"."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def memory_gb() -> str:
    """Total memory from /proc/meminfo, when there is one."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return "unknown"


def print_machine_facts(args: argparse.Namespace) -> None:
    """Python, cores, memory and the versions of the packages measured."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print("== Machine")
    print(f"python      {platform.python_version()} ({platform.python_implementation()})")
    print(f"platform    {platform.platform()}")
    print(f"cores       {os.cpu_count()} ({usable} usable by this process)")
    print(f"memory      {memory_gb()}")
    for name in ("ecokg", "pyoxigraph", "rdflib", "oxrdflib"):
        print(f"{name:<11} {package_version(name)}")
    print(
        f"settings    triples={args.triples:,} rdflib-timeout={args.rdflib_timeout:g}s "
        f"build-repeats={args.repeats}{' (quick)' if args.quick else ''}"
    )
    print(flush=True)


# --------------------------------------------------------------------------------------------
# 1. Build throughput


@dataclass
class CorpusFacts:
    """Size of a corpus folder on disk."""

    documents: int
    file_bytes: int


def corpus_facts(corpus: Path) -> CorpusFacts:
    """Count the ``.txt`` documents of a corpus and their bytes on disk."""
    files = sorted(corpus.glob("*.txt"))
    return CorpusFacts(len(files), sum(f.stat().st_size for f in files))


def make_copied_corpus(source: Path, target: Path, copies: int) -> Path:
    """The documents of ``source`` copied ``copies`` times under new names, with metadata."""
    target.mkdir(parents=True)
    sources_yaml = source / SOURCES_FILE
    metadata: dict[str, Any] = {}
    if sources_yaml.is_file():
        metadata = yaml.safe_load(sources_yaml.read_text(encoding="utf-8")) or {}
    copied: dict[str, Any] = {}
    for i in range(copies):
        for doc in sorted(source.glob("*.txt")):
            stem = f"{doc.stem}_c{i}"
            shutil.copyfile(doc, target / f"{stem}.txt")
            if doc.stem in metadata:
                copied[stem] = metadata[doc.stem]
    (target / SOURCES_FILE).write_text(
        yaml.safe_dump(copied, allow_unicode=True, sort_keys=True), encoding="utf-8"
    )
    return target


def timed_build(corpus: Path, out: Path, jobs: int) -> tuple[float, BuildSummary]:
    """Seconds taken by one ``build`` into a fresh folder, and its summary."""
    start = time.perf_counter()
    summary = build(corpus, out, jobs=jobs)
    seconds = time.perf_counter() - start
    if not summary.ok:
        print(f"  warning: build of {corpus.name} not ok: {summary.problems[:3]}", flush=True)
    return seconds, summary


@dataclass
class BuildResult:
    """The median of repeated builds of one corpus."""

    label: str
    jobs: int
    corpus: CorpusFacts
    times: list[float]
    summary: BuildSummary

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def measure_build(label: str, corpus: Path, jobs: int, repeats: int, workdir: Path) -> BuildResult:
    """Build ``corpus`` ``repeats`` times, each into a new temporary folder."""
    times: list[float] = []
    summary = BuildSummary("")
    for i in range(repeats):
        out = workdir / f"{label}-jobs{jobs}-{i}"
        seconds, summary = timed_build(corpus, out, jobs)
        times.append(seconds)
        shutil.rmtree(out, ignore_errors=True)
        print(f"  {label} jobs={jobs} run {i + 1}/{repeats}: {seconds:.2f} s", flush=True)
    return BuildResult(label, jobs, corpus_facts(corpus), times, summary)


def print_build_table(results: list[BuildResult]) -> None:
    """Throughput of each build: MB/s of files, characters/s, triples/s, documents/s."""
    header = (
        f"{'corpus':<18}{'jobs':>5}{'docs':>6}{'file MB':>9}{'kchars':>8}{'triples':>9}"
        f"{'median s':>10}{'min-max s':>13}{'MB/s':>7}{'kchars/s':>10}{'triples/s':>11}"
        f"{'docs/s':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        s, t = r.summary, r.median
        spread = f"{min(r.times):.2f}-{max(r.times):.2f}"
        print(
            f"{r.label:<18}{r.jobs:>5}{len(s.documents):>6}{r.corpus.file_bytes / MB:>9.3f}"
            f"{s.text_chars / 1000:>8.1f}{s.triples:>9,}{t:>10.2f}{spread:>13}"
            f"{r.corpus.file_bytes / MB / t:>7.3f}{s.text_chars / 1000 / t:>10.1f}"
            f"{s.triples / t:>11,.0f}{len(s.documents) / t:>8.2f}"
        )


def run_build_benchmarks(args: argparse.Namespace, workdir: Path) -> Path:
    """Section 1. Returns the output folder of a (warm-up) demo build, used for section 2."""
    print("== 1. Build throughput: ecokg.api.build")
    shape_out = workdir / "shape-build"
    seconds, _ = timed_build(DEMO_CORPUS, shape_out, jobs=1)
    print(f"  warm-up build of data/corpus (imports, lexicons; not counted): {seconds:.2f} s")
    copied = make_copied_corpus(DEMO_CORPUS, workdir / "corpus-x4", CORPUS_COPIES)
    results = [
        measure_build("data/corpus", DEMO_CORPUS, 1, args.repeats, workdir),
        measure_build(f"data/corpus x{CORPUS_COPIES}", copied, 1, args.repeats, workdir),
        measure_build(f"data/corpus x{CORPUS_COPIES}", copied, 2, args.repeats, workdir),
    ]
    print()
    print_build_table(results)
    one, two = results[1].median, results[2].median
    print(
        f"jobs=2 vs jobs=1 on {results[2].corpus.documents} documents: {one / two:.2f}x "
        f"({one:.2f} s -> {two:.2f} s). MB = 10^6 bytes of .txt files; kchars = decoded "
        "characters (BuildSummary.text_chars)."
    )
    print(flush=True)
    return shape_out


# --------------------------------------------------------------------------------------------
# 2a. Synthetic dataset in the shape of an ecokg build


@dataclass
class Shape:
    """The N-Quads lines of a real build: the shared graphs, and each document's graph."""

    shared: list[str] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)  # doc id -> N-Quads block
    sizes: dict[str, int] = field(default_factory=dict)  # doc id -> quads


def read_shape(build_out: Path) -> Shape:
    """Split ``graph.trig`` of a build into document graphs (those with a dcterms:identifier)."""
    by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
    doc_ids: dict[str, str] = {}
    for quad in ox.parse(path=build_out / "graph.trig", format=ox.RdfFormat.TRIG):
        graph = str(quad.graph_name)
        by_graph[graph].append(quad)
        if isinstance(quad.predicate, ox.NamedNode) and quad.predicate.value == DCTERMS_IDENTIFIER:
            doc_ids[graph] = quad.object.value
    shape = Shape()
    for graph, quads in sorted(by_graph.items()):
        block = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        assert block is not None
        text = block.decode("utf-8")
        if graph in doc_ids:
            shape.documents[doc_ids[graph]] = text
            shape.sizes[doc_ids[graph]] = len(quads)
        else:
            shape.shared.append(text)
    return shape


def copy_document(block: str, doc_id: str, copy: int) -> str:
    """A document graph under new IRIs: ``/<doc>`` -> ``/<doc>-copy<i>`` and its identifier."""
    if copy == 0:
        return block
    new_id = f"{doc_id}-copy{copy}"
    return block.replace(f"/{doc_id}", f"/{new_id}").replace(f'"{doc_id}"', f'"{new_id}"')


@dataclass
class SyntheticData:
    """The synthetic N-Quads file."""

    path: Path
    quads: int
    documents: int
    copies: int


def write_dataset(shape: Shape, target: int, path: Path) -> SyntheticData:
    """Shared graphs once, then document graphs copy after copy until ``target`` quads."""
    quads = sum(block.count("\n") for block in shape.shared)
    documents = copy = 0
    with path.open("w", encoding="utf-8") as out:
        out.writelines(shape.shared)
        while quads < target:
            for doc_id, block in shape.documents.items():
                if quads >= target:
                    break
                out.write(copy_document(block, doc_id, copy))
                quads += shape.sizes[doc_id]
                documents += 1
            copy += 1
    return SyntheticData(path, quads, documents, copy)


# --------------------------------------------------------------------------------------------
# 2b. One store, measured in a child process


@dataclass(frozen=True)
class StoreKind:
    """A way to load N-Quads and answer SPARQL, and whether it runs under the rdflib timeout."""

    key: str
    label: str
    rdflib: bool


STORE_KINDS = [
    StoreKind("ox-memory", "pyoxigraph Store() in memory, bulk_load", rdflib=False),
    StoreKind("ox-disk", "pyoxigraph Store(dir) on disk, bulk_load", rdflib=False),
    StoreKind("rdflib", "rdflib Dataset() in memory, parse", rdflib=True),
    StoreKind("oxrdflib", 'rdflib Dataset(store="Oxigraph"), parse nquads', rdflib=True),
    StoreKind("oxrdflib-ox", 'rdflib Dataset(store="Oxigraph"), parse ox-nquads', rdflib=True),
]
BASELINE = "rdflib"
OXIGRAPH_KEYS = ("ox-memory", "ox-disk")

QueryFunction = Callable[[str], list[Row]]


def _load_oxigraph(key: str, nquads: str, workdir: str) -> QueryFunction:
    """Load into a pyoxigraph store; return a query function over the loaded store."""
    store = ox.Store(os.path.join(workdir, "oxigraph-disk")) if key == "ox-disk" else ox.Store()
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)

    def query(text: str) -> list[Row]:
        solutions = store.query(text, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        return [
            (s["doc"].value, int(s["observations"].value), int(s["joinRows"].value))
            for s in solutions
        ]

    return query


def _load_rdflib(key: str, nquads: str) -> QueryFunction:
    """Load into an rdflib Dataset (memory or oxrdflib); return a query function over it."""
    from rdflib import Dataset as RdflibDataset

    if key == "rdflib":
        dataset = RdflibDataset(default_union=True)
    else:
        dataset = RdflibDataset(store="Oxigraph", default_union=True)
    dataset.parse(nquads, format="ox-nquads" if key == "oxrdflib-ox" else "nquads")

    def query(text: str) -> list[Row]:
        rows: list[Row] = []
        for row in dataset.query(text):
            values = row.asdict()  # type: ignore[union-attr]
            rows.append((str(values["doc"]), int(values["observations"]), int(values["joinRows"])))
        return rows

    return query


def store_child(key: str, nquads: str, workdir: str, messages: mp.Queue[Any]) -> None:
    """Child process: report "ready", then ("step", seconds, rows) for the load and each query."""
    try:
        if key not in OXIGRAPH_KEYS:
            import oxrdflib  # noqa: F401  (imported before timing, like rdflib itself)
            import rdflib  # noqa: F401
        messages.put(("ready",))
        start = time.perf_counter()
        if key in OXIGRAPH_KEYS:
            query = _load_oxigraph(key, nquads, workdir)
        else:
            query = _load_rdflib(key, nquads)
        messages.put(("step", time.perf_counter() - start, None))
        for join in QUERIES:
            start = time.perf_counter()
            rows = query(join.text)
            messages.put(("step", time.perf_counter() - start, rows))
    except BaseException:  # report anything, including MemoryError, to the parent
        messages.put(("error", traceback.format_exc()))


@dataclass
class Step:
    """A timed step: seconds, or None with why (timeout, error, or not reached)."""

    seconds: float | None = None
    timed_out: bool = False
    error: str = ""
    rows: list[Row] | None = None

    def text(self, timeout: float) -> str:
        if self.seconds is not None:
            return f"{self.seconds:.3f}" if self.seconds < 10 else f"{self.seconds:.1f}"
        if self.timed_out:
            return f"> {timeout:g}"
        return "error" if self.error else "not run"

    def text_with_unit(self, timeout: float) -> str:
        """``text`` with " s" after a number of seconds."""
        text = self.text(timeout)
        return f"{text} s" if self.seconds is not None or self.timed_out else text

    def bound(self, timeout: float) -> float | None:
        """The time, or the timeout as a lower bound when it timed out."""
        if self.seconds is not None:
            return self.seconds
        return timeout if self.timed_out else None


@dataclass
class StoreResult:
    """Load and queries of one store."""

    kind: StoreKind
    load: Step = field(default_factory=Step)
    queries: dict[str, Step] = field(default_factory=lambda: {q.key: Step() for q in QUERIES})

    def steps(self) -> list[Step]:
        return [self.load, *self.queries.values()]


def _next_message(
    messages: mp.Queue[Any], process: Any, timeout: float | None
) -> tuple[Any, ...] | None:
    """The next message of the child, or None when ``timeout`` passes first."""
    start = time.monotonic()
    while True:
        try:
            message: tuple[Any, ...] = messages.get(timeout=1.0)
            return message
        except queue.Empty:
            if not process.is_alive():
                try:  # a last message may have arrived just before the exit
                    late: tuple[Any, ...] = messages.get(timeout=1.0)
                    return late
                except queue.Empty:
                    return ("error", f"child process died (exit code {process.exitcode})")
            if timeout is not None and time.monotonic() - start > timeout:
                return None


def _record(step: Step, message: tuple[Any, ...] | None) -> bool:
    """Fill ``step`` from a child message; True when the child can go on."""
    if message is None:
        step.timed_out = True
        return False
    if message[0] != "step":
        step.error = str(message[1]) if len(message) > 1 else f"unexpected message {message!r}"
        return False
    step.seconds = float(message[1])
    step.rows = None if message[2] is None else list(message[2])
    return True


def measure_store(
    kind: StoreKind, data: SyntheticData, workdir: Path, timeout: float
) -> StoreResult:
    """Load and query in a fresh process; rdflib steps are killed after ``timeout`` seconds."""
    context = mp.get_context("spawn")
    messages: mp.Queue[Any] = context.Queue()
    storedir = workdir / f"store-{kind.key}"
    storedir.mkdir()
    process = context.Process(
        target=store_child, args=(kind.key, str(data.path), str(storedir), messages), daemon=True
    )
    limit = timeout if kind.rdflib else None
    result = StoreResult(kind)
    process.start()
    try:
        ready = _next_message(messages, process, None)
        if ready is not None and ready[0] == "ready":
            for step in result.steps():  # each step gets the whole timeout
                if not _record(step, _next_message(messages, process, limit)):
                    break
        else:
            result.load.error = str(ready[1]) if ready else "no answer"
    finally:
        if process.is_alive():
            process.kill()  # the child we started, by its handle
        process.join()
        shutil.rmtree(storedir, ignore_errors=True)
    for step in result.steps():
        if step.error:
            print(f"  {kind.label}: ERROR\n{step.error}", flush=True)
    return result


# --------------------------------------------------------------------------------------------
# 2c. Report


def speed_ratio(baseline: Step, other: Step, timeout: float) -> tuple[float, str] | None:
    """baseline time / other time, with "=" or the direction of a bound; None when unknown."""
    base, mine = baseline.bound(timeout), other.bound(timeout)
    if base is None or mine is None or mine == 0 or (baseline.timed_out and other.timed_out):
        return None
    if baseline.timed_out:
        return base / mine, ">="
    if other.timed_out:
        return base / mine, "<="
    return base / mine, "="


def ratio_cell(ratio: tuple[float, str] | None) -> str:
    """A ratio for the table: "12.3x", ">= 12.3x", "<= 0.50x" or "?"."""
    if ratio is None:
        return "?"
    value, bound = ratio
    number = f"{value:,.1f}x" if value >= 1 else f"{value:.2f}x"
    return number if bound == "=" else f"{bound} {number}"


def ratio_words(ratio: tuple[float, str] | None) -> str:
    """A ratio in words: "12.3x faster", ">= 650x faster", "1.6x slower"."""
    if ratio is None:
        return "? (not measured in both stores)"
    value, bound = ratio
    if value >= 1:
        return f"{'' if bound == '=' else bound + ' '}{value:,.1f}x faster"
    flipped = {"=": "", ">=": "<= ", "<=": ">= "}[bound]
    return f"{flipped}{1 / value:,.1f}x slower"


def print_store_table(results: list[StoreResult], data: SyntheticData, timeout: float) -> None:
    """Load and query times, and the ratios against rdflib's in-memory Dataset."""
    base = next(r for r in results if r.kind.key == BASELINE)
    titles = [q.title for q in QUERIES]
    header = (
        f"{'store':<50}{'load s':>9}{'load triples/s':>16}"
        + "".join(f"{t + ' s':>18}" for t in titles)
        + f"{'load ratio':>12}"
        + "".join(f"{t + ' ratio':>20}" for t in titles)
    )
    print(header)
    print("-" * len(header))
    for r in results:
        load = r.load.bound(timeout)
        rate = f"{data.quads / load:,.0f}" if load else "?"
        if r.load.timed_out:
            rate = f"< {rate}"
        line = f"{r.kind.label:<50}{r.load.text(timeout):>9}{rate:>16}"
        line += "".join(f"{r.queries[q.key].text(timeout):>18}" for q in QUERIES)
        line += f"{ratio_cell(speed_ratio(base.load, r.load, timeout)):>12}"
        for q in QUERIES:
            ratio = speed_ratio(base.queries[q.key], r.queries[q.key], timeout)
            line += f"{ratio_cell(ratio):>20}"
        print(line)
    print(f"(ratio = {base.kind.label} time / store time; above 1x is faster than rdflib)")
    print()
    for r in results:
        if r is base:
            continue
        words = [f"loads {ratio_words(speed_ratio(base.load, r.load, timeout))}"]
        for q in QUERIES:
            ratio = speed_ratio(base.queries[q.key], r.queries[q.key], timeout)
            words.append(f"{q.title} {ratio_words(ratio)}")
        print(f"{r.kind.label}: {', '.join(words)}")


def check_rows(results: list[StoreResult], data: SyntheticData, join: JoinQuery) -> None:
    """Every store that answered ``join`` must give the same rows and observation counts."""
    answered = {r.kind.label: r.queries[join.key].rows for r in results}
    rows = {label: found for label, found in answered.items() if found is not None}
    if not rows:
        print(f"WARNING: no store answered the {join.title}; nothing to compare.")
        return
    answers = {label: [(doc, n) for doc, n, _ in found] for label, found in rows.items()}
    first = next(iter(answers.values()))
    if any(a != first for a in answers.values()):
        print(f"WARNING: RESULT MISMATCH between stores on the {join.title}:")
        for label, answer in answers.items():
            print(f"  {label}: {len(answer)} rows, {sum(n for _, n in answer):,} observations")
    else:
        print(
            f"OK ({join.title}): all {len(rows)} stores that answered returned {len(first)} rows"
            f" and the same {sum(n for _, n in first):,} observations."
        )
    if len(first) != data.documents:
        print(f"WARNING: expected one row per document graph ({data.documents}).")
    join_rows = {label: sum(j for *_, j in found) for label, found in rows.items()}
    if len(set(join_rows.values())) == 1:
        print(f"  join rows before GROUP BY: {next(iter(join_rows.values())):,} in every store")
        return
    print(f"  join rows before GROUP BY differ ({join.title}; same answer after DISTINCT):")
    for label, count in join_rows.items():
        print(f"    {label}: {count:,}")
    if join.key == "union":
        print(
            "  Oxigraph's union default graph holds a triple once per named graph that has it\n"
            "  (a bag), rdflib's is a set; shared nodes (indicators) repeat their labels in\n"
            "  every document graph, so Oxigraph joins many more rows here."
        )


def run_store_benchmarks(args: argparse.Namespace, shape_out: Path, workdir: Path) -> None:
    """Section 2: the synthetic dataset in every store."""
    print("== 2. Embedded stores: load, then a 2-hop join over the named graphs")
    shape = read_shape(shape_out)
    start = time.perf_counter()
    data = write_dataset(shape, args.triples, workdir / "synthetic.nq")
    size = data.path.stat().st_size
    print(
        f"dataset: {data.quads:,} quads, {data.documents:,} document graphs "
        f"(the {len(shape.documents)} demo graphs, {data.copies} times at most) + "
        f"{len(shape.shared)} shared graph(s); {size / MB:.1f} MB N-Quads, "
        f"written in {time.perf_counter() - start:.1f} s"
    )
    for join in QUERIES:
        print(f"query '{join.title}':")
        print(_indent(join.text, 2), end="")
    print(flush=True)
    results: list[StoreResult] = []
    for kind in STORE_KINDS:
        print(f"  measuring {kind.label} ...", flush=True)
        result = measure_store(kind, data, workdir, args.rdflib_timeout)
        timeout = args.rdflib_timeout
        times = [f"load {result.load.text_with_unit(timeout)}"]
        times += [f"{q.title} {result.queries[q.key].text_with_unit(timeout)}" for q in QUERIES]
        print(f"    {', '.join(times)}", flush=True)
        results.append(result)
    print()
    print_store_table(results, data, args.rdflib_timeout)
    print()
    for join in QUERIES:
        check_rows(results, data, join)
    print(flush=True)


# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; ``--quick`` changes the defaults only."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--triples", type=int, help="synthetic dataset size (default 1000000)")
    parser.add_argument(
        "--rdflib-timeout", type=float, help="seconds per rdflib load/query step (default 120)"
    )
    parser.add_argument("--repeats", type=int, help="builds per corpus; median taken (default 3)")
    parser.add_argument(
        "--quick", action="store_true", help="small sizes for a smoke run (under a minute)"
    )
    args = parser.parse_args(argv)
    if args.triples is None:
        args.triples = 20_000 if args.quick else 1_000_000
    if args.rdflib_timeout is None:
        args.rdflib_timeout = 30.0 if args.quick else 120.0
    if args.repeats is None:
        args.repeats = 1 if args.quick else 3
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    print_machine_facts(args)
    # Scratch space for builds, the corpus copy, the N-Quads file and the on-disk store.
    with tempfile.TemporaryDirectory(prefix="ecokg-bench-") as name:
        workdir = Path(name)
        shape_out = run_build_benchmarks(args, workdir)
        run_store_benchmarks(args, shape_out, workdir)
    print(f"total time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
