"""What git says changed: the staged change, the change since a ref, and renames.

Partial runs (pre-commit, `--staged`, `--changed-since`) report on the notes a change touched
and on the notes whose findings it changes elsewhere (see `runner.report_scope`); deleted and
renamed files matter as much as edited ones, so every function here keeps them. Paths are
relative to the vault root (`git diff --relative` run there), which may be a sub-folder of the
repository.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT = 120  # seconds: a huge repository on a slow disk, never a hang


class GitError(Exception):
    """git could not say what changed (not a repository, an unknown ref): a usage error."""


@dataclass(frozen=True)
class Change:
    """One changed file: status letter (A added, M modified, D deleted, R renamed, C copied,
    T type changed), its path now (or, for D, before), the old path of a rename, and git's
    similarity score of a rename (100: same content)."""

    status: str
    path: str
    old_path: str | None = None
    score: int = 0

    @property
    def paths(self) -> tuple[str, ...]:
        """Every path the change touches: both names of a rename."""
        return (self.path,) if self.old_path is None else (self.old_path, self.path)

    @property
    def exists(self) -> bool:
        return self.status != "D"


def _git(root: Path, *args: str, what: str) -> str:
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root,
                              capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"{what}: cannot run git: {exc}") from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"{what}: git {args[0]} failed: {err}")
    return proc.stdout.decode("utf-8", "surrogateescape")


def parse_name_status(out: str) -> list[Change]:
    """`git diff --name-status -z` output: `S\\0path\\0`, or `Rnnn\\0old\\0new\\0`."""
    fields = out.split("\0")
    changes: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        kind = status[0]
        if kind in "RC":
            old, new = fields[i + 1], fields[i + 2]
            score = int(status[1:] or 0)
            changes.append(Change(kind, new, old, score) if kind == "R" else Change("A", new))
            i += 3
        else:
            changes.append(Change(kind, fields[i + 1]))
            i += 2
    return changes


def _diff(root: Path, what: str, *args: str) -> list[Change]:
    return parse_name_status(_git(root, "diff", "--name-status", "-M", "-z", "--relative",
                                  "--no-ext-diff", *args, what=what))


def _untracked(root: Path, what: str) -> list[str]:
    out = _git(root, "ls-files", "--others", "--exclude-standard", "-z", what=what)
    return [n for n in out.split("\0") if n]


def staged_changes(root: Path) -> list[Change]:
    """The change being committed: the index against HEAD (everything, in a repository with
    no commit yet). Under a pre-commit pre-push hook, the commits being pushed instead."""
    what = "--staged"
    from_ref, to_ref = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    if from_ref and to_ref:
        return _diff(root, what, f"{from_ref}...{to_ref}")
    if not _has_head(root):
        _git(root, "rev-parse", "--is-inside-work-tree", what=f"{what} needs a git repository")
        out = _git(root, "ls-files", "--cached", "-z", what=what)
        return [Change("A", n) for n in out.split("\0") if n]
    return _diff(root, what, "--cached", "HEAD")


def _has_head(root: Path) -> bool:
    proc = subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=root,
                          capture_output=True, timeout=GIT_TIMEOUT)
    return proc.returncode == 0


def changes_since(root: Path, ref: str) -> list[Change]:
    """What differs from the merge base of REF and HEAD (committed, staged or not) plus untracked
    files: what a pull request or a work session changed."""
    what = f"--changed-since {ref}"
    base = _git(root, "merge-base", ref, "HEAD", what=what).strip()
    return _with_untracked(root, what, _diff(root, what, base))


def _with_untracked(root: Path, what: str, changes: list[Change]) -> list[Change]:
    """Untracked files as added ones, and a deleted file whose exact content is now an untracked
    file as a rename (a note moved with `mv`, not `git mv`: git sees a deletion and a new file)."""
    untracked = _untracked(root, what)
    deleted = [c for c in changes if c.status == "D"]
    if not untracked or not deleted:
        return changes + [Change("A", n) for n in untracked]
    moved = _exact_moves(root, what, deleted, untracked)
    out = [c for c in changes if not (c.status == "D" and c.path in moved)]
    out += [Change("R", new, old, 100) for old, new in moved.items()]
    taken = set(moved.values())
    return out + [Change("A", n) for n in untracked if n not in taken]


def _exact_moves(root: Path, what: str, deleted: list[Change], untracked: list[str]) -> dict[str, str]:
    """Deleted path -> the one untracked file with the same content (by git blob id)."""
    old_ids = _blob_ids(root, what, ["ls-files", "-s", "-z"], [c.path for c in deleted])
    missing = [c.path for c in deleted if c.path not in old_ids]  # `git rm`: only HEAD has it
    if missing:
        old_ids |= _blob_ids(root, what, ["ls-tree", "-z", "HEAD"], missing)
    new_ids = _hash_objects(root, what, untracked)
    by_id: dict[str, list[str]] = {}
    for path, blob in new_ids.items():
        by_id.setdefault(blob, []).append(path)
    moves = {}
    olds_by_id: dict[str, list[str]] = {}
    for path, blob in old_ids.items():
        olds_by_id.setdefault(blob, []).append(path)
    for blob, olds in olds_by_id.items():
        news = by_id.get(blob, [])
        if len(olds) == 1 and len(news) == 1:  # only an unambiguous pair is a move
            moves[olds[0]] = news[0]
    return moves


def _blob_ids(root: Path, what: str, command: list[str], paths: list[str]) -> dict[str, str]:
    """Path -> blob id from `git ls-files -s` or `git ls-tree` lines (`mode id[ stage]\tpath`)."""
    out = _git(root, *command, "--", *paths, what=what)
    ids = {}
    for entry in filter(None, out.split("\0")):
        meta, path = entry.split("\t", 1)
        fields = meta.split()
        ids[path] = fields[1] if command[0] == "ls-files" else fields[2]
    return ids


def _hash_objects(root: Path, what: str, paths: list[str]) -> dict[str, str]:
    """The git blob id of each file, computed without writing anything to the repository."""
    try:
        proc = subprocess.run(["git", "hash-object", "--no-filters", "--stdin-paths"], cwd=root,
                              input="\n".join(paths).encode("utf-8", "surrogateescape"),
                              capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return {}
    ids = proc.stdout.decode().split()
    return dict(zip(paths, ids)) if proc.returncode == 0 and len(ids) == len(paths) else {}


def work_tree_renames(root: Path, ref: str | None = None) -> list[Change]:
    """Renames between HEAD (or the merge base of `ref` and HEAD) and the work tree, staged or
    not, `git mv` or a plain `mv`: what a link still naming the old file is repaired to. Not a
    git work tree, or no commit yet: no renames."""
    what = "rename detection"
    try:
        if not _has_head(root):
            return []
        base = _git(root, "merge-base", ref, "HEAD", what=what).strip() if ref else "HEAD"
        changes = _with_untracked(root, what, _diff(root, what, base))
    except (GitError, OSError, subprocess.SubprocessError):
        return []
    return [c for c in changes if c.status == "R"]
