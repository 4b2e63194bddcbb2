"""Partial runs (--staged, --changed-since) report what a change broke elsewhere, and a rename
made outside Obsidian is repaired. Real git repositories throughout."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli, write_vault
from vaultlint.runner import RunOptions, execute
from vaultlint.gitscope import Change, changes_since, parse_name_status, staged_changes, \
    work_tree_renames

GIT_ENV = ["-c", "user.name=vaultlint tests", "-c", "user.email=tests@example.invalid"]


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *GIT_ENV, *args], cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def repo_with(tmp_path: Path, files: dict[str, str]) -> Path:
    repo = tmp_path / "vault"
    write_vault(repo, files)
    (repo / ".obsidian").mkdir(exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "notes")
    return repo


def findings(repo: Path, *args: str) -> list[tuple[str, int, str]]:
    res = run_cli(["--output-format", "json", *args], repo)
    assert res.exit_code in (0, 1), res.stderr
    return sorted((d["path"], d["line"], d["code"]) for d in res.json())


LINKED = {
    "Packaging.md": "# Packaging\n\n## Intro\n\nBoxes. ^boxes\n",
    "Plan.md": "# Plan\n\nSee [[Packaging]] and [[Packaging#Intro]].   \n",
    "Notes/Other.md": "# Other\n\n[box](../Packaging.md#Intro)\n",
    "Alone.md": "# Alone\n\nText.   \n",
}


def test_name_status_parsing_keeps_both_names_of_a_rename():
    out = "M\0a.md\0R087\0old name.md\0new name.md\0D\0gone.md\0C100\0x.md\0y.md\0"
    assert parse_name_status(out) == [
        Change("M", "a.md"), Change("R", "new name.md", "old name.md", 87), Change("D", "gone.md"),
        Change("A", "y.md")]
    assert Change("R", "b.md", "a.md").paths == ("a.md", "b.md")


def test_staged_deletion_reports_the_notes_linking_to_it_with_link_findings_only(tmp_path):
    repo = repo_with(tmp_path, LINKED)
    assert findings(repo, "--staged") == []  # nothing staged: nothing to say
    git(repo, "rm", "-q", "Packaging.md")
    assert staged_changes(repo) == [Change("D", "Packaging.md")]
    got = findings(repo, "--staged")
    # both linking notes, for their links only: Plan.md's trailing spaces are not the commit's
    assert got == [("Notes/Other.md", 3, "LNK001"), ("Plan.md", 3, "LNK001"),
                   ("Plan.md", 3, "LNK001")]


def test_staged_edit_reports_its_own_findings_and_broken_headings_elsewhere(tmp_path):
    repo = repo_with(tmp_path, LINKED)
    (repo / "Packaging.md").write_text("# Packaging\n\nBoxes.  \t\n", encoding="utf-8")
    git(repo, "add", "Packaging.md")
    got = findings(repo, "--staged")
    assert ("Packaging.md", 3, "FMT001") in got  # the staged note: every rule
    assert ("Plan.md", 3, "LNK003") in got and ("Notes/Other.md", 3, "LNK003") in got
    assert not any(p == "Plan.md" and c == "FMT001" for p, _, c in got)
    assert not any(p == "Alone.md" for p, _, _ in got)


def test_a_new_note_sharing_a_url_reports_the_old_note_too(tmp_path):
    repo = repo_with(tmp_path, {"Old.md": "---\nurl: https://example.com/post\n---\nOld.  \n",
                                "Else.md": "Else.\n"})
    write_vault(repo, {"New.md": "---\nurl: https://example.com/post?utm_source=x\n---\nNew.\n"})
    git(repo, "add", "New.md")
    got = findings(repo, "--staged")
    assert got == [("New.md", 2, "DUP001"), ("Old.md", 2, "DUP001")]


def test_an_edited_alias_reaches_the_notes_linking_to_it(tmp_path):
    repo = repo_with(tmp_path, {"Artificial Intelligence.md": "---\naliases: [AI]\n---\nText.\n",
                                "Uses.md": "About [[ML]].\n"})
    (repo / "Artificial Intelligence.md").write_text("---\naliases: [AI, ML]\n---\nText.\n")
    git(repo, "add", "-A")
    got = findings(repo, "--staged")
    assert got == [("Uses.md", 1, "LNK001")]  # "[[ML]] matches an alias of ..."


def test_changed_since_includes_deleted_and_renamed_files(tmp_path):
    repo = repo_with(tmp_path, LINKED)
    git(repo, "switch", "-q", "-c", "feature")
    git(repo, "mv", "Packaging.md", "Boxes.md")
    git(repo, "commit", "-qm", "rename")
    assert changes_since(repo, "main") == [Change("R", "Boxes.md", "Packaging.md", 100)]
    got = findings(repo, "--changed-since", "main")
    assert {p for p, _, _ in got} == {"Plan.md", "Notes/Other.md"}
    assert {c for _, _, c in got} == {"LNK001"}


def test_dependents_come_from_the_cached_indexes_not_from_rereading_notes(tmp_path):
    repo = repo_with(tmp_path, LINKED)
    findings(repo)  # a whole run warms the cache
    git(repo, "rm", "-q", "Packaging.md")
    run = execute(RunOptions(staged=True, cwd=repo))
    assert run.scope is not None and set(run.scope.dependents) == {"Plan.md", "Notes/Other.md"}
    # only the two dependents were read (to report their links); the rest came from the cache
    assert {p for p, note in run.vault.notes.items() if note is not None} <= {
        "Plan.md", "Notes/Other.md"}


# --- rename repair ----------------------------------------------------------------------------

def fixed(repo: Path, *args: str) -> str:
    res = run_cli(["--fix", *args], repo)
    assert res.exit_code in (0, 1), res.stderr
    return res.stderr


def test_git_mv_repair_keeps_alias_subpath_and_style(tmp_path):
    repo = repo_with(tmp_path, {
        "Packaging.md": "# Packaging\n\n## Intro\n",
        "Plan.md": "See [[Packaging|the boxes]], [[packaging#Intro]] and [md](Packaging.md#Intro).\n",
        "Prop.md": '---\nrelated: "[[Packaging]]"\n---\nText.\n',
    })
    git(repo, "mv", "Packaging.md", "Shipping Boxes.md")
    fixed(repo)  # a safe fix: plain --fix
    assert (repo / "Plan.md").read_text() == ("See [[Shipping Boxes|the boxes]], "
                                              "[[Shipping Boxes#Intro]] and "
                                              "[md](Shipping%20Boxes.md#Intro).\n")
    assert (repo / "Prop.md").read_text() == '---\nrelated: "[[Shipping Boxes]]"\n---\nText.\n'
    assert findings(repo) == []


def test_plain_mv_into_a_folder_is_repaired_in_the_vaults_link_format(tmp_path):
    repo = repo_with(tmp_path, {"Packaging.md": "# Packaging\n", "Plan.md": "See [[Packaging]].\n",
                                "Archive/Old notes.md": "x\n"})
    (repo / ".obsidian" / "app.json").write_text(json.dumps({"newLinkFormat": "absolute"}))
    (repo / "Packaging.md").rename(repo / "Archive" / "Boxes.md")  # not git mv
    assert work_tree_renames(repo) == [Change("R", "Archive/Boxes.md", "Packaging.md", 100)]
    fixed(repo)
    assert (repo / "Plan.md").read_text() == "See [[Archive/Boxes]].\n"


def test_an_ambiguous_rename_is_an_unsafe_fix(tmp_path):
    repo = repo_with(tmp_path, {"a/Packaging.md": "# One\n\nFirst text here.\n",
                                "b/Packaging.md": "# Two\n\nSecond text there.\n",
                                "Plan.md": "See [[Packaging]].\n"})
    git(repo, "mv", "a/Packaging.md", "a/Boxes.md")
    git(repo, "mv", "b/Packaging.md", "b/Crates.md")
    out = findings(repo)
    assert out == [("Plan.md", 1, "LNK001")]
    fixed(repo)
    assert (repo / "Plan.md").read_text() == "See [[Packaging]].\n"  # not without asking
    fixed(repo, "--unsafe-fixes")
    assert (repo / "Plan.md").read_text() == "See [[Boxes]].\n"  # Obsidian's tie-break: a/ first


def test_no_git_no_rename_and_the_usual_suggestion(tmp_path):
    vault = tmp_path / "v"
    write_vault(vault, {"Shipping.md": "x\n", "Plan.md": "See [[Shiping]].\n"})
    res = run_cli(["--output-format", "json"], vault)
    (diag,) = res.json()
    assert "did you mean [[Shipping]]" in diag["message"] and "renamed" not in diag["message"]


def test_fix_only_reports_what_it_fixed_and_nothing_else(tmp_path):
    repo = repo_with(tmp_path, {"A.md": "# A\nSee [[Nowhere]].  \t\n"})
    res = run_cli(["check", "--fix-only", "A.md"], repo)
    assert res.exit_code == 0
    assert res.stdout == "" and "Fixed 2 problem(s) in 1 note(s)." in res.stderr
    assert (repo / "A.md").read_text() == "# A\n\nSee [[Nowhere]].\n"


@pytest.mark.parametrize("args", [["--staged", "--changed-since", "HEAD"]])
def test_staged_and_changed_since_are_exclusive(tmp_path, args):
    repo = repo_with(tmp_path, {"A.md": "a\n"})
    assert run_cli(args, repo).exit_code == 2


def test_a_moved_attachment_is_repaired_in_embeds(tmp_path):
    repo = repo_with(tmp_path, {"Trip.md": "# Trip\n\n![[beach.png|300]]\n"})
    (repo / "beach.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    git(repo, "add", "beach.png")
    git(repo, "commit", "-qm", "picture")
    (repo / "Pictures").mkdir()
    git(repo, "mv", "beach.png", "Pictures/sea shore.png")
    assert findings(repo) == [("Trip.md", 3, "LNK002")]
    fixed(repo)
    assert (repo / "Trip.md").read_text() == "# Trip\n\n![[sea shore.png|300]]\n"


def test_a_dependent_is_reported_for_the_broken_link_not_its_older_ones(tmp_path):
    repo = repo_with(tmp_path, {
        "Packaging.md": "# Packaging\n",
        "Plan.md": "See [[Packaging]], [Box](Packaging.md) and [[Written later]].\n",
    })
    git(repo, "rm", "-q", "Packaging.md")
    res = run_cli(["--staged", "--output-format", "json"], repo)
    assert [(d["path"], d["column"]) for d in res.json()] == [("Plan.md", 7), ("Plan.md", 26)]
    whole = findings(repo)  # the older broken link is still there for a whole-vault run
    assert len(whole) == 3


def test_staged_fix_repairs_a_dependent_without_touching_its_layout(tmp_path):
    repo = repo_with(tmp_path, {"Packaging.md": "# Packaging\n",
                                "Plan.md": "# Plan\nSee [[Packaging]].   \n\n\n"})
    git(repo, "mv", "Packaging.md", "Boxes.md")
    res = run_cli(["--staged", "--fix"], repo)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert (repo / "Plan.md").read_text() == "# Plan\nSee [[Boxes]].   \n\n\n"


def test_staged_at_pre_push_checks_the_commits_being_pushed(tmp_path):
    repo = repo_with(tmp_path, LINKED)
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "rm", "-q", "Packaging.md")
    git(repo, "commit", "-qm", "remove")
    head = git(repo, "rev-parse", "HEAD").strip()
    assert findings(repo, "--staged") == []  # nothing staged any more
    env = {"PRE_COMMIT_FROM_REF": base, "PRE_COMMIT_TO_REF": head}
    res = run_cli(["--staged", "--output-format", "json"], repo, env=env)
    assert {d["path"] for d in res.json()} == {"Plan.md", "Notes/Other.md"}
