"""Every file Obsidian sees is a link target (git-ignored and excluded ones too), the warm cache
notices new ones, and `.obsidian/app.json` (link format, attachment folder, excluded files) is
read safely. Vaults are built on disk; the gitignore cases use real git."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from conftest import run_cli


def git_init(vault: Path) -> None:
    subprocess.run(["git", "init", "-q", str(vault)], check=True)


def json_findings(vault: Path, *args: str) -> list[dict]:
    res = run_cli(["--output-format", "json", *args], vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return res.json()


def link_findings(vault: Path, *args: str) -> list[tuple[str, str, str]]:
    return sorted((d["path"], d["code"], d["message"]) for d in json_findings(
        vault, "--select", "LNK", *args))


def test_git_ignored_attachment_and_note_resolve(make_vault):
    vault = make_vault({
        ".gitignore": "*.m4a\nprivate/\n",
        "Recording 1.m4a": b"\x00audio",
        "private/Secret.md": "# Plans\n",
        "a.md": "![[Recording 1.m4a]] and [[Secret#Plans]] and [[Secret#Gone]]\n",
    })
    git_init(vault)
    found = link_findings(vault, "--no-cache")
    assert [(p, c) for p, c, _ in found] == [("a.md", "LNK003")]
    assert "Gone" in found[0][2]
    # the ignored note is not reported on itself
    assert all(d["path"] == "a.md" for d in json_findings(vault, "--no-cache"))


def test_excluded_files_resolve_but_are_not_reported(make_vault):
    vault = make_vault({
        ".vaultlint.toml": 'exclude = ["Archive/"]\n',
        "Archive/Old.md": "[[Missing in archive]]\n",
        "a.md": "[[Old]]\n",
    })
    assert link_findings(vault, "--no-cache") == []


def test_dot_folders_are_still_not_part_of_the_vault(make_vault):
    vault = make_vault({".trash/Gone.md": "", ".hidden/pic.png": b"x", "a.md": "[[Gone]] ![[pic.png]]\n"})
    codes = [c for _, c, _ in link_findings(vault, "--no-cache")]
    assert codes == ["LNK001", "LNK002"]


def test_warm_run_sees_a_new_ignored_attachment(make_vault, tmp_path):
    vault = make_vault({".gitignore": "*.m4a\n", "a.md": "![[Recording 2.m4a]]\n"})
    git_init(vault)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert [c for _, c, _ in link_findings(vault, *cache)] == ["LNK002"]
    (vault / "Recording 2.m4a").write_bytes(b"audio")
    assert link_findings(vault, *cache) == []
    (vault / "Recording 2.m4a").unlink()
    assert [c for _, c, _ in link_findings(vault, *cache)] == ["LNK002"]


def test_warm_run_sees_a_changed_heading_in_an_ignored_note(make_vault, tmp_path):
    vault = make_vault({".gitignore": "private/\n", "private/P.md": "# Old\n",
                        "a.md": "[[P#New]]\n"})
    git_init(vault)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert [c for _, c, _ in link_findings(vault, *cache)] == ["LNK003"]
    time.sleep(0.01)
    (vault / "private/P.md").write_text("# New heading here\n## New\n")
    assert link_findings(vault, *cache) == []


def test_a_fifo_in_the_vault_is_no_link_target_and_does_not_hang(make_vault):
    vault = make_vault({"a.md": "[[pipe.md]]\n"})
    os.mkfifo(vault / "pipe.md")
    assert [c for _, c, _ in link_findings(vault, "--no-cache")] == ["LNK001"]


# --- .obsidian/app.json -----------------------------------------------------------------------


def app_json(vault: Path, data: object) -> None:
    (vault / ".obsidian" / "app.json").write_text(json.dumps(data))


@pytest.mark.parametrize("fmt, expected", [
    ("shortest", "Target Note"),  # unique by name: the bare name
    ("absolute", "Deep/Folder/Target Note"),
    ("relative", "../Deep/Folder/Target Note"),
])
def test_suggestions_follow_new_link_format(make_vault, fmt, expected):
    vault = make_vault({"Deep/Folder/Target Note.md": "", "Notes/a.md": "[[Target Nte]]\n"})
    app_json(vault, {"newLinkFormat": fmt})
    (msg,) = [m for _, _, m in link_findings(vault, "--no-cache")]
    assert msg.endswith(f"did you mean [[{expected}]]?"), msg


def test_shortest_format_writes_the_full_path_of_a_shared_name(make_vault):
    vault = make_vault({"Deep/Target Note.md": "", "Other/Sub/Target Note.md": "",
                        "Notes/a.md": "[[Target Nte]]\n"})
    (msg,) = [m for _, _, m in link_findings(vault, "--no-cache")]
    assert msg.endswith("did you mean [[Deep/Target Note]]?"), msg


def test_relative_format_fix_resolves_to_the_suggested_note(make_vault):
    vault = make_vault({"Deep/Folder/Target Note.md": "", "Notes/a.md": "[[Target Nte]]\n"})
    app_json(vault, {"newLinkFormat": "relative"})
    run_cli(["--fix", "--unsafe-fixes", "--no-cache"], vault)
    assert (vault / "Notes/a.md").read_text() == "[[../Deep/Folder/Target Note]]\n"
    assert link_findings(vault, "--no-cache") == []


def test_missing_attachment_names_the_attachment_folder(make_vault):
    vault = make_vault({"Course/a.md": "![[diagram.png]]\n"})
    app_json(vault, {"attachmentFolderPath": "./attachments"})
    (msg,) = [m for _, _, m in link_findings(vault, "--no-cache")]
    assert "keeps attachments in 'Course/attachments'" in msg
    app_json(vault, {"attachmentFolderPath": "Media"})
    (msg,) = [m for _, _, m in link_findings(vault, "--no-cache")]
    assert "keeps attachments in 'Media'" in msg


def test_user_ignore_filters_are_not_reported_but_resolve(make_vault):
    vault = make_vault({
        "Templates/Daily.md": "[[<% tp.date.now() %>]]\n",
        "Drafts/x.draft.md": "[[Nowhere]]\n",
        "a.md": "[[Daily]] [[x.draft]]\n",
    })
    app_json(vault, {"userIgnoreFilters": ["Templates/", "/\\.draft\\.md$/"]})
    assert link_findings(vault, "--no-cache") == []
    app_json(vault, {})
    assert {p for p, _, _ in link_findings(vault, "--no-cache")} == \
        {"Templates/Daily.md", "Drafts/x.draft.md"}


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe", b" " * 2_000_000])
def test_bad_app_json_warns_and_uses_defaults(make_vault, content):
    vault = make_vault({"Deep/Target One.md": "", "a.md": "[[Target Onee]]\n"})
    (vault / ".obsidian" / "app.json").write_bytes(content)
    res = run_cli(["--output-format", "json", "--no-cache", "--select", "LNK"], vault)
    assert res.exit_code == 1
    assert "did you mean [[Target One]]?" in res.json()[0]["message"]
    if content != b"[1, 2]":
        assert ".obsidian/app.json" in res.stderr and "defaults" in res.stderr


def test_app_json_fifo_does_not_hang(make_vault):
    vault = make_vault({"a.md": "[[Missing]]\n"})
    os.mkfifo(vault / ".obsidian" / "app.json")
    res = run_cli(["--output-format", "json", "--no-cache", "--select", "LNK"], vault)
    assert res.exit_code == 1 and "not a regular file" in res.stderr
