"""Stores and endpoints that misbehave never give a false success or a hang (issue 15).

The misbehaving server is a small ``http.server`` thread on 127.0.0.1 whose first path segment
says how to misbehave; the well-behaved path (a real Oxigraph server) is tested in
``tests/test_remote.py``. ``push`` and ``query`` run as subprocesses, so the same tests run against
any version of the code on ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import REPO, free_port, run_cli
from ecokg.api import BuildSummary

HTML_PAGE = (
    b"<html><head><title>Oops</title></head><body><h1>Error</h1><p>Go away</p></body></html>"
)
GRAPHS = 7  # the demo build's named graphs: five documents, the comparisons and the ontology


class Misbehaving(BaseHTTPRequestHandler):
    """Answers as the first path segment says; see each branch."""

    protocol_version = "HTTP/1.1"
    stop = threading.Event()
    requests: ClassVar[Counter[str]] = Counter()  # per path, for fail-after-2
    arrived = threading.Condition()  # notified at each request (for the interrupt test)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def answer(self, status: int, body: bytes = b"", content_type: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self) -> None:  # the Graph Store
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.store(self.path.split("?")[0])

    def do_POST(self) -> None:  # the SPARQL query endpoint
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        mode = self.path.split("/")[1]
        if mode == "redirect":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{free_port()}/query")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif mode == "html":  # 200, but a web page
            self.answer(200, HTML_PAGE, "text/html")
        elif mode == "wrong-shape":  # JSON, not SPARQL results
            self.answer(200, b'{"head": 5, "results": []}', "application/sparql-results+json")
        elif mode == "partial-content":
            self.answer(206, b'{"head": {"vars": []}, "res', "application/sparql-results+json")
        else:
            self.store(self.path)

    def store(self, path: str) -> None:
        with self.arrived:
            self.requests[path] += 1
            self.arrived.notify_all()
        mode = path.split("/")[1]
        if mode == "partial-content":  # 206 and garbage: not "stored"
            self.answer(206, b"garbage")
        elif mode in ("401", "403", "500"):  # an HTML error page
            self.answer(int(mode), HTML_PAGE, "text/html")
        elif mode == "redirect":  # to another host
            self.send_response(307)
            self.send_header("Location", "http://elsewhere.invalid/store")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif mode == "cut-off":  # promises 100 bytes, sends 9 and closes
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b'{"head": ')
            self.close_connection = True
        elif mode == "not-http":
            self.wfile.write(b"garbage\r\n\r\n")
            self.close_connection = True
        elif mode == "silent":  # reads the request, never answers
            self.stop.wait()
        elif mode == "trickle":  # one byte every 0.2 s, forever: no single read ever waits long
            self.send_response(200)
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            while not self.stop.wait(0.2):
                self.wfile.write(b" ")
                self.wfile.flush()
        elif mode == "fail-after-2":  # stores two graphs, then fails
            if self.requests[path] <= 2:
                self.answer(204)
            else:
                self.answer(500, b"disk full")
        else:
            self.answer(204)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hang up on the trickle and the silent modes: that is the point


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The misbehaving server's base URL."""
    httpd = _QuietServer(("127.0.0.1", 0), Misbehaving)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Misbehaving.stop.set()
    httpd.shutdown()
    httpd.server_close()


def assert_one_error_line(done: subprocess.CompletedProcess[str], *parts: str) -> str:
    """A non-zero status and, after the progress lines, one ``error:`` line with ``parts``."""
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if not line.startswith("[")]
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    for part in parts:
        assert part in lines[0], done.stderr
    return lines[0]


# mode -> what the error line must say (besides naming the store)
PUSH_FAULTS = {
    "partial-content": "HTTP 206 Partial Content",
    "401": "HTTP 401 Unauthorized",
    "500": "HTTP 500 Internal Server Error",
    "redirect": "redirecting to http://elsewhere.invalid/store (not followed)",
    "cut-off": "cut off after 9 of 100 bytes",
    "not-http": "did not answer in HTTP",
    "silent": "no complete answer within the 1 s time limit",
}


@pytest.mark.parametrize("mode", list(PUSH_FAULTS), ids=list(PUSH_FAULTS))
def test_push_to_a_faulty_store_fails_in_one_line(
    mode: str, server: str, demo_build: tuple[Path, BuildSummary]
) -> None:
    store = f"{server}/{mode}"
    # Only the silent store is meant to run out the time limit; the others answer at once, and a
    # loaded machine must not turn their answer into a timeout.
    limit = "1" if mode == "silent" else "20"
    done = run_cli("push", "--kg", str(demo_build[0]), "--store-url", store, "--timeout", limit)
    line = assert_one_error_line(done, f"error: {store}: ", PUSH_FAULTS[mode])
    assert "<html" not in line  # an error page is no message
    assert line.endswith(f"none of the {GRAPHS} graphs was written")


def test_push_to_a_dead_store_fails_in_one_line(demo_build: tuple[Path, BuildSummary]) -> None:
    store = f"http://127.0.0.1:{free_port()}/store"
    done = run_cli("push", "--kg", str(demo_build[0]), "--store-url", store)
    assert_one_error_line(done, f"error: {store}: cannot reach the store", "Connection refused")


def test_timeout_is_a_deadline_for_the_whole_push(
    server: str, demo_build: tuple[Path, BuildSummary]
) -> None:
    """A store trickling a byte every 0.2 s never lets a single read wait a second."""
    store = f"{server}/trickle"
    started = time.monotonic()
    done = run_cli(
        "push", "--kg", str(demo_build[0]), "--store-url", store, "--timeout", "1", timeout=60
    )
    assert time.monotonic() - started < 30  # the interpreter's start-up, then one second
    assert_one_error_line(done, f"error: {store}: ", "within the 1 s time limit")


def test_push_stopping_half_way_says_what_was_written(
    server: str, demo_build: tuple[Path, BuildSummary]
) -> None:
    store = f"{server}/fail-after-2/{uuid.uuid4().hex}"
    done = run_cli("push", "--kg", str(demo_build[0]), "--store-url", store)
    written = [line.split(" ", 1)[1] for line in done.stderr.splitlines() if line.startswith("[")]
    assert len(written) == 2
    assert_one_error_line(
        done,
        "HTTP 500 Internal Server Error (disk full)",
        f"2 of {GRAPHS} graphs were written before it stopped (in sorted order, the last "
        f"<{written[-1]}>)",
    )


# mode -> what the error line must say (besides naming the endpoint)
QUERY_FAULTS = {
    "redirect": "HTTP 302 Found, redirecting to http://127.0.0.1:",
    "html": "did not answer with SPARQL JSON results (text/html",
    "wrong-shape": "did not answer with SPARQL JSON results",
    "partial-content": "HTTP 206 Partial Content",
    "cut-off": "cut off after 9 of 100 bytes",
}


@pytest.mark.parametrize("mode", list(QUERY_FAULTS), ids=list(QUERY_FAULTS))
def test_query_on_a_faulty_endpoint_fails_in_one_line(mode: str, server: str) -> None:
    endpoint = f"{server}/{mode}"
    done = run_cli("query", "documents", "--kg", endpoint)
    assert_one_error_line(done, f"error: {endpoint}: ", QUERY_FAULTS[mode])


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def test_interrupted_push_is_aborted_without_a_traceback(
    server: str, demo_build: tuple[Path, BuildSummary]
) -> None:
    # A path of its own: a late request of an earlier test must not start the interrupt before
    # this push is under way (a SIGINT during start-up would be lost and the push would wait on)
    path = f"/silent/interrupt-{uuid.uuid4().hex}"
    args = ["push", "--kg", str(demo_build[0]), "--store-url", f"{server}{path}"]
    push = subprocess.Popen(
        [sys.executable, "-m", "ecokg", *args, "--timeout", "600"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        # Ctrl-C as a user's terminal delivers it, whatever the runner of the tests ignores
        preexec_fn=_interruptible,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    with Misbehaving.arrived:
        reached = Misbehaving.arrived.wait_for(lambda: Misbehaving.requests[path] > 0, 60)
    assert reached, "the push never reached the store"
    push.send_signal(signal.SIGINT)
    try:
        _, stderr = push.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        push.send_signal(signal.SIGABRT)  # faulthandler prints where every thread waits
        _, stderr = push.communicate(timeout=60)
        pytest.fail(f"the push went on after SIGINT:\n{stderr}")
    assert push.returncode == 130
    assert stderr.split() == ["Aborted."]
