"""Blanks around fullwidth characters (CJK punctuation and forms: `文字 。`, `（ 注 ）`).

obsidian-linter's `remove-space-around-characters`: spaces and tabs before or after a
fullwidth form (U+FF01-FF5E: `，．：；！？（）［］０-９Ａ-Ｚ`...), a CJK symbol or punctuation mark
(U+3000-303F: `。、「」『』【】`...), an en or em dash (`–`, `—`), or one of `other-symbols` are
removed: CJK text is written without them. Blanks ending a line are kept (they may be a hard
line break), and so are the blanks after a list marker or `>` and the indentation of a block's
first line (they decide which block the line is in: the peer trims those too); a paragraph's
later lines lose theirs. The dashes are on by default as
in the peer: English prose writes `a — b`, so turn `include-dashes` off in an English vault.

The rendered text changes, so the fix is **unsafe** and the rule is off by default. Code, math,
HTML, comments, links, URLs, tags and frontmatter are never touched; in a heading it is
reported but not fixed.

Options:
- `include-fullwidth-forms` (bool, default true): U+FF01-FF5E;
- `include-cjk-symbols-and-punctuation` (bool, default true): U+3000-303F;
- `include-dashes` (bool, default true): `–` and `—`;
- `other-symbols` (string, default ""): more characters.

Fail:
```markdown
这是句号 。 后面有字 ，  还有（ 括号 ）
```
Pass:
```markdown
这是句号。后面有字，还有（括号）
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.content._prose import blank_findings

_MESSAGE = "blank around a fullwidth character"


def _symbols(options: dict) -> str:
    """A regex character-class body of the chosen characters."""
    symbols = ""
    if options["include-fullwidth-forms"]:
        symbols += "\uff01-\uff5e"
    if options["include-cjk-symbols-and-punctuation"]:
        symbols += "\u3000-\u303f"
    if options["include-dashes"]:
        symbols += "\u2013\u2014"
    return symbols + re.escape(options["other-symbols"])


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    symbols = _symbols(ctx.options)
    if not symbols:
        return
    patterns = [(re.compile(rf"[ \t]+(?=[{symbols}])"), _MESSAGE),
                # not blanks ending a line: they may be a hard line break
                (re.compile(rf"(?<=[{symbols}])[ \t]+(?=[^ \t\r\n])"), _MESSAGE)]
    # no block starts with a fullwidth character: a continuation line's indentation may go
    yield from blank_findings(note, ctx, patterns, lambda start, end, message: False,
                              indentation=True)


RULE = Rule(
    aliases=("remove-space-around-characters",),
    code="FMT307",
    name="space-around-fullwidth",
    severity=Severity.INFO,
    summary="Blanks around fullwidth (CJK) characters",
    table="`文字 。` and `（ 注 ）`",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"include-fullwidth-forms": True, "include-cjk-symbols-and-punctuation": True,
             "include-dashes": True, "other-symbols": ""},
    options_schema={"include-fullwidth-forms": {"type": "boolean"},
                    "include-cjk-symbols-and-punctuation": {"type": "boolean"},
                    "include-dashes": {"type": "boolean"},
                    "other-symbols": {"type": "string"}},
    examples=(
        Example("这是句号 。 后面有字 ，\t还有（ 括号 ）\n", "这是句号。后面有字，还有（括号）\n",
                unsafe=True),
        Example("-  ［ x］\n  ［ y］  \n`a 。`\n", "-  ［x］\n［y］  \n`a 。`\n", unsafe=True),
        Example("- a\n\n  ［ y］\n", "- a\n\n  ［y］\n", unsafe=True),
        Example("a — b\n", flagged=False, options={"include-dashes": False}),
    ),
)
