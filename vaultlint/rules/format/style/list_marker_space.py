"""One space between a list marker and the item's text.

`-   item` and `1.  item` become `- item` and `1. item`; the rendered list is the same (the
fixer checks it). Off by default: some writers align the text of `9.` and `10.` items or use
a wide marker on purpose. A marker followed by five columns or more of blanks starts an
indented code block inside the item and is left alone, as are empty items. The spaces after a
task's checkbox (`- [ ]    task`) are text of the item, kept in the rendered HTML, so they are
not touched.

Fail:
```markdown
-   one
1.  two
```
Pass:
```markdown
- one
1. two
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.style._lists import lists

_BLANKS = re.compile(r"[ \t]+")


def _width(blanks: str, column: int) -> int:
    """Columns the blanks take from `column` (tabs stop every 4 columns, as in CommonMark)."""
    start = column
    for c in blanks:
        column = column + 4 - column % 4 if c == "\t" else column + 1
    return column - start


def _next_line_would_join(note: Note, line: int, new_column: int) -> bool:
    """Whether the first non-blank line after the item is indented enough to become part of
    it once its text starts at `new_column` (`-   a` then `  - b`: `b` would nest under `a`)."""
    while line < note.line_count and not note.line_text(line).strip():
        line += 1
    if line >= note.line_count:
        return False
    text = note.line_text(line)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    return _width(indent, 0) >= new_column


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    text = note.text
    for lst in lists(note):
        for item in lst.items:
            after = item.start + len(item.marker)
            line_end = note.line_span(item.line)[1]
            m = _BLANKS.match(text, after, line_end)
            if not m or m.end() == line_end or m.group() == " ":
                continue
            column = after - note.line_starts[item.line]
            if _width(m.group(), column) >= 5:
                continue  # the item starts with indented code
            if _next_line_would_join(note, item.end_line, column + 1):
                continue
            yield ctx.diagnostic(m.start(), m.end(), "one space after a list marker",
                                 Fix.safe(Edit(m.start(), m.end(), " ")))


RULE = Rule(
    code="FMT207",
    name="list-marker-space",
    severity=Severity.INFO,
    summary="One space between a list marker and the item's text",
    table="one space after a list marker",
    docs=__doc__,
    check=check,
    fix="safe",
    default_enabled=False,
    aliases=("space-after-list-markers",),
    examples=(
        Example("-   one\n1.  two\n", "- one\n1. two\n"),
        Example("-   one\n  - two\n", flagged=False),
        Example("1.  one\n2.   two\n", "1. one\n2. two\n"),
        Example("-     code in the item\n", flagged=False),
        Example("> -  [ ]  task\n", "> - [ ]  task\n"),
    ),
)
