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


def _fix_preview(diag: Diagnostic, source: str, colour: bool) -> list[str]:
    """The lines the diagnostic's fix would change, as `- old` / `+ new` (a few lines at most)."""
    if diag.fix is None or not diag.fix.edits or source is None:
        return []
    first = min(e.start for e in diag.fix.edits)
    last = max(e.end for e in diag.fix.edits)
    start = source.rfind("\n", 0, first) + 1
    end = source.find("\n", last)
    end = len(source) if end < 0 else end
    shift = 0
    new = source[start:end]
    for e in sorted(diag.fix.edits):
        new = new[: e.start - start + shift] + e.content + new[e.end - start + shift :]
        shift += len(e.content) - (e.end - e.start)
    old_lines, new_lines = source[start:end].split("\n"), new.split("\n")
    if len(old_lines) + len(new_lines) > 12:
        return [f"  fix: replaces {len(old_lines)} line(s) with {len(new_lines)}"]
    label = "fix" if diag.fix.applicability.value == "safe" else f"{diag.fix.applicability.value} fix"
    lines = [f"  {label}:"]
    crop = _crop_start(old_lines, new_lines)
    for sign, group, fg in (("-", old_lines, "red"), ("+", new_lines, "green")):
        for text in group:
            text = text.rstrip("\r")
            shown = repr(text) if text != text.rstrip() else text  # make trailing blanks visible
            if crop:
                shown = "…" + shown[crop:]
            shown = f"  {sign} {shown if len(shown) <= PREVIEW_WIDTH else shown[:PREVIEW_WIDTH - 1] + '…'}"
            lines.append(click.style(shown, fg=fg) if colour else shown)
    return lines


PREVIEW_WIDTH = 100


def _crop_start(old: list[str], new: list[str]) -> int:
    """Where to start showing a long one-line change so the changed part is visible."""
    if len(old) != 1 or len(new) != 1:
        return 0
    same = _common_prefix(old[0], new[0])
    return max(0, same - PREVIEW_WIDTH // 2) if same > PREVIEW_WIDTH - 20 else 0


def _common_prefix(a: str, b: str) -> int:
    """Length of the common start of a and b, by bisection (slices compare in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def write(results: list[FileResult], out: IO[str], options: dict) -> None:
    colour = options.get("colour", False)
    for result in results:  # one write per note: a write per line costs more than the lint
        if not result.diagnostics:
            continue
        lines = result.source.splitlines() if result.source is not None else []
        chunk = []
        for diag in result.diagnostics:
            chunk.append(_headline(diag, colour))
            chunk.extend(_snippet(diag, lines, colour))
            chunk.extend(_fix_preview(diag, result.source, colour))
            chunk.append("")
        out.write("\n".join(chunk) + "\n")


def write_concise(results: list[FileResult], out: IO[str], options: dict) -> None:
    colour = options.get("colour", False)
    for result in results:
        if result.diagnostics:
            out.write("".join(_headline(d, colour) + "\n" for d in result.diagnostics))
