"""Horizontal rules (`***`, `---`, `___`) are surrounded by blank lines.

Off by default (markdownlint has no such rule; vaults write it both ways): enable it
with `extend-select`.

A thematic break glued to the text around it is hard to spot in the source (and `---` right
under a line of text is no rule at all but a heading underline, which this rule leaves alone);
a blank line above and below it changes nothing in how the note renders. Inside a blockquote or
callout the blank line is an empty `>` line. A rule inside a list item is left alone (a blank
line would make the list loose), as are one that starts the body or ends the note, and rules
inside code or `%% comments %%`. The frontmatter's `---` is no horizontal rule. One that starts
or ends a quote gets its blank line outside the quote (a `>` line when quotes go on around it).

Fail:
```markdown
- one
***
- two
```
Pass:
```markdown
- one

***

- two
```
"""

from __future__ import annotations

from vaultlint.rules.base import Example
from vaultlint.rules.format.spacing._blocks import block_rule

RULE = block_rule(
    "FMT104", "blank-lines-around-horizontal-rules", "horizontal rule", frozenset({"hr"}),
    __doc__, "empty-line-around-horizontal-rules",
    (
        Example("- one\n***\n- two\n", "- one\n\n***\n\n- two\n"),
        Example("Text\n---\n", flagged=False),
        Example("---\nkey: value\n---\nText\n", flagged=False),
        Example("Text\n___\nMore\n", "Text\n\n___\n\nMore\n"),
    ),
    default_enabled=False,  # a house style: see _blocks.block_rule
)
