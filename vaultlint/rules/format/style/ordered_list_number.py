"""Ordered lists are numbered one way (`1. 2. 3.` or `1. 1. 1.`) with one delimiter.

A taste rule, off by default. Only the first number of an ordered list shows in the rendered
note (it is the list's `start`); the others are written for the reader of the source. So
renumbering the items after the first renders the same and is a safe fix; changing the first
number (a list starting at 4 renumbered from 1, with `preserve-start = false`) changes the
numbers the reader sees and is unsafe. Each list, nested ones included, is numbered on its
own. As with bullets, a list ends where the delimiter changes (`1.` then `1)`): a fix that
would join two lists into one is unsafe.

A nested list needs the indentation of its parent's text (three spaces under `1. `): an item
indented by two is an item of the outer list in CommonMark, and is numbered with it.

Options:
- `number-style` (`ascending`, `lazy` or `preserve`; default `ascending`): `ascending` numbers
  1, 2, 3, ...; `lazy` gives every item the list's first number; `preserve` keeps every number (only
  the delimiter is checked).
- `list-end-style` (`.` or `)`; default `.`): the delimiter after the number.
- `preserve-start` (bool, default false): keep each list's first number (`4. 5. 6.`) instead
  of starting at 1.

Fail:
```markdown
1. one
1. two
4. three
```
Pass:
```markdown
1. one
2. two
3. three
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.style._lists import List, lists
from vaultlint.rules.format.style.bullet_marker import BODY, MARKUP, merges


def _numbers(lst: List, options: dict) -> list[int]:
    own = [item.number or 0 for item in lst.items]
    style = options["number-style"]
    if style == "preserve":
        return own
    start = own[0] if options["preserve-start"] else 1
    if style == "ascending":
        return [start + k for k in range(len(own))]
    return [start] * len(own)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    ordered = [lst for lst in lists(note) if lst.kind == "ordered"]
    delimiter = ctx.options["list-end-style"]
    changed = {id(lst): delimiter for lst in ordered}  # every list ends up with this delimiter
    for lst in ordered:
        numbers = _numbers(lst, ctx.options)
        edits = [Edit(item.start, item.start + len(item.marker), f"{n}{delimiter}")
                 for item, n in zip(lst.items, numbers) if item.marker != f"{n}{delimiter}"]
        if not edits:
            continue
        first = lst.items[0]
        if numbers[0] != first.number:
            fix = Fix.unsafe(*edits, intents=BODY)
            why = f" (the list would start at {numbers[0]}, not {first.number})"
        elif lst.delimiter != delimiter and merges(lst, changed):
            fix, why = Fix.unsafe(*edits, intents=BODY), " (joins it to the list beside it)"
        else:
            fix, why = Fix.safe(*edits, intents=MARKUP), ""
        wanted = " ".join(f"{n}{delimiter}" for n in numbers[:3]) + (" ..." if len(numbers) > 3 else "")
        yield ctx.diagnostic(first.start, first.start + len(first.marker),
                             f"ordered list should be numbered {wanted}{why}", fix)


RULE = Rule(
    code="FMT202",
    name="ordered-list-number",
    severity=Severity.INFO,
    summary="Ordered lists are numbered one way, with one delimiter",
    table="ordered list numbering (`1. 2. 3.` or `1. 1. 1.`) and delimiter",
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
    default_enabled=False,
    options={"number-style": "ascending", "list-end-style": ".", "preserve-start": False},
    options_schema={"number-style": {"enum": ["ascending", "lazy", "preserve"]},
                    "list-end-style": {"enum": [".", ")"]},
                    "preserve-start": {"type": "boolean"}},
    aliases=("ordered-list-style",),
    examples=(
        Example("1. one\n1. two\n4. three\n", "1. one\n2. two\n3. three\n"),
        Example("1. one\n2. two\n", "1. one\n1. two\n", options={"number-style": "lazy"}),
        Example("4. four\n4. five\n", "4. four\n5. five\n", options={"preserve-start": True}),
        Example("4. four\n4. five\n", "1. four\n2. five\n", unsafe=True),
        Example("1) one\n2) two\n", "1. one\n2. two\n"),
    ),
)
