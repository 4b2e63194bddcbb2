"""Lines that start with a typographic bullet (`•`, `§`) are written as Markdown list items.

Text pasted from a word processor or a web page often keeps its bullets as characters:
`• item` is a paragraph in Markdown, not a list. Off by default. The fix writes `- item`;
since that turns paragraphs into a list (the note renders differently), it is unsafe: applied
only with `--unsafe-fixes`. Only a bullet followed by a space counts, first on its line (after
indentation and quote markers), outside code, math, HTML and comments. Beware `§`: a German or
legal note may start a line with `§ 5 BGB`, which the fix would make a list item; review the
diff.

Fail:
```markdown
• one
• two
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
from vaultlint.rules.format.style.bullet_marker import BODY

_BULLET_LINE = re.compile(r"^[ \t>]*([•§])[ \t]", re.M)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    text = note.text
    if "•" not in text and "§" not in text:
        return
    skip = note.block_lines.keys() | note.comment_lines
    for m in _BULLET_LINE.finditer(text, note.body_start):
        at = m.start(1)
        if note.position(at)[0] in skip or note.in_region(at):
            continue
        yield ctx.diagnostic(at, at + 1, f"`{m.group(1)}` is not a Markdown list marker",
                             Fix.unsafe(Edit(at, at + 1, "-"), intents=BODY))


RULE = Rule(
    code="FMT210",
    name="bullet-character",
    severity=Severity.INFO,
    summary="Typographic bullets (`•`, `§`) are written as Markdown list items",
    table="`•`/`§` bullets as list items",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    aliases=("convert-bullet-list-markers",),
    examples=(
        Example("• one\n• two\n", "- one\n- two\n", unsafe=True),
        Example("> • quoted\n", "> - quoted\n", unsafe=True),
        Example("```\n• code\n```\n\n•no space\n", flagged=False),
    ),
)
