"""A footnote reference goes after the punctuation that ends its clause, not before it.

`Lorem[^1]. Ipsum` becomes `Lorem.[^1] Ipsum` (the Chicago style obsidian-linter applies).
The fix moves the punctuation (`,` `.` `;` `:` `!` `?`, a whole run such as `...` or `?!`,
and a single space between the reference and it) in front of the reference, or of a run of
references (`a[^1][^2].`). The rendered sentence changes, so the fix is unsafe
(`--unsafe-fixes`); off by default. Left alone: a reference after a blank (`Lorem [^1].`,
where the punctuation would follow the blank), at the start of a line or task item
(`- [ ] [^1]: text`), a definition's own `[^1]:`, punctuation that opens something else
(`[^1]![[image.png]]`, a Dataview `[^1]::`), and everything in code, math, comments, HTML and links.

Fail:
```markdown
Lorem[^1]. Ipsum[^2], doletes.
```
Pass:
```markdown
Lorem.[^1] Ipsum,[^2] doletes.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.footnotes._notes import Reference, footnotes

_PUNCTUATION = re.compile(r" ?([,.;!:?]+)")
# What may follow the moved punctuation: a blank, the line's end, or a closing mark. A `!`
# before `[` opens an embed, a `:` before `:` a Dataview field: those are not punctuation.
_AFTER = set(" \t\r\n)\"'”’*_~=")
# Only blanks, `>` quote markers, a list marker and a task box before it: a line's first word.
_LINE_START = re.compile(r"(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]))*[ \t]*(?:\[.\][ \t]+)?\Z")


def _runs(refs: tuple[Reference, ...]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of adjacent references (`[^1][^2]`)."""
    i = 0
    while i < len(refs):
        start, end = refs[i].start, refs[i].end
        while i + 1 < len(refs) and refs[i + 1].start == end:
            i += 1
            end = refs[i].end
        yield start, end
        i += 1


def _movable(note: Note, start: int, end: int) -> re.Match[str] | None:
    """The punctuation after a run of references that should go before it, if any."""
    text = note.text
    m = _PUNCTUATION.match(text, end)
    if m is None or start == 0 or text[start - 1] in " \t\r\n" or "::" in m.group(1):
        return None
    if m.end() < len(text) and text[m.end()] not in _AFTER:
        return None
    if any(note.in_region(i) for i in range(m.start(1), m.end())):
        return None
    line_start = note.line_starts[note.position(start)[0]]
    if _LINE_START.match(text, line_start, start):
        return None
    return m


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    for start, end in _runs(footnotes(note).references):
        m = _movable(note, start, end)
        if m is None:
            continue
        marks = m.group(1)
        fix = Fix.unsafe(Edit(start, m.end(), marks + note.text[start:end]),
                         intents=frozenset({"body"}))
        yield ctx.diagnostic(start, m.end(), f"footnote reference before `{marks}`: put it after",
                             fix)


RULE = Rule(
    code="FMT501",
    name="footnote-after-punctuation",
    severity=Severity.INFO,
    summary="A footnote reference follows the punctuation, not precedes it",
    table="`word[^1].` -> `word.[^1]`; unsafe: the sentence changes",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    examples=(
        Example("Lorem[^1]. Ipsum[^2], doletes.\n\n[^1]: a\n[^2]: b\n",
                "Lorem.[^1] Ipsum,[^2] doletes.\n\n[^1]: a\n[^2]: b\n", unsafe=True),
        Example("Wait[^1][^2]...\n", "Wait...[^1][^2]\n", unsafe=True),
        Example("Lorem [^1].\n", flagged=False),
        Example("- [ ] [^1]: a task\n", flagged=False),
        Example("`code[^1].`\n", flagged=False),
    ),
)
