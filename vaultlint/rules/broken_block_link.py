"""A link to a block id (`[[Note#^id]]`) that the target note does not define.

A block id is a `^id` at the end of a paragraph or list item (or on its own line after a
quote, callout or table); Obsidian matches ids case-insensitively. Ids inside code, math and
comments do not count. A link to a deleted id opens the note at its top and an embed of it shows
an error, so the reference silently stops pointing at the quoted text.

Options: none.

Fail:
```markdown
A claim. ^claim

See [[#^clam]].
```
Pass:
```markdown
A claim. ^Claim

See [[#^claim]].
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.linkcheck import resolved_links, written
from vaultlint.links import ALIASES, LINK_INDEX
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.vault import is_note


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    for link, res, index in resolved_links(note, ctx):
        block = link.block_id
        if res.target is None or block is None or not is_note(res.target):
            continue
        if block.lower() not in index.block_ids(res.target):
            where = "this note" if res.target == note.path else f"'{res.target}'"
            yield ctx.diagnostic(link.start, link.end,
                                 f"{written(note, link)}: no block '^{block}' in {where}")


RULE = Rule(
    code="LNK004",
    name="broken-block-link",
    summary="Link to a block id the target note does not define",
    table="`[[Note#^id]]` to a block id the note lacks",  # the README's rule table
    docs=__doc__,
    check=check,
    severity=Severity.ERROR,
    examples=(
        Example("A claim. ^claim\n\nSee [[#^clam]].\n"),
        Example("A claim. ^Claim\n\nSee [[#^claim]] and ![[example#^CLAIM]].\n", flagged=False),
        Example("```\nx ^code\n```\n\nSee [[#^code]].\n"),
    ),
    needs_vault=True,
    indexes=(LINK_INDEX, ALIASES),
)
