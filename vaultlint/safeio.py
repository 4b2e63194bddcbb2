"""The one way vaultlint reads a file: a regular file, of bounded size, opened without blocking,
and (when a root is given) only if its real path is inside that root.

Every reader (notes, word lists, schemas and their `$ref`s, `.obsidian/types.json` and
`app.json`, Hunspell dictionaries) goes through `read_regular`, so a FIFO never hangs the run,
`/dev/zero` never fills memory and a symlink never leads a read outside the vault.
"""

from __future__ import annotations

import os
import stat
from functools import lru_cache
from pathlib import Path

MAX_AUX_BYTES = 16 * 1024 * 1024  # word lists, schemas, types.json: far below this in practice


class UnsafeFile(Exception):
    """A file vaultlint refuses to read (not an OS error): `reason` says why, without the path."""

    def __init__(self, reason: str, size: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.size = reason, size


def is_inside(path: str | Path, root: str | Path) -> bool:
    """Whether `path`, every symlink resolved, is `root` or below it."""
    real, top = os.path.realpath(path), _real_root(os.fspath(root))
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


@lru_cache(maxsize=8)
def _real_root(root: str) -> str:
    """The vault's root, resolved once per run (every note read asks)."""
    return os.path.realpath(root)


def read_regular(path: str | Path, limit: int = MAX_AUX_BYTES,
                 root: str | Path | None = None) -> tuple[bytes, os.stat_result]:
    """(bytes, stat) of a regular file of at most `limit` bytes. Raises UnsafeFile for a file
    outside `root`, not regular or too large; OSError when the OS refuses."""
    if root is not None and not is_inside(path, root):
        raise UnsafeFile(f"resolves outside the vault (to {os.path.realpath(path)}); not read")
    # O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOCTTY: a tty is never adopted
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeFile("not a regular file (a FIFO, device or socket); not read")
        if st.st_size > limit:
            raise UnsafeFile(f"too large ({st.st_size:,} bytes; limit {limit:,})", st.st_size)
        chunks, total = [], 0
        while total <= limit:  # a file growing while read is still cut at limit + 1
            chunk = os.read(fd, limit + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:
        raise UnsafeFile(f"too large (more than {limit:,} bytes)", total)
    return b"".join(chunks), st


def describe(path: str | Path, exc: BaseException) -> str:
    """'PATH: reason' for a refused or failed read."""
    reason = exc.reason if isinstance(exc, UnsafeFile) else \
        f"cannot read ({getattr(exc, 'strerror', None) or exc})"
    return f"{path}: {reason}"
