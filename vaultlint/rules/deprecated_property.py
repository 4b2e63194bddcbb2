"""Obsidian's deprecated singular properties: `tag`, `alias`, `cssclass`.

Since Obsidian 1.4 only `tags`, `aliases` and `cssclasses` are read. A lone singular key is
renamed in place (only the key's text changes, so everything else stays byte-for-byte); when
both exist, the singular's values are appended to the plural list (no duplicates) and the
singular key is removed. Only the lines of those two keys change: the plural's lines are a
ruamel.yaml round trip of that key (comments, quoting kept), and the singular's comments stay
where it was, as comment lines. Every other key keeps its text byte for byte.

Fail:
```markdown
---
alias: Intro
---
```
Pass:
```markdown
---
aliases: Intro
---
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from vaultlint import fm_edit
from vaultlint.diagnostics import Diagnostic, Edit, Fix
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.tags_format import normal_tags

RENAMES = {"tag": "tags", "alias": "aliases", "cssclass": "cssclasses"}


def _as_list(key: str, value: Any) -> list[Any]:
    if value is None:
        return []
    if key in ("tag", "tags"):
        return normal_tags(value) or []
    if isinstance(value, list):
        return list(value)
    return [value]


def _merge(new: str, old_items: list[Any]):
    """Append the singular key's values (already read) to the plural key's list."""
    def mutate(data: Any, _dropped_lines: set[int]) -> bool:
        present = _as_list(new, data[new])  # normalised: may be shorter than the list itself
        added: list[Any] = []
        for item in old_items:
            if item not in present and item not in added:
                added.append(item)
        if isinstance(data[new], list):
            data[new].extend(added)  # the list's own items, duplicates included, stay as they are
        else:
            data[new] = fm_edit.block_list(present + added)
        return True
    return mutate


def _rename_edit(note: Note, line: int, old: str, new: str) -> Edit | None:
    """Replace only the key's text on its line (1-based)."""
    start, end = note.line_span(line - 1)
    m = re.match(rf"""(['"]?){re.escape(old)}\1[ \t]*:""", note.text[start:end])
    if not m:
        return None
    key_start = start + m.start() + len(m.group(1))
    return Edit(key_start, key_start + len(old), new)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is None or fm.error is not None or not isinstance(fm.data, dict):
        return
    for old, new in RENAMES.items():
        if old not in fm.data:
            continue
        intents = frozenset({f"frontmatter:{old}", f"frontmatter:{new}"})
        line = fm.key_lines.get(old, fm.first_line + 1)
        if new in fm.data:
            # Only the lines of the two keys change; the singular's comments stay in its place.
            merged = fm_edit.rewrite_key(note, new, _merge(new, _as_list(old, fm.data[old])),
                                         remove=(old,))
            edit = Edit(fm.content_start, fm.content_end, merged.yaml) if merged else None
            message = f"`{old}` is deprecated: merge it into `{new}`"
        else:
            edit = _rename_edit(note, line, old, new)
            message = f"`{old}` is deprecated: use `{new}`"
        yield ctx.at_line(line - 1, message, Fix.safe(edit, intents=intents) if edit else None)


RULE = Rule(
    code="FM102",
    name="deprecated-property",
    summary="Use `tags`, `aliases`, `cssclasses` instead of the deprecated singular keys",
    table=(  # the README's rule table
        "`tag`/`alias`/`cssclass` -> `tags`/`aliases`/`cssclasses` (merged if both)"),
    docs=__doc__,
    check=check,
    fix="safe",
    examples=(
        Example("---\nalias: Intro # why\n---\n", "---\naliases: Intro # why\n---\n"),
        Example("---\ntags:\n  - a # first\ntag: b\n---\n", "---\ntags:\n  - a # first\n  - b\n---\n"),
        Example("---\naliases: [x]\n---\n", flagged=False),
        # The plural's duplicates are FM103's business; the singular's value is never lost.
        Example("---\ntags: [a, a]\ntag: b\n---\n", "---\ntags: [a, a, b]\n---\n"),
    ),
)
