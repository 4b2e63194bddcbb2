"""Bullet lists use one marker (`-`, `*` or `+`).

A taste rule, off by default. Every item of a list gets the chosen marker; nested lists are
lists of their own and are judged the same way, in quotes and callouts too. Task lists
(`- [ ] todo`) are left alone, as obsidian-linter leaves them, and do not decide the
`consistent` marker.

In CommonMark a list *ends* where the marker changes: `- a` followed by `* b` is two lists.
Giving both the same marker merges them into one list, which renders differently (one `<ul>`
instead of two, and a blank line between them then makes the whole list loose). Such a fix is
unsafe (`--unsafe-fixes`); a list that touches no other list with the same final marker is
fixed safely (the rendered HTML is the same, which the fixer checks).

Options:
- `list-style` (`consistent`, `-`, `*` or `+`; default `consistent`): `consistent` uses the
  marker of the note's first bullet list that is not a task list.

Fail (`list-style = "-"`):
```markdown
* one
* two
```
Pass:
```markdown
- one
- two
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.style._lists import List, is_task, lists

MARKUP = frozenset({"markup"})
BODY = frozenset({"body"})


def _target(note: Note, bullets: list[List], style: str) -> str | None:
    if style != "consistent":
        return style
    for lst in bullets:
        if not any(is_task(note, item) for item in lst.items):
            return lst.delimiter
    return None


def final_marker(lst: List, changed: dict[int, str]) -> str:
    return changed.get(id(lst), lst.delimiter)


def merges(lst: List, changed: dict[int, str]) -> bool:
    """Whether the list, with its new delimiter, would run into a sibling list next to it."""
    mine = final_marker(lst, changed)
    return any(s is not None and final_marker(s, changed) == mine
               for s in (lst.prev_sibling, lst.next_sibling))


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    bullets = [lst for lst in lists(note) if lst.kind == "bullet"]
    target = _target(note, bullets, ctx.options["list-style"])
    if target is None:
        return
    changed = {id(lst): target for lst in bullets if lst.delimiter != target
               and not any(is_task(note, item) for item in lst.items)}
    for lst in bullets:
        if id(lst) not in changed:
            continue
        edits = [Edit(item.start, item.start + 1, target) for item in lst.items]
        first = lst.items[0]
        if merges(lst, changed):
            fix = Fix.unsafe(*edits, intents=BODY)
            why = " (joins it to the list beside it)"
        else:
            fix, why = Fix.safe(*edits, intents=MARKUP), ""
        yield ctx.diagnostic(first.start, first.start + 1,
                             f"bullet list marker `{lst.delimiter}` should be `{target}`{why}", fix)


RULE = Rule(
    code="FMT201",
    name="bullet-marker",
    severity=Severity.INFO,
    summary="Bullet lists use one marker",
    table="bullet list marker (`-`, `*`, `+`)",
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
    default_enabled=False,
    options={"list-style": "consistent"},
    options_schema={"list-style": {"enum": ["consistent", "-", "*", "+"]}},
    aliases=("unordered-list-style",),
    examples=(
        Example("* one\n* two\n", "- one\n- two\n", options={"list-style": "-"}),
        Example("- one\n  * nested\n- two\n", "- one\n  - nested\n- two\n"),
        Example("- [ ] task\n- [x] done\n", flagged=False, options={"list-style": "*"}),
        Example("- a\n\n* b\n", "- a\n\n- b\n", unsafe=True),
    ),
)
