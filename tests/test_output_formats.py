"""Golden tests for every output format, on a note whose name holds `:`, `,`, `%`, spaces and
non-ASCII. Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from conftest import run_cli
from vaultlint import rules as registry

GOLDEN = Path(__file__).parent / "golden"
NAME = "Réunions/Q1, budget: 100% done.md"
NOTE = "# Budget\nTotal  \t\n\n\n\nFin"
FORMATS = ["text", "concise", "json", "github", "sarif", "junit"]


@pytest.fixture
def vault(make_vault):
    return make_vault({NAME: NOTE})


def _output(vault: Path, fmt: str, env: dict | None = None) -> str:
    res = run_cli(["--output-format", fmt, "--no-color"], vault, env=env)
    assert res.exit_code == 1
    return res.stdout


def _stable(fmt: str, out: str) -> str:
    """SARIF carries every rule's documentation: the golden file says only that the driver
    lists every registered rule, in order, so editing or adding a rule does not change it (the
    full SARIF is schema-checked below); the machine's folder is left out of %SRCROOT%."""
    if fmt != "sarif":
        return out
    log = json.loads(out)
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [r.code for r in registry.ALL_RULES]
    driver["rules"] = "every registered rule"
    driver["version"] = "VERSION"
    log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///VAULT/"  # a tmp folder
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(vault, fmt):
    out = _stable(fmt, _output(vault, fmt))
    golden = GOLDEN / f"report.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def _unescape(value: str) -> str:
    """The Actions runner's unescaping (ActionCommand.cs)."""
    for code, ch in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        value = value.replace(code, ch)
    return value


def test_github_annotations_parse_back(vault):
    lines = [l for l in _output(vault, "github").splitlines() if l.startswith("::notice")]
    assert len(lines) == 4
    for line in lines:
        m = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        assert _unescape(props["file"]) == NAME
        assert set(props) <= {"file", "line", "endLine", "col", "endColumn", "title"}
        assert _unescape(m.group(3)).startswith(NAME + ":")


def test_github_is_the_default_under_actions(vault, tmp_path):
    summary = tmp_path / "summary.md"
    res = run_cli([], vault, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert res.stdout.startswith("::notice file=R%C3%A9unions".replace("%C3%A9", "é"))  # layout: info
    table = summary.read_text(encoding="utf-8")
    assert "### vaultlint: 4 finding(s)" in table and f"| {NAME} | 2 |" in table


def test_github_escapes_message_newlines_and_percent():
    from vaultlint.output.github_format import escape_data, escape_property

    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a, b: c%") == "a%2C b%3A c%25"


SARIF_NAMES = [NAME, "Projects #1/café 50% off.md", "日記/2024 #tag [draft].md"]


def _sarif_validator() -> jsonschema.Draft4Validator:
    """The OASIS schema with format checking: `uri` and `uri-reference` values must be URIs
    (checked by rfc3986-validator), so a note name written raw into a URI fails."""
    schema = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text())
    checker = jsonschema.FormatChecker()
    assert {"uri", "uri-reference"} <= set(checker.checkers)  # else formats go unchecked
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def test_sarif_is_valid_sarif_2_1_0_with_format_checks(make_vault):
    from urllib.parse import unquote

    vault = make_vault({name: NOTE for name in SARIF_NAMES})
    log = json.loads(_output(vault, "sarif"))
    validator = _sarif_validator()
    validator.validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert {unquote(u) for u in uris} == set(SARIF_NAMES)
    assert all(" " not in u and "#" not in u for u in uris)
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in log["runs"][0]["results"]} <= rules
    # The check has teeth: the same log with raw paths is rejected.
    raw = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    raw["uri"] = SARIF_NAMES[1]
    assert any(e.validator == "format" for e in validator.iter_errors(log))


def test_junit_is_well_formed(vault):
    root = ET.fromstring(_output(vault, "junit"))
    assert root.tag == "testsuites" and root.get("failures") == "4"
    assert root.find("testsuite").get("name") == NAME


def test_output_file(vault, tmp_path):
    target = tmp_path / "out.sarif"
    res = run_cli(["--output-format", "sarif", "-o", str(target)], vault)
    assert res.exit_code == 1 and res.stdout == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"


def test_text_shows_source_caret_and_fix(vault):
    out = _output(vault, "text")
    assert "2 | Total   \n  |      ^^^\n" in out  # tabs shown as spaces so the caret lines up
    assert "  fix:\n  - Total··→\n  + Total\n" in out  # trailing blanks shown as editors do


def test_statistics_counts_per_rule(vault):
    res = run_cli(["--statistics"], vault)
    assert "    1  FMT001  [*] trailing-whitespace" in res.stdout


def test_no_progress_bar_when_piped(make_vault):
    vault = make_vault({f"n{i}.md": "x\n" for i in range(250)})
    res = run_cli([], vault)
    assert "Checking" not in res.stderr and res.exit_code == 0


def test_progress_bar_and_colour_at_a_terminal(make_vault):
    """Run the real console script on a pseudo-terminal, as a person would."""
    import pty
    import subprocess

    vault = make_vault({**{f"n{i}.md": "x\n" for i in range(250)}, "bad.md": "x  \t\n"})
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PRE_COMMIT", "NO_COLOR")}
    leader, follower = pty.openpty()
    proc = subprocess.Popen(["vaultlint", "--no-cache", "-j", "1"], cwd=vault, stdin=follower,
                            stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "Checking" in screen and "251/251" in screen  # the progress bar
    assert "\x1b[" in screen  # colour
    assert proc.returncode == 1
