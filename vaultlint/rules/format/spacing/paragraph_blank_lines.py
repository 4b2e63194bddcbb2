"""Every paragraph line stands alone between blank lines (off by default; unsafe fix).

obsidian-linter's "paragraph blank lines": each line of a paragraph becomes a paragraph of its
own, with a blank line above and below it. This changes how the note renders (lines joined by
a soft break become separate paragraphs), so the fix is unsafe and the rule is off by
default. A line ending in a hard break (two spaces, `\\`, `<br>`) continues its paragraph.
Left alone: paragraphs in lists, blockquotes and callouts, lines in code, math, HTML and
`%% comments %%`, a line break inside a code span or link, a `^block-id` line (splitting it
off would move the block id to a paragraph of its own) and a line indented by four columns or
a tab (after a blank line it would be a code block).

Fail:
```markdown
# Title
First line.
Second line.
```
Pass:
```markdown
# Title

First line.

Second line.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note, is_blank
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.spacing._paragraphs import break_inside_region, hard_break, paragraphs

_BLOCK_ID = re.compile(r"[ \t]*\^[A-Za-z0-9-]+[ \t]*\Z")
_BODY = frozenset({"body"})


def _indented_code(text: str) -> bool:
    """Whether a line indented like this is an indented code block after a blank line (four
    columns, a tab counting to the next multiple of four)."""
    column = 0
    for char in text:
        if char not in " \t":
            break
        column = column + 1 if char == " " else column // 4 * 4 + 4
        if column >= 4:
            return True
    return False


def _splits(note: Note, first: int, end: int) -> list[int]:
    """Lines of the paragraph before which a blank line goes (soft breaks inside it): not
    before an indented line, which would become code (`\t1. a` continuing a paragraph)."""
    return [line + 1 for line in range(first, end - 1)
            if not hard_break(note.line_text(line)) and not break_inside_region(note, line)
            and not _BLOCK_ID.match(note.line_text(line + 1))
            and not _indented_code(note.line_text(line + 1))]


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    for first, end in paragraphs(note, top_level=True):
        lines = _splits(note, first, end)
        if first > note.body_first_line and not is_blank(note.line_text(first - 1)):
            lines.insert(0, first)
        if end < note.line_count and not is_blank(note.line_text(end)):
            lines.append(end)
        if lines:
            edits = [Edit(note.line_starts[n], note.line_starts[n], note.newline) for n in lines]
            yield ctx.at_line(first, "paragraph lines need blank lines between and around them",
                              Fix.unsafe(*edits, intents=_BODY))


RULE = Rule(
    code="FMT108",
    name="paragraph-blank-lines",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="Every paragraph line stands alone between blank lines",
    table="one paragraph per line, blank lines between",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    examples=(
        Example("# Title\nFirst line.\nSecond line.\n", "# Title\n\nFirst line.\n\nSecond line.\n",
                unsafe=True),
        Example("Line  \nwith a hard break\n", flagged=False),
        Example("- item\n  continued\n", flagged=False),
        Example("A paragraph\n^block-id\n", flagged=False),
    ),
    aliases=("paragraph-blank-lines",),
)
