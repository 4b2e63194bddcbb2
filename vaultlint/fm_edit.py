"""Round-trip edits of a note's frontmatter for fixes: ruamel.yaml keeps comments, key order and
quoting; the list indentation is the one the file already uses (detected, not imposed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vaultlint.frontmatter import round_trip_yaml, rt_dump
from vaultlint.note import Note
from vaultlint.rules.yaml_format import detect_style


def rewrite(note: Note, mutate: Callable[[Any], bool]) -> str | None:
    """The frontmatter YAML after `mutate(data)` (True when it changed something), else None."""
    fm = note.frontmatter
    if fm is None or fm.error is not None:
        return None
    raw = note.text[fm.content_start:fm.content_end]
    crlf = "\r\n" in raw
    yaml_text = raw.replace("\r\n", "\n")  # ruamel keeps a `\r` inside comments: work in LF
    mapping, offset = detect_style(yaml_text.splitlines())
    offset = 2 if offset is None else offset
    rt = round_trip_yaml(mapping or 2, offset + 2, offset)
    try:
        data = rt.load(yaml_text)
    except Exception:  # ruamel refuses what PyYAML took: no fix rather than a risky one
        return None
    if data is None or not mutate(data):
        return None
    new = rt_dump(data, rt)
    if crlf:
        new = new.replace("\n", "\r\n")
    return new


def flow_list(items: list[Any]) -> Any:
    """A ruamel list that dumps in flow style `[a, b]` (when the original was a flow list)."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def block_list(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq
