"""Outputs fit their ecosystem (issue 14, part 4): paths from the current folder in every format
(repository paths for GitHub and SARIF), SARIF fingerprints that survive lines moving,
--show-fixes, what --diff says on stderr, --statistics as JSON, FORCE_COLOR/NO_COLOR, a note
read from standard input, and runs that find no note or are given a file that is not one."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import run_cli, run_subprocess, write_vault

DIRTY = "# Title\ntext  \t\nsee [[Nowhere]]\n"  # FMT004 (safe), FMT001 (safe), LNK001
HEADING_SKIP = "# A\n\n### C\n"  # FMT005: only an unsafe fix


def _env(**extra: str) -> dict[str, str]:
    """The test's environment without what would change colour or the default format."""
    drop = {"NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "CI", "VAULTLINT_OUTPUT_FORMAT"}
    return {**{k: v for k, v in os.environ.items() if k not in drop}, **extra}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose vault is the folder `notes/`, with a note in a sub-folder."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    write_vault(root / "notes", {"sub/a note.md": DIRTY, "top.md": "clean\n"})
    return root


# --- 1. paths from the current folder ------------------------------------------------------


@pytest.mark.parametrize("where, shown", [
    ("notes", "sub/a note.md"),             # at the vault root: vault paths
    ("notes/sub", "a note.md"),             # inside the note's folder
    ("notes/other", "../sub/a note.md"),    # beside it
    ("", "notes/sub/a note.md"),            # above the vault
])
def test_every_format_shows_paths_from_the_current_folder(repo, where, shown):
    cwd = repo / where
    cwd.mkdir(exist_ok=True)
    target = [] if where.startswith("notes") else ["notes"]
    concise = run_cli(["--output-format", "concise", *target], cwd).stdout
    assert {line.split(":")[0] for line in concise.splitlines()} == {shown}
    text = run_cli(["--no-color", *target], cwd).stdout
    assert re.search(rf"^{re.escape(shown)}:3:\d+: LNK001", text, re.M)
    data = run_cli(["--output-format", "json", *target], cwd).json()
    assert {d["path"] for d in data} == {shown}
    junit = run_cli(["--output-format", "junit", *target], cwd).stdout
    assert f'file="{shown}"' in junit and f'name="{shown}"' in junit
    diff = run_cli(["--diff", *target], cwd).stdout
    assert f"--- a/{shown}\n+++ b/{shown}\n" in diff


_SEGMENT = st.text(alphabet="ab é#%:,-", min_size=1, max_size=6).filter(
    lambda s: s.strip(" ") == s and s not in (".", ".."))


@settings(max_examples=60, deadline=None)
@given(root=st.lists(_SEGMENT, max_size=3), note=st.lists(_SEGMENT, min_size=1, max_size=3),
       cwd=st.lists(st.sampled_from(["..", "x", "a"]), max_size=4))
def test_a_shown_path_leads_from_the_current_folder_to_the_note(root, note, cwd):
    """Whatever the current folder (inside, above, beside the vault), joining it with the shown
    path names the note, and the shown path has no `./` or backslash."""
    from vaultlint.output.paths import relative_to_cwd

    vault = Path("/v", *root)
    here = Path(os.path.normpath(Path("/v", *cwd)))
    shown = relative_to_cwd(vault, here)("/".join(note))
    assert os.path.normpath(here / shown) == str(vault.joinpath(*note))
    assert not shown.startswith("./") and "\\" not in shown


def test_the_summary_lists_unsafe_fixes_with_paths_from_the_current_folder(repo):
    (repo / "notes" / "sub" / "h.md").write_text(HEADING_SKIP)
    res = run_cli(["--fix", "--unsafe-fixes", "--no-color"], repo / "notes" / "sub")
    assert "Unsafe fixes applied (1):\n  h.md:3:1: FMT005" in res.stderr


def test_github_and_sarif_use_repository_paths_wherever_vaultlint_runs(repo, tmp_path):
    cwd = repo / "notes" / "sub"
    summary = tmp_path / "summary.md"
    github = run_cli(["--output-format", "github"], cwd,
                     env={"GITHUB_STEP_SUMMARY": str(summary)}).stdout
    assert "| notes/sub/a note.md | 3 | LNK001" in summary.read_text()
    for line in github.splitlines():
        m = re.fullmatch(r"::(\w+) file=([^,]*),[^:]*::(.*)", line)
        assert m, line
        assert m.group(2) == "notes/sub/a note.md"
        assert m.group(3).startswith("notes/sub/a note.md:")  # the message agrees with file=
    log = json.loads(run_cli(["--output-format", "sarif"], cwd).stdout)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": "notes/sub/a%20note.md", "uriBaseId": "%SRCROOT%"}


# --- 2. SARIF fingerprints ----------------------------------------------------------------


def _fingerprints(vault: Path) -> list[tuple[int, str, str]]:
    log = json.loads(run_cli(["--output-format", "sarif", "--select", "LNK001"], vault).stdout)
    return [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["message"]["text"], r["partialFingerprints"]["vaultlint/v1"])
            for r in log["runs"][0]["results"]]


def test_a_finding_keeps_its_fingerprint_when_lines_are_added_above(make_vault):
    vault = make_vault({"n.md": "see [[Nowhere]]\nand [[Elsewhere]]\nagain [[Nowhere]]\n"})
    before = _fingerprints(vault)
    assert [line for line, _, _ in before] == [1, 2, 3]
    assert len({fp for _, _, fp in before}) == 3  # another link, or the same one twice: distinct
    (vault / "n.md").write_text("# New heading\n\nintro\n\n" + (vault / "n.md").read_text())
    after = _fingerprints(vault)
    assert [line for line, _, _ in after] == [5, 6, 7]  # the findings moved...
    assert [fp for _, _, fp in after] == [fp for _, _, fp in before]  # ...and are still known


# --- 3. --show-fixes ----------------------------------------------------------------------


def test_show_fixes_lists_each_fix_per_note_after_the_diagnostics(make_vault):
    vault = make_vault({"a.md": DIRTY, "b.md": "clean\n"})
    res = run_cli(["--fix", "--show-fixes", "--no-color"], vault)
    assert res.exit_code == 1  # the broken link is left
    report, fixes = res.stdout.split("Fixed 2 problem(s):\n")
    assert "LNK001" in report
    assert fixes == ("a.md:\n"
                     "  1:1 FMT004 heading needs a blank line below it (heading-blank-lines)\n"
                     "  2:5 FMT001 trailing whitespace (trailing-whitespace)\n")
    plain = run_cli(["--fix"], make_vault({"a.md": DIRTY}, name="v2"))
    assert "Fixed 2 problem(s):" not in plain.stdout


# --- 4. --diff on stderr ------------------------------------------------------------------


def test_diff_says_when_only_unsafe_fixes_remain(make_vault):
    vault = make_vault({"h.md": HEADING_SKIP})
    res = run_cli(["--diff"], vault)
    assert res.exit_code == 0 and res.stdout == ""
    assert "No safe fixes to apply (1 fix(es) available with `--unsafe-fixes`)." in res.stderr


def test_diff_says_how_much_it_would_fix(make_vault):
    vault = make_vault({"a.md": "x  \t\n", "b.md": "y \n", "h.md": HEADING_SKIP})
    res = run_cli(["--diff"], vault)
    assert res.exit_code == 1 and "+++ b/a.md" in res.stdout
    assert ("Would fix 2 problem(s) in 2 note(s) (1 fix(es) available with `--unsafe-fixes`)."
            in res.stderr)
    assert "Would fix 3 problem(s) in 3 note(s)." in run_cli(["--diff", "--unsafe-fixes"],
                                                             vault).stderr


# --- 5. --statistics as JSON --------------------------------------------------------------


def test_statistics_honour_output_format_json(make_vault):
    vault = make_vault({"a.md": DIRTY, "b.md": "text  \t\n", "h.md": HEADING_SKIP})
    rows = run_cli(["--statistics", "--output-format", "json"], vault).json()
    assert rows == [
        {"code": "LNK001", "name": "broken-wikilink", "count": 1, "fixable": False,
         "severity": "error"},
        {"code": "FMT001", "name": "trailing-whitespace", "count": 2, "fixable": True,
         "severity": "info"},
        {"code": "FMT004", "name": "heading-blank-lines", "count": 1, "fixable": True,
         "severity": "info"},
        {"code": "FMT005", "name": "heading-increment", "count": 1, "fixable": False,
         "severity": "info"},
    ]
    unsafe = run_cli(["--statistics", "--output-format", "json", "--unsafe-fixes"], vault).json()
    assert next(r for r in unsafe if r["code"] == "FMT005")["fixable"] is True
    text = run_cli(["--statistics"], vault).stdout
    assert "    2  FMT001  [*] trailing-whitespace" in text  # text stays a table


# --- 6. colour from the environment -------------------------------------------------------


@pytest.mark.parametrize("env, flags, coloured", [
    ({}, [], False),                                   # piped: plain
    ({"FORCE_COLOR": "1"}, [], True),
    ({"FORCE_COLOR": "yes"}, [], True),                # any non-empty value
    ({"FORCE_COLOR": ""}, [], False),
    ({"FORCE_COLOR": "1"}, ["--no-color"], False),     # the flag wins
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, [], False),  # NO_COLOR first, as CPython does
    ({"NO_COLOR": "1"}, ["--color"], True),
])
def test_force_color_and_no_color(make_vault, env, flags, coloured):
    vault = make_vault({"a.md": DIRTY})
    proc = run_subprocess(["--no-cache", *flags], vault, env=_env(**env))
    assert proc.returncode == 1 and "LNK001" in proc.stdout
    assert ("\x1b[" in proc.stdout) is coloured


def test_force_color_never_colours_an_output_file(make_vault, tmp_path):
    vault = make_vault({"a.md": DIRTY})
    target = tmp_path / "report.txt"
    run_subprocess(["--no-cache", "-o", str(target)], vault, env=_env(FORCE_COLOR="1"))
    assert "LNK001" in target.read_text() and "\x1b[" not in target.read_text()


# --- 7. a note from standard input --------------------------------------------------------


def _stdin(vault: Path, data: bytes, *args: str, cwd: Path | None = None):
    return subprocess.run(["vaultlint", "--no-cache", "--no-color", *args], cwd=cwd or vault,
                          input=data, capture_output=True, timeout=120, env=_env())


def test_stdin_note_is_checked_at_its_vault_path(make_vault):
    vault = make_vault({"Other.md": "# Part\n", "sub/n.md": "old\n"})
    note = b"see [[Other#Part]] and [[Gone]]\n"
    proc = _stdin(vault, note, "--output-format", "concise", "-", "--stdin-filename", "sub/n.md")
    assert proc.returncode == 1
    lines = proc.stdout.decode().splitlines()
    assert lines == ["sub/n.md:1:26: LNK001 unresolved link [[Gone]]: no file 'Gone.md' in the "
                     "vault (broken-wikilink)"]  # [[Other#Part]] resolved against the vault
    clean = _stdin(vault, b"see [[Other]]\n", "-", "--stdin-filename", "sub/n.md")
    assert clean.returncode == 0 and clean.stdout == b""
    from_sub = _stdin(vault, note, "--output-format", "json", "-", "--stdin-filename", "n.md",
                      cwd=vault / "sub")
    assert [d["path"] for d in json.loads(from_sub.stdout)] == ["n.md"]  # from the current folder


def test_stdin_fix_writes_the_fixed_note_to_stdout_and_nothing_on_disk(make_vault):
    vault = make_vault({"n.md": "on disk\n"})
    data = b"\xef\xbb\xbf# T\r\ntext  \t\r\n\r\n\r\n\r\nsee [[Gone]]"
    proc = _stdin(vault, data, "--fix", "-", "--stdin-filename", "n.md")
    assert proc.stdout == b"\xef\xbb\xbf# T\r\n\r\ntext\r\n\r\nsee [[Gone]]\r\n"  # BOM, CRLF kept
    assert b"n.md:5:7: LNK001" in proc.stderr  # the findings left go to stderr
    assert proc.returncode == 1
    assert (vault / "n.md").read_text() == "on disk\n"
    clean = _stdin(vault, b"fine\n", "--fix", "-", "--stdin-filename", "n.md")
    assert clean.returncode == 0 and clean.stdout == b"fine\n"


def test_stdin_needs_to_be_the_only_path(make_vault):
    vault = make_vault({"n.md": "x\n"})
    assert _stdin(vault, b"x\n", "-", "n.md").returncode == 2
    assert _stdin(vault, b"x\n", "n.md", "--stdin-filename", "n.md").returncode == 2
    refused = _stdin(vault, b"x  \n", "--fix-only", "-")  # it would print no note at all
    assert refused.returncode == 2 and refused.stdout == b""


# --- 8. no notes, and paths that are not notes --------------------------------------------


def test_no_notes_found_is_a_warning_not_all_checks_passed(make_vault):
    vault = make_vault({"image.png": b"\x89PNG", "notes.txt": "x\n"})
    res = run_cli([], vault)
    assert res.exit_code == 0
    assert res.stderr == "vaultlint: warning: no notes found in .\n"
    (vault / "empty").mkdir()
    res = run_cli(["empty"], vault)
    assert res.exit_code == 0 and res.stderr == "vaultlint: warning: no notes found in empty\n"


def test_a_path_that_is_not_a_note_is_said_to_be_skipped(make_vault):
    vault = make_vault({"a.md": "x  \t\n", "image.png": b"\x89PNG", "notes.txt": "x\n",
                        "Templates/t.md": "x  \t\n",
                        ".vaultlint.toml": 'exclude = ["Templates/**"]\n'})
    res = run_cli(["--output-format", "concise", "a.md", "image.png", "notes.txt",
                   "Templates/t.md"], vault)
    assert res.exit_code == 1 and res.stdout.startswith("a.md:1:2: FMT001")
    assert "vaultlint: warning: image.png: not a note, skipped\n" in res.stderr
    assert "vaultlint: warning: notes.txt: not a note, skipped\n" in res.stderr
    assert ("vaultlint: warning: Templates/t.md: excluded by the configuration, skipped\n"
            in res.stderr)
    only = run_cli(["image.png"], vault)
    assert only.exit_code == 0 and "All checks passed" not in only.stderr
    assert "no notes found in image.png" in only.stderr
    under_pre_commit = run_cli(["a.md", "Templates/t.md"], vault, env={"PRE_COMMIT": "1"})
    assert "Templates/t.md" not in under_pre_commit.stderr  # pre-commit passes excluded files
