"""What a rule is. The engine knows rules only through this interface.

A rule module defines one `RULE = Rule(...)`: a stable code and kebab name, a default severity,
its documentation (shown by `vaultlint rule NAME` and in SARIF), its options with their JSON
schema, examples (checked by the test suite) and a `check(note, ctx)` generator of diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vaultlint.diagnostics import Diagnostic, Fix, Severity
from vaultlint.note import Note

if TYPE_CHECKING:
    from vaultlint.vault import Vault


@dataclass(frozen=True)
class Example:
    """A documented case: `before` gives diagnostics of this rule iff `after` differs or
    `flagged` is set; `after` is what `--fix` makes of it (None: no safe fix)."""

    before: str
    after: str | None = None
    flagged: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    unsafe: bool = False  # `after` needs --unsafe-fixes


@dataclass
class RuleContext:
    """What a rule may use while checking one note."""

    rule: "Rule"
    note: Note
    options: dict[str, Any]
    vault: "Vault | None" = None
    settings: Any = None  # the resolved Settings, for rules that read shared config
    suppressions: Any = None  # for an `after_suppressions` rule: the note's Suppressions, used

    def diagnostic(
        self,
        start: int,
        end: int,
        message: str,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        """A diagnostic for note text[start:end] (character offsets)."""
        note = self.note
        line, col = note.position(start)
        end_line, end_col = note.position(max(start, end))
        return Diagnostic(
            path=note.path,
            line=line + 1,
            column=col + 1,
            end_line=end_line + 1,
            end_column=end_col + 1,
            code=self.rule.code,
            rule=self.rule.name,
            severity=severity or self.rule.severity,
            message=message,
            fix=fix,
            offset=start,
        )

    def at_line(self, line: int, message: str, fix: Fix | None = None,
                severity: Severity | None = None) -> Diagnostic:
        """A diagnostic spanning 0-based `line`'s content."""
        start, end = self.note.line_span(min(line, self.note.line_count - 1))
        return self.diagnostic(start, end, message, fix, severity)


CheckFunction = Callable[[Note, RuleContext], Iterable[Diagnostic]]
FIX_KINDS = (None, "safe", "unsafe", "safe/unsafe")


@dataclass(frozen=True)
class Rule:
    code: str  # e.g. "FMT001"
    name: str  # e.g. "trailing-whitespace"
    summary: str  # one line
    docs: str  # Markdown: what it checks, why, options
    check: CheckFunction
    severity: Severity = Severity.WARNING
    table: str = ""  # one cell of the README's rule table (Markdown); the summary if empty
    # Which fixes the rule proposes: "safe" (applied by --fix), "unsafe" (--unsafe-fixes only),
    # "safe/unsafe" (some of each), or None. The README's rule table is generated from it.
    fix: str | None = None
    fixable: bool = False  # derived from `fix` when `fix` is given
    default_enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    options_schema: dict[str, Any] = field(default_factory=dict)  # JSON schema "properties"
    examples: tuple[Example, ...] = ()
    needs_vault: bool = False  # resolves against the whole vault (links, duplicates, vocabulary)
    indexes: tuple[Any, ...] = ()  # the vault.IndexSpecs the rule reads (built before linting)
    # Called once per batch of notes about to be checked, before any of them: lets a rule do
    # per-batch work once (e.g. one call of an external program for all the batch's text).
    prepare: Callable[[list[Note], "Vault | None", dict[str, Any]], None] | None = None
    # Called with the rule's options before worker processes fork: loads what every check of
    # the rule reads (e.g. a word list) once, shared by the workers instead of built in each.
    preload: Callable[[dict[str, Any]], None] | None = None
    # Files outside the note the findings depend on (e.g. schema files): settings -> JSON-able
    # value, part of the results cache key so editing those files invalidates cached findings.
    cache_key: Callable[[Any], Any] | None = None
    # Called once per run, before any note is checked, when the rule is enabled: raises
    # config.ConfigError (exit 2) for a setting of the rule that cannot work (settings, vault).
    check_config: Callable[[Any, "Vault"], None] | None = None
    # Checked after every other rule, once their findings went through the note's suppression
    # comments: ctx.suppressions then says which directives matched one (unused-suppression).
    after_suppressions: bool = False
    # obsidian-linter's ids for the same job (`header-increment`): accepted wherever a rule name
    # is (selectors, `vaultlint rule`, config tables, suppression comments), for migrating users
    aliases: tuple[str, ...] = ()
    # obsidian-linter option name -> this rule's option name, where they differ (the others
    # are the same kebab-case names): `vaultlint init --from-obsidian-linter` maps data.json
    peer_options: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.fix not in FIX_KINDS:
            raise ValueError(f"{self.code}: fix must be one of {FIX_KINDS}, not {self.fix!r}")
        if self.fix is not None:
            object.__setattr__(self, "fixable", True)

    def run(self, note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
        yield from self.check(note, ctx)

    def matches(self, selector: str) -> bool:
        return selector_matches(selector, self.code, self.name) or selector.strip() in self.aliases


_CODE = re.compile(r"([A-Za-z]+)(\d*)")


def selector_matches(selector: str, code: str, name: str) -> bool:
    """A selector is ALL, the kebab name, or a code prefix that keeps the letters whole: "FMT"
    and "FMT00" select FMT001, "FM" selects FM101 but not FMT001 (ruff's linter prefixes)."""
    sel = selector.strip()
    if sel.upper() == "ALL" or sel == name:
        return True
    m, c = _CODE.fullmatch(sel), _CODE.fullmatch(code)
    return bool(m and c and m.group(1).upper() == c.group(1) and c.group(2).startswith(m.group(2)))
