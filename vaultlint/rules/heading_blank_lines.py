"""Headings are surrounded by blank lines.

A heading glued to the paragraph above or below it is hard to spot in the source, and
several Markdown tools do not treat it as a heading. A heading on the first line of the
body (the note's first line, or right after the frontmatter) needs no blank line above
(markdownlint's MD022 choice; obsidian-linter's default would add one after the YAML).
Headings inside lists and callouts are left alone. `#tag` at the start of a line is a tag,
not a heading, and is never touched. A heading missing blank lines on both sides is one
finding ("heading needs blank lines above and below it") whose fix adds both.

Options:
- `before` (bool, default true): require a blank line above.
- `after` (bool, default true): require a blank line below.

Fail:
```markdown
# H1
## H2
line
```
Pass:
```markdown
# H1

## H2

line
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note, is_blank
from vaultlint.rules.base import Example, Rule, RuleContext


def _blank(note: Note, line: int) -> bool:
    return is_blank(note.line_text(line))


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    """One finding per heading, whose fix adds every blank line it lacks (above, below or both)."""
    nl = note.newline
    for h in note.headings:
        if h.nested:
            continue
        last_line = note.position(h.end)[0]
        edits, sides = [], []
        if ctx.options["before"] and h.line > note.body_first_line and not _blank(note, h.line - 1):
            edits.append(Edit(h.start, h.start, nl))
            sides.append("above")
        if ctx.options["after"] and last_line + 1 < note.line_count and not _blank(note, last_line + 1):
            insert_at = note.line_starts[last_line + 1]
            edits.append(Edit(insert_at, insert_at, nl))
            sides.append("below")
        if edits:
            blanks = "a blank line" if len(edits) == 1 else "blank lines"
            message = f"heading needs {blanks} {' and '.join(sides)} it"
            yield ctx.diagnostic(h.start, h.end, message, Fix.safe(*edits))


RULE = Rule(
    code="FMT004",
    name="heading-blank-lines",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="Headings are surrounded by blank lines",
    table="blank lines around headings",
    docs=__doc__,
    check=check,
    fix="safe",
    options={"before": True, "after": True},
    options_schema={"before": {"type": "boolean"}, "after": {"type": "boolean"}},
    examples=(
        Example("# H1\n## H2\nline\n", "# H1\n\n## H2\n\nline\n"),
        Example("#article\nText\n", flagged=False),
        Example("---\nkey: value\n---\n# Header\nParagraph\n", "---\nkey: value\n---\n# Header\n\nParagraph\n"),
        Example("- item\n  # not top level\n", flagged=False),
        Example("# H1\nline\n## H2\n", "# H1\nline\n\n## H2\n", options={"after": False}),
    ),
)
