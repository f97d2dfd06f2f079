#!/usr/bin/env python
"""Benchmark of the canned queries: embedded Oxigraph vs rdflib in memory vs the Oxigraph server.

Run from the repository root (see benchmarks/README.md)::

    python benchmarks/bench_queries.py            # demo graph + ~1M triples, about 20 minutes
    python benchmarks/bench_queries.py --quick    # demo graph + ~100k triples, a few minutes

Every number is measured in this run and every ratio compares two numbers of this run. For the
demo graph (``data/corpus`` built afresh, or ``--kg OUT``) and for a synthetic graph of about
``--triples`` quads in the same shape (bench_build.py's generator: the demo document graphs
replicated under new IRIs), each canned query in ``queries/`` runs, unbound, on:

- ``embedded``: the default store, pyoxigraph on disk opened read-only, as ``ecokg query`` does;
- ``rdflib``: rdflib's in-memory ``Dataset(default_union=True)``, in a child process that is
  killed after ``--rdflib-timeout`` seconds per query (reported as ``> T``, ratios as bounds);
- ``server``: ``oxigraph serve`` on a local port, through ecokg's RemoteKG (SPARQLWrapper, HTTP,
  JSON results converted to the same terms), so protocol costs are included.

Ratios are store time / embedded time (above 1x: slower than the embedded default).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import memory_gb, package_version, read_shape, write_dataset

from ecokg.api import build
from ecokg.catalog import canned_queries
from ecokg.remote import RemoteKG, prepare_query
from ecokg.store import EmbeddedKG

REPO = Path(__file__).resolve().parent.parent
QUERIES = {name: query.text for name, query in canned_queries().items()}

# (seconds, rows) of one query, or None when it did not finish
Timing = tuple[float, int] | None


def timed(function: Any, *args: Any) -> tuple[float, Any]:
    """Seconds taken by one call, and its result."""
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


# ------------------------------------------------------------------------------ stores


def embedded_store(nquads: Path, workdir: Path) -> tuple[float, EmbeddedKG]:
    """Bulk-load into an on-disk store and open it read-only, as a build's ``store/``."""
    location = workdir / "embedded"

    def load() -> None:
        store = ox.Store(str(location))
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store

    seconds, _ = timed(load)
    return seconds, EmbeddedKG(ox.Store.read_only(str(location)), str(location))


def rdflib_child(nquads: str, names: list[str], messages: mp.Queue[Any]) -> None:
    """Child process: load into rdflib, report ("load", s), then ("query", name, s, rows)."""
    from rdflib import Dataset

    start = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    messages.put(("load", time.perf_counter() - start))
    for name in names:
        text, _ = prepare_query(QUERIES[name], None)  # declares the project prefixes
        start = time.perf_counter()
        rows = len(list(dataset.query(text)))
        messages.put(("query", name, time.perf_counter() - start, rows))


def run_rdflib(
    nquads: Path, timeout: float, budget: float
) -> tuple[Timing, dict[str, Timing], list[str]]:
    """Every query in rdflib; a query past the timeout is killed and the rest go on in a new
    child (which loads again) while the whole stays under ``budget`` seconds. Returns the first
    load time, each query's timing, and the queries left unrun when the budget ran out."""
    context = mp.get_context("spawn")
    pending = list(QUERIES)
    results: dict[str, Timing] = {}
    load: Timing = None
    started = time.monotonic()
    while pending:
        if time.monotonic() - started > budget:
            print(f"  rdflib: budget of {budget:g} s spent; not run: {', '.join(pending)}")
            return load, results, pending
        messages: mp.Queue[Any] = context.Queue()
        child = context.Process(target=rdflib_child, args=(str(nquads), pending, messages))
        child.start()
        try:
            message = _next(messages, child, max(timeout, 600.0))
            if message is None or message[0] != "load":
                print(f"  rdflib: load failed or took over 600 s ({message})", flush=True)
                return load, results, pending
            if load is None:
                load = (float(message[1]), 0)
            while pending:
                answer = _next(messages, child, timeout)
                name = pending.pop(0)
                if answer is None:
                    results[name] = None
                    print(f"  rdflib {name}: > {timeout:g} s, killed", flush=True)
                    break
                results[name] = (float(answer[2]), int(answer[3]))
        finally:
            if child.is_alive():
                child.kill()  # the child started above, by its handle
            child.join()
    return load, results, []


def _next(messages: mp.Queue[Any], child: Any, timeout: float) -> tuple[Any, ...] | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            message: tuple[Any, ...] = messages.get(timeout=0.5)
            return message
        except queue.Empty:
            if not child.is_alive():
                return None
    return None


class Server:
    """``oxigraph load`` then ``oxigraph serve`` on a free local port, stopped on exit."""

    def __init__(self, nquads: Path, workdir: Path) -> None:
        executable = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        location = workdir / "server"
        start = time.perf_counter()
        subprocess.run(
            [executable, "load", "--location", str(location), "--file", str(nquads)],
            check=True,
            capture_output=True,
        )
        self.load_seconds = time.perf_counter() - start
        port = _free_port()
        self.process = subprocess.Popen(
            [executable, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}?query=ASK%7B%7D", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the oxigraph server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# ------------------------------------------------------------------------------ report


def cell(timing: Timing, timeout: float | None = None) -> str:
    """Seconds for the table, ``> T`` for a killed query."""
    if timing is None:
        return f"> {timeout:g}" if timeout else "-"
    return f"{timing[0]:.3f}" if timing[0] < 10 else f"{timing[0]:.1f}"


def ratio(base: Timing, other: Timing, timeout: float | None = None) -> str:
    """other / base, as "3.2x", or ">= 3.2x" when ``other`` was killed."""
    if base is None or base[0] == 0:
        return "?"
    if other is None:
        return f">= {_times(timeout / base[0])}" if timeout else "?"
    return _times(other[0] / base[0])


def _times(value: float) -> str:
    return f"{value:,.1f}x" if value >= 1 else f"{value:.2f}x"


def measure(label: str, nquads: Path, workdir: Path, args: argparse.Namespace) -> None:
    """Load one dataset into the three stores and run every canned query on each."""
    quads = sum(1 for _ in nquads.open("rb"))
    print(f"== {label}: {quads:,} quads ({nquads.stat().st_size / 1e6:.1f} MB N-Quads)", flush=True)
    load_embedded, embedded = embedded_store(nquads, workdir)
    server = Server(nquads, workdir)
    try:
        remote = RemoteKG(server.url, timeout=int(args.server_timeout))
        embedded_times: dict[str, Timing] = {}
        server_times: dict[str, Timing] = {}
        for name, text in QUERIES.items():
            seconds, result = timed(embedded.query, text)
            embedded_times[name] = (seconds, len(result.rows))
            seconds, result = timed(remote.query, text)
            server_times[name] = (seconds, len(result.rows))
            print(
                f"  {name}: embedded {cell(embedded_times[name])} s, "
                f"server {cell(server_times[name])} s",
                flush=True,
            )
    finally:
        server.stop()
    load_rdflib, rdflib_times, unrun = run_rdflib(nquads, args.rdflib_timeout, args.rdflib_budget)
    timeout = args.rdflib_timeout
    print()
    print(
        f"load: embedded {load_embedded:.1f} s, rdflib "
        f"{cell(load_rdflib)} s, server (oxigraph load) {server.load_seconds:.1f} s"
    )
    header = (
        f"{'query':<26}{'rows':>7}{'embedded s':>12}{'rdflib s':>11}{'server s':>10}"
        f"{'rdflib/emb':>12}{'server/emb':>12}"
    )
    print(header)
    print("-" * len(header))
    mismatches = []
    for name in QUERIES:
        base, lib, srv = embedded_times[name], rdflib_times.get(name), server_times[name]
        if name in unrun:
            print(
                f"{name:<26}{base[1] if base else 0:>7,}{cell(base):>12}{'not run':>11}"
                f"{cell(srv):>10}{'?':>12}{ratio(base, srv):>12}"
            )
            continue
        rows = base[1] if base else 0
        for store, timing in (("rdflib", lib), ("server", srv)):
            if timing is not None and timing[1] != rows:
                mismatches.append(f"{name}: {store} {timing[1]} rows, embedded {rows}")
        print(
            f"{name:<26}{rows:>7,}{cell(base):>12}{cell(lib, timeout):>11}{cell(srv):>10}"
            f"{ratio(base, lib, timeout):>12}{ratio(base, srv):>12}"
        )
    total = {
        "embedded": sum(t[0] for t in embedded_times.values() if t),
        "server": sum(t[0] for t in server_times.values() if t),
        "rdflib": sum(t[0] if t else timeout for t in rdflib_times.values()),
    }
    ran = [n for n in QUERIES if n not in unrun]
    total["embedded, rdflib queries"] = sum(t[0] for n in ran if (t := embedded_times[n]))
    bound = ">= " if any(t is None for t in rdflib_times.values()) else ""
    # over the queries rdflib ran (all of them unless the budget ran out)
    rdflib_ratio = f"{bound}{total['rdflib'] / total['embedded, rdflib queries']:,.1f}x"
    print(
        f"{'all queries':<26}{'':>7}{total['embedded']:>12.2f}{total['rdflib']:>11.1f}"
        f"{total['server']:>10.2f}{rdflib_ratio:>12}{total['server'] / total['embedded']:>11.1f}x"
    )
    print("(ratio = store time / embedded time; above 1x is slower than the embedded default)")
    for line in mismatches:
        print(f"WARNING row count differs: {line}")
    if not mismatches:
        print("OK: every store that answered returned the same number of rows.")
    print(flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; ``--quick`` changes the defaults only."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--kg", type=Path, help="an existing build to use as the demo graph")
    parser.add_argument("--triples", type=int, help="synthetic graph size (default 1000000)")
    parser.add_argument("--rdflib-timeout", type=float, help="seconds per rdflib query")
    parser.add_argument("--server-timeout", type=float, default=600.0)
    parser.add_argument(
        "--rdflib-budget", type=float, help="seconds for all rdflib work per dataset"
    )
    parser.add_argument("--quick", action="store_true", help="100k triples, shorter timeouts")
    args = parser.parse_args(argv)
    if args.triples is None:
        args.triples = 100_000 if args.quick else 1_000_000
    if args.rdflib_timeout is None:
        args.rdflib_timeout = 20.0 if args.quick else 60.0
    if args.rdflib_budget is None:
        args.rdflib_budget = 300.0 if args.quick else 1200.0
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"cores {os.cpu_count()} ({usable} usable), memory {memory_gb()}")
    for name in ("ecokg", "pyoxigraph", "oxigraph", "rdflib", "SPARQLWrapper"):
        print(f"{name:<14}{package_version(name)}")
    print(f"settings: triples={args.triples:,} rdflib-timeout={args.rdflib_timeout:g}s")
    print(flush=True)
    with tempfile.TemporaryDirectory(prefix="ecokg-bench-queries-") as name:
        workdir = Path(name)
        demo = args.kg
        if demo is None:
            demo = workdir / "demo"
            seconds, _ = timed(build, REPO / "data" / "corpus", demo)
            print(f"built data/corpus in {seconds:.1f} s", flush=True)
        demo_nq = workdir / "demo.nq"
        data = ox.serialize(
            ox.parse(path=demo / "graph.trig", format=ox.RdfFormat.TRIG),
            format=ox.RdfFormat.N_QUADS,
        )
        assert data is not None
        demo_nq.write_bytes(data)
        (workdir / "a").mkdir()
        measure("demo graph (data/corpus)", demo_nq, workdir / "a", args)
        synthetic = write_dataset(read_shape(demo), args.triples, workdir / "synthetic.nq")
        (workdir / "b").mkdir()
        label = f"synthetic graph ({synthetic.documents:,} document graphs)"
        measure(label, synthetic.path, workdir / "b", args)
    print(f"total time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
