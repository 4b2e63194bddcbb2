"""Frontmatter has the keys you list, inserted from your text when missing.

The option is YAML text (`aliases:\\ntags: doc`); each of its top-level keys missing from a
note's frontmatter is inserted at the top, with the lines you wrote for it (value, comments
and all). A key already there is left as it is, whatever its value. Nothing existing changes,
so the fix is safe (it declares the keys it adds). Only a valid frontmatter mapping gets keys:
a note without frontmatter, with empty frontmatter or with invalid YAML is left alone. Off by
default, and without text it wants nothing.

Options:
- `text` (YAML text, default ""): the keys to insert, with their default values.

Fail (with `text: "aliases:\\ntags: doc"`):
```markdown
---
animal: cat
---
```
Pass:
```markdown
---
aliases:
tags: doc
animal: cat
---
```
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.frontmatter import key_spans
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.yaml._lines import valid_data


@lru_cache(maxsize=8)
def template_keys(text: str) -> tuple[tuple[str, str], ...]:
    """(key, its lines with a final newline) for each top-level key of the option's text, in
    order; none when the text is not a YAML mapping."""
    text = text.replace("\r\n", "\n")
    spans = key_spans(text)
    if not spans:
        return ()
    lines = text.split("\n")
    return tuple((k, "".join(ln + "\n" for ln in lines[s:e]))
                 for k, (s, e) in sorted(spans.items(), key=lambda kv: kv[1][0]))


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    data = valid_data(note)
    wanted = template_keys(ctx.options["text"]) if data is not None else ()
    missing = [(k, lines) for k, lines in wanted if k not in data]
    if not missing:
        return
    fm = note.frontmatter
    assert fm is not None
    text = "".join(lines for _, lines in missing)
    if "\r\n" in note.text[fm.start:fm.content_end]:
        text = text.replace("\n", "\r\n")
    fix = Fix.safe(Edit(fm.content_start, fm.content_start, text),
                   intents=frozenset(f"frontmatter:{k}" for k, _ in missing))
    names = ", ".join(f"`{k}`" for k, _ in missing)
    yield ctx.at_line(fm.first_line, f"frontmatter lacks {names}", fix)


RULE = Rule(
    code="FM306",
    name="yaml-inserted-keys",
    severity=Severity.INFO,
    summary="Frontmatter has the keys of the configured text",
    table="inserts the frontmatter keys of your text when missing",
    docs=__doc__,
    check=check,
    fix="safe",
    default_enabled=False,
    options={"text": ""},
    options_schema={"text": {"type": "string"}},
    examples=(
        Example("---\nanimal: cat\n---\n", "---\naliases:\ntags: doc\nanimal: cat\n---\n",
                options={"text": "aliases:\ntags: doc"}),
        Example("---\ntags: [x]\n---\n", "---\nstatus: draft  # new notes\ntags: [x]\n---\n",
                options={"text": "status: draft  # new notes\ntags: doc\n"}),
        Example("---\ntags: x\n---\n", flagged=False, options={"text": "tags: doc"}),
        Example("no frontmatter\n", flagged=False, options={"text": "tags: doc"}),
    ),
    aliases=("insert-yaml-attributes",),
)
