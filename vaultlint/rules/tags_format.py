"""`tags` is a list of tag names: no leading `#`, no duplicates.

A single string (`tags: a, b` or `tags: a b`) becomes a list, a leading `#` is removed and
duplicates are dropped, the first occurrence kept in place. Comments, quoting and the file's
list style are kept (ruamel.yaml round trip).

Fail:
```markdown
---
tags: "#a, b"
---
```
Pass:
```markdown
---
tags:
  - a
  - b
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

_SPLIT = re.compile(r"[,\s]+")


def normal_tags(value: Any) -> list[Any] | None:
    """The normalised tag list, or None when `value` is not something we can fix."""
    if isinstance(value, str):
        items: list[Any] = [t for t in _SPLIT.split(value) if t]
    elif isinstance(value, list):
        items = list(value)
    else:
        return None
    out: list[Any] = []
    for item in items:
        tag = item.lstrip("#") if isinstance(item, str) else item
        if tag != "" and tag not in out:
            out.append(tag)
    return out


def _problem(value: Any) -> str | None:
    if isinstance(value, str):
        return "tags is a string, not a list"
    if not isinstance(value, list):
        return None
    if any(isinstance(t, str) and t.startswith("#") for t in value):
        return "tags start with `#`"
    if len({repr(t) for t in value}) != len(value):
        return "tags has duplicates"
    return None


def _mutate(data: Any) -> bool:
    old = data.get("tags")
    new = normal_tags(old)
    if new is None or new == old:
        return False
    if isinstance(old, list):  # edit in place so comments stay on the items they follow
        seen: list[Any] = []
        for i in range(len(old)):
            tag = old[i].lstrip("#") if isinstance(old[i], str) else old[i]
            if tag != old[i]:
                old[i] = type(old[i])(tag) if isinstance(old[i], str) else tag
        for i in reversed(range(len(old))):
            if old[i] in old[:i] or old[i] == "":
                del old[i]
        return True
    data["tags"] = fm_edit.block_list(new)
    return True


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is None or fm.error is not None or not isinstance(fm.data, dict) or "tags" not in fm.data:
        return
    problem = _problem(fm.data["tags"])
    if problem is None:
        return
    new = fm_edit.rewrite(note, _mutate)
    fix = Fix.safe(Edit(fm.content_start, fm.content_end, new),
                   intents=frozenset({"frontmatter:tags"})) if new is not None else None
    yield ctx.at_line(fm.key_lines.get("tags", 1) - 1, problem, fix)


RULE = Rule(
    code="FM103",
    name="tags-format",
    summary="`tags` is a list of names without `#` and without duplicates",
    docs=__doc__,
    check=check,
    fixable=True,
    examples=(
        Example("---\ntags: \"#a, b\"\n---\n", "---\ntags:\n  - a\n  - b\n---\n"),
        Example("---\ntags:\n- '#a'  # kept\n- b\n- b\n---\n", "---\ntags:\n- 'a'   # kept\n- b\n---\n"),
        Example("---\ntags: [x, y, x]\n---\n", "---\ntags: [x, y]\n---\n"),
        Example("---\ntags:\n  - a\n---\n", flagged=False),
    ),
)
