"""What the content rules share: the prose of a note (outside every protected region), the
lines where a fix would change more than text (headings, tables, a line's markup prefix), and
how a text-changing finding is reported."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Callable

from vaultlint.diagnostics import Diagnostic, Edit, Fix
from vaultlint.markdown import LINK, NON_PROSE
from vaultlint.note import Note
from vaultlint.rules.base import RuleContext

BODY = frozenset({"body"})
# Regions no link starts in (a link's text may hold URLs, tags, Dataview fields)
_NOT_LINKS = frozenset({"code", "math", "html", "comment", "frontmatter"})

# A line's block markup: indentation, blockquote markers, a list marker and a task box with the
# blanks after them. Each repeat consumes a marker character, so matching is linear.
_PREFIX = re.compile(r"[ \t]*(?:(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*)*(?:\[.\][ \t]+)?")


def prose_spans(note: Note, skip: frozenset[str] = NON_PROSE) -> Iterator[tuple[int, int]]:
    """(start, end) of the body's text outside the regions of `skip` kinds (code, math, HTML,
    comments, frontmatter, link targets, URLs, tags, Dataview keys by default)."""
    pos = note.body_start
    for region in note.regions:
        if region.kind not in skip:
            continue
        if region.start > pos:
            yield pos, region.start
        pos = max(pos, region.end)
    if pos < len(note.text):
        yield pos, len(note.text)


# A whole Markdown link or image, wikilink or embed
_LINKS = re.compile(r"!?\[\[[^\[\]\n]*\]\]|!?(?<!\])\[[^\[\]\n]*\]\([^()\n]*\)")


def link_spans(note: Note) -> list[tuple[int, int, bool]]:
    """(start, end, embed) of the links whose target the scanner found."""
    spans = []
    for start, end in prose_spans(note, _NOT_LINKS):
        for m in _LINKS.finditer(note.text, start, end):
            link = m.group()
            target = m.start() + (link.find("[[") + 2 if "[[" in link[:3] else link.find("](") + 2)
            region = note.region_at(target)
            if region is not None and region.kind == LINK and region.start == target:
                spans.append((m.start(), m.end(), link.startswith("!")))
    return spans


def prefix_end(note: Note, line: int) -> int:
    """Offset where `line`'s content starts, after its indentation and block markers."""
    start, end = note.line_span(line)
    return _PREFIX.match(note.text, start, end).end()  # type: ignore[union-attr]


def heading_lines(note: Note) -> set[int]:
    """Lines of headings: their text is what `[[note#Heading]]` links name."""
    lines: set[int] = set()
    for heading in note.headings:
        lines.update(range(heading.line, note.position(heading.end)[0] + 1))
    return lines


def table_lines(note: Note) -> set[int]:
    """Lines of GFM tables (their blanks align columns)."""
    lines: set[int] = set()
    first = note.body_first_line
    for tok in note.tokens:
        if tok.type == "table_open" and tok.map:
            lines.update(range(first + tok.map[0], first + tok.map[1]))
    return lines


def text_finding(ctx: RuleContext, start: int, end: int, message: str, edits: list[Edit],
                 headings: set[int], intents: frozenset[str] = BODY) -> Diagnostic:
    """A finding whose fix changes the text (unsafe). In a heading it is reported unfixed:
    links to the heading name its text and would break."""
    if ctx.note.position(start)[0] in headings:
        return ctx.diagnostic(start, end, f"{message} (not fixed in a heading: links to it "
                              "would break)")
    return ctx.diagnostic(start, end, message, Fix.unsafe(*edits, intents=intents))


def regex_findings(note: Note, ctx: RuleContext, pattern: re.Pattern[str],
                   replace: Callable[[re.Match[str]], str | None], message: str,
                   skip: frozenset[str] = NON_PROSE) -> Iterator[Diagnostic]:
    """One unsafe finding per match of `pattern` in the prose, replaced by `replace(match)`
    (None: leave this match alone)."""
    headings = heading_lines(note)
    for start, end in prose_spans(note, skip):
        for m in pattern.finditer(note.text, start, end):
            new = replace(m)
            if new is None or new == m.group():
                continue
            yield text_finding(ctx, m.start(), m.end(), message,
                               [Edit(m.start(), m.end(), new)], headings)


def continuation_lines(note: Note) -> set[int]:
    """Lines of a paragraph after its first: their indentation means nothing (CommonMark strips
    it; a lazy continuation line stays in the paragraph)."""
    lines: set[int] = set()
    first = note.body_first_line
    for tok in note.tokens:
        if tok.type == "paragraph_open" and tok.map:
            lines.update(range(first + tok.map[0] + 1, first + tok.map[1]))
    return lines


def blank_findings(note: Note, ctx: RuleContext, patterns: list[tuple[re.Pattern[str], str]],
                   keep: Callable[[int, int, str], bool],
                   indentation: bool = False) -> Iterator[Diagnostic]:
    """One unsafe finding removing each run of blanks a pattern matches in the prose, unless it
    lies in a line's block markup (indentation, `>`, list marker, task box: they decide which
    block the line is in) or a table row (blanks align its columns), or `keep(start, end,
    message)` says so. Each pattern comes with the
    finding's message. With `indentation`, a paragraph continuation line's indentation may go
    (the patterns then must match only before a character no block starts with)."""
    headings, tables = heading_lines(note), table_lines(note)
    prefixes: dict[int, int] = {}
    continuations = continuation_lines(note) if indentation else set()
    for start, end in prose_spans(note):
        for pattern, message in patterns:
            for m in pattern.finditer(note.text, start, end):
                line = note.position(m.start())[0]
                if line in tables:
                    continue
                if line not in prefixes:
                    prefixes[line] = prefix_end(note, line)
                indent = (line in continuations and m.start() == note.line_starts[line]
                          and m.end() == prefixes[line])
                if (m.start() < prefixes[line] and not indent) or keep(m.start(), m.end(),
                                                                        message):
                    continue
                yield text_finding(ctx, m.start(), m.end(), message,
                                   [Edit(m.start(), m.end(), "")], headings)
