"""Code fences name their language.

Off by default, and it finds nothing until `default-language` is set (obsidian-linter's
default is empty too). A fence with no language after its opening backticks or tildes is
reported.

No fix: the language is not markup. It becomes the rendered `<code class="language-...">`
and decides Obsidian's syntax highlighting (and, for `dataview`, `mermaid` and the like, whether
the block is run), so adding one changes what the note shows; and the fence's opening line is
part of the code block, which vaultlint's fixer never edits. Add the language by hand
(obsidian-linter adds it).

Options:
- `default-language` (string, default empty): the language a fence without one should name;
  empty turns the rule off.

Fail (`default-language = "python"`):
````markdown
```
print(1)
```
````
Pass:
````markdown
```python
print(1)
```
````
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    language = ctx.options["default-language"].strip()
    if not language:
        return
    comments = note.comment_lines
    for tok in note.tokens:
        if tok.type != "fence" or not tok.map or tok.info.strip():
            continue
        line = note.body_first_line + tok.map[0]
        if line not in comments:
            yield ctx.at_line(line, f"code fence has no language (`{language}`?)")


RULE = Rule(
    code="FMT206",
    name="code-fence-language",
    severity=Severity.INFO,
    summary="Code fences name their language",
    table="code fences name a language (no fix)",
    docs=__doc__,
    check=check,
    default_enabled=False,
    options={"default-language": ""},
    options_schema={"default-language": {"type": "string", "maxLength": 100}},
    aliases=("default-language-for-code-fences",),
    examples=(
        Example("```\nprint(1)\n```\n", options={"default-language": "python"}),
        Example("```python\nprint(1)\n```\n", flagged=False, options={"default-language": "python"}),
        Example("```\nprint(1)\n```\n", flagged=False),
    ),
)
