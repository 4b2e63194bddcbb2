"""More blank lines in a row than allowed.

Runs of blank lines (including lines holding only whitespace) longer than `maximum` are
shortened. Blank lines inside code, math and HTML blocks and inside comments are content and
are left alone; blank lines at the very end of the note belong to `final-newline`.

Options:
- `maximum` (int, default 1): how many blank lines may stand together.

Fail:
```markdown
Some text


Some more text
```
Pass:
```markdown
Some text

Some more text
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext


def blank_runs(note: Note) -> Iterator[tuple[int, int]]:
    """(first, last) 0-based lines of each run of blank lines outside blocks and comments."""
    skip = note.block_lines
    comments = note.comment_lines
    run_start = None
    for line in range(note.body_first_line, note.line_count):
        blank = line not in skip and line not in comments and not note.line_text(line).strip()
        if blank and run_start is None:
            run_start = line
        elif not blank and run_start is not None:
            yield run_start, line - 1
            run_start = None
    if run_start is not None:
        yield run_start, note.line_count - 1


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    maximum = ctx.options["maximum"]
    last_line = note.line_count - 1
    for first, last in blank_runs(note):
        if last == last_line:  # trailing blank lines: final-newline's job
            continue
        count = last - first + 1
        if count <= maximum:
            continue
        cut_from = note.line_starts[first + maximum]
        cut_to = note.line_starts[last + 1]
        fix = Fix.safe(Edit(cut_from, cut_to, ""))
        yield ctx.diagnostic(
            cut_from,
            note.line_span(last)[1],
            f"{count} consecutive blank lines (at most {maximum} allowed)",
            fix,
        )


RULE = Rule(
    code="FMT002",
    name="consecutive-blank-lines",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="More blank lines in a row than allowed",
    docs=__doc__,
    check=check,
    fixable=True,
    options={"maximum": 1},
    options_schema={"maximum": {"type": "integer", "minimum": 0}},
    examples=(
        Example("Some text\n\n\nSome more text\n", "Some text\n\nSome more text\n"),
        Example("a\n  \n\t\n\nb\n", "a\n  \nb\n"),
        Example("```\n\n\n\n```\n", flagged=False),
        Example("a\n\n\n\nb\n", "a\n\n\nb\n", options={"maximum": 2}),
    ),
)
