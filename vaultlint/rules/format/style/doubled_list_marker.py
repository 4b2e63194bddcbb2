"""No doubled list markers (`- - item`), a slip of copy and paste.

`- - item` is an item holding a list of its own: it renders as a bullet inside a bullet.
Off by default. The fix removes the inner marker (`- item`); since that changes the rendered
list (one level of bullets less), it is unsafe: applied only with `--unsafe-fixes`. Works in
quotes and callouts and at any depth, for bullets and numbers alike (`1. 1. item`).

Fail:
```markdown
- item
- - pasted item
```
Pass:
```markdown
- item
- pasted item
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

_BLANKS = re.compile(r"[ \t]+")


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    text = note.text
    starts = {item.start: item for lst in lists(note) for item in lst.items}
    for outer in sorted(starts.values(), key=lambda it: it.start):
        blanks = _BLANKS.match(text, outer.start + len(outer.marker))
        inner = starts.get(blanks.end()) if blanks else None
        if inner is None or inner.line != outer.line:
            continue
        gap = _BLANKS.match(text, inner.start + len(inner.marker))
        end = gap.end() if gap else inner.start + len(inner.marker)
        yield ctx.diagnostic(inner.start, inner.start + len(inner.marker), "doubled list marker",
                             Fix.unsafe(Edit(inner.start, end, ""), intents=BODY))


RULE = Rule(
    code="FMT209",
    name="doubled-list-marker",
    severity=Severity.INFO,
    summary="No doubled list markers (`- - item`)",
    table="no doubled list markers (`- - item`)",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    aliases=("remove-consecutive-list-markers",),
    examples=(
        Example("- item\n- - pasted\n", "- item\n- pasted\n", unsafe=True),
        Example("> 1. 1. item\n", "> 1. item\n", unsafe=True),
        Example("- item - with a dash\n", flagged=False),
    ),
)
