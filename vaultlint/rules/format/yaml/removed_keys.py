"""Frontmatter keys that should not be there (a list you choose) are removed.

The key's lines go; a comment on them stays where the key was, as a comment line (comments
are never dropped). Removing a key removes its data, so the fix is unsafe. Off by default,
and without a list of keys it wants nothing.

Options:
- `keys` (list of keys, default none): the keys to remove (a trailing `:` is ignored, as in
  obsidian-linter's `status:`).

Fail (with `keys: [status]`):
```markdown
---
title: Notes
status: WIP  # from the old template
---
```
Pass:
```markdown
---
title: Notes
# from the old template
---
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.yaml._lines import (
    fm_lines, key_line, key_list, span_comments, span_edit, valid_data)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    data = valid_data(note)
    unwanted = [k.rstrip(":").strip() for k in key_list(ctx.options["keys"])]
    present = [k for k in unwanted if data is not None and k in data]
    fl = fm_lines(note) if present else None
    if data is not None and set(present) == set(data):
        fl = None  # no key would be left: no frontmatter data at all is not ours to make
    for key in present:
        edit = span_edit(note, fl, key, span_comments(fl, key)) if fl and key in fl.spans else None
        fix = Fix.unsafe(edit, intents=frozenset({f"frontmatter:{key}"})) if edit else None
        yield ctx.at_line(key_line(note, key), f"frontmatter key `{key}` should be removed", fix)


RULE = Rule(
    code="FM303",
    name="yaml-removed-keys",
    severity=Severity.INFO,
    summary="Frontmatter has none of the keys configured for removal",
    table="removes the frontmatter keys you list (unsafe: their data goes)",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"keys": []},
    options_schema={"keys": {"type": "array", "items": {"type": "string"}}},
    examples=(
        Example("---\ntitle: Notes\nstatus: WIP  # from the old template\n---\n",
                "---\ntitle: Notes\n# from the old template\n---\n",
                options={"keys": ["status"]}, unsafe=True),
        Example("---\nkeywords:\n  - a\n  - b\ntitle: x\n---\n", "---\ntitle: x\n---\n",
                options={"keys": ["keywords:"]}, unsafe=True),
        Example("---\ntitle: x\n---\n", flagged=False, options={"keys": ["status"]}),
    ),
    aliases=("remove-yaml-keys",),
)
