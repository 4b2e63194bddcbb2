"""When a note was created and last changed, from git (yaml-timestamp).

Read lazily, once per run, and only when a note needs it: one `git log` for the whole vault
(author times, renames followed) and one `git diff` for what differs from HEAD. A note that
differs from HEAD also has its HEAD version read (`git show`), one call for that note only."""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultlint.gitscope import GIT_TIMEOUT, parse_name_status


def _git(root: Path, *args: str) -> str | None:
    """git's output, or None when git cannot say (no repository, no commit, no git)."""
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root,
                              capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout.decode("utf-8", "surrogateescape") if proc.returncode == 0 else None


@dataclass
class GitDates:
    """Author times (Unix seconds) per path now, relative to the vault root."""

    root: Path
    created: dict[str, int] = field(default_factory=dict)  # oldest commit, renames followed
    last: dict[str, int] = field(default_factory=dict)  # newest commit
    dirty: set[str] = field(default_factory=set)  # differs from HEAD (staged or not)
    blobs: dict[str, str] = field(default_factory=dict)  # HEAD's blob id per path
    _head_texts: dict[str, str | None] = field(default_factory=dict)

    def head_text(self, path: str) -> str | None:
        """The note as HEAD has it."""
        if path not in self._head_texts:
            self._head_texts[path] = _git(self.root, "show", f"HEAD:./{path}")
        return self._head_texts[path]

    def differs(self, path: str, data: bytes) -> bool:
        """Whether the note (as now in memory) differs from HEAD's version."""
        if path in self.dirty:
            return True
        blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        return self.blobs.get(path) not in (None, blob)


def _walk_log(out: str, dates: GitDates) -> None:
    """Newest commit first: a name's older history belongs to the file it was renamed to, and
    stops where the name was added (older entries of that name are another file's)."""
    owner: dict[str, str | None] = {}  # historical name -> path now (None: another file)

    def touch(name: str, when: int) -> str | None:
        now = owner.get(name, name)
        if now is not None:
            dates.last[now] = max(dates.last.get(now, when), when)
            dates.created[now] = min(dates.created.get(now, when), when)
        return now

    for record in out.split("\x01"):
        stamp, _, rest = record.partition("\0")
        if not stamp.strip().isdigit():
            continue
        when = int(stamp)
        for change in parse_name_status(rest.lstrip("\n")):
            if change.status == "D":
                owner.setdefault(change.path, None)
                continue
            now = touch(change.path, when)
            if change.status == "R" and change.old_path is not None:
                owner[change.old_path] = now
                owner[change.path] = None
            elif change.status == "A":
                owner[change.path] = None


def read(root: Path) -> GitDates | None:
    """The vault's git dates, or None when it is not in a git work tree with a commit."""
    log = _git(root, "log", "-z", "--format=%x01%at", "--name-status", "-M", "--relative",
               "--", ".")
    if log is None:
        return None
    dates = GitDates(root)
    _walk_log(log, dates)
    diff = _git(root, "diff", "--name-only", "-z", "--relative", "HEAD", "--", ".") or ""
    dates.dirty = {p for p in diff.split("\0") if p}
    tree = _git(root, "ls-tree", "-r", "-z", "HEAD", ".") or ""
    for entry in filter(None, tree.split("\0")):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3:
            dates.blobs[path] = parts[2]
    return dates


_RUNS: list[tuple[Any, GitDates | None]] = []  # (the run's Settings, its dates): a few runs


def for_run(settings: Any, root: Path) -> GitDates | None:
    """The dates for this run (its Settings object), read on first use."""
    for seen, dates in _RUNS:
        if seen is settings:
            return dates
    dates = read(root)
    _RUNS.append((settings, dates))
    del _RUNS[:-4]
    return dates


def head_id(root: Path) -> str:
    """HEAD's commit (the rule's cache key: committing changes what it reports)."""
    return (_git(root, "rev-parse", "-q", "--verify", "HEAD") or "").strip()
