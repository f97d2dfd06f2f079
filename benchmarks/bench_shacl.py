#!/usr/bin/env python
"""SHACL validation of ecokg graphs: the SPARQL engine against pyshacl and pyshacl-turbo.

Results: benchmarks/shacl.md. Run from the repository root after a build of the demo corpus::

    ecokg build data/corpus -o /tmp/shacl_demo
    python benchmarks/bench_shacl.py --build /tmp/shacl_demo --replicas 1 31 92

The demo's document graphs (the ontology graph left out) are replicated under new IRIs
(vocabulary IRIs kept) into N-Quads files of about 33k x REPLICAS statements. Each engine runs
in a fresh process on each file; the time and the process's peak RSS are printed:

- ``sparql-file``: ``ecokg.validate.validate_file`` (bulk load into an on-disk store, queries).
- ``sparql-memory``: ``ecokg.validate.validate_graph`` on the union as an rdflib graph.
- ``pyshacl``: ``ecokg.validate.reference_validate`` on the same rdflib graph.
- ``turbo-rdflib``: ``pyshacl_turbo.validate`` on that rdflib graph with the vocabulary.
- ``turbo-store``: ``pyshacl_turbo.validate`` on an in-memory pyoxigraph store holding the union
  and the vocabulary (turbo dumps the store into one N-Quads string and validates that).
  pyshacl-turbo 0.6.5 reports every plain string under sh:in as a violation on this path.

Parsing the file into rdflib (for the in-memory engines) and into the store (turbo) is timed
apart from validation; ``--skip ENGINE@REPLICAS`` leaves out slow combinations.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ID = "https://w3id.org/ecokg/id/"
KEEP = ("theme/", "unit/")  # vocabulary IRIs the documents share with the ontology
ENGINES = ("sparql-file", "sparql-memory", "pyshacl", "turbo-rdflib", "turbo-store")


def document_nquads(build: Path) -> bytes:
    """The build's document graphs as N-Quads (the ontology graph left out)."""
    store = ox.Store()
    store.load(path=str(build / "graph.trig"), format=ox.RdfFormat.TRIG)
    ontology = ox.NamedNode(ID + "graph/ontology")
    quads = [q for q in store if q.graph_name != ontology]
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert data is not None
    return data


def replicate(nquads: bytes, replicas: int, path: Path) -> None:
    """Write ``replicas`` copies of the graphs, each under IRIs of its own."""
    with path.open("wb") as out:
        for r in range(replicas):
            copy = nquads.replace(f"<{ID}".encode(), f"<{ID}r{r}/".encode())
            for kept in KEEP:
                copy = copy.replace(f"<{ID}r{r}/{kept}".encode(), f"<{ID}{kept}".encode())
            out.write(copy)


def run_engine(engine: str, path: Path) -> dict[str, float | int | str]:
    """Validate one file with one engine, in this process."""
    from rdflib import Dataset, Graph
    from rdflib.namespace import SH

    from ecokg.validate import (
        compiled_shapes,
        reference_validate,
        shapes_graph,
        validate_file,
        validate_graph,
        vocabulary_graph,
    )

    compiled_shapes()  # the shapes are compiled once per process, before any data
    vocabulary_graph()
    load = 0.0
    start = time.perf_counter()
    if engine == "sparql-file":
        report = validate_file(path)
        violations, conforms = len(report.violations), report.conforms
    elif engine in ("sparql-memory", "pyshacl", "turbo-rdflib"):
        dataset = Dataset()
        dataset.parse(path, format="nquads")
        graph = Graph()
        for named in dataset.graphs():
            graph += named  # the union, as the engines validate it
        load = time.perf_counter() - start
        start = time.perf_counter()
        if engine == "turbo-rdflib":
            import pyshacl_turbo

            graph += vocabulary_graph()
            conforms, results, _ = pyshacl_turbo.validate(
                graph, shacl_graph=shapes_graph(), allow_warnings=True
            )
            violations = len(set(results.objects(None, SH.result)))
        else:
            validate = validate_graph if engine == "sparql-memory" else reference_validate
            report = validate(graph)
            violations, conforms = len(report.violations), report.conforms
    else:
        import pyshacl_turbo

        store = ox.Store()
        store.extend(
            ox.Quad(q.subject, q.predicate, q.object)
            for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
        )
        store.extend(ox.Quad(*(_ox(t) for t in triple)) for triple in vocabulary_graph())
        load = time.perf_counter() - start
        start = time.perf_counter()
        conforms, results, _ = pyshacl_turbo.validate(
            store, shacl_graph=shapes_graph(), allow_warnings=True
        )
        violations = len(set(results.objects(None, SH.result)))
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "engine": engine,
        "load_s": round(load, 2),
        "validate_s": round(seconds, 2),
        "peak_rss_mb": round(rss_mb),
        "conforms": str(conforms),
        "violations": violations,
    }


def _ox(term: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    from ecokg.kg.serialize import to_ox

    return to_ox(term)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", type=Path, required=True, help="an ecokg build of data/corpus")
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 31, 92])
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--skip", nargs="*", default=[], metavar="ENGINE@REPLICAS")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per engine run")
    parser.add_argument("--run", nargs=2, metavar=("ENGINE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_engine(args.run[0], Path(args.run[1]))))
        return
    nquads = document_nquads(args.build)
    with tempfile.TemporaryDirectory(prefix="bench-shacl-") as folder:
        for replicas in args.replicas:
            path = Path(folder) / f"x{replicas}.nq"
            replicate(nquads, replicas, path)
            with path.open("rb") as handle:
                quads = sum(1 for _ in handle)
            print(f"# {replicas} replica(s): {quads} quads, {path.stat().st_size >> 20} MB")
            for engine in args.engines:
                if f"{engine}@{replicas}" in args.skip:
                    continue
                command = [sys.executable, __file__, "--build", ".", "--run", engine, str(path)]
                try:
                    done = subprocess.run(
                        command, capture_output=True, text=True, timeout=args.timeout, check=True
                    )
                    print(f"{quads}\t{done.stdout.strip()}", flush=True)
                except subprocess.TimeoutExpired:
                    print(f"{quads}\t{engine}: more than {args.timeout:g} s", flush=True)
                except subprocess.CalledProcessError as failed:
                    print(f"{quads}\t{engine}: failed {failed.stderr[-500:]}", flush=True)


if __name__ == "__main__":
    main()
