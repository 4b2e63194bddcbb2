"""Suppression comments in the body (Obsidian and HTML comments) and in the frontmatter."""

from __future__ import annotations

from conftest import run_cli


def _codes(vault) -> list[tuple[int, str]]:
    return [(d["line"], d["code"]) for d in run_cli(["--output-format", "json"], vault).json()]


def test_next_line_and_same_line(make_vault):
    vault = make_vault({"a.md": (
        "%% vaultlint-disable-next-line trailing-whitespace %%\n"
        "hidden  \t\n"
        "shown  \t\n"
        "also hidden  \t <!-- vaultlint-disable-line FMT001 -->\n"
    )})
    assert _codes(vault) == [(3, "FMT001")]


def test_disable_enable_range(make_vault):
    vault = make_vault({"a.md": (
        "a\t\n<!-- vaultlint-disable FMT001 -->\nb\t\nc\t\n<!-- vaultlint-enable FMT001 -->\nd\t\n"
    )})
    assert _codes(vault) == [(1, "FMT001"), (6, "FMT001")]


def test_disable_without_rules_means_all_until_the_end(make_vault):
    vault = make_vault({"a.md": "a\t\n%% vaultlint-disable %%\nb\t\n\n\n\nc\n"})
    assert _codes(vault) == [(1, "FMT001")]


def test_frontmatter_comment_disables_for_the_file(make_vault):
    vault = make_vault({"a.md": "---\ntitle: x  # vaultlint-disable FMT001\n---\nb\t\nc\t\n\n\n\nd\n"})
    assert _codes(vault) == [(7, "FMT002")]


def test_directive_in_code_is_not_a_directive(make_vault):
    vault = make_vault({"a.md": "`%% vaultlint-disable %%`\nb\t\n"})
    assert _codes(vault) == [(2, "FMT001")]


def test_suppressed_findings_are_not_fixed(make_vault):
    text = "%% vaultlint-disable-next-line %%\nkeep\t\nfix\t\n"
    vault = make_vault({"a.md": text})
    assert run_cli(["--fix"], vault).exit_code == 0
    assert (vault / "a.md").read_text() == "%% vaultlint-disable-next-line %%\nkeep\t\nfix\n"
