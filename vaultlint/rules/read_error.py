"""A file that cannot be checked: unreadable, not UTF-8, binary, or too large.

The engine reports this for any `.md` file it cannot turn into a note, with the path and,
for bad encodings, the line and column of the first bad byte. The other files are still
checked. Fix the file (re-save it as UTF-8) or exclude it in the config.
"""

from __future__ import annotations

from vaultlint.diagnostics import Severity
from vaultlint.rules.base import Example, Rule

RULE = Rule(
    code="VL001",
    name="read-error",
    summary="A file that cannot be read or decoded as a UTF-8 note",
    table="a file that is unreadable, binary, not UTF-8 or too large",  # the README's rule table
    docs=__doc__,
    check=lambda note, ctx: (),  # reported by the engine, which reads the files
    severity=Severity.ERROR,
    examples=(Example("Readable UTF-8 text.\n", flagged=False),),
)
