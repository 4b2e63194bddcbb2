"""Frontmatter that is not a usable YAML mapping.

Reports unparsable YAML, duplicate keys, a top level that is not a mapping (a list, a bare
string) and an opening `---` never closed, on the line where the problem is. The note is still
checked by every rule that does not need its properties; rules that do need them see none.

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
    docs=__doc__,
    check=check,
    severity=Severity.ERROR,
    examples=(
        Example("---\ntitle: a\ntitle: b\n---\n"),
        Example("---\n- a\n- b\n---\n"),
        Example("---\ntitle: [unclosed\n---\n"),
        Example("---\ntitle: a\n---\n", flagged=False),
    ),
)
