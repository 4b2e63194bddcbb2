"""The persistent cache: `<vault>/.vaultlint_cache/<version>-<code hash>/cache.db`, SQLite.

- `files`: per file its stat signature (size, mtime, ctime, inode), its content hash and, per
  whole-vault index, the hash of the facts the note gives that index (names, headings, URLs,
  words...). A file whose signature changed is re-read and re-hashed; if its content is the same,
  everything cached for it still holds.
- `facts`: facts by their own hash. Notes with the same facts share a row, and an edit that leaves
  a note's facts alone (most prose edits) writes nothing here.
- `results`: a note's last findings, for the content hash and the key they were computed under
  (vaultlint's version, the configuration and, for rules looking across notes, the vault's state).
- `indexes`: whole-vault indexes kept whole, with the facts hashes they were built from, so the
  next run patches them for the notes that changed instead of rebuilding them from every note.

Why SQLite: a run reads and writes only what it needs (a pre-commit run on one note of a big vault
reads one row of findings and writes a few rows), it is in the standard library, and its
transactions make two racing runs safe. Values are JSON, never pickle: a cache is data and must not
be able to run code. A value that does not decode is recomputed; a database that cannot be read is
deleted and rebuilt, never trusted; a vault where nothing can be written runs without a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vaultlint import __version__

CACHE_DIR = ".vaultlint_cache"
_VERSION_FOLDER = re.compile(r"\d+(?:\.\d+)*(?:-[0-9a-f]{12})?")  # `0.1.0`, `0.1.0-1a2b3c4d5e6f`
CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file marks a vaultlint cache.\n"
FORMAT = 2  # PRAGMA user_version of the database; another value means another layout
LOCK_TIMEOUT = 30.0  # seconds a run waits for another run's write to finish
BULK = 200  # from this many paths on, read all findings in one query

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, sig TEXT, hash TEXT, fh TEXT);
CREATE TABLE IF NOT EXISTS facts (spec TEXT, fh TEXT, value TEXT, PRIMARY KEY (spec, fh));
CREATE TABLE IF NOT EXISTS results (path TEXT PRIMARY KEY, hash TEXT, key TEXT, diags TEXT);
CREATE TABLE IF NOT EXISTS indexes (spec TEXT PRIMARY KEY, config TEXT, state TEXT, hashes TEXT,
                                    value TEXT);
"""

MISSING: Any = object()  # "not in the cache" (None is a valid value of facts)

Entry = dict[str, Any]  # {"sig": str, "hash": str, "fh": {index key: facts hash}}


# What a worker recorded, for the parent: new file entries, facts (index key, facts hash ->
# JSON) and kept indexes (index key -> row).
Changes = tuple[dict[str, Entry], dict[tuple[str, str], str], dict[str, tuple[str, str, str, str]]]


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint(value: Any) -> str:
    """A stable hash of JSON-able data (config, fact sets)."""
    return _text_hash(_dumps(value))


def files_key(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """(path, content hash) of each file a rule reads besides notes (word lists, dictionaries,
    schemas): a rule's cache key, so an edit to any of them, wherever it is (`.obsidian/`,
    git-ignored, excluded, outside the vault), changes the rule's findings on the next run.
    Read bounded and non-blocking; a regular file too large to hash is keyed by its stat
    signature; "" when absent or not a regular file."""
    from vaultlint.safeio import UnsafeFile, read_regular

    def key(path: Path) -> str:
        try:
            return content_hash(read_regular(path)[0])
        except UnsafeFile as exc:
            return f"large:{signature(os.stat(path))}" if exc.size else ""

    out = []
    for path in sorted(set(paths)):
        try:
            out.append((str(path), key(path)))
        except OSError:
            out.append((str(path), ""))
    return out


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def signature(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


class Cache:
    """What a run knows from the cache, and what it will write back with `save()`.

    File entries are all read at the start (every run needs them); facts are read per index when
    one is built, findings per note when a note is reported on. Writes wait for `save()`.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.files: dict[str, Entry] = {}
        self._db: sqlite3.Connection | None = None
        self._db_pid = 0
        self._facts: dict[str, dict[str, str | None]] = {}  # index key -> facts hash -> JSON
        self._all_facts: set[str] = set()  # index keys whose facts were all read
        self._decoded: dict[tuple[str, str], Any] = {}
        self._kept: dict[str, tuple[str, str] | None] = {}
        self._new_indexes: dict[str, tuple[str, str, str, str]] = {}
        self._results: dict[str, tuple[str, str, str]] = {}  # path -> (hash, key, JSON)
        self._all_results = False
        self._touched: set[str] = set()
        self._gone: set[str] = set()
        self._new_facts: dict[tuple[str, str], str] = {}
        self._new_results: dict[str, tuple[str, str, str]] = {}
        if folder is not None:
            self.files = self._read_files()

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    @property
    def path(self) -> Path:
        assert self.folder is not None
        return self.folder / "cache.db"

    # --- reading -------------------------------------------------------------------------------

    def _connect(self, create: bool = False) -> sqlite3.Connection | None:
        """This process's connection (a connection must not cross a fork), or None."""
        if self._db is not None and self._db_pid == os.getpid():
            return self._db
        self._db = None
        if self.folder is None or (not create and not self.path.is_file()):
            return None
        try:
            if create:
                self.folder.mkdir(parents=True, exist_ok=True)
                _mark(self.folder.parent)
            db = self._open()
            if db is None and create:  # it was not a database of ours: start a new one
                self._discard()
                db = self._open()
        except (OSError, sqlite3.Error):
            return None
        if db is not None:
            self._db, self._db_pid = db, os.getpid()
        return db

    def _open(self) -> sqlite3.Connection | None:
        db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                db.executescript(SCHEMA + f"PRAGMA user_version = {FORMAT};")
            elif version != FORMAT:
                raise sqlite3.DatabaseError("another cache layout")
        except sqlite3.DatabaseError:
            db.close()
            return None
        return db

    def _discard(self) -> None:
        self._db = None
        try:
            self.path.unlink()
        except OSError:
            pass

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        db = self._connect()
        if db is None:
            return []
        try:
            return db.execute(sql, tuple(params)).fetchall()
        except sqlite3.DatabaseError:
            self._discard()
            return []
        except sqlite3.Error:  # locked for longer than LOCK_TIMEOUT: run without
            return []

    def _read_files(self) -> dict[str, Entry]:
        files = {}
        for path, sig, digest, fh in self._query("SELECT path, sig, hash, fh FROM files"):
            hashes = _split_pairs(fh)
            if isinstance(sig, str) and isinstance(digest, str) and hashes is not None \
                    and isinstance(path, str):
                files[_from_db(path)] = {"sig": sig, "hash": digest, "fh": hashes}
        return files

    def facts(self, spec: str, facts_hash: str) -> Any:
        """The facts with this hash for index `spec`, or MISSING. (Decoded once: callers must
        not change them.)"""
        key = (spec, facts_hash)
        if key in self._decoded:
            return self._decoded[key]
        text = self._new_facts.get(key)
        if text is None:
            table = self._facts.setdefault(spec, {})
            if facts_hash not in table and spec not in self._all_facts:
                rows = self._query("SELECT value FROM facts WHERE spec = ? AND fh = ?", key)
                table[facts_hash] = rows[0][0] if rows else None
            text = table.get(facts_hash)
        # Facts are stored under the hash of their own text: a row whose text no longer has
        # that hash (damaged, even into valid JSON such as `{}` or `null`) is rebuilt, not used.
        if not isinstance(text, str) or _text_hash(text) != facts_hash:
            return MISSING
        value = _json(text)
        if value is _BAD:
            return MISSING
        self._decoded[key] = value
        return value

    def read_all_facts(self, spec: str) -> None:
        """Read every stored facts row of index `spec` at once (about to need most of them)."""
        if spec not in self._all_facts:
            self._facts.setdefault(spec, {}).update(
                self._query("SELECT fh, value FROM facts WHERE spec = ?", (spec,)))
            self._all_facts.add(spec)

    def kept_index(self, spec: str) -> tuple[str, str] | None:
        """(configuration fingerprint, facts state) of the kept index `spec`, if there is one."""
        if spec not in self._kept:
            rows = self._query("SELECT config, state FROM indexes WHERE spec = ?", (spec,))
            self._kept[spec] = tuple(rows[0]) if rows else None  # type: ignore[assignment]
        return self._kept[spec]

    def kept_index_value(self, spec: str) -> Any:
        rows = self._query("SELECT value FROM indexes WHERE spec = ?", (spec,))
        return _json(rows[0][0]) if rows else _BAD

    def kept_index_hashes(self, spec: str) -> Any:
        rows = self._query("SELECT hashes FROM indexes WHERE spec = ?", (spec,))
        return _json(rows[0][0]) if rows else _BAD

    def keep_index(self, spec: str, config: str, state: str, hashes: dict[str, str | None],
                   value: Any) -> None:
        self._new_indexes[spec] = (config, state, json.dumps(hashes, separators=(",", ":")),
                                   json.dumps(value, separators=(",", ":")))

    def read_results(self, paths: list[str]) -> None:
        """Read the findings of these notes (all of them, when there are many) in one go."""
        if self._all_results:
            return
        if len(paths) >= BULK:
            rows = self._query("SELECT path, hash, key, diags FROM results")
            self._all_results = True
        else:
            rows = []
            for start in range(0, len(paths), 500):
                chunk = paths[start : start + 500]
                rows += self._query("SELECT path, hash, key, diags FROM results WHERE path IN "
                                    f"({','.join('?' * len(chunk))})", map(_to_db, chunk))
        self._results.update((_from_db(row[0]), row[1:]) for row in rows
                             if isinstance(row[0], str))

    def results(self, path: str, digest: str, key: str) -> list | None:
        """The cached findings of the note at `path` with content `digest` under `key`."""
        row = self._new_results.get(path) or self._results.get(path)
        if row is None or row[0] != digest or row[1] != key:
            return None
        diags = _json(row[2])
        return diags if isinstance(diags, list) else None

    # --- recording -----------------------------------------------------------------------------

    def entry_by_hash(self, path: str, digest: str, sig: str) -> Entry:
        """The entry for `path` with content `digest`: kept (and re-signed) if the content is the
        same, else a fresh one."""
        entry = self.files.get(path)
        if entry is None or entry.get("hash") != digest:
            entry = {"sig": sig, "hash": digest, "fh": {}}
            self.files[path] = entry
            self._touched.add(path)
        if entry.get("sig") != sig:
            entry["sig"] = sig
            self._touched.add(path)
        return entry

    def set_facts(self, path: str, spec: str, value: Any) -> str | None:
        """Record the facts of the note at `path` for index `spec`; their hash."""
        entry = self.files.get(path)
        if entry is None:
            return None
        text = _dumps(value)
        digest = _text_hash(text)
        if self._facts.get(spec, {}).get(digest) is None:
            self._new_facts[(spec, digest)] = text
        if entry["fh"].get(spec) != digest:
            entry["fh"][spec] = digest
            self._touched.add(path)
        return digest

    def set_results(self, path: str, key: str, diags: list) -> None:
        entry = self.files.get(path)
        if entry is not None:
            self._new_results[path] = (entry["hash"], key, json.dumps(diags, separators=(",", ":")))

    def forget(self, path: str) -> None:
        if self.files.pop(path, None) is not None:
            self._gone.add(path)
        self._touched.discard(path)
        self._new_results.pop(path, None)

    def prune(self, keep: set[str]) -> None:
        for path in [p for p in self.files if p not in keep]:
            self.forget(path)

    # --- worker processes ----------------------------------------------------------------------

    def start_worker(self) -> None:
        """In a forked worker: forget what the parent had recorded (it saves that itself), but
        keep the facts it recorded readable: without them the worker would parse every note
        whose facts it needs again (a link's target, for its headings)."""
        self.adopt(({}, self._new_facts, {}))
        self._touched, self._new_facts, self._new_results = set(), {}, {}
        self._new_indexes = {}

    def adopt(self, changes: Changes) -> None:
        """In a worker: what other workers recorded, readable here; the parent saves it."""
        entries, facts, _indexes = changes
        self.files.update(entries)
        for (spec, digest), text in facts.items():
            self._facts.setdefault(spec, {})[digest] = text

    def take_changes(self) -> Changes:
        """What this worker recorded since the last call (entries, facts and the indexes it
        built and would keep), for the parent to `merge`."""
        entries = {p: self.files[p] for p in self._touched if p in self.files}
        changes = (entries, self._new_facts, self._new_indexes)
        self._touched, self._new_facts, self._new_indexes = set(), {}, {}
        return changes

    def merge(self, changes: Changes) -> None:
        entries, facts, indexes = changes
        self.files.update(entries)
        self._touched.update(entries)
        self._new_facts.update(facts)
        self._new_indexes.update(indexes)

    # --- writing -------------------------------------------------------------------------------

    def save(self) -> None:
        """Write what this run recorded, in one transaction."""
        if self.folder is None or not (self._touched or self._gone or self._new_facts or
                                       self._new_results or self._new_indexes):
            return
        db = self._connect(create=True)
        if db is None:
            return  # a read-only vault (CI) simply runs without a cache
        try:
            db.execute("BEGIN IMMEDIATE")
            gone = [(_to_db(p),) for p in self._gone]
            db.executemany("DELETE FROM files WHERE path = ?", gone)
            db.executemany("DELETE FROM results WHERE path = ?", gone)
            db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", [
                (_to_db(p), e["sig"], e["hash"], _join_pairs(e["fh"]))
                for p in sorted(self._touched) if (e := self.files.get(p)) is not None])
            before = db.total_changes
            db.executemany("INSERT OR IGNORE INTO facts VALUES (?, ?, ?)",
                           [(spec, fh, text) for (spec, fh), text in self._new_facts.items()])
            added = db.total_changes > before
            db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
                           [(_to_db(p), *row) for p, row in self._new_results.items()])
            db.executemany("INSERT OR REPLACE INTO indexes VALUES (?, ?, ?, ?, ?)",
                           [(spec, *row) for spec, row in self._new_indexes.items()])
            if added or self._gone:
                self._collect_garbage(db, sum(len(e["fh"]) for e in self.files.values()))
            db.execute("COMMIT")
        except sqlite3.DatabaseError:
            self._discard()
        except sqlite3.Error:  # another run held the lock too long: this run's work is not kept
            if db.in_transaction:
                db.execute("ROLLBACK")
        self._touched, self._gone, self._new_facts, self._new_results = set(), set(), {}, {}
        self._new_indexes = {}

    @staticmethod
    def _collect_garbage(db: sqlite3.Connection, referenced: int) -> None:
        """Delete facts that neither a file nor a kept index refers to any more, once they
        outnumber the live ones (`referenced`: how many this run's file entries refer to; kept
        indexes refer to about as many again). Counting is cheap, finding the dead is not."""
        stored = db.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
        if stored <= 4 * referenced + 1000:
            return
        live = set()
        for (fh,) in db.execute("SELECT fh FROM files"):
            live.update((_split_pairs(fh) or {}).items())
        for spec, kept in db.execute("SELECT spec, hashes FROM indexes"):
            hashes = _json(kept)
            if isinstance(hashes, dict):
                live.update((spec, fh) for fh in hashes.values())
        if stored <= 2 * len(live) + 1000:
            return
        dead = [row for row in db.execute("SELECT spec, fh FROM facts") if row not in live]
        db.executemany("DELETE FROM facts WHERE spec = ? AND fh = ?", dead)


_BAD: Any = object()


def _join_pairs(hashes: dict[str, str]) -> str:
    """{"links@1": "9f3a...", ...} -> `"links@1 9f3a... prose-words@3 77c0..."`: a file entry's
    facts hashes, as text cheaper than JSON to read for every file of the vault on every run."""
    return " ".join(f"{key} {value}" for key, value in sorted(hashes.items()))


def _to_db(path: str) -> str:
    """A vault path as SQLite can store it. A file name that is not UTF-8 holds surrogate
    escapes (os.fsdecode), which SQLite refuses: such a path is stored as "/" + its JSON (a
    relative vault path never starts with "/", so the two forms cannot collide)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return "/" + json.dumps(path)


def _from_db(text: str) -> str:
    """The vault path `_to_db` stored."""
    return json.loads(text[1:]) if text.startswith("/") else text


def _split_pairs(text: Any) -> dict[str, str] | None:
    """The inverse of `_join_pairs`; None for text it did not write."""
    if not isinstance(text, str):
        return None
    fields = text.split()
    return dict(zip(fields[0::2], fields[1::2])) if len(fields) % 2 == 0 else None


def _json(text: Any) -> Any:
    try:
        return json.loads(text) if isinstance(text, str) else _BAD
    except ValueError:
        return _BAD


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
    current = base / f"{__version__}-{code_fingerprint()}"
    if not current.exists():
        _drop_other_versions(base)
    return Cache(current)


def _drop_other_versions(base: Path) -> None:
    """Caches of other vaultlint builds in `base` would only grow: delete them (only folders of
    our own naming that hold a cache.db)."""
    import shutil

    try:
        entries = list(os.scandir(base))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and _VERSION_FOLDER.fullmatch(entry.name) \
                and os.path.isfile(os.path.join(entry.path, "cache.db")):
            shutil.rmtree(entry.path, ignore_errors=True)


def code_fingerprint() -> str:
    """A hash of vaultlint's own files (names, sizes, modification times): cached findings are
    reused only by the very code that produced them, so an upgrade, a reinstall or an edit of
    a rule between releases never shows stale findings (the version alone would). A stat of
    about a hundred files: well under a millisecond."""
    digest = hashlib.sha1()
    package = Path(__file__).resolve().parent
    for path in sorted(_package_files(package)):
        stat = path.stat()
        digest.update(f"{path.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


def _package_files(folder: Path) -> Iterable[Path]:
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
            yield from _package_files(Path(entry.path))
        elif entry.is_file(follow_symlinks=False) and not entry.name.endswith(".pyc"):
            yield Path(entry.path)
