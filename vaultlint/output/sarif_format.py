"""`--output-format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.

One run, tool.driver with every rule (id, name, short and full description and help from the
rule's own docs), results with repo-relative URIs (`%SRCROOT%`) and full regions.
"""

from __future__ import annotations

import json
from typing import IO, Any

from vaultlint import __version__
from vaultlint import rules as registry
from vaultlint.diagnostics import Severity
from vaultlint.engine import FileResult

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFO_URI = "https://github.com/vaultlint/vaultlint"


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


def sarif_log(results: list[FileResult], prefix: str = "") -> dict[str, Any]:
    index = {rule.code: i for i, rule in enumerate(registry.ALL_RULES)}
    out: list[dict[str, Any]] = []
    for result in results:
        for d in result.diagnostics:
            out.append({
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVELS[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": prefix + d.path, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": d.line, "startColumn": d.column,
                               "endLine": d.end_line,
                               "endColumn": max(d.end_column, d.column + 1 if d.line == d.end_line else 1)},
                }}],
            })
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "vaultlint", "version": __version__,
                                "informationUri": INFO_URI,
                                "rules": [_rule(r) for r in registry.ALL_RULES]}},
            "results": out,
        }],
    }


def write(results: list[FileResult], out: IO[str], options: dict) -> None:
    json.dump(sarif_log(results, options.get("path_prefix", "")), out, indent=2, ensure_ascii=False)
    out.write("\n")
