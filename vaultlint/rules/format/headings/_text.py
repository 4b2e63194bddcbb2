"""Where a heading's text is in the note, shared by the heading rules (FMT4xx).

`note.headings` gives a heading's lines; these helpers find the span of its inline text: for
`## Title ##` the `Title`, without the opening `#`s, the optional closing sequence and the
blanks around; for a setext heading, its text lines above the underline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.note import Heading, Note

# `\A`/`\Z` anchored on one line: the opener, and a closing `#` run that follows a blank.
_ATX_OPEN = re.compile(r"\A[ \t]{0,3}#{1,6}(?:[ \t]+|\Z)")
_ATX_CLOSE = re.compile(r"(?:(?<=[ \t])|\A)#+[ \t]*\Z")


def text_span(note: Note, heading: Heading) -> tuple[int, int] | None:
    """(start, end) of the heading's inline text in note.text, or None when it has none."""
    if heading.atx:
        start, end = note.line_span(heading.line)
        line = note.text[start:end]
        opener = _ATX_OPEN.match(line)
        if opener is None:
            return None
        body = line[opener.end():]
        close = _ATX_CLOSE.search(body)
        if close is not None:
            body = body[: close.start()]
        body = body.rstrip(" \t")
        if not body:
            return None
        first = start + opener.end()
        return first, first + len(body)
    last = note.position(heading.end)[0] - 1  # the underline is the heading's last line
    if last < heading.line:
        return None
    start, first_end = note.line_span(heading.line)
    while start < first_end and note.text[start] in " \t":
        start += 1
    end = note.line_span(last)[1]
    while end > start and note.text[end - 1] in " \t":
        end -= 1
    return (start, end) if end > start else None


def top_headings(note: Note) -> Iterator[tuple[Heading, int, int]]:
    """Each heading outside lists and callouts with its text span (a heading inside one starts
    with the container's markers: left alone)."""
    for heading in note.headings:
        if heading.nested:
            continue
        span = text_span(note, heading)
        if span is not None:
            yield heading, span[0], span[1]
