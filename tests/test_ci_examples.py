"""The README's pre-commit and GitHub Actions snippets are the files tested here, verbatim."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from test_precommit import _env, _git, _vault_repo

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "docs" / "examples"
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["pre-commit-config.yaml", "github-workflow.yml"])
def test_readme_shows_the_tested_file_verbatim(name):
    assert "```yaml\n" + (EXAMPLES / name).read_text(encoding="utf-8") + "```" in README


@pytest.mark.parametrize("schema,path", [
    ("vendor.github-workflows", EXAMPLES / "github-workflow.yml"),
    ("vendor.github-actions", REPO / "action.yml"),
])
def test_workflow_and_action_match_githubs_schemas(schema, path):
    proc = subprocess.run(["check-jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflow_vaultlint_step_runs(tmp_path):
    """The workflow's action step, with its `with:` inputs, run as test_action runs the action."""
    from test_action import run_step

    workflow = yaml.safe_load((EXAMPLES / "github-workflow.yml").read_text())
    steps = workflow["jobs"]["vaultlint"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # changed-only needs the base branch's history
    action = next(s for s in steps if s.get("uses", "").startswith("vaultlint/vaultlint@"))
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/"))
    workspace = tmp_path / "repo"
    (workspace / ".obsidian").mkdir(parents=True)
    (workspace / "Notes").mkdir()
    (workspace / "Notes" / "a, b: c.md").write_text("# A\ntext  \t\n")
    subprocess.run(["git", "init", "-q"], cwd=workspace, check=True)
    proc, outputs = run_step("Run vaultlint", workspace, action["with"], base_ref="")
    assert proc.returncode == 1, proc.stderr
    assert "::notice file=Notes/a%2C b%3A c.md,line=2" in proc.stdout  # layout: info
    assert "| Notes/a, b: c.md | 2 |" in (tmp_path / "summary.md").read_text()
    assert outputs["sarif-file"] == upload["with"]["sarif_file"]
    assert json.loads((workspace / "vaultlint.sarif").read_text())["version"] == "2.1.0"


def _head() -> str | None:
    proc = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else None


@pytest.mark.slow
def test_readme_pre_commit_config_runs(tmp_path):
    """The README's config, with only `repo` and `rev` pointed at this checkout's HEAD."""
    head = _head()
    if head is None:
        pytest.skip("not a git checkout")
    env = _env(tmp_path)
    repo = _vault_repo(tmp_path, env, {"Note.md": "# Note\nText.  \t\n[[Target]]\n\n\n",
                                       "Target.md": "# Target\n"})
    config = yaml.safe_load((EXAMPLES / "pre-commit-config.yaml").read_text())
    config["repos"][0].update(repo=str(REPO), rev=head)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    _git(repo, "add", "-A", env=env)
    first = subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, env=env,
                           capture_output=True, text=True, timeout=900)
    assert first.returncode == 1 and "files were modified by this hook" in first.stdout
    assert (repo / "Note.md").read_text() == "# Note\n\nText.\n[[Target]]\n"
    _git(repo, "add", "-A", env=env)
    second = subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=900)
    assert second.returncode == 0, second.stdout
    def vault_hook() -> subprocess.CompletedProcess:
        return subprocess.run(["pre-commit", "run", "vaultlint-vault", "--hook-stage", "manual"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    assert vault_hook().returncode == 0
    # Deleting a note that another note links to: no file is passed for a deletion, yet the
    # commit-time hook (--staged, always_run) reports the link it broke; so does the vault hook.
    _git(repo, "commit", "-qm", "notes", env=env)
    _git(repo, "rm", "-q", "Target.md", env=env)
    per_commit = subprocess.run(["pre-commit", "run"], cwd=repo, env=env, capture_output=True,
                                text=True, timeout=900)
    assert per_commit.returncode == 1 and "Note.md:4:3: LNK001" in per_commit.stdout, \
        per_commit.stdout
    broken = vault_hook()
    assert broken.returncode == 1 and "Note.md:4:3: LNK001" in broken.stdout, broken.stdout
