"""Spaces and tabs just inside a link's text: `[ text ](target)`, `[[target| alias ]]`.

obsidian-linter's `remove-link-spacing`: the blanks at both ends of a Markdown link's text and
of a wikilink's (or wikilink embed's) display text are removed. The link text renders with its
blanks (`<a> text </a>`), so the fix changes the rendered note: it is **unsafe**, and the rule
is off by default. The target is never touched; a Markdown image's alt text (`![ alt ](a.png)`)
is left alone, as the peer does; so are links inside code, math, HTML and comments. Only a text
without brackets is trimmed.

Fail:
```markdown
[ here is link text ](target) and [[target| alias ]]
```
Pass:
```markdown
[here is link text](target), [[target|alias]] and ![ alt ](image.png)
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Severity
from vaultlint.markdown import LINK
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.content._prose import heading_lines, prose_spans, text_finding

# `[text](` not after `!`; `[[target|text]]` (a table's escaped `\|` too). `lead` is the blanks
# to remove at the start, `body` the rest of the text (its trailing blanks go too), `open` is
# where the link target must start. No class overlaps the next: each match scans once.
_BODY = r"(?P<body>(?:[^\[\]\n \t][^\[\]\n]*)?)"  # starts after the blanks: no backtracking
_MARKDOWN = re.compile(rf"(?<![!\[\\])\[(?P<lead>[ \t]*){_BODY}\]\((?P<open>)")
_WIKI = re.compile(rf"!?\[\[(?P<open>)[^\[\]|\n]*\|(?P<lead>[ \t]*){_BODY}\]\]")
_SKIP = frozenset({"code", "math", "html", "comment", "frontmatter", "url"})


def _edits(m: re.Match[str]) -> list[Edit]:
    body = m.group("body")
    text_end = m.start("body") + len(body.rstrip(" \t"))
    blanks = [(m.start("lead"), m.end("lead")), (text_end, m.end("body"))]
    edits = [Edit(a, b, "") for a, b in blanks if b > a]
    if text_end == m.start("body") and len(edits) == 2:  # blanks only: one run
        edits = [Edit(m.start("lead"), m.end("body"), "")]
    return edits


def _is_link(note: Note, m: re.Match[str]) -> bool:
    """The scanner found a link target where the pattern says one starts."""
    region = note.region_at(m.start("open"))
    return region is not None and region.kind == LINK and region.start == m.start("open")


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    headings = heading_lines(note)
    for start, end in prose_spans(note, _SKIP):
        for pattern in (_MARKDOWN, _WIKI):
            for m in pattern.finditer(note.text, start, end):
                edits = _edits(m)
                if edits and _is_link(note, m):
                    yield text_finding(ctx, m.start(), m.end(), "blanks inside the link text",
                                       edits, headings)


RULE = Rule(
    aliases=("remove-link-spacing",),
    code="FMT305",
    name="link-text-spacing",
    severity=Severity.INFO,
    summary="Blanks just inside a link's text",
    table="blanks just inside a link's text (Markdown links and wikilinks) removed",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    examples=(
        Example("[ text ](target) [[target| alias\t]]\n", "[text](target) [[target|alias]]\n",
                unsafe=True),
        Example("![ alt ](a.png) `[ x ](y)` [ not a link ] [[a|b]]\n", flagged=False),
        Example("| [[a\\| b ]] | c |\n|---|---|\n", "| [[a\\|b]] | c |\n|---|---|\n",
                unsafe=True),
    ),
)
