"""Heading levels go down one step at a time, and numbered headings share a level.

A heading one level deeper than the one before it is a subsection; skipping a level
(`#` then `###`) breaks the outline, the table of contents and `[[Note#A#B]]` links.
Going back up any number of levels is fine.

Numbered headings ("1. Intro", "2. Method", ...) that count on from the previous
numbered heading but sit at another level are reported too: in the sample vault
"# 5. More companies" follows "## 4. Research is concentrated", so section 5 escapes
its siblings.

The fix changes heading levels (it changes the note's outline), so it is unsafe:
`vaultlint --fix --unsafe-fixes`. A skipped level is fixed by moving the heading up to
one level below its parent, as obsidian-linter's "header increment" does (vaultlint keeps
headings that skip nothing as they are). Setext (underlined) headings are never rewritten.

Options:
- `numbered-siblings` (bool, default true): check numbered headings share a level.

Fail:
```markdown
# H1
### H3
```
Pass:
```markdown
# H1
## H2
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from vaultlint.note import Heading, Note
from vaultlint.rules.base import Example, Rule, RuleContext

_NUMBER = re.compile(r"(\d+)[.)]\s")
_ATX_MARKS = re.compile(r"[ \t]{0,3}(#{1,6})")


def _relevel_edit(note: Note, h: Heading, level: int) -> Edit | None:
    """The edit setting an ATX heading's level (None for setext headings)."""
    m = _ATX_MARKS.match(note.text, h.start) if h.atx else None
    return Edit(m.start(1), m.end(1), "#" * level) if m else None


def _unsafe_fix(edits: list[Edit | None]) -> Fix | None:
    real = tuple(e for e in edits if e is not None)
    return Fix(real, Applicability.UNSAFE, frozenset({"headings"})) if real else None


def _skipped_levels(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    """Offenders skip a level; the fix moves each offender's whole section up with it."""
    plan: list[tuple[Heading, int, int | None]] = []  # heading, wanted level, parent level
    stack: list[tuple[int, int]] = []  # (original level, wanted level)
    for h in note.headings:
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        want = stack[-1][1] + 1 if stack else h.level
        plan.append((h, want, stack[-1][0] if stack else None))
        stack.append((h.level, want))
    for i, (h, want, parent) in enumerate(plan):
        if parent is None or h.level <= parent + 1:
            continue
        section = [plan[i]]
        for later in plan[i + 1:]:
            if later[0].level <= parent:
                break
            section.append(later)
        edits = [_relevel_edit(note, s, w) for s, w, _ in section if s.level != w]
        yield ctx.diagnostic(
            h.start, h.end,
            f"heading level {h.level} follows level {parent}: expected level {want}",
            _unsafe_fix(edits),
        )


def _numbered_siblings(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    previous: tuple[int, Heading] | None = None
    for h in note.headings:
        m = _NUMBER.match(h.text + " ")
        if not m:
            continue
        number = int(m.group(1))
        if previous and number == previous[0] + 1 and h.level != previous[1].level:
            before = previous[1]
            yield ctx.diagnostic(
                h.start, h.end,
                f"numbered heading {number}. is level {h.level} but {previous[0]}. before it "
                f"(line {before.line + 1}) is level {before.level}",
                _unsafe_fix([_relevel_edit(note, h, before.level)]),
            )
        previous = (number, h)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    yield from _skipped_levels(note, ctx)
    if ctx.options["numbered-siblings"]:
        yield from _numbered_siblings(note, ctx)


RULE = Rule(
    aliases=("header-increment",),  # obsidian-linter's id
    code="FMT005",
    name="heading-increment",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="Heading levels go down one step at a time",
    table="heading levels skip one; numbered headings change level",
    docs=__doc__,
    check=check,
    fix="unsafe",
    options={"numbered-siblings": True},
    options_schema={"numbered-siblings": {"type": "boolean"}},
    examples=(
        Example("# H1\n### H3\n### H3\n#### H4\n###### H6\n",
                "# H1\n## H3\n## H3\n### H4\n#### H6\n", unsafe=True),
        Example("# H1\n## H2\n# H1 again\n", flagged=False),
        Example("## 1. One\n\n## 2. Two\n\n# 3. Three\n", "## 1. One\n\n## 2. Two\n\n## 3. Three\n",
                unsafe=True),
        Example("#article\n# Title\n", flagged=False),
    ),
)
