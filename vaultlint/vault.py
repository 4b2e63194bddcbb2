"""The vault: where its root is, which files belong to it, and reading notes safely."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultlint.config import Settings

NOTE_SUFFIXES = (".md",)
MAX_NOTE_BYTES = 64 * 1024 * 1024  # a "note" bigger than this is reported, not parsed


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
    return sorted({n for n in names if n})


def _walk_files(root: Path) -> list[str]:
    """Every file below root, skipping dot folders (Obsidian ignores them) and symlinked dirs."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(folder).relative_to(root)
        for name in files:
            found.append((rel / name).as_posix() if rel.parts else name)
    return sorted(found)


def is_note(path: str) -> bool:
    return path.lower().endswith(NOTE_SUFFIXES)


def list_files(root: Path, settings: Settings) -> list[str]:
    """All vault files (notes and attachments), POSIX and relative to root, minus excluded ones."""
    names = _git_files(root) if settings.respect_gitignore else None
    if names is None:
        names = _walk_files(root)
    out = []
    for name in names:
        if any(part.startswith(".") for part in name.split("/")[:-1]):
            continue
        if settings.is_excluded(name):
            continue
        path = root / name
        if path.is_symlink() and not path.exists():
            continue
        if not path.is_file():  # deleted in the work tree, or a directory (submodule)
            continue
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


@dataclass
class Vault:
    """The whole vault as rules that look across notes see it.

    `files` are all vault files (POSIX, relative to `root`). Cross-file rules keep what they
    build from the notes (name index, headings, URLs, vocabulary) in `indexes`, built once
    per run through `index()`.
    """

    root: Path
    files: list[str]
    settings: Settings
    notes: dict[str, Any] = field(default_factory=dict)  # path -> Note, filled lazily
    indexes: dict[str, Any] = field(default_factory=dict)

    def note(self, path: str) -> Any:
        """The parsed Note at `path`, or None if it cannot be read or decoded."""
        from vaultlint.note import DecodeError, Note

        if path not in self.notes:
            result = read_bytes(self.root / path)
            note = None
            if result.data is not None:
                try:
                    note = Note.from_bytes(path, result.data)
                except DecodeError:
                    note = None
            self.notes[path] = note
        return self.notes[path]

    def note_paths(self) -> list[str]:
        return [f for f in self.files if is_note(f)]

    def index(self, name: str, build: Any) -> Any:
        """A whole-vault index built once per run by `build(vault)` and shared by rules."""
        if name not in self.indexes:
            self.indexes[name] = build(self)
        return self.indexes[name]
