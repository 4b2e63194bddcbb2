"""`--output-format json`: a stable array of diagnostic objects (documented in the README).

Each object: path (from the current folder), line, column, end_line, end_column (1-based, end exclusive), code, rule,
severity, message, fix (null or {applicability, edits: [{start: {line, column}, end: {line,
column}, content}]}). Sorted by path, line, column, code.
"""

from __future__ import annotations

import bisect
import json
from typing import IO, Any

from vaultlint.diagnostics import Diagnostic
from vaultlint.engine import FileResult
from vaultlint.output.paths import PathMap, identity
from vaultlint.output.text_format import per_rule


def _locator(source: str | None):
    if source is None:
        return lambda offset: {"line": 1, "column": offset + 1}
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]

    def locate(offset: int) -> dict[str, int]:
        line = bisect.bisect_right(starts, offset) - 1
        return {"line": line + 1, "column": offset - starts[line] + 1}

    return locate


def diagnostic_objects(results: list[FileResult],
                       show: PathMap = identity) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for result in results:
        locate = _locator(result.source)
        for diag in result.diagnostics:
            obj = diag.to_json()
            obj["path"] = show(diag.path)
            if diag.fix is not None:
                obj["fix"]["edits"] = [
                    {"start": locate(e.start), "end": locate(e.end), "content": e.content}
                    for e in diag.fix.edits
                ]
            items.append(obj)
    items.sort(key=lambda o: (o["path"], o["line"], o["column"], o["code"], o["message"]))
    return items


def write(results: list[FileResult], out: IO[str], options: dict) -> None:
    items = diagnostic_objects(results, options.get("display_path", identity))
    json.dump(items, out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_statistics(diags: list[Diagnostic], out: IO[str], unsafe_fixes: bool = False) -> None:
    """`--statistics --output-format json`: ruff's shape, one object per rule in the text
    table's order. `fixable`: some finding has a fix this run's --fix would apply (a safe one,
    or an unsafe one with --unsafe-fixes)."""
    applied = {"safe", "unsafe"} if unsafe_fixes else {"safe"}
    rows = [{"code": code, "name": name, "count": len(found),
             "fixable": any(d.fix is not None and d.fix.applicability.value in applied
                            for d in found),
             "severity": worst.value}
            for code, name, found, worst in per_rule(diags)]
    json.dump(rows, out, indent=2, ensure_ascii=False)
    out.write("\n")
