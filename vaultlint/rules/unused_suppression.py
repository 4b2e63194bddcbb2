"""A suppression comment must suppress something (off by default, like ruff's RUF100).

Reports a `vaultlint-disable...` directive (in a `%%` or HTML comment, or a `#` comment of the
frontmatter) that matched no finding of this run, or the rules of one that matched none. It is
checked after every other rule, on the findings they reported for the note.

A rule the directive names that did not run on the note (not selected, per-file-ignored) is
never reported: vaultlint cannot know whether the comment would be needed when it runs. Turn
this rule on together with the rules your comments name (e.g. in CI with your usual config).
A directive naming no rule (all rules) is reported when it suppressed nothing. Unknown rule
names are `invalid-suppression`'s (VL102) to report, not this rule's.

The safe fix removes the unused rules from the comment, or the whole comment when nothing of it
is left: a `%%` comment alone on its line goes with its line, a frontmatter `# vaultlint-...`
comment with its line when it has one to itself. A directive inside an HTML comment or
inside a comment that says more is only reported when it must go whole (removing it is left to
you). The fix declares the `suppressions` intent: the fixer's check then compares the note
with and without its directives, so the fix may change those and nothing else.

Fail:
```markdown
%% vaultlint-disable-next-line %%
A clean line.
```
Pass:
```markdown
%% vaultlint-disable-next-line broken-wikilink %%
See [[A note not written yet]].
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.fm_edit import COMMENT_DROP
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.suppression import ALL, Directive, Suppressions, removal_span

SUPPRESSIONS = frozenset({"suppressions"})


def _unused(index: int, d: Directive, sup: Suppressions) -> list[int]:
    """Indices of the directive's selectors that suppressed nothing though every rule they
    name ran; unknown names count as unused (they match nothing) but are not reported here."""
    from vaultlint import rules as registry  # the registry imports this module

    out = []
    for i, sel in enumerate(d.selectors):
        if (index, i) in sup.used:
            continue
        if sel.text == ALL or sel.text.upper() == "ALL":
            out.append(i)
            continue
        matched = [r.name for r in registry.ALL_RULES if r.matches(sel.text)]
        if all(name in sup.ran for name in matched):  # none matched: an unknown name
            out.append(i)
    return out


def _known(text: str) -> bool:
    from vaultlint import rules as registry

    return text == ALL or registry.is_known_selector(text)


def _comment_text(note: Note, d: Directive) -> str:
    return note.text[d.start:d.end].strip()


def _intents(note: Note, d: Directive) -> frozenset[str]:
    """A frontmatter comment is checked by the frontmatter check: declare it dropped."""
    if d.yaml:
        return frozenset({f"{COMMENT_DROP}suppression:{_comment_text(note, d)}"})
    return SUPPRESSIONS


def _whole(note: Note, ctx: RuleContext, d: Directive) -> Diagnostic:
    named = ", ".join(d.named)
    what = f" ({named})" if named else ""
    fix = None
    if d.removable:
        start, end = removal_span(note.text, d.start, d.end)
        fix = Fix.safe(Edit(start, end, ""), intents=_intents(note, d))
    return ctx.diagnostic(d.start, d.end, f"unused suppression comment{what}: it suppresses "
                          "nothing", fix)


def _partial(note: Note, ctx: RuleContext, d: Directive, unused: list[int]) -> Diagnostic:
    """The rules of the directive that suppressed nothing go; the others stay, in order, with
    the separator the comment already uses."""
    sels = d.selectors
    sep = note.text[sels[0].end:sels[1].start] if len(sels) > 1 else " "
    kept = sep.join(s.text for i, s in enumerate(sels) if i not in unused)
    fix = Fix.safe(Edit(sels[0].start, sels[-1].end, kept), intents=_intents(note, d))
    names = ", ".join(sels[i].text for i in unused if _known(sels[i].text))
    first = sels[unused[0]]
    return ctx.diagnostic(first.start, first.end,
                          f"unused rule(s) in suppression comment: {names} suppress nothing here",
                          fix)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    sup = ctx.suppressions
    if sup is None:
        return
    for index, d in enumerate(sup.directives):
        if d.kind == "enable":
            continue  # it closes a range: the `disable` that opened it is the one judged
        unused = _unused(index, d, sup)
        reported = [i for i in unused if _known(d.selectors[i].text)]
        if not reported:
            continue  # only unknown names: invalid-suppression reports them
        diag = _whole(note, ctx, d) if len(unused) == len(d.selectors) else \
            _partial(note, ctx, d, unused)
        diag.extra["directive"] = index  # never suppressed by the directive it is about
        yield diag


RULE = Rule(
    code="VL100",
    name="unused-suppression",
    summary="A suppression comment must suppress something",
    table="a `vaultlint-disable` comment that suppresses nothing (off by default)",
    docs=__doc__,
    check=check,
    severity=Severity.WARNING,
    fix="safe",
    default_enabled=False,
    after_suppressions=True,
    examples=(
        Example("%% vaultlint-disable-next-line %%\nA clean line.\n", "A clean line.\n"),
        Example("Text %% vaultlint-disable-line %%\n", "Text\n"),
        # the first comment is used: it silences this rule's report about the second one
        Example("%% vaultlint-disable-file unused-suppression %%\n"
                "%% vaultlint-disable-next-line %%\nClean.\n", flagged=False),
        Example("%% vaultlint-disable-file unused-suppression %%\nClean.\n", "Clean.\n"),
        # a named rule that did not run here (only this rule is selected): not judged
        Example("%% vaultlint-disable-next-line FMT001 %%\nA clean line.\n", flagged=False),
        Example("---\ntitle: x  # vaultlint-disable\n---\nBody.\n",
                "---\ntitle: x\n---\nBody.\n"),
        Example("---\n# vaultlint-disable-line\ntitle: x\n---\nBody.\n",
                "---\ntitle: x\n---\nBody.\n"),
        Example("<!-- vaultlint-disable-line -->\nBody.\n"),
        Example("%% a note to self vaultlint-disable-line %%\nBody.\n"),
    ),
)
