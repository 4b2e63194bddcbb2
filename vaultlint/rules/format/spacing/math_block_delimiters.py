"""A math block's `$$` lines hold nothing else (off by default; safe fix, unsafe for `$$$`).

obsidian-linter's "move math block indicators to their own line": `$$x^2$$` or `$$x^2` on
the first line of a block is easier to read as `$$`, the formula, `$$` on lines of their own.
The fix moves the formula off the `$$` line (in a quote or list item, the new lines take the
block's `>` or indentation). Off by default, a matter of taste. Math in code and
`%% comments %%` is left alone; inline math (`$x$`, or `$$x$$` inside a line of text) is no
block and is not touched, nor is a line of two formulas (`$$a$$ $$b$$`: one block to
markdown-it, two to Obsidian).

Why the fix is safe: `$$x$$` alone on its line is already a math block to markdown-it (and to
Obsidian), not inline math: it renders `<div class="math block">` exactly as `$$`, `x`, `$$`
on three lines do, as the formula is trimmed when rendered; only the whitespace between `$$` and
the formula changes. The fixer proves it: the fix declares the intent `math-delimiters`, under
which each math block's formula must stay byte for byte but for whitespace at its edges, and
everything else (other protected text, token structure, rendered HTML) as strictly as for any
layout fix.

`$$$` (obsidian-linter's option of three dollar signs) is `$$` and a `$` to markdown-it and to
Obsidian: that `$` is part of the formula, so the line break lands inside the rendered math
(`$x$` becomes `$` newline `x` newline `$`). TeX ignores it, but the HTML is no longer identical:
that fix is unsafe (`--unsafe-fixes`). A formula ending in an odd run of backslashes
(`$$x\\$$`) keeps its closing `$$`: a line break after `\\` would be TeX's control space.

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

from collections.abc import Iterator

from markdown_it.token import Token

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext

INTENTS = frozenset({"math-delimiters"})
_CONTAINER = frozenset(" \t>-*+.)0123456789")  # what may stand before `$$`: quote, list item


def _line_end(note: Note, line: int) -> str:
    """The line's own line ending (the note's usual one on a last line without one)."""
    end = note.line_span(line)[1]
    nxt = note.line_starts[line + 1] if line + 1 < note.line_count else len(note.text)
    return note.text[end:nxt] or note.newline


def _opening(note: Note, line: int) -> tuple[int, int, str, int] | None:
    """(start, end, continuation prefix, length of the `$` run) of the blanks between the
    opening `$` run and a formula on the same line; None when the `$$` line holds nothing else."""
    text = note.line_text(line)
    run = text.find("$$")
    if run < 0 or not _CONTAINER.issuperset(text[:run]):
        return None
    after = run + len(text[run:]) - len(text[run:].lstrip("$"))
    formula = after + len(text[after:]) - len(text[after:].lstrip())
    if not text[formula:].strip("$ \t"):
        return None  # `$$ $$`: no formula
    prefix = "".join(c if c in " \t>" else " " for c in text[:run])  # `- ` -> `  `
    start = note.line_starts[line]
    return start + after, start + formula, prefix, after - run


def _closing(note: Note, line: int, tok: Token) -> tuple[int, int, str, int, bool] | None:
    """(start, end, prefix, length of the `$` run, fixable) of the blanks between a formula
    and the closing `$` run on the block's last line; None when the formula does not end there.
    Not fixable after an odd run of backslashes: `\\` then a line break is TeX's control space."""
    text = note.line_text(line)
    base = text.rstrip()
    if tok.type == "math_block_label":  # `$$ (label)`: the `$$` is before the label
        base = base[: base.rfind("(")].rstrip()
    run = len(base) - len(base.rstrip("$"))
    formula = base[: len(base) - run].rstrip()
    prefix = text[: len(text) - len(text.lstrip(" \t>"))]
    if run < 2 or len(formula) <= len(prefix) or formula.endswith("$"):
        return None  # `$$` alone (after its prefix)
    slashes = len(formula) - len(formula.rstrip("\\"))
    start = note.line_starts[line]
    return start + len(formula), start + len(base) - run, prefix, run, slashes % 2 == 0


def _finding(note: Note, tok: Token, first: int, last: int) -> tuple[int, str, Fix | None] | None:
    """The line, message and fix for a block whose `$$` shares a line with the formula."""
    opening = _opening(note, first)
    closing = _closing(note, last, tok)
    if opening and closing and closing[0] <= opening[1]:
        closing = None  # `$$ $$ (1)`: no formula between them
    if not (opening or closing):
        return None
    edits, runs = [], []
    if opening:
        edits.append(Edit(opening[0], opening[1], _line_end(note, first) + opening[2]))
        runs.append(opening[3])
    if closing and closing[4]:  # a one-line block's new closing line takes the opening's prefix
        prefix = opening[2] if opening and first == last else closing[2]
        edits.append(Edit(closing[0], closing[1], _line_end(note, last) + prefix))
        runs.append(closing[3])
    # Next to `$$` the break is outside what is rendered; next to `$$$` it is inside (after the
    # `$` markdown-it reads as math text): the same to TeX, but no longer the same HTML.
    make = Fix.safe if all(n == 2 for n in runs) else Fix.unsafe
    fix = make(*edits, intents=INTENTS) if edits else None
    if opening:
        return first, "the math block's `$$` shares a line with the formula", fix
    return last, "the math block's closing `$$` shares a line with the formula" + (
        "" if fix else " (not fixed: the formula ends in a backslash)"), fix


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    base = note.body_first_line
    for tok in note.tokens:
        if tok.type not in ("math_block", "math_block_label") or not tok.map:
            continue
        first, last = base + tok.map[0], base + tok.map[1] - 1
        if note.in_region(note.line_starts[first], {"comment"}):
            continue
        if "$$" in tok.content.strip().strip("$"):
            continue  # `$$a$$ $$b$$`: one block to markdown-it, two formulas to Obsidian
        found = _finding(note, tok, first, last)
        if found:
            yield ctx.at_line(*found)


RULE = Rule(
    code="FMT112",
    name="math-block-delimiters",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="A math block's `$$` lines hold nothing else",
    table="`$$` on lines of their own",
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
    default_enabled=False,
    examples=(
        Example("$$x^2$$\n", "$$\nx^2\n$$\n"),
        Example("Text\n$$\nx^2$$\n", "Text\n$$\nx^2\n$$\n"),
        Example("> $$x^2$$\n", "> $$\n> x^2\n> $$\n"),
        Example("- $$x^2$$\n", "- $$\n  x^2\n  $$\n"),
        Example("$$$x^2$$$\n", "$$$\nx^2\n$$$\n", unsafe=True),
        Example("$$\nx\\$$\n"),  # `\` then a line break would be TeX's control space
        Example("$$\nx^2\n$$\n", flagged=False),
        Example("> $$$\n> x^2\n> $$$\n", flagged=False),
        Example("Inline $$x$$ math\n", flagged=False),
        Example("$$a$$ $$b$$\n", flagged=False),
    ),
    aliases=("move-math-block-indicators-to-their-own-line",),
)
