"""Quotes written in one style: straight (`"`, `'`) or smart (`“”`, `‘’`).

obsidian-linter's `quote-style`. With `double-quote-style = "straight"` (the default) every
smart double quote (`“ ” „ « »`) becomes `"`; with `single-quote-style = "straight"` every
smart single quote (`‘ ’ ‚ ‹ ›`) becomes `'`; guillemets only in pairs on one line (a lone
`»` is an arrow: `Try it »`). With `"smart"` a straight quote becomes an opening or closing
one from the characters around it: after a blank it opens, before a blank it closes; between
two letters (`can't`, `l'acqua`, `dell'anno`) and before a digit (`'90s`) a single quote is an
apostrophe (`’`), never an opening quote.

The text changes, so fixes are **unsafe** and the rule is off by default (a matter of taste;
Italian and French writers use `« »` on purpose). Quotes inside code, math, HTML, comments,
Templater commands, link targets and titles, URLs and frontmatter are never touched; in a
heading they are reported but not changed (links name the heading's text).

Options:
- `double-quote-style-enabled` (bool, default true), `double-quote-style` ("straight" or
  "smart", default "straight");
- `single-quote-style-enabled` (bool, default true), `single-quote-style` ("straight" or
  "smart", default "straight").

Fail:
```markdown
“Smart” quotes and ‘single’ ones.
```
Pass:
```markdown
"Straight" quotes, `“code”` and <span title="“x”">html</span>.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.content._prose import heading_lines, prose_spans, text_finding

_SMART = {'"': "“”„«»", "'": "‘’‚‹›"}
_OPEN_CLOSE = {'"': ("“", "”"), "'": ("‘", "’")}
_GUILLEMETS = frozenset("«»‹›")
# A pair of guillemets on one line: a lone `»` is an arrow (`Try it »`), not a quote
_PAIRED = re.compile(r"«[^«»\n]*»|‹[^‹›\n]*›")


class _Smartener:
    """Opening or closing quote for each straight quote, in order (the state is the last quote
    given, for quotes with blanks or nothing on both sides)."""

    def __init__(self, quote: str) -> None:
        self.opening, self.closing = _OPEN_CLOSE[quote]
        self.single = quote == "'"
        self.previous = ""

    def replace(self, before: str, after: str) -> str:
        if self.single and before.isalpha() and not (after == "" or after.isspace()):
            return self.closing  # an apostrophe: can't, l'acqua, dell'"anno"
        if self.single and after.isdigit() and (after != "" and not before.isalnum()):
            return self.closing  # elision: '90s
        before_blank, after_blank = before.isspace(), after.isspace()
        if after_blank and not before_blank:
            choice = self.closing
        elif before_blank and not after_blank:
            choice = self.opening
        else:  # both or neither: alternate
            choice = self.opening if self.previous in ("", self.closing) else self.closing
        self.previous = choice
        return choice


def _styles(options: dict) -> dict[str, str]:
    """Straight quote -> wanted style, for the enabled kinds."""
    styles = {}
    if options["double-quote-style-enabled"]:
        styles['"'] = options["double-quote-style"]
    if options["single-quote-style-enabled"]:
        styles["'"] = options["single-quote-style"]
    return styles


def _replacement(text: str, i: int, styles: dict[str, str], smarts: dict[str, _Smartener]
                 ) -> str | None:
    ch = text[i]
    for quote, style in styles.items():
        if style == "straight" and ch in _SMART[quote]:
            return quote
        if style == "smart" and ch == quote:
            before = text[i - 1] if i > 0 else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            return smarts[quote].replace(before, after)
    return None


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    styles = _styles(ctx.options)
    wanted = "".join(q if s == "smart" else _SMART[q] for q, s in styles.items())
    if not wanted:
        return
    pattern = re.compile(f"[{re.escape(wanted)}]")
    smarts = {q: _Smartener(q) for q in _OPEN_CLOSE}
    headings = heading_lines(note)
    paired = {i for m in _PAIRED.finditer(note.text, note.body_start) for i in (m.start(),
                                                                             m.end() - 1)}
    by_line: dict[int, list[Edit]] = {}
    for start, end in prose_spans(note):
        for m in pattern.finditer(note.text, start, end):
            if m.group() in _GUILLEMETS and m.start() not in paired:
                continue
            new = _replacement(note.text, m.start(), styles, smarts)
            if new is not None and new != m.group():
                line = note.position(m.start())[0]
                by_line.setdefault(line, []).append(Edit(m.start(), m.end(), new))
    for edits in by_line.values():  # one finding per line
        yield text_finding(ctx, edits[0].start, edits[-1].end, "quotes not in the chosen style",
                           edits, headings)


_STYLE = {"enum": ["straight", "smart"]}
RULE = Rule(
    aliases=("quote-style",),
    code="FMT302",
    name="quote-style",
    severity=Severity.INFO,
    summary="Quotes written in one style, straight or smart",
    table="straight or smart quotes",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"double-quote-style-enabled": True, "double-quote-style": "straight",
             "single-quote-style-enabled": True, "single-quote-style": "straight"},
    options_schema={"double-quote-style-enabled": {"type": "boolean"},
                    "double-quote-style": _STYLE,
                    "single-quote-style-enabled": {"type": "boolean"},
                    "single-quote-style": _STYLE},
    examples=(
        Example("“Smart” and ‘single’, don’t.\n", "\"Smart\" and 'single', don't.\n",
                unsafe=True),
        Example("\"Quote\" it's 'here' l'acqua '90s\n", "“Quote” it’s ‘here’ l’acqua ’90s\n",
                unsafe=True, options={"double-quote-style": "smart",
                                      "single-quote-style": "smart"}),
        Example("`“code”` <span title=\"“x”\">h</span> [a](b \"“t”\") <% tp.x(\"“\") %>\n",
                flagged=False),
        Example("“Smart”\n", flagged=False, options={"double-quote-style-enabled": False}),
        Example("«Sì» e ‹no› [Try it »](x)\n", "\"Sì\" e 'no' [Try it »](x)\n", unsafe=True),
    ),
)
