"""Line-level access to a note's frontmatter, shared by the yaml family's part 1 rules
(key order, array style, value order, dedupe, key removal, insertion, quoting)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from vaultlint.diagnostics import Edit
from vaultlint.fm_edit import KeyMutate, _rewrite_span
from vaultlint.frontmatter import key_spans, yaml_comments
from vaultlint.note import Note


@dataclass
class FmLines:
    """The frontmatter YAML as LF lines with each top-level key's line span."""

    lines: list[str]  # split on "\n": the last item is "" when the YAML ends with a newline
    spans: dict[str, tuple[int, int]]
    crlf: bool

    def edit(self, note: Note, lines: list[str]) -> Edit:
        """An edit replacing the YAML by `lines`, in the file's line endings."""
        fm = note.frontmatter
        assert fm is not None
        text = "\n".join(lines)
        return Edit(fm.content_start, fm.content_end, text.replace("\n", "\r\n") if self.crlf else text)


def valid_data(note: Note) -> dict[str, Any] | None:
    """The frontmatter data when it is a valid mapping (never touch invalid YAML)."""
    fm = note.frontmatter
    if fm is None or fm.error is not None or not isinstance(fm.data, dict):
        return None
    return fm.data


def fm_lines(note: Note) -> FmLines | None:
    """None when there is no valid frontmatter mapping or it cannot be edited line by line."""
    if valid_data(note) is None:
        return None
    fm = note.frontmatter
    assert fm is not None
    raw = note.text[fm.content_start:fm.content_end]
    text = raw.replace("\r\n", "\n")
    spans = key_spans(text)
    if not spans:
        return None
    return FmLines(text.split("\n"), spans, "\r\n" in raw)


def key_list(value: Any) -> list[str]:
    """An option naming keys: a list, or one string of names separated by newlines or commas
    (the peer's text box)."""
    if isinstance(value, str):
        return [k.strip() for k in value.replace(",", "\n").split("\n") if k.strip()]
    return [str(k) for k in value or ()]


def key_line(note: Note, key: str) -> int:
    """The 0-based note line of a top-level key (the opening `---` line when unknown)."""
    fm = note.frontmatter
    assert fm is not None
    return fm.key_lines.get(key, fm.first_line + 1) - 1


def span_edit(note: Note, fl: FmLines, key: str, new_lines: list[str]) -> Edit:
    """An edit replacing only the lines of `key` (its span) by `new_lines`: edits of different
    keys do not overlap, so the fixer applies them all in one pass."""
    fm = note.frontmatter
    assert fm is not None
    base = bisect.bisect_right(note.line_starts, fm.content_start) - 1  # the YAML's first line
    s, e = fl.spans[key]
    nl = "\r\n" if fl.crlf else "\n"
    return Edit(note.line_starts[base + s], note.line_starts[base + e],
                "".join(line + nl for line in new_lines))


def rewrite_span(note: Note, fl: FmLines, key: str, mutate: KeyMutate,
                 dropped_lines: set[int] | None = None) -> Edit | None:
    """A ruamel.yaml round trip of `key` alone (comments, quoting kept, the file's list
    indentation), as an edit of its lines; None when `mutate` changes nothing or it fails."""
    new = _rewrite_span(fl.lines, fl.spans[key], mutate, set() if dropped_lines is None else dropped_lines)
    return None if new is None else span_edit(note, fl, key, new)


def span_comments(fl: FmLines, key: str) -> list[str]:
    """The YAML comments on the lines of `key` (none when it has no `#` at all: no scan)."""
    s, e = fl.spans[key]
    text = "\n".join(fl.lines[s:e])
    if "#" not in text:
        return []
    found = yaml_comments(text + "\n")
    return ["#"] if found is None else found  # unscannable: as if commented (left alone)
