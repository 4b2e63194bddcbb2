"""Footnote definitions sit together at the end of the note.

A definition (`[^1]: text`) in the middle of a note interrupts the source; Markdown shows
every footnote at the end anyway. The fix moves each definition that has text after it to the
end of the note, in the order of first reference (as obsidian-linter's "move footnotes to the
bottom" does), after a blank line; definitions already at the end stay as they are. Where a
definition separated two paragraphs, a blank line keeps them apart (obsidian-linter would
join them into one). The rendered note is the same, so the fix is safe; off by default (some
writers keep a footnote beside its paragraph on purpose). Definitions inside lists and
callouts are left alone. The finding has no fix (move it by hand) when moving would change
more than where the definitions are written: a label defined twice (Markdown keeps the last
one), a definition that holds a reference or an inline `^[footnote]` (their numbers come from
where they are), a link, a URL, code or math (the fixer's safety check wants those in their
order), a `%%` comment crossing it, a definition between two lists or two indented code
blocks (without it they would join). A note that ends inside a code or math block or a
comment is left alone.

Options:
- `include-blank-line-between-footnotes` (bool, default false): a blank line between the
  moved definitions.

Fail:
```markdown
Lorem ipsum.[^1]

[^1]: first footnote

More text.
```
Pass:
```markdown
Lorem ipsum.[^1]

More text.

[^1]: first footnote
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint import markdown
from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note, is_blank
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.footnotes._notes import (
    Definition,
    Footnotes,
    footnotes,
    has_protected,
    removal,
)

_OPEN_ENDED = {markdown.CODE, markdown.MATH, markdown.HTML}


def _last_block_end(note: Note) -> int:
    """The line after the last line of the note's last top-level block (0: no block)."""
    ends = [t.map[1] for t in note.tokens if t.level == 0 and t.map]
    return note.body_first_line + max(ends) if ends else note.body_first_line


def _open_ended(note: Note) -> bool:
    """The note ends inside a code, math or HTML block or a comment: text appended there
    would join it."""
    text = note.text.rstrip(" \t\r\n")
    if not text:
        return False
    last = note.position(len(text) - 1)[0]
    return note.block_lines.get(last) in _OPEN_ENDED or note.in_region(len(text) - 1,
                                                                      {markdown.COMMENT})


def _groups(note: Note, defs: list[Definition]) -> list[list[Definition]]:
    """Misplaced definitions, grouped when only blank lines separate them (one edit each)."""
    groups: list[list[Definition]] = []
    for d in defs:
        prev = groups[-1][-1] if groups else None
        if prev and all(is_blank(note.line_text(n)) for n in range(prev.last + 1, d.first)):
            groups[-1].append(d)
        else:
            groups.append([d])
    return groups


_JOINING = ({"bullet_list_open", "ordered_list_open"}, {"code_block"})


def _joins_blocks(note: Note, group: list[Definition]) -> bool:
    """Whether the blocks around a run of definitions would become one without it: two lists
    (one loose list) or two indented code blocks (one block)."""
    base = note.body_first_line
    before = after = None
    for tok in note.tokens:
        if tok.level != 0 or not tok.map or tok.nesting < 0:
            continue
        if base + tok.map[1] <= group[0].first:
            before = tok.type
        elif base + tok.map[0] > group[-1].last and after is None:
            after = tok.type
    return any(before in kinds and after in kinds for kinds in _JOINING)


def _in_comment(note: Note, d: Definition) -> bool:
    """A definition whose lines a `%%` comment crosses (markdown-it reads the comment as text
    that may continue the definition): moving it would cut the comment."""
    start = note.line_starts[d.first]
    return any(r.kind == markdown.COMMENT and r.start < d.end and r.end > start
               for r in note.regions)


def _order(found: Footnotes, moved: list[Definition]) -> list[Definition]:
    """The moved definitions in order of first reference, unreferenced ones last."""
    first_ref: dict[str, int] = {}
    for ref in found.references:
        first_ref.setdefault(ref.label, ref.start)
    far = len(found.references) and found.references[-1].end + 1
    return sorted(moved, key=lambda d: (first_ref.get(d.label, far + d.start), d.start))


def _append(note: Note, moved: list[Definition], after_defs: bool, blank_between: bool) -> Edit:
    """Replace the note's trailing blank lines with the moved definitions."""
    nl = note.newline
    content_end = len(note.text.rstrip(" \t\r\n"))
    content_end = note.line_span(note.position(content_end)[0])[1] if content_end else 0
    joiner = nl + nl if blank_between else nl
    # from the `[^` on: a definition indented by one to three spaces would join a list above
    block = joiner.join(note.text[d.start:d.end] for d in moved)
    lead = "" if content_end == 0 else (joiner if after_defs else nl + nl)
    ending = nl if note.text[content_end:] and note.text[-1] in "\r\n" else ""
    return Edit(content_end, len(note.text), lead + block + ending)


def _unmovable(note: Note, found: Footnotes, moved: list[Definition],
               groups: list[list[Definition]]) -> bool:
    """Whether moving the definitions would change more than where they are written: a label
    defined twice (markdown-it keeps the last one), a definition that holds a reference (its
    number comes from where the definition is), or code, links and URLs that would pass others
    (the fixer compares them in order), a comment crossing it, blocks it keeps apart."""
    labels = [d.label for d in found.definitions]
    if len(set(labels)) < len(labels) or set(labels) & (found.hidden | found.nested):
        return True  # defined twice, maybe in a comment or a callout that markdown-it reads
    if any(d.start < r.start < d.end for d in moved for r in found.references):
        return True
    if any("^[" in note.text[d.start:d.end] for d in moved):  # an inline footnote's number too
        return True
    if any(has_protected(note, d) for d in moved):
        return True
    return any(_in_comment(note, d) for d in moved) or any(_joins_blocks(note, g) for g in groups)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    found = footnotes(note)
    if not found.definitions:
        return
    last_block = _last_block_end(note)
    moved = [d for d in found.definitions if d.first < last_block]
    if not moved or _open_ended(note):
        return
    first = moved[0]
    count = f"{len(moved)} footnote definitions" if len(moved) > 1 else "footnote definition"
    message = f"{count} before the end of the note: move to the end"
    groups = _groups(note, moved)
    if _unmovable(note, found, moved, groups):
        yield ctx.at_line(first.first, message + " (by hand: moving it would change more)")
        return
    after_defs = len(moved) < len(found.definitions)
    edits = [removal(note, g[0].first, g[-1].last) for g in groups]
    edits.append(_append(note, _order(found, moved), after_defs,
                         ctx.options["include-blank-line-between-footnotes"]))
    fix = Fix.safe(*edits, intents=frozenset({"markup"}))
    yield ctx.at_line(first.first, message, fix)


RULE = Rule(
    code="FMT503",
    name="footnotes-at-end",
    severity=Severity.INFO,
    summary="Footnote definitions sit together at the end of the note",
    table="footnote definitions moved to the end, in order of reference",
    docs=__doc__,
    check=check,
    fix="safe",
    default_enabled=False,
    options={"include-blank-line-between-footnotes": False},
    options_schema={"include-blank-line-between-footnotes": {"type": "boolean"}},
    examples=(
        Example("Lorem.[^1]\n\n[^1]: first\n\nMore.\n", "Lorem.[^1]\n\nMore.\n\n[^1]: first\n"),
        Example("A.[^1]\n[^1]: first\nB.\n\nC.\n", "A.[^1]\n\nC.\n\n[^1]: first\nB.\n"),
        Example("A.[^2] B.[^1]\n\nC.\n\n[^1]: one\n[^2]: two\n", flagged=False),
        Example("A.[^2] B.[^1]\n\n[^1]: one\n\nC.\n\n[^2]: two\n",
                "A.[^2] B.[^1]\n\nC.\n\n[^2]: two\n[^1]: one\n"),
    ),
    aliases=("move-footnotes-to-the-bottom",),
)
