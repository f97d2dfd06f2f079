"""Run untrusted queries in worker processes, so a runaway query can be stopped.

A thread cannot be stopped from outside and the store has no query timeout, so each query runs
in a separate process holding its own read-only handle on the store. When a query outlives the
time limit, its worker is killed and a fresh one takes its place; the server stays responsive.
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
from multiprocessing.connection import Connection

from ecokg.errors import QueryError, QueryTooLarge
from ecokg.store import QueryResult

STARTUP_TIMEOUT = 120.0


class QueryTimeout(QueryError):
    """A query ran longer than the server allows."""


class _Worker:
    """One ``python -m ecokg.web.worker`` process talking over two pipes.

    A plain subprocess rather than multiprocessing: spawning re-imports the parent's main
    module, which for ``python -m ecokg`` would run the command line again.
    """

    def __init__(self, location: str, max_rows: int) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "ecokg.web.worker",
                    location,
                    str(to_child_r),
                    str(from_child_w),
                    str(max_rows),
                ],
                pass_fds=(to_child_r, from_child_w),
                stdin=subprocess.DEVNULL,
            )
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self.send = Connection(to_child_w, readable=False)
        self.recv = Connection(from_child_r, writable=False)
        # Starting Python and opening the store is not the query's time: wait for it apart.
        if not self.recv.poll(STARTUP_TIMEOUT):
            self.stop()
            raise QueryError("query worker did not start")
        try:
            status, payload = self.recv.recv()
        except EOFError as exc:
            self.stop()
            raise QueryError("query worker did not start") from exc
        if status != "ready":
            self.stop()
            raise QueryError(f"query worker did not start: {payload}")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.send.close()
        self.recv.close()


class QueryRunner:
    """A small pool of query worker processes with a time limit per query."""

    def __init__(
        self, location: str, timeout: float = 30.0, workers: int = 2, max_rows: int = 100_000
    ) -> None:
        self.location = location
        self.timeout = timeout
        self.max_rows = max_rows
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(workers)
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def warm_up(self) -> None:
        """Start one worker now rather than on the first query."""
        self._release(self._acquire_worker())

    def run(self, sparql: str) -> QueryResult:
        """Run a (checked) query; raise QueryError on failure, QueryTimeout past the limit."""
        if not self._slots.acquire(timeout=self.timeout):
            raise QueryTimeout(f"server busy: no query worker free within {self.timeout:g} s")
        try:
            worker = self._take()
            try:
                worker.send.send(sparql)
                if not worker.recv.poll(self.timeout):
                    self._discard(worker)
                    raise QueryTimeout(
                        f"query stopped after {self.timeout:g} s (time limit); narrow it down or "
                        "add a LIMIT"
                    )
                status, payload = worker.recv.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:
                self._discard(worker)
                raise QueryError(f"query worker failed ({exc or type(exc).__name__})") from exc
            self._idle.put(worker)
        finally:
            self._slots.release()
        if status == "too-large":
            raise QueryTooLarge(str(payload))
        if status == "error":
            raise QueryError(str(payload))
        result: QueryResult = payload
        return result

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(Exception):
                worker.stop()

    def _acquire_worker(self) -> _Worker:
        self._slots.acquire()
        try:
            return self._take()
        except BaseException:
            self._slots.release()
            raise

    def _release(self, worker: _Worker) -> None:
        self._idle.put(worker)
        self._slots.release()

    def _take(self) -> _Worker:
        try:
            worker = self._idle.get_nowait()
            if worker.alive():
                return worker
            self._discard(worker)
        except queue.Empty:
            pass
        with self._lock:
            if self._closed:
                raise QueryError("the server is shutting down")
            worker = _Worker(self.location, self.max_rows)
            self._all.add(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()
