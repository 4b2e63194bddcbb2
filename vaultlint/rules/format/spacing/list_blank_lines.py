"""No blank lines between list items of the same kind (off by default; unsafe fix).

obsidian-linter's "remove empty lines between list markers and checklists": blank lines
between two items of the same kind (numbered, `-`, `+`, `*`, or checklist items) are removed,
nested items included. A list with blank lines between its items is a *loose* list, rendered
with a paragraph in every item; removing them makes it tight, which changes the rendering: so
the fix is unsafe and the rule is off by default. Blank lines between items of different kinds
(a `-` list, then a checklist) are kept, as are blank lines in code, math, HTML, comments
and blockquotes, and blank lines after an item's own paragraphs (only an item line right above
and an item line right below count).

Fail:
```markdown
- one

- two
```
Pass:
```markdown
- one
- two
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note, is_blank
from vaultlint.rules.base import Example, Rule, RuleContext

_ITEM = re.compile(r"[ \t]*(?:(\d{1,9})[.)]|([-+*]))[ \t]+(\[.\][ \t])?")
_BODY = frozenset({"body"})


def _kind(line: str) -> str | None:
    m = _ITEM.match(line)
    if m is None:
        return None
    marker = "1." if m.group(1) else m.group(2)
    return marker + (" [ ]" if m.group(3) else "")


def _item_lines(note: Note) -> set[int]:
    base = note.body_first_line
    return {base + t.map[0] for t in note.tokens if t.type == "list_item_open" and t.map}


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    items = _item_lines(note)
    skip = note.block_lines.keys() | note.comment_lines
    line = note.body_first_line
    while line < note.line_count:
        end = line
        while end < note.line_count and is_blank(note.line_text(end)) and end not in skip:
            end += 1
        if end > line and line - 1 in items and end in items and end < note.line_count:
            kind = _kind(note.line_text(line - 1))
            if kind is not None and kind == _kind(note.line_text(end)):
                start, stop = note.line_starts[line], note.line_starts[end]
                yield ctx.diagnostic(start, start, "blank line between list items",
                                     Fix.unsafe(Edit(start, stop, ""), intents=_BODY))
        line = max(end, line + 1)


RULE = Rule(
    code="FMT109",
    name="list-item-blank-lines",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="No blank lines between list items of the same kind",
    table="no blank lines between list items",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    examples=(
        Example("- one\n\n- two\n", "- one\n- two\n", unsafe=True),
        Example("- one\n\n\t- nested\n\n- two\n", "- one\n\t- nested\n- two\n", unsafe=True),
        Example("- one\n\n- [ ] task\n", flagged=False),
        Example("```\n- one\n\n- two\n```\n", flagged=False),
    ),
    aliases=("remove-empty-lines-between-list-markers-and-checklists",),
)
