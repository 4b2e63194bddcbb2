"""An empty frontmatter block (`---` directly followed by `---`, or only blank lines/comments
between) carries nothing: it is removed.

Fail:
```markdown
---
---
Text
```
Pass:
```markdown
Text
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix
from vaultlint.note import BOM, Note
from vaultlint.rules.base import Example, Rule, RuleContext


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is None or not fm.closed or fm.error is not None or fm.data is not None:
        return
    yaml_text = note.text[fm.content_start:fm.content_end]
    # Only blank: removable. Comments only: still reported, but kept (they may be notes to self).
    # A U+FEFF right after the block would start the note once the block is gone and be read
    # as a byte order mark, the rest then read as frontmatter: no fix then.
    removable = not yaml_text.strip() and not note.text.startswith(BOM, fm.end)
    fix = Fix.safe(Edit(fm.start, fm.end, ""), intents=frozenset({"frontmatter"})) \
        if removable else None
    yield ctx.at_line(fm.first_line, "empty frontmatter block", fix)


RULE = Rule(
    code="FM104",
    name="empty-frontmatter",
    summary="No empty `---` frontmatter block",
    table="empty `---`/`---` block removed",  # the README's rule table
    docs=__doc__,
    check=check,
    fix="safe",
    examples=(
        Example("---\n---\nText\n", "Text\n"),
        Example("---\n\n---\n# Title\n", "# Title\n"),
        Example("---\ntitle: x\n---\n", flagged=False),
    ),
)
