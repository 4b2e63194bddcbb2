"""Spaces and tabs at the end of a line.

Trailing whitespace is invisible noise in diffs. Exactly two trailing spaces before a
following line of text are a Markdown hard line break, so they are kept unless
`hard-breaks = false`; a longer run that ends a hard break is shortened to two spaces.
Lines inside code blocks, math blocks, HTML blocks and comments are never touched (their
whitespace may be content); frontmatter lines are left to `yaml-format`.

Options:
- `hard-breaks` (bool, default true): keep two-space hard line breaks.

Fail:
```markdown
Line with trailing spaces and tabs.\t  
```
Pass:
```markdown
First line of a paragraph with a hard break  
second line.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext



def _trailing_start(text: str, start: int, end: int) -> int:
    """Where a line's trailing spaces and tabs begin (`end` if none). Not the regex `[ \t]+$`:
    searched, it retries at every blank of a long indentation run, quadratic in the run."""
    return start + len(text[start:end].rstrip(" \t"))


def _is_hard_break(note: Note, line: int, trailing: str) -> bool:
    """Two or more spaces before a following non-blank line of the same paragraph."""
    if not trailing.endswith("  ") or "\t" in trailing[-2:]:
        return False
    if line + 1 >= note.line_count:
        return False
    return note.line_text(line + 1).strip() != ""


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    keep_breaks = ctx.options["hard-breaks"]
    skip = note.block_lines
    for line in range(note.body_first_line, note.line_count):
        if line in skip:
            continue
        start, end = note.line_span(line)
        ws = _trailing_start(note.text, start, end)
        if ws == end:
            continue
        if note.in_region(ws, {"comment", "code", "math", "frontmatter"}):
            continue
        trailing = note.text[ws:end]
        if _is_hard_break(note, line, trailing):
            if not keep_breaks:  # removing a hard break changes the rendering
                fix = Fix.unsafe(Edit(ws, end, ""), intents=frozenset({"body"}))
                yield ctx.diagnostic(ws, end, "trailing spaces make a hard line break", fix)
            elif trailing != "  ":
                fix = Fix.safe(Edit(ws, end, "  "))
                yield ctx.diagnostic(ws, end, "hard line break with more than two spaces", fix)
            continue
        if ws == start:  # a whitespace-only line
            message = "whitespace on a blank line"
        else:
            message = "trailing whitespace"
        yield ctx.diagnostic(ws, end, message, Fix.safe(Edit(ws, end, "")))


RULE = Rule(
    code="FMT001",
    name="trailing-whitespace",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="Spaces and tabs at the end of a line",
    docs=__doc__,
    check=check,
    fixable=True,
    options={"hard-breaks": True},
    options_schema={"hard-breaks": {"type": "boolean"}},
    examples=(
        Example("# H1\nLine with trailing spaces and tabs.\t        \n",
                "# H1\nLine with trailing spaces and tabs.\n"),
        Example("# H1\nLine with a hard break  \nnext line\n", flagged=False),
        Example("Last line of a paragraph  \n", "Last line of a paragraph\n"),
        Example("```\ncode   \n```\n", flagged=False),
        Example("a    \nb\n", "a  \nb\n"),
    ),
)
