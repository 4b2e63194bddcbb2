"""The vault: where its root is, which files belong to it, and reading notes safely."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaultlint.cache import Cache, content_hash, fingerprint, signature
from vaultlint.note import MAX_NOTE_BYTES  # a bigger "note" is reported, not even read
if TYPE_CHECKING:  # config imports the rules, which import this module
    from vaultlint.config import Settings

NOTE_SUFFIXES = (".md",)


def find_root(start: Path) -> Path:
    """Nearest ancestor with `.obsidian/`, else the git work tree root, else `start`."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".obsidian").is_dir():
            return candidate
    top = git_toplevel(folder)
    return top if top is not None else folder


def git_toplevel(folder: Path) -> Path | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0 or not out.stdout.strip():
        return None
    return Path(out.stdout.strip()).resolve()


def _git_files(root: Path) -> list[str] | None:
    """Files git tracks or would track under root (gitignored ones left out), or None."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root, capture_output=True, timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    names = out.stdout.decode("utf-8", "surrogateescape").split("\0")
    if not any(names) and _ignored_by_git(root):
        return None  # a vault inside an ignored folder of some repo: git's view says nothing
    return sorted({n for n in names if n})


def _ignored_by_git(folder: Path) -> bool:
    try:
        proc = subprocess.run(["git", "check-ignore", "-q", "."], cwd=folder, capture_output=True,
                              timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0


def _walk_files(root: Path) -> list[str]:
    """Every file below root, skipping dot folders (Obsidian ignores them); symlinked folders are
    not followed (no loops), symlinked files to existing files are kept."""
    found: list[str] = []
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        stack.append((rel + "/", entry.path))
                elif entry.is_file():
                    found.append(rel)
            except OSError:
                continue
    return sorted(found)


def is_note(path: str) -> bool:
    return path.lower().endswith(NOTE_SUFFIXES)


def list_files(root: Path, settings: Settings) -> list[str]:
    """All vault files (notes and attachments), POSIX and relative to root, minus excluded ones."""
    names = _git_files(root) if settings.respect_gitignore else None
    from_git = names is not None
    if names is None:
        names = _walk_files(root)
    base = str(root)
    out = []
    for name in names:
        if "/." in "/" + name.rsplit("/", 1)[0] and "/" in name:
            continue  # inside a dot folder
        if settings.is_excluded(name):
            continue
        if from_git and not os.path.isfile(os.path.join(base, name)):
            continue  # deleted in the work tree, a submodule, or a dangling symlink
        out.append(name)
    return out


@dataclass
class ReadResult:
    data: bytes | None
    error: str | None = None
    stat: os.stat_result | None = None


def read_bytes(path: Path) -> ReadResult:
    """Read a file, turning every OS error into a message instead of an exception."""
    try:
        st = path.stat()
        if st.st_size > MAX_NOTE_BYTES:
            return ReadResult(None, f"file is too large to check ({st.st_size:,} bytes; "
                                    f"limit {MAX_NOTE_BYTES:,})", st)
        with path.open("rb") as fh:
            data = fh.read()
        return ReadResult(data, None, st)
    except PermissionError:
        return ReadResult(None, "cannot read file: permission denied")
    except IsADirectoryError:
        return ReadResult(None, "is a directory")
    except FileNotFoundError:
        return ReadResult(None, "file disappeared while checking")
    except OSError as exc:
        return ReadResult(None, f"cannot read file: {exc.strerror or exc}")


@dataclass(frozen=True)
class IndexSpec:
    """A whole-vault index built from per-note facts, so unchanged notes need no parsing.

    `extract(note)` returns JSON-able facts of one note (what other notes need to know about it:
    headings, block ids, aliases, URLs, words...); the cache keeps them per content hash.
    `combine(facts_by_path, vault)` builds the index. Bump `version` when `extract` changes.
    """

    name: str
    extract: Callable[[Any], Any]
    combine: Callable[[dict[str, Any], "Vault"], Any]
    version: str = "1"

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"


@dataclass
class Vault:
    """The whole vault as rules that look across notes see it.

    `files` are all vault files (POSIX, relative to `root`). Whole-vault indexes are built once
    per run from per-note facts, which the cache keeps between runs.
    """

    root: Path
    files: list[str]
    settings: Settings
    cache: Cache = field(default_factory=lambda: Cache(None))
    notes: dict[str, Any] = field(default_factory=dict)  # path -> Note (or None), this run
    indexes: dict[str, Any] = field(default_factory=dict)
    _sigs: dict[str, list[int] | None] = field(default_factory=dict)

    def signature(self, path: str) -> list[int] | None:
        if path not in self._sigs:
            try:
                self._sigs[path] = signature(os.stat(os.path.join(self._base, path)))
            except OSError:
                self._sigs[path] = None
        return self._sigs[path]

    @property
    def _base(self) -> str:
        return str(self.root)

    def cached(self, path: str) -> dict[str, Any] | None:
        """The cache entry of a file that has not changed since it was cached."""
        entry = self.cache.files.get(path)
        if entry is not None and entry.get("sig") == self.signature(path):
            return entry
        return None

    def note(self, path: str) -> Any:
        """The parsed Note at `path`, or None if it cannot be read or decoded."""
        if path not in self.notes:
            result = read_bytes(self.root / path)
            self.notes[path] = self.remember(path, result.data)
        return self.notes[path]

    def remember(self, path: str, data: bytes | None) -> Any:
        """Parse `data` read from `path`, record its hash in the cache, return the Note or None."""
        from vaultlint.note import DecodeError, Note

        if data is None:
            return None
        self.record_hash(path, data)
        try:
            note = Note.from_bytes(path, data)
        except DecodeError:
            note = None
        self.notes[path] = note
        return note

    def record_hash(self, path: str, data: bytes) -> None:
        sig = self.signature(path)
        if sig is not None:
            self.cache.entry_by_hash(path, content_hash(data), sig)

    def note_paths(self) -> list[str]:
        return [f for f in self.files if is_note(f)]

    def facts(self, path: str, spec: IndexSpec) -> Any:
        entry = self.cached(path)
        if entry is not None and spec.key in entry.get("facts", {}):
            return entry["facts"][spec.key]
        note = self.note(path)
        value = spec.extract(note) if note is not None else None
        self.store_facts(path, {spec.key: value})
        return value

    def facts_hash(self, path: str, spec: IndexSpec) -> str | None:
        """A short hash of the note's facts, kept beside them so the vault-wide fingerprint of
        an index does not have to serialise every note's facts on every run."""
        self.facts(path, spec)
        entry = self.cached(path)
        if entry is None:
            return None
        hashes = entry.setdefault("fh", {})
        if spec.key not in hashes:
            hashes[spec.key] = fingerprint(entry["facts"].get(spec.key))
            self.cache.dirty = True
        return hashes[spec.key]

    def store_facts(self, path: str, facts: dict[str, Any]) -> None:
        entry = self.cached(path)
        if entry is not None:
            entry.setdefault("facts", {}).update(facts)
            for key in facts:
                entry.get("fh", {}).pop(key, None)
            self.cache.dirty = True

    def index(self, spec: IndexSpec | str, build: Callable[["Vault"], Any] | None = None) -> Any:
        """A whole-vault index, built once per run: from an IndexSpec (cached per note), or by
        `build(vault)` (not cached between runs)."""
        if isinstance(spec, str):
            if spec not in self.indexes:
                assert build is not None, "an index given by name needs a build function"
                self.indexes[spec] = build(self)
            return self.indexes[spec]
        if spec.key not in self.indexes:
            facts = {p: self.facts(p, spec) for p in self.note_paths()}
            self.indexes[spec.key] = spec.combine(facts, self)
        return self.indexes[spec.key]

    def files_state(self) -> str:
        """A fingerprint of the file list and of every non-note file's stat signature (links
        resolve against file names; some rules read a file, e.g. the typo rule's word list)."""
        return fingerprint([(p, None if is_note(p) else self.signature(p)) for p in self.files])

    def facts_state(self, spec: IndexSpec) -> str:
        """A fingerprint of every note's facts for `spec`: what the index is built from."""
        return fingerprint([(p, self.facts_hash(p, spec)) for p in self.note_paths()])

    def state(self) -> str:
        """A fingerprint of the whole vault: every file's path, every note's content and every
        other file's stat signature (rules read some, e.g. the typo rule's word list)."""
        hashes = []
        for path in self.files:
            if not is_note(path):
                hashes.append((path, self.signature(path)))
                continue
            entry = self.cached(path)
            if entry is None:
                self.note(path)
                entry = self.cache.files.get(path)
            hashes.append((path, entry.get("hash") if entry else None))
        return fingerprint(hashes)
