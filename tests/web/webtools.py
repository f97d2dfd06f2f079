"""Helpers shared by the web tests: hostile inputs, servers, a page watcher."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecokg.api import open_kg
from ecokg.web import make_app
from ecokg.web.server import http_server, server_url

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ECOKG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE_LABEL = "<img src=x onerror=alert(1)>条例"
HOSTILE_TITLE = "<img src=x onerror=alert(3)>报告</title><script>alert(4)</script>"
HOSTILE_TEXT = """江西省生态环境厅印发《<img src=x onerror=alert(1)>江西省湿地保护条例》，推进“<script>alert(2)</script>行动”。
2022年，全省PM2.5浓度均值为27微克/立方米，全省国考断面水质优良比例达96.2%。
2024年，全省PM2.5浓度均值为25微克/立方米，全省国考断面水质优良比例达97.1%。
江西省生态环境厅牵头开展“蓝天保卫战攻坚行动”，2024年全省PM2.5浓度均值为25微克/立方米。
"""


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str] | None = None
    log: list[str] = field(default_factory=list)


def start_cli_server(kg_dir: Path, *extra: str) -> Server:
    """``python -m ecokg serve --kg DIR --port 0``; waits for its 'Serving URL' line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ecokg", "serve", "--kg", str(kg_dir), "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"Serving (http://127\.0\.0\.1:\d+)/", line)
    if not match:
        process.kill()
        raise AssertionError(f"ecokg serve did not start: {line!r}")
    return Server(match.group(1), process)


def stop_server(server: Server) -> None:
    if server.process is not None:
        server.process.terminate()
        try:
            server.process.wait(10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(10)


@contextlib.contextmanager
def thread_server(kg_dir: Path, **options: Any) -> Iterator[str]:
    """The app served from a thread of this process (to set options such as the timeout)."""
    app = make_app(open_kg(kg_dir), **options)
    server = http_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_url(server).rstrip("/")
    finally:
        server.shutdown()
        server.server_close()
        app.close()


@dataclass
class PageWatch:
    """What a page did that it should not: console errors, dialogs, non-local requests."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.dialogs, f"a dialog fired: {self.dialogs}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.foreign, f"requests outside 127.0.0.1/file: {self.foreign}"
