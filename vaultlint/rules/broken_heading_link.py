r"""A link to a heading that the target note does not have.

Obsidian compares heading links loosely: both sides go through its `stripHeading` (the
characters ``!"#$%&()*+,.:;<=>?@^`{|}~/[]\`` become spaces, runs of spaces shrink) and are
compared case-insensitively, so `[[#Part 1 Basics]]` finds `## Part 1: Basics`. `[[Note#A#B]]`
names a heading `B` below (deeper than) a heading `A`; `[[#Heading]]` is the note itself.
Subpaths of files other than notes (`![[Paper.pdf#page=3]]`, `![[icon.svg#icon]]`) are not
headings and are never checked. A link to a missing heading still opens the note, at its top,
so the reader silently lands in the wrong place, usually after a heading was renamed. A close
heading is suggested as an unsafe fix.

Options: none.

Fail:
```markdown
# Setup
See [[#Set-up steps]].
```
Pass:
```markdown
# Part 1: Basics
See [[#part 1 basics]].
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.linkcheck import closest_heading, heading_link_text, link_fix, resolved_links, \
    subpath_edit, written
from vaultlint.links import ALIASES, LINK_INDEX, Link, LinkIndex
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.vault import is_note


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    for link, res, index in resolved_links(note, ctx):
        target = res.target
        parts = link.subpath_parts
        if target is None or not is_note(target) or not parts or link.block_id is not None:
            continue
        if parts[0].startswith("[^") or index.has_heading_chain(target, parts):
            continue  # a footnote subpath, or a heading that exists
        yield _diagnostic(ctx, index, link, target, parts)


def _diagnostic(ctx: RuleContext, index: LinkIndex, link: Link, target: str,
                parts: list[str]) -> Diagnostic:
    where = "this note" if target == ctx.note.path else f"'{target}'"
    message = f"{written(ctx.note, link)}: no heading '{'#'.join(parts)}' in {where}"
    close = closest_heading(index, target, parts[-1]) if len(parts) == 1 else None
    if close is None:
        return ctx.diagnostic(link.start, link.end, message)
    new = heading_link_text(close)
    fix = link_fix(link, subpath_edit(ctx.note, link, new))
    return ctx.diagnostic(link.start, link.end, f"{message}; did you mean '#{new}'?", fix)


RULE = Rule(
    code="LNK003",
    name="broken-heading-link",
    summary="Link to a heading the target note does not have",
    table=(  # the README's rule table
        "`[[Note#Heading]]` to a heading the note lacks (compared as Obsidian does)"),
    docs=__doc__,
    check=check,
    severity=Severity.ERROR,
    fix="unsafe",
    examples=(
        Example("# Setup\nSee [[#Installation]].\n"),
        Example("# Part 1: Basics\nSee [[#part 1 basics]] and [x](#Part%201%20Basics).\n",
                flagged=False),
        Example("# A\n## B\nSee [[#A#B]].\n", flagged=False),
        Example("## B\n# A\nSee [[#A#B]].\n"),
        Example("# Set up steps\nSee [[#Setup steps]].\n",
                "# Set up steps\nSee [[#Set up steps]].\n", unsafe=True),
    ),
    needs_vault=True,
    indexes=(LINK_INDEX, ALIASES),
)
