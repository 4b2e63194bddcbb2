"""A note's title as the yaml family reads it, shared by yaml-title and yaml-title-alias: its
first top-level ATX H1 with links reduced to their text, else its file name."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from vaultlint.note import Note

# `[text](target)` and `[[target|text]]`/`[[target]]` read as their text, as Obsidian shows them
_MD_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_WIKILINK = re.compile(r"!?\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")


def first_h1(note: Note) -> str | None:
    """The text of the note's first top-level ATX H1, links reduced to their text."""
    for heading in note.headings:
        if heading.level == 1 and heading.atx and not heading.nested:
            text = _MD_LINK.sub(r"\1", heading.text)
            return _WIKILINK.sub(lambda m: m.group(2) or m.group(1), text).strip()
    return None


def file_title(note: Note) -> str:
    return PurePosixPath(note.path).stem
