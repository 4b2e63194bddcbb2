"""Run the selected rules on notes: options, severities, per-file ignores, suppressions.

The engine knows rules only through `Rule`; it never names one, except the two meta rules
through which it reports files it cannot read and rules that crash.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field

from vaultlint.config import Settings
from vaultlint.diagnostics import Diagnostic
from vaultlint.note import DecodeError, Note
from vaultlint.rules import internal_error, read_error
from vaultlint.rules.base import Rule, RuleContext
from vaultlint.suppression import Suppressions, read as read_suppressions
from vaultlint.vault import Vault, read_bytes


@dataclass
class FileResult:
    """What happened to one note: its remaining diagnostics and, with --fix, what was fixed."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: str | None = None  # the note's text as it is now (for snippets)
    original: str | None = None  # the text before fixing, when fixes were applied
    fixed: list[Diagnostic] = field(default_factory=list)
    crashed: bool = False  # a rule raised: exit code 2

    @property
    def changed(self) -> bool:
        return self.original is not None and self.original != self.source


class Linter:
    def __init__(self, settings: Settings, vault: Vault) -> None:
        self.settings = settings
        self.vault = vault
        for rule in settings.enabled_rules:  # a config mistake stops the run before any note
            if rule.check_config is not None:
                rule.check_config(settings, vault)

    def lint(self, note: Note, rules: list[Rule] | None = None) -> tuple[list[Diagnostic], bool]:
        """Diagnostics for a note (sorted, suppressions applied) and whether a rule crashed."""
        rules = self.settings.rules_for(note.path) if rules is None else rules
        found, crashed = self._run(note, [r for r in rules if not r.after_suppressions])
        suppressions = read_suppressions(note)
        if suppressions:
            found = self._unsuppressed(found, suppressions)
        late = [r for r in rules if r.after_suppressions]
        if late:  # they judge the suppressions themselves: which ones matched a finding
            suppressions.ran = frozenset(r.name for r in rules)
            while True:  # until no more directive is used by suppressing their own findings
                used = len(suppressions.used)
                more, late_crashed = self._run(note, late, suppressions)
                kept = self._unsuppressed(more, suppressions)
                if len(suppressions.used) == used:
                    break
            found += kept
            crashed = crashed or late_crashed
        found.sort(key=Diagnostic.sort_key)
        return found, crashed

    def _run(self, note: Note, rules: list[Rule], suppressions: Suppressions | None = None
             ) -> tuple[list[Diagnostic], bool]:
        found: list[Diagnostic] = []
        crashed = False
        for rule in rules:
            ctx = RuleContext(rule, note, self.settings.options_for(rule),
                              self.vault if rule.needs_vault else None, self.settings,
                              suppressions)
            severity = self.settings.severity_for(rule)
            try:
                for diag in rule.run(note, ctx):
                    if severity != rule.severity and diag.severity == rule.severity:
                        diag.severity = severity
                    found.append(diag)
            except Exception as exc:  # a buggy rule must not stop the run
                crashed = True
                found.append(self._crash(note, rule, exc))
        return found, crashed

    @staticmethod
    def _unsuppressed(found: list[Diagnostic], suppressions: Suppressions) -> list[Diagnostic]:
        """What no directive covers (a crash is always reported); records the directives used."""
        return [d for d in found if d.rule == internal_error.RULE.name or
                not suppressions.suppressed(d)]

    def _crash(self, note: Note, rule: Rule, exc: Exception) -> Diagnostic:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        ctx = RuleContext(internal_error.RULE, note, {})
        return ctx.diagnostic(
            0, 0,
            f"rule {rule.name} crashed: {type(exc).__name__}: {exc} "
            f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno}); please report this bug",
        )

    def load(self, path: str) -> Note | FileResult:
        """The note at `path`, or a FileResult carrying a read-error diagnostic."""
        parsed = self.vault.notes.get(path)
        if parsed is not None:  # already read and parsed this run (for a vault index)
            return parsed
        result = read_bytes(self.vault.root / path, self.vault.root)  # never outside it
        if result.data is None:
            return self._read_error(path, result.error or "cannot read file")
        self.vault.record_hash(path, result.data)
        try:
            note = Note.from_bytes(path, result.data)
        except DecodeError as exc:
            return self._read_error(path, str(exc), exc.line, exc.column)
        self.vault.notes[path] = note
        return note

    def _read_error(self, path: str, message: str, line: int = 1, column: int = 1) -> FileResult:
        rule = read_error.RULE
        diag = Diagnostic(path, line, column, line, column, rule.code, rule.name,
                          self.settings.severity_for(rule), message)
        enabled = rule in self.settings.rules_for(path)
        return FileResult(path, [diag] if enabled else [])

    def check_many(self, paths: list[str]) -> list[FileResult]:
        """Check a batch of notes, letting rules prepare for the whole batch first."""
        loaded = {p: self.load(p) for p in paths}
        notes = [n for n in loaded.values() if isinstance(n, Note)]
        for rule in self.settings.enabled_rules:
            if rule.prepare is not None and notes:
                mine = [n for n in notes if rule in self.settings.rules_for(n.path)]
                try:
                    rule.prepare(mine, self.vault if rule.needs_vault else None,
                                 self.settings.options_for(rule))
                except Exception:  # the rule's own check reports what goes wrong
                    pass
        return [self.check(p) for p in paths]

    def check(self, path: str) -> FileResult:
        loaded = self.load(path)
        if isinstance(loaded, FileResult):
            return loaded
        diagnostics, crashed = self.lint(loaded)
        return FileResult(path, diagnostics, loaded.text, crashed=crashed)
