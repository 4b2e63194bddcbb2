"""Headings are surrounded by blank lines.

A heading glued to the paragraph above or below it is hard to spot in the source, and
several Markdown tools do not treat it as a heading. A heading on the first line of the
body (the note's first line, or right after the frontmatter) needs no blank line above
(markdownlint's MD022 choice; obsidian-linter's default would add one after the YAML).
Headings inside lists and callouts are left alone. `#tag` at the start of a line is a tag,
not a heading, and is never touched. A heading missing blank lines on both sides is one
finding ("heading needs blank lines above and below it") whose fix adds both.

Options:
- `before` (bool, default true): require a blank line above.
- `after` (bool, default true): require a blank line below (obsidian-linter's `bottom`).
  With `after = false` a heading right under another heading needs no blank line above
  either: that line would be the one below the first heading.
- `empty-line-after-yaml` (bool, default true): keep a blank line between the frontmatter and
  a heading right after it (none is required). `false` removes the blank lines there
  (`---` then `# Title` on the next line), as obsidian-linter's option of that name. Not
  together with `blank-line-after-frontmatter`, which adds it (the run stops with a config
  error).

Fail:
```markdown
# H1
## H2
line
```
Pass:
```markdown
# H1

## H2

line
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Heading, Note, is_blank
from vaultlint.rules.base import Example, Rule, RuleContext


def _blank(note: Note, line: int) -> bool:
    return is_blank(note.line_text(line))


def _under_heading(note: Note, h: Heading, previous: Heading | None) -> bool:
    """The line above `h` is the last line of the heading before it."""
    return previous is not None and note.position(previous.end)[0] == h.line - 1


def _yaml_gap(note: Note, h: Heading) -> Edit | None:
    """The removal of the blank lines between the frontmatter and `h` when only blank lines
    separate them (`empty-line-after-yaml = false`)."""
    first = note.body_first_line
    if not note.body_start or h.line <= first:
        return None
    if not all(_blank(note, line) for line in range(first, h.line)):
        return None
    return Edit(note.line_starts[first], note.line_starts[h.line], "")


def _findings(note: Note, h: Heading, previous: Heading | None,
              options: dict[str, Any]) -> tuple[list[Edit], list[str]]:
    """The edits `h` needs and the words saying why ("above", "below", "yaml")."""
    edits, sides = [], []
    gap = None if options["empty-line-after-yaml"] else _yaml_gap(note, h)
    if gap is not None:
        edits.append(gap)
        sides.append("yaml")
    elif options["before"] and h.line > note.body_first_line and not _blank(note, h.line - 1) \
            and (options["after"] or not _under_heading(note, h, previous)):
        edits.append(Edit(h.start, h.start, note.newline))
        sides.append("above")
    last_line = note.position(h.end)[0]
    if options["after"] and last_line + 1 < note.line_count and not _blank(note, last_line + 1):
        insert_at = note.line_starts[last_line + 1]
        edits.append(Edit(insert_at, insert_at, note.newline))
        sides.append("below")
    return edits, sides


def _message(sides: list[str]) -> str:
    if sides[0] == "yaml":
        below = " (and needs a blank line below it)" if len(sides) > 1 else ""
        return f"blank line between the frontmatter and the heading{below}"
    blanks = "a blank line" if len(sides) == 1 else "blank lines"
    return f"heading needs {blanks} {' and '.join(sides)} it"


def check_config(settings: Any, _vault: Any) -> None:
    """`empty-line-after-yaml = false` with blank-line-after-frontmatter would never settle:
    one removes the blank line the other adds."""
    from vaultlint.config import ConfigError

    if not settings.options_for(RULE)["empty-line-after-yaml"] and \
            any(r.name == "blank-line-after-frontmatter" for r in settings.enabled_rules):
        raise ConfigError("heading-blank-lines' empty-line-after-yaml = false removes the blank "
                          "line that blank-line-after-frontmatter adds: enable only one of them")


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    """One finding per heading, whose fix adds every blank line it lacks (above, below or both)."""
    previous: Heading | None = None
    for h in note.headings:
        if h.nested:
            previous = None
            continue
        edits, sides = _findings(note, h, previous, ctx.options)
        previous = h
        if edits:
            yield ctx.diagnostic(h.start, h.end, _message(sides), Fix.safe(*edits))


RULE = Rule(
    code="FMT004",
    name="heading-blank-lines",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="Headings are surrounded by blank lines",
    table="blank lines around headings",
    docs=__doc__,
    check=check,
    fix="safe",
    check_config=check_config,
    options={"before": True, "after": True, "empty-line-after-yaml": True},
    options_schema={"before": {"type": "boolean"}, "after": {"type": "boolean"},
                    "empty-line-after-yaml": {"type": "boolean"}},
    peer_options={"bottom": "after"},  # obsidian-linter's name for `after`
    examples=(
        Example("# H1\n## H2\nline\n", "# H1\n\n## H2\n\nline\n"),
        Example("#article\nText\n", flagged=False),
        Example("---\nkey: value\n---\n# Header\nParagraph\n", "---\nkey: value\n---\n# Header\n\nParagraph\n"),
        Example("- item\n  # not top level\n", flagged=False),
        Example("# H1\nline\n## H2\n", "# H1\nline\n\n## H2\n", options={"after": False}),
        Example("# H1\n## H2\nline\n", flagged=False, options={"after": False}),
        Example("---\nkey: value\n---\n\n# Header\n\nText\n", "---\nkey: value\n---\n# Header\n\nText\n",
                options={"empty-line-after-yaml": False}),
    ),
)
