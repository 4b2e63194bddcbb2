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
from vaultlint.config import ConfigError, load_settings
from vaultlint.output import FORMATS
from vaultlint.output.text_format import write_statistics
from vaultlint.runner import Run, RunOptions, execute
from vaultlint.init import write_starter
from vaultlint.schema_cmd import schema as schema_command
from vaultlint.safeio import UnsafeFile, read_regular
from vaultlint.vault import find_root, git_toplevel

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
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes, names, ALL).")
@click.option("--extend-select", multiple=True, help="These rules on top of the selection.")
@click.option("--ignore", multiple=True, help="Never these rules.")
@click.option("--output-format", type=click.Choice(sorted(FORMATS)), default=None,
              envvar="VAULTLINT_OUTPUT_FORMAT",
              help="How to print diagnostics [default: github under GitHub Actions, else text].")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the diagnostics to this file instead of standard output.")
@click.option("--changed-since", metavar="REF", default=None,
              help="Report only on notes changed since git REF (the whole vault is still read).")
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
          statistics: bool, exit_zero: bool, quiet: bool, config_path: Path | None,
          isolated: bool, colour: bool | None, no_cache: bool, cache_dir: Path | None,
          jobs: int | None) -> None:
    """Check notes (the vault around the current folder when no PATHS are given)."""
    options = RunOptions(
        paths=list(paths), fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
        select=_split(select) or None, extend_select=_split(extend_select),
        ignore=_split(ignore), config=config_path, isolated=isolated, changed_since=changed_since,
        no_cache=no_cache, cache_dir=cache_dir, jobs=jobs,
    )
    for sel in (options.select or []) + options.extend_select + options.ignore:
        if not registry.is_known_selector(sel):
            raise ExitError(f"unknown rule or prefix {sel!r} (see `vaultlint rule --all`)")
    try:
        run = execute(options, _progress if _interactive() else None)
    except ConfigError as exc:
        raise ExitError(str(exc)) from None
    fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    to_terminal = output_file is None and sys.stdout.isatty()
    colour = to_terminal and not os.environ.get("NO_COLOR") if colour is None else colour
    with _output(output_file) as out:
        if diff:
            _print_diff(run, out)
        elif statistics:
            _print_statistics(run, out)
        else:
            FORMATS[fmt](run.results, out, {"colour": colour, "path_prefix": _repo_prefix(run),
                                            "summary": not quiet})
    if not quiet and fmt in ("text", "concise") and not diff:
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


@contextmanager
def _output(path: Path | None):
    if path is None:
        yield sys.stdout
        return
    try:
        fh = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise ExitError(f"cannot write {path}: {exc.strerror or exc}") from None
    with fh:
        yield fh


def _repo_prefix(run: Run) -> str:
    """The vault's folder inside its git repository ("" at the top): GitHub wants repo paths."""
    top = git_toplevel(run.vault.root)
    if top is None or top == run.vault.root:
        return ""
    try:
        return run.vault.root.relative_to(top).as_posix() + "/"
    except ValueError:
        return ""


def _exit_code(run: Run, diff: bool, exit_zero: bool) -> int:
    if run.crashed:
        return EXIT_ERROR
    if diff:
        return EXIT_FINDINGS if any(r.changed for r in run.results) and not exit_zero else EXIT_CLEAN
    if run.diagnostics and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _print_diff(run: Run, out) -> None:
    import difflib  # only --diff needs it

    for result in run.results:
        if not result.changed:
            continue
        out.writelines(difflib.unified_diff(
            result.original.splitlines(keepends=True), result.source.splitlines(keepends=True),
            f"a/{result.path}", f"b/{result.path}",
        ))


def _print_statistics(run: Run, out) -> None:
    write_statistics(run.diagnostics, out)


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
    else:
        parts.append(f"All checks passed ({files} note(s)).")
    click.echo("\n".join(parts), err=True)


def _unsafe_changes(run: Run) -> list[str]:
    """Every applied fix that may change what a note says (a word, a heading level), one line
    each: such a change must be shown, never done silently."""
    lines = [f"  {r.path}:{d.line}:{d.column}: {d.code} {d.message} -> "
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
        click.echo(f"{'code':<8} {'name':<28} {'fix':<5} {'default':<8} summary")
        for rule in registry.ALL_RULES:
            fix = "yes" if rule.fixable else "no"
            on = "on" if rule.default_enabled else "off"
            click.echo(f"{rule.code:<8} {rule.name:<28} {fix:<5} {on:<8} {rule.summary}")
        return
    try:
        rule = registry.get(name)
    except registry.UnknownRuleError as exc:
        raise ExitError(exc.args[0]) from None
    click.echo(f"# {rule.name} ({rule.code})\n")
    click.echo(f"{rule.summary}.\n")
    click.echo(f"Severity: {rule.severity.value}. Fixable: {'yes' if rule.fixable else 'no'}. "
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
def init_command(force: bool) -> None:
    """Write a starter .vaultlint.toml at the root of the vault around the current folder."""
    root = find_root(Path.cwd())
    try:
        target = write_starter(root, force, load_settings(root, root, isolated=True))
    except FileExistsError as exc:
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
