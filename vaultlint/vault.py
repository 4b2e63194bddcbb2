"""The vault: where its root is, which files belong to it, and reading notes safely."""

from __future__ import annotations

import bisect
import hashlib
import os
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaultlint.cache import MISSING, Cache, content_hash, fingerprint, signature
from vaultlint.note import MAX_NOTE_BYTES  # a bigger "note" is reported, not even read
from vaultlint.obsidian_app import AppSettings, read_app_settings
from vaultlint.safeio import UnsafeFile, read_regular
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


# Folders Obsidian does not see (dot folders) or that no vault means as notes (node_modules:
# thousands of package files a vault checked into git may carry).
_SKIPPED_FOLDERS = ("node_modules",)


def _walk_files(root: Path, signatures: dict[str, str | None] | None = None) -> list[str]:
    """Every file below root, skipping dot folders (Obsidian ignores them); symlinked folders are
    not followed (no loops), symlinked files to existing files are kept; FIFOs and sockets are
    not files. The stat signature of each is put in `signatures` (the cache compares them, so
    every file is stat'ed once per run anyway)."""
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
                    if not entry.name.startswith(".") and entry.name not in _SKIPPED_FOLDERS:
                        stack.append((rel + "/", entry.path))
                    continue
                if not entry.is_file():  # from the folder listing: a FIFO or socket is none
                    continue
                if signatures is not None:
                    signatures[rel] = signature(entry.stat())  # a dangling symlink raises
            except OSError:
                continue
            found.append(rel)
    return sorted(found)


def glob_spec(globs: list[str]) -> Any:
    """A matcher for gitignore-style globs (pathspec, imported when a config first needs it)."""
    import pathspec

    try:
        return pathspec.PathSpec.from_lines("gitignore", globs)  # pathspec >= 1.0
    except LookupError:
        return pathspec.PathSpec.from_lines("gitwildmatch", globs)


def is_note(path: str) -> bool:
    return path.lower().endswith(NOTE_SUFFIXES)


def list_files(root: Path, settings: Settings,
               signatures: dict[str, str | None] | None = None) -> list[str]:
    """The vault files reported on (notes and attachments), POSIX and relative to root."""
    return list_vault(root, settings, signatures)[0]


def list_vault(root: Path, settings: Settings,
               signatures: dict[str, str | None] | None = None,
               app: AppSettings | None = None) -> tuple[list[str], list[str]]:
    """(files reported on, every file Obsidian sees), POSIX and relative to root.

    Obsidian sees every file on disk outside dot folders, git-ignored or excluded ones too, so
    links resolve against all of them. Only the report leaves out what `exclude`, .gitignore
    (`respect-gitignore`) and Obsidian's own "Excluded files" (`userIgnoreFilters`) name.
    The stat signatures taken on the way are put in `signatures` (the cache compares them)."""
    everything = _walk_files(root, signatures)
    tracked = _git_files(root) if settings.respect_gitignore else None
    kept = set(tracked) if tracked is not None else None
    app = app if app is not None else read_app_settings(root)
    reported = [name for name in everything
                if (kept is None or name in kept) and not settings.is_excluded(name)
                and not app.is_user_ignored(name)]
    return reported, everything


@dataclass
class ReadResult:
    data: bytes | None
    error: str | None = None
    stat: os.stat_result | None = None


def read_bytes(path: Path, root: Path | None = None) -> ReadResult:
    """Read a file, turning every OS error and refusal into a message instead of an exception:
    only a regular file of at most MAX_NOTE_BYTES, opened without blocking, and (with `root`)
    only if its real path is inside `root` (a symlink to /etc/passwd is never read)."""
    try:
        data, st = read_regular(path, MAX_NOTE_BYTES, root)
        return ReadResult(data, None, st)
    except UnsafeFile as exc:
        if exc.size is not None:
            return ReadResult(None, f"file is too large to check ({exc.size:,} bytes; "
                                    f"limit {MAX_NOTE_BYTES:,})")
        return ReadResult(None, exc.reason)
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

    An index can also be kept in the cache whole and patched when a few notes changed, instead of
    being rebuilt from every note's facts: give `encode` (index -> JSON-able), `decode` and
    `update(index, path, old_facts, new_facts, vault)`, which must leave the index as `combine`
    would have built it (None facts: the note is new, or gone). With `lazy`, `combine` gets a
    mapping that reads each note's facts from the cache only when asked (the link index needs
    the headings of the notes that are linked to, not of all of them).

    `dependents(vault, changed_paths)` names the notes whose findings, from the rules that read
    this index, may change when those files changed (were edited, added, deleted or renamed):
    what a partial run must also report on, each with the keys (e.g. link target names) that tie
    it to the change. `concerns(flagged_text)` gives the key a finding of those rules is about
    (None: cannot tell), so a dependent is reported only for what the change touched, not for
    its other, older findings. `helpers` are the other indexes `dependents` reads.
    """

    name: str
    extract: Callable[[Any], Any]
    combine: Callable[[Mapping[str, Any], "Vault"], Any]
    version: str = "1"
    encode: Callable[[Any], Any] | None = None
    decode: Callable[[Any, "Vault"], Any] | None = None
    update: Callable[[Any, str, Any, Any, "Vault"], None] | None = None
    lazy: bool = False
    dependents: Callable[["Vault", set[str]], dict[str, set[str]]] | None = None
    concerns: Callable[[str], str | None] | None = None
    helpers: tuple["IndexSpec", ...] = ()

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def keepable(self) -> bool:
        return self.encode is not None and self.decode is not None and self.update is not None


class FactsView(Mapping[str, Any]):
    """Every note's facts for one index, read from the cache (or the note) when first asked."""

    def __init__(self, vault: "Vault", spec: IndexSpec) -> None:
        self._vault, self._spec = vault, spec
        self._paths = set(vault.note_paths())
        self._memo: dict[str, Any] = {}

    def __getitem__(self, path: str) -> Any:
        if path not in self._memo:
            if path not in self._paths:
                raise KeyError(path)
            self._memo[path] = self._vault.facts(path, self._spec)
        return self._memo[path]

    def __setitem__(self, path: str, value: Any) -> None:
        self._memo[path] = value

    def __contains__(self, path: object) -> bool:
        return path in self._memo or path in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._paths | set(self._memo)))

    def __len__(self) -> int:
        return len(self._paths | set(self._memo))


def _pairs_fingerprint(pairs: Iterable[tuple[str, str | None]]) -> str:
    """A fingerprint of (path, value) pairs, streamed: these cover every file of the vault."""
    digest = hashlib.blake2b(digest_size=16)
    for path, value in pairs:
        digest.update(f"{path}\0{value}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def add_path(index: dict[str, list[str]], key: str, path: str) -> None:
    """Put `path` under `key` of a kept index of sorted path lists (for `IndexSpec.update`)."""
    bisect.insort(index.setdefault(key, []), path)


def remove_path(index: dict[str, list[str]], key: str, path: str) -> None:
    """Take `path` from under `key`, dropping the key when no path is left. A path that is not
    there raises: the kept index is not what its facts say, and is rebuilt."""
    index[key].remove(path)
    if not index[key]:
        del index[key]


PATCH_MAX_SHARE = 0.1  # patch a kept index when at most this share of notes changed, else rebuild


@dataclass
class Vault:
    """The whole vault as rules that look across notes see it.

    `files` are all vault files (POSIX, relative to `root`). Whole-vault indexes are built once
    per run from per-note facts, which the cache keeps between runs.
    """

    root: Path
    files: list[str]  # the files reported on
    settings: Settings
    cache: Cache = field(default_factory=lambda: Cache(None))
    # every file Obsidian sees (git-ignored and excluded ones too): what links resolve against;
    # None: the same as `files`
    disk_files: list[str] | None = None
    app: AppSettings = field(default_factory=AppSettings)  # .obsidian/app.json
    notes: dict[str, Any] = field(default_factory=dict)  # path -> Note (or None), this run
    indexes: dict[str, Any] = field(default_factory=dict)
    git_ref: str | None = None  # --changed-since REF: renames count from its merge base
    _sigs: dict[str, str | None] = field(default_factory=dict)
    _states: dict[str, str] = field(default_factory=dict)
    _facts_hashes: dict[str, dict[str, str | None]] = field(default_factory=dict)
    _note_paths: tuple[int, list[str]] = (-1, [])

    def signature(self, path: str) -> str | None:
        if path not in self._sigs:
            try:
                self._sigs[path] = signature(os.stat(os.path.join(self._base, path)))
            except OSError:
                self._sigs[path] = None
        return self._sigs[path]

    @property
    def all_files(self) -> list[str]:
        return self.files if self.disk_files is None else self.disk_files

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
            result = read_bytes(self.root / path, self.root)
            self.notes[path] = self.remember(path, result.data)
        return self.notes[path]

    def text(self, path: str) -> str | None:
        """The note's text, read without parsing or hashing it (for a report's snippets)."""
        from vaultlint.note import DecodeError, decode

        note = self.notes.get(path)
        if note is not None:
            return note.text
        data = read_bytes(self.root / path, self.root).data  # never a file outside the vault
        try:
            return decode(data)[0] if data is not None else None
        except DecodeError:
            return None

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

    def rewritten(self, path: str, data: bytes) -> dict[str, Any] | None:
        """The cache entry of a file this run has just written with `data` (signed afresh)."""
        self._sigs.pop(path, None)
        self.record_hash(path, data)
        return self.cached(path)

    def record_hash(self, path: str, data: bytes) -> None:
        sig = self.signature(path)
        if sig is not None:
            self.cache.entry_by_hash(path, content_hash(data), sig)

    def note_paths(self) -> list[str]:
        if self._note_paths[0] != len(self.files):
            self._note_paths = (len(self.files), [f for f in self.files if is_note(f)])
        return self._note_paths[1]

    def facts(self, path: str, spec: IndexSpec) -> Any:
        entry = self.cached(path)
        if entry is not None and spec.key in entry["fh"]:
            value = self.cache.facts(spec.key, entry["fh"][spec.key])
            if value is not MISSING:
                return value
        note = self.note(path)
        value = spec.extract(note) if note is not None else None
        if self.cached(path) is not None:  # reading the note recorded its content hash
            self.cache.set_facts(path, spec.key, value)
        return value

    def facts_hash(self, path: str, spec: IndexSpec) -> str | None:
        """The hash of the note's facts, kept beside its entry so the vault-wide fingerprint of
        an index needs neither the notes nor their facts."""
        entry = self.cached(path)
        if entry is None or spec.key not in entry["fh"]:
            value = self.facts(path, spec)
            entry = self.cached(path)
            if entry is None:
                return fingerprint(value)
        return entry["fh"].get(spec.key)

    def index(self, spec: IndexSpec | str, build: Callable[["Vault"], Any] | None = None) -> Any:
        """A whole-vault index, built once per run: from an IndexSpec (cached per note), or by
        `build(vault)` (not cached between runs)."""
        if isinstance(spec, str):
            if spec not in self.indexes:
                assert build is not None, "an index given by name needs a build function"
                self.indexes[spec] = build(self)
            return self.indexes[spec]
        if spec.key not in self.indexes:
            if spec.lazy:
                index = spec.combine(FactsView(self, spec), self)
            elif spec.keepable and self.cache.enabled:
                index = self._kept_index(spec)
            else:
                index = self._combined(spec)
            self.indexes[spec.key] = index
        return self.indexes[spec.key]

    def _combined(self, spec: IndexSpec) -> Any:
        self.cache.read_all_facts(spec.key)
        return spec.combine({p: self.facts(p, spec) for p in self.note_paths()}, self)

    def _kept_index(self, spec: IndexSpec) -> Any:
        """The index the cache keeps, patched for the notes whose facts changed since, or
        rebuilt (and kept) when there is none, the configuration changed or too much did."""
        assert spec.encode is not None and spec.decode is not None
        config, state = fingerprint(self.settings.raw), self.facts_state(spec)
        kept = self.cache.kept_index(spec.key)
        if kept is not None and kept[0] == config and kept[1] == state:
            try:
                return spec.decode(self.cache.kept_index_value(spec.key), self)
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # damaged: rebuilt below
        hashes = self.facts_hashes(spec)
        index = self._patched(spec, hashes) if kept is not None and kept[0] == config else None
        if index is None:
            index = self._combined(spec)
        self.cache.keep_index(spec.key, config, state, hashes, spec.encode(index))
        return index

    def _patched(self, spec: IndexSpec, hashes: dict[str, str | None]) -> Any:
        assert spec.decode is not None and spec.update is not None
        before = self.cache.kept_index_hashes(spec.key)
        if not isinstance(before, dict):
            return None
        changed = sorted({p for p in hashes if before.get(p) != hashes[p]} |
                         {p for p in before if p not in hashes})
        if len(changed) > max(10, PATCH_MAX_SHARE * len(hashes)):
            return None
        try:
            index = spec.decode(self.cache.kept_index_value(spec.key), self)
            for path in changed:
                old = self.cache.facts(spec.key, before[path]) if path in before else None
                if old is MISSING:
                    return None  # the facts the index was built from are gone: rebuild
                new = self.facts(path, spec) if path in hashes else None
                spec.update(index, path, old, new, self)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return index

    def files_state(self) -> str:
        """A fingerprint of every file Obsidian sees, of which are reported on, and of the stat
        signature of every file that is not a reported note (links resolve against file names
        and read the headings of ignored notes too; some rules read a file, e.g. the typo
        rule's word list). Reported notes count by name only: their content is in the facts."""
        if "" not in self._states:
            self._states[""] = _pairs_fingerprint(self._file_pairs())
        return self._states[""]

    def _file_pairs(self) -> Iterator[tuple[str, str | None]]:
        if self.disk_files is None:
            for path in self.files:
                yield path, "" if is_note(path) else self.signature(path)
            return
        reported = set(self.files)
        for path in self.disk_files:
            if path in reported:
                yield path, "" if is_note(path) else self.signature(path)
            else:  # not reported on: marked, and a note by content (its headings are linked)
                yield path, "-" + str(self.signature(path))

    def kept(self, name: str, state: str, build: Callable[[], Any]) -> Any:
        """A JSON-able value derived from the vault, kept in the cache while `state` holds."""
        if name not in self.indexes:
            kept = self.cache.kept_index(name)
            value = self.cache.kept_index_value(name) if kept and kept[1] == state else None
            if not isinstance(value, dict):
                value = build()
                if self.cache.enabled:
                    self.cache.keep_index(name, "", state, {}, value)
            self.indexes[name] = value
        return self.indexes[name]

    def facts_hashes(self, spec: IndexSpec) -> dict[str, str | None]:
        """Every note's facts hash for `spec`, computed once per run."""
        if spec.key not in self._facts_hashes:
            hashes = {}
            entries, sigs, key = self.cache.files, self._sigs, spec.key
            for path in self.note_paths():  # for every note on every run: `cached` inlined
                entry = entries.get(path)
                sig = sigs[path] if path in sigs else self.signature(path)
                facts_hash = entry["fh"].get(key) if entry and entry["sig"] == sig else None
                hashes[path] = facts_hash if facts_hash is not None else \
                    self.facts_hash(path, spec)
            self._facts_hashes[key] = hashes
        return self._facts_hashes[spec.key]

    def facts_state(self, spec: IndexSpec) -> str:
        """A fingerprint of every note's facts for `spec`: what the index is built from."""
        if spec.key not in self._states:
            self._states[spec.key] = _pairs_fingerprint(self.facts_hashes(spec).items())
        return self._states[spec.key]

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
