"""Footnotes are numbered 1, 2, 3... in the order they are first referenced.

After footnotes are deleted or inserted, the labels in the source (`[^3]`, `[^1a]`) no longer
match the numbers the note shows. The fix renames every footnote label (references and
definitions, named labels such as `[^source]` too, as obsidian-linter does) to its number in
order of first reference (definitions no reference uses come last, in their order); an exact
duplicate definition (`[^1]: bla` twice) is removed (kept when it holds a reference, an inline
footnote, a link, a URL or code). The rendered note is unchanged, since Markdown numbers
footnotes by reference order whatever their labels, so the fix is safe; it is off by default
(named labels are a choice). A label defined twice with different texts is reported with no
fix (which one is meant is for the writer to say). Left alone: `[^x]` with no definition
(plain text), footnotes in code, math, comments and links, inline footnotes (`^[text]`),
definitions inside lists and callouts. When a new number is already taken by one of those, or
an old or new label is also written in a comment, a list, a callout or as text that only
looks like a definition, the note is reported without a fix.

Fail:
```markdown
Lorem.[^3] Donec.[^5]

[^3]: first footnote
[^5]: second footnote
```
Pass:
```markdown
Lorem.[^1] Donec.[^2]

[^1]: first footnote
[^2]: second footnote
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.footnotes._notes import (
    Definition,
    Footnotes,
    footnotes,
    has_protected,
    removal,
)


def _numbering(found: Footnotes) -> dict[str, str]:
    """Old label -> new label, in order of first reference, then of definition."""
    defined = {d.label for d in found.definitions}
    order: dict[str, None] = {}
    for ref in found.references:
        if ref.label in defined:
            order.setdefault(ref.label)
    for d in found.definitions:
        order.setdefault(d.label)
    return {label: str(i) for i, label in enumerate(order, 1)}


def _duplicates(note: Note, found: Footnotes) -> tuple[list[Definition], str | None]:
    """Later exact copies of a definition (to remove), and a label defined twice differently.
    A copy that holds a reference (its own back-link) or a link or code (the fixer would see
    them vanish) is kept."""
    seen: dict[str, str] = {}
    copies = []
    for d in found.definitions:
        body = note.text[d.start:d.end]
        if d.label not in seen:
            seen[d.label] = body
        elif seen[d.label] == body:
            if not (has_protected(note, d) or "^[" in body
                    or any(d.start < r.start < d.end for r in found.references)):
                copies.append(d)
        else:
            return [], d.label
    return copies, None




def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    found = footnotes(note)
    if not found.definitions:
        return
    copies, conflict = _duplicates(note, found)
    first = found.definitions[0]
    if conflict is not None:
        yield ctx.at_line(first.first, f"footnote `[^{conflict}]` is defined twice, with "
                                       "different texts: say which one is meant")
        return
    renames = {old: new for old, new in _numbering(found).items() if old != new}
    if not renames and not copies:
        return
    taken = {r.label for r in found.references if r.label not in renames} | found.nested
    # a label written where markdown-it may read it otherwise than Obsidian (a comment, a
    # `[^x]:` inside a list, a callout or a paragraph's continuation) is never renamed or given
    clash = sorted(set(renames.values()) & taken | (set(renames) | set(renames.values()))
                   & (found.hidden | found.nested))
    removed = {c.start for c in copies}
    edits = [removal(note, c.first, c.last) for c in copies]
    for label_start, label in [(r.start, r.label) for r in found.references] + [
            (d.start, d.label) for d in found.definitions if d.start not in removed]:
        if label in renames:
            edits.append(Edit(label_start + 2, label_start + 2 + len(label), renames[label]))
    shown = ", ".join(f"[^{old}] -> [^{new}]" for old, new in list(renames.items())[:3])
    message = (f"footnotes are not numbered in order of reference ({shown})" if renames
               else "footnote definition repeated word for word")
    if clash:
        yield ctx.at_line(first.first, message + f"; no fix: [^{clash[0]}] is taken")
        return
    yield ctx.at_line(first.first, message, Fix.safe(*edits, intents=frozenset({"markup"})))


RULE = Rule(
    code="FMT502",
    name="footnote-numbering",
    severity=Severity.INFO,
    summary="Footnotes are numbered 1, 2, 3... in order of first reference",
    table="footnote labels renumbered by first reference, exact duplicate definitions removed",
    docs=__doc__,
    check=check,
    fix="safe",
    default_enabled=False,
    examples=(
        Example("a.[^3] b.[^5]\n\n[^3]: first\n[^5]: second\n",
                "a.[^1] b.[^2]\n\n[^1]: first\n[^2]: second\n"),
        Example("a.[^1] b.[^2]\n\n[^2]: second\n[^1]: first\n", flagged=False),
        Example("bla[^1], bla[^1], bla[^2]\n[^1]: bla\n[^1]: bla\n[^2]: bla\n",
                "bla[^1], bla[^1], bla[^2]\n[^1]: bla\n[^2]: bla\n"),
        Example("a[^x]\n\n[^x]: one\n[^x]: two\n", flagged=True),
        Example("`[^7]` and a[^note]\n\n[^note]: text\n", "`[^7]` and a[^1]\n\n[^1]: text\n"),
    ),
    aliases=("re-index-footnotes",),
)
