"""Tables are surrounded by blank lines.

A table glued to the text around it is hard to spot in the source; a blank line above and below
it changes nothing in how the note renders. A line of text right after a table is, in Obsidian
as in GitHub Markdown, one more row of it: the blank line goes after that row, never between
(which would change the table). Inside a blockquote or callout the blank line is an empty `>`
line. A table inside a list item is left alone (a blank line would make the list loose), as are
one that starts the body or ends the note, and tables inside code or `%% comments %%`. One that
starts or ends a quote gets its blank line outside the quote (a `>` line when quotes go on
around it).

Fail:
```markdown
# Prices
| item | price |
|------|-------|
| tea  | 2     |
# Next
```
Pass:
```markdown
# Prices

| item | price |
|------|-------|
| tea  | 2     |

# Next
```
"""

from __future__ import annotations

from vaultlint.rules.base import Example
from vaultlint.rules.format.spacing._blocks import block_rule

_TABLE = "| a | b |\n|---|---|\n| 1 | 2 |\n"

RULE = block_rule(
    "FMT103", "blank-lines-around-tables", "table", frozenset({"table_open"}), __doc__,
    "empty-line-around-tables",
    (
        Example(f"Text\n{_TABLE}# Next\n", f"Text\n\n{_TABLE}\n# Next\n"),
        Example(f"{_TABLE}row\n# Next\n", f"{_TABLE}row\n\n# Next\n"),
        Example("> Prices:\n> | a | b |\n> |---|---|\n> | 1 | 2 |\n",
                "> Prices:\n>\n> | a | b |\n> |---|---|\n> | 1 | 2 |\n"),
        Example("> [!note] Prices\n> | a | b |\n> |---|---|\n> | 1 | 2 |\n", flagged=False),
        Example("- item\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n  more\n", flagged=False),
    ),
)
