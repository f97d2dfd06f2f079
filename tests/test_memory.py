"""The build hands freed C-heap memory back to the system where the platform allows."""

from __future__ import annotations

import platform
import sys

from ecokg.memory import release_free_memory


def test_free_memory_is_released_on_glibc() -> None:
    on_glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert release_free_memory() is on_glibc
