"""Blockquotes and callouts are surrounded by blank lines.

Off by default (markdownlint has no such rule; vaults write it both ways): enable it
with `extend-select`.

A quote glued to the text around it is hard to spot in the source; a blank line above and below
it changes nothing in how the note renders. A quote nested in another gets an empty `>` line
of the outer quote. A line of text right under a quote continues it (CommonMark's lazy
continuation): the blank line goes after that line, never between. A quote inside a list item
is left alone (a blank line would make the list loose), as are one that starts the body or
ends the note, and quotes inside code or `%% comments %%`. A quote that starts or ends the
quote holding it gets its blank line outside that quote; a quote right under a callout's title
line needs no blank line above it.

Fail:
```markdown
# Quote
> To be or not to be
> > that is the question
```
Pass:
```markdown
# Quote

> To be or not to be
>
> > that is the question
```
"""

from __future__ import annotations

from vaultlint.rules.base import Example
from vaultlint.rules.format.spacing._blocks import block_rule

RULE = block_rule(
    "FMT105", "blank-lines-around-blockquotes", "blockquote", frozenset({"blockquote_open"}),
    __doc__, "empty-line-around-blockquotes",
    (
        Example("# Quote\n> To be\n> > or not\n", "# Quote\n\n> To be\n>\n> > or not\n"),
        Example("Text\n> [!note] Title\n> body\n\n# Next\n",
                "Text\n\n> [!note] Title\n> body\n\n# Next\n"),
        Example("> quote\nlazy continuation\n# Next\n", "> quote\nlazy continuation\n\n# Next\n"),
        Example("- item\n  > quote\n  more\n", flagged=False),
    ),
    default_enabled=False,  # a house style: see _blocks.block_rule
)
