"""No empty list items (a marker with nothing after it, `-` or `2.` or `- [ ]` alone).

An empty item renders as an empty bullet (`<li></li>`), usually left over from editing.
Off by default. The fix deletes the item's line; since that removes a bullet from the rendered
note (and changes the numbers an ordered list shows after it), it is unsafe: applied only
with `--unsafe-fixes`. Like obsidian-linter, the fix does not renumber the items that follow
(`ordered-list-number` does that). A marker that starts an item whose text is on the next
lines is not empty, and a marker alone under a paragraph line is text of that paragraph
(CommonMark: an empty item cannot interrupt a paragraph); neither is a marker sharing its line with an outer item's (`- -`, see
`doubled-list-marker`). Templates often hold empty items on purpose, to be filled in: leave
their folder out (`per-file-ignores`, or `exclude`).

Fail:
```markdown
- one
-
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
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.style._lists import lists
from vaultlint.rules.format.style.bullet_marker import BODY

_CONTAINERS = re.compile(r"[ \t>]*")  # what may stand before the marker: indentation, quotes
_EMPTY_TASK = re.compile(r"[ \t]*\[.\][ \t]*")


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    text = note.text
    for lst in lists(note):
        for item in lst.items:
            line_start, line_end = note.line_span(item.line)
            rest = text[item.start + len(item.marker) : line_end]
            single = all(not note.line_text(ln).strip()
                         for ln in range(item.line + 1, min(item.end_line, note.line_count)))
            if not single or (rest.strip() and not _EMPTY_TASK.fullmatch(rest)):
                continue
            if _CONTAINERS.fullmatch(text, line_start, item.start) is None:
                continue  # `- -`: the outer item's marker is on this line too
            next_start = (note.line_starts[item.line + 1] if item.line + 1 < note.line_count
                          else line_end)
            yield ctx.diagnostic(item.start, line_end, "empty list item",
                                 Fix.unsafe(Edit(line_start, next_start, ""), intents=BODY))


RULE = Rule(
    code="FMT208",
    name="empty-list-item",
    severity=Severity.INFO,
    summary="No empty list items",
    table="no empty list items",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    aliases=("remove-empty-list-markers",),
    examples=(
        Example("- one\n-\n- two\n", "- one\n- two\n", unsafe=True),
        Example("1. one\n2.\n3. three\n", "1. one\n3. three\n", unsafe=True),
        Example("- [ ] one\n- [x]\n", "- [ ] one\n", unsafe=True),
        Example("-\n  text below the marker\n", flagged=False),
    ),
)
