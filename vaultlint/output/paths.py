"""How a vault path is shown: the one place that maps it to the path a reader (or GitHub) needs.

Diagnostics carry POSIX paths relative to the vault root. Outputs show them relative to the
current folder (ruff's convention: a terminal or editor can open them), `../x` when the vault is
above or beside it; GitHub annotations and SARIF need paths relative to the repository root.
Formatters receive both functions in their options (`display_path`, `repo_path`) and never
compute paths themselves.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vaultlint.vault import git_toplevel

PathMap = Callable[[str], str]


def identity(path: str) -> str:
    """Vault paths shown as they are (a formatter called without a mapping)."""
    return path


def relative_folder(folder: Path, cwd: Path) -> str:
    """`folder` as seen from `cwd` (POSIX separators, `.` for cwd itself, `../x` beside it);
    absolute when there is no relative path (another drive on Windows)."""
    try:
        return Path(os.path.relpath(folder, cwd)).as_posix()
    except ValueError:
        return Path(folder).as_posix()


def relative_to_cwd(root: Path, cwd: Path) -> PathMap:
    """vault path -> the path from `cwd` to that file (`a.md` from inside the note's folder,
    `../b.md` beside it): a prefix when `cwd` is the vault or above it, else one relpath per
    path (memoised: a note has many findings)."""
    base = relative_folder(root, cwd)
    if base == ".":
        return identity
    if base != ".." and not base.startswith("../"):
        return lambda path: f"{base}/{path}"
    memo: dict[str, str] = {}

    def show(path: str) -> str:
        if path not in memo:
            memo[path] = relative_folder(root / path, cwd)
        return memo[path]

    return show


@dataclass(frozen=True)
class PathStyle:
    """Both mappings for one run, and the folder repo paths are relative to (SARIF's
    %SRCROOT%): the git work tree holding the vault, else the vault itself."""

    display: PathMap
    repo: PathMap
    repo_root: Path

    def options(self) -> dict:
        return {"display_path": self.display, "repo_path": self.repo, "repo_root": self.repo_root}


def path_style(vault_root: Path, cwd: Path) -> PathStyle:
    top = git_toplevel(vault_root)
    if top is None or not _inside(vault_root, top):
        top = vault_root
    return PathStyle(relative_to_cwd(vault_root, cwd.resolve()),
                     relative_to_cwd(vault_root, top), top)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True
