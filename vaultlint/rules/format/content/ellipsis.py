"""Three dots written as one ellipsis character.

`...` (or `. . .`) in prose becomes `…` (U+2026), as obsidian-linter's `proper-ellipsis` does.
This changes the text, so the fix is **unsafe** (`--unsafe-fixes`), and the rule is off by
default: a matter of taste. Dots inside code, math, HTML, comments, link targets, URLs, tags and
frontmatter are never touched; a longer run of dots (`.....`, a leader line) is not an
ellipsis and stays. In a heading the dots are reported but not replaced (links name the
heading's text).

Fail:
```markdown
Lorem (...) ipsum.
```
Pass:
```markdown
Lorem (…) ipsum, `range(1...3)` and https://example.com/a...b.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.content._prose import regex_findings

# The peer's `(\. ?){2}\.`, but not part of a longer run of dots, nor after a backslash
# (`\...` is an escaped dot and two dots: `\…` would show the backslash)
_DOTS = re.compile(r"(?<![.\\])\.(?: ?\.){2}(?![.])")


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    yield from regex_findings(note, ctx, _DOTS, lambda m: "…", "three dots: use an ellipsis (…)")


RULE = Rule(
    aliases=("proper-ellipsis",),
    code="FMT301",
    name="ellipsis",
    severity=Severity.INFO,
    summary="Three dots written as an ellipsis character",
    table="`...` written as `…`",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    examples=(
        Example("Lorem (...) ipsum.\n", "Lorem (…) ipsum.\n", unsafe=True),
        Example("Wait. . . what\n", "Wait… what\n", unsafe=True),
        Example("`a...b` $x...y$ https://x.org/a...b [[a...b]] .....\n", flagged=False),
        Example("# Wait...\n", "# Wait...\n", unsafe=True),
    ),
)
