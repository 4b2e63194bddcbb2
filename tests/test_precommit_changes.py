"""A commit that breaks a note elsewhere is caught at commit time, for real: a git repository
holding a vault, `pre-commit install`, and `git commit` running this checkout's hooks (HEAD of
this repository, as `pre-commit` pins a `rev`). One pre-commit home for the module, so the
hook's environment is built once."""

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
NOTES = {
    "Packaging.md": "# Packaging\n\n## Intro\n\nBoxes and tape. ^boxes\n",
    "Plan.md": "# Plan\n\nSee [[Packaging]], [[Packaging#Intro]] and [[Packaging#^boxes]].\n",
    "Alone.md": "# Alone\n\nNothing links here.\n",
}

pytestmark = pytest.mark.slow


def _head() -> str:
    proc = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip("not a git checkout")
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GITHUB_"))}
    env.update(GIT_ENV, PRE_COMMIT_HOME=str(home))
    return env


def git(repo: Path, env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=900)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def make_repo(tmp_path: Path, env: dict[str, str], hooks: list[str],
              notes: dict[str, str] = NOTES) -> Path:
    """A vault repository with the notes committed and the hooks installed for commits."""
    repo = tmp_path / "my notes"
    (repo / ".obsidian").mkdir(parents=True)
    for name, text in notes.items():
        (repo / name).write_text(text, encoding="utf-8")
    config = {"repos": [{"repo": str(REPO), "rev": _head(), "hooks": [{"id": h} for h in hooks]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    git(repo, env, "init", "-q", "-b", "main")
    installed = subprocess.run(["pre-commit", "install"], cwd=repo, env=env, capture_output=True,
                               text=True, timeout=900)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    git(repo, env, "add", "-A")
    first = git(repo, env, "commit", "-qm", "notes", check=False)
    assert first.returncode == 0, first.stdout + first.stderr  # clean notes pass the hooks
    return repo


def commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return git(repo, env, "commit", "-qm", "change", check=False)


def test_deleting_a_linked_note_fails_the_commit(tmp_path, env):
    repo = make_repo(tmp_path, env, ["vaultlint"])
    git(repo, env, "rm", "-q", "Packaging.md")
    done = commit(repo, env)
    assert done.returncode != 0, done.stdout
    out = done.stdout + done.stderr
    assert "Plan.md:3:7: LNK001" in out and "Plan.md:3:22: LNK001" in out
    assert "Alone.md" not in out  # only what the change broke
    git(repo, env, "rm", "-q", "Plan.md")  # remove the note that linked to it as well
    assert commit(repo, env).returncode == 0


def test_renaming_a_note_fails_the_commit_and_fix_repairs_the_links(tmp_path, env):
    repo = make_repo(tmp_path, env, ["vaultlint"])
    git(repo, env, "mv", "Packaging.md", "Shipping.md")
    done = commit(repo, env)
    out = done.stdout + done.stderr
    assert done.returncode != 0 and "'Packaging.md' was renamed to 'Shipping.md'" in out, out
    fixed = subprocess.run(["vaultlint", "check", "--staged", "--fix"], cwd=repo, env=env,
                           capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr  # the repair is a safe fix
    assert (repo / "Plan.md").read_text() == \
        "# Plan\n\nSee [[Shipping]], [[Shipping#Intro]] and [[Shipping#^boxes]].\n"
    git(repo, env, "add", "-A")
    assert commit(repo, env).returncode == 0


def test_removing_a_heading_or_block_id_fails_the_commit(tmp_path, env):
    repo = make_repo(tmp_path, env, ["vaultlint"])
    (repo / "Packaging.md").write_text("# Packaging\n\nBoxes and tape.\n", encoding="utf-8")
    git(repo, env, "add", "Packaging.md")
    done = commit(repo, env)
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Plan.md:3:22: LNK003" in out and "Plan.md:3:46: LNK004" in out, out
    assert "Plan.md:3:7:" not in out  # the note itself still exists


def test_fix_and_check_hooks_never_print_a_finding_twice(tmp_path, env):
    repo = make_repo(tmp_path, env, ["vaultlint-fix", "vaultlint"])
    (repo / "Alone.md").write_text("# Alone\nSee [[Nowhere]].   \n", encoding="utf-8")
    git(repo, env, "add", "Alone.md")
    done = commit(repo, env)
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert out.count("[[Nowhere]]: no file") == 1, out  # the check hook's; the fix hook is quiet
    assert "Fixed 2 problem(s) in 1 note(s)." in out
    assert (repo / "Alone.md").read_text() == "# Alone\n\nSee [[Nowhere]].\n"


def test_changed_since_reports_what_a_branch_broke(tmp_path, env):
    untidy = {**NOTES, "Plan.md": NOTES["Plan.md"] + "\n\n\n"}  # a layout problem of its own
    repo = make_repo(tmp_path, env, [], untidy)
    git(repo, env, "switch", "-q", "-c", "feature")
    git(repo, env, "rm", "-q", "Packaging.md")
    git(repo, env, "commit", "-qm", "remove packaging")
    (repo / "Alone.md").write_text("# Alone\n\nNothing links here.\n\n\n", encoding="utf-8")
    git(repo, env, "commit", "-qam", "edit alone")
    proc = subprocess.run(["vaultlint", "check", "--changed-since", "main", "--output-format",
                           "concise"], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Plan.md:3:7: LNK001" in proc.stdout and "Alone.md:3:20: FMT003" in proc.stdout
    # Plan.md did not change: only what the branch broke there is reported, not its layout
    assert "Plan.md:3:65: FMT003" not in proc.stdout
    whole = subprocess.run(["vaultlint", "check", "--output-format", "concise"], cwd=repo,
                           env=env, capture_output=True, text=True)
    assert "Plan.md:3:65: FMT003" in whole.stdout
