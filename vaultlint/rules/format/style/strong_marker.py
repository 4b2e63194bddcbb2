"""Strong emphasis (bold) is written with one marker: `**text**` or `__text__`.

A taste rule, off by default. Both render the same `<strong>`; the fix swaps the two
delimiters of each pair and nothing else (`***both***` becomes `*__both__*`). A `**` inside a
word (`a**b**c`) has no `__` form, since `__` never opens or closes inside a word, so it is left
as it is. Strong text in code, math, comments, HTML, link targets, URLs, tags and table cells
is left alone.

Options:
- `style` (`consistent`, `asterisk` or `underscore`; default `consistent`): `consistent` uses
  the marker of the note's first strong text.

Fail:
```markdown
**one** and __two__
```
Pass:
```markdown
**one** and **two**
```
"""

from __future__ import annotations

from vaultlint.rules.base import Example, Rule
from vaultlint.diagnostics import Severity
from vaultlint.rules.format.style.emphasis_marker import OPTIONS_SCHEMA, checker

RULE = Rule(
    code="FMT205",
    name="strong-marker",
    severity=Severity.INFO,
    summary="Strong text is written with one marker (`**` or `__`)",
    table="strong marker (`**a**` or `__a__`)",
    docs=__doc__,
    check=checker("strong", "strong text"),
    fix="safe",
    default_enabled=False,
    options={"style": "consistent"},
    options_schema=OPTIONS_SCHEMA,
    aliases=("strong-style",),
    examples=(
        Example("**one** and __two__\n", "**one** and **two**\n"),
        Example("***both***\n", "*__both__*\n", options={"style": "underscore"}),
        Example("a**b**c\n", flagged=False, options={"style": "underscore"}),
    ),
)
