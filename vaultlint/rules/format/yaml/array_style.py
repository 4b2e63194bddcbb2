"""Frontmatter lists written in a chosen style: block (one `- item` a line) or flow
(`[a, b]`), per key.

Only the lines of a restyled key change (a ruamel.yaml round trip of that key: the items keep
their quoting; a block list takes the file's own `-` indentation). The data is the same list,
so the fix is safe. A list of mappings or lists, a multi-line item, or a key with a comment on
its lines is left as it is (a comment has no place in the other style). A key given a style
with a single string as its value (`aliases: Title 1, Title2`) becomes a list, an unsafe fix
(the data changes): `tags` is split at commas and spaces, `aliases` at commas, any other key
becomes a one-item list. Off by default; every style is "keep" until chosen.

Options:
- `default-style` ("keep", "block" or "flow", default "keep"): for every list.
- `tags-style`, `aliases-style` ("keep", "block" or "flow", default "keep"): for `tags` and
  `aliases` (a single string becomes a list).
- `block-keys`, `flow-keys` (lists of keys, default none): these keys take that style (a
  single string becomes a list).

Fail (with `default-style: flow`):
```markdown
---
types:
  - thought provoking
  - 'peer reviewed'
---
```
Pass:
```markdown
---
types: [thought provoking, 'peer reviewed']
---
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from vaultlint.diagnostics import Diagnostic, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.yaml._lines import (
    FmLines, fm_lines, key_line, key_list, rewrite_span, span_comments, valid_data)

STYLES = ("keep", "block", "flow")
# the same data, other lines: held to the data and comment checks, not to "untouched keys keep
# their text" (a fix of another key's data may go in the same pass)
LAYOUT = frozenset({"yaml-layout"})
_SPLIT = {"tags": re.compile(r"[,\s]+"), "aliases": re.compile(r"\s*,\s*")}
# what follows `key:` on the key's own line (a quoted key may hold a colon)
_AFTER_KEY = re.compile(r"""\s*(?:"[^"]*"|'[^']*'|[^:#'"]*?)\s*:(?:[ \t]+|$)(.*)""")


def style_of(key: str, options: dict) -> tuple[str, bool]:
    """(the style wanted for `key`, whether a single string value becomes a list)."""
    if key in key_list(options["block-keys"]):
        return "block", True
    if key in key_list(options["flow-keys"]):
        return "flow", True
    if key in ("tags", "aliases"):
        return options[f"{key}-style"], True
    return options["default-style"], False


def _restyle(key: str, style: str):
    def mutate(data: Any, _dropped: set[int]) -> bool:
        seq = data.get(key)
        if not isinstance(seq, list) or seq.fa.flow_style() == (style == "flow"):
            return False
        if style == "flow":
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return True
    return mutate


def _to_list(key: str, style: str):
    def mutate(data: Any, _dropped: set[int]) -> bool:
        from ruamel.yaml.comments import CommentedSeq

        value = data.get(key)
        split = _SPLIT.get(key)
        items = [i for i in split.split(value.strip()) if i] if split else [value]
        seq = CommentedSeq(items)
        seq.fa.set_flow_style() if style == "flow" else seq.fa.set_block_style()
        data[key] = seq
        return True
    return mutate


def _maybe_restyled(value: list, style: str, first_line: str) -> bool:
    """Cheap test before the round trip: can this list be in the other style?"""
    if not value or any(isinstance(i, (list, dict)) or (isinstance(i, str) and "\n" in i)
                        for i in value):
        return False
    m = _AFTER_KEY.match(first_line)
    flow = bool(m and m.group(1).startswith("["))
    return flow != (style == "flow")


def _diag(note: Note, ctx: RuleContext, fl: FmLines, key: str, value: Any) -> Diagnostic | None:
    style, strings = style_of(key, ctx.options)
    if style == "keep" or span_comments(fl, key):
        return None
    if isinstance(value, list):
        if not _maybe_restyled(value, style, fl.lines[fl.spans[key][0]]):
            return None
        edit = rewrite_span(note, fl, key, _restyle(key, style))
        return None if edit is None else ctx.at_line(
            key_line(note, key), f"`{key}` should be a {style} list", Fix.safe(edit, intents=LAYOUT))
    if strings and isinstance(value, str) and value.strip():
        edit = rewrite_span(note, fl, key, _to_list(key, style))
        fix = Fix.unsafe(edit, intents=frozenset({f"frontmatter:{key}"})) if edit else None
        return ctx.at_line(key_line(note, key), f"`{key}` should be a {style} list, not a string", fix)
    return None


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    data = valid_data(note)
    styles = ("default-style", "tags-style", "aliases-style")
    if data is None or all(ctx.options[o] == "keep" for o in styles) \
            and not (ctx.options["block-keys"] or ctx.options["flow-keys"]):
        return
    fl = fm_lines(note)
    if fl is None:
        return
    for key in fl.spans:
        if (diag := _diag(note, ctx, fl, key, data.get(key))) is not None:
            yield diag


RULE = Rule(
    code="FM302",
    name="yaml-array-style",
    severity=Severity.INFO,
    summary="Frontmatter lists are written in the configured style (block or flow)",
    table="frontmatter lists as block (`- a`) or flow (`[a, b]`), per key",
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
    default_enabled=False,
    options={"default-style": "keep", "tags-style": "keep", "aliases-style": "keep",
             "block-keys": [], "flow-keys": []},
    options_schema={
        "default-style": {"enum": list(STYLES)},
        "tags-style": {"enum": list(STYLES)},
        "aliases-style": {"enum": list(STYLES)},
        "block-keys": {"type": "array", "items": {"type": "string"}},
        "flow-keys": {"type": "array", "items": {"type": "string"}},
    },
    examples=(
        Example("---\ntypes:\n  - thought provoking\n  - 'peer reviewed'\n---\n",
                "---\ntypes: [thought provoking, 'peer reviewed']\n---\n",
                options={"default-style": "flow"}),
        # the file's own list indentation
        Example("---\ntags: [a, b]\nx:\n- 1\n---\n", "---\ntags:\n- a\n- b\nx:\n- 1\n---\n",
                options={"tags-style": "block"}),
        Example("---\naliases: Title 1, Title2\n---\n", "---\naliases:\n  - Title 1\n  - Title2\n---\n",
                options={"aliases-style": "block"}, unsafe=True),
        Example("---\ntags: [a, b]  # kept as it is\n---\n", flagged=False, options={"tags-style": "block"}),
        Example("---\ngists:\n  - id: 1\n    url: u\n---\n", flagged=False,
                options={"default-style": "flow"}),
    ),
    aliases=("format-yaml-array",),
)
