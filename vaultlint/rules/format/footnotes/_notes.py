"""Footnote definitions and references of a note, shared by the footnote rules (FMT5xx).

markdown-it's footnote plugin removes definitions from the block tokens (it moves them to the
end of the rendered note), so `note.tokens` holds no trace of them but a gap: lines that no
top-level token covers. Outside the frontmatter only two things leave such a gap, footnote
definitions (`[^label]: text`, with their lazy and indented continuation lines) and link
reference definitions (`[label]: url`). A definition runs from its `[^label]:` line until the
next definition, or a blank line followed by a line indented less than four columns, or the
gap's end. Definitions inside lists and callouts are not found (their rules leave them alone).

References are `[^label]` anywhere else, outside code, math, comments, HTML and links, not
escaped; inline footnotes (`^[text]`) have no label and are not references here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vaultlint.diagnostics import Edit
from vaultlint.fixer import PROTECTED_KINDS
from vaultlint.note import Note, is_blank

# `\A`: matched at a line's start only. markdown-it's label: no blank, no `]`.
_DEF = re.compile(r"\A {0,3}\[\^([^\]\[\s]+)\]:")
_REF = re.compile(r"\[\^([^\]\[\s]+)\]")  # no `[` in a label: `[^[^[^...` stays linear
# Before a `[^label]:` that opens a definition inside a list item or a callout: only blanks,
# `>` and list markers (a task's `[ ]` makes it text).
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|\Z))*[ \t]*\Z")
_SKIP = frozenset({"code", "math", "comment", "html", "link", "url", "field", "frontmatter"})


@dataclass(frozen=True)
class Definition:
    label: str
    first: int  # 0-based first line (whole note)
    last: int  # 0-based last line, trailing blank lines excluded
    start: int  # offset of the `[^`
    end: int  # offset after the last line's content


@dataclass(frozen=True)
class Reference:
    label: str
    start: int  # offset of `[^`
    end: int  # offset after `]`


def _indent(line: str) -> int:
    """Columns of leading blanks (a tab to the next multiple of four)."""
    col = 0
    for ch in line:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
    return col


def _gaps(note: Note) -> list[tuple[int, int]]:
    """[first, end) line ranges of the body that no top-level token covers."""
    covered: list[tuple[int, int]] = sorted(
        (t.map[0], t.map[1]) for t in note.tokens if t.level == 0 and t.map and t.nesting >= 0)
    base, total = note.body_first_line, note.line_count - note.body_first_line
    gaps, pos = [], 0
    for start, end in covered:
        if start > pos:
            gaps.append((base + pos, base + start))
        pos = max(pos, end)
    if pos < total:
        gaps.append((base + pos, base + total))
    return gaps


def _definitions_in(note: Note, first: int, end: int) -> list[Definition]:
    out: list[Definition] = []
    line = first
    while line < end:
        m = _DEF.match(note.line_text(line))
        if m is None or note.in_region(note.line_starts[line], _SKIP):
            line += 1
            continue
        last = line
        nxt = line + 1
        while nxt < end:
            text = note.line_text(nxt)
            if _DEF.match(text):
                break
            if is_blank(text):
                nxt += 1
                continue
            if is_blank(note.line_text(nxt - 1)) and _indent(text) < 4:
                break
            last = nxt
            nxt += 1
        start = note.line_starts[line] + m.end() - len(m.group(1)) - 4  # the `[^`
        out.append(Definition(m.group(1), line, last, start, note.line_span(last)[1]))
        line = nxt
    return out


@dataclass(frozen=True)
class Footnotes:
    definitions: tuple[Definition, ...]  # top-level, in order
    references: tuple[Reference, ...]  # in order, inside definitions too
    # labels of `[^x]:` inside lists and callouts, or continuing a paragraph (as text)
    nested: frozenset[str]
    # labels of `[^x]` in comments: Obsidian hides them, markdown-it (the fixer's judge) reads
    # them as references, so a fix must not rename them nor give their label to another
    hidden: frozenset[str]


_NONE = Footnotes((), (), frozenset(), frozenset())


@lru_cache(maxsize=4)
def footnotes(note: Note) -> Footnotes:
    """The note's footnotes (cached for the few rules that ask about the same note)."""
    if "[^" not in note.text:
        return _NONE
    defs = [d for first, end in _gaps(note) for d in _definitions_in(note, first, end)]
    markers = {d.start for d in defs}
    refs, nested, hidden = [], set(), set()
    for m in _REF.finditer(note.text, note.body_start):
        start = m.start()
        if note.in_region(start, {"comment"}):
            hidden.add(m.group(1))
        if start in markers or note.in_region(start, _SKIP) or _escaped(note.text, start):
            continue
        if _nested_marker(note, start, m.end()):
            nested.add(m.group(1))
            continue
        refs.append(Reference(m.group(1), start, m.end()))
    return Footnotes(tuple(defs), tuple(refs), frozenset(nested), frozenset(hidden))


def _nested_marker(note: Note, start: int, end: int) -> bool:
    """A `[^label]:` opening a definition inside a list item or callout."""
    if not note.text.startswith(":", end):
        return False
    line_start = note.line_starts[note.position(start)[0]]
    return _CONTAINER_PREFIX.match(note.text, line_start, start) is not None


def _escaped(text: str, at: int) -> bool:
    """An odd run of backslashes before `at`."""
    n = 0
    while at - n - 1 >= 0 and text[at - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def has_protected(note: Note, d: Definition) -> bool:
    """Whether a definition holds code, math, a link or a URL: the fixer compares those in
    order, so such a definition can be neither moved past others nor deleted."""
    start = note.line_starts[d.first]
    return any(r.kind in PROTECTED_KINDS and r.start < d.end and r.end > start
               for r in note.regions)


def removal(note: Note, first: int, last: int) -> Edit:
    """Delete lines first..last with the blank lines after them; keep a blank line between the
    text before and after when both are there, so two paragraphs stay two (and so that a `---`
    that would then start the note is no frontmatter)."""
    k = last + 1
    while k < note.line_count and is_blank(note.line_text(k)):
        k += 1
    end = note.line_starts[k] if k < note.line_count else len(note.text)
    after = note.line_text(k) if k < note.line_count else ""
    keep_apart = (first > note.body_first_line and not is_blank(note.line_text(first - 1))
                  and not _DEF.match(after)  # a definition interrupts a paragraph anyway
                  or first == 0 and after.startswith("---"))
    return Edit(note.line_starts[first], end, note.newline if keep_apart else "")
