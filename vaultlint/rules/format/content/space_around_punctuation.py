"""Blanks before closing punctuation (`word ,`) or after opening punctuation (`( word`).

obsidian-linter's `remove-space-before-or-after-characters`: spaces and tabs before one of
`characters-to-remove-space-before` (default ``,!?;:).’”]``) or after one of
`characters-to-remove-space-after` (default `¿¡‘“([`) are removed. To keep words apart, a
closing character must end a word (a blank, the line's end, a quote or more closing punctuation
after it: `file .gitignore`, `costs .5`, `x != y`, ` ![[embed]]` and `a, ...` stay) and an
opening one must start one (nothing alphanumeric right before it). French typography puts a
space before `: ; ! ?`: leave those out of the option, or this rule out of a French vault.

Changing blanks changes the rendered text, so the fix is **unsafe** and the rule is off by
default. A line's indentation, list marker and task box (`- [ ] task`) are never touched, nor
code, math, HTML, comments, links, URLs, tags and frontmatter; in a heading it is reported but
not fixed.

Options:
- `characters-to-remove-space-before` (string, default ``,!?;:).’”]``);
- `characters-to-remove-space-after` (string, default `¿¡‘“([`).

Fail:
```markdown
In the end , right ? ( Text in parenthesis )
```
Pass:
```markdown
In the end, right? (Text in parenthesis) - [ ] task, file .gitignore
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.content._prose import blank_findings


_BEFORE, _AFTER = "blank before punctuation", "blank after punctuation"
_CLOSING = "\"'*_~`"  # what may follow closing punctuation: quotes, emphasis, code


def _patterns(before: str, after: str) -> list[tuple[re.Pattern[str], str]]:
    """The blanks to remove, each with its message."""
    out = []
    if before:
        out.append((re.compile(rf"[ \t]+(?=[{re.escape(before)}])"), _BEFORE))
    if after:  # not blanks ending the line: they may be a hard line break
        out.append((re.compile(rf"(?<=[{re.escape(after)}])[ \t]+(?=[^ \t\r\n])"), _AFTER))
    return out


def _keeps_words_apart(text: str, start: int, end: int, message: str, closers: str) -> bool:
    """Whether removing text[start:end] would glue the character to what is on its far side:
    a closing character must end a word (blank, line end or more closing punctuation after it:
    not `file .gitignore`, `x != y`, `![[embed]]`, `, ...`), an opening one must start one."""
    if message == _BEFORE:
        far = text[end + 1] if end + 1 < len(text) else " "
        if text[end] == "." and (far == "." or text.startswith(" .", end + 1)):
            return True  # an ellipsis, spaced or not
        if text.startswith("]]", end):
            return True  # a wikilink's end: `[[a|b [c] ]]` made `[c]]]` would close at `c]]`
        return not (far.isspace() or far in closers or far in _CLOSING)
    far = text[start - 2] if start >= 2 else ""
    return far.isalnum()


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    closers = ctx.options["characters-to-remove-space-before"]
    patterns = _patterns(closers, ctx.options["characters-to-remove-space-after"])
    text = note.text
    yield from blank_findings(note, ctx, patterns,
                              lambda start, end, message: _keeps_words_apart(
                                  text, start, end, message, closers))


RULE = Rule(
    aliases=("remove-space-before-or-after-characters",),
    code="FMT306",
    name="space-around-punctuation",
    severity=Severity.INFO,
    summary="Blanks before closing or after opening punctuation",
    table="`word ,` and `( word`",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"characters-to-remove-space-before": ",!?;:).’”]",
             "characters-to-remove-space-after": "¿¡‘“(["},
    options_schema={"characters-to-remove-space-before": {"type": "string"},
                    "characters-to-remove-space-after": {"type": "string"}},
    examples=(
        Example("In the end , right ? ( Text )\n", "In the end, right? (Text)\n", unsafe=True),
        Example("- [ ] task, file .gitignore, costs .5, see ![[a.png]] `a ,` x != y, a, ...\n",
                flagged=False),
        Example("Bonjour : ça va ?\n", flagged=False,
                options={"characters-to-remove-space-before": ",)"}),
    ),
)
