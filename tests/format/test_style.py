"""The style family (FMT2xx): markup rewritten on purpose, judged by the rendered HTML.

Property tests over generated notes (each rule alone, then all together, safe and unsafe):
every applied fix passes the fixer's verification, fixing is idempotent and settles within the
fixer's passes. Then direct tests of the edge cases: code, math, comments, callouts, tasks,
lists that a marker change would join, intraword emphasis, CRLF and frontmatter.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import note_text
from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import _html, fix_note, verify
from vaultlint.note import Note
from vaultlint.rules.format.style import RULES
from vaultlint.vault import Vault

NAMES = [rule.name for rule in RULES]
# Rule options worth exercising beside the defaults (every option value of the family).
VARIANTS: list[dict[str, dict]] = [
    {"bullet-marker": {"list-style": "*"}, "ordered-list-number": {"number-style": "lazy",
                                                                  "list-end-style": ")"},
     "quote-marker-space": {"style": "no space"}, "emphasis-marker": {"style": "underscore"},
     "strong-marker": {"style": "underscore"}, "code-fence-language": {"default-language": "py"}},
    {"bullet-marker": {"list-style": "+"}, "ordered-list-number": {"preserve-start": True},
     "emphasis-marker": {"style": "asterisk"}, "strong-marker": {"style": "asterisk"}},
    {"ordered-list-number": {"number-style": "preserve"}},
]

# The peer's own examples for the rules of this family, as whole notes.
_PEER = json.loads((Path(__file__).parents[1] / "conformance" / "obsidian-linter-examples.json")
                   .read_text(encoding="utf-8"))
PEER_BEFORES = sorted({ex["before"] for rule in RULES for alias in rule.aliases
                       for ex in _PEER[alias]["examples"]})

FRAGMENTS = st.sampled_from([*PEER_BEFORES,
    "- a\n* b\n+ c", "* a\n  - nested\n  - nested", "- [ ] task\n- [x] done", "1. a\n1. b\n4. c",
    "3) a\n3) b", "1. a\n   1. sub\n   5. sub", "9. nine\n9. ten\n\n   continued",
    ">quote\n>>nested\n> > > deep", "> [!note] Title\n>body\n> - item\n>   more",
    ">```\n>  code\n>```", "*em* and _em_ and **st** and __st__", "***both*** and ___both___",
    "**_a_** and __*b*__ and *__c__* and _**d**_", "a*b*c and snake_case_word and a**b**c",
    "`*code*` $_x_$ [[a_b_]] [*t*](u_v_) <i>*h*</i> %%*c*%% #tag_x_",
    "-   wide\n  - child?", "1.  two\n10. ten", "-     code in item", "- a\n-\n- b", "* a\n    *",
    "- - pasted\n  - - again", "1. 1. pasted", "• bullet\n  § sub", "```\nplain\n```",
    "| *a* | _b_ |\n|---|---|\n| x | y |", "- a\n\n* b", "1. a\n1) b", "\\*not em\\* &amp; *em*",
    "*a\nb* and _c  \nd_", "- *em* item\n- _em_ item",
    "~~~ \ncode\n~~~", "- ```\n  x\n  ```", "````\n```\nin\n```\n````", "> ~~~\n> q\n> ~~~",
    "```\r\ncrlf\r\n```", "%%\n```\nc\n```\n%%", "```\nunclosed",
])


@st.composite
def style_note(draw) -> str:
    parts = draw(st.lists(st.one_of(FRAGMENTS, note_text()), min_size=1, max_size=4))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return "\n\n".join(parts).replace("\n", newline)


def _linter(root: Path, names: list[str], options: dict[str, dict]) -> Linter:
    s = Settings(root=root, select=names, rule_config={n: o for n, o in options.items()
                                                       if n in names})
    return Linter(s, Vault(root, [], s))


def rendered(note: Note, loose: set[str]) -> str:
    """The note's HTML, exactly; with a fence's language set aside under `loose`."""
    return _html(note, loose) if loose else note.html


def _check_fix(linter: Linter, text: str, unsafe: bool) -> None:
    lint = lambda n: linter.lint(n)[0]  # noqa: E731
    outcome = fix_note(Note("n.md", text), lint, unsafe=unsafe)
    assert all(reason for _, reason in outcome.refused)
    assert not [r for _, r in outcome.refused if "did not settle" in r], outcome.refused
    intents = {i for d in outcome.applied for i in d.fix.intents}
    assert verify(Note("n.md", text), Note("n.md", outcome.text), intents) is None
    if not any("body" in d.fix.intents for d in outcome.applied):
        # a fence's language (code-language, unsafe) is the one change of the HTML allowed
        loose = {"code-language"} & intents
        assert rendered(Note("n.md", text), loose) == rendered(Note("n.md", outcome.text), loose)
    again = fix_note(Note("n.md", outcome.text), lint, unsafe=unsafe)
    assert again.text == outcome.text


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("name", NAMES)
@_SETTINGS
@given(text=style_note(), variant=st.sampled_from([{}, *VARIANTS]), unsafe=st.booleans())
def test_each_rule_fixes_verified_idempotent(tmp_path_factory, name, text, variant, unsafe):
    _check_fix(_linter(tmp_path_factory.mktemp("v"), [name], variant), text, unsafe)


@_SETTINGS
@given(text=style_note(), variant=st.sampled_from([{}, *VARIANTS]), unsafe=st.booleans())
def test_all_rules_together_reach_a_fixed_point(tmp_path_factory, text, variant, unsafe):
    _check_fix(_linter(tmp_path_factory.mktemp("v"), NAMES, variant), text, unsafe)


@_SETTINGS
@given(text=style_note())
def test_safe_fixes_render_the_same(tmp_path_factory, text):
    """Without --unsafe-fixes, the family never changes what the note shows."""
    linter = _linter(tmp_path_factory.mktemp("v"), NAMES, {})
    outcome = fix_note(Note("n.md", text), lambda n: linter.lint(n)[0])
    assert Note("n.md", text).html == Note("n.md", outcome.text).html


# --- direct cases ------------------------------------------------------------------------------


def _fix(tmp_path: Path, text: str, rules: list[str] | dict[str, dict],
         unsafe: bool = False) -> tuple[str, list]:
    names = list(rules)
    linter = _linter(tmp_path, names, rules if isinstance(rules, dict) else {})
    outcome = fix_note(Note("n.md", text), lambda n: linter.lint(n)[0], unsafe=unsafe)
    return outcome.text, outcome.refused


def _found(tmp_path: Path, text: str, rules: list[str] | dict[str, dict]) -> list:
    linter = _linter(tmp_path, list(rules), rules if isinstance(rules, dict) else {})
    return linter.lint(Note("n.md", text))[0]


@pytest.mark.parametrize("text", [
    "```\n* a\n- b\n```\n", "$$\n*a* _b_\n$$\n", "%%\n* a\n- b\n%%\n", "<div>\n*a* - b\n</div>\n",
    "---\ntags:\n- a\n* b\n---\n", "    * indented code\n    - more\n",
])
def test_nothing_in_code_math_comments_html_frontmatter(tmp_path, text):
    rules = {"bullet-marker": {"list-style": "+"}, "emphasis-marker": {"style": "underscore"},
             "quote-marker-space": {}, "ordered-list-number": {}}
    found = [d for d in _found(tmp_path, text, rules) if d.offset < len(text)]
    fixed, refused = _fix(tmp_path, text, rules, unsafe=True)
    assert fixed == text and not refused, found


def test_bullet_marker_keeps_adjacent_lists_apart_unless_unsafe(tmp_path):
    text = "- a\n* b\n"
    assert _fix(tmp_path, text, ["bullet-marker"]) == (text, [])
    assert _fix(tmp_path, text, ["bullet-marker"], unsafe=True)[0] == "- a\n- b\n"
    # a list beside a task list (left alone) that keeps a different marker is safe to change
    text = "* [ ] task\n- a\n\n+ b\n"
    assert _fix(tmp_path, text, {"bullet-marker": {"list-style": "+"}})[0] == text


def test_bullet_marker_in_callouts_and_nested_quotes(tmp_path):
    text = "> [!tip] T\n> * a\n>   * b\n> > + c\n"
    fixed, refused = _fix(tmp_path, text, {"bullet-marker": {"list-style": "-"}})
    assert fixed == "> [!tip] T\n> - a\n>   - b\n> > - c\n" and not refused


def test_bullet_marker_crlf_and_frontmatter(tmp_path):
    text = "---\na: 1\n---\r\n* a\r\n* b\r\n"
    fixed, _ = _fix(tmp_path, text.replace("\n", "\r\n").replace("\r\r", "\r"),
                    {"bullet-marker": {"list-style": "-"}})
    assert fixed == "---\r\na: 1\r\n---\r\n- a\r\n- b\r\n"


def test_ordered_list_first_number_is_unsafe(tmp_path):
    text = "3. a\n7. b\n"
    assert _fix(tmp_path, text, ["ordered-list-number"])[0] == text
    assert _fix(tmp_path, text, ["ordered-list-number"], unsafe=True)[0] == "1. a\n2. b\n"
    # a wider number that would push the next paragraph out of the item is refused, not applied
    text = "9. a\n9. b\n\n   para of b\n"
    fixed, refused = _fix(tmp_path, text, {"ordered-list-number": {"preserve-start": True}})
    assert fixed == "9. a\n10. b\n\n   para of b\n" or refused


def test_emphasis_markers_inside_words_and_protected_text(tmp_path):
    rules = {"emphasis-marker": {"style": "underscore"}, "strong-marker": {"style": "underscore"}}
    text = "a*b*c, x**y**z, `*c*`, $*m*$, [[a*b*]], <b>h</b>, https://x.org/*a*, %%*c*%%\n"
    assert _fix(tmp_path, text, rules) == (text, [])
    # between inline HTML tags it is Markdown emphasis like any other
    assert _fix(tmp_path, "<b>*h*</b>\n", rules)[0] == "<b>_h_</b>\n"
    rules = {"emphasis-marker": {"style": "asterisk"}}
    text = "snake_case_name and _em_ and \\_escaped\\_ and [_t_](a_b_c)\n"
    assert _fix(tmp_path, text, rules)[0] == (
        "snake_case_name and *em* and \\_escaped\\_ and [*t*](a_b_c)\n")


def test_emphasis_beside_footnotes_autolinks_images_and_references(tmp_path):
    text = ("a ^[note] _b_ [^1] <http://a.b/_c_> ![_i_](p) [_t_][r] `` a`b `` _c_ &amp; _d_\n\n"
            "[^1]: x\n\n[r]: /u\n")
    fixed, refused = _fix(tmp_path, text, {"emphasis-marker": {"style": "asterisk"}})
    assert fixed == text.replace("_b_", "*b*").replace("[_t_]", "[*t*]").replace(
        "_c_ &", "*c* &").replace("_d_", "*d*") and not refused


def test_emphasis_across_lines_in_a_quote_and_a_list(tmp_path):
    text = "> *a\n> b* and\n- _c\n  d_\n"
    fixed, refused = _fix(tmp_path, text, ["emphasis-marker"])
    assert fixed == "> *a\n> b* and\n- *c\n  d*\n" and not refused


def test_emphasis_in_tables_is_left_alone(tmp_path):
    text = "| *a* | _b_ |\n|---|---|\n| x | y |\n"
    assert not _found(tmp_path, text, ["emphasis-marker"])


def test_quote_marker_space_leaves_code_in_quotes(tmp_path):
    text = ">```\n>  code\n>```\n>text\n"
    assert _fix(tmp_path, text, ["quote-marker-space"])[0] == ">```\n>  code\n>```\n> text\n"
    text = "> - a\n>\n>   para in a\n"
    fixed, refused = _fix(tmp_path, text, {"quote-marker-space": {"style": "no space"}})
    assert fixed == ">- a\n>\n>   para in a\n" and not refused


def test_list_marker_space_keeps_structure(tmp_path):
    assert _fix(tmp_path, "-   a\n  - b\n", ["list-marker-space"]) == ("-   a\n  - b\n", [])
    assert _fix(tmp_path, "-   a\n    -   b\n", ["list-marker-space"])[0] == "- a\n    - b\n"
    assert _fix(tmp_path, "-\tx\n", ["list-marker-space"])[0] == "- x\n"


def test_empty_and_doubled_markers_are_unsafe_only(tmp_path):
    for rule, text, after in [("empty-list-item", "- a\n-\n- b\n", "- a\n- b\n"),
                              ("doubled-list-marker", "- - a\n", "- a\n"),
                              ("bullet-character", "• a\n", "- a\n")]:
        assert _fix(tmp_path, text, [rule]) == (text, [])
        assert _fix(tmp_path, text, [rule], unsafe=True)[0] == after


def test_code_fence_language_fix_is_unsafe(tmp_path):
    text = "```\nx\n```\n\n~~~js\ny\n~~~\n"
    rules = {"code-fence-language": {"default-language": "python"}}
    found = _found(tmp_path, text, rules)
    assert [(d.line, d.fix.applicability.value) for d in found] == [(1, "unsafe")]
    assert _fix(tmp_path, text, rules) == (text, [])
    assert _fix(tmp_path, text, rules, unsafe=True)[0] == "```python\nx\n```\n\n~~~js\ny\n~~~\n"


@pytest.mark.parametrize("text,expected", [
    ("```\nx\n```\r\n", "```py\nx\n```\r\n"),
    ("```  \r\nx\r\n```\r\n", "```py\r\nx\r\n```\r\n"),  # the blanks after the fence go
    ("> ```\n> x\n> ```\n", "> ```py\n> x\n> ```\n"),
    ("> [!note]\n> ~~~~\n> x\n> ~~~~\n", "> [!note]\n> ~~~~py\n> x\n> ~~~~\n"),
    ("- a\n\n  ```\n  x\n  ```\n", "- a\n\n  ```py\n  x\n  ```\n"),
    ("````\n```\nx\n```\n````\n", "````py\n```\nx\n```\n````\n"),  # the inner fence is code
    ("%%\n```\nx\n```\n%%\n", None),  # in a comment
    ("    ```\n    x\n", None),  # indented code, no fence
    ("```js\nx\n```\n", None),
    ("---\na: 1\n---\n```\nx\n```\n", "---\na: 1\n---\n```py\nx\n```\n"),
])
def test_code_fence_language_fixes(tmp_path, text, expected):
    rules = {"code-fence-language": {"default-language": "py"}}
    assert _fix(tmp_path, text, rules, unsafe=True) == (expected or text, [])


def test_code_fence_language_with_a_backtick_is_not_written_into_a_backtick_fence(tmp_path):
    rules = {"code-fence-language": {"default-language": "a`b"}}
    found = _found(tmp_path, "```\nx\n```\n\n~~~\ny\n~~~\n", rules)
    assert [(d.line, d.fix is None) for d in found] == [(1, True), (5, False)]


def test_peer_ids_select_the_rules(tmp_path):
    from vaultlint import rules as registry

    peers = {a: r.name for r in RULES for a in r.aliases}
    assert set(peers) == {
        "unordered-list-style", "ordered-list-style", "blockquote-style", "emphasis-style",
        "strong-style", "default-language-for-code-fences", "space-after-list-markers",
        "remove-empty-list-markers", "remove-consecutive-list-markers",
        "convert-bullet-list-markers"}
    for alias, name in peers.items():
        assert [r.name for r in registry.ALL_RULES if r.matches(alias)] == [name]
    assert not any(r.default_enabled for r in RULES)


@pytest.mark.parametrize("text", [
    # a callout's table of contents nested with tabs: Obsidian shows `>\t1.` one level deeper,
    # CommonMark counts the tab in columns and finds items of one list; left alone
    ">[!info]\n>1. [[#One]]\n>\t1. [[#Sub one]]\n>\t2. [[#Sub two]]\n>2. [[#Two]]\n",
    "> 1. a\n>\t1. b\n> 1. c\n",
])
def test_lists_obsidian_nests_by_tab_are_left_alone(tmp_path, text):
    rules = ["ordered-list-number", "bullet-marker", "list-marker-space"]
    assert _fix(tmp_path, text, rules, unsafe=True) == (text, [])


def test_lists_with_one_tab_indentation_are_still_fixed(tmp_path):
    text = "- a\n\t1. x\n\t1. y\n"  # the nested items share their tab: numbered as usual
    assert _fix(tmp_path, text, ["ordered-list-number"]) == ("- a\n\t1. x\n\t2. y\n", [])
