"""List items are indented with tabs (off by default).

obsidian-linter's "convert spaces to tabs": every `tab-size` spaces of a list item's
indentation become one tab (a remainder of fewer spaces stays), in blockquotes and callouts
too. A matter of taste, so off by default; the fix is safe: a change that would move an item
to another level is refused by the fixer's rendering check. Only list item lines are
re-indented: elsewhere up to three leading spaces mean nothing and four make code. With the
default size, 4 (Markdown's own tab stop), the width is kept to the column: after `> ` a tab
is worth two spaces. Lines in code, math, HTML, comments and the frontmatter are never touched.

Options:
- `tab-size` (integer 1-16, default 4): how many spaces make one tab.

Fail:
```markdown
- item
    - nested with four spaces
```
Pass:
```markdown
- item
	- nested with a tab
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext

# Blockquote markers, then the run of spaces before a list marker.
_MARKDOWN_TAB = 4  # CommonMark's tab stop
_INDENTED_ITEM = re.compile(r"((?: {0,3}>[ ]?)*)( +)(?:[-+*]|\d{1,9}[.)])(?:[ \t]|\Z)")


def _tabs(column: int, spaces: int, size: int) -> str:
    """`spaces` spaces from `column` as tabs. With the size Markdown gives a tab (4) the width
    is kept exactly: after `> ` (column 2) a tab reaches column 4, two spaces' worth. With another
    size every `size` spaces become a tab, as the peer does (the width then changes)."""
    if size != _MARKDOWN_TAB:
        tabs, rest = divmod(spaces, size)
        return "\t" * tabs + " " * rest
    out, col, end = "", column, column + spaces
    while (stop := (col // _MARKDOWN_TAB + 1) * _MARKDOWN_TAB) <= end:
        out, col = out + "\t", stop
    return out + " " * (end - col)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    size = ctx.options["tab-size"]
    skip = note.block_lines.keys() | note.comment_lines
    for line in range(note.body_first_line, note.line_count):
        if line in skip:
            continue
        m = _INDENTED_ITEM.match(note.line_text(line))
        if m is None:
            continue
        new = _tabs(m.start(2), len(m.group(2)), size)
        if "\t" not in new:
            continue
        start = note.line_starts[line] + m.start(2)
        yield ctx.diagnostic(start, start + len(m.group(2)), "list item indented with spaces",
                             Fix.safe(Edit(start, start + len(m.group(2)), new)))


RULE = Rule(
    code="FMT110",
    name="indent-with-tabs",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="List items are indented with tabs",
    table="list indentation with tabs",
    docs=__doc__,
    check=check,
    fix="safe",
    default_enabled=False,
    options={"tab-size": 4},
    options_schema={"tab-size": {"type": "integer", "minimum": 1, "maximum": 16}},
    examples=(
        Example("- item\n    - nested\n", "- item\n\t- nested\n"),
        Example("- item\n   - nested\n", "- item\n\t- nested\n", options={"tab-size": 3}),
        Example("> - item\n>   - nested\n", "> - item\n> \t- nested\n"),
        Example("- item\n\n  ```\n      - code\n  ```\n", flagged=False),
    ),
    aliases=("convert-spaces-to-tabs",),
)
