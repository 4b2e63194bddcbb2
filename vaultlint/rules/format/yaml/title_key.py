"""The frontmatter `title` says the note's title: its first H1, else its file name.

Off by default. With it on, a note whose `title` (the `title-key` option) is missing gets one
(a note without frontmatter gets a frontmatter), taken as `mode` says: the first level-1 ATX
heading (`# ...`, not in a list, quote, code block or comment; links reduced to their text),
else the file name (`first-h1-or-filename-if-h1-missing`), always the file name
(`filename`), or only the first H1 (`first-h1`: `""` when there is none). The value is written
plain when YAML reads it back as the same text, else in double quotes.

Inserting a missing title is a safe fix: it is the one thing enabling the rule asks for, and
nothing of the note is lost. A `title` that differs (the heading or file name changed since) is
reported with an unsafe fix (`--unsafe-fixes`): the title you wrote may be on purpose. Only the
title's line changes (its comment is kept); a title written over several lines is reported
without a fix.

Options:
- `title-key` (default `"title"`): the key holding the title.
- `mode` (default `"first-h1-or-filename-if-h1-missing"`, or `"filename"`, `"first-h1"`).

Fail:
```markdown
# Obsidian
```
Pass:
```markdown
---
title: Obsidian
---
# Obsidian
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.yaml._scalar_key import current, insert_key, replace_value
from vaultlint.rules.format.yaml._title import file_title, first_h1

MODES = ("first-h1-or-filename-if-h1-missing", "filename", "first-h1")

def wanted_title(note: Note, mode: str) -> str:
    if mode == "filename":
        return file_title(note)
    h1 = first_h1(note)
    if mode == "first-h1":
        return h1 or ""
    return h1 or file_title(note)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is not None and (not fm.closed or fm.error is not None):
        return  # invalid-yaml's business
    key, title = ctx.options["title-key"], wanted_title(note, ctx.options["mode"])
    if key not in note.properties:
        made = insert_key(note, key, title)
        fix = Fix.safe(made[0], intents=made[1]) if made else None
        yield ctx.diagnostic(0, 0, f"frontmatter lacks `{key}` ({title!r})", fix)
        return
    if current(note, key) == title:
        return
    made = replace_value(note, key, title)
    fix = Fix.unsafe(made[0], intents=made[1]) if made else None
    yield ctx.at_line(fm.key_lines[key] - 1, f"`{key}` is not the note's title {title!r}", fix)


RULE = Rule(
    code="FM330",
    name="yaml-title",
    severity=Severity.INFO,
    summary="The frontmatter title is the note's first H1 or file name",
    table="frontmatter `title` from the first H1 or the file name (inserted safe, updated unsafe)",
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
    default_enabled=False,
    options={"title-key": "title", "mode": MODES[0]},
    options_schema={"title-key": {"type": "string", "minLength": 1},
                    "mode": {"enum": list(MODES)}},
    examples=(
        Example("# Obsidian\n", "---\ntitle: Obsidian\n---\n# Obsidian\n"),
        Example("---\ntags: [a]\n---\nText.\n", "---\ntags: [a]\ntitle: example\n---\nText.\n"),
        Example("---\ntitle: Old  # mine\n---\n# New\n", "---\ntitle: New  # mine\n---\n# New\n",
                unsafe=True),
        Example("---\nname: \"A: B\"\n---\n# A: B\n", flagged=False, options={"title-key": "name"}),
        Example("## H2\n", "---\ntitle: \"\"\n---\n## H2\n", options={"mode": "first-h1"}),
    ),
    aliases=("yaml-title",),
)
