"""broken-heading-link end to end: real vaults, the real CLI."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli


def _found(vault: Path) -> list[tuple[str, int, str]]:
    res = run_cli(["--select", "broken-heading-link", "--output-format", "json", "--no-cache"],
                  vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return [(d["path"], d["line"], d["message"]) for d in res.json()]


TARGET = ("# Part 1: Basics\n## How large can each remote vault be?\n"
          "## Concatenation with `+` Operator\n# Other\n### Deep\n\n```\n# Not a heading\n```\n"
          "%%\n# Commented out\n%%\n")


def test_headings_compare_case_insensitively_after_strip_heading(make_vault):
    vault = make_vault({"T.md": TARGET, "n.md": (
        "[[T#part 1 basics]] [[t#How large can each remote vault be]] "
        "[[T#Concatenation with     Operator]] [[T#Part 1: Basics]]\n"
        "[x](T.md#Part%201%20Basics) [[T#]]\n")})
    assert _found(vault) == []


def test_nested_heading_chains(make_vault):
    vault = make_vault({"T.md": TARGET, "n.md": (
        "[[T#Part 1 Basics#How large can each remote vault be]]\n[[T#Other#Deep]]\n"
        "[[T#Part 1 Basics#Deep]]\n[[T#Deep#Other]]\n")})
    # a later part must be a later, deeper heading than the previous one
    assert [line for _, line, _ in _found(vault)] == [4]


def test_code_and_comments_hold_no_headings(make_vault):
    vault = make_vault({"T.md": TARGET, "n.md": "[[T#Not a heading]]\n[[T#Commented out]]\n"})
    assert [line for _, line, _ in _found(vault)] == [1, 2]


def test_self_links(make_vault):
    vault = make_vault({"n.md": "# Intro\nSee [[#intro]], [[#Intros]], [[n#Intro]], [[#Zebra]].\n"})
    assert _found(vault) == [
        ("n.md", 2, "[[#Intros]]: no heading 'Intros' in this note; did you mean '#Intro'?"),
        ("n.md", 2, "[[#Zebra]]: no heading 'Zebra' in this note")]


def test_non_markdown_subpaths_are_never_headings(make_vault):
    vault = make_vault({"Paper.pdf": "", "x.png": "", "B.canvas": "{}",
                        "n.md": "![[Paper.pdf#page=3]] ![[x.png#interface|600]] [[B.canvas#node]]\n"})
    assert _found(vault) == []


def test_unresolved_targets_are_left_to_broken_wikilink(make_vault):
    vault = make_vault({"n.md": "[[Nowhere#Heading]]\n"})
    assert _found(vault) == []


def test_a_close_heading_is_an_unsafe_fix(make_vault):
    vault = make_vault({"T.md": TARGET, "n.md": "[[T#Part 1 Basic|the basics]]\n"
                                                "[m](T.md#Part%201%20Basic)\n"})
    assert _found(vault)[0][2] == (
        "[[T#Part 1 Basic]]: no heading 'Part 1 Basic' in 'T.md'; did you mean '#Part 1 Basics'?")
    res = run_cli(["--select", "broken-heading-link", "--fix", "--unsafe-fixes", "--no-cache"],
                  vault)
    assert res.exit_code == 0, res.stdout
    assert (vault / "n.md").read_text() == ("[[T#Part 1 Basics|the basics]]\n"
                                            "[m](T.md#Part%201%20Basics)\n")


def test_the_cache_notices_a_renamed_heading_in_another_note(make_vault, tmp_path):
    vault = make_vault({"T.md": "# Old name\ntext\n", "n.md": "[[T#Old name]]\n"})
    args = ["--select", "LNK", "--output-format", "json", "--cache-dir", str(tmp_path / "c"), "n.md"]
    assert run_cli(args, vault).json() == []
    (vault / "T.md").write_text("# Old name\nmore text, same headings\n")
    assert run_cli(args, vault).json() == []
    (vault / "T.md").write_text("# New name\ntext\n")
    assert [d["code"] for d in run_cli(args, vault).json()] == ["LNK003"]
    (vault / "T.md").unlink()
    assert [d["code"] for d in run_cli(args, vault).json()] == ["LNK001"]
