"""Math blocks are surrounded by blank lines.

Off by default (markdownlint has no such rule; vaults write it both ways): enable it
with `extend-select`.

A `$$` block glued to the text around it is hard to spot in the source; a blank line above and
below it changes nothing in how the note renders. Inside a blockquote or callout the blank line
is an empty `>` line. A math block inside a list item is left alone (a blank line would make
the list loose), as are one that starts the body or ends the note, and `$$` inside code or `%%
comments %%`. One that starts or ends a quote gets its blank line outside the quote (a `>` line
when quotes go on around it).

Fail:
```markdown
Text
$$
e^{i\\pi} + 1 = 0
$$
More text
```
Pass:
```markdown
Text

$$
e^{i\\pi} + 1 = 0
$$

More text
```
"""

from __future__ import annotations

from vaultlint.rules.base import Example
from vaultlint.rules.format.spacing._blocks import block_rule

RULE = block_rule(
    "FMT102", "blank-lines-around-math-blocks", "math block",
    frozenset({"math_block", "math_block_label"}), __doc__, "empty-line-around-math-blocks",
    (
        Example("Text\n$$\nx^2\n$$\nMore\n", "Text\n\n$$\nx^2\n$$\n\nMore\n"),
        Example("Text\n$$x^2$$\nMore\n", "Text\n\n$$x^2$$\n\nMore\n"),
        Example("```\nText\n$$\nx\n$$\n```\n", flagged=False),
        Example("- item\n  $$\n  x\n  $$\n", flagged=False),
    ),
    default_enabled=False,  # a house style: see _blocks.block_rule
)
