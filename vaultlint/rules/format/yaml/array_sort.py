"""Frontmatter lists of strings are in alphabetical order.

Sorted ignoring case, lowercase first on a tie (`androids, computer, Computer, research`), as
obsidian-linter's locale-aware sort does; descending is the exact reverse. Only lists whose
items are all strings, on a key with no comment on its lines (a comment belongs to its item's
place), are sorted; only the lines of that key change, in its own style and quoting. The
order of `tags`, `aliases` and `cssclasses` means nothing to Obsidian, so for those keys the
fix is safe; any other list's order may mean something (authors), so there it is unsafe.
Off by default.

Options:
- `order` ("ascending" or "descending", default "ascending").
- `ignore-keys` (list of keys, default none): lists left in their order.

Fail:
```markdown
---
tags: [computer, research, androids, Computer]
---
```
Pass:
```markdown
---
tags: [androids, computer, Computer, research]
---
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultlint.diagnostics import Diagnostic, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.yaml._lines import (
    fm_lines, key_line, key_list, rewrite_span, span_comments, valid_data)
from vaultlint.rules.format.yaml.array_dedupe import HARMLESS


def sorted_items(items: list[str], descending: bool) -> list[str]:
    ordered = sorted(items, key=lambda s: (s.casefold(), s.swapcase()))
    return ordered[::-1] if descending else ordered


def _sort(key: str, descending: bool):
    def mutate(data: Any, _dropped: set[int]) -> bool:
        seq = data.get(key)
        new = sorted_items(list(seq), descending)
        if new == list(seq):
            return False
        seq[:] = new  # the items themselves move: each keeps its quoting
        return True
    return mutate


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    data = valid_data(note)
    if data is None:
        return
    descending = ctx.options["order"] == "descending"
    ignored = set(key_list(ctx.options["ignore-keys"]))
    found = [k for k, v in data.items() if isinstance(k, str) and k not in ignored
             and isinstance(v, list) and len(v) > 1 and all(isinstance(i, str) for i in v)
             and sorted_items(v, descending) != v]
    fl = fm_lines(note) if found else None
    for key in found:
        edit = None
        if fl is not None and key in fl.spans and not span_comments(fl, key):
            edit = rewrite_span(note, fl, key, _sort(key, descending))
        intents = frozenset({f"frontmatter:{key}"})
        fix = None if edit is None else (
            Fix.safe(edit, intents=intents) if key in HARMLESS else Fix.unsafe(edit, intents=intents))
        yield ctx.at_line(key_line(note, key), f"`{key}` is not sorted {ctx.options['order']}", fix)


RULE = Rule(
    code="FM305",
    name="yaml-array-sort",
    severity=Severity.INFO,
    summary="Frontmatter lists of strings are in alphabetical order",
    table="frontmatter lists of strings sorted (unsafe but for tags/aliases/cssclasses)",
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
    default_enabled=False,
    options={"order": "ascending", "ignore-keys": []},
    options_schema={"order": {"enum": ["ascending", "descending"]},
                    "ignore-keys": {"type": "array", "items": {"type": "string"}}},
    examples=(
        Example("---\ntags: [computer, research, androids, Computer]\n---\n",
                "---\ntags: [androids, computer, Computer, research]\n---\n"),
        Example("---\nauthors:\n  - 'Ng'\n  - Bo\n---\n", "---\nauthors:\n  - Bo\n  - 'Ng'\n---\n",
                unsafe=True),
        Example("---\ntags: [b, a]  # as given\n---\n", "---\ntags: [b, a]  # as given\n---\n"),
        Example("---\narr: [b, a]\n---\n", flagged=False, options={"ignore-keys": ["arr"]}),
    ),
    aliases=("sort-yaml-array-values",),
)
