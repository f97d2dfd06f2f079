"""A progress bar for corpus builds on stderr: documents done, characters per second, time left.

Shown only when stderr is a terminal, so logs and pipes stay clean.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)


class CorpusProgress:
    """Context manager; pass :meth:`advance` as a build's ``progress`` callback."""

    def __init__(self, console: Console, files: Sequence[Path], label: str) -> None:
        self._bar = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal or len(files) < 2,
        )
        self._total = len(files)
        self._label = label
        self._task: TaskID | None = None
        self._chars = 0
        self._start = time.monotonic()

    def __enter__(self) -> CorpusProgress:
        self._bar.__enter__()
        self._task = self._bar.add_task(self._label, total=self._total, rate="")
        self._start = time.monotonic()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bar.__exit__(exc_type, exc, tb)

    def advance(self, _name: str, chars: int) -> None:
        """One more document done (``chars`` characters; 0 when it failed)."""
        self._chars += chars
        elapsed = max(time.monotonic() - self._start, 1e-6)
        rate = f"{self._chars / elapsed / 1000:,.0f}k chars/s"
        if self._task is not None:
            self._bar.update(self._task, advance=1, rate=rate)
