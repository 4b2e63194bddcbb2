"""More blank lines in a row than allowed.

Runs of blank lines (including lines holding only whitespace) longer than `maximum` are
shortened. Blank lines inside code, math and HTML blocks and inside comments are content and
are left alone; blank lines at the very end of the note belong to `final-newline`. A line of
non-breaking or ideographic spaces (U+00A0, U+2003, U+3000) is content, not blank. With
`maximum = 0`, one blank line is kept where the note would render differently without it
(between paragraphs, in a loose list).

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

import bisect
from collections.abc import Iterator

from vaultlint import markdown

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note, is_blank
from vaultlint.rules.base import Example, Rule, RuleContext


def blank_runs(note: Note) -> Iterator[tuple[int, int]]:
    """(first, last) 0-based lines of each run of blank lines outside blocks and comments."""
    skip = note.block_lines
    comments = note.comment_lines
    run_start = None
    for line in range(note.body_first_line, note.line_count):
        blank = line not in skip and line not in comments and is_blank(note.line_text(line))
        if blank and run_start is None:
            run_start = line
        elif not blank and run_start is not None:
            yield run_start, line - 1
            run_start = None
    if run_start is not None:
        yield run_start, note.line_count - 1


def _top_blocks(note: Note) -> list[tuple[int, int]]:
    """(first, end) lines of each top-level block (a whole list, quote, paragraph...)."""
    base = note.body_first_line
    return [(base + t.map[0], base + t.map[1]) for t in note.tokens
            if t.level == 0 and t.map and t.nesting >= 0]


def _needed(note: Note, first: int, last: int, blocks: list[tuple[int, int]]) -> int:
    """1 if the blank lines first..last render differently when cut, else 0: with
    `maximum = 0` a blank line that ends a paragraph or makes a list loose is kept. Only the
    top-level blocks on either side are rendered, so a note of many runs stays linear."""
    i = bisect.bisect_left(blocks, (first, first))  # blocks[i - 1]: the block before the run
    lo = blocks[i - 1][0] if i > 0 else first
    if i > 0 and blocks[i - 1][1] > last + 1:  # the run lies inside that block (a loose list)
        hi = blocks[i - 1][1]
    else:
        hi = blocks[i][1] if i < len(blocks) else last + 1
    starts = note.line_starts
    stop = starts[hi] if hi < len(starts) else len(note.text)
    window = note.text[starts[lo] : stop]
    cut = note.text[starts[lo] : starts[first]] + note.text[starts[last + 1] : stop]
    return int(markdown.render(markdown.parse_full(window))
               != markdown.render(markdown.parse_full(cut)))


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    maximum = ctx.options["maximum"]
    last_line = note.line_count - 1
    blocks = _top_blocks(note) if maximum == 0 else []
    for first, last in blank_runs(note):
        if last == last_line:  # trailing blank lines: final-newline's job
            continue
        count = last - first + 1
        if count <= maximum:
            continue
        keep = maximum or _needed(note, first, last, blocks)
        if count <= keep:
            continue
        cut_from = note.line_starts[first + keep]
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
    table="more than `maximum` (1) blank lines in a row",
    docs=__doc__,
    check=check,
    fix="safe",
    options={"maximum": 1},
    options_schema={"maximum": {"type": "integer", "minimum": 0, "maximum": 100}},
    examples=(
        Example("Some text\n\n\nSome more text\n", "Some text\n\nSome more text\n"),
        Example("a\n  \n\t\n\nb\n", "a\n  \nb\n"),
        Example("```\n\n\n\n```\n", flagged=False),
        Example("a\n\n\n\nb\n", "a\n\n\nb\n", options={"maximum": 2}),
        Example("a\n\n\u00a0\n\nb\n", flagged=False),  # a line of U+00A0 is content
        Example("# H\n\none\n\ntwo\n\n- a\n\n- b\n", "# H\none\n\ntwo\n- a\n\n- b\n",
                options={"maximum": 0}),  # the blank lines that render are kept
    ),
)
