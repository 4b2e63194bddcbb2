"""Paragraph lines, shared by `paragraph-blank-lines` and `hard-line-breaks`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.note import Note

# What ends a line with a hard break already: two spaces, a backslash, an HTML line break.
_HARD_BREAK = re.compile(r"(?:  |\\|<br\s*/?>[ \t]*)\Z", re.I)
# Inline regions a line break may sit inside (a code span or math over two lines): no edit there.
INLINE = frozenset({"code", "math", "html", "comment", "link", "url"})


def paragraphs(note: Note, top_level: bool) -> Iterator[tuple[int, int]]:
    """(first, end) note lines of each paragraph (only those outside lists and quotes when
    `top_level`), not touching a `%% comment %%`."""
    base = note.body_first_line
    for tok in note.tokens:
        if tok.type != "paragraph_open" or not tok.map or (top_level and tok.level):
            continue
        first, end = base + tok.map[0], base + tok.map[1]
        if any("%%" in note.line_text(line) for line in range(first, end)):
            continue
        yield first, end


def hard_break(line: str) -> bool:
    return _HARD_BREAK.search(line) is not None


def break_inside_region(note: Note, line: int) -> bool:
    """Whether the line break ending `line` is inside a code span, math, link, ..."""
    return note.in_region(note.line_span(line)[1], INLINE)
