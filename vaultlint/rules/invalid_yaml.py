"""Frontmatter that is not a usable YAML mapping.

Reports unparsable YAML, duplicate keys, a top level that is not a mapping (a list, a bare
string) and an opening `---` never closed, on the line where the problem is. The note is still
checked by every rule that does not need its properties; rules that do need them see none.

A template placeholder left unquoted (`title: {{date}}` from core Templates, a Templater tag
such as `<% tp.file.title %>: x`) is the usual cause in template notes: `{{` opens a YAML
mapping. The message then names the placeholder and says to quote it (`title: "{{date}}"`),
which keeps the template working; when quotes inside a quoted Templater tag end the value
early (`week: "[[<% tp.date.now("YYYY") %>]]"`), it suggests the other quotes.

Fail:
```markdown
---
title: a
title: b
---
```
Pass:
```markdown
---
title: a
---
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is None or fm.error is None:
        return
    yield ctx.at_line((fm.error_line or 1) - 1, fm.error)


RULE = Rule(
    code="FM101",
    name="invalid-yaml",
    summary="Frontmatter is valid YAML: parsable, a mapping, no duplicate keys, closed",
    table=(  # the README's rule table
        "unparsable YAML, duplicate keys, non-mapping top level, unclosed `---` "
        "([docs/frontmatter.md](docs/frontmatter.md))"),
    docs=__doc__,
    check=check,
    severity=Severity.ERROR,
    examples=(
        Example("---\ntitle: a\ntitle: b\n---\n"),
        Example("---\n- a\n- b\n---\n"),
        Example("---\ntitle: [unclosed\n---\n"),
        Example("---\ntitle: {{date}}\n---\n"),
        Example('---\ntitle: "{{date}}"\n---\n', flagged=False),
        Example("---\ntitle: a\n---\n", flagged=False),
    ),
)
