"""`--output-format github`: GitHub Actions workflow commands that become PR annotations.

`::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=T::message`. Property values escape
`%`, CR, LF, `:` and `,` (note names often hold `:` and `,`); the message escapes `%`, CR and LF.
Paths are relative to the repository root (GitHub matches annotations to repository files),
in `file=` and in the message alike. Columns are sent only for single-line ranges (the runner
drops them otherwise). Errors come first: GitHub shows at most 10 annotations per level and step, so when there are more, a notice
says where the full list is (the job summary, written when $GITHUB_STEP_SUMMARY is set).
"""

from __future__ import annotations

import os
from collections import Counter
from typing import IO

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.engine import FileResult
from vaultlint.output.paths import PathMap, identity

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
GITHUB_SHOWN_PER_LEVEL = 10
SUMMARY_LIMIT = 1024 * 1024 - 4096  # GitHub rejects step summaries over 1 MiB


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diag: Diagnostic, repo_path: PathMap = identity) -> str:
    """One workflow command; file= and the message name the same repository path."""
    path = repo_path(diag.path)
    props = [f"file={escape_property(path)}", f"line={diag.line}",
             f"endLine={diag.end_line}"]
    if diag.line == diag.end_line:
        props += [f"col={diag.column}", f"endColumn={max(diag.end_column, diag.column)}"]
    props.append(f"title={escape_property(f'vaultlint {diag.code} ({diag.rule})')}")
    message = f"{path}:{diag.line}:{diag.column}: {diag.code} {diag.message}"
    return f"::{LEVELS[diag.severity]} {','.join(props)}::{escape_data(message)}"


def write(results: list[FileResult], out: IO[str], options: dict) -> None:
    diags = sorted((d for r in results for d in r.diagnostics),
                   key=lambda d: (ORDER[d.severity], d.sort_key()))
    repo_path = options.get("repo_path", identity)
    for diag in diags:
        out.write(annotation(diag, repo_path) + "\n")
    counts = Counter(d.severity for d in diags)
    hidden = sum(max(0, n - GITHUB_SHOWN_PER_LEVEL) for n in counts.values())
    if hidden:
        out.write(f"::notice title=vaultlint::{len(diags)} findings; GitHub shows at most "
                  f"{GITHUB_SHOWN_PER_LEVEL} annotations per level, so {hidden} are only in this "
                  "log and in the job summary.\n")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(step_summary(diags, repo_path))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def step_summary(diags: list[Diagnostic], repo_path: PathMap = identity) -> str:
    """A Markdown table of every finding for the job summary, cut to GitHub's size limit."""
    if not diags:
        return "### vaultlint\n\nNo findings.\n"
    head = f"### vaultlint: {len(diags)} finding(s)\n\n| file | line | rule | message |\n|---|---|---|---|\n"
    parts, size = [head], len(head.encode())
    for i, d in enumerate(diags):
        row = f"| {_cell(repo_path(d.path))} | {d.line} | {d.code} {d.rule} | {_cell(d.message)} |\n"
        size += len(row.encode())
        if size > SUMMARY_LIMIT:
            parts.append(f"\n{len(diags) - i} more finding(s) not shown (summary size limit).\n")
            break
        parts.append(row)
    return "".join(parts)
