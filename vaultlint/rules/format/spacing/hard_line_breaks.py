"""Lines of a paragraph end in a hard line break (off by default; unsafe fix).

obsidian-linter's "two spaces between lines with content": every line of a paragraph, list
item or blockquote that is followed by another line of the same paragraph gets a hard line
break, so the note renders its line breaks in any Markdown viewer, not only in Obsidian with
"strict line breaks" off. In CommonMark this changes the rendering (a soft break becomes
`<br>`), so the fix is unsafe and the rule is off by default. A line that already ends in a
hard break (two spaces, `\\`, `<br>`) is left as it is: an HTML `<br>` is HTML, never
rewritten. A callout's title line (`> [!note] Title`), which Obsidian renders apart, headings,
table rows, code, math, HTML blocks, `%% comments %%` and a line break inside a code span or
link are left alone.

Options:
- `line-break` (`"  "` or `"\\"`, default two spaces): what ends a line. The peer's `<br>` and
  `<br/>` are not offered: a fix never adds or removes HTML.

Fail:
```markdown
First line
second line
```
Pass (two spaces after "line"):
```markdown
First line  
second line
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.spacing._paragraphs import break_inside_region, hard_break, paragraphs

_BODY = frozenset({"body"})
# Obsidian renders a callout's title line apart from its body: no line break to make there.
_CALLOUT_TITLE = re.compile(r"[ \t]*(?:>[ \t]?)+\[!")


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    indicator = ctx.options["line-break"]
    for first, end in paragraphs(note, top_level=False):
        for line in range(first, end - 1):
            text = note.line_text(line)
            if hard_break(text) or break_inside_region(note, line) or _CALLOUT_TITLE.match(text):
                continue
            start, stop = note.line_span(line)
            content_end = start + len(text.rstrip(" \t"))
            yield ctx.diagnostic(content_end, stop, "line break is not a hard line break",
                                 Fix.unsafe(Edit(content_end, stop, indicator), intents=_BODY))


RULE = Rule(
    code="FMT111",
    name="hard-line-breaks",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="Lines of a paragraph end in a hard line break",
    table="hard line breaks between paragraph lines",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"line-break": "  "},
    options_schema={"line-break": {"enum": ["  ", "\\"]}},
    examples=(
        Example("First line\nsecond line\n", "First line  \nsecond line\n", unsafe=True),
        Example("> quote\n> more\n", "> quote  \n> more\n", unsafe=True),
        Example("First line\nsecond\n", "First line\\\nsecond\n", unsafe=True,
                options={"line-break": "\\"}),
        Example("Line<br>\nnext\n# Heading\n", flagged=False),
        Example("> [!note] Title\n> body\n", flagged=False),
    ),
    aliases=("two-spaces-between-lines-with-content",),
)
