"""Frontmatter values with quote characters, and the values of keys you list, are quoted.

A plain (unquoted) value holding a `'` or `"` is quoted (`"it's"`, `'say "hi"'`), as are the
items of a list holding one: the value is the same string, only written safer. With
`force-keys`, the plain value of each listed key is quoted even without such a character
(`title: "A title"`). Quoting a value that is no string (`bool: false`, `n: 1`, a date) makes
it a string: that fix is unsafe. The other quote character is used when the value holds the
chosen one (and `'` when a value holds a `\\`, which `"` would read as an escape); a value
holding both is left alone. Only a value on its key's own line, or a list's items, are
quoted; block scalars (`|`, `>`), quoted values and invalid YAML are never touched (a value
like `a: b: c` is invalid YAML, which `invalid-yaml` reports; quote it by hand). Off by
default.

Options:
- `quote-char` (`"` or `'`, default `"`): the quotes to use.
- `escape-special` (bool, default true): quote the plain values holding a quote character.
- `force-keys` (list of keys, default none): quote these keys' plain values.

Fail:
```markdown
---
title: it's here
---
```
Pass:
```markdown
---
title: "it's here"
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
    FmLines, fm_lines, key_line, key_list, rewrite_span, span_edit, valid_data)
from vaultlint.rules.format.yaml.array_style import LAYOUT

# `key: value  # comment` on one line, the value plain (no quote, flow, block or tag indicator)
_PLAIN_LINE = re.compile(r"""^((?:"[^"\n]*"|'[^'\n]*'|[^\s#'"?][^#]*?)[ \t]*:[ \t]+)"""
                         r"""([^\s'"\[\]{}|>&*!#%@`][^#]*?)([ \t]+#.*)?[ \t]*$""")
_TIMESTAMP = re.compile(r"\d{4}-\d\d?-\d\d?(?:[Tt ].*)?$")  # a date to YAML 1.1 readers


def quoted(text: str, char: str) -> str | None:
    """`text` in quotes: `char`, or the other ones when `char` is in it (or a `\\` for `"`)."""
    for q in (char, "'" if char == '"' else '"'):
        if q not in text and not (q == '"' and "\\" in text):
            return f"{q}{text}{q}"
    return None


def _quote_items(char: str):
    """Quote the plain string items holding a quote character, in lists at any depth."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    def walk(seq: Any) -> bool:
        changed = False
        for i, item in enumerate(seq):
            if isinstance(item, list):
                changed = walk(item) or changed
            elif type(item) is str and ("'" in item or '"' in item) and (q := quoted(item, char)):
                seq[i] = (DoubleQuotedScalarString if q[0] == '"' else SingleQuotedScalarString)(item)
                changed = True
        return changed

    def mutate(data: Any, _dropped: set[int]) -> bool:
        return any([walk(v) for v in data.values() if isinstance(v, list)])
    return mutate


def _line_fix(note: Note, fl: FmLines, key: str, value: Any, char: str) -> Fix | None:
    """The key's one line with its value quoted (safe when the value stays the same string)."""
    s, e = fl.spans[key]
    m = _PLAIN_LINE.match(fl.lines[s]) if e - s == 1 else None
    q = quoted(m.group(2), char) if m else None
    if m is None or q is None:
        return None
    edit = span_edit(note, fl, key, [m.group(1) + q + (m.group(3) or "")])
    if isinstance(value, str) and not _TIMESTAMP.match(value):
        return Fix.safe(edit, intents=LAYOUT)
    return Fix.unsafe(edit, intents=frozenset({f"frontmatter:{key}"}))


def _wants(key: str, value: Any, options: dict) -> bool:
    if key in key_list(options["force-keys"]):
        return value is not None and not isinstance(value, (list, dict))
    return options["escape-special"] and isinstance(value, str) and ("'" in value or '"' in value)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    data = valid_data(note)
    if data is None:
        return
    char = ctx.options["quote-char"]
    candidates = [k for k, v in data.items() if isinstance(k, str) and _wants(k, v, ctx.options)]
    lists = ctx.options["escape-special"] and any(isinstance(v, list) for v in data.values())
    fl = fm_lines(note) if candidates or lists else None
    if fl is None:
        return
    for key in candidates:
        fix = _line_fix(note, fl, key, data[key], char) if key in fl.spans else None
        if fix is not None:  # a quoted or multi-line value already is: nothing to say
            yield ctx.at_line(key_line(note, key), f"the value of `{key}` should be quoted", fix)
    for key, value in data.items():
        if key in fl.spans and isinstance(value, list) and _has_quote_item(value):
            edit = rewrite_span(note, fl, key, _quote_items(char))
            if edit is not None:
                yield ctx.at_line(key_line(note, key), f"items of `{key}` with quotes should be "
                                  "quoted", Fix.safe(edit, intents=LAYOUT))


def _has_quote_item(items: list) -> bool:
    return any(_has_quote_item(i) if isinstance(i, list) else
               isinstance(i, str) and ("'" in i or '"' in i) for i in items)


RULE = Rule(
    code="FM307",
    name="yaml-value-quotes",
    severity=Severity.INFO,
    summary="Frontmatter values with quote characters (or of listed keys) are quoted",
    table="quotes frontmatter values holding quotes, and those of the keys you list",
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
    default_enabled=False,
    options={"quote-char": '"', "escape-special": True, "force-keys": []},
    options_schema={"quote-char": {"enum": ['"', "'"]}, "escape-special": {"type": "boolean"},
                    "force-keys": {"type": "array", "items": {"type": "string"}}},
    examples=(
        Example("---\ntitle: it's here\n---\n", "---\ntitle: \"it's here\"\n---\n"),
        Example("---\nk: say \"hi\"  # note\nl: [a'b, c]\n---\n",
                "---\nk: 'say \"hi\"'  # note\nl: [\"a'b\", c]\n---\n"),
        Example("---\ntitle: A title\nbool: false\n---\n", "---\ntitle: \"A title\"\nbool: \"false\"\n---\n",
                options={"force-keys": ["title", "bool"]}, unsafe=True),
        Example("---\nk: 'it''s'\nl: |\n  it's\n---\n", flagged=False),
    ),
    aliases=("escape-yaml-special-characters", "force-yaml-escape"),
)
