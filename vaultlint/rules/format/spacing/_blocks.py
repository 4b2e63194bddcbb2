"""Blank lines around one kind of block (code fences, math, tables, rules, blockquotes): the
shared check of the `blank-lines-around-*` rules.

A block is found from markdown-it's block tokens, so what CommonMark calls a fence, a table or
a thematic break is exactly what is checked (`Text\n---` is a heading, a line right after a
table is one more row). Inside a blockquote or callout the blank line is a `>` line at the
block's depth (`> >` in a nested quote); a block that starts or ends a quote gets its blank
line outside that quote, at the depth of the quotes around it. A block right under a callout's
title line (`> [!note] Title`) needs no blank line above: Obsidian renders the title apart.
Left alone:

- a block inside a list item or footnote: a blank line there makes the list loose (rendered
  with paragraphs), which is no longer layout;
- the first block of the body (the frontmatter's blank line is `blank-line-after-frontmatter`'s)
  and a block ending the note;
- a block inside a `%% comment %%`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it.token import Token

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note, is_blank
from vaultlint.rules.base import Example, Rule, RuleContext

_QUOTE_MARKER = re.compile(r" {0,3}>")
_CALLOUT_TITLE = re.compile(r"[ \t]*\[![\w-]*\]")  # `> [!note] Title`, markers stripped


@dataclass(frozen=True)
class Block:
    first: int  # 0-based note line of the block's first line
    end: int  # note line just after its last line
    quotes: tuple[tuple[int, int], ...]  # (first, end) lines of the blockquotes holding it


def blocks(note: Note, types: frozenset[str]) -> Iterator[Block]:
    """Blocks of `types` (a token type, `table_open` for a table) outside lists and footnotes."""
    base = note.body_first_line
    stack: list[Token] = []
    for tok in note.tokens:
        if tok.nesting == -1:
            if stack:
                stack.pop()
            continue
        if tok.type in types and tok.map and all(t.type == "blockquote_open" for t in stack):
            quotes = tuple((base + t.map[0], base + t.map[1]) for t in stack if t.map)
            yield Block(base + tok.map[0], base + tok.map[1], quotes)
        if tok.nesting == 1:
            stack.append(tok)


def _strip_quotes(line: str, depth: int) -> str | None:
    """The line without its first `depth` blockquote markers (None if it has fewer)."""
    for _ in range(depth):
        m = _QUOTE_MARKER.match(line)
        if m is None:
            return None
        line = line[m.end():]
    return line


def _blank_at(note: Note, line: int, depth: int) -> bool:
    text = note.line_text(line)
    if is_blank(text):
        return True
    inner = _strip_quotes(text, depth)
    return inner is not None and is_blank(inner)


def _callout_title(note: Note, line: int, depth: int) -> bool:
    inner = _strip_quotes(note.line_text(line), depth)
    return inner is not None and _CALLOUT_TITLE.match(inner) is not None


def _prefix(note: Note, line: int, depth: int) -> str:
    """The blockquote markers of `line` up to `depth`, as an empty quote line writes them."""
    text = note.line_text(line)
    inner = _strip_quotes(text, depth)
    return text[: len(text) - len(inner)].rstrip(" \t") if inner is not None else ""


def _missing(note: Note, block: Block) -> list[tuple[str, int, int]]:
    """(side, 0-based line before which a blank line goes, its quote depth) for each side
    lacking one. A block that starts (ends) a quote needs its blank line outside that quote,
    at the depth of the quotes that go on above (below) it, as the peer does."""
    sides: list[tuple[str, int, int]] = []
    above = [q for q in block.quotes if q[0] < block.first]
    top = above[-1][0] if above else note.body_first_line
    if above and block.first - 1 == top and _callout_title(note, top, len(above)):
        top = block.first  # Obsidian renders a callout's title apart: its body starts below it
    if block.first > top and not _blank_at(note, block.first - 1, len(above)):
        sides.append(("above", block.first, len(above)))
    below = [q for q in block.quotes if q[1] > block.end]
    bottom = min(below[-1][1] if below else note.line_count, note.line_count)
    if block.end < bottom and not _blank_at(note, block.end, len(below)):
        sides.append(("below", block.end, len(below)))
    return sides


def check_blocks(note: Note, ctx: RuleContext, types: frozenset[str],
                 noun: str) -> Iterator[Diagnostic]:
    """One finding per block lacking a blank line above, below or both; its fix adds them. A
    blank line two blocks share (`a` below one, above the next) is reported once."""
    taken: set[int] = set()
    for block in blocks(note, types):
        if note.in_region(note.line_starts[block.first], {"comment"}):
            continue
        edits, sides = [], []
        for side, line, depth in _missing(note, block):
            at = note.line_starts[line]
            if at in taken or note.in_region(at, {"comment"}):
                continue
            taken.add(at)
            edits.append(Edit(at, at, _prefix(note, block.first, depth) + note.newline))
            sides.append(side)
        if edits:
            blanks = "a blank line" if len(edits) == 1 else "blank lines"
            start, end = note.line_span(block.first)
            yield ctx.diagnostic(start, end, f"{noun} needs {blanks} {' and '.join(sides)} it",
                                 Fix.safe(*edits))


def block_rule(code: str, name: str, noun: str, types: frozenset[str], docs: str | None,
               alias: str, examples: tuple[Example, ...]) -> Rule:
    """A `blank-lines-around-*` rule: on by default, as a blank line around these blocks
    never changes how the note renders (the fixer's verify checks it on every fix)."""

    def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
        return check_blocks(note, ctx, types, noun)

    return Rule(
        code=code,
        name=name,
        severity=Severity.INFO,  # layout: reported after errors and warnings
        summary=f"{noun[0].upper()}{noun[1:]}s are surrounded by blank lines",
        table=f"blank lines around {noun}s",
        docs=docs or "",
        check=check,
        fix="safe",
        examples=examples,
        aliases=(alias,),
    )
