"""The yaml family, part 1 (FM301-FM307): key order, array style, removed keys, dedupe, sort,
inserted keys, value quotes. Property tests over generated frontmatter, then edge cases."""

from __future__ import annotations

import subprocess
import sys
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

# Each rule with options that make it want something on the generated notes.
OPTIONS: dict[str, dict] = {
    "yaml-key-order": {"priority-keys": ["title", "tags"], "other-keys-order": "ascending"},
    "yaml-array-style": {"default-style": "flow", "tags-style": "block", "aliases-style": "block"},
    "yaml-removed-keys": {"keys": ["n", "flag"]},
    "yaml-array-dedupe": {},
    "yaml-array-sort": {},
    "yaml-inserted-keys": {"text": "status: draft  # new\ntags:"},
    "yaml-value-quotes": {"force-keys": ["title", "date"]},
}

# Whole top-level entries (a key with its value lines), some tricky: comments after values,
# quoted values holding `#` and `:`, Templater values, block scalars, nested data. A key drawn
# twice makes invalid YAML (a duplicate key), which no rule may touch.
ENTRIES = [
    "tags: [b, a, b]", "tags:\n  - b\n  - a  # first\n  - b", "tags:\n- '#x'\n- y",
    "aliases: Title 1, Title2", "aliases:\n- x\n- 'x'\n- y", "title: it's here",
    'quote: say "hi"  # why', "url: 'http://a.b/c#d: e'", 'k: "a: b # c"',
    "created: <% tp.date.now() %>", 'tpl: "<% tp.file.title %>"', "text: |\n  line one\n  line: two",
    "fold: >-\n  a\n  b", "n: 1", "flag: false", "date: 2024-02-22", "empty:", "# a comment", "",
    "nested:\n  deep: [x, y]", "gists:\n  - id: 1\n    url: u", "items: []", "mixed: [1, a, true]",
    "list: [z'q, \"y\", x]", "title: Plain", "authors:\n  # the first\n  - Ng\n  - Bo",
    "bad: [unclosed", "multi: a plain\n  value on two lines", "tag: [c, a]", "alias: Other",
]


@st.composite
def yaml_note(draw) -> str:
    entries = draw(st.lists(st.sampled_from(ENTRIES), max_size=7))
    nl = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    text = "\n".join(["---", *entries, "---", "body"]) + "\n"
    if draw(st.booleans()):
        text += draw(note_text())
    return text.replace("\r\n", "\n").replace("\n", nl)


def _linter(root: Path, rules: list[str]) -> Linter:
    s = Settings(root=root, select=rules, rule_config={r: OPTIONS.get(r, {}) for r in rules})
    return Linter(s, Vault(root, [], s))


def _fix(linter: Linter, text: str) -> FixOutcome:
    return fix_note(Note("n.md", text), lambda n: linter.lint(n)[0], unsafe=True)


def _comments(text: str) -> Counter:
    fm = Note("n.md", text).frontmatter
    if fm is None:
        return Counter()
    return Counter(yaml_comments(text[fm.content_start:fm.content_end].replace("\r\n", "\n")) or [])


def _check_properties(linter: Linter, text: str, alone: bool) -> None:
    outcome = _fix(linter, text)
    # every applied fix passed verify (the fixer checks); a refusal says why; a rule alone
    # neither fights itself nor proposes a fix the safety check refuses
    assert all(reason for _, reason in outcome.refused)
    if alone:
        assert not outcome.refused, outcome.refused
    # idempotent, and a fixed point: nothing left to fix
    again = _fix(linter, outcome.text)
    assert again.text == outcome.text
    assert not again.applied, again.applied
    # invalid YAML is never touched
    before = Note("n.md", text).frontmatter
    if before is not None and before.error is not None:
        assert outcome.text == text
    # no comment is lost, but a removed duplicate's (declared by dedupe)
    if not any(d.code == "FM304" for d in outcome.applied):
        assert not _comments(text) - _comments(outcome.text)
    # line endings are the file's
    if "\r\n" in text:
        assert "\n" not in outcome.text.replace("\r\n", "")


_SETTINGS = settings(max_examples=40, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("rule", sorted(OPTIONS))
@_SETTINGS
@given(text=yaml_note())
def test_each_rule_alone(tmp_path_factory, rule, text):
    _check_properties(_linter(tmp_path_factory.mktemp("v"), [rule]), text, alone=True)


@_SETTINGS
@given(text=yaml_note())
def test_all_rules_together(tmp_path_factory, text):
    # with the default-on frontmatter rules that edit the same keys (tags, deprecated keys)
    rules = [*sorted(OPTIONS), "tags-format", "deprecated-property", "yaml-format"]
    _check_properties(_linter(tmp_path_factory.mktemp("v"), rules), text, alone=False)


def _run(tmp_path: Path, rule: str, text: str, options: dict | None = None) -> str:
    s = Settings(root=tmp_path, select=[rule], rule_config={rule: options or {}})
    linter = Linter(s, Vault(tmp_path, [], s))
    outcome = _fix(linter, text)
    assert not outcome.refused, outcome.refused
    return outcome.text


def test_key_order_moves_comments_blank_lines_and_block_scalars(tmp_path):
    text = "---\nb: |\n  one\n  two: x\n\n# about a\na: 'q # r'  # c\n# trailing\n---\nbody\n"
    assert _run(tmp_path, "yaml-key-order", text, {"other-keys-order": "ascending"}) == (
        "---\n\n# about a\na: 'q # r'  # c\nb: |\n  one\n  two: x\n# trailing\n---\nbody\n")


def test_key_order_crlf_and_flow_mapping(tmp_path):
    opts = {"priority-keys": ["a"]}
    assert _run(tmp_path, "yaml-key-order", "---\r\nb: 1\r\na: 2\r\n---\r\n", opts) == \
        "---\r\na: 2\r\nb: 1\r\n---\r\n"
    flow = "---\n{b: 1, a: 2}\n---\n"
    assert _run(tmp_path, "yaml-key-order", flow, opts) == flow


@pytest.mark.parametrize("rule", sorted(OPTIONS))
@pytest.mark.parametrize("text", [
    "---\n---\nbody\n", "---\ntags: [a, b\n---\n", "---\nk: v: w\nn: 1\n---\n",
    "---\n- a\n- b\n---\n", "no frontmatter\n", "---\nunclosed: 1\n",
])
def test_empty_invalid_or_no_frontmatter_is_left_alone(tmp_path, rule, text):
    assert _run(tmp_path, rule, text, OPTIONS[rule]) == text


def test_array_style_keeps_quoting_and_file_indentation(tmp_path):
    text = "---\ntags: ['#a', \"b c\"]\nother:\n- x\n---\n"
    assert _run(tmp_path, "yaml-array-style", text, {"tags-style": "block"}) == \
        "---\ntags:\n- '#a'\n- \"b c\"\nother:\n- x\n---\n"


def test_array_style_leaves_commented_and_multiline_lists(tmp_path):
    for text in ("---\ntags:\n  - a  # why\n  - b\n---\n", "---\nl:\n  - |\n    x\n  - y\n---\n"):
        assert _run(tmp_path, "yaml-array-style", text, {"default-style": "flow",
                                                         "tags-style": "flow"}) == text


def test_array_style_string_to_list_is_unsafe(tmp_path):
    s = Settings(root=tmp_path, select=["yaml-array-style"],
                 rule_config={"yaml-array-style": {"aliases-style": "flow"}})
    linter = Linter(s, Vault(tmp_path, [], s))
    text = "---\naliases: A, B\n---\n"
    assert fix_note(Note("n.md", text), lambda n: linter.lint(n)[0]).text == text
    assert _fix(linter, text).text == "---\naliases: [A, B]\n---\n"


def test_dedupe_drops_repeated_items_comments_declared(tmp_path):
    text = "---\naliases:\n  - A  # one\n  - A  # two\n  - B\n---\n"
    assert _run(tmp_path, "yaml-array-dedupe", text) == "---\naliases:\n  - A  # one\n  - B\n---\n"


def test_dedupe_keeps_empty_items(tmp_path):
    text = "---\nl:\n- #a\n- #b\n---\n"
    assert _run(tmp_path, "yaml-array-dedupe", text) == text


def test_sort_keeps_quotes_and_templater(tmp_path):
    text = "---\naliases: ['<% tp.file.title %>', b, \"A\"]\n---\n"
    assert _run(tmp_path, "yaml-array-sort", text) == \
        "---\naliases: ['<% tp.file.title %>', \"A\", b]\n---\n"


def test_removed_key_keeps_its_comments_and_never_empties_the_frontmatter(tmp_path):
    text = "---\na: 1\nstatus: x  # old\nb: |\n  t\n---\n"
    assert _run(tmp_path, "yaml-removed-keys", text, {"keys": ["status", "b"]}) == \
        "---\na: 1\n# old\n---\n"
    only = "---\nstatus: x\n---\n"
    assert _run(tmp_path, "yaml-removed-keys", only, {"keys": ["status"]}) == only


def test_inserted_keys_crlf(tmp_path):
    assert _run(tmp_path, "yaml-inserted-keys", "---\r\na: 1\r\n---\r\n", {"text": "tags:\nb: 2"}) == \
        "---\r\ntags:\r\nb: 2\r\na: 1\r\n---\r\n"


def test_value_quotes_backslash_uses_single_quotes_and_templater(tmp_path):
    text = "---\np: C:\\dir \"x\"\nt: <% tp.date.now(\"YYYY\") %>\n---\n"
    assert _run(tmp_path, "yaml-value-quotes", text) == \
        "---\np: 'C:\\dir \"x\"'\nt: '<% tp.date.now(\"YYYY\") %>'\n---\n"


def test_value_quotes_leaves_both_quote_kinds_and_block_scalars(tmp_path):
    text = "---\na: it's \"x\"\nb: >\n  it's\n---\n"
    assert _run(tmp_path, "yaml-value-quotes", text) == text


def test_cli_fix_keeps_bom_and_crlf(tmp_path):
    (tmp_path / ".vaultlint.toml").write_text(
        '[rules.yaml-key-order]\npriority-keys = ["a"]\n', encoding="utf-8")
    note = tmp_path / "n.md"
    note.write_bytes("\ufeff---\r\nb: 1  # c\r\na: 2\r\n---\r\nbody\r\n".encode())
    subprocess.run([sys.executable, "-m", "vaultlint", "--fix", "--select", "FM301", str(tmp_path)],
                   cwd=tmp_path, capture_output=True, check=False)
    assert note.read_bytes() == "\ufeff---\r\na: 2\r\nb: 1  # c\r\n---\r\nbody\r\n".encode()
