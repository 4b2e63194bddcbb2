"""`--output-format junit`: JUnit XML for CI systems that show test reports.

One testsuite per note with findings, one failing testcase per finding (ruff's shape); a note
with no findings is one passing testcase so the report counts what was checked.
"""

from __future__ import annotations

from typing import IO

from vaultlint.engine import FileResult
from vaultlint.output.paths import identity


def write(results: list[FileResult], out: IO[str], options: dict) -> None:
    from xml.etree import ElementTree as ET  # only this format needs it

    total = sum(max(1, len(r.diagnostics)) for r in results)
    failures = sum(len(r.diagnostics) for r in results)
    show = options.get("display_path", identity)
    suites = ET.Element("testsuites", name="vaultlint", tests=str(total), failures=str(failures))
    for result in results:
        path = show(result.path)
        suite = ET.SubElement(suites, "testsuite", name=path,
                              tests=str(max(1, len(result.diagnostics))),
                              failures=str(len(result.diagnostics)))
        if not result.diagnostics:
            ET.SubElement(suite, "testcase", name="vaultlint", classname=path)
        for d in result.diagnostics:
            case = ET.SubElement(suite, "testcase", name=f"vaultlint.{d.code}",
                                 classname=path, file=path, line=str(d.line))
            failure = ET.SubElement(case, "failure", message=d.message, type=d.severity.value)
            failure.text = f"{path}:{d.line}:{d.column}: {d.code} ({d.rule}) {d.message}"
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode"))
    out.write("\n")
