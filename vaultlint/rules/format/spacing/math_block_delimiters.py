"""A math block's `$$` lines hold nothing else (off by default; no fix).

obsidian-linter's "move math block indicators to their own line": `$$x^2$$` or `$$x^2` on
the first line of a block is easier to read as `$$`, the formula, `$$` on lines of their own.
vaultlint reports such a block but offers no fix: the text of a math block, its `$$` included,
is protected byte for byte by the fixer (it renders the same either way, but the fixer does
not rewrite math). Off by default, a matter of taste. Math in code and `%% comments %%` is left
alone; inline math (`$x$` inside a line of text) is no block.

Fail:
```markdown
$$x^2 + y^2$$
```
Pass:
```markdown
$$
x^2 + y^2
$$
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext

_OPENING = re.compile(r"\$\$+(?!\$)[ \t]*\S")  # `$$` with the formula after it
_CLOSING = re.compile(r"[^\s$][ \t]*\$\$+[ \t]*\Z")  # the formula right before the closing `$$`


def _content(note: Note, line: int) -> str:
    """The line without its indentation and blockquote markers."""
    return note.line_text(line).lstrip(" \t>")


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    base = note.body_first_line
    for tok in note.tokens:
        if tok.type not in ("math_block", "math_block_label") or not tok.map:
            continue
        first, last = base + tok.map[0], base + tok.map[1] - 1
        if note.in_region(note.line_starts[first], {"comment"}):
            continue
        if _OPENING.match(_content(note, first)):
            yield ctx.at_line(first, "the math block's `$$` shares a line with the formula")
        elif last > first and _CLOSING.search(_content(note, last)):
            yield ctx.at_line(last, "the math block's closing `$$` shares a line with the formula")


RULE = Rule(
    code="FMT112",
    name="math-block-delimiters",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="A math block's `$$` lines hold nothing else",
    table="`$$` on lines of their own",
    docs=__doc__,
    check=check,
    default_enabled=False,
    examples=(
        Example("$$x^2$$\n"),
        Example("Text\n$$\nx^2$$\n"),
        Example("$$\nx^2\n$$\n", flagged=False),
        Example("> $$$\n> x^2\n> $$$\n", flagged=False),
        Example("Inline $$x$$ math\n", flagged=False),
    ),
    aliases=("move-math-block-indicators-to-their-own-line",),
)
