"""Emphasis (italics) is written with one marker: `*text*` or `_text_`.

A taste rule, off by default. Both render the same `<em>`; the fix swaps the two delimiters of
each pair and nothing else (`***both***` becomes `_**both**_`). A `*` inside a word
(`a*b*c`, emphasis on `b`) has no `_` form, since `_` never opens or closes inside a word
(`snake_case` stays text), so it is left as it is. Emphasis in code, math, comments, HTML,
link targets, URLs, tags and table cells is left alone.

Options:
- `style` (`consistent`, `asterisk` or `underscore`; default `consistent`): `consistent` uses
  the marker of the note's first emphasis.

Fail:
```markdown
*one* and _two_
```
Pass:
```markdown
*one* and *two*
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.style._emphasis import marker_findings
from vaultlint.rules.format.style.bullet_marker import MARKUP

OPTIONS_SCHEMA = {"style": {"enum": ["consistent", "asterisk", "underscore"]}}


def checker(kind: str, what: str):
    """The check of the emphasis or strong rule: one finding per pair written the other way."""
    def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
        for pair, wanted in marker_findings(note, kind, ctx.options["style"]):
            n = len(wanted)
            fix = Fix.safe(Edit(pair.open, pair.open + n, wanted),
                           Edit(pair.close, pair.close + n, wanted), intents=MARKUP)
            yield ctx.diagnostic(pair.open, pair.close + n,
                                 f"{what} should be written with `{wanted}`", fix)
    return check


RULE = Rule(
    code="FMT204",
    name="emphasis-marker",
    severity=Severity.INFO,
    summary="Emphasis is written with one marker (`*` or `_`)",
    table="emphasis marker (`*a*` or `_a_`)",
    docs=__doc__,
    check=checker("em", "emphasis"),
    fix="safe",
    default_enabled=False,
    options={"style": "consistent"},
    options_schema=OPTIONS_SCHEMA,
    aliases=("emphasis-style",),
    examples=(
        Example("*one* and _two_\n", "*one* and *two*\n"),
        Example("***both*** and *one*\n", "_**both**_ and _one_\n", options={"style": "underscore"}),
        Example("a*b*c and snake_case_name\n", flagged=False, options={"style": "underscore"}),
        Example("`_code_` and [[a_b_]]\n", flagged=False, options={"style": "asterisk"}),
    ),
)
