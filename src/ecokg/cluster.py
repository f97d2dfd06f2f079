"""Send the per-document work of a build to a Dask cluster.

The tasks are the same ones a local build runs (:func:`ecokg.pipeline.shard_document`): each
worker reads its document from the corpus folder and writes the shard into the build folder,
so both must be on storage the workers share (on one machine, any folder). Only the small shard
records travel back to the client, and the client assembles the outputs exactly as a local
build does, so a Dask build is byte-identical to a local one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ecokg.errors import EcokgError, InputError
from ecokg.pipeline import BuildSettings, DocumentTask, shard_document
from ecokg.shards import ShardInfo

CONNECT_TIMEOUT = "10s"


def _client(address: str, workers: int) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise EcokgError(
            "--dask needs the 'distributed' package: pip install 'ecokg[dask]'"
        ) from exc
    if address == "local":
        # Processes, one thread each: extraction is pure Python and holds the GIL.
        cluster = LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        return Client(cluster), cluster
    try:
        return Client(address, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError) as exc:
        raise EcokgError(
            f"cannot reach the Dask scheduler at {address} within {CONNECT_TIMEOUT} ({exc}); "
            "is `dask scheduler` running there?"
        ) from exc


def dask_map(
    tasks: Sequence[DocumentTask], settings: BuildSettings, address: str, workers: int = 1
) -> Iterator[ShardInfo | InputError]:
    """Run :func:`shard_document` for every task on the cluster; yield results as they finish.

    ``address`` is a scheduler address (``tcp://127.0.0.1:8786``) or ``"local"`` for a local
    cluster of ``workers`` processes that lives as long as the build.
    """
    from distributed import KilledWorker, as_completed

    client, cluster = _client(address, workers)
    try:
        # pure=False: two builds of the same corpus are two computations, never a cached result.
        futures = client.map(shard_document, list(tasks), settings=settings, pure=False)
        paths = {future.key: task.path for future, task in zip(futures, tasks, strict=True)}
        for future in as_completed(futures):
            try:
                yield future.result()
            except KilledWorker:
                # The scheduler retried the document on other workers and each of them died.
                yield InputError(
                    paths[future.key],
                    "extraction failed (every Dask worker that tried it died: out of memory "
                    "or a crash; the rest of the corpus was built)",
                )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
