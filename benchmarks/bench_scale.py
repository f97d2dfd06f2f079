#!/usr/bin/env python
"""Scale benchmark of ``ecokg build`` (issue 14): the current checkout against a baseline commit.

Run from the repository root (see benchmarks/README.md)::

    python benchmarks/bench_scale.py                      # 1 and 8 MB, 1 and 2 jobs
    python benchmarks/bench_scale.py --sizes 1,8,30 --single-line 5 --json scale.json
    python benchmarks/bench_scale.py --sizes 0.1 --baseline-timeout 60   # smoke run

Every build is a separate ``python -m ecokg build`` process on a freshly generated real-style
corpus (benchmarks/realstyle.py: real paragraphs reshuffled, every number changed; a new seed
per build configuration, so nothing cached by one build can serve another). The baseline runs
from a git worktree of the baseline commit with the same interpreter (``PYTHONPATH`` points at
the worktree's ``src``, which wins over the venv's editable install), alternating with the
current code on the same corpus (baseline, current, baseline, current ...), so load from other
users of the machine hits both.

Measured per build: wall time; characters/s (decoded characters of the corpus / wall time);
the peak memory of the whole process tree (the build and every descendant, such as its worker
processes), sampled from /proc about every 0.1 s as the sum of PSS (proportional set size, so
pages shared by forked workers count once; RSS where PSS is unreadable), with the summed RSS
and the kernel's largest single-process max RSS beside it; triples from ``OUT/build.json``.
A build that exceeds its timeout is killed; its time is then a bound (``> T``) and so are the
ratios that use it (``>=``/``<=``). Memory and sizes are decimal: 1 MB = 10^6 bytes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The sibling module is found through the path above (benchmarks/ is not a package).
from realstyle import (
    CorpusStats,
    Sources,
    corpus_chars,
    generate_corpus,
    generate_single_line,
    load_sources,
)

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000
DEFAULT_BASELINE = "56a3591"
# `python -m ecokg` exists at the baseline and now; `python -m ecokg.cli` does not (cli is a
# package without __main__), so this is the entry used for both.
ENTRY_MODULE = "ecokg"
SAMPLE_INTERVAL = 0.1
# The sampler may use at most this share of one core: reading smaps_rollup walks the page
# tables of every process, which for a multi-GB build costs milliseconds, so the interval
# stretches rather than slowing the build it measures.
SAMPLER_CPU_SHARE = 0.05

# Done-when targets of issue 14.
TARGET_SPEEDUP_VS_BASELINE = 15.0
TARGET_SPEEDUP_2_WORKERS = 1.6
TARGET_PEAK_2_WORKERS_MB = 1500.0
TARGET_PEAK_1_WORKER_FACTOR = 1.25
TARGET_PEAK_1_WORKER_PLUS_MB = 150.0
TARGET_SINGLE_LINE_SECONDS = 120.0
TARGET_HUGE_PEAK_MB = 4000.0


# --------------------------------------------------------------------------------------------
# Process-tree memory


def _parent_map() -> dict[int, int]:
    """pid -> parent pid of every process visible in /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:  # the process ended while we looked
            continue
        # The command name (field 2) may contain spaces and parentheses; fields after the last
        # ')' are fixed: state, ppid, ...
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 1:
            parents[int(entry.name)] = int(fields[1])
    return parents


# /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN) lists a thread's children in
# microseconds; scanning every process's stat takes milliseconds, so it is only the fallback.
_HAS_CHILDREN_FILES = os.path.exists(f"/proc/self/task/{os.getpid()}/children")


def _children(pid: int) -> list[int]:
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:  # the process ended
        return []
    kids: list[int] = []
    for tid in tids:  # any thread may have forked (a pool's management thread, say)
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
                kids.extend(int(x) for x in fh.read().split())
        except OSError:  # the thread ended
            continue
    return kids


def tree_pids(root: int) -> list[int]:
    """``root`` and all its live descendants."""
    if _HAS_CHILDREN_FILES:
        children = _children
    else:
        table: dict[int, list[int]] = {}
        for pid, ppid in _parent_map().items():
            table.setdefault(ppid, []).append(pid)

        def children(pid: int) -> list[int]:
            return table.get(pid, [])

    found = [root]
    i = 0
    while i < len(found):
        found.extend(children(found[i]))
        i += 1
    return found


def process_memory_kb(pid: int) -> tuple[int, int, bool] | None:
    """(PSS kB, RSS kB, whether PSS was readable) of one process; None when it is gone.

    Falls back to RSS for both numbers when smaps_rollup is missing or unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            text = fh.read()
        pss = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
        rss = re.search(r"^Rss:\s+(\d+) kB", text, re.M)
        if pss and rss:
            return int(pss.group(1)), int(rss.group(1)), True
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            m = re.search(r"^VmRSS:\s+(\d+) kB", fh.read(), re.M)
    except OSError:
        return None
    # A zombie has no VmRSS line: it holds no memory any more.
    return (int(m.group(1)), int(m.group(1)), False) if m else None


@dataclass
class TreeSampler:
    """Samples the memory of a process tree in a thread until :meth:`stop`."""

    root: int
    peak_pss_kb: int = 0
    peak_rss_kb: int = 0
    max_processes: int = 0
    samples: int = 0
    rss_fallbacks: int = 0
    busy_seconds: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        """Start sampling in a daemon thread."""
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def sample(self) -> None:
        """Take one sample of the whole tree."""
        pss = rss = n = 0
        for pid in tree_pids(self.root):
            mem = process_memory_kb(pid)
            if mem is None:
                continue
            pss += mem[0]
            rss += mem[1]
            n += 1
            self.rss_fallbacks += not mem[2]
        self.samples += 1
        self.peak_pss_kb = max(self.peak_pss_kb, pss)
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        self.max_processes = max(self.max_processes, n)

    def _run(self) -> None:
        while not self._stop.is_set():
            t0 = time.perf_counter()
            self.sample()
            cost = time.perf_counter() - t0
            self.busy_seconds += cost
            self._stop.wait(max(SAMPLE_INTERVAL, cost / SAMPLER_CPU_SHARE) - cost)


# --------------------------------------------------------------------------------------------
# One build


@dataclass
class Run:
    """One measured build."""

    code: str  # "current" or "baseline"
    kind: str  # "corpus" or "single-line"
    mb: float
    jobs: int
    repeat: int
    seed: int
    chars: int
    seconds: float
    timed_out: bool
    returncode: int | None
    peak_mb: float  # whole tree, PSS (RSS where PSS was unreadable)
    peak_rss_mb: float  # whole tree, RSS summed (counts pages shared by workers once each)
    max_single_rss_mb: float  # the kernel's max RSS of the largest single process
    processes: int
    samples: int
    sampler_seconds: float
    rss_fallbacks: int
    triples: int | None
    problems: int | None
    violations: int | None
    load_before: float
    log: str

    @property
    def chars_per_s(self) -> float:
        """Characters per second (a lower bound's upper limit when timed out)."""
        return self.chars / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        """Finished within the timeout with exit status 0."""
        return not self.timed_out and self.returncode == 0


def _load1() -> float:
    return os.getloadavg()[0]


def _read_build_json(out_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((out_dir / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _kill_group(pgid: int) -> None:
    # The build was started in its own session, so its process group holds exactly the build
    # and the workers it forked.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def run_build(
    *,
    python: str,
    src: Path,
    corpus: Path,
    out: Path,
    jobs: int,
    extra_args: Sequence[str],
    timeout: float | None,
    log: Path,
) -> tuple[float, bool, int | None, TreeSampler, int]:
    """Run ``python -m ecokg build`` with ``src`` first on the path; measure it.

    Returns (seconds, timed_out, returncode, sampler, the kernel's max RSS in kB of the largest
    single process of the tree)."""
    cmd = [python, "-m", ENTRY_MODULE, "build", str(corpus), "-o", str(out), "--jobs", str(jobs)]
    # --keep-going: generated text may give shape violations; the build still does all its
    # work, and the exit status should not turn a finished build into a failure here.
    cmd += ["--keep-going", *extra_args]
    env = {**os.environ, "PYTHONPATH": str(src)}
    with log.open("wb") as log_fh:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, env=env, stdout=log_fh, stderr=subprocess.STDOUT, start_new_session=True
        )
        sampler = TreeSampler(proc.pid)
        sampler.start()
        timed_out = threading.Event()

        def expire() -> None:
            timed_out.set()
            _kill_group(proc.pid)

        timer = threading.Timer(timeout, expire) if timeout else None
        if timer:
            timer.start()
        # wait4 rather than Popen.wait: it also returns the kernel's resource usage.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if timer:
            timer.cancel()
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        _kill_group(proc.pid)  # nothing of the build may outlive it (orphaned workers)
    if timed_out.is_set():
        return float(timeout or seconds), True, None, sampler, usage.ru_maxrss
    return seconds, False, proc.returncode, sampler, usage.ru_maxrss


# --------------------------------------------------------------------------------------------
# Set-up: baseline worktree, entry check


def _git(*args: str, cwd: Path = REPO) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def baseline_worktree(commit: str) -> tuple[Path, str]:
    """The worktree of ``commit`` at /tmp/ecokg-baseline-<sha>, added when missing.

    Returns (worktree, full sha)."""
    sha = _git("rev-parse", "--verify", f"{commit}^{{commit}}")
    path = Path(tempfile.gettempdir()) / f"ecokg-baseline-{sha[:7]}"
    if path.exists():
        head = _git("rev-parse", "HEAD", cwd=path)
        if head != sha:
            raise SystemExit(f"{path} exists but is at {head[:7]}, not {sha[:7]}")
    else:
        _git("worktree", "add", "--detach", str(path), sha)
    return path, sha


def check_entry(python: str, src: Path) -> str:
    """Check that ``python -m ecokg`` runs the code of ``src``; return the ecokg it imports."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    probe = subprocess.run(
        [python, "-c", "import ecokg; print(ecokg.__file__)"],
        env=env,
        capture_output=True,
        text=True,
    )
    if probe.returncode:
        raise SystemExit(f"{python} cannot import ecokg from {src}:\n{probe.stderr}")
    where = probe.stdout.strip()
    if not Path(where).resolve().is_relative_to(src.resolve()):
        raise SystemExit(f"PYTHONPATH={src} imports {where}, not the code under {src}")
    entry = subprocess.run(
        [python, "-m", ENTRY_MODULE, "build", "--help"], env=env, capture_output=True, text=True
    )
    if entry.returncode:
        raise SystemExit(
            f"`python -m {ENTRY_MODULE} build --help` fails for {src}:\n{entry.stderr}"
        )
    # Compile once now so the first measured build does not pay for writing .pyc files.
    subprocess.run(
        [python, "-m", "compileall", "-q", str(src / "ecokg")], env=env, capture_output=True
    )
    return where


# --------------------------------------------------------------------------------------------
# Summaries with bounds


@dataclass(frozen=True)
class Value:
    """A number that may only be a bound: ``bound`` is "", ">=", or "<="."""

    value: float
    bound: str = ""

    def fmt(self, spec: str = ",.0f", suffix: str = "") -> str:
        """Formatted with its bound, e.g. ``>= 4.2x``."""
        prefix = f"{self.bound} " if self.bound else ""
        return f"{prefix}{self.value:{spec}}{suffix}"


def ratio(num: Value, den: Value) -> Value | None:
    """num / den with the bound that follows from the bounds of both (None when unknowable)."""
    if den.value <= 0:
        return None
    flip = {">=": "<=", "<=": ">="}
    bounds = {num.bound, flip.get(den.bound, "")} - {""}
    if len(bounds) > 1:
        return None
    return Value(num.value / den.value, bounds.pop() if bounds else "")


@dataclass
class Row:
    """The repeats of one (kind, size, code, jobs) configuration, summarised."""

    kind: str
    mb: float
    code: str
    jobs: int
    runs: list[Run]

    @property
    def seconds(self) -> Value:
        """Median wall time; a lower bound when any repeat was killed."""
        secs = statistics.median(r.seconds for r in self.runs)
        return Value(secs, ">=" if any(r.timed_out for r in self.runs) else "")

    @property
    def chars_per_s(self) -> Value:
        """Median characters/s; an upper bound when any repeat was killed."""
        cps = statistics.median(r.chars_per_s for r in self.runs)
        return Value(cps, "<=" if any(r.timed_out for r in self.runs) else "")

    @property
    def peak_mb(self) -> float:
        """Largest whole-tree peak of the repeats (killed builds: peak until killed)."""
        return max(r.peak_mb for r in self.runs)

    @property
    def triples(self) -> int | None:
        """Median triples of the finished repeats."""
        values = [r.triples for r in self.runs if r.triples is not None]
        return int(statistics.median(values)) if values else None

    @property
    def ok(self) -> bool:
        """Every repeat finished with status 0."""
        return all(r.ok for r in self.runs)


def summarise(runs: Iterable[Run]) -> list[Row]:
    """Group runs by configuration, in the order they were first run."""
    rows: dict[tuple[str, float, str, int], Row] = {}
    for run in runs:
        key = (run.kind, run.mb, run.code, run.jobs)
        rows.setdefault(key, Row(run.kind, run.mb, run.code, run.jobs, [])).runs.append(run)
    order = {"baseline": 0, "current": 1}
    return sorted(rows.values(), key=lambda r: (r.kind != "corpus", r.mb, order[r.code], r.jobs))


def _find(rows: list[Row], kind: str, mb: float, code: str, jobs: int) -> Row | None:
    for row in rows:
        if (row.kind, row.code, row.jobs) == (kind, code, jobs) and abs(row.mb - mb) < 1e-9:
            return row
    return None


def vs_baseline(rows: list[Row], row: Row) -> Value | None:
    """Current characters/s over the baseline's, same corpus size and jobs."""
    if row.code != "current":
        return None
    base = _find(rows, row.kind, row.mb, "baseline", row.jobs)
    return ratio(row.chars_per_s, base.chars_per_s) if base else None


def speedup(rows: list[Row], row: Row) -> Value | None:
    """Characters/s with ``row.jobs`` workers over one worker, same code and size."""
    if row.jobs == 1:
        return None
    one = _find(rows, row.kind, row.mb, row.code, 1)
    return ratio(row.chars_per_s, one.chars_per_s) if one else None


def _size(mb: float) -> str:
    return f"{mb:g} MB"


def table(rows: list[Row]) -> str:
    """The results as a fixed-width table."""
    head = (
        f"{'corpus':<16}{'code':<10}{'jobs':>5}{'seconds':>11}{'chars/s':>13}{'peak MB':>9}"
        f"{'triples':>12}{'vs base':>10}{'speed-up':>10}  note"
    )
    lines = [head, "-" * len(head)]
    for row in rows:
        secs = row.seconds
        sec_txt = f"> {secs.value:.1f}" if secs.bound else f"{secs.value:.1f}"
        cps = row.chars_per_s
        cps_txt = f"< {cps.value:,.0f}" if cps.bound else f"{cps.value:,.0f}"
        base, up = vs_baseline(rows, row), speedup(rows, row)
        note = []
        failed = [r for r in row.runs if not r.ok and not r.timed_out]
        if failed:
            note.append(f"exit {failed[0].returncode}, see {failed[0].log}")
        problems = max((r.problems or 0) for r in row.runs)
        if problems:
            note.append(f"{problems} problems")
        lines.append(
            f"{(_size(row.mb) + (' 1 line' if row.kind != 'corpus' else '')):<16}"
            f"{row.code:<10}{row.jobs:>5}{sec_txt:>11}{cps_txt:>13}{row.peak_mb:>9,.0f}"
            f"{(f'{row.triples:,}' if row.triples is not None else '-'):>12}"
            f"{(base.fmt('.1f', 'x') if base else '-'):>10}"
            f"{(up.fmt('.2f', 'x') if up else '-'):>10}  {'; '.join(note)}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Done-when checks


@dataclass(frozen=True)
class Check:
    """One done-when target: PASS, FAIL, UNDECIDED (a bound cannot decide) or SKIP."""

    name: str
    status: str
    detail: str


def _at_least(name: str, got: Value | None, target: float, missing: str) -> Check:
    if got is None:
        return Check(name, "SKIP", missing)
    text = f"{got.fmt('.2f', 'x')} (target >= {target:g}x)"
    if got.bound == "<=":
        return Check(name, "FAIL" if got.value < target else "UNDECIDED", text)
    if got.bound == ">=":
        return Check(name, "PASS" if got.value >= target else "UNDECIDED", text)
    return Check(name, "PASS" if got.value >= target else "FAIL", text)


def _failed(row: Row) -> str | None:
    bad = [r for r in row.runs if not r.ok]
    if not bad:
        return None
    r = bad[0]
    return f"timed out at {r.seconds:.0f} s" if r.timed_out else f"exit {r.returncode} ({r.log})"


def checks(rows: list[Row], small: float, large: float, huge: float) -> list[Check]:
    """Evaluate issue 14's done-when targets on the rows that were measured."""
    out: list[Check] = []
    s, lg, h = _size(small), _size(large), _size(huge)

    cur1 = _find(rows, "corpus", small, "current", 1)
    name = f"{s}, 1 worker: current >= {TARGET_SPEEDUP_VS_BASELINE:g}x baseline chars/s"
    got = vs_baseline(rows, cur1) if cur1 else None
    out.append(_at_least(name, got, TARGET_SPEEDUP_VS_BASELINE, f"needs --sizes {small:g}"))

    one, two = (_find(rows, "corpus", large, "current", j) for j in (1, 2))
    name = f"{lg}: 2 workers >= {TARGET_SPEEDUP_2_WORKERS:g}x 1 worker chars/s"
    got = speedup(rows, two) if two else None
    out.append(
        _at_least(name, got, TARGET_SPEEDUP_2_WORKERS, f"needs --sizes {large:g} --jobs 1,2")
    )

    name = f"{lg}, 2 workers: peak <= {TARGET_PEAK_2_WORKERS_MB:,.0f} MB"
    if two is None:
        out.append(Check(name, "SKIP", f"needs --sizes {large:g} --jobs 2"))
    else:
        ok = two.peak_mb <= TARGET_PEAK_2_WORKERS_MB and two.ok
        out.append(Check(name, "PASS" if ok else "FAIL", _mem_detail(two)))

    name = (
        f"{lg}, 1 worker: peak <= {TARGET_PEAK_1_WORKER_FACTOR:g} x {s} peak"
        f" + {TARGET_PEAK_1_WORKER_PLUS_MB:g} MB"
    )
    if one is None or cur1 is None:
        out.append(Check(name, "SKIP", f"needs --sizes {small:g},{large:g} --jobs 1"))
    else:
        limit = TARGET_PEAK_1_WORKER_FACTOR * cur1.peak_mb + TARGET_PEAK_1_WORKER_PLUS_MB
        ok = one.peak_mb <= limit and one.ok and cur1.ok
        out.append(
            Check(
                name,
                "PASS" if ok else "FAIL",
                f"{one.peak_mb:,.0f} MB vs limit {limit:,.0f} MB ({s}: {cur1.peak_mb:,.0f} MB)"
                + (f"; {_failed(one)}" if _failed(one) else ""),
            )
        )

    lines = [r for r in rows if r.kind == "single-line" and r.code == "current"]
    name = f"single line without punctuation builds in < {TARGET_SINGLE_LINE_SECONDS:g} s"
    if not lines:
        out.append(Check(name, "SKIP", "needs --single-line 5"))
    for row in lines:
        worst = max(r.seconds for r in row.runs)
        ok = worst < TARGET_SINGLE_LINE_SECONDS and row.ok
        detail = f"{_size(row.mb)}: {worst:.1f} s (slowest repeat), peak {row.peak_mb:,.0f} MB"
        if _failed(row):
            detail += f"; {_failed(row)}"
        out.append(Check(f"{name} ({_size(row.mb)})", "PASS" if ok else "FAIL", detail))

    huge_rows = [r for r in rows if r.kind == "corpus" and r.code == "current" and r.mb == huge]
    name = f"{h} corpus builds within {TARGET_HUGE_PEAK_MB:,.0f} MB"
    if not huge_rows:
        out.append(Check(name, "SKIP", f"needs --sizes {huge:g}"))
    for row in huge_rows:
        ok = row.peak_mb <= TARGET_HUGE_PEAK_MB and row.ok
        out.append(Check(f"{name}, {row.jobs} job(s)", "PASS" if ok else "FAIL", _mem_detail(row)))
    return out


def _mem_detail(row: Row) -> str:
    text = f"{row.peak_mb:,.0f} MB"
    if row.triples is not None:
        text += f", {row.triples:,} triples"
    failed = _failed(row)
    return f"{text}; {failed}" if failed else text


# --------------------------------------------------------------------------------------------
# Main


def _floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x.strip()]


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def _meminfo_gb() -> float:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            m = re.search(r"^MemTotal:\s+(\d+) kB", fh.read(), re.M)
    except OSError:
        return 0.0
    return int(m.group(1)) / 1e6 if m else 0.0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line (see benchmarks/README.md)."""
    p = argparse.ArgumentParser(
        description="Scale benchmark of ecokg build: current checkout vs a baseline commit.",
    )
    p.add_argument("--sizes", type=_floats, default=[1.0, 8.0], help="corpus MB (default 1,8)")
    p.add_argument("--jobs", type=_ints, default=[1, 2], help="worker counts (default 1,2)")
    p.add_argument("--repeats", type=int, default=1, help="builds per configuration (median)")
    p.add_argument("--seed", type=int, default=14, help="base seed of the generated corpora")
    p.add_argument(
        "--baseline", default=DEFAULT_BASELINE, help=f"commit (default {DEFAULT_BASELINE})"
    )
    p.add_argument("--no-baseline", action="store_true", help="measure the current code only")
    p.add_argument(
        "--baseline-sizes",
        type=_floats,
        default=None,
        help="sizes the baseline also builds (default: the smallest of --sizes)",
    )
    p.add_argument(
        "--baseline-jobs",
        type=_ints,
        default=None,
        help="worker counts the baseline builds with (default: all of --jobs)",
    )
    p.add_argument(
        "--baseline-timeout",
        type=float,
        default=900.0,
        help="seconds before a baseline build is killed and reported as a bound (default 900)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=7200.0,
        help="seconds before a current corpus build is killed (default 7200)",
    )
    p.add_argument(
        "--single-line-timeout",
        type=float,
        default=600.0,
        help="seconds before the single-line build is killed (default 600: 5x its target)",
    )
    p.add_argument(
        "--single-line",
        type=float,
        default=0.0,
        metavar="MB",
        help="also build one document of MB MB that is a single line without punctuation",
    )
    p.add_argument(
        "--extra-args",
        default="",
        help="arguments added to the current code's build command only (one shell string)",
    )
    p.add_argument(
        "--check-sizes",
        type=_floats,
        default=[1.0, 8.0, 30.0],
        metavar="SMALL,LARGE,HUGE",
        help="the corpus sizes the done-when checks refer to (default 1,8,30)",
    )
    p.add_argument("--python", default=sys.executable, help="interpreter for both codes")
    p.add_argument("--workdir", type=Path, default=None, help="default: a new temporary folder")
    p.add_argument("--keep", action="store_true", help="keep corpora, outputs and logs")
    p.add_argument("--json", type=Path, default=None, help="write all results to this file")
    args = p.parse_args(argv)
    if len(args.check_sizes) != 3:
        p.error("--check-sizes takes three sizes: SMALL,LARGE,HUGE")
    if args.repeats < 1 or not args.sizes or not args.jobs:
        p.error("need at least one size, one worker count and one repeat")
    return args


@dataclass
class Bench:
    """State of one benchmark run."""

    args: argparse.Namespace
    workdir: Path
    sources: Sources
    codes: dict[str, Path]  # code -> src folder
    runs: list[Run] = field(default_factory=list)
    corpora: list[CorpusStats] = field(default_factory=list)
    killed: set[tuple[str, float, int]] = field(default_factory=set)

    def corpus(self, kind: str, mb: float, seed: int) -> Path:
        """Generate a fresh corpus (a new folder per seed)."""
        path = self.workdir / f"corpus-{kind}-{mb:g}MB-seed{seed}"
        generate: Callable[..., CorpusStats] = (
            generate_corpus if kind == "corpus" else generate_single_line
        )
        t0 = time.perf_counter()
        stats = generate(path, mb, seed, sources=self.sources)
        self.corpora.append(stats)
        print(
            f"  generated {path.name}: {stats.documents} documents, {stats.chars:,} characters,"
            f" {stats.bytes:,} bytes in {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        return path

    def measure(
        self, code: str, kind: str, mb: float, jobs: int, repeat: int, seed: int, corpus: Path
    ) -> None:
        """Build ``corpus`` with ``code`` and record the run."""
        if (code, mb, jobs) in self.killed:
            print(f"  {code} {_size(mb)} jobs={jobs}: skipped (killed at an earlier repeat)")
            return
        tag = f"{code}-{kind}-{mb:g}MB-j{jobs}-r{repeat}"
        out = self.workdir / f"out-{tag}"
        log = self.workdir / f"log-{tag}.txt"
        args = self.args
        baseline = code == "baseline"
        load = _load1()
        seconds, timed_out, rc, sampler, single = run_build(
            python=args.python,
            src=self.codes[code],
            corpus=corpus,
            out=out,
            jobs=jobs,
            extra_args=[] if baseline else shlex.split(args.extra_args),
            timeout=(
                args.baseline_timeout
                if baseline
                else args.single_line_timeout
                if kind == "single-line"
                else args.timeout
            ),
            log=log,
        )
        info = _read_build_json(out) if not timed_out else {}
        chars = corpus_chars(corpus)
        problems = info.get("problems")
        run = Run(
            code=code,
            kind=kind,
            mb=mb,
            jobs=jobs,
            repeat=repeat,
            seed=seed,
            chars=chars,
            seconds=seconds,
            timed_out=timed_out,
            returncode=rc,
            peak_mb=sampler.peak_pss_kb * 1024 / MB,
            peak_rss_mb=sampler.peak_rss_kb * 1024 / MB,
            max_single_rss_mb=single * 1024 / MB,
            processes=sampler.max_processes,
            samples=sampler.samples,
            sampler_seconds=sampler.busy_seconds,
            rss_fallbacks=sampler.rss_fallbacks,
            triples=info.get("triples"),
            problems=len(problems) if isinstance(problems, list) else None,
            violations=info.get("violations"),
            load_before=load,
            log=str(log),
        )
        self.runs.append(run)
        if timed_out:
            self.killed.add((code, mb, jobs))
        state = f"KILLED at {seconds:.0f} s" if timed_out else f"{seconds:.1f} s"
        if rc not in (0, None):
            state += f", EXIT {rc} (see {log})"
        print(
            f"  {code:<8} {_size(mb)}{' 1 line' if kind != 'corpus' else ''} jobs={jobs}:"
            f" {state}, {run.chars_per_s:,.0f} chars/s, peak {run.peak_mb:,.0f} MB"
            f" (RSS sum {run.peak_rss_mb:,.0f}, {run.processes} processes),"
            f" {run.triples if run.triples is not None else '-'} triples, load {load:.1f}",
            flush=True,
        )
        if not self.args.keep:
            shutil.rmtree(out, ignore_errors=True)

    def run_all(self) -> None:
        """Every configuration: per size and repeat and worker count a new corpus, built by the
        baseline (where asked) and then by the current code."""
        args = self.args
        base_sizes = args.baseline_sizes if args.baseline_sizes is not None else [min(args.sizes)]
        base_jobs = args.baseline_jobs if args.baseline_jobs is not None else args.jobs
        for size_index, mb in enumerate(args.sizes):
            for repeat in range(args.repeats):
                for jobs in args.jobs:
                    seed = args.seed * 10_000 + size_index * 1_000 + repeat * 10 + jobs
                    corpus = self.corpus("corpus", mb, seed)
                    if "baseline" in self.codes and mb in base_sizes and jobs in base_jobs:
                        self.measure("baseline", "corpus", mb, jobs, repeat, seed, corpus)
                    self.measure("current", "corpus", mb, jobs, repeat, seed, corpus)
                    if not args.keep:
                        shutil.rmtree(corpus, ignore_errors=True)
        if args.single_line > 0:
            for repeat in range(args.repeats):
                seed = args.seed * 10_000 + 9_000 + repeat
                corpus = self.corpus("line", args.single_line, seed)
                self.measure("current", "single-line", args.single_line, 1, repeat, seed, corpus)
                if not args.keep:
                    shutil.rmtree(corpus, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table and the checks, write JSON when asked."""
    args = parse_args(argv)
    current_sha = _git("rev-parse", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    codes = {"current": REPO / "src"}
    baseline_sha = None
    if not args.no_baseline:
        tree, baseline_sha = baseline_worktree(args.baseline)
        codes["baseline"] = tree / "src"
    for src in codes.values():
        check_entry(args.python, src)
    # Made only now, so a failed check leaves no empty folder behind.
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ecokg-bench-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)

    machine = {
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "memory_gb": round(_meminfo_gb(), 1),
        "load_at_start": [round(x, 2) for x in os.getloadavg()],
        "current": current_sha + (" (uncommitted changes)" if dirty else ""),
        "baseline": baseline_sha,
    }
    print("ecokg scale benchmark (issue 14)")
    for key, value in machine.items():
        print(f"  {key}: {value}")
    sources = load_sources()
    print(
        f"  real-style sources: {len(sources.files)} texts, {len(sources.paragraphs):,}"
        f" paragraphs, {sum(map(len, sources.paragraphs)):,} characters"
    )
    print(f"  work folder: {workdir}{'' if args.keep else ' (removed at the end)'}")
    print(flush=True)

    bench = Bench(args, workdir, sources, codes)
    try:
        bench.run_all()
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    rows = summarise(bench.runs)
    print()
    print(table(rows))
    print(
        "\nchars/s: decoded characters / wall time of the whole `ecokg build` process; peak MB:"
        " whole process tree, PSS summed, max over repeats (1 MB = 10^6 bytes); vs base:"
        " current / baseline chars/s, same jobs; speed-up: chars/s / 1-job chars/s, same code."
        " `>`/`<`/`>=`/`<=`: a build was killed at its timeout, so the number is a bound."
    )
    print()
    small, large, huge = args.check_sizes
    results = checks(rows, small, large, huge)
    for check in results:
        print(f"{check.status:<9} {check.name}: {check.detail}")

    if args.json:
        payload = {
            "machine": machine,
            "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
            "corpora": [asdict(c) for c in bench.corpora],
            "runs": [{**asdict(r), "chars_per_s": r.chars_per_s} for r in bench.runs],
            "summary": [
                {
                    "kind": row.kind,
                    "mb": row.mb,
                    "code": row.code,
                    "jobs": row.jobs,
                    "seconds": asdict(row.seconds),
                    "chars_per_s": asdict(row.chars_per_s),
                    "peak_mb": row.peak_mb,
                    "triples": row.triples,
                    "vs_baseline": asdict(v) if (v := vs_baseline(rows, row)) else None,
                    "speedup": asdict(u) if (u := speedup(rows, row)) else None,
                }
                for row in rows
            ],
            "checks": [asdict(c) for c in results],
        }
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
