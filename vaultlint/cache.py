"""The persistent cache in `<vault>/.vaultlint_cache/<version>/`.

Per file it keeps a stat signature (size, mtime, ctime, inode), the content hash, the facts each
whole-vault index extracted from the note (names, headings, URLs, words...) and the note's last
findings with the key they were computed under. A file whose signature changed is re-read and
re-hashed; if its content is the same, everything cached for it still holds. Findings are reused
only when the content, the vaultlint version, the configuration and (for rules that look across
notes) the state of the whole vault are what they were.

The cache is JSON (never pickle: a cache file is data, it must not be able to run code), written
atomically (temporary file + rename) so two runs racing leave one complete cache; a file that
does not parse or has the wrong shape is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from vaultlint import __version__

CACHE_DIR = ".vaultlint_cache"
CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file marks a vaultlint cache.\n"
FORMAT = 1


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint(value: Any) -> str:
    """A stable hash of JSON-able data (config, fact sets)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def signature(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class Cache:
    """In-memory view of the cache file; `save()` writes it back atomically."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.files: dict[str, dict[str, Any]] = {}
        self.dirty = False
        if folder is not None:
            self.files = self._load(folder / "cache.json")

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    @staticmethod
    def _load(path: Path) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT or \
                data.get("version") != __version__ or not isinstance(data.get("files"), dict):
            return {}
        return {k: v for k, v in data["files"].items() if isinstance(v, dict)}

    def entry(self, path: str, sig: list[int] | None) -> dict[str, Any] | None:
        """The entry for `path` if the file still has signature `sig`."""
        entry = self.files.get(path)
        if entry is None or sig is None or entry.get("sig") != sig:
            return None
        return entry

    def entry_by_hash(self, path: str, digest: str, sig: list[int]) -> dict[str, Any]:
        """The entry for `path` with content `digest`: kept (and re-signed) if the content is the
        same, else a fresh one."""
        entry = self.files.get(path)
        if entry is None or entry.get("hash") != digest:
            entry = {"hash": digest}
            self.files[path] = entry
        if entry.get("sig") != sig:
            entry["sig"] = sig
            self.dirty = True
        return entry

    def forget(self, path: str) -> None:
        if self.files.pop(path, None) is not None:
            self.dirty = True

    def prune(self, keep: set[str]) -> None:
        for path in [p for p in self.files if p not in keep]:
            del self.files[path]
            self.dirty = True

    def save(self) -> None:
        if self.folder is None or not self.dirty:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _mark(self.folder.parent)
            payload = json.dumps({"format": FORMAT, "version": __version__, "files": self.files},
                                 separators=(",", ":"))
            fd, tmp = tempfile.mkstemp(prefix=".cache.", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
            os.replace(tmp, self.folder / "cache.json")
        except OSError:
            pass  # a read-only vault (CI) simply runs without a cache
        self.dirty = False


def _mark(root: Path) -> None:
    """Make the cache folder ignore itself in git and announce itself to backup tools."""
    gitignore = root / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text("# Automatically created by vaultlint.\n*\n", encoding="utf-8")
    tag = root / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(CACHEDIR_TAG, encoding="utf-8")


def open_cache(vault_root: Path, disabled: bool, folder: Path | None = None) -> Cache:
    if disabled or os.environ.get("VAULTLINT_NO_CACHE"):
        return Cache(None)
    base = folder or Path(os.environ.get("VAULTLINT_CACHE_DIR") or vault_root / CACHE_DIR)
    return Cache(base / __version__)
