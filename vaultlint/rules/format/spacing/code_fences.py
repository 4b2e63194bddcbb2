"""Code fences are surrounded by blank lines.

A fence glued to the text around it is hard to spot in the source; a blank line above and below
it changes nothing in how the note renders. Inside a blockquote or callout the blank line is an
empty `>` line. A fence inside a list item is left alone (a blank line would make the list
loose), as are a fence that starts the body or ends the note, and fences inside `%% comments
%%`. `~~~` fences count as fences. A fence right under a callout's title line needs no blank
line above it (Obsidian renders the title apart). One that starts or ends a quote gets its
blank line outside the quote (a `>` line when quotes go on around it).

Fail:
````markdown
Text
```js
let a = 1;
```
More text
````
Pass:
````markdown
Text

```js
let a = 1;
```

More text
````
"""

from __future__ import annotations

from vaultlint.rules.base import Example
from vaultlint.rules.format.spacing._blocks import block_rule

RULE = block_rule(
    "FMT101", "blank-lines-around-code-fences", "code fence", frozenset({"fence"}), __doc__,
    "empty-line-around-code-fences",
    (
        Example("Text\n```js\nlet a = 1;\n```\nMore\n", "Text\n\n```js\nlet a = 1;\n```\n\nMore\n"),
        Example("> Text\n> ```\n> code\n> ```\n", "> Text\n>\n> ```\n> code\n> ```\n"),
        Example("- item\n  ```\n  code\n  ```\n  more\n", flagged=False),
        Example("> [!example] Title\n> ```\n> code\n> ```\n", flagged=False),
        Example("```\ncode\n```", flagged=False),
    ),
)
