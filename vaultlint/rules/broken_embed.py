"""An embed (`![[file.png]]`, `![alt](file.png)`) whose file does not exist.

Embeds resolve exactly like links (docs/links.md): by file name anywhere in the vault,
case-insensitively; files other than notes need their extension (`![[Figure 1.png]]`). The size
or display part (`![[x.png|300]]`) and subpaths of non-Markdown files (`#page=3`, `#icon`) are
not part of the name. A missing embed shows as an empty box where the file should be, usually
because the attachment was never committed or was renamed. Git-ignored and excluded files are
still files Obsidian sees, so `![[Recording 1.m4a]]` with `*.m4a` in `.gitignore` resolves. A
renamed or moved attachment (git's rename detection) is repaired as a safe fix, as for links
(see broken-wikilink); otherwise a close existing name is suggested as an unsafe fix, written in the vault's "New link format"
(`.obsidian/app.json`); when the vault sets an attachment folder, the message names it.

Options:
- `ignore` (list of globs, default []): targets that may stay missing (see broken-wikilink).

Fail:
```markdown
![[diagram.png|300]]
```
Pass:
```markdown
![[Diagram.PNG|300]] (the file `assets/diagram.png` exists)
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.linkcheck import IGNORE_SCHEMA, is_ignored, resolved_links, unresolved
from vaultlint.links import ALIASES, LINK_INDEX
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    for link, res, index in resolved_links(note, ctx):
        if not link.embed or res.target is not None or is_ignored(link, ctx.options["ignore"]):
            continue
        yield unresolved(ctx, index, link, "missing embed")


RULE = Rule(
    code="LNK002",
    name="broken-embed",
    summary="Embedded file or note that does not exist",
    table=("an embed `![[file]]` whose attachment or note does not exist; repairs a rename "
           "made outside Obsidian (safe), suggests the close name (unsafe)"),  # the README's rule table
    docs=__doc__,
    check=check,
    severity=Severity.ERROR,
    fix="safe/unsafe",
    options={"ignore": []},
    options_schema={"ignore": IGNORE_SCHEMA},
    examples=(
        Example("![[diagram.png|300]]\n"),
        Example("![missing](img/diagram.png)\n"),
        Example("![[diagram.png]]\n", flagged=False, options={"ignore": ["*.png"]}),
        Example("# H\n![[example#H]] and `![[code.png]]`\n", flagged=False),
    ),
    needs_vault=True,
    indexes=(LINK_INDEX, ALIASES),
)
