"""Code fences name their language (off by default; unsafe fix).

Off by default, and it finds nothing until `default-language` is set (obsidian-linter's
default is empty too). A fence with no language after its opening backticks or tildes is
reported, and the fix writes `default-language` there.

The fix is unsafe (`--unsafe-fixes`): the language is not markup. It becomes the rendered
`<code class="language-...">` and decides Obsidian's syntax highlighting (and, for `dataview`,
`mermaid` and the like, whether the block is run), so adding one changes what the note shows.
The fixer checks that this is all it changes: the fix declares the intent `code-language`,
under which a fence's info string may change and nothing else, the code inside the fence, its
markers and every other byte and token of the note held to the usual strict checks.

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

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext

INTENTS = frozenset({"code-language"})


def _fix(note: Note, line: int, language: str) -> Fix | None:
    """Write `language` after the fence's opening backticks or tildes (replacing the blanks
    after them); None where the fence could not hold it (a backtick in a backtick fence's info
    string ends the fence)."""
    start, end = note.line_span(line)
    text = note.text[start:end]
    marks = [i for i in (text.find("`"), text.find("~")) if i >= 0]
    if not marks:
        return None
    at = min(marks)
    after = at + len(text[at:]) - len(text[at:].lstrip(text[at]))
    if text[at] == "`" and "`" in language:
        return None
    return Fix.unsafe(Edit(start + after, end, language), intents=INTENTS)


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
            yield ctx.at_line(line, f"code fence has no language (`{language}`?)",
                              _fix(note, line, language))


RULE = Rule(
    code="FMT206",
    name="code-fence-language",
    severity=Severity.INFO,
    summary="Code fences name their language",
    table="code fences name a language",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"default-language": ""},
    options_schema={"default-language": {"type": "string", "maxLength": 100}},
    aliases=("default-language-for-code-fences",),
    examples=(
        Example("```\nprint(1)\n```\n", "```python\nprint(1)\n```\n",
                options={"default-language": "python"}, unsafe=True),
        Example("> ~~~ \n> print(1)\n> ~~~\n", "> ~~~python\n> print(1)\n> ~~~\n",
                options={"default-language": "python"}, unsafe=True),
        Example("```python\nprint(1)\n```\n", flagged=False, options={"default-language": "python"}),
        Example("```\nprint(1)\n```\n", flagged=False),
    ),
)
