"""One run: find the vault and the files to report on, check or fix each, collect results.

The knowledge scope is always the whole vault (links resolve against every note); the report
scope is the files named on the command line (pre-commit passes only changed ones).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vaultlint.config import ConfigError, Settings, load_settings
from vaultlint.engine import FileResult, Linter
from vaultlint.fixer import WriteError, fix_note, write_atomic
from vaultlint.note import Note, encode
from vaultlint.rules import internal_error
from vaultlint.rules.base import RuleContext
from vaultlint.vault import Vault, find_root, is_note, list_files


@dataclass
class RunOptions:
    paths: list[str] = field(default_factory=list)
    fix: bool = False
    unsafe_fixes: bool | None = None
    diff: bool = False  # compute fixes, write nothing
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    config: Path | None = None
    isolated: bool = False
    changed_since: str | None = None  # report only on notes changed since this git ref
    cwd: Path = field(default_factory=Path.cwd)


@dataclass
class Run:
    settings: Settings
    vault: Vault
    results: list[FileResult]

    @property
    def diagnostics(self):
        return [d for r in self.results for d in r.diagnostics]

    @property
    def crashed(self) -> bool:
        return any(r.crashed for r in self.results)


def _start_dir(options: RunOptions) -> Path:
    if options.paths:
        first = (options.cwd / options.paths[0]).resolve()
        return first if first.is_dir() else first.parent
    return options.cwd.resolve()


def prepare(options: RunOptions) -> tuple[Settings, Vault]:
    start = _start_dir(options)
    root = find_root(start)
    settings = load_settings(root, start, options.config, options.isolated)
    if options.select is not None:
        settings.select = options.select
    settings.extend_select = [*settings.extend_select, *options.extend_select]
    settings.ignore = [*settings.ignore, *options.ignore]
    if options.unsafe_fixes is not None:
        settings.unsafe_fixes = options.unsafe_fixes
    settings.__dict__.pop("enabled_rules", None)  # selection changed after loading
    return settings, Vault(root, list_files(root, settings), settings)


def report_scope(options: RunOptions, vault: Vault) -> list[str]:
    """The vault notes to report on: those under PATHS (or all), narrowed by --changed-since."""
    chosen = _paths_scope(options, vault)
    if options.changed_since:
        changed = changed_since(vault.root, options.changed_since)
        chosen = [p for p in chosen if p in changed]
    return chosen


def _paths_scope(options: RunOptions, vault: Vault) -> list[str]:
    notes = vault.note_paths()
    if not options.paths:
        return notes
    chosen: list[str] = []
    known = set(notes)
    for raw in options.paths:
        target = (options.cwd / raw).resolve()
        try:
            rel = target.relative_to(vault.root).as_posix()
        except ValueError:
            raise ConfigError(f"{raw}: not inside the vault at {vault.root}") from None
        if not target.exists():
            raise ConfigError(f"{raw}: no such file or folder")
        if target.is_dir():
            prefix = "" if rel == "." else rel + "/"
            chosen.extend(n for n in notes if n.startswith(prefix))
        elif rel in known:
            chosen.append(rel)
        elif is_note(rel) and not vault.settings.is_excluded(rel) and rel not in vault.files:
            chosen.append(rel)  # a note outside git's view (e.g. untracked, ignored): still checked
    return sorted(dict.fromkeys(chosen))


def changed_since(root: Path, ref: str) -> set[str]:
    """Vault-relative paths of files that differ from the merge base of REF and HEAD (committed,
    staged or not), plus untracked ones: what a pull request or a work session changed."""
    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise ConfigError(f"--changed-since {ref}: git {args[0]} failed: "
                              f"{proc.stderr.strip() or proc.stdout.strip()}")
        return proc.stdout

    base = git("merge-base", ref, "HEAD").strip()
    names = git("diff", "--name-only", "--relative", "--diff-filter=ACMRT", "-z", base).split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z").split("\0")
    return {n for n in names if n}


def execute(options: RunOptions,
            progress: Callable[[list[str]], Iterable[str]] | None = None) -> Run:
    """Check (or fix) every note in the report scope; `progress` may wrap the list of paths."""
    settings, vault = prepare(options)
    linter = Linter(settings, vault)
    results = []
    paths = report_scope(options, vault)
    for path in progress(paths) if progress else paths:
        if options.fix or options.diff:
            results.append(fix_file(linter, path, write=options.fix and not options.diff))
        else:
            results.append(linter.check(path))
    return Run(settings, vault, results)


def fix_file(linter: Linter, path: str, write: bool) -> FileResult:
    loaded = linter.load(path)
    if isinstance(loaded, FileResult):
        return loaded
    note = loaded
    outcome = fix_note(note, lambda n: linter.lint(n)[0], linter.settings.unsafe_fixes)
    fixed_note = Note(path, outcome.text, note.bom) if outcome.text != note.text else note
    remaining, crashed = linter.lint(fixed_note)
    refusals = [_refusal(fixed_note, diag, reason) for diag, reason in outcome.refused]
    result = FileResult(path, sorted(remaining + refusals, key=lambda d: d.sort_key()),
                        fixed_note.text, note.text, outcome.applied, crashed)
    if write and result.changed:
        try:
            write_atomic(linter.vault.root / path, fixed_note.text, note.bom,
                         encode(note.text, note.bom))
        except WriteError as exc:
            result.diagnostics.insert(0, _refusal(note, None, str(exc)))
            result.source, result.fixed = note.text, []
    return result


def _refusal(note: Note, diag, reason: str):
    ctx = RuleContext(internal_error.RULE, note, {})
    what = f"fix for {diag.rule} refused: " if diag is not None and diag.rule else "fix refused: "
    line = (diag.line - 1) if diag is not None else 0
    return ctx.at_line(max(0, min(line, note.line_count - 1)), what + reason)
