"""Write outputs so that nothing earlier is lost.

Build folders. A build is written into a sibling staging folder, which then takes the target's
place in one step. Only an earlier ecokg build is ever replaced, and a build is recognised by the
marker file ``.ecokg-build`` that :func:`staged_output` writes into it (a fixed JSON text with a
format version), never by file names a person might use too: any other non-empty folder is
refused, untouched.

The swap is an atomic exchange of the two folders where the OS has one (Linux ``renameat2`` with
``RENAME_EXCHANGE``), so the target never stops existing; elsewhere the old build is moved aside
and kept until the new one is in its place. The old build is deleted only after that.

A staging folder holds a lock (``flock`` on the folder itself) while its build runs; the kernel
drops it when the process dies, even by SIGKILL, so the next build into the same target removes
staging folders that nobody holds and leaves those of a build running beside it alone.

Single files (exports, reports) are written to a temporary file beside the target and renamed
over it; see :func:`write_atomic` for what is refused.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from ecokg.errors import StoreError

# The marker: only ecokg writes it, and its bytes never vary (a build stays byte-identical).
MARKER = ".ecokg-build"
MARKER_FORMAT = "ecokg-build"
MARKER_VERSION = 1
MARKER_BYTES = (
    json.dumps({"format": MARKER_FORMAT, "version": MARKER_VERSION}, sort_keys=True) + "\n"
).encode("utf-8")

_STAGING = "tmp"  # .<name>.tmp-XXXX: a build being written (or, after a swap, the old one)
_ASIDE = "old"  # .<name>.old-XXXX: the old build moved aside, where there is no exchange

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# The file system cannot exchange: fall back to two renames.
_NO_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}

_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_output_file(path: Path) -> None:
    """Raise :class:`StoreError` unless ``path`` is absent or a regular file (not a link).

    Called by :func:`write_atomic`, and by commands before their work, so that a refused target
    fails at once rather than after a long export.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot write here ({exc.strerror or exc})") from exc
    if stat.S_ISLNK(mode):
        raise StoreError(
            f"{path} is a symbolic link: refusing to write through it or replace it "
            "(name the file itself)"
        )
    for test, kind in _KINDS:
        if test(mode):
            raise StoreError(f"{path} is {kind}, not a regular file: refusing to replace it")


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file atomically: a temporary file beside ``path``, then renamed over it.

    A reader sees the old file or the new one, never a part. The target must be absent or a
    regular file: a FIFO, device, socket or folder is refused (replacing a FIFO or a device
    with a file destroys what a person set up; writing into it is not an export). A symbolic
    link is refused too, dangling or not, rather than written through or replaced: writing
    through would follow a link someone else may have planted (a shared folder, ``/tmp``) onto
    any file the user can write, and replacing it would silently undo the user's own link. Only
    the last component is checked: folders on the way are the user's choice of place. An
    existing file keeps its permissions.
    """
    check_output_file(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()  # mkstemp makes private files; outputs are ordinary ones
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write here ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)  # rename never follows a link: at worst it replaces one made since
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise StoreError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        raise


def existing_build(target: Path) -> Path | None:
    """The resolved ``target`` when it holds an ecokg build; ``None`` when it is absent or empty.

    Anything else (a file, a folder without the marker, a marker this version does not know)
    raises :class:`StoreError` naming the target as the user gave it.
    """
    resolved = target.resolve()
    if not resolved.exists():
        return None
    if not resolved.is_dir():
        raise _not_a_build(target, "it is not a folder")
    marker = resolved / MARKER
    try:
        is_file = stat.S_ISREG(os.lstat(marker).st_mode)
    except FileNotFoundError:
        if not any(resolved.iterdir()):
            return None
        why = f"no {MARKER} marker"
        if (resolved / "build.json").exists():
            why += "; if it is a build by an earlier ecokg, delete it first"
        raise _not_a_build(target, why) from None
    if not is_file:
        raise _not_a_build(target, f"its {MARKER} is not a file")
    try:
        record = json.loads(marker.read_bytes())
        version = record["version"] if record["format"] == MARKER_FORMAT else None
    except (OSError, ValueError, TypeError, KeyError):
        version = None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _not_a_build(target, f"its {MARKER} marker is not one ecokg wrote")
    if version > MARKER_VERSION:
        raise _not_a_build(
            target,
            f"its {MARKER} marker is of format version {version}, newer than this ecokg's "
            f"{MARKER_VERSION}",
        )
    return resolved


def _not_a_build(target: Path, why: str) -> StoreError:
    return StoreError(f"{target} is not an ecokg build ({why}); choose an empty or new folder")


@contextlib.contextmanager
def staged_output(target: Path) -> Iterator[Path]:
    """Yield a fresh folder to write into; on success it replaces ``target`` in one step.

    ``target`` must be absent, an empty folder or an earlier ecokg build (see
    :func:`existing_build`). On success the marker is written and the folders are swapped; on
    any error the staging folder is removed and ``target`` is untouched.
    """
    existing_build(target)
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.{_STAGING}-", dir=target.parent))
    lock = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a fresh folder: nobody else holds it
        os.chmod(staging, 0o777 & ~_umask())
        try:
            yield staging
            write_atomic(staging / MARKER, MARKER_BYTES)
            old = _swap_in(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        os.close(lock)


def _swap_in(staging: Path, target: Path) -> Path | None:
    """Put ``staging`` at ``target``; return where the replaced folder now is, to delete."""
    try:
        if not os.path.lexists(target):
            os.rename(staging, target)
            return None
        if _exchange(staging, target):
            return staging  # the old build now sits at the staging folder's name
        # Without an exchange, the old build is moved aside (not deleted) until the new one is
        # in place, and put back when that fails.
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.{_ASIDE}-", dir=target.parent))
        os.replace(target, aside / target.name)
        try:
            os.replace(staging, target)
        except BaseException:
            os.replace(aside / target.name, target)
            raise
        return aside
    except OSError as exc:
        raise StoreError(f"{target}: cannot put the new build in place ({exc})") from exc


@cache
def _renameat2() -> Callable[..., int] | None:
    """libc's ``renameat2``, where there is one (Linux, glibc 2.28 or later)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:
        return None
    # renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, uint flags)
    function.argtypes = (
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    )
    function.restype = ctypes.c_int
    result: Callable[..., int] = function
    return result


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; ``False`` when this system or file system cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(b))


def _remove_leftovers(target: Path) -> None:
    """Delete what builds into ``target`` killed before their end left beside it.

    A staging folder is removed once no process holds its lock. A folder moved aside (systems
    without an exchange) is removed only while ``target`` is a build again: when a build died
    between its two renames, the folder aside is the only copy of the earlier build, and stays.
    """
    for path in target.parent.glob(f".{target.name}.{_STAGING}-*"):
        if path.is_dir() and not path.is_symlink() and _unheld(path):
            shutil.rmtree(path, ignore_errors=True)
    if (target / MARKER).is_file():
        for path in target.parent.glob(f".{target.name}.{_ASIDE}-*"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)


def _unheld(folder: Path) -> bool:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        return True  # closing the descriptor below releases the lock again
    finally:
        os.close(fd)
