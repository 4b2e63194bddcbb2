"""Headings start at the beginning of their line.

Up to three spaces before a `#` heading still make a heading, but they hide it in the source
and some tools do not read it as one. The spaces are removed; the heading renders the same.
Four spaces make an indented code block, not a heading, and a `#tag` is no heading: both are
left alone, as are headings inside lists and blockquotes (their indentation is the list's) and
underlined (setext) headings.

Fail:
```markdown
   ## Section
```
Pass:
```markdown
## Section
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    text = note.text
    for h in note.headings:
        if h.nested or not h.atx or text[h.start] != " ":
            continue
        hash_at = h.start + len(text[h.start:h.end]) - len(text[h.start:h.end].lstrip(" "))
        yield ctx.diagnostic(h.start, hash_at, "heading is indented",
                             Fix.safe(Edit(h.start, hash_at, "")))


RULE = Rule(
    code="FMT106",
    name="heading-indentation",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="Headings start at the beginning of their line",
    table="no spaces before a `#` heading",
    docs=__doc__,
    check=check,
    fix="safe",
    examples=(
        Example("   ## Section ##\nText\n", "## Section ##\nText\n"),
        Example("  #test\n  # Heading\n", "  #test\n# Heading\n"),
        Example("    # code, not a heading\n", flagged=False),
        Example("- item\n   # heading in a list\n", flagged=False),
    ),
    aliases=("headings-start-line",),
)
