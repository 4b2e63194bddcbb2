"""`--output-format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.

One run, tool.driver with every rule (id, name, short and full description and help from the
rule's own docs), results with repository-relative, percent-encoded URIs (`uriBaseId`
`%SRCROOT%`, the git work tree holding the vault, given in `originalUriBaseIds`), full regions and a `partialFingerprints`
entry (`vaultlint/v1`) that does not depend on the line number.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from vaultlint import __version__
from vaultlint import rules as registry
from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.engine import FileResult
from vaultlint.output.paths import PathMap, identity

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFO_URI = "https://github.com/vaultlint/vaultlint"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "vaultlint/v1"


def _rule(rule: registry.Rule) -> dict[str, Any]:
    docs = (rule.docs or rule.summary).strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": docs.split("\n\n")[0]},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.code.rstrip("0123456789")], "fixable": rule.fixable},
    }


def sarif_log(results: list[FileResult], repo_path: PathMap = identity,
              repo_root: Path | None = None) -> dict[str, Any]:
    index = {rule.code: i for i, rule in enumerate(registry.ALL_RULES)}
    out: list[dict[str, Any]] = []
    for result in results:
        path = repo_path(result.path)
        lines = result.source.split("\n") if result.source is not None else []  # as vaultlint counts
        seen: Counter[tuple[str, str]] = Counter()
        for d in sorted(result.diagnostics, key=lambda d: d.sort_key()):
            text = _flagged(d, lines)
            seen[(d.code, text)] += 1
            out.append({
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVELS[d.severity],
                "message": {"text": d.message},
                "locations": [_location(d, path)],
                "partialFingerprints": {
                    FINGERPRINT: fingerprint(d.code, path, text, seen[(d.code, text)])},
            })
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "vaultlint", "version": __version__,
                            "informationUri": INFO_URI,
                            "rules": [_rule(r) for r in registry.ALL_RULES]}},
    }
    if repo_root is not None:  # where %SRCROOT% was on the machine that ran vaultlint
        base = repo_root.as_uri()
        run["originalUriBaseIds"] = {SRCROOT: {"uri": base if base.endswith("/") else base + "/"}}
    run["results"] = out
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }


def _location(d: Diagnostic, path: str) -> dict[str, Any]:
    """The note's repository path percent-encoded (spaces, `#`, `%`, non-ASCII) under
    %SRCROOT%, and the finding's region (never empty: SARIF viewers need one character)."""
    end_column = max(d.end_column, d.column + 1 if d.line == d.end_line else 1)
    return {"physicalLocation": {
        "artifactLocation": {"uri": quote(path), "uriBaseId": SRCROOT},
        "region": {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line,
                   "endColumn": end_column},
    }}


def _flagged(d: Diagnostic, lines: list[str]) -> str:
    """The text the finding points at (its whole line when the range is empty), whitespace
    trimmed: what the fingerprint is made of instead of the line number."""
    if not 1 <= d.line <= len(lines):
        return ""
    if d.line == d.end_line:
        text = lines[d.line - 1][d.column - 1 : d.end_column - 1]
    else:
        last = min(d.end_line, len(lines))
        text = "\n".join([lines[d.line - 1][d.column - 1 :], *lines[d.line : last - 1],
                          lines[last - 1][: d.end_column - 1] if last > d.line else ""])
    return text.strip() or lines[d.line - 1].strip()


def fingerprint(code: str, path: str, text: str, occurrence: int) -> str:
    """Stable across commits while the finding stays: rule, repository path, flagged text and
    which occurrence of that text it is in the note, never the line number (lines move when
    text is added above). GitHub code scanning matches alerts between runs by it."""
    key = "\0".join((code, path, text, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def write(results: list[FileResult], out: IO[str], options: dict) -> None:
    log = sarif_log(results, options.get("repo_path", identity), options.get("repo_root"))
    json.dump(log, out, indent=2, ensure_ascii=False)
    out.write("\n")
