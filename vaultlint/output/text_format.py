"""Human output: `path:line:col: CODE [*] message`, the source line with a caret under it.

`text` and `concise` list errors first, then warnings, then info (layout), each group by note
path, line and column; `text` heads each group with `=== errors: N ===` and, past
SUMMARY_MIN_FINDINGS findings, ends with the count per rule (`--statistics`' table). A fix
preview shows only the lines the fix changes (`-` old, `+` new); an added blank line is shown
with the line it goes next to, unmarked, and trailing whitespace as `·` (space) and `→` (tab).
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterator
from typing import IO

import click

from vaultlint.diagnostics import Diagnostic, Edit, Severity
from vaultlint.engine import FileResult
from vaultlint.output.paths import PathMap, identity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _headline(diag: Diagnostic, colour: bool, show: PathMap = identity) -> str:
    fixable = " [*]" if diag.fix is not None and diag.fix.applicability.value == "safe" else ""
    if diag.fix is not None and diag.fix.applicability.value == "unsafe":
        fixable = " [!]"
    where = f"{show(diag.path)}:{diag.line}:{diag.column}:"
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


def _fix_preview(diag: Diagnostic, source: str | None, colour: bool) -> list[str]:
    """The lines the diagnostic's fix changes, as `- old` / `+ new`: unchanged lines are never
    shown as changed. A pure insertion (a blank line added) shows the line it goes next to,
    unmarked, so the reader sees where it goes; `…` stands for unchanged lines between changes."""
    if diag.fix is None or not diag.fix.edits or source is None:
        return []
    kind = diag.fix.applicability.value
    label = "fix" if kind == "safe" else f"{kind} fix"
    old, new = _fix_region(source, diag.fix.edits)
    old_lines, new_lines = _lines(old), _lines(new)
    if len(old_lines) + len(new_lines) > PREVIEW_MAX_REGION:  # a diff of a huge span is slow
        return [f"  {label}: {_counts(len(old_lines), len(new_lines))}"]
    rows = _changed_rows(old_lines, new_lines)
    shown = _render(rows, old, new)
    if len(shown) > PREVIEW_MAX_LINES:
        removed = sum(1 for sign, _ in rows if sign == "-")
        return [f"  {label}: {_counts(removed, sum(1 for sign, _ in rows if sign == '+'))}"]
    return [f"  {label}:"] + [_styled(sign, text, colour) for sign, text in shown]


PREVIEW_WIDTH = 100
PREVIEW_MAX_LINES = 12  # more changed lines than this: a one-line count instead
PREVIEW_MAX_REGION = 400  # lines spanned by a fix beyond which it is not diffed
_BLANK = "(blank line)"
_NO_EOL = "   (no line break at the end)"
_STYLES = {"-": {"fg": "red"}, "+": {"fg": "green"}, " ": {"dim": True}, "…": {"dim": True}}


def _counts(removed: int, added: int) -> str:
    if removed and added:
        return f"replaces {removed} line(s) with {added}"
    return f"removes {removed} line(s)" if removed else f"adds {added} line(s)"


def _fix_region(source: str, edits: tuple[Edit, ...]) -> tuple[str, str]:
    """The whole lines the edits touch (line breaks included), before and after the fix."""
    first = min(e.start for e in edits)
    last = max(e.end for e in edits)
    start = source.rfind("\n", 0, first) + 1
    end = source.find("\n", last)
    end = len(source) if end < 0 else end + 1
    pieces, at = [], start
    for e in sorted(edits):
        pieces += [source[at : e.start], e.content]
        at = e.end
    pieces.append(source[at:end])
    return source[start:end], "".join(pieces)


def _lines(text: str) -> list[str]:
    """Lines with their `\\n` kept; only `\\n` ends a line, as in the rest of vaultlint."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _changed_rows(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """(sign, line) rows: "-" removed, "+" added, " " context for an insertion, "…" a gap."""
    rows: list[tuple[str, str]] = []
    shown_to = 0  # old lines before this index are shown or already passed
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        # An insertion is shown next to the line after it (the one before it at the very end).
        context_before = tag == "insert" and i1 == len(old) and i1 > shown_to
        if rows and (i1 - context_before) > shown_to:
            rows.append(("…", ""))
        if context_before:
            rows.append((" ", old[i1 - 1]))
        rows += [("-", line) for line in old[i1:i2]] + [("+", line) for line in new[j1:j2]]
        shown_to = i2
        if tag == "insert" and i1 < len(old):
            rows.append((" ", old[i1]))
            shown_to = i1 + 1
    return rows


def _opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's changed opcodes; the common first and last lines are cut off first, so most
    fixes (one changed span) need no SequenceMatcher at all."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    i2, j2 = len(old) - tail, len(new) - tail
    if head == i2 and head == j2:
        return []
    if head == i2 or head == j2 or (i2 - head == 1 and j2 - head == 1):
        tag = "insert" if head == i2 else "delete" if head == j2 else "replace"
        return [(tag, head, i2, head, j2)]
    matcher = difflib.SequenceMatcher(None, old[head:i2], new[head:j2], autojunk=False)
    return [(tag, a1 + head, a2 + head, b1 + head, b2 + head)
            for tag, a1, a2, b1, b2 in matcher.get_opcodes() if tag != "equal"]


def _render(rows: list[tuple[str, str]], old: str, new: str) -> list[tuple[str, str]]:
    """Rows as text: blank lines named (a run counted once), trailing whitespace made visible,
    a missing final line break said, a long one-line change cropped around the change."""
    crop = _crop_start(rows)
    out: list[tuple[str, str]] = []
    def kind(row: tuple[str, str]) -> tuple[str, bool]:
        return row[0], not row[1].strip("\r\n")

    for (sign, blank), group in itertools.groupby(rows, key=kind):
        lines = [line for _, line in group]
        if sign == "…":
            out.append((sign, ""))
        elif blank:
            out.append((sign, _BLANK if len(lines) == 1 else f"({len(lines)} blank lines)"))
        else:
            out += [(sign, _line_text(sign, line, crop, old, new)) for line in lines]
    return out


def _line_text(sign: str, line: str, crop: int, old: str, new: str) -> str:
    text = line.rstrip("\n").rstrip("\r")
    shown = _visible_trailing(text[crop:] if crop else text)
    if crop:
        shown = "…" + shown
    if len(shown) > PREVIEW_WIDTH:
        shown = shown[: PREVIEW_WIDTH - 1] + "…"
    if sign != " " and not line.endswith("\n") and old.endswith("\n") != new.endswith("\n"):
        shown += _NO_EOL
    return shown


def _visible_trailing(text: str) -> str:
    """Trailing spaces as `·`, tabs as `→` (as editors show them): a whitespace fix is seen."""
    body = text.rstrip()
    tail = text[len(body):]
    return body + "".join({" ": "·", "\t": "→"}.get(ch, f"\\u{ord(ch):04x}") for ch in tail)


def _styled(sign: str, text: str, colour: bool) -> str:
    shown = f"  {sign} {text}".rstrip() if sign != "…" else "  …"
    return click.style(shown, **_STYLES[sign]) if colour else shown


def _crop_start(rows: list[tuple[str, str]]) -> int:
    """Where to start showing a long one-line change so the changed part is visible."""
    changed = [line for sign, line in rows if sign in "-+"]
    if len(rows) != 2 or len(changed) != 2:
        return 0
    same = _common_prefix(changed[0], changed[1])
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


SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_SECTION_NAMES = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}


NoteGroup = tuple[FileResult, list[Diagnostic]]


def by_severity(results: list[FileResult]) -> Iterator[tuple[Severity, list[NoteGroup]]]:
    """Errors, then warnings, then info; within each, notes by path and findings by position.
    A person reads the top of a long report: what breaks the vault must come first."""
    ordered = sorted((r for r in results if r.diagnostics), key=lambda r: r.path)
    for severity in SEVERITY_ORDER:
        groups = [(r, sorted((d for d in r.diagnostics if d.severity is severity),
                             key=Diagnostic.sort_key)) for r in ordered]
        groups = [(r, diags) for r, diags in groups if diags]
        if groups:
            yield severity, groups


def _header(title: str, colour: bool, severity: Severity | None = None) -> str:
    header = f"=== {title} ==="
    fg = _COLOURS[severity] if severity is not None else None
    return click.style(header, fg=fg, bold=True) if colour else header


def write(results: list[FileResult], out: IO[str], options: dict) -> None:
    """Findings in severity sections (errors first), each with its source line and fix
    preview; long reports end with a count per rule (`options["summary"]`, default on)."""
    colour = options.get("colour", False)
    show = options.get("display_path", identity)
    split: dict[int, list[str]] = {}  # each note's lines, split once for all its sections
    for severity, groups in by_severity(results):
        count = sum(len(diags) for _, diags in groups)
        out.write(_header(f"{_SECTION_NAMES[severity]}: {count}", colour, severity) + "\n\n")
        for result, diags in groups:  # one write per note: a write per line costs much more
            if id(result) not in split:
                split[id(result)] = result.source.splitlines() if result.source is not None else []
            lines = split[id(result)]
            chunk = []
            for diag in diags:
                chunk.append(_headline(diag, colour, show))
                chunk.extend(_snippet(diag, lines, colour))
                chunk.extend(_fix_preview(diag, result.source, colour))
                chunk.append("")
            out.write("\n".join(chunk) + "\n")
    diags = [d for r in results for d in r.diagnostics]
    if options.get("summary", True) and len(diags) > SUMMARY_MIN_FINDINGS:
        out.write(_header("findings by rule", colour) + "\n")
        write_statistics(diags, out)


SUMMARY_MIN_FINDINGS = 20
"""A text report with more findings than this ends with the count per rule."""


def write_concise(results: list[FileResult], out: IO[str], options: dict) -> None:
    """One line per finding, errors first, then warnings, then info (no section headers, so
    every line keeps the `path:line:col:` shape editors and grep expect)."""
    colour = options.get("colour", False)
    show = options.get("display_path", identity)
    for _, groups in by_severity(results):
        for _, diags in groups:
            out.write("".join(_headline(d, colour, show) + "\n" for d in diags))


def _fix_mark(diags: list[Diagnostic]) -> str:
    kinds = {d.fix.applicability.value for d in diags if d.fix is not None}
    return "[*]" if "safe" in kinds else "[!]" if "unsafe" in kinds else "   "


def per_rule(diags: list[Diagnostic]) -> list[tuple[str, str, list[Diagnostic], Severity]]:
    """(code, name, findings, worst severity) per rule: errors first, then by count, then code
    (the order of `--statistics` in every format)."""
    found_by: dict[tuple[str, str], list[Diagnostic]] = {}
    for d in diags:
        found_by.setdefault((d.code, d.rule), []).append(d)
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    rows = [(code, name, found, SEVERITY_ORDER[min(rank[d.severity] for d in found)])
            for (code, name), found in found_by.items()]
    return sorted(rows, key=lambda row: (rank[row[3]], -len(row[2]), row[0]))


def write_statistics(diags: list[Diagnostic], out: IO[str]) -> None:
    """`count  code  mark  name  severity`, one row per rule: errors first, then by count.
    The mark is [*] when some findings have a safe fix, [!] when only unsafe fixes."""
    for code, name, found, worst in per_rule(diags):
        out.write(f"{len(found):5d}  {code:<7} {_fix_mark(found)} {name:<28} {worst.value}\n")
