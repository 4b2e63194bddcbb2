"""A note has an H1 heading; when it has none, its file name becomes one.

Obsidian shows the file name as the note's title, but the note itself (on GitHub, in a
static site, printed) has no title unless it holds one. The fix inserts `# <file name>`
(without `.md`) as the body's first line, after the frontmatter, as obsidian-linter's rule of
the same name does: a note that has an H1 anywhere (ATX `# Title` or setext `Title` over `===`,
outside lists, callouts, code and comments) is left alone. Markdown characters in the name
(`_`, `*`, `[`, `$`, `%%`, ...) are escaped so that the heading shows the name as it is. The
fix adds text to the note, so it is unsafe (`--unsafe-fixes`); off by default.

Fail (in `Trip to Rome.md`):
```markdown
This is a line of text
```
Pass:
```markdown
# Trip to Rome
This is a line of text
```
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext

# Characters a heading would read as Markdown (obsidian-linter escapes the same ones), and a
# closing `#` run, which an ATX heading would drop.
_SPECIAL = re.compile(r"[\\\[\]<>_*~=`$]")
_CLOSING_HASHES = re.compile(r"(?<=\s)(#+)\s*\Z")


def heading_for(path: str) -> str:
    """`# <file name>` for a note path, its Markdown escaped."""
    name = posixpath.basename(path)
    if name.lower().endswith(".md"):
        name = name[:-3]
    name = _SPECIAL.sub(lambda m: "\\" + m.group(), name.strip())
    name = _CLOSING_HASHES.sub(lambda m: "\\" + m.group(1), name)
    name = name.replace("%%", "\\%\\%")  # not an Obsidian comment
    return f"# {name}"


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    if any(h.level == 1 and not h.nested for h in note.headings):
        return
    heading = heading_for(note.path)
    if heading == "# ":
        return
    at = note.body_start
    nl = note.newline
    # frontmatter that ends the note without a line break: the heading goes on a line of its own
    lead = nl if at and note.text[at - 1] not in "\r\n" else ""
    fix = Fix.unsafe(Edit(at, at, f"{lead}{heading}{nl}"), intents=frozenset({"body"}))
    start, end = note.line_span(note.body_first_line)
    yield ctx.diagnostic(start, end, f"the note has no H1 heading: add `{heading}`", fix)


RULE = Rule(
    code="FMT403",
    name="file-name-heading",
    severity=Severity.INFO,
    summary="A note has an H1 heading (the fix adds its file name as one)",
    table="no H1 heading: the fix inserts `# <file name>`; unsafe: it adds text",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    examples=(
        Example("This is a line of text\n", "# example\nThis is a line of text\n", unsafe=True),
        Example("---\ntitle: My Title\n---\nText\n", "---\ntitle: My Title\n---\n# example\nText\n",
                unsafe=True),
        Example("## Part\n\nTitle\n=====\n", flagged=False),
        Example("```\n# in code\n```\n", "# example\n```\n# in code\n```\n", unsafe=True),
    ),
)
