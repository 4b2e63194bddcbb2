"""Frontmatter lists hold no value twice.

A repeated item goes, the first one staying in place (case-sensitive: `Val` and `val` are
two values; `'a'` and `a` are one). Only the lines of that key change (a ruamel.yaml round
trip of the key: comments and quoting kept); a removed item's own line goes with its comment,
which the fix declares. Obsidian itself shows `tags`, `aliases` and `cssclasses` once each,
so for those keys the fix is safe; in any other list a repeat may mean something (a score
given twice), so there it is unsafe. Off by default (`tags-format` already dedupes `tags`).

Options:
- `ignore-keys` (list of keys, default none): lists left as they are.

Fail:
```markdown
---
aliases:
  - Title 1
  - Title 1  # again
  - Title 2
---
```
Pass:
```markdown
---
aliases:
  - Title 1
  - Title 2
---
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultlint.diagnostics import Diagnostic, Fix, Severity
from vaultlint.fm_edit import KeyEdit
from vaultlint.frontmatter import yaml_comments
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.yaml._lines import (
    FmLines, fm_lines, key_line, key_list, rewrite_span, valid_data)
from vaultlint.rules.tags_format import _delete, _item_lines, _repeated

HARMLESS = ("tags", "aliases", "cssclasses")  # Obsidian shows each value once anyway


def _ident(item: Any) -> Any:
    """What makes two items the same value: a quoted and a plain string are one value; a
    number is not the same as the boolean it equals in Python."""
    return ("str", str(item)) if isinstance(item, str) else (type(item).__name__, item)


def repeats(items: list[Any]) -> set[int]:
    """Indexes of the items equal to an earlier one (an empty item, often `- # a comment`,
    is no value: never a repeat)."""
    return _repeated([None if i is None else _ident(i) for i in items])


def _dedupe(key: str):
    def mutate(data: Any, dropped_lines: set[int]) -> bool:
        seq = data.get(key)
        drop = repeats(seq) if isinstance(seq, list) else set()
        if not drop:
            return False
        lines = _item_lines(seq)
        _delete(seq, drop)
        kept = {line for i, line in enumerate(lines) if i not in drop}
        # a removed item's own line goes, and its comment with it (declared, not lost)
        dropped_lines.update({lines[i] for i in drop} - kept - {0})
        return True
    return mutate


def _fix(note: Note, fl: FmLines, key: str) -> Fix | None:
    dropped_lines: set[int] = set()
    edit = rewrite_span(note, fl, key, _dedupe(key), dropped_lines)
    if edit is None:
        return None
    start = fl.spans[key][0]
    dropped = [c for i in sorted(dropped_lines) if "#" in fl.lines[start + i]
               for c in (yaml_comments(fl.lines[start + i]) or [])]
    intents = KeyEdit("", dropped).intents(key)
    return Fix.safe(edit, intents=intents) if key in HARMLESS else Fix.unsafe(edit, intents=intents)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    data = valid_data(note)
    if data is None:
        return
    ignored = set(key_list(ctx.options["ignore-keys"]))
    found = [k for k, v in data.items() if isinstance(k, str) and k not in ignored
             and isinstance(v, list) and len(v) > 1 and repeats(v)]
    fl = fm_lines(note) if found else None
    for key in found:
        fix = _fix(note, fl, key) if fl is not None and key in fl.spans else None
        yield ctx.at_line(key_line(note, key), f"`{key}` has repeated values", fix)


RULE = Rule(
    code="FM304",
    name="yaml-array-dedupe",
    severity=Severity.INFO,
    summary="Frontmatter lists hold no value twice",
    table="repeated values removed from frontmatter lists (unsafe but for tags/aliases/cssclasses)",
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
    default_enabled=False,
    options={"ignore-keys": []},
    options_schema={"ignore-keys": {"type": "array", "items": {"type": "string"}}},
    examples=(
        Example("---\naliases:\n  - Title 1\n  - Title 1  # again\n  - Title 2\n---\n",
                "---\naliases:\n  - Title 1\n  - Title 2\n---\n"),
        Example("---\narr: [val, 'val', Val]\n---\n", "---\narr: [val, Val]\n---\n", unsafe=True),
        Example("---\nscores: [1, true, 1.0]\n---\n", flagged=False),
        Example("---\narr: [a, a]\n---\n", flagged=False, options={"ignore-keys": ["arr"]}),
    ),
    aliases=("dedupe-yaml-array-values",),
)
