"""Frontmatter keys in a chosen order: priority keys first (or last), the others kept in
their order or sorted.

Each key moves with its whole value and with the comment and blank lines just above it (a
comment heads the key that follows it); the lines after the last key stay at the end. Lines
move as they are, so comments, quoting and block scalars keep every byte. The data is the
same mapping, so the fix is safe; nothing is done to invalid YAML or to a flow mapping
(`{a: 1, b: 2}`). Off by default, and without options it wants nothing: a key order is a
taste (Obsidian shows properties in the file's order).

Options:
- `priority-keys` (list of keys, default none): these keys come first, in this order.
- `priority-keys-at-start` (bool, default true): false puts the priority keys at the end.
- `other-keys-order` ("none", "ascending" or "descending", default "none"): the other keys
  keep their order, or are sorted alphabetically (ignoring case).

Fail (with `priority-keys: [date, type]`):
```markdown
---
type: programming
# when it was written
date: 2022-02-15
---
```
Pass:
```markdown
---
# when it was written
date: 2022-02-15
type: programming
---
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.yaml._lines import fm_lines, key_line, key_list


def wanted_order(keys: list[str], options: dict) -> list[str]:
    """The keys in the order the options ask for."""
    priority = [k for k in dict.fromkeys(key_list(options["priority-keys"])) if k in keys]
    others = [k for k in keys if k not in priority]
    order = options["other-keys-order"]
    if order in ("ascending", "descending"):
        # case-insensitive, lowercase first on a tie, as a locale-aware sort does
        others.sort(key=lambda k: (k.casefold(), k.swapcase()), reverse=order == "descending")
    return priority + others if options["priority-keys-at-start"] else others + priority


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fl = fm_lines(note)
    if fl is None:
        return
    keys = sorted(fl.spans, key=lambda k: fl.spans[k][0])
    order = wanted_order(keys, ctx.options)
    if order == keys:
        return
    # a key's chunk: the lines after the previous key's value up to the end of its own value
    chunks, prev = {}, 0
    for key in keys:
        chunks[key] = fl.lines[prev:fl.spans[key][1]]
        prev = fl.spans[key][1]
    lines = [line for key in order for line in chunks[key]] + fl.lines[prev:]
    first = next(k for k, w in zip(keys, order) if k != w)
    yield ctx.at_line(key_line(note, first), f"frontmatter key `{first}` is out of order "
                      f"(wanted: {', '.join(order)})", Fix.safe(fl.edit(note, lines)))


RULE = Rule(
    code="FM301",
    name="yaml-key-order",
    severity=Severity.INFO,
    summary="Frontmatter keys are in the configured order",
    table="frontmatter keys in a chosen order (priority keys, then sorted or as they are)",
    docs=__doc__,
    check=check,
    fix="safe",
    default_enabled=False,
    options={"priority-keys": [], "priority-keys-at-start": True, "other-keys-order": "none"},
    options_schema={
        "priority-keys": {"type": "array", "items": {"type": "string"}},
        "priority-keys-at-start": {"type": "boolean"},
        "other-keys-order": {"enum": ["none", "ascending", "descending"]},
    },
    examples=(
        Example("---\ntype: programming\n# when it was written\ndate: 2022-02-15\n---\n",
                "---\n# when it was written\ndate: 2022-02-15\ntype: programming\n---\n",
                options={"priority-keys": ["date", "type"]}),
        Example("---\nb: |\n  text\n  more\na: 1  # one\n---\n",
                "---\na: 1  # one\nb: |\n  text\n  more\n---\n",
                options={"other-keys-order": "ascending"}),
        Example("---\nb: 1\na: 2\n---\n", flagged=False),
    ),
    aliases=("yaml-key-sort",),
)
