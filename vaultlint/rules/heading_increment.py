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
- `start-at-h2` (bool, default false): level 2 is the highest a heading may have (the title
  is the file name, or a `#` heading another rule adds): every `#` becomes `##` and its
  section moves down with it (obsidian-linter's `start-at-h2`). A section that would need a
  seventh level is reported without a fix. Not together with `file-name-heading`, which
  adds a `#` title (the run stops with a config error).

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
from typing import Any

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


def _plan(note: Note, lowest: int) -> list[tuple[Heading, int, int | None]]:
    """(heading, wanted level, parent's level or None) for every heading: a child sits one
    level below its parent's wanted level; a heading with no parent keeps its level, at least
    `lowest`. A heading the fix cannot move (setext, in a list) stays where it is for its
    children too, so that fixing settles."""
    plan: list[tuple[Heading, int, int | None]] = []
    stack: list[tuple[int, int]] = []  # (original level, wanted level)
    for h in note.headings:
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        want = stack[-1][1] + 1 if stack else max(h.level, lowest)
        plan.append((h, want, stack[-1][0] if stack else None))
        stack.append((h.level, want if _relevel_edit(note, h, want) else h.level))
    return plan


def _skipped_levels(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    """Offenders skip a level (or, with `start-at-h2`, are a top-level `#`); the fix moves
    each offender's whole section with it."""
    lowest = 2 if ctx.options["start-at-h2"] else 1
    plan = _plan(note, lowest)
    for i, (h, want, parent) in enumerate(plan):
        if parent is not None and h.level > parent + 1:
            message = f"heading level {h.level} follows level {parent}: expected level {want}"
        elif parent is None and h.level < lowest:
            message = f"heading level {h.level} with start-at-h2: expected level {want}"
        else:
            continue
        end = h.level if parent is None else parent  # the section ends at a heading this high
        section = [plan[i]]
        for later in plan[i + 1:]:
            if later[0].level <= end:
                break
            section.append(later)
        if any(w > 6 for _, w, _ in section):  # no level 7: the outline cannot be kept
            yield ctx.diagnostic(h.start, h.end, message + " (a heading below would need "
                                 "level 7: fix the outline by hand)")
            continue
        edits = [_relevel_edit(note, s, w) for s, w, _ in section if s.level != w]
        yield ctx.diagnostic(h.start, h.end, message, _unsafe_fix(edits))


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


def check_config(settings: Any, _vault: Any) -> None:
    """`start-at-h2` with file-name-heading would never settle: one adds a `#` title, the
    other makes it `##` (obsidian-linter asks the user to turn one off)."""
    from vaultlint.config import ConfigError

    if settings.options_for(RULE)["start-at-h2"] and \
            any(r.name == "file-name-heading" for r in settings.enabled_rules):
        raise ConfigError("heading-increment's start-at-h2 makes every # heading a ##, "
                          "file-name-heading adds a # title: enable only one of them")


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
    check_config=check_config,
    options={"numbered-siblings": True, "start-at-h2": False},
    options_schema={"numbered-siblings": {"type": "boolean"}, "start-at-h2": {"type": "boolean"}},
    examples=(
        Example("# H1\n### H3\n### H3\n#### H4\n###### H6\n",
                "# H1\n## H3\n## H3\n### H4\n#### H6\n", unsafe=True),
        Example("# H1\n## H2\n# H1 again\n", flagged=False),
        Example("## 1. One\n\n## 2. Two\n\n# 3. Three\n", "## 1. One\n\n## 2. Two\n\n## 3. Three\n",
                unsafe=True),
        Example("#article\n# Title\n", flagged=False),
        Example("# H1\n#### H4\n# Next\n## Sub\n", "## H1\n### H4\n## Next\n### Sub\n",
                options={"start-at-h2": True}, unsafe=True),
    ),
)
