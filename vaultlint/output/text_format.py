"""Human output: `path:line:col: CODE [*] message`, the source line with a caret under it."""

from __future__ import annotations

from typing import IO

import click

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.engine import FileResult

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _headline(diag: Diagnostic, colour: bool) -> str:
    fixable = " [*]" if diag.fix is not None and diag.fix.applicability.value == "safe" else ""
    if diag.fix is not None and diag.fix.applicability.value == "unsafe":
        fixable = " [!]"
    where = f"{diag.path}:{diag.line}:{diag.column}:"
    code = diag.code
    if colour:
        where = click.style(where, bold=True)
        code = click.style(code, fg=_COLOURS[diag.severity], bold=True)
    return f"{where} {code}{fixable} {diag.message} ({diag.rule})"


def _snippet(diag: Diagnostic, lines: list[str], colour: bool) -> list[str]:
    if not 1 <= diag.line <= len(lines):
        return []
    text = lines[diag.line - 1].rstrip("\r\n").replace("\t", " ")
    width = len(str(diag.line))
    end = diag.end_column if diag.end_line == diag.line else len(text) + 1
    carets = "^" * max(1, end - diag.column)
    if colour:
        carets = click.style(carets, fg=_COLOURS[diag.severity], bold=True)
    pad = " " * width
    return [f"{pad} |", f"{diag.line} | {text}", f"{pad} | {' ' * (diag.column - 1)}{carets}"]


def write(results: list[FileResult], out: IO[str], options: dict) -> None:
    colour = options.get("colour", False)
    for result in results:
        lines = result.source.splitlines() if result.source is not None else []
        for diag in result.diagnostics:
            out.write(_headline(diag, colour) + "\n")
            for line in _snippet(diag, lines, colour):
                out.write(line + "\n")
            out.write("\n")


def write_concise(results: list[FileResult], out: IO[str], options: dict) -> None:
    colour = options.get("colour", False)
    for result in results:
        for diag in result.diagnostics:
            out.write(_headline(diag, colour) + "\n")
