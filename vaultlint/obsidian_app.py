"""The vault's own Obsidian settings that matter to links: `.obsidian/app.json`.

- `newLinkFormat` (`shortest` | `relative` | `absolute`): how Obsidian writes a new link, so
  how vaultlint writes the links it suggests or rewrites.
- `attachmentFolderPath` (`/` or empty: the vault root; `./`: the note's folder; `./sub`: a
  subfolder of it; `Folder`: that vault folder): where Obsidian puts new attachments, named in
  the message for a missing attachment.
- `userIgnoreFilters` (Settings > Files and links > Excluded files): notes there are not
  reported on. Obsidian only hides them from search, graph and suggestions; links to them still
  resolve, so they stay in the link index. A filter is a path prefix (`Archive/`) or, written
  between slashes, a regular expression (`/\\.draft\\.md$/`).

A missing file means Obsidian's defaults; a broken one (not JSON, not a regular file, too big)
gives one warning on stderr and the defaults, never a crash.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vaultlint.safeio import UnsafeFile, read_regular

MAX_APP_JSON_BYTES = 1024 * 1024  # Obsidian's own app.json is a few hundred bytes
LINK_FORMATS = ("shortest", "relative", "absolute")


@dataclass(frozen=True)
class AppSettings:
    new_link_format: str = "shortest"
    attachment_folder: str = ""  # as written in app.json; "" means the vault root
    ignore_filters: tuple[str, ...] = ()

    def is_user_ignored(self, path: str) -> bool:
        """Whether Obsidian's "Excluded files" list covers the vault path."""
        return any(_filter_matches(f, path) for f in self.ignore_filters)

    def attachment_folder_for(self, note_path: str) -> str:
        """The vault folder ("" for the root) where Obsidian puts a new attachment of a note."""
        folder = self.attachment_folder.strip()
        note_folder = note_path.rsplit("/", 1)[0] if "/" in note_path else ""
        if folder.startswith("./") or folder == ".":
            sub = folder[2:].strip("/")
            return "/".join(p for p in (note_folder, sub) if p)
        return folder.strip("/")


def _filter_matches(flt: str, path: str) -> bool:
    if len(flt) > 2 and flt.startswith("/") and flt.endswith("/"):
        try:
            return re.search(flt[1:-1], path) is not None
        except re.error:
            return False
    return bool(flt) and path.startswith(flt)


def read_app_settings(root: Path) -> AppSettings:
    """The vault's app.json settings (defaults when it is absent or unusable)."""
    path = os.path.join(root, ".obsidian", "app.json")
    data, problem = _read_json(path, root)
    if problem is not None:
        _warn(f".obsidian/app.json: {problem}; using Obsidian's defaults")
        return AppSettings()
    if not isinstance(data, dict):
        if data is not None:
            _warn(".obsidian/app.json: not a JSON object; using Obsidian's defaults")
        return AppSettings()
    return _settings_from(data)


def _settings_from(data: dict[str, Any]) -> AppSettings:
    fmt = data.get("newLinkFormat", "shortest")
    if fmt not in LINK_FORMATS:
        _warn(f".obsidian/app.json: unknown newLinkFormat {fmt!r}; using 'shortest'")
        fmt = "shortest"
    folder = data.get("attachmentFolderPath", "")
    filters = data.get("userIgnoreFilters", [])
    return AppSettings(
        new_link_format=fmt,
        attachment_folder=folder if isinstance(folder, str) else "",
        ignore_filters=tuple(f for f in filters if isinstance(f, str) and f)
        if isinstance(filters, list) else (),
    )


def _read_json(path: str, root: Path) -> tuple[Any, str | None]:
    """(parsed JSON or None when absent, problem or None). Opened without blocking and checked
    to be a regular file of bounded size before reading: a FIFO or a device named app.json
    must not hang the run, a huge file must not fill memory; one outside the vault is not read."""
    try:
        raw, _ = read_regular(path, MAX_APP_JSON_BYTES, root)
    except FileNotFoundError:
        return None, None
    except UnsafeFile as exc:
        return None, exc.reason
    except OSError as exc:
        return None, f"cannot read it ({exc.strerror or exc})"
    try:
        return json.loads(raw.decode("utf-8-sig")), None
    except (UnicodeDecodeError, ValueError) as exc:
        return None, f"not valid JSON ({exc})"


def _warn(message: str) -> None:
    """Once per run: the file is read once, when the vault is listed."""
    print(f"vaultlint: warning: {message}", file=sys.stderr)
