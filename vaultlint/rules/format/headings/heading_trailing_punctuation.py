"""Headings do not end with punctuation.

A heading is a title, not a sentence: `# Results.` reads as `# Results`. The fix removes the
trailing run of punctuation characters (the closing `#`s of `## Title ##` and the blanks after
the text are kept). It changes the heading's text, so it is unsafe (`--unsafe-fixes`).
Obsidian ignores `. , ; : !` when it matches a link to a heading (`[[Note#Results]]` still
finds `# Results.`), but not the full-width `。，；：！`: links to such a heading that
spell the punctuation must be changed too. Left alone: a heading that ends in an HTML entity
(`&amp;`), in an escaped character (`\\!`), in an ellipsis (`...`), inside code, math, a link
or a comment, or that is only punctuation; headings inside lists and callouts. Off by default.

Options:
- `punctuation-to-remove` (string, default `.,;:!。，；：！`): the characters removed (as
  obsidian-linter's option of that name; `?` is kept by default: a question is a title too).

Fail:
```markdown
# Heading ends in a period.
```
Pass:
```markdown
# Heading ends in a period
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.headings._text import top_headings

DEFAULT_PUNCTUATION = ".,;:!。，；：！"
# What Obsidian's heading-link matching ignores (vaultlint.links.strip_heading): removing only
# these keeps every link to the heading working.
_LINK_NEUTRAL = set("!\"#$%&()*+,.:;<=>?@^`{|}~/[]\\")
# `\Z` on the heading text only (bounded by a line): an entity such as `&amp;` or `&#8230;`
_ENTITY = re.compile(r"&[^\s&;]+;\Z")


def _trailing_run(text: str, punctuation: str) -> int:
    """How many characters at the end of `text` are punctuation to remove."""
    n = 0
    while n < len(text) and text[len(text) - 1 - n] in punctuation:
        n += 1
    return n


def _keep(note: Note, text: str, start: int, end: int, run: int) -> bool:
    """Whether the trailing run must stay (see the module docs for why each)."""
    rest = text[: len(text) - run]
    return (not rest.strip() or rest.endswith("\\") or ".." in text[len(text) - run - 1:]
            or _ENTITY.search(text) is not None or note.in_region(end - 1))


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    punctuation = ctx.options["punctuation-to-remove"]
    if not punctuation:
        return
    for _heading, start, end in top_headings(note):
        text = note.text[start:end]
        run = _trailing_run(text, punctuation)
        if not run or _keep(note, text, start, end, run):
            continue
        removed = text[len(text) - run:]
        message = f"heading ends with punctuation `{removed}`"
        if not set(removed) <= _LINK_NEUTRAL:
            message += " (links to the heading that spell it must change too)"
        fix = Fix.unsafe(Edit(end - run, end, ""), intents=frozenset({"body"}))
        yield ctx.diagnostic(end - run, end, message, fix)


RULE = Rule(
    code="FMT401",
    name="heading-trailing-punctuation",
    severity=Severity.INFO,
    summary="Headings do not end with punctuation",
    table=("a heading ends in `.`, `,`, `;`, `:`, `!` (or the full-width forms); "
           "unsafe: the text changes"),
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"punctuation-to-remove": DEFAULT_PUNCTUATION},
    options_schema={"punctuation-to-remove": {"type": "string", "maxLength": 100}},
    examples=(
        Example("# Heading ends in a period.\n", "# Heading ends in a period\n", unsafe=True),
        Example("## Ends in a mark! ##\n", "## Ends in a mark ##\n", unsafe=True),
        Example("# Heading &amp;\n", flagged=False),
        Example("# Wait...\n", flagged=False),
        Example("# Why?\n", flagged=False),
        Example("# Why?\n", "# Why\n", options={"punctuation-to-remove": "?"}, unsafe=True),
        Example("```\n# In code.\n```\n", flagged=False),
    ),
    aliases=("remove-trailing-punctuation-in-heading",),
)
