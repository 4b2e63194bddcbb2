"""A word split by a hyphen and a space, as text copied from a PDF leaves it (`linebr- eak`).

obsidian-linter's `remove-hyphenated-line-breaks`: a hyphen (`-` or U+2010 `‐`) with a letter
before it and one space then a letter after it is removed with the space (`linebr‐ eak` ->
`linebreak`). A suspended hyphen is kept: `pre- and post-war`, `Vor- und Nachteile`, `pre- e
post-bellico` (the next word is a conjunction), and so is a hyphen before a capital (`med- Se`:
a split word goes on in lower case). Removing characters changes the text, so the
fix is **unsafe** and the rule is off by default. Code, math, HTML, comments, links, URLs,
tags and frontmatter are never touched; in a heading it is reported but not fixed.

Fail:
```markdown
This text has a linebr‐ eak.
```
Pass:
```markdown
Both pre- and post-war, a well-known `a- b`.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.content._prose import regex_findings

# A letter, the hyphen and one space, then a word: group 1 is the following word
_BREAK = re.compile(r"(?<=[^\W\d_]{2})[-\u2010] (?=([^\W\d_]+))")
# After a suspended hyphen comes a conjunction (`pre- and post-war`, `Vor- und Nachteile`,
# `skole- eller`, `kaava-, haku- ja`): English, Romance, Germanic, Nordic, Finnish, Hungarian,
# Slavic "and", "or", "to", "as well as"
_CONJUNCTIONS = frozenset({
    "and", "or", "nor", "to", "versus", "vs", "e", "ed", "o", "od", "et", "ou", "ni", "y", "u",
    "und", "oder", "bis", "sowie", "bzw", "en", "of", "als", "tot", "og", "eller", "och", "samt",
    "ja", "tai", "sekä", "että", "és", "vagy", "i", "a", "oraz", "lub", "albo", "nebo", "ili",
    "и", "или", "та", "чи", "або"})


def _join(m: re.Match[str]) -> str | None:
    """Join the word's halves, unless the hyphen is suspended or the next word starts a
    sentence or a name (a split word goes on in lower case)."""
    word = m.group(1)
    return None if word.lower() in _CONJUNCTIONS or not word[0].islower() else ""


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    yield from regex_findings(note, ctx, _BREAK, _join, "a word split by a hyphen and a space")


RULE = Rule(
    aliases=("remove-hyphenated-line-breaks",),
    code="FMT303",
    name="hyphenated-line-break",
    severity=Severity.INFO,
    summary="A word split by a hyphen and a space (`linebr- eak`)",
    table="`linebr- eak` joined to `linebreak`",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    examples=(
        Example("This text has a linebr‐ eak.\n", "This text has a linebreak.\n", unsafe=True),
        Example("pre- and post-war, Vor- und Nachteile, 3- 4, `a- b`\n- item\n", flagged=False),
    ),
)
