"""The pre-commit hooks, for real: a git repo holding a vault, `pre-commit try-repo` against
this repository (it builds vaultlint into a fresh virtualenv, so these tests are slow)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "vaultlint tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "vaultlint tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GITHUB_"))}
    env.update(GIT_ENV, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    return env


def _git(cwd: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, env=env, capture_output=True)


def _vault_repo(tmp_path: Path, env: dict[str, str], files: dict[str, str]) -> Path:
    repo = tmp_path / "notes"
    (repo / ".obsidian").mkdir(parents=True)
    (repo / ".obsidian" / "app.json").write_text("{}\n")
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "init", "-q", env=env)
    _git(repo, "add", "-A", env=env)
    return repo


def _try_repo(repo: Path, hook: str, env: dict[str, str], *files: str) -> subprocess.CompletedProcess:
    args = ["pre-commit", "try-repo", str(REPO), hook, "--verbose"]
    args += ["--files", *files] if files else ["--all-files"]
    return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_manifest_is_valid():
    proc = subprocess.run(["pre-commit", "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_manifest_entries_are_our_console_script():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"vaultlint", "vaultlint-fix", "vaultlint-vault"}
    for hook in hooks:
        assert hook["entry"].split()[:2] == ["vaultlint", "check"]
        assert hook["require_serial"] is True
    readme = (REPO / "README.md").read_text()
    assert all(h["id"] in readme for h in hooks)


@pytest.mark.slow
def test_hook_fails_on_a_broken_note_and_passes_once_fixed(tmp_path):
    env = _env(tmp_path)
    repo = _vault_repo(tmp_path, env, {"Note.md": "# Note\n\nTrailing spaces here.   \n",
                                       "Other.md": "# Other\n"})
    failed = _try_repo(repo, "vaultlint", env, "Note.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "Note.md:3:22: FMT001" in failed.stdout

    (repo / "Note.md").write_text("# Note\n\nTrailing spaces here.\n", encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    passed = _try_repo(repo, "vaultlint", env, "Note.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


@pytest.mark.slow
def test_fix_hook_fixes_and_reports_modification(tmp_path):
    env = _env(tmp_path)
    repo = _vault_repo(tmp_path, env, {"Note.md": "# Note\nText.\n\n\n"})
    proc = _try_repo(repo, "vaultlint-fix", env, "Note.md")
    assert proc.returncode == 1  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in proc.stdout
    assert (repo / "Note.md").read_text() == "# Note\n\nText.\n"
