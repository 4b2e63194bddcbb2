"""One run: find the vault and the files to report on, check or fix each, collect results.

The knowledge scope is always the whole vault (links resolve against every note); the report
scope is the files named on the command line (pre-commit passes only changed ones).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultlint import __version__
from vaultlint.cache import fingerprint, open_cache
from vaultlint.config import ConfigError, Settings, load_settings
from vaultlint.diagnostics import from_cache, to_cache
from vaultlint.engine import FileResult, Linter
from vaultlint.gitscope import Change, GitError, changes_since, staged_changes
from vaultlint.note import DecodeError, Note, encode
from vaultlint.rules import internal_error
from vaultlint.rules.base import RuleContext
from vaultlint.obsidian_app import read_app_settings
from vaultlint.output.paths import relative_folder
from vaultlint.vault import IndexSpec, Vault, find_root, is_note, list_vault


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
    staged: bool = False  # report only on the staged change (what is being committed)
    dependents: bool = True  # a partial run also reports what its change broke elsewhere
    no_cache: bool = False
    cache_dir: Path | None = None
    jobs: int | None = None  # worker processes; None: one per core
    stdin_data: bytes | None = None  # `vaultlint -`: this note, at paths[0] (execute_stdin)
    cwd: Path = field(default_factory=Path.cwd)


@dataclass
class Run:
    settings: Settings
    vault: Vault
    results: list[FileResult]
    scope: Scope | None = None

    @property
    def diagnostics(self):
        return [d for r in self.results for d in r.diagnostics]

    @property
    def crashed(self) -> bool:
        return any(r.crashed for r in self.results)


def _start_dir(options: RunOptions) -> Path:
    if options.paths:
        first = options.cwd / options.paths[0]
        try:
            first = first.resolve()
        except (OSError, RuntimeError):  # a symlink loop: start from the folder holding it
            return (options.cwd / options.paths[0]).parent.resolve()
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
    cache = open_cache(root, options.no_cache, options.cache_dir)
    signatures: dict[str, str | None] = {}
    app = read_app_settings(root)
    files, on_disk = list_vault(root, settings, signatures, app)
    return settings, Vault(root, files, settings, cache, disk_files=on_disk, app=app,
                           _sigs=signatures)


@dataclass
class Scope:
    """The notes a run reports on: those named (by PATHS, git or both) and, for a partial run,
    the notes elsewhere whose findings the change may alter, each with the codes of the rules
    whose findings are reported there (a link broken by a deleted note, not that note's spacing)."""

    named: list[str]
    changes: list[Change] | None = None  # what git says changed, in a partial run
    # dependent note -> rule code -> which of that rule's findings (by flagged text) to report
    dependents: dict[str, dict[str, Callable[[str], bool]]] = field(default_factory=dict)

    @property
    def paths(self) -> list[str]:
        return sorted({*self.named, *self.dependents})


def report_scope(options: RunOptions, vault: Vault) -> Scope:
    """The vault notes to report on: those under PATHS (or all), narrowed to the staged change
    (--staged) or to what changed since a ref (--changed-since). Dependents come later
    (`add_dependents`): they need the rules' indexes."""
    try:
        return _git_scope(options, vault)
    except GitError as exc:
        raise ConfigError(str(exc)) from None


def _git_scope(options: RunOptions, vault: Vault) -> Scope:
    chosen = _paths_scope(options, vault)
    if options.staged:
        changes = staged_changes(vault.root)
        if not options.paths:
            notes = set(vault.note_paths())
            chosen = sorted({c.path for c in changes if c.exists and c.path in notes})
        return Scope(chosen, changes)
    if options.changed_since:
        changes = changes_since(vault.root, options.changed_since)
        changed = {c.path for c in changes if c.exists}
        return Scope([p for p in chosen if p in changed], changes)
    # Plain PATHS are reported on exactly: pre-commit may split its file list over several
    # calls, and each call adding the same dependents would print their findings twice.
    return Scope(chosen)


def add_dependents(scope: Scope, linter: Linter, jobs: int) -> None:
    """Add to a partial run the notes whose findings its change may alter, as the rules' indexes
    say (`IndexSpec.dependents`): who links to a deleted, renamed or edited note, who shares a
    URL with an edited one; each reported only for the findings that concern the change. The
    indexes come from the cache: the vault is not re-checked."""
    if not scope.changes:
        return
    settings, vault = linter.settings, linter.vault
    specs = {s.key: s for r in settings.enabled_rules for s in r.indexes if s.dependents}
    helpers = {h.key: h for s in specs.values() for h in (s, *s.helpers)}
    extract_facts(linter, list(helpers.values()), jobs)
    changed = {p for c in scope.changes for p in c.paths}
    found = {key: spec.dependents(vault, changed) for key, spec in specs.items()}  # type: ignore[misc]
    # a staged note is reported whole by the call pre-commit passes it to
    named = set(scope.named) | {c.path for c in scope.changes if c.exists}
    reported = set(vault.note_paths())
    for path in sorted({p for paths in found.values() for p in paths} - named):
        if path not in reported:
            continue
        wanted = {r.code: _concerning([(s, found[s.key][path]) for s in r.indexes
                                       if path in found.get(s.key, {})])
                  for r in settings.rules_for(path)}
        wanted = {code: keep for code, keep in wanted.items() if keep is not None}
        if wanted:
            scope.dependents[path] = wanted


def _concerning(ties: list[tuple[IndexSpec, set[str]]]) -> Callable[[str], bool] | None:
    """Whether a finding (by its flagged text) concerns the change, for a rule whose indexes tie
    the note to it by `ties`; None when they do not tie it at all."""
    if not ties:
        return None

    def keep(text: str) -> bool:
        for spec, keys in ties:
            key = spec.concerns(text) if spec.concerns else None
            if key is None or key in keys:
                return True
        return False

    return keep


def _paths_scope(options: RunOptions, vault: Vault) -> list[str]:
    notes = vault.note_paths()
    if not options.paths:
        if not notes:
            _warn(f"no notes found in {relative_folder(vault.root, options.cwd.resolve())}")
        return notes
    chosen: list[str] = []
    known = set(notes)
    for raw in options.paths:
        target, rel = _in_vault(raw, options.cwd, vault)
        if not target.exists():
            raise ConfigError(f"{raw}: no such file or folder")
        if target.is_dir():
            prefix = "" if rel == "." else rel + "/"
            chosen.extend(n for n in notes if n.startswith(prefix))
        elif rel in known:
            chosen.append(rel)
        elif is_note(rel) and not vault.settings.is_excluded(rel) and rel not in vault.files:
            chosen.append(rel)  # a note outside git's view (e.g. untracked, ignored): still checked
        else:
            _skipped(raw, rel, vault)
    if not chosen:
        _warn(f"no notes found in {' '.join(options.paths)}")
    return sorted(dict.fromkeys(chosen))


def _in_vault(raw: str, cwd: Path, vault: Vault) -> tuple[Path, str]:
    """The absolute path PATH names and its vault path; a config error outside the vault."""
    try:
        target = (cwd / raw).resolve()
    except (OSError, RuntimeError):
        raise ConfigError(f"{raw}: cannot be resolved (a symlink loop?)") from None
    try:
        return target, target.relative_to(vault.root).as_posix()
    except ValueError:
        raise ConfigError(f"{raw}: not inside the vault at {vault.root}") from None


def _skipped(raw: str, rel: str, vault: Vault) -> None:
    """A named file that is not checked is said to be, never dropped silently (pre-commit
    passes every staged Markdown file, excluded ones too: those are skipped quietly there)."""
    if not is_note(rel):
        _warn(f"{raw}: not a note, skipped")
    elif not os.environ.get("PRE_COMMIT"):
        _warn(f"{raw}: excluded by the configuration, skipped")


def _warn(message: str) -> None:
    print(f"vaultlint: warning: {message}", file=sys.stderr)


def execute(options: RunOptions,
            progress: Callable[[list[str]], Iterable[str]] | None = None) -> Run:
    """Check (or fix) every note in the report scope; `progress` may wrap the list of paths."""
    settings, vault = prepare(options)
    vault.git_ref = options.changed_since
    linter = Linter(settings, vault)
    jobs = options.jobs or os.cpu_count() or 1
    scope = report_scope(options, vault)
    if options.dependents:
        add_dependents(scope, linter, jobs)
    if not options.diff:  # --diff writes nothing, not even a deletion
        _remove_stale_temps(vault)
    if options.fix or options.diff:
        # Notes named by PATHS (pre-commit's fix hook) are the only ones written; a change
        # git names (--staged, --changed-since) is repaired where it broke something too.
        named = scope.paths if not options.paths else scope.named
        write = options.fix and not options.diff
        results = [_fixed_if_fixable(linter, checked, scope.dependents.get(checked.path), write)
                   for checked in check_all(linter, named, jobs, progress)]
        results += check_all(linter, sorted(set(scope.dependents) - set(named)), jobs)
    else:
        results = check_all(linter, scope.paths, jobs, progress)
    results = [_narrowed(r, scope.dependents.get(r.path)) for r in results]
    results.sort(key=lambda r: r.path)
    vault.cache.prune(set(vault.files))
    vault.cache.save()
    return Run(settings, vault, results, scope)


def _fixed_if_fixable(linter: Linter, checked: FileResult,
                      only: dict[str, Callable[[str], bool]] | None, write: bool) -> FileResult:
    """Only a note with a finding `--fix` would fix is linted again and fixed: the check (from
    the cache where nothing changed) says which, so `--fix` on a tidy vault costs a check."""
    from vaultlint.fixer import applies

    unsafe = linter.settings.unsafe_fixes
    if checked.crashed or not any(applies(d.fix, unsafe)
                                  for d in _narrowed(checked, only).diagnostics):
        return checked
    key = results_keys(linter, [checked.path])[checked.path] if linter.vault.cache.enabled \
        else None
    return fix_file(linter, checked.path, write=write, only=only, key=key, checked=checked)


def _narrowed(result: FileResult, wanted: dict[str, Callable[[str], bool]] | None) -> FileResult:
    """A dependent's result keeps only the findings that concern the change: of the rules its
    indexes tie to it, about what changed (a link to the deleted note, not an older one)."""
    if wanted is None:
        return result
    from dataclasses import replace

    source = result.source or ""
    kept = [d for d in result.diagnostics
            if d.code in wanted and wanted[d.code](_flagged(source, d))]
    return replace(result, diagnostics=kept)


def _flagged(source: str, diag) -> str:
    """The text a diagnostic points at."""
    if diag.end_line == diag.line:
        return source[diag.offset : diag.offset + max(0, diag.end_column - diag.column)]
    lines = source.splitlines(keepends=True)
    start = diag.offset
    end = sum(len(line) for line in lines[: diag.end_line - 1]) + diag.end_column - 1
    return source[start:end]


def check_all(linter: Linter, paths: list[str], jobs: int,
              progress: Callable[[list[str]], Iterable[str]] | None = None) -> list[FileResult]:
    """Check notes, reusing cached findings where nothing they depend on changed."""
    vault, settings = linter.vault, linter.settings
    specs = _index_specs(settings)
    missing = _missing_facts(vault, specs) if specs else []
    if not _use_workers(len(missing), jobs):
        _extract(linter, specs, missing, jobs)
        keys, done, todo = _cached_results(linter, paths)
        found = _checked(linter, todo, _batch_size(len(todo), jobs), jobs, progress)
        return _recorded(vault, paths, keys, done, found)
    from vaultlint.crew import Crew  # a cold check: workers keep the notes they parse

    _preload(settings)
    crew = Crew(linter, specs, missing, jobs)
    try:
        gathered = crew.facts()
        for changes in gathered:
            vault.cache.merge(changes)
        keys, done, todo = _cached_results(linter, paths)
        found = _ticking(crew.check(todo, _batch_size(len(todo), jobs), gathered), todo,
                         iter(progress(todo)) if progress else None)
        return _recorded(vault, paths, keys, done, found)
    finally:
        crew.close()


def _cached_results(linter: Linter, paths: list[str]
                    ) -> tuple[dict[str, str], dict[str, FileResult], list[str]]:
    """The notes' results keys, the results the cache holds under them, and the notes to check
    (once every note's facts are known: the keys depend on them)."""
    vault = linter.vault
    keys = results_keys(linter, paths) if vault.cache.enabled else {}
    vault.cache.read_results(paths if keys else [])
    done: dict[str, FileResult] = {}
    todo: list[str] = []
    for path in paths:
        entry = vault.cached(path)
        saved = vault.cache.results(path, entry["hash"], keys[path]) if entry and keys else None
        if saved is not None:
            try:
                done[path] = _from_cache(vault, path, saved)
                continue
            except (KeyError, TypeError, ValueError):  # a damaged entry is recomputed, not trusted
                pass
        todo.append(path)
    return keys, done, todo


def _recorded(vault: Vault, paths: list[str], keys: dict[str, str], done: dict[str, FileResult],
              found: Iterable[tuple[FileResult, Any]]) -> list[FileResult]:
    """The results of `paths`: those `done` and those `found`, which go to the cache."""
    for result, changes in found:
        done[result.path] = result
        if changes is not None:
            vault.cache.merge(changes)
        if keys and not result.crashed:
            vault.cache.set_results(result.path, keys[result.path],
                                    [to_cache(d) for d in result.diagnostics])
    return [done[p] for p in paths]


def _checked(linter: Linter, todo: list[str], size: int, jobs: int,
             progress: Callable[[list[str]], Iterable[str]] | None) -> Iterable[Any]:
    """(FileResult, cache changes or None) of each note of `todo`, checked in batches."""
    if _use_workers(len(todo), jobs):  # built before workers fork, so they inherit them
        _preload(linter.settings)
        for rule in linter.settings.enabled_rules:  # (else each is built when a rule first asks)
            for spec in rule.indexes:
                linter.vault.index(spec)
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    return _flatten(parallel_map(_check_batch, batches, jobs, linter, progress))


def _preload(settings: Settings) -> None:
    """What the enabled rules read in every check, loaded before workers fork (shared pages);
    a single process loads each when first asked (a warm run may never need them)."""
    for rule in settings.enabled_rules:
        if rule.preload is not None:
            rule.preload(settings.options_for(rule))


def _index_specs(settings: Settings) -> list[IndexSpec]:
    """The indexes the enabled rules read, and their helpers (e.g. who links to what: a later
    partial run finds them in the cache)."""
    specs = {spec.key: spec for r in settings.enabled_rules for s in r.indexes
             for spec in (s, *s.helpers)}
    return list(specs.values())


def results_keys(linter: Linter, paths: list[str]) -> dict[str, str]:
    """What a note's findings depend on: vaultlint's version, the configuration, the rules that
    run on it and, for rules that look across notes, the vault's file list and the facts of the
    indexes they read. A rule reading the vault without declaring its indexes depends on every
    byte of the vault. (The note's own content is implied: its cache entry is per content.)"""
    settings, vault = linter.settings, linter.vault
    base = fingerprint([__version__, settings.raw, settings.select, settings.extend_select,
                        settings.ignore, settings.unsafe_fixes,
                        repr(vault.app)])  # `.obsidian/app.json`: link format, attachments
    memo: dict[str, str] = {}

    def part(name: str, compute: Callable[[], str]) -> str:
        if name not in memo:
            memo[name] = compute()
        return memo[name]

    def key_for(rules: list) -> str:
        parts = [base, [r.code for r in rules]]
        for rule in rules:
            if rule.cache_key is not None:
                parts.append(part(f"dep:{rule.name}", lambda r=rule: fingerprint(r.cache_key(settings))))
            if not rule.needs_vault:
                continue
            parts.append(part("files", vault.files_state))
            if not rule.indexes:
                parts.append(part("vault", vault.state))
            for spec in rule.indexes:
                parts.append(part(spec.key, lambda spec=spec: vault.facts_state(spec)))
        return fingerprint(parts)

    by_rules: dict[tuple[str, ...], str] = {}  # most notes share one rule set, so one key
    keys = {}
    for path in paths:
        rules = settings.rules_for(path)
        codes = tuple(r.code for r in rules)
        if codes not in by_rules:
            by_rules[codes] = key_for(rules)
        keys[path] = by_rules[codes]
    return keys


def _from_cache(vault: Vault, path: str, saved: list) -> FileResult:
    diags = [from_cache(d) for d in saved]
    source = vault.text(path) if diags else None  # only findings need it (snippets, fixes)
    return FileResult(path, diags, source)





def extract_facts(linter: Linter, specs: list[IndexSpec], jobs: int) -> None:
    """Fill the cache with every note's facts for `specs`, reading only notes that changed."""
    _extract(linter, specs, _missing_facts(linter.vault, specs), jobs)


def _missing_facts(vault: Vault, specs: list[IndexSpec]) -> list[str]:
    """The notes without cached facts for one of `specs` (new, changed or never extracted)."""
    keys = [spec.key for spec in specs]
    missing = []
    for path in vault.note_paths():  # a loop over the whole vault on every run: kept lean
        entry = vault.cache.files.get(path)
        if entry is None or entry["sig"] != vault.signature(path) or \
                not all(key in entry["fh"] for key in keys):
            missing.append(path)
    return missing


def _extract(linter: Linter, specs: list[IndexSpec], missing: list[str], jobs: int) -> None:
    vault = linter.vault
    if not _use_workers(len(missing), jobs):
        for path in missing:
            for spec in specs:
                vault.facts(path, spec)
        return
    global _SPECS
    _SPECS = specs
    for changes in parallel_map(_facts_one, missing, jobs, linter):
        vault.cache.merge(changes)


# --- worker processes --------------------------------------------------------------------------
# When many notes need their facts (a cold check), a crew of workers (vaultlint/crew.py) does
# both passes. Otherwise (a warm run with notes to check), workers are forked after the parent
# has built the vault indexes, so they inherit them instead of receiving copies; each returns
# its results and the cache entries it made.

PARALLEL_MIN_NOTES = 200
_CHUNK = 25  # notes a worker takes at a time when extracting facts
# Notes checked together: one `prepare` per rule for the batch, e.g. one typos call (30 ms to
# start), so batches are large; four per worker still share the work out evenly.
_BATCH_MIN, _BATCH_MAX = 50, 500
_LINTER: Linter | None = None
_SPECS: list[IndexSpec] = []
_IN_WORKER = False  # in a forked worker, cache changes go back to the parent with the results


def _batch_size(notes: int, jobs: int) -> int:
    return max(_BATCH_MIN, min(_BATCH_MAX, notes // (4 * max(1, jobs))))


def _use_workers(notes: int, jobs: int) -> bool:
    """Whether `notes` are worth forked worker processes."""
    return notes >= PARALLEL_MIN_NOTES and jobs > 1 and hasattr(os, "fork")


def _check_batch(paths: list[str]) -> list[tuple[FileResult, Any]]:
    """Check notes in a worker; the cache changes made on the way travel with the last result."""
    assert _LINTER is not None
    results = _LINTER.check_many(paths)
    for path in paths:
        _LINTER.vault.notes.pop(path, None)  # keep memory flat
    changes = _LINTER.vault.cache.take_changes() if _IN_WORKER else None
    return [(r, changes if k == len(results) - 1 else None) for k, r in enumerate(results)]


def _flatten(batches: Iterable[list[Any]]) -> Iterable[Any]:
    for batch in batches:
        yield from batch


def _facts_one(path: str) -> Any:
    assert _LINTER is not None
    for spec in _SPECS:
        _LINTER.vault.facts(path, spec)
    _LINTER.vault.notes.pop(path, None)  # keep worker memory flat
    return _LINTER.vault.cache.take_changes()


def _start_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True
    assert _LINTER is not None
    _LINTER.vault.cache.start_worker()


def parallel_map(fn: Callable[[Any], Any], items: list[Any], jobs: int, linter: Linter,
                 progress: Callable[[list[str]], Iterable[str]] | None = None) -> Iterable[Any]:
    """fn over items (paths, or batches of paths), in forked worker processes when there is
    enough work; results in order. `progress` sees the paths."""
    global _LINTER
    _LINTER = linter
    paths = [p for item in items for p in (item if isinstance(item, list) else [item])]
    ticker = iter(progress(paths)) if progress else None
    if not _use_workers(len(paths), jobs):
        yield from _ticking(map(fn, items), items, ticker)
        return
    import multiprocessing as mp  # imported only for work worth the processes
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork"),
                             initializer=_start_worker) as pool:
        chunk = 1 if isinstance(items[0], list) else _CHUNK
        yield from _ticking(pool.map(fn, items, chunksize=chunk), items, ticker)


def _ticking(results: Iterable[Any], items: list[Any], ticker) -> Iterable[Any]:
    """`results`, one per item (in any order), ticking once per path of each."""
    for item, result in zip(items, results):
        for _ in range(len(item) if isinstance(item, list) else 1):
            if ticker is not None:
                next(ticker, None)
        yield result
    if ticker is not None:
        for _ in ticker:
            pass


# --- one note from standard input (editors) ------------------------------------------------


def execute_stdin(options: RunOptions) -> Run:
    """Check (or fix, writing nothing) `options.stdin_data` as the note at `options.paths[0]`
    (`vaultlint - --stdin-filename PATH`): its links resolve against the vault on disk, the
    config's per-file settings apply to PATH, and the file at PATH, if any, is neither read as
    this note nor written."""
    assert options.stdin_data is not None and len(options.paths) == 1
    settings, vault = prepare(options)
    linter = Linter(settings, vault)
    path = _in_vault(options.paths[0], options.cwd, vault)[1]
    try:
        note = Note.from_bytes(path, options.stdin_data)
    except DecodeError as exc:
        result = linter._read_error(path, str(exc), exc.line, exc.column)
    else:
        if options.fix or options.diff:
            result = fix_file(linter, path, write=False, note=note)
        else:
            diagnostics, crashed = linter.lint(note)
            result = FileResult(path, diagnostics, note.text, crashed=crashed)
    vault.cache.save()
    return Run(settings, vault, [result])


def _remove_stale_temps(vault: Vault) -> None:
    """Delete temp files a killed `--fix` left (the fixer's exact naming, old enough)."""
    candidates = [f for f in vault.all_files if f.endswith((".vaultlint-tmp", ".vaultlint-copy"))]
    if candidates:  # the fixer is imported only when there is something to clean
        from vaultlint.fixer import remove_stale_temps

        remove_stale_temps(vault.root, candidates)


def fix_file(linter: Linter, path: str, write: bool, note: Note | None = None,
             only: dict[str, Callable[[str], bool]] | None = None,
             key: str | None = None, checked: FileResult | None = None) -> FileResult:
    """Fix the note at `path` (read from disk, or `note` when given: standard input); with
    `only` (a dependent of a partial run), just the findings that concern the change. With
    `key` (the note's results key), the written note's facts and findings are cached;
    `checked`: this run's check of the note (its findings are not linted again)."""
    from vaultlint.fixer import WriteError, fix_note, write_atomic  # not needed to check

    loaded = linter.load(path) if note is None else note
    if isinstance(loaded, FileResult):
        return loaded
    note = loaded
    linted = _Linted(linter)
    if checked is not None and checked.source == note.text and not checked.crashed:
        linted.seed(note, checked.diagnostics)

    def lint(n: Note) -> list:
        found = linted(n)[0]
        return found if only is None else \
            [d for d in found if d.code in only and only[d.code](_flagged(n.text, d))]

    outcome = fix_note(note, lint, linter.settings.unsafe_fixes)
    fixed_note = outcome.fixed(note)
    found, crashed = linted(fixed_note)
    remaining = _with_refusals(fixed_note, found, outcome.refused)
    result = FileResult(path, sorted(remaining, key=lambda d: d.sort_key()),
                        fixed_note.text, note.text, outcome.applied, crashed)
    if write and result.changed:
        linter.vault.cache.forget(path)  # its content is about to change
        try:
            write_atomic(linter.vault.root / path, fixed_note.text, note.bom,
                         encode(note.text, note.bom), root=linter.vault.root)
        except WriteError as exc:
            result.diagnostics.insert(0, _refusal(note, None, str(exc)))
            result.source, result.fixed = note.text, []
        else:
            if key is not None and not crashed:
                _remember_written(linter, fixed_note, found, key)
    return result


class _Linted:
    """The linter's findings per Note object, linted once: the fixer's last pass lints the
    fixed note, whose findings are then what is left (a Note never changes)."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter
        self.seen: dict[int, tuple[Note, list, bool]] = {}

    def seed(self, note: Note, found: list) -> None:
        """`note`'s findings, already known (this run's check of it)."""
        self.seen[id(note)] = (note, found, False)

    def __call__(self, note: Note) -> tuple[list, bool]:
        found = self.seen.get(id(note))
        if found is None or found[0] is not note:
            found = (note, *self.linter.lint(note))
            self.seen[id(note)] = found
        return list(found[1]), found[2]


def _remember_written(linter: Linter, note: Note, found: list, key: str) -> None:
    """Cache a note `--fix` wrote as a check would have: its facts and findings under its new
    content (what a check of it reports: refusals are `--fix`'s own). The next run then finds
    it unchanged, and a `--fix` after a `--fix` costs a warm check."""
    vault = linter.vault
    if vault.rewritten(note.path, encode(note.text, note.bom)) is None:
        return
    for spec in _index_specs(linter.settings):
        vault.cache.set_facts(note.path, spec.key, spec.extract(note))
    vault.cache.set_results(note.path, key, [to_cache(d) for d in found])


def _with_refusals(note: Note, remaining: list, refused: list) -> list:
    """Each refused fix reported once, on its own rule: the finding still there says why its
    fix was not applied; a refused rule with no finding left gets one finding saying so."""
    from dataclasses import replace

    out = list(remaining)
    done: set[tuple[str, str]] = set()
    for diag, reason in refused:
        if (diag.code, reason) in done:
            continue
        done.add((diag.code, reason))
        note_why = f"fix refused: {reason}"
        i = next((i for i, d in enumerate(out) if d.code == diag.code and d.fix is not None
                  and d.message == diag.message), None)
        if i is None:
            i = next((i for i, d in enumerate(out) if d.code == diag.code and d.fix is not None), None)
        if i is not None:
            out[i] = replace(out[i], message=f"{out[i].message} ({note_why})", fix=None)
        else:
            line = max(0, min(diag.line - 1, note.line_count - 1))
            start, end = note.line_span(line)
            out.append(replace(diag, message=note_why, fix=None, line=line + 1, column=1,
                               end_line=line + 1, end_column=end - start + 1, offset=start))
    return out


def _refusal(note: Note, diag, reason: str):
    ctx = RuleContext(internal_error.RULE, note, {})
    what = f"fix for {diag.rule} refused: " if diag is not None and diag.rule else "fix refused: "
    line = (diag.line - 1) if diag is not None else 0
    return ctx.at_line(max(0, min(line, note.line_count - 1)), what + reason)

