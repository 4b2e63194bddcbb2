"""A blank line separates the frontmatter from the body (off by default).

With a blank line under the closing `---` the properties and the first line of the note stand
apart in the source; it renders the same. Off by default: Obsidian itself writes the body
right under the frontmatter, and `heading-blank-lines` lets a heading start there. A note that
is only frontmatter, or whose body already starts with a blank line, is left alone.

Fail:
```markdown
---
key: value
---
Text
```
Pass:
```markdown
---
key: value
---

Text
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note, is_blank
from vaultlint.rules.base import Example, Rule, RuleContext


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is None or not fm.closed or note.body_start >= len(note.text):
        return
    line = note.body_first_line
    if note.line_starts[line] != note.body_start or is_blank(note.line_text(line)):
        return
    at = note.body_start
    yield ctx.diagnostic(at, note.line_span(line)[1], "no blank line after the frontmatter",
                         Fix.safe(Edit(at, at, note.newline)))


RULE = Rule(
    code="FMT107",
    name="blank-line-after-frontmatter",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="A blank line separates the frontmatter from the body",
    table="blank line after the frontmatter",
    docs=__doc__,
    check=check,
    fix="safe",
    default_enabled=False,
    examples=(
        Example("---\nkey: value\n---\nText\n", "---\nkey: value\n---\n\nText\n"),
        Example("---\nkey: value\n---\n", flagged=False),
        Example("---\nkey: value\n---\n\n# Title\n", flagged=False),
        Example("Text\n---\nmore\n", flagged=False),
    ),
    aliases=("add-blank-line-after-yaml",),
)
