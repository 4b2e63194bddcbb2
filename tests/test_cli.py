"""The command line, end to end on real vaults: exit codes, selection, formats, config errors."""

from __future__ import annotations

import json
import os
import subprocess

from conftest import run_cli, run_subprocess, write_vault

CLEAN = "# Title\n\nSome text.\n"
DIRTY = "# Title\nSome text.   \n\n\n\nMore.\n\n\n"


def test_clean_vault_exits_0(make_vault):
    vault = make_vault({"a.md": CLEAN})
    res = run_cli([], vault)
    assert res.exit_code == 0
    assert "All checks passed" in res.stderr


def test_findings_exit_1_and_fix_exits_0(make_vault):
    vault = make_vault({"a.md": DIRTY})
    res = run_cli(["check"], vault)
    assert res.exit_code == 1
    assert "a.md:2:11: FMT001 [*] trailing whitespace (trailing-whitespace)" in res.stdout
    fixed = run_cli(["--fix"], vault)
    assert fixed.exit_code == 0, fixed.stdout
    assert (vault / "a.md").read_text() == "# Title\n\nSome text.\n\nMore.\n"
    assert run_cli([], vault).exit_code == 0


def test_diff_writes_nothing(make_vault):
    vault = make_vault({"a.md": DIRTY})
    res = run_cli(["--diff"], vault)
    assert res.exit_code == 1
    assert "-Some text.   \n" in res.stdout and "+Some text.\n" in res.stdout
    assert (vault / "a.md").read_text() == DIRTY


def test_diff_is_a_patch_that_applies(make_vault):
    """A last line without its line break is marked as diff marks it: `git apply` takes the
    output and gets what --fix writes, for several notes in one diff."""
    notes = {"a.md": "# A\ntext   \nend", "b.md": "# B\n\n\n\nend   "}
    vault = make_vault(notes)
    patch = run_cli(["--diff", "--select", "trailing-whitespace,consecutive-blank-lines"],
                    vault).stdout
    assert patch.count("\\ No newline at end of file\n") == 3  # a.md's last line is context
    subprocess.run(["git", "apply", "-p1"], input=patch, text=True, cwd=vault, check=True)
    assert (vault / "a.md").read_text() == "# A\ntext  \nend"  # a hard break stays
    assert (vault / "b.md").read_text() == "# B\n\nend"


def test_select_ignore_and_exit_zero(make_vault):
    vault = make_vault({"a.md": DIRTY})
    only = run_cli(["--select", "final-newline", "--output-format", "json"], vault).json()
    assert {d["rule"] for d in only} == {"final-newline"}
    by_prefix = run_cli(["--select", "FMT00", "--ignore", "FMT001,FMT003",
                         "--output-format", "json"], vault).json()
    assert {d["code"] for d in by_prefix} == {"FMT002", "FMT004"}
    assert run_cli(["--exit-zero"], vault).exit_code == 0


def test_json_shape_is_stable(make_vault):
    vault = make_vault({"notes/a.md": "text  \t\n"})
    [diag] = run_cli(["--output-format", "json"], vault).json()
    assert diag == {
        "path": "notes/a.md", "line": 1, "column": 5, "end_line": 1, "end_column": 8,
        "code": "FMT001", "rule": "trailing-whitespace", "severity": "info",
        "message": "trailing whitespace",
        "fix": {"applicability": "safe", "edits": [
            {"start": {"line": 1, "column": 5}, "end": {"line": 1, "column": 8}, "content": ""}]},
    }


def test_statistics(make_vault):
    vault = make_vault({"a.md": DIRTY, "b.md": "x  \t\n"})
    res = run_cli(["--statistics"], vault)
    assert "    2  FMT001  [*] trailing-whitespace" in res.stdout


def test_unknown_rule_is_usage_error(make_vault):
    vault = make_vault({"a.md": CLEAN})
    res = run_cli(["--select", "no-such-rule"], vault)
    assert res.exit_code == 2
    assert "unknown rule" in res.stderr


def test_rule_command(make_vault):
    vault = make_vault({"a.md": CLEAN})
    listing = run_cli(["rule"], vault)
    assert "FMT001   trailing-whitespace" in listing.stdout
    one = run_cli(["rule", "final-newline"], vault)
    assert one.exit_code == 0 and "# final-newline (FMT003)" in one.stdout
    assert run_cli(["rule", "nope"], vault).exit_code == 2


def test_paths_limit_the_report(make_vault):
    vault = make_vault({"a.md": DIRTY, "sub/b.md": DIRTY, "sub/c.md": DIRTY})
    paths = {d["path"] for d in run_cli(["sub", "--output-format", "json"], vault).json()}
    assert paths == {"sub/b.md", "sub/c.md"}
    paths = {d["path"] for d in run_cli(["sub/c.md", "--output-format", "json"], vault).json()}
    assert paths == {"sub/c.md"}
    assert run_cli(["missing.md"], vault).exit_code == 2


def test_vault_root_is_found_from_a_subfolder(make_vault):
    vault = make_vault({"a.md": DIRTY, "sub/b.md": CLEAN})
    res = run_cli(["--output-format", "json"], vault / "sub")
    assert {d["path"] for d in res.json()} == {"../a.md"}  # paths are from the current folder


def test_hidden_and_gitignored_files_are_skipped(make_vault):
    vault = make_vault({"a.md": CLEAN, ".trash/old.md": DIRTY, "private/x.md": DIRTY,
                        ".gitignore": "private/\n"})
    subprocess.run(["git", "init", "-q"], cwd=vault, check=True)
    assert run_cli([], vault).exit_code == 0


def test_bad_config_is_exit_2(make_vault):
    vault = make_vault({"a.md": CLEAN, ".vaultlint.toml": "selcet = ['FMT']\n"})
    res = run_cli([], vault)
    assert res.exit_code == 2
    assert "unknown key(s): selcet" in res.stderr
    (vault / ".vaultlint.toml").write_text("[rules.consecutive-blank-lines]\nmaximum = 'two'\n")
    res = run_cli([], vault)
    assert res.exit_code == 2 and "rules.consecutive-blank-lines.maximum" in res.stderr
    (vault / ".vaultlint.toml").write_text("select = [\n")
    assert run_cli([], vault).exit_code == 2


def test_config_options_and_per_file_ignores(make_vault):
    vault = make_vault({
        "a.md": "a\n\n\nb\n", "Templates/t.md": "a\n\n\nb\n",
        "vaultlint.toml": "[rules.consecutive-blank-lines]\nmaximum = 2\n",
    })
    assert run_cli([], vault).exit_code == 0
    (vault / "vaultlint.toml").write_text('[per-file-ignores]\n"Templates/**" = ["FMT002"]\n')
    res = run_cli(["--output-format", "json"], vault).json()
    assert [d["path"] for d in res] == ["a.md"]


def test_pyproject_config(make_vault):
    vault = make_vault({"a.md": "x  \t\n", "pyproject.toml": '[tool.vaultlint]\nignore = ["FMT001"]\n'})
    assert run_cli([], vault).exit_code == 0


def test_severity_override(make_vault):
    vault = make_vault({"a.md": "x\n\n\ny\n",
                        ".vaultlint.toml": '[rules.consecutive-blank-lines]\nseverity = "error"\n'})
    [diag] = run_cli(["--output-format", "json"], vault).json()
    assert diag["severity"] == "error"


def test_console_script_runs_for_real(make_vault):
    vault = make_vault({"a.md": DIRTY})
    proc = run_subprocess(["check", "--output-format", "json"], vault)
    assert proc.returncode == 1
    assert {d["code"] for d in json.loads(proc.stdout)} >= {"FMT001", "FMT002", "FMT003"}
    assert "Traceback" not in proc.stderr


def test_changed_since_reports_only_changed_notes(make_vault):
    vault = make_vault({"old.md": DIRTY, "keep.md": DIRTY})
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e.invalid", "PATH": os.environ["PATH"]}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", *args], cwd=vault, check=True, env=env)
    (vault / "old.md").write_text(DIRTY + "edited  \n")
    (vault / "new.md").write_text(DIRTY)
    res = run_cli(["--changed-since", "HEAD", "--output-format", "json"], vault)
    assert {d["path"] for d in res.json()} == {"old.md", "new.md"}
    bad = run_cli(["--changed-since", "no-such-ref"], vault)
    assert bad.exit_code == 2 and "--changed-since no-such-ref" in bad.stderr


def test_init_writes_a_valid_starter_config(make_vault):
    vault = make_vault({"a.md": CLEAN})
    assert run_cli(["init"], vault).exit_code == 0
    assert (vault / ".vaultlint.toml").exists()
    assert run_cli([], vault).exit_code == 0  # the starter config validates
    assert run_cli(["init"], vault).exit_code == 2  # never overwrites without --force
    assert run_cli(["init", "--force"], vault).exit_code == 0


def test_every_commented_option_of_the_starter_config_parses_to_its_default():
    """Uncommenting a rule's option line gives valid TOML holding the default it shows (the
    option values hold quotes and backslashes: `starting-word-ignore-characters`)."""
    import tomllib

    from vaultlint import rules as registry
    from vaultlint.init import starter_config

    rule = None
    for line in starter_config().splitlines():
        if line.startswith("# [rules."):
            rule = registry.get(line.split("]")[0][len("# [rules."):])
        elif rule is not None and " = " in line and not line.startswith("# severity"):
            key, value = tomllib.loads(line[2:]).popitem()
            assert value == rule.options[key], (rule.name, key)


def test_internal_error_is_exit_2_without_traceback(make_vault):
    vault = make_vault({"a.md": CLEAN})
    proc = run_subprocess(["check", "--output-file", str(vault / "missing-dir" / "out.json")], vault)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "vaultlint:" in proc.stderr


def test_results_do_not_depend_on_how_the_file_list_is_split(make_vault):
    """pre-commit may call a hook several times with slices of the files: same findings."""
    files = {f"n{i}.md": f"# N{i}\nLink: https://example.com/page{i % 3}\n\ntext  \n" for i in range(9)}
    vault = make_vault(files)
    names = sorted(files)
    whole = run_cli(["--output-format", "json", *names], vault).json()
    sliced = []
    for part in (names[:2], names[2:5], names[5:]):
        sliced += run_cli(["--output-format", "json", "--no-cache", *part], vault).json()
    assert sorted(whole, key=str) == sorted(sliced, key=str)
    assert {d["code"] for d in whole} >= {"DUP001", "FMT001"}


def test_init_infers_a_frontmatter_schema_the_vault_satisfies(make_vault):
    vault = make_vault({
        "a.md": "---\ntype: Content\nread_priority: 1\nlink: https://e.com/a\n---\n# A\n",
        "b.md": "---\ntype: Person\nread_priority: 3\nlink: https://e.com/b\n---\n# B\n",
    })
    assert run_cli(["init"], vault).exit_code == 0
    schema = json.loads((vault / ".vaultlint" / "frontmatter.schema.json").read_text())
    assert schema["properties"]["read_priority"]["type"] == "integer"
    assert '[[frontmatter.schemas]]\nschema = ".vaultlint/frontmatter.schema.json"' in \
        (vault / ".vaultlint.toml").read_text()
    assert run_cli([], vault).exit_code == 0
    (vault / "c.md").write_text("---\ntype: Content\nread_priority: high\nlink: https://e.com/c\n---\n# C\n")
    res = run_cli(["--output-format", "json"], vault)
    assert [(d["path"], d["rule"], d["line"]) for d in res.json()] == [
        ("c.md", "frontmatter-schema", 3)]


def test_vault_in_a_folder_the_repo_ignores_is_still_checked(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / ".gitignore").write_text("demo-vault/\n")
    vault = write_vault(repo / "demo-vault", {"a.md": "x  \t\n"})
    res = run_cli(["--output-format", "json", "demo-vault"], repo)
    assert [d["path"] for d in res.json()] == ["demo-vault/a.md"]  # from the current folder


def test_a_reader_that_stops_early_ends_the_run_quietly(make_vault):
    vault = make_vault({f"n{i}.md": "text  \n\n\n\nmore\n" * 40 for i in range(60)})
    proc = subprocess.Popen(["vaultlint", "--no-cache"], cwd=vault, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().startswith(b"=== info: ")
    proc.stdout.close()  # like `vaultlint | head -1`
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and b"error" not in err, err


def test_the_console_script_exits_with_the_run_result(make_vault):
    vault = make_vault({"a.md": "clean\n", "b.md": "dirty  \n"})
    assert run_subprocess(["a.md"], vault).returncode == 0
    done = run_subprocess(["b.md", "--output-format", "json"], vault)
    assert done.returncode == 1 and json.loads(done.stdout)[0]["code"] == "FMT001"
    assert run_subprocess(["--select", "NOPE"], vault).returncode == 2
