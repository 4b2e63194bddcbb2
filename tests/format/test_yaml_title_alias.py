"""yaml-title-alias (FM333): the note's title first in `aliases`, the old title remembered.
Property tests over generated notes (alone, and with the yaml rules that edit the same keys),
then edge cases."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import note_text
from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import FixOutcome, fix_note
from vaultlint.frontmatter import yaml_comments
from vaultlint.note import Note
from vaultlint.vault import Vault

RULE = "yaml-title-alias"
KEEP = "keep-alias-that-matches-the-filename"
TRACK = "use-yaml-key-to-keep-track-of-old-filename-or-heading"
PRESERVE = "preserve-existing-alias-section-style"
HELPER = "linter-yaml-title-alias"

# The rules that edit the same keys, each with options that make it want something.
PEERS: dict[str, dict] = {
    "yaml-title": {},
    "yaml-array-style": {"default-style": "flow", "aliases-style": "flow"},
    "yaml-array-sort": {},
    "yaml-array-dedupe": {},
    "yaml-key-order": {"priority-keys": ["title", "aliases"], "other-keys-order": "ascending"},
}

# Top-level entries around the two keys: every form of `aliases`, old and current helper
# values, comments, quoting, odd values; a key drawn twice makes invalid YAML (left alone).
ENTRIES = [
    "aliases: [a, b]  # mine", "aliases:\n  - Old  # was the title\n  - Other", "aliases: Old",
    "aliases:", "aliases: []", "aliases:\n- Title\n- 'x'", "aliases: [Title, Title]",
    "aliases: 12", "aliases: n", "aliases: {k: v}", "alias: Single", "aliases:\n  - n\n  - \"Title: sub\"",
    f"{HELPER}: Old", f"{HELPER}: Title  # kept", f"{HELPER}: n", f"{HELPER}: 12",
    f"{HELPER}:\n  - x", "title: Old", "tags: [z, a]", "# a comment", "", "n: 1",
    "text: |\n  one\n  two", "bad: [unclosed",
]
HEADS = ["", "# Title\n", "# n\n", "# Title: sub\n", "# [Linked](x.md) [[A|B]]\n", "# 12\n",
         "```\n# code\n```\n", "> # quoted\n", "%%\n# hidden\n%%\n"]


@st.composite
def alias_note(draw) -> str:
    text = ""
    if draw(st.integers(0, 4)):
        entries = draw(st.lists(st.sampled_from(ENTRIES), max_size=5))
        text = "\n".join(["---", *entries, "---"]) + "\n"
    text += draw(st.sampled_from(HEADS))
    if draw(st.booleans()):
        text += draw(note_text())
    nl = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return text.replace("\r\n", "\n").replace("\n", nl)


OPTION_SETS = st.fixed_dictionaries({
    KEEP: st.booleans(), TRACK: st.booleans(), PRESERVE: st.booleans(),
    "alias-helper-key": st.sampled_from([HELPER, HELPER, "alias-key:"])})


def _fix(root: Path, text: str, rules: dict[str, dict], name: str = "n.md",
         unsafe: bool = True) -> FixOutcome:
    s = Settings(root=root, select=list(rules), rule_config=rules)
    linter = Linter(s, Vault(root, [], s))

    def lint(note: Note) -> list:
        found = linter.lint(note)[0]
        assert not [d for d in found if d.rule == "internal-error"], found  # no rule crashed
        return found
    return fix_note(Note(name, text), lint, unsafe=unsafe)


def _comments(text: str) -> Counter:
    fm = Note("n.md", text).frontmatter
    if fm is None:
        return Counter()
    return Counter(yaml_comments(text[fm.content_start:fm.content_end].replace("\r\n", "\n")) or [])


def _check(root: Path, text: str, rules: dict[str, dict], name: str, alone: bool) -> None:
    outcome = _fix(root, text, rules, name)
    if alone:  # the rule alone never proposes a fix the safety check refuses
        assert not outcome.refused, outcome.refused
    assert all(reason for _, reason in outcome.refused)
    again = _fix(root, outcome.text, rules, name)  # idempotent: a fixed point in one run
    assert again.text == outcome.text and not again.applied, again.applied
    before = Note(name, text).frontmatter
    if before is not None and before.error is not None:
        assert outcome.text == text  # invalid YAML is never touched
    if not any(d.rule == "yaml-array-dedupe" for d in outcome.applied) and not any(
            d.rule == RULE and any(i.startswith("comment-drop:") for i in d.fix.intents)
            for d in outcome.applied):
        assert not _comments(text) - _comments(outcome.text)  # no comment lost undeclared
    if "\r\n" in text:
        assert "\n" not in outcome.text.replace("\r\n", "")


_SETTINGS = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(text=alias_note(), options=OPTION_SETS, name=st.sampled_from(["n.md", "Title.md", "Old.md"]))
def test_alone_verifies_and_is_idempotent(tmp_path_factory, text, options, name):
    _check(tmp_path_factory.mktemp("v"), text, {RULE: options}, name, alone=True)


@_SETTINGS
@given(text=alias_note(), options=OPTION_SETS, name=st.sampled_from(["n.md", "Title.md"]),
       peers=st.lists(st.sampled_from(sorted(PEERS)), min_size=1, unique=True))
def test_with_the_other_yaml_rules_reaches_a_fixed_point(tmp_path_factory, text, options, name,
                                                         peers):
    rules = {RULE: options, **{p: PEERS[p] for p in peers}}
    _check(tmp_path_factory.mktemp("v"), text, rules, name, alone=False)


@_SETTINGS
@given(text=alias_note(), name=st.sampled_from(["n.md", "Title.md"]))
def test_all_together_with_defaults_refuses_nothing(tmp_path_factory, text, name):
    rules = {RULE: {}, **PEERS}
    outcome = _fix(tmp_path_factory.mktemp("v"), text, rules, name)
    assert not outcome.refused, outcome.refused


# --- edge cases ---------------------------------------------------------------------------------


def _run(tmp_path: Path, text: str, options: dict | None = None, name: str = "n.md",
         unsafe: bool = True) -> str:
    outcome = _fix(tmp_path, text, {RULE: options or {}}, name, unsafe)
    assert not outcome.refused, outcome.refused
    return outcome.text


@pytest.mark.parametrize("before,after", [
    # a title is added first, in the list's own style, comments kept
    ("---\naliases: [a, b]  # mine\n---\n# T\n",
     "---\naliases: [T, a, b] # mine\nlinter-yaml-title-alias: T\n---\n# T\n"),
    ("---\naliases:\n  - a  # first\n---\n# T\n",
     "---\naliases:\n  - T\n  - a  # first\nlinter-yaml-title-alias: T\n---\n# T\n"),
    # the file's list indentation is kept for a new key
    ("---\ntags:\n- x\n---\n# T\n", "---\ntags:\n- x\naliases:\n- T\nlinter-yaml-title-alias: T\n---\n# T\n"),
    # a single string becomes a list when a second alias comes (its comment keeps its column)
    ("---\naliases: Other  # c\n---\n# T\n",
     "---\naliases:        # c\n  - T\n  - Other\nlinter-yaml-title-alias: T\n---\n# T\n"),
    # an empty `aliases:` gets the title
    ("---\naliases:\n---\n# T\n", "---\naliases:\n  - T\nlinter-yaml-title-alias: T\n---\n# T\n"),
    # the singular key, when it is the only one
    ("---\nalias: [x]\n---\n# T\n", "---\nalias: [T, x]\nlinter-yaml-title-alias: T\n---\n# T\n"),
    # a title that is not plain YAML text is quoted (a number, a colon)
    ("# 12\n", '---\naliases:\n  - "12"\nlinter-yaml-title-alias: "12"\n---\n# 12\n'),
    ("---\naliases: [a]\n---\n# A: b\n",
     '---\naliases: ["A: b", a]\nlinter-yaml-title-alias: "A: b"\n---\n# A: b\n'),
    # headings in code, quotes, lists and comments are no title: the file name is, and is dropped
    ("```\n# code\n```\n", "```\n# code\n```\n"),
    ("- # item\n", "- # item\n"),
    # CRLF kept
    ("---\r\ntags: [a]\r\n---\r\n# T\r\n",
     "---\r\ntags: [a]\r\naliases:\r\n  - T\r\nlinter-yaml-title-alias: T\r\n---\r\n# T\r\n"),
    # empty frontmatter gets the keys
    ("---\n---\n# T\n", "---\naliases:\n  - T\nlinter-yaml-title-alias: T\n---\n# T\n"),
    # invalid YAML and a flow mapping are left alone
    ("---\nbad: [x\n---\n# T\n", "---\nbad: [x\n---\n# T\n"),
    ("---\n{a: 1}\n---\n# T\n", "---\n{a: 1}\n---\n# T\n"),
])
def test_title_added(tmp_path, before, after):
    assert _run(tmp_path, before) == after


def test_a_renamed_heading_replaces_its_old_alias_and_keeps_the_others(tmp_path):
    text = "---\naliases:\n  - Other\n  - Old  # was\nlinter-yaml-title-alias: Old  # helper\n---\n# New\n"
    assert _run(tmp_path, text) == (
        "---\naliases:\n  - Other\n  - New  # was\nlinter-yaml-title-alias: New  # helper\n---\n# New\n")
    # without --unsafe-fixes the old alias stays
    assert _run(tmp_path, text, unsafe=False) == text


def test_the_old_title_goes_when_the_new_one_is_already_an_alias(tmp_path):
    text = "---\naliases: [Old, New]\nlinter-yaml-title-alias: Old\n---\n# New\n"
    assert _run(tmp_path, text) == "---\naliases: [New]\nlinter-yaml-title-alias: New\n---\n# New\n"


def test_the_title_already_there_is_not_added_twice(tmp_path):
    text = "---\naliases: T\n---\n# T\n"  # the peer would write [T, T]
    assert _run(tmp_path, text) == "---\naliases: T\nlinter-yaml-title-alias: T\n---\n# T\n"


def test_file_name_alias_removed_unless_kept(tmp_path):
    text = "---\naliases:\n  - n  # mine\n  - x\nlinter-yaml-title-alias: n\n---\nNo heading.\n"
    assert _run(tmp_path, text) == "---\naliases:\n  - x\n---\nNo heading.\n"
    assert _run(tmp_path, text, unsafe=False) == text  # removing is unsafe
    assert _run(tmp_path, text, {KEEP: True}) == text
    single = "---\naliases: n\ntags: [a]\n---\n# n\n"  # a single string: the key goes
    assert _run(tmp_path, single) == "---\ntags: [a]\n---\n# n\n"
    # no key would be left: reported, not fixed (removing the whole frontmatter is not ours)
    only = "---\naliases: [n]\n---\n"
    assert _run(tmp_path, only) == only


def test_heading_equal_to_the_file_name_is_no_alias(tmp_path):
    assert _run(tmp_path, "# Title\n", name="Title.md") == "# Title\n"
    assert _run(tmp_path, "# Title\n", {KEEP: True}, name="Title.md") == (
        "---\naliases:\n  - Title\nlinter-yaml-title-alias: Title\n---\n# Title\n")


def test_without_the_helper_key_it_is_removed(tmp_path):
    text = "---\naliases: [T]\nlinter-yaml-title-alias: T\n---\n# T\n"
    assert _run(tmp_path, text, {TRACK: False}) == "---\naliases: [T]\n---\n# T\n"


def test_helper_key_option(tmp_path):
    assert _run(tmp_path, "# T\n", {"alias-helper-key": "title:"}) == (
        "---\naliases:\n  - T\ntitle: T\n---\n# T\n")
    text = "---\ntitle: Old  # mine\naliases: [Old]\n---\n# T\n"
    assert _run(tmp_path, text, {"alias-helper-key": "title"}) == (
        "---\ntitle: T    # mine\naliases: [T]\n---\n# T\n")  # the comment keeps its column


def test_section_style_option(tmp_path):
    text = "---\naliases: [Old, x]\nlinter-yaml-title-alias: Old\n---\n# T\n"
    assert _run(tmp_path, text, {PRESERVE: False}) == (
        "---\naliases:\n  - T\n  - x\nlinter-yaml-title-alias: T\n---\n# T\n")
    assert _run(tmp_path, "---\naliases: Old\nlinter-yaml-title-alias: Old\n---\n# T\n") == (
        "---\naliases: T\nlinter-yaml-title-alias: T\n---\n# T\n")


def test_fix_kinds(tmp_path):
    s = Settings(root=tmp_path, select=[RULE], rule_config={})
    linter = Linter(s, Vault(tmp_path, [], s))

    def fix_of(text: str):
        [diag] = [d for d in linter.lint(Note("n.md", text))[0] if d.rule == RULE]
        return diag.fix

    added = fix_of("---\naliases: [a]\n---\n# T\n")
    assert added.applicability.value == "safe"
    assert added.intents == {"frontmatter:aliases", f"frontmatter:{HELPER}"}
    assert fix_of(f"---\naliases: [Old]\n{HELPER}: Old\n---\n# T\n").applicability.value == "unsafe"
    assert fix_of("# T\n").intents == {"frontmatter"}


def test_helper_key_cannot_be_the_aliases(tmp_path):
    from vaultlint.config import ConfigError, load_settings

    (tmp_path / ".vaultlint.toml").write_text('[rules.yaml-title-alias]\nalias-helper-key = "aliases"\n')
    with pytest.raises(ConfigError):
        load_settings(tmp_path, tmp_path)


def test_peer_settings_migrate(tmp_path):
    from vaultlint.init import migrate

    mig = migrate({"ruleConfigs": {RULE: {
        "enabled": True, PRESERVE: True, KEEP: True, TRACK: False, "alias-helper-key": "title"}}})
    assert RULE in mig.extend_select and not mig.no_option
    assert mig.tables[RULE] == {KEEP: True, TRACK: False, "alias-helper-key": "title"}
