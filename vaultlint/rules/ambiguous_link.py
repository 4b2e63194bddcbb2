"""A link whose name matches several files, so Obsidian's tie-break picks the target.

`[[Note]]` with `Note.md` in several folders resolves to the root `Note.md` if there is one,
else to the match in the linking note's own folder (or below it), else to the match with the
shortest path. The link works, but which note it opens depends on where the linking note sits
and changes when files move or a same-named note is added. Links that pick the note in the
linking note's own folder or below it are not reported (that is the evident intent, and
common: the help vault has a `Security and privacy` note in two folders). The unsafe fix writes the
full path (the path relative to the note when `.obsidian/app.json` sets "New link format" to
relative). Links in frontmatter properties are checked too.

Options: none.

Fail:
```markdown
See [[Meeting]]. (from `Journal/Today.md`, with `Work/Meeting.md` and `Home/Meeting.md`)
```
Pass:
```markdown
See [[Work/Meeting]].
```
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit
from vaultlint.linkcheck import link_fix, resolved_links, written
from vaultlint.links import ALIASES, LINK_INDEX
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.vault import is_note


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    for link, res, index in resolved_links(note, ctx):
        target = res.target
        if target is None or not res.tie_broken:
            continue
        if _below(target, posixpath.dirname(note.path)):
            continue  # Obsidian's first choice, a note in or below the linker's folder: intended
        explicit = target[:-3] if is_note(target) and link.wiki and not \
            link.path.lower().endswith(".md") else target
        if link.wiki and ctx.vault is not None and ctx.vault.app.new_link_format == "relative":
            explicit = posixpath.relpath(explicit, posixpath.dirname(note.path) or ".")
        others = ", ".join(f"'{c}'" for c in sorted(res.candidates) if c != target)
        message = (f"{written(note, link)} matches several files; Obsidian picks '{target}' "
                   f"over {others}: write the full path")
        fix = link_fix(link, Edit(link.path_start, link.path_end, explicit))
        yield ctx.diagnostic(link.start, link.end, message, fix)


def _below(path: str, folder: str) -> bool:
    """Whether `path` lies in `folder` or a subfolder of it; for a note at the root only the
    root itself counts (every file is below the root)."""
    if not folder:
        return "/" not in path
    return path.lower().startswith(folder.lower() + "/")


RULE = Rule(
    code="LNK005",
    name="ambiguous-link",
    summary="Link name matches several files; the tie-break picks one",
    table="several files match and only Obsidian's tie-break picks one",  # the README's rule table
    docs=__doc__,
    check=check,
    fix="unsafe",
    examples=(Example("See [[example]].\n", flagged=False),),
    needs_vault=True,
    indexes=(LINK_INDEX, ALIASES),
)
