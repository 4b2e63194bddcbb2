"""Blockquote markers are written one way: `> text` (a space after each `>`) or `>text`.

A taste rule, off by default. Covers quotes and callouts, nested ones too (`>>text` becomes
`> > text`). Lines inside a code, math or HTML block in a quote and lines inside `%%`
comments are left alone (the space after `>` may be part of the code). With `no space`, the
indentation that keeps a line inside a list item of the quote is kept (`>   continued`), since
removing it would move the line out of the item; only the spaces between markers go.

Options:
- `style` (`space` or `no space`; default `space`).

Fail:
```markdown
>quote
>>nested
```
Pass:
```markdown
> quote
> > nested
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.style.bullet_marker import MARKUP

# The quote markers at the start of a line: the indentation (a quote in a list item) and the
# run of `>`, each with the blanks after it.
_PREFIX = re.compile(r"[ \t]*((?:>[ \t]*)+)")
_MARKER = re.compile(r">([ \t]*)")


def _quote_lines(note: Note) -> tuple[set[int], set[int]]:
    """0-based lines inside a blockquote, and lines continuing a list item (not its first)."""
    quoted: set[int] = set()
    in_item: set[int] = set()
    first = note.body_first_line
    for tok in note.tokens:
        if not tok.map:
            continue
        if tok.type == "blockquote_open":
            quoted.update(range(first + tok.map[0], first + tok.map[1]))
        elif tok.type == "list_item_open":
            in_item.update(range(first + tok.map[0] + 1, first + tok.map[1]))
    return quoted, in_item


def _rewrite(prefix: str, style: str, keep_indent: bool, at_end: bool) -> str:
    """The marker run written in `style`; `at_end`: nothing follows it on the line."""
    markers = _MARKER.findall(prefix)  # the blanks after each `>`
    if style == "space":
        blanks = [b or " " for b in markers]
        if at_end and not markers[-1]:
            blanks[-1] = ""
        return "".join(">" + b for b in blanks)
    return ">" * len(markers) + (markers[-1] if keep_indent else "")


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    style = ctx.options["style"]
    quoted, in_item = _quote_lines(note)
    skip = note.block_lines.keys() | note.comment_lines
    for line in sorted(quoted - skip):
        start, end = note.line_span(line)
        m = _PREFIX.match(note.text, start, end)
        if not m:
            continue  # a lazy continuation line: no marker to write
        s, e = m.span(1)
        new = _rewrite(m.group(1), style, line in in_item, e == end)
        if new != m.group(1):
            message = ("blockquote marker needs a space after it" if style == "space"
                       else "blockquote marker should have no space after it")
            yield ctx.diagnostic(s, e, message, Fix.safe(Edit(s, e, new), intents=MARKUP))


RULE = Rule(
    code="FMT203",
    name="quote-marker-space",
    severity=Severity.INFO,
    summary="Blockquote markers are followed by a space (or by none)",
    table="space after blockquote `>`",
    docs=__doc__,
    check=check,
    fix="safe",
    default_enabled=False,
    options={"style": "space"},
    options_schema={"style": {"enum": ["space", "no space"]}},
    aliases=("blockquote-style",),
    examples=(
        Example(">quote\n>>nested\n", "> quote\n> > nested\n"),
        Example("> [!note] Title\n>body\n", "> [!note] Title\n> body\n"),
        Example(">```\n>code\n>```\n", flagged=False),
        Example("> > a\n", ">>a\n", options={"style": "no space"}),
    ),
)
