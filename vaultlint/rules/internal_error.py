"""vaultlint itself failed on this note: a rule crashed, or a fix was refused.

A rule that raises an exception does not stop the run: the other rules and files are still
checked, this diagnostic names the rule and the error, and the exit code is 2. A fix whose
result would change the note's meaning (its Markdown structure, the text inside code, math,
comments or links, or its frontmatter data, beyond what the fix intends), or that does not
settle after repeated passes, is refused, the note is left as it was, and this is reported
too. Please report both as bugs.
"""

from __future__ import annotations

from vaultlint.diagnostics import Severity
from vaultlint.rules.base import Example, Rule

RULE = Rule(
    code="VL999",
    name="internal-error",
    summary="A rule crashed or a fix was refused by the safety check",
    table="a rule crashed, or a fix was refused by the safety check",  # the README's rule table
    docs=__doc__,
    check=lambda note, ctx: (),  # reported by the engine and the fixer
    severity=Severity.ERROR,
    examples=(Example("Any note.\n", flagged=False),),
)
