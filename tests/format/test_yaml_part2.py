"""The yaml family, part 2 (FM330-FM349): the frontmatter title and the git timestamps.
Property tests over generated notes (written on disk, so the timestamps have dates to give),
then edge cases, and the timestamps through real git repositories and the CLI."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli, write_vault
from strategies import note_text
from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import FixOutcome, fix_note
from vaultlint.note import Note
from vaultlint.vault import Vault

RULES = ["yaml-title", "yaml-timestamps", "yaml-body-tags"]
OPTIONS = {"yaml-timestamps": {"convert-to-utc": True},
           "yaml-body-tags": {"how-to-handle-existing-tags": "Remove whole tag"}}
HEADS = st.sampled_from(["", "# Title: with colon\n", "# [Linked](x.md) and [[A|B]]\n",
                         "> # quoted H1\n", "```\n# code\n```\n", "%%\n# hidden\n%%\n",
                         "---\ntitle: old  # mine\n---\n# New\n", "---\n---\n# Empty fm\n",
                         "---\n{a: 1}\n---\n# Flow\n", "---\nbad: [x\n---\n# Bad\n",
                         "---\ntags: one two  # mine\n---\n#one #three\n",
                         "---\ntags:\n  - a  # first\n---\nx #b\n"])


def _fix(root: Path, path: str, text: str, rules: list[str], unsafe: bool = True) -> FixOutcome:
    (root / path).write_bytes(text.encode("utf-8"))  # the timestamps read the file's times
    s = Settings(root=root, select=rules, rule_config={r: OPTIONS.get(r, {}) for r in rules})
    linter = Linter(s, Vault(root, [], s))
    return fix_note(Note(path, text), lambda n: linter.lint(n)[0], unsafe=unsafe)


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=HEADS, body=note_text(), crlf=st.booleans(),
       rules=st.sampled_from([[r] for r in RULES] + [RULES]))
def test_fixes_verify_and_are_idempotent(tmp_path, head, body, crlf, rules):
    text = head + body
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    first = _fix(tmp_path, "n.md", text, rules)
    assert not first.refused, first.refused
    again = _fix(tmp_path, "n.md", first.text, rules)
    assert again.text == first.text and not again.refused


# --- yaml-title -------------------------------------------------------------------------------


@pytest.mark.parametrize("before,after", [
    ("# Obsidian\n", "---\ntitle: Obsidian\n---\n# Obsidian\n"),
    ("```\n# code\n```\n# Real\n", "---\ntitle: Real\n---\n```\n# code\n```\n# Real\n"),
    ("$$\n# x\n$$\n", "---\ntitle: n\n---\n$$\n# x\n$$\n"),
    ("> [!note] x\n> # In callout\n", "---\ntitle: n\n---\n> [!note] x\n> # In callout\n"),
    ("- # In list\n", "---\ntitle: n\n---\n- # In list\n"),
    ("# A: B #c\n", '---\ntitle: "A: B #c"\n---\n# A: B #c\n'),
    ("# [[Target|Shown]] [[Plain]]\n",
     "---\ntitle: Shown Plain\n---\n# [[Target|Shown]] [[Plain]]\n"),
    ("---\r\ntags: [a]  # keep\r\n---\r\n# T\r\n",
     "---\r\ntags: [a]  # keep\r\ntitle: T\r\n---\r\n# T\r\n"),
    ("---\ntitle: Old # c\n---\n# New\n", "---\ntitle: New # c\n---\n# New\n"),
    ("---\ntitle: 12\n---\n# 12\n", "---\ntitle: 12\n---\n# 12\n"),  # the same text: kept
    ("---\nbad: [x\n---\n# T\n", "---\nbad: [x\n---\n# T\n"),  # invalid YAML: untouched
])
def test_title(tmp_path, before, after):
    assert _fix(tmp_path, "n.md", before, ["yaml-title"]).text == after


def test_title_update_is_unsafe_and_a_multiline_title_has_no_fix(tmp_path):
    text = "---\ntitle: Old\n---\n# New\n"
    assert _fix(tmp_path, "n.md", text, ["yaml-title"], unsafe=False).text == text
    folded = "---\ntitle: >-\n  Old\n  title\n---\n# New\n"
    assert _fix(tmp_path, "n.md", folded, ["yaml-title"]).text == folded


# --- yaml-body-tags --------------------------------------------------------------------------


@pytest.mark.parametrize("before,options,after", [
    ("---\ntags: a b\n---\n#c and #a\n", {}, "---\ntags: [a, b, c]\n---\n#c and #a\n"),
    ("---\r\nx: 1\r\n---\r\n%% #hidden %% $#m$ <b>#h</b> #t\r\n", {},
     "---\r\nx: 1\r\ntags: [t]\r\n---\r\n%% #hidden %% $#m$ <b>#h</b> #t\r\n"),
    ("> [!note] #c\n> - #d\n", {"how-to-handle-existing-tags": "Remove hashtag"},
     "---\ntags: [c, d]\n---\n> [!note] c\n> - d\n"),
    ("#keep and #go\n", {"tags-to-ignore": ["keep"], "how-to-handle-existing-tags":
                         "Remove whole tag"}, "---\ntags: [go]\n---\n#keep and\n"),
])
def test_body_tags(tmp_path, before, options, after):
    OPTIONS["yaml-body-tags"], saved = options, OPTIONS["yaml-body-tags"]
    try:
        assert _fix(tmp_path, "n.md", before, ["yaml-body-tags"]).text == after
    finally:
        OPTIONS["yaml-body-tags"] = saved


def test_body_tags_fix_is_unsafe(tmp_path):
    text = "A #tag.\n"
    assert _fix(tmp_path, "n.md", text, ["yaml-body-tags"], unsafe=False).text == text


# --- yaml-timestamps --------------------------------------------------------------------------


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _commit(root: Path, date: str) -> None:
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", date, date=date)


CONFIG = ('extend-select = ["yaml-timestamps"]\n[rules.yaml-timestamps]\n'
          'convert-to-utc = true\nformat = "YYYY-MM-DD HH:mm"\n')


@pytest.fixture
def repo(tmp_path) -> Path:
    root = write_vault(tmp_path / "v", {".vaultlint.toml": CONFIG, "a.md": "# A\n",
                                        "b.md": "---\ntitle: b  # mine\n---\nB\n"})
    _git(root, "init", "-q")
    _commit(root, "2020-01-01T10:00:00Z")
    _git(root, "mv", "a.md", "moved.md")
    (root / "b.md").write_text("---\ntitle: b  # mine\n---\nB, edited\n")
    _commit(root, "2021-06-01T12:30:00Z")
    return root


def _fix_cli(root: Path) -> None:
    res = run_cli(["--fix", "--select", "yaml-timestamps", "."], root)
    assert res.exit_code == 0, res.stdout + res.stderr


def test_missing_dates_come_from_git_with_renames_followed(repo):
    _fix_cli(repo)
    assert (repo / "moved.md").read_text() == \
        "---\ncreated: 2020-01-01 10:00\nmodified: 2021-06-01 12:30\n---\n# A\n"
    assert (repo / "b.md").read_text() == \
        ("---\ntitle: b  # mine\ncreated: 2020-01-01 10:00\nmodified: 2021-06-01 12:30\n---\n"
         "B, edited\n")


def test_fix_is_idempotent_and_unchanged_notes_are_never_rewritten(repo):
    _fix_cli(repo)
    _commit(repo, "2022-01-01T00:00:00Z")
    before = {p: (repo / p).read_bytes() for p in ("moved.md", "b.md")}
    for _ in range(2):  # committed and unchanged: nothing to do, whatever the file times
        os.utime(repo / "b.md", (2_000_000_000, 2_000_000_000))
        _fix_cli(repo)
        assert {p: (repo / p).read_bytes() for p in before} == before


def test_modified_is_refreshed_once_after_an_edit(repo):
    _fix_cli(repo)
    _commit(repo, "2022-01-01T00:00:00Z")
    (repo / "b.md").write_text((repo / "b.md").read_text() + "More.\n")
    os.utime(repo / "b.md", (1_700_000_000, 1_700_000_000))  # 2023-11-14 22:13 UTC
    res = run_cli(["--select", "yaml-timestamps", "--output-format", "json", "."], repo)
    assert [d["path"] for d in res.json()] == ["b.md"]
    _fix_cli(repo)
    text = (repo / "b.md").read_text()
    assert "modified: 2023-11-14 22:13\n" in text and "created: 2020-01-01 10:00\n" in text
    os.utime(repo / "b.md", (1_800_000_000, 1_800_000_000))  # our write touched it: no flap
    _fix_cli(repo)
    assert (repo / "b.md").read_text() == text


def test_findings_follow_a_commit_with_the_cache_on(repo):
    """The rule's cache key is HEAD: committing changes what it reports on the same bytes."""
    _fix_cli(repo)
    _commit(repo, "2022-01-01T00:00:00Z")
    (repo / "b.md").write_text((repo / "b.md").read_text() + "More.\n")
    args = ["--select", "yaml-timestamps", "--output-format", "json", "."]
    assert len(run_cli(args, repo).json()) == 1
    _commit(repo, "2023-01-01T00:00:00Z")
    assert run_cli(args, repo).json() == []


def test_without_git_missing_dates_are_inserted_and_never_updated(tmp_path):
    root = write_vault(tmp_path / "v", {".vaultlint.toml": CONFIG, "n.md": "Text.\n"})
    os.utime(root / "n.md", (1_600_000_000, 1_600_000_000))  # 2020-09-13 12:26 UTC
    _fix_cli(root)
    text = (root / "n.md").read_text()
    assert "modified: 2020-09-13 12:26\n" in text and text.startswith("---\ncreated: ")
    os.utime(root / "n.md", (1_900_000_000, 1_900_000_000))
    _fix_cli(root)
    assert (root / "n.md").read_text() == text


def test_moment_formats():
    from datetime import datetime, timezone

    from vaultlint.rules.format.yaml._moment import format_date

    when = datetime(2020, 1, 2, 0, 0, 5, tzinfo=timezone.utc)
    assert format_date(when, "dddd, MMMM Do YYYY, h:mm:ss a") == \
        "Thursday, January 2nd 2020, 12:00:05 am"
    assert format_date(when, "YYYY-MM-DDTHH:mm:ssZ") == "2020-01-02T00:00:05+00:00"
    assert format_date(when, "[Day] D/M/YY ddd MMM hh A ZZ X") == \
        "Day 2/1/20 Thu Jan 12 AM +0000 1577923205"
