"""Blank lines around one kind of block (code fences, math, tables, rules, blockquotes): the
shared check of the `blank-lines-around-*` rules.

A block is found from markdown-it's block tokens, so what CommonMark calls a fence, a table or
a thematic break is exactly what is checked (`Text\n---` is a heading, a line right after a
table is one more row). Inside a blockquote or callout the blank line is a `>` line at the
block's depth (`> >` in a nested quote); a block that starts or ends a quote gets its blank
line outside that quote, at the depth of the quotes around it. A block right under a callout's
title line (`> [!note] Title`, `> [!note|wide] Title`) needs no blank line above: Obsidian
renders the title apart. Left alone:

- a block inside a list item or footnote: a blank line there makes the list loose (rendered
  with paragraphs), which is no longer layout;
- the first block of the body (the frontmatter's blank line is `blank-line-after-frontmatter`'s)
  and a block ending the note;
- a block inside a `%% comment %%`;
- the line between a block and a `^block-id` line right under it: Obsidian gives that id to
  the block it touches;
- a math block right under a list item: Obsidian reads `$$` math as part of the text it
  follows, so that math (and a line of text right under it) is a lazy line of the item,
  rendered inside it; a blank line would move it out of the list.
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
# `> [!note] Title`, markers stripped; the type may carry metadata (`[!note|wide]`, `[!tip:]`)
_CALLOUT_TITLE = re.compile(r"[ \t]*\[![^\]\r\n]*\]")
_BLOCK_ID = re.compile(r"[ \t>]*\^[A-Za-z0-9-]+[ \t]*$")  # `^id`, in a quote or not
_LISTS = frozenset({"bullet_list_open", "ordered_list_open"})


@dataclass(frozen=True)
class Block:
    first: int  # 0-based note line of the block's first line
    end: int  # note line just after its last line
    quotes: tuple[tuple[int, int], ...]  # (first, end) lines of the blockquotes holding it
    after_list: bool = False  # right under a list, with no blank line between


def blocks(note: Note, types: frozenset[str]) -> Iterator[Block]:
    """Blocks of `types` (a token type, `table_open` for a table) outside lists and footnotes."""
    base = note.body_first_line
    stack: list[Token] = []
    closed: Token | None = None  # the container closed just before this token, if any
    for tok in note.tokens:
        if tok.nesting == -1:
            closed = stack.pop() if stack else None
            continue
        if tok.type in types and tok.map and all(t.type == "blockquote_open" for t in stack):
            quotes = tuple((base + t.map[0], _end(note, base + t.map[0], base + t.map[1]))
                           for t in stack if t.map)
            after_list = (closed is not None and closed.type in _LISTS and closed.map is not None
                          and closed.map[1] == tok.map[0])
            first = base + tok.map[0]
            yield Block(first, _end(note, first, base + tok.map[1]), quotes, after_list)
        closed = None
        if tok.nesting == 1:
            stack.append(tok)


def _end(note: Note, first: int, end: int) -> int:
    """The block's end without the blank lines markdown-it counts in it (a list ending a quote
    takes the blank line after the quote into the quote's map)."""
    while end - 1 > first and is_blank(note.line_text(end - 1)):
        end -= 1
    return end


def _fence_closed(note: Note, tok: Token, base: int, depth: int) -> bool:
    """Whether the fence's last line closes it (the same character, at least as many)."""
    if tok.map is None or tok.map[1] - tok.map[0] < 2:
        return False
    last = _strip_quotes(note.line_text(base + tok.map[1] - 1), depth)
    if last is None:
        return False
    last = last.strip(" \t")
    return (len(last) >= len(tok.markup) and set(last) == {tok.markup[0]})


def _unclosed_fences(note: Note) -> list[tuple[int, int]]:
    """(first, end) note lines of the fences that no fence line closes."""
    base, depth, spans = note.body_first_line, 0, []
    for tok in note.tokens:
        if tok.type in ("blockquote_open", "blockquote_close"):
            depth += tok.nesting
        elif tok.type == "fence" and tok.map and not _fence_closed(note, tok, base, depth):
            spans.append((base + tok.map[0], base + tok.map[1]))
    return spans


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


def _block_id(note: Note, line: int) -> bool:
    return line < note.line_count and _BLOCK_ID.match(note.line_text(line)) is not None


def _missing(note: Note, block: Block, lazy_math: bool) -> list[tuple[str, int, int]]:
    """(side, 0-based line before which a blank line goes, its quote depth) for each side
    lacking one. A block that starts (ends) a quote needs its blank line outside that quote,
    at the depth of the quotes that go on above (below) it, as the peer does."""
    sides: list[tuple[str, int, int]] = []
    above = [q for q in block.quotes if q[0] < block.first]
    top = above[-1][0] if above else note.body_first_line
    if above and block.first - 1 == top and _callout_title(note, top, len(above)):
        top = block.first  # Obsidian renders a callout's title apart: its body starts below it
    # Obsidian renders math right under a list item inside that item
    lazy = (lazy_math and block.after_list and block.first > 0
            and not _blank_at(note, block.first - 1, len(above)))
    if block.first > top and not lazy and not _blank_at(note, block.first - 1, len(above)):
        sides.append(("above", block.first, len(above)))
    below = [q for q in block.quotes if q[1] > block.end]
    bottom = min(below[-1][1] if below else note.line_count, note.line_count)
    if (block.end < bottom and not lazy and not _blank_at(note, block.end, len(below))
            and not _block_id(note, block.end)):
        sides.append(("below", block.end, len(below)))
    return sides


def check_blocks(note: Note, ctx: RuleContext, types: frozenset[str],
                 noun: str) -> Iterator[Diagnostic]:
    """One finding per block lacking a blank line above, below or both; its fix adds them. A
    blank line two blocks share (`a` below one, above the next) is reported once."""
    taken: set[int] = set()
    broken = _unclosed_fences(note)
    for block in blocks(note, types):
        if (any(first < block.end and block.first < end for first, end in broken)
                or note.in_region(note.line_starts[block.first], {"comment"})):
            continue
        edits, sides = [], []
        for side, line, depth in _missing(note, block, "math_block" in types):
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
               alias: str, examples: tuple[Example, ...], default_enabled: bool = True) -> Rule:
    """A `blank-lines-around-*` rule: a blank line around these blocks never changes how the
    note renders (the fixer's verify checks it on every fix). On by default where markdownlint's
    default rules want the same (fences MD031, tables MD058); around rules, math and quotes it is
    a house style that real vaults write both ways (one had 1,496 rules glued to the next line),
    so those are off by default."""

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
        default_enabled=default_enabled,
        examples=examples,
        aliases=(alias,),
    )
