"""obsidian-linter's options on vaultlint's first layout rules: heading-increment `start-at-h2`,
heading-blank-lines `after = false` (the peer's `bottom`) and `empty-line-after-yaml`,
yaml-format `inner-new-lines`. Alone and together, on generated notes and on edge cases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli, write_vault
from fixing import check_settles, fix_text, linter_for
from strategies import note_with
from vaultlint.config import ConfigError
from vaultlint.init import migrate
from vaultlint.note import Note

OPTIONS = {
    "heading-increment": {"start-at-h2": True},
    "heading-blank-lines": {"after": False, "empty-line-after-yaml": False},
    "yaml-format": {"inner-new-lines": True},
}
CONFIGS = [{rule: opts} for rule, opts in OPTIONS.items()] + [
    {"heading-blank-lines": {"empty-line-after-yaml": False}},
    OPTIONS,
    # with the other rules that add or remove blank lines, on by default
    {**OPTIONS, "consecutive-blank-lines": {}, "final-newline": {}, "trailing-whitespace": {}},
]

# Fragments the generic strategy rarely makes: heading chains deep enough to need a seventh
# level under start-at-h2, headings right under the frontmatter, blank lines in YAML values.
HEADINGS = st.sampled_from([
    "# H1", "## H2", "### H3", "#### H4", "##### H5", "###### H6", "#", "Setext\n===",
    "- # listed", "> # quoted", "#tag",
])
FRONTMATTER = st.sampled_from([
    "---\n\ntitle: a\n\n\ntags:\n  - x\n\n---", "---\ntext: |\n  a\n\n  b\nkey: 1\n\n---",
    "---\nplain: one\n\n  two\n\nnext: 2\n---", "---\n# comment\n\n# another\nk: v\n---",
    "---\nk: v\n---", "---\n\n---",
])


@st.composite
def option_note(draw) -> str:
    """A generated note with headings inserted and, often, a frontmatter that has blank lines
    followed (maybe after blank lines) by a heading."""
    text = draw(note_with(HEADINGS, most=6))
    if not text.startswith("---") and draw(st.booleans()):
        nl = "\r\n" if "\r\n" in text else "\n"
        head = draw(FRONTMATTER).split("\n") + [""] * draw(st.integers(0, 2))
        text = nl.join(head + [draw(HEADINGS)]) + nl + text
    return text


def _linter(root, config: dict[str, dict]):
    return linter_for(root, config, config)


def _fixed(config: dict[str, dict], text: str, tmp_path) -> str:
    outcome = fix_text(_linter(tmp_path, config), text)
    assert not outcome.refused, outcome.refused
    return outcome.text


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: "+".join(c))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(text=option_note())
def test_fixes_verify_are_idempotent_and_settle(tmp_path_factory, config, text):
    check_settles(_linter(tmp_path_factory.mktemp("v"), config), text)


# --- heading-increment: start-at-h2

H2 = {"heading-increment": {"start-at-h2": True}}


def test_start_at_h2_moves_every_top_heading_with_its_section(tmp_path):
    text = "# A\n### A.1\n## B\n# C\n## C.1\n"
    assert _fixed(H2, text, tmp_path) == "## A\n### A.1\n### B\n## C\n### C.1\n"


def test_start_at_h2_is_off_by_default(tmp_path):
    assert _fixed({"heading-increment": {}}, "# A\n## B\n", tmp_path) == "# A\n## B\n"


def test_start_at_h2_keeps_a_note_that_starts_lower(tmp_path):
    text = "### Deep start\n## Then\n"
    assert _fixed(H2, text, tmp_path) == text


def test_start_at_h2_never_makes_a_seventh_level(tmp_path):
    text = "# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6\n"
    linter = _linter(tmp_path, H2)
    found = linter.lint(Note("n.md", text))[0]
    assert any("level 7" in d.message and d.fix is None for d in found)
    assert _fixed(H2, text, tmp_path) == text


def test_start_at_h2_leaves_code_lists_and_setext_alone(tmp_path):
    text = "```\n# code\n```\n- # listed\n\nSetext\n===\n\n# Real\n"
    assert _fixed(H2, text, tmp_path) == "```\n# code\n```\n- # listed\n\nSetext\n===\n\n## Real\n"


def test_start_at_h2_crlf(tmp_path):
    assert _fixed(H2, "# A\r\n## B\r\n", tmp_path) == "## A\r\n### B\r\n"


# --- heading-blank-lines: after = false (the peer's bottom), empty-line-after-yaml = false

NO_AFTER = {"heading-blank-lines": {"after": False}}
NO_GAP = {"heading-blank-lines": {"empty-line-after-yaml": False}}


def test_after_false_lets_headings_follow_headings(tmp_path):
    text = "# H1\nline\n## H2\n# H1\nline\n"
    assert _fixed(NO_AFTER, text, tmp_path) == "# H1\nline\n\n## H2\n# H1\nline\n"


def test_after_false_still_wants_a_line_above_after_a_paragraph(tmp_path):
    assert _fixed(NO_AFTER, "text\n# H\n", tmp_path) == "text\n\n# H\n"


def test_after_true_still_separates_headings(tmp_path):
    assert _fixed({"heading-blank-lines": {}}, "# A\n## B\n", tmp_path) == "# A\n\n## B\n"


def test_empty_line_after_yaml_false_removes_the_gap(tmp_path):
    text = "---\nk: v\n---\n\n\n# Title\ntext\n"
    assert _fixed(NO_GAP, text, tmp_path) == "---\nk: v\n---\n# Title\n\ntext\n"


def test_empty_line_after_yaml_false_crlf(tmp_path):
    text = "---\r\nk: v\r\n---\r\n\r\n# Title\r\n"
    assert _fixed(NO_GAP, text, tmp_path) == "---\r\nk: v\r\n---\r\n# Title\r\n"


def test_empty_line_after_yaml_default_keeps_and_adds_nothing(tmp_path):
    for text in ("---\nk: v\n---\n\n# Title\n", "---\nk: v\n---\n# Title\n"):
        assert _fixed({"heading-blank-lines": {}}, text, tmp_path) == text


@pytest.mark.parametrize("text", [
    "---\nk: v\n---\n\ntext\n\n# Title\n",  # a paragraph first: not right after the YAML
    "---\nk: v\n---\n\n- # listed\n",  # a heading in a list is left alone
    "---\nk: v\n---\n\n```\n# code\n```\n",
    "\n# No frontmatter\n",
    "---\nk: [unclosed\n\n# Title\n",  # no closing ---: no frontmatter
])
def test_empty_line_after_yaml_false_touches_only_a_heading_right_after_it(tmp_path, text):
    assert _fixed(NO_GAP, text, tmp_path) == text


def test_peer_option_names_migrate(tmp_path):
    mig = migrate({"ruleConfigs": {
        "heading-blank-lines": {"enabled": True, "bottom": False, "empty-line-after-yaml": False},
        "header-increment": {"enabled": True, "start-at-h2": True},
        "compact-yaml": {"enabled": True, "inner-new-lines": True},
    }})
    assert mig.tables["heading-blank-lines"] == {"after": False, "empty-line-after-yaml": False}
    assert mig.tables["heading-increment"] == {"start-at-h2": True}
    assert mig.tables["yaml-format"] == {"inner-new-lines": True}
    assert not mig.no_option


# --- yaml-format: inner-new-lines

INNER = {"yaml-format": {"inner-new-lines": True}}


def test_inner_new_lines_removes_blank_lines_between_keys(tmp_path):
    text = "---\n\ndate: today\n\n\ntitle: x\n# comment\n\nk: v\n\n---\n\n\nbody\n"
    assert _fixed(INNER, text, tmp_path) == "---\ndate: today\ntitle: x\n# comment\nk: v\n---\n\n\nbody\n"


def test_inner_new_lines_keeps_blank_lines_that_are_data(tmp_path):
    text = "---\na: |\n  one\n\n  two\n\nb: plain\n\n  folded\n\nc: 1\n---\n"
    # the blank line in the block scalar and the one in the plain multi-line value are data
    assert _fixed(INNER, text, tmp_path) == "---\na: |\n  one\n\n  two\nb: plain\n\n  folded\nc: 1\n---\n"


def test_inner_new_lines_in_lists_and_crlf(tmp_path):
    text = "---\r\ntags:\r\n  - a\r\n\r\n  - b\r\n---\r\n"
    assert _fixed(INNER, text, tmp_path) == "---\r\ntags:\r\n  - a\r\n  - b\r\n---\r\n"


def test_inner_new_lines_off_by_default_keeps_them(tmp_path):
    text = "---\ndate: today\n\ntitle: x\n---\n"
    assert _fixed({"yaml-format": {}}, text, tmp_path) == text


def test_inner_new_lines_leaves_invalid_yaml_alone(tmp_path):
    text = "---\nk: [a\n\nb: 1\n---\n"
    assert _fixed(INNER, text, tmp_path) == text


@pytest.mark.parametrize("config", [
    {**H2, "file-name-heading": {}},
    {**NO_GAP, "blank-line-after-frontmatter": {}},
], ids=["start-at-h2+file-name-heading", "empty-line-after-yaml+blank-line-after-frontmatter"])
def test_options_that_would_never_settle_stop_the_run(tmp_path, config):
    with pytest.raises(ConfigError, match="enable only one of them"):
        _linter(tmp_path, config)


def test_contradiction_through_the_cli(tmp_path):
    root = write_vault(tmp_path / "v", {
        ".vaultlint.toml": "extend-select = ['file-name-heading']\n"
                           "[rules.heading-increment]\nstart-at-h2 = true\n",
        "n.md": "# N\n"})
    res = run_cli(["."], root)
    assert res.exit_code == 2 and "start-at-h2" in res.stdout + res.stderr
