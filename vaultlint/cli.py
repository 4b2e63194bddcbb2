"""The command line: parse arguments, call the runner, print. Nothing else.

Exit codes: 0 clean (or everything fixed), 1 findings remain, 2 usage, config or internal error.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from vaultlint import __version__
from vaultlint import rules as registry
from vaultlint.cache import CACHE_DIR
from vaultlint.config import ConfigError, did_you_mean, load_settings, rule_words, unknown_selector
from vaultlint.output import FORMATS
from vaultlint.engine import FileResult
from vaultlint.note import BOM, encode
from vaultlint.output.json_format import write_statistics as write_json_statistics
from vaultlint.output.paths import PathMap, path_style, relative_to_cwd
from vaultlint.output.text_format import write_statistics
from vaultlint.runner import Run, RunOptions, execute, execute_stdin
from vaultlint.init import MigrationError, migration_summary, write_migrated, write_starter
from vaultlint.schema_cmd import schema as schema_command
from vaultlint.safeio import UnsafeFile, read_regular
from vaultlint.vault import find_root

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 200


class ExitError(click.ClickException):
    """A problem the user must fix (config, paths): message on stderr, exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:  # type: ignore[override]
        click.echo(f"vaultlint: error: {self.format_message()}", err=True)


class DefaultToCheck(click.Group):
    """`vaultlint [PATHS] [--fix]` means `vaultlint check [PATHS] [--fix]`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group(cls=DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vaultlint")
def cli() -> None:
    """Lint and fix an Obsidian vault: frontmatter, links, typos, duplicates, formatting.

    `vaultlint [PATHS]` is short for `vaultlint check [PATHS]`.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--fix/--no-fix", default=False, help="Apply safe fixes, then report what is left.")
@click.option("--unsafe-fixes/--no-unsafe-fixes", default=None,
              help="Also apply fixes that may change a note's meaning (with --fix or --diff).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--show-fixes", is_flag=True,
              help="With --fix: after the diagnostics, list every fix applied, per note.")
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes, names, ALL).")
@click.option("--extend-select", multiple=True, help="These rules on top of the selection.")
@click.option("--ignore", multiple=True, help="Never these rules.")
@click.option("--output-format", type=click.Choice(sorted(FORMATS)), default=None,
              envvar="VAULTLINT_OUTPUT_FORMAT",
              help="How to print diagnostics [default: github under GitHub Actions, else text].")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the diagnostics to this file instead of standard output.")
@click.option("--stdin-filename", metavar="PATH", default=None,
              help="With PATH `-`: the vault path of the note read from standard input.")
@click.option("--changed-since", metavar="REF", default=None,
              help="Report only on notes changed since git REF, and on the notes whose links or "
                   "duplicates that change affects (the whole vault is still read).")
@click.option("--staged", is_flag=True,
              help="Report only on the staged change (added, edited, deleted, renamed notes) and "
                   "the notes it affects elsewhere: what a commit breaks (pre-commit's hook).")
@click.option("--fix-only", is_flag=True,
              help="Apply safe fixes and report only what was fixed, not what is left (implies "
                   "--fix; pre-commit's fix hook, so the check hook alone reports findings).")
@click.option("--statistics", is_flag=True,
              help="Print a count per rule (errors first) instead of each diagnostic.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print diagnostics only: no summary, no count per rule.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Use this config file instead of discovering one.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--color/--no-color", "colour", default=None, help="Colour the text output.")
@click.option("--no-cache", is_flag=True, envvar="VAULTLINT_NO_CACHE",
              help="Neither read nor write the cache in .vaultlint_cache/.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              envvar="VAULTLINT_CACHE_DIR", help="Keep the cache here instead.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: one per core].")
def check(paths: tuple[str, ...], fix: bool, unsafe_fixes: bool | None, diff: bool,
          select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          output_format: str | None, output_file: Path | None, changed_since: str | None,
          staged: bool, fix_only: bool,
          statistics: bool, exit_zero: bool, quiet: bool, config_path: Path | None,
          isolated: bool, colour: bool | None, no_cache: bool, cache_dir: Path | None,
          jobs: int | None, show_fixes: bool = False,
          stdin_filename: str | None = None) -> None:
    """Check notes (the vault around the current folder when no PATHS are given).

    `-` as PATH checks one note read from standard input, as if it were at --stdin-filename
    (default `stdin.md` in the current folder); with --fix, the fixed note goes to standard
    output and the diagnostics to standard error."""
    if staged and changed_since:
        raise ExitError("--staged and --changed-since cannot be combined")
    fix = fix or fix_only
    options = RunOptions(
        paths=list(paths), fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
        select=_split(select) or None, extend_select=_split(extend_select),
        ignore=_split(ignore), config=config_path, isolated=isolated, changed_since=changed_since,
        staged=staged, dependents=not fix_only,
        no_cache=no_cache, cache_dir=cache_dir, jobs=jobs,
    )
    for sel in (options.select or []) + options.extend_select + options.ignore:
        if not registry.is_known_selector(sel):
            raise ExitError(f"{unknown_selector(sel)}; see `vaultlint rule --all`")
    stdin = _read_stdin(options, stdin_filename, fix_only)
    try:
        run = execute_stdin(options) if stdin else \
            execute(options, _progress if _interactive() else None)
    except ConfigError as exc:
        raise ExitError(str(exc)) from None
    if staged and not run.results and not quiet:
        click.echo("No staged change to check.", err=True)
    if fix_only:  # leftovers are the check hook's to report (ruff's --fix-only)
        if not quiet:
            _print_fixed(run)
        sys.exit(EXIT_ERROR if run.crashed else EXIT_CLEAN)
    fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    colour = _use_colour(colour, output_file)
    style = path_style(run.vault.root, Path.cwd())
    fixed_to_stdout = stdin and fix and not diff  # ruff's `--fix -`: the note, then findings
    if fixed_to_stdout:
        _write_fixed_note(run.results[0], options.stdin_data or b"")
    with _output(output_file, sys.stderr if fixed_to_stdout else sys.stdout) as out:
        if diff:
            _print_diff(run, out, style.display)
        elif statistics:
            _print_statistics(run, out, fmt)
        else:
            FORMATS[fmt](run.results, out, {"colour": colour, "summary": not quiet,
                                            **style.options()})
            if show_fixes and fix and fmt in ("text", "concise"):
                _print_fixes(run, out, style.display)
    if not quiet and diff:
        _print_diff_summary(run)
    elif not quiet and fmt in ("text", "concise"):
        _print_summary(run, fix)
    sys.exit(_exit_code(run, diff, exit_zero))


def _interactive() -> bool:
    """A progress bar only for a person at a terminal, never in CI or when piped."""
    return sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("PRE_COMMIT")


def _progress(paths: list[str]):
    if len(paths) < PROGRESS_MIN_FILES:
        yield from paths
        return
    with click.progressbar(paths, label="Checking", file=sys.stderr, show_pos=True) as bar:
        yield from bar


def _read_stdin(options: RunOptions, stdin_filename: str | None, fix_only: bool) -> bool:
    """`-` as the only PATH: read the note from standard input, for the vault path
    --stdin-filename gives (ruff's convention for editors)."""
    if "-" not in options.paths:
        if stdin_filename is not None:
            raise ExitError("--stdin-filename needs `-` as PATH")
        return False
    if options.paths != ["-"]:
        raise ExitError("`-` (standard input) must be the only PATH")
    if options.staged or options.changed_since or fix_only:
        raise ExitError("`-` (standard input) cannot be combined with --staged, --changed-since "
                        "or --fix-only (use --fix: the fixed note goes to standard output)")
    options.paths = [stdin_filename or STDIN_DEFAULT_NAME]
    options.stdin_data = click.get_binary_stream("stdin").read()
    return True


STDIN_DEFAULT_NAME = "stdin.md"


def _write_fixed_note(result: FileResult, data: bytes) -> None:
    """The fixed note on standard output, with its BOM and line endings; the input unchanged
    when it could not be read as a note."""
    fixed = data if result.source is None else encode(result.source, data.startswith(BOM.encode()))
    stdout = click.get_binary_stream("stdout")
    stdout.write(fixed)
    stdout.flush()


def _use_colour(flag: bool | None, output_file: Path | None) -> bool:
    """--color/--no-color win; else NO_COLOR (any non-empty value) turns colour off and
    FORCE_COLOR (any non-empty value) on, in CPython's order; else colour when standard output
    is a terminal. A file written with -o is coloured only when --color says so."""
    if flag is not None:
        return flag
    if output_file is not None or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


@contextmanager
def _output(path: Path | None, default=None):
    if path is None:
        yield default or sys.stdout
        return
    try:
        fh = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise ExitError(f"cannot write {path}: {exc.strerror or exc}") from None
    with fh:
        yield fh


def _exit_code(run: Run, diff: bool, exit_zero: bool) -> int:
    if run.crashed:
        return EXIT_ERROR
    if diff:
        return EXIT_FINDINGS if any(r.changed for r in run.results) and not exit_zero else EXIT_CLEAN
    if run.diagnostics and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _print_diff(run: Run, out, show: PathMap) -> None:
    import difflib  # only --diff needs it

    for result in run.results:
        if not result.changed:
            continue
        for line in difflib.unified_diff(
                result.original.splitlines(keepends=True), result.source.splitlines(keepends=True),
                f"a/{show(result.path)}", f"b/{show(result.path)}"):
            # as diff and git write a last line without its line break, so `patch` applies it
            out.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")


def _unsafe_left(run: Run) -> int:
    """Remaining findings whose fix only --unsafe-fixes would apply."""
    if run.settings.unsafe_fixes:
        return 0
    return sum(1 for d in run.diagnostics
               if d.fix is not None and d.fix.applicability.value == "unsafe")


def _print_diff_summary(run: Run) -> None:
    """On stderr, as ruff does: how much the diff would fix, and what only --unsafe-fixes
    would (so an empty diff with fixes left is not mistaken for a clean vault)."""
    changed = sum(1 for r in run.results if r.changed)
    fixes = sum(len(r.fixed) for r in run.results if r.changed)
    unsafe = _unsafe_left(run)
    more = f"{unsafe} fix(es) available with `--unsafe-fixes`" if unsafe else ""
    if changed:
        click.echo(f"Would fix {fixes} problem(s) in {changed} note(s)"
                   + (f" ({more})." if more else "."), err=True)
    elif more:
        click.echo(f"No safe fixes to apply ({more}).", err=True)


def _print_statistics(run: Run, out, fmt: str) -> None:
    if fmt == "json":
        write_json_statistics(run.diagnostics, out, bool(run.settings.unsafe_fixes))
    else:
        write_statistics(run.diagnostics, out)


def _print_fixes(run: Run, out, show: PathMap) -> None:
    """--show-fixes: every applied fix, per note (path, then `line:col CODE message`)."""
    fixed = [r for r in run.results if r.fixed and r.changed]
    if not fixed:
        return
    lines = [f"Fixed {sum(len(r.fixed) for r in fixed)} problem(s):"]
    for result in fixed:
        lines.append(f"{show(result.path)}:")
        lines += [f"  {d.line}:{d.column} {d.code} {d.message} ({d.rule})"
                  for d in sorted(result.fixed, key=lambda d: d.sort_key())]
    out.write("\n".join(lines) + "\n")


def _print_summary(run: Run, fixed_mode: bool) -> None:
    diags = run.diagnostics
    fixed = sum(len(r.fixed) for r in run.results)
    files = len(run.results)
    parts = []
    if fixed_mode and fixed:
        changed = sum(1 for r in run.results if r.changed)
        parts.append(f"Fixed {fixed} problem(s) in {changed} note(s).")
        parts.extend(_unsafe_changes(run))
    if diags:
        safe = sum(1 for d in diags if d.fix is not None and d.fix.applicability.value == "safe")
        unsafe = sum(1 for d in diags if d.fix is not None and d.fix.applicability.value == "unsafe")
        parts.append(f"Found {len(diags)} problem(s) in {files} note(s) checked.")
        if safe and not fixed_mode:
            parts.append(f"[*] {safe} fixable with `vaultlint --fix`.")
        if unsafe:
            parts.append(f"[!] {unsafe} fixable with `vaultlint --fix --unsafe-fixes`.")
    elif files:  # no note at all: the runner said why ("no notes found")
        parts.append(f"All checks passed ({files} note(s)).")
    if parts:
        click.echo("\n".join(parts), err=True)


def _print_fixed(run: Run) -> None:
    fixed = sum(len(r.fixed) for r in run.results)
    changed = sum(1 for r in run.results if r.changed)
    lines = [f"Fixed {fixed} problem(s) in {changed} note(s)." if fixed else "Nothing to fix."]
    click.echo("\n".join(lines + _unsafe_changes(run)), err=True)


def _unsafe_changes(run: Run) -> list[str]:
    """Every applied fix that may change what a note says (a word, a heading level), one line
    each: such a change must be shown, never done silently."""
    show = relative_to_cwd(run.vault.root, Path.cwd().resolve())
    lines = [f"  {show(r.path)}:{d.line}:{d.column}: {d.code} {d.message} -> "
             + " ".join(repr(e.content) for e in d.fix.edits)  # type: ignore[union-attr]
             for r in run.results for d in r.fixed
             if d.fix is not None and d.fix.applicability.value == "unsafe"]
    return [f"Unsafe fixes applied ({len(lines)}):", *lines] if lines else []


@cli.command("rule")
@click.argument("name", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
def rule_command(name: str | None, show_all: bool) -> None:
    """Explain a rule, or list all rules."""
    if name is None or show_all:
        click.echo(f"{'code':<8} {'name':<28} {'fix':<12} {'default':<8} summary")
        for rule in registry.ALL_RULES:
            fix = rule.fix or "-"  # safe, unsafe or safe/unsafe, as in the README's table
            on = "on" if rule.default_enabled else "off"
            click.echo(f"{rule.code:<8} {rule.name:<28} {fix:<12} {on:<8} {rule.summary}")
        return
    try:
        rule = registry.get(name)
    except registry.UnknownRuleError:
        raise ExitError(f"unknown rule {name!r}{did_you_mean(name, rule_words())}; "
                        "see `vaultlint rule --all`") from None
    click.echo(f"# {rule.name} ({rule.code})\n")
    click.echo(f"{rule.summary}.\n")
    click.echo(f"Severity: {rule.severity.value}. Fix: {rule.fix or 'none'}. "
               f"Default: {'on' if rule.default_enabled else 'off'}.\n")
    click.echo((rule.docs or "").strip())
    if rule.options:
        click.echo("\nDefaults: " + ", ".join(f"{k} = {v!r}" for k, v in rule.options.items()))


@cli.command("clean")
def clean_command() -> None:
    """Delete the cache of the vault around the current folder."""
    target = find_root(Path.cwd()) / CACHE_DIR
    if target.is_dir():
        shutil.rmtree(target)
        click.echo(f"removed {target}")


@cli.command("init")
@click.option("--force", is_flag=True, help="Replace an existing .vaultlint.toml.")
@click.option("--from-obsidian-linter", "from_peer", is_flag=True,
              help="Translate obsidian-linter's settings (its data.json in .obsidian/plugins).")
def init_command(force: bool, from_peer: bool) -> None:
    """Write a starter .vaultlint.toml at the root of the vault around the current folder."""
    root = find_root(Path.cwd())
    try:
        if from_peer:
            target, migration = write_migrated(root, force)
            click.echo(migration_summary(migration))
        else:
            target = write_starter(root, force, load_settings(root, root, isolated=True))
    except (FileExistsError, MigrationError) as exc:
        raise ExitError(str(exc)) from None
    click.echo(f"wrote {target}")
    try:  # read as every file is (safeio): a FIFO or a link out of the vault is not read
        ignored = read_regular(root / ".gitignore", root=root)[0].decode("utf-8", "replace")
    except (OSError, UnsafeFile):
        ignored = ""
    if ".vaultlint_cache" not in ignored:
        click.echo("tip: vaultlint's cache folder .vaultlint_cache/ ignores itself in git; "
                   "exclude it from Obsidian Sync if you use it.")


cli.add_command(schema_command)


def main() -> None:
    """Console entry point: any unexpected exception is a bug, reported with exit code 2."""
    # A short-lived process: collect cycles rarely (the vault's facts are many small objects,
    # none of them cyclic) and skip tearing down the heap at exit, as mypy does.
    gc.set_threshold(100_000, 50, 100)
    try:
        cli.main(prog_name="vaultlint")
    except SystemExit as done:
        _hard_exit(done.code)
    except BrokenPipeError:  # the reader went away (`vaultlint | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _hard_exit(EXIT_FINDINGS)
    except KeyboardInterrupt:
        click.echo("vaultlint: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # never a traceback with exit code 1
        click.echo(f"vaultlint: internal error: {type(exc).__name__}: {exc}\n"
                   "This is a bug in vaultlint; please report it.", err=True)
        if os.environ.get("VAULTLINT_DEBUG"):
            raise
        sys.exit(EXIT_ERROR)


def _hard_exit(code: int | str | None) -> None:
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or coverage tool still has to write its report
    if isinstance(code, str):
        click.echo(code, err=True)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: nothing more can be said
        code = code or EXIT_ERROR
    os._exit(code or 0)


if __name__ == "__main__":
    main()
