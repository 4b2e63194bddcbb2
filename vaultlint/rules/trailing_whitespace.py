"""Spaces and tabs at the end of a line.

Trailing whitespace is invisible noise in diffs. Two trailing spaces on a paragraph line
followed by another line of the same paragraph are a Markdown hard line break, so they are
kept unless `hard-breaks = false`; a longer run that ends a hard break is shortened to two
spaces. On table rows, headings and a quote's last line they mean nothing and are removed; on
a callout's title line (Obsidian renders it apart) the fix is unsafe, as CommonMark sees a break.
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

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext



def _trailing_start(text: str, start: int, end: int) -> int:
    """Where a line's trailing spaces and tabs begin (`end` if none). Not the regex `[ \t]+$`:
    searched, it retries at every blank of a long indentation run, quadratic in the run."""
    return start + len(text[start:end].rstrip(" \t"))


# `\A`: tried at a line's start only (searched, the nested repeats would rescan, quadratic)
_CALLOUT_TITLE = re.compile(r"\A[ \t]*(?:>[ \t]?)+\[!")


def _break_lines(note: Note) -> set[int]:
    """Lines (0-based, whole note) followed by another line of the same paragraph: the only
    place trailing spaces make a hard break (table rows and headings are not paragraph lines)."""
    lines: set[int] = set()
    base = note.body_first_line
    for tok in note.tokens:
        if tok.type != "paragraph_open" or not tok.map:
            continue
        lines.update(range(tok.map[0] + base, tok.map[1] + base - 1))
    return lines


def _is_hard_break(note: Note, line: int, trailing: str, breaks: set[int]) -> bool:
    """Two or more spaces before a following line of the same paragraph."""
    if not trailing.endswith("  ") or "\t" in trailing[-2:]:
        return False
    return line in breaks


def _joins_line_breaks(text: str, start: int, end: int) -> bool:
    """Whether emptying text[start:end] would join a lone CR before it and a LF after it into
    one CRLF: two line breaks (a blank line, maybe what makes a list loose) would become one."""
    return start > 0 and text.startswith("\r", start - 1) and text.startswith("\n", end)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    keep_breaks = ctx.options["hard-breaks"]
    skip = note.block_lines
    breaks = _break_lines(note)
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
        hard = _is_hard_break(note, line, trailing, breaks)
        if hard and _CALLOUT_TITLE.match(note.text[start:end]):
            # Obsidian renders the title apart from the body, so the spaces mean nothing
            # there; but CommonMark (the verifier's view) reads a hard break: unsafe.
            fix = Fix.unsafe(Edit(ws, end, ""), intents=frozenset({"body"}))
            yield ctx.diagnostic(ws, end, "trailing spaces on a callout title", fix)
            continue
        if hard:
            if not keep_breaks:  # removing a hard break changes the rendering
                fix = Fix.unsafe(Edit(ws, end, ""), intents=frozenset({"body"}))
                yield ctx.diagnostic(ws, end, "trailing spaces make a hard line break", fix)
            elif trailing != "  ":
                fix = Fix.safe(Edit(ws, end, "  "))
                yield ctx.diagnostic(ws, end, "hard line break with more than two spaces", fix)
            continue
        if ws == start and _joins_line_breaks(note.text, start, end):
            yield ctx.diagnostic(ws, end, "whitespace between a CR and a LF line break", None)
            continue
        if ws == start:  # a whitespace-only line
            message = "whitespace on a blank line"
        else:
            message = "trailing whitespace"
        yield ctx.diagnostic(ws, end, message, Fix.safe(Edit(ws, end, "")))


RULE = Rule(
    aliases=("trailing-spaces",),  # obsidian-linter's id
    # its "keep two-space line breaks" option, spelled `twp-` in the data.json it writes
    peer_options={"twp-space-line-break": "hard-breaks", "two-space-line-break": "hard-breaks"},
    code="FMT001",
    name="trailing-whitespace",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="Spaces and tabs at the end of a line",
    table=("spaces/tabs at line ends (two-space hard breaks kept); unsafe on a callout title "
           "or with `hard-breaks = false`"),
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
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
