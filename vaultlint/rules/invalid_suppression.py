"""A suppression comment must name rules that exist.

`%% vaultlint-disable-next-line brokn-link %%` suppresses nothing: the name matches no rule,
so the finding it was meant for is still reported, and the comment hides the mistake. Each
unknown name is reported where it is written, with the closest rule name or code. A rule name,
a code, a code prefix (`FMT`) or `ALL` is known. On by default: a typo here is always a
mistake (ruff's RUF102). No fix: which rule was meant is for you to say. The ids of
obsidian-linter's `disabled rules` property are checked the same way: an id with no vaultlint
counterpart disables nothing here.

Fail:
```markdown
%% vaultlint-disable-next-line brokn-link %%
See [[A note not written yet]].
```
Pass:
```markdown
%% vaultlint-disable-next-line broken-wikilink %%
See [[A note not written yet]].
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.suppression import ALL, DISABLED_RULES_KEY, directives, disabled_rules


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    unknown = [(s, "suppression comment") for d in directives(note) for s in d.selectors
               if s.text != ALL]
    unknown += [(s, f"`{DISABLED_RULES_KEY}`") for s in disabled_rules(note)]
    if not unknown:
        return
    from vaultlint import rules as registry  # the registry imports this module
    from vaultlint.config import did_you_mean, rule_words

    for sel, where in unknown:
        if not registry.is_known_selector(sel.text):
            yield ctx.diagnostic(sel.start, sel.end, f"unknown rule {sel.text!r} in {where}"
                                 f"{did_you_mean(sel.text, rule_words())}")


RULE = Rule(
    code="VL102",
    name="invalid-suppression",
    summary="A suppression comment must name rules that exist",
    table="a `vaultlint-disable` comment names an unknown rule",
    docs=__doc__,
    check=check,
    severity=Severity.WARNING,
    examples=(
        Example("%% vaultlint-disable-next-line brokn-link %%\nText.\n"),
        Example("---\ntitle: x  # vaultlint-disable FOO\n---\n"),
        Example("<!-- vaultlint-disable-line FMT001, LNK -->\nText.\n", flagged=False),
        Example("%% vaultlint-disable-file %%\nText.\n", flagged=False),
        Example("---\ndisabled rules: [trailing-spaces, no-such-rule]\n---\nText.\n"),
        Example("---\ndisabled rules: [all]\n---\nText.\n", flagged=False),
    ),
)
