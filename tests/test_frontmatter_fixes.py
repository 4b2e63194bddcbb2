"""Frontmatter fixes through `vaultlint --fix`: the intended change only, comments byte-for-byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

RULES = "deprecated-property,tags-format,empty-frontmatter"


def _fix(make_vault, text: str) -> str:
    vault: Path = make_vault({"n.md": text})
    res = run_cli(["--fix", "--select", RULES, "--output-format", "json"], vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return (vault / "n.md").read_bytes().decode("utf-8")  # no newline translation


CASES = [
    # ruamel keeps each end-of-line comment's column, so a shortened value leaves the comment
    # where it was (its text is unchanged).
    pytest.param(  # block list, full-line + end-of-line comments, quoted date kept
        "---\n# saved from the web\ntitle: x # why\ntags:\n  - '#a' # first\n  - b\n  - b\n"
        "date: '2020-08-21' # quoted\n---\nBody #a\n",
        "---\n# saved from the web\ntitle: x # why\ntags:\n  - 'a'  # first\n  - b\n"
        "date: '2020-08-21' # quoted\n---\nBody #a\n", id="block-list"),
    pytest.param(
        "---\ntags: [x, \"#y\", x] # flow\n# end\n---\n",
        "---\ntags: [x, \"y\"]     # flow\n# end\n---\n", id="flow-list"),
    pytest.param(
        "---\ntags: a b # one string\nupload_date: \"2024-02-22\"\n---\n",
        "---\ntags:     # one string\n  - a\n  - b\nupload_date: \"2024-02-22\"\n---\n", id="string"),
    pytest.param(
        "---\n# top\nalias: Intro # why\nx: 1\n---\n",
        "---\n# top\naliases: Intro # why\nx: 1\n---\n", id="rename-bytes"),
    pytest.param(
        "---\naliases:\n- A # keep\ncreated: 2020-08-21T10:30:00\nalias: B\ntag: c\n---\n",
        "---\naliases:\n- A # keep\n- B\ncreated: 2020-08-21T10:30:00\ntags:\n- c\n---\n", id="merge"),
    pytest.param("---\n---\n# Title\n", "# Title\n", id="empty"),
]


@pytest.mark.parametrize("before,after", CASES)
def test_fix_keeps_everything_else(make_vault, before, after):
    assert _fix(make_vault, before) == after


def test_rename_then_tags_format_converge(make_vault):
    before = "---\ntag: \"#a, b\" # c\n---\n"
    # deprecated-property renames; tags-format then makes the list (fixed point).
    assert _fix(make_vault, before) == "---\ntags:         # c\n  - a\n  - b\n---\n"


def test_comment_only_block_is_reported_not_removed(make_vault):
    vault = make_vault({"n.md": "---\n# todo\n---\nx\n"})
    res = run_cli(["--fix", "--select", "empty-frontmatter", "--output-format", "json"], vault)
    assert [d["line"] for d in res.json()] == [1]
    assert (vault / "n.md").read_text() == "---\n# todo\n---\nx\n"


def test_crlf_notes_stay_crlf(make_vault):
    before = "---\r\n# top\r\ntags: [a, a] # x\r\nalias: B\r\n---\r\nbody\r\n"
    assert _fix(make_vault, before).encode() == \
        b"---\r\n# top\r\ntags: [a]    # x\r\naliases: B\r\n---\r\nbody\r\n"


@pytest.mark.parametrize("before,after", [
    ("---\r\ntags: #one #two # x\r\n---\r\n", None),  # a comment after the tags: not only tags
    ("---\r\ntags: #one, #two/three\r\nx: 1 # keep\r\n---\r\nb\r\n",
     "---\r\ntags:\r\n  - one\r\n  - two/three\r\nx: 1 # keep\r\n---\r\nb\r\n"),
    ("---\ntags:\n  - #one # two\n  - #three\n  - four\n---\n",
     "---\ntags:\n  - #one # two\n  - three\n  - four\n---\n"),
    ("---\ntags: # todo\n---\n", None),
])
def test_tags_written_as_comments_become_tags_with_unsafe_fixes(make_vault, before, after):
    """`tags: #a #b` and `- #a` are YAML comments (Obsidian sets no tag): reported by the
    default rules, made a list only by --unsafe-fixes, every other byte kept (CRLF too)."""
    vault: Path = make_vault({"n.md": before})
    found = run_cli(["--select", "tags-format", "--output-format", "json"], vault).json()
    assert len(found) == (0 if after is None else 1)
    run_cli(["--fix", "--select", "tags-format"], vault)
    assert (vault / "n.md").read_bytes().decode() == before  # safe fixes leave comments alone
    run_cli(["--fix", "--unsafe-fixes", "--select", "tags-format"], vault)
    assert (vault / "n.md").read_bytes().decode() == (after or before)
