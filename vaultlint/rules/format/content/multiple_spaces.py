"""Two or more spaces between words inside a line.

obsidian-linter's `remove-multiple-spaces`: `Lorem ipsum   dolor` -> `Lorem ipsum dolor`. A
browser shows a run of spaces in a paragraph as one, but the HTML markdown-it renders keeps the
run, so vaultlint's rendering check cannot prove the fix changes nothing: it is **unsafe**
(`--unsafe-fixes`). The rule is off by default: spaces lined up on purpose (`Name:   value`
in source mode) are the writer's choice.

Only runs between two visible characters after a line's block markup are touched: never a
line's indentation or the blanks after its list marker or `>` (they decide which block the line
belongs to), nor trailing spaces (hard line breaks), table rows (column alignment), code, math,
HTML, comments or frontmatter. In a heading a run is reported but not fixed.

Fail:
```markdown
Lorem ipsum   dolor  sit amet.
```
Pass:
```markdown
-   item with its marker spacing  
| a   | b |
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.content._prose import (heading_lines, prefix_end, prose_spans,
                                                   table_lines, text_finding)

_RUN = re.compile(r"(?<=\S) {2,}(?=\S)")


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    tables, headings = table_lines(note), heading_lines(note)
    prefixes: dict[int, int] = {}
    for start, end in prose_spans(note):
        for m in _RUN.finditer(note.text, start, end):
            line = note.position(m.start())[0]
            if line in tables:
                continue
            if line not in prefixes:
                prefixes[line] = prefix_end(note, line)
            if m.start() < prefixes[line]:
                continue
            yield text_finding(ctx, m.start(), m.end(), "multiple spaces",
                               [Edit(m.start(), m.end(), " ")], headings)


RULE = Rule(
    aliases=("remove-multiple-spaces",),
    code="FMT304",
    name="multiple-spaces",
    severity=Severity.INFO,
    summary="Two or more spaces between words inside a line",
    table="runs of spaces between words (not indentation, tables, code)",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    examples=(
        Example("Lorem ipsum   dolor  sit amet.\n", "Lorem ipsum dolor sit amet.\n", unsafe=True),
        Example("-   item  \n    next\n>  quote\n\n| a   | b |\n|---|---|\n| 1   | 2 |\n",
                flagged=False),
        Example("`a   b` $x   y$ %% a   b %%\n\n```\na   b\n```\n", flagged=False),
        Example("- item   one\n  > quote  two\n", "- item one\n  > quote two\n", unsafe=True),
    ),
)
