"""The spacing family (FMT1xx): blank lines around blocks, heading indentation, the blank line
after the frontmatter. Property tests over generated notes (each rule alone and all together:
every fix verified, idempotent, a fixed point within the fixer's passes) and edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import note_text, prose_line
from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import fix_note, verify
from vaultlint.note import Note
from vaultlint.rules.format import spacing
from vaultlint.vault import Vault

SAFE = [r.name for r in spacing.RULES if r.fix in ("safe", "safe/unsafe")]
UNSAFE = [r.name for r in spacing.RULES if r.fix in ("unsafe", "safe/unsafe")]
ALL = [r.name for r in spacing.RULES]
TABLE = ["| a | b |", "|---|---|", "| 1 | 2 |"]


@st.composite
def spacing_fragment(draw) -> list[str]:
    """Blocks glued to their neighbours, in quotes, callouts, lists and comments."""
    line = draw(prose_line())
    quote = draw(st.sampled_from(["", "> ", ">", "> > "]))
    kind = draw(st.sampled_from(["fence", "math", "math1", "table", "hr", "quote", "heading",
                                 "listblock", "comment", "frontmatter", "callout", "lazy",
                                 "loose", "indented", "soft", "mathdelims"]))
    blocks = {
        "fence": ["```", "code", "```"],
        "math": ["$$", "x^2", "$$"],
        "math1": ["$$x^2$$"],
        "mathdelims": [draw(st.sampled_from(["$$x^2$$", "$$$x$$$", "$$  a \\\\$$", "$$x$$ (1)",
                                             "- $$x$$", "1. $$y", "   $$", "$$ $$", "$$x\\$$"])),
                       draw(st.sampled_from(["$$", "$$$", "x$$", "a\\$$", "", "text"]))],
        "table": TABLE,
        "hr": [draw(st.sampled_from(["***", "---", "___", "- - -"]))],
        "quote": ["> quoted", "> > nested"],
        "heading": [draw(st.sampled_from(["   # Title", " ## Two ##", "  #tag", "    # code"]))],
        "listblock": ["- item", "  ```", "  code", "  ```", "  | a | b |", "  |---|---|", "  $$",
                      "  x", "  $$", "- [ ] task", "", "1. one", "", "2. two"],
        "comment": ["%%", "```", "code", "```", "%%"],
        "frontmatter": ["---", "key: value", "---"],
        "callout": ["> [!note] Title", "> ```", "> code", "> ```", "> text", "> | a | b |",
                    "> |---|---|"],
        "lazy": ["> quote", "lazy line", *TABLE, "row after the table"],
        "loose": ["- a", "", "- b", "", "    - c", "", "1. one", "", "2. two", "", "- [ ] t"],
        "indented": ["- a", "   - b", "      - c", "    - d", "\t- e", "  text"],
        "soft": ["line one", "line `code", "span` two", "hard  ", "break\\", "end <br>", "last",
                 "^block-id"],
    }
    body = [quote + b if kind not in ("frontmatter", "callout", "lazy", "loose") else b
            for b in blocks[kind]]
    return [line, *body, draw(prose_line())]


@st.composite
def spacing_note(draw) -> str:
    parts = [draw(note_text())]
    for frag in draw(st.lists(spacing_fragment(), min_size=1, max_size=4)):
        parts.append("\n".join(frag))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(p.replace("\r\n", "\n").replace("\n", newline) for p in parts)


def _linter(root: Path, rules: list[str]) -> Linter:
    s = Settings(root=root, select=rules)
    return Linter(s, Vault(root, [], s))


def _fix(linter: Linter, text: str, unsafe: bool = False):
    return fix_note(Note("n.md", text), lambda n: linter.lint(n)[0], unsafe=unsafe)


def _check_properties(linter: Linter, text: str, unsafe: bool) -> None:
    outcome = _fix(linter, text, unsafe)
    # A refused fix is reported with its reason; what was applied is verified.
    assert all(reason for _, reason in outcome.refused)
    intents = {i for d in outcome.applied for i in d.fix.intents}
    assert verify(Note("n.md", text), Note("n.md", outcome.text), intents) is None
    again = _fix(linter, outcome.text, unsafe)
    assert again.text == outcome.text  # idempotent: a fixed point, reached within the passes
    if not outcome.refused:
        left = [d for d in linter.lint(Note("n.md", outcome.text))[0]
                if d.fix is not None and (unsafe or d.fix.applicability.value == "safe")]
        assert not left, left


_SETTINGS = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow,
                                            HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("rule", ALL)
@_SETTINGS
@given(text=spacing_note())
def test_each_rule_alone_is_verified_and_idempotent(tmp_path_factory, rule, text):
    linter = _linter(tmp_path_factory.mktemp("v"), [rule])
    _check_properties(linter, text, unsafe=rule in UNSAFE)


@_SETTINGS
@given(text=spacing_note())
def test_safe_rules_together_render_the_same(tmp_path_factory, text):
    linter = _linter(tmp_path_factory.mktemp("v"), SAFE)
    outcome = _fix(linter, text)
    assert not [d for d, _ in outcome.refused if d.rule in SAFE], outcome.refused
    before, after = Note("n.md", text), Note("n.md", outcome.text)
    assert before.html == after.html
    _check_properties(linter, text, unsafe=False)


@_SETTINGS
@given(text=spacing_note())
def test_all_rules_together_reach_a_fixed_point(tmp_path_factory, text):
    _check_properties(_linter(tmp_path_factory.mktemp("v"), ALL), text, unsafe=True)


# --- edge cases ----------------------------------------------------------------------------------


def _fixed(tmp_path: Path, text: str, rules: list[str], unsafe: bool = False) -> str:
    outcome = _fix(_linter(tmp_path, rules), text, unsafe)
    assert not outcome.refused, outcome.refused
    return outcome.text


BLOCK_RULES = ["blank-lines-around-code-fences", "blank-lines-around-math-blocks",
               "blank-lines-around-tables", "blank-lines-around-horizontal-rules",
               "blank-lines-around-blockquotes"]


@pytest.mark.parametrize("text", [
    "- a\n  ```\n  code\n  ```\n  b\n",  # a blank line in a list item would make it loose
    "- a\n  | x | y |\n  |---|---|\n  | 1 | 2 |\n  b\n",
    "- a\n  $$\n  x\n  $$\n  b\n",
    "- a\n  > q\n  b\n",
    "```\ntext\n$$\nx\n$$\n| a | b |\n|---|---|\n```\n",  # inside code: not blocks at all
    "%%\ntext\n```\ncode\n```\ntext\n%%\n",  # inside a comment
    "Text\n---\n",  # a heading underline, not a rule
    "---\nk: v\n---\n```\ncode\n```\n",  # first block of the body
    "> [!note] Title\n> ```\n> code\n> ```\n",  # under a callout's title
    "[^1]: note\n    ```\n    code\n    ```\n    more\n",  # inside a footnote
])
def test_blocks_left_alone(tmp_path, text):
    assert _fixed(tmp_path, text, BLOCK_RULES) == text


@pytest.mark.parametrize("text,expected", [
    ("a\r\n```\r\ncode\r\n```\r\nb\r\n", "a\r\n\r\n```\r\ncode\r\n```\r\n\r\nb\r\n"),
    ("> a\n> > ```\n> > x\n> > ```\n> b\n", "> a\n>\n> > ```\n> > x\n> > ```\n>\n> b\n"),
    ("| a | b |\n|---|---|\n| 1 | 2 |\nrow\n# H\n",
     "| a | b |\n|---|---|\n| 1 | 2 |\nrow\n\n# H\n"),
    ("```\na\n```\n```\nb\n```\n", "```\na\n```\n\n```\nb\n```\n"),  # one blank line, not two
    ("> q\n\n---\nk: v\n", "> q\n\n---\n\nk: v\n"),  # `---` under a blank line is a rule
])
def test_blocks_fixed(tmp_path, text, expected):
    assert _fixed(tmp_path, text, BLOCK_RULES) == expected


def test_shared_blank_line_is_one_finding(tmp_path):
    linter = _linter(tmp_path, ["blank-lines-around-code-fences"])
    found = linter.lint(Note("n.md", "```\na\n```\n```\nb\n```\n"))[0]
    assert len(found) == 1


@pytest.mark.parametrize("text,expected", [
    ("   # Title\n", "# Title\n"),
    ("\t# code? no: a tab is four columns\n", None),
    (" #tag\n", None),
    ("> # quoted\n", None),
    ("text\n  # Heading\r\n", "text\n# Heading\r\n"),
])
def test_heading_indentation(tmp_path, text, expected):
    assert _fixed(tmp_path, text, ["heading-indentation"]) == (expected or text)


@pytest.mark.parametrize("text,expected", [
    ("---\r\nk: v\r\n---\r\nText\r\n", "---\r\nk: v\r\n---\r\n\r\nText\r\n"),
    ("---\nk: [\n---\nText\n", "---\nk: [\n---\n\nText\n"),  # invalid YAML is left as it is
    ("---\nk: v\n---", None),
    ("---\nk: v\n", None),  # unclosed: no frontmatter
])
def test_blank_line_after_frontmatter(tmp_path, text, expected):
    assert _fixed(tmp_path, text, ["blank-line-after-frontmatter"]) == (expected or text)


@pytest.mark.parametrize("text,expected", [
    ("a\nb `x\ny` c\nd\n", "a\n\nb `x\ny` c\n\nd\n"),  # no split inside a code span
    ("%% a\nb %%\n", None),  # a comment
    ("> a\n> b\n", None),  # a quote
    ("a\r\nb\r\n", "a\r\n\r\nb\r\n"),
    # tab-indented lines continuing a paragraph would become code after a blank line
    ("Two arguments:\n\t1. one\n\t2. two\nend\n", "Two arguments:\n\t1. one\n\t2. two\n\nend\n"),
    ("a\n    b\n", None),
])
def test_paragraph_blank_lines(tmp_path, text, expected):
    rules = ["paragraph-blank-lines"]
    assert _fixed(tmp_path, text, rules, unsafe=True) == (expected or text)
    assert _fixed(tmp_path, text, rules) == text  # unsafe: not applied by a plain --fix


@pytest.mark.parametrize("text,expected", [
    ("1. a\n\n\n2. b\n", "1. a\n2. b\n"),
    ("- a\n\n  para\n\n- b\n", None),  # the blank line follows a paragraph, not an item
    ("> - a\n>\n> - b\n", None),
    ("- a\n\n+ b\n", None),  # two kinds: two lists
    ("%%\n- a\n\n- b\n%%\n", None),
])
def test_list_item_blank_lines(tmp_path, text, expected):
    assert _fixed(tmp_path, text, ["list-item-blank-lines"], unsafe=True) == (expected or text)


@pytest.mark.parametrize("text,expected", [
    ("- a\n      - b\n", "- a\n\t  - b\n"),  # a remainder of spaces stays
    ("- a\n  text\n", None),  # not a list item line
    ("```\n    - code\n```\n", None),
    ("---\nk:\n    - v\n---\n", None),  # frontmatter
])
def test_indent_with_tabs(tmp_path, text, expected):
    assert _fixed(tmp_path, text, ["indent-with-tabs"]) == (expected or text)


@pytest.mark.parametrize("text,expected", [
    ("a\nb\n", "a  \nb\n"),
    ("a \t\nb\n", "a  \nb\n"),  # trailing blanks become the break
    ("a `x\ny`\n", None),  # inside a code span
    ("| a | b |\n|---|---|\n| 1 | 2 |\n", None),
    ("# H\ntext\n", None),
    ("a\\\nb<br/>\nc\n", None),
])
def test_hard_line_breaks(tmp_path, text, expected):
    assert _fixed(tmp_path, text, ["hard-line-breaks"], unsafe=True) == (expected or text)


def test_math_block_delimiters_fixes_the_peer_examples(tmp_path):
    import json
    examples = json.loads((Path(__file__).parents[1] / "conformance" /
                           "obsidian-linter-examples.json").read_text(encoding="utf-8"))
    linter = _linter(tmp_path, ["math-block-delimiters"])
    for example in examples["move-math-block-indicators-to-their-own-line"]["examples"]:
        assert linter.lint(Note("n.md", example["before"]))[0]
        assert not linter.lint(Note("n.md", example["after"]))[0]
        assert _fix(linter, example["before"], unsafe=True).text == example["after"]


@pytest.mark.parametrize("text,expected", [
    ("$$x$$\n", "$$\nx\n$$\n"),
    ("$$x$$\r\n", "$$\r\nx\r\n$$\r\n"),  # CRLF stays CRLF
    ("$$  x  $$\n", "$$\nx\n$$\n"),
    ("Text\n$$\nx^2$$\n", "Text\n$$\nx^2\n$$\n"),
    ("$$x\ny$$\n", "$$\nx\ny\n$$\n"),
    ("$$x$$ (1)\n", "$$\nx\n$$ (1)\n"),  # the label stays on the closing line
    ("> $$x$$\n", "> $$\n> x\n> $$\n"),
    ("> [!note] Title\n> $$x$$\n", "> [!note] Title\n> $$\n> x\n> $$\n"),
    ("> > $$x$$\n", "> > $$\n> > x\n> > $$\n"),
    ("- $$x$$\n- b\n", "- $$\n  x\n  $$\n- b\n"),
    ("1. $$x$$\n", "1. $$\n   x\n   $$\n"),
    ("> - $$x$$\n", "> - $$\n>   x\n>   $$\n"),
    ("$$x\\\\$$\n", "$$\nx\\\\\n$$\n"),  # `\\` is a line break: a break after it is layout
    ("$$x\\$$\n", "$$\nx\\$$\n"),  # `\` + break is a control space: the closing `$$` stays
    ("$$$x$$$\n", "$$$x$$$\n"),  # unsafe: the `$` next to the break is math text
    ("Inline $$x$$ math\n", None),
    ("$$ $$\n", None),
    ("%% $$x$$ %%\n", None),
    ("```\n$$x$$\n```\n", None),
    ("    $$x$$\n", None),  # indented code
    ("---\na: 1\n---\n$$x$$\n", "---\na: 1\n---\n$$\nx\n$$\n"),
])
def test_math_block_delimiters(tmp_path, text, expected):
    assert _fixed(tmp_path, text, ["math-block-delimiters"]) == (expected or text)


def test_math_block_delimiters_three_dollars_is_unsafe(tmp_path):
    text = "$$$x$$$\n"
    assert _fixed(tmp_path, text, ["math-block-delimiters"]) == text
    assert _fixed(tmp_path, text, ["math-block-delimiters"], unsafe=True) == "$$$\nx\n$$$\n"


def test_math_block_delimiters_fix_renders_the_same(tmp_path):
    for text in ["$$x$$\n", "a\n$$\\frac{1}{2}$$\nb\n", "> $$x\n> $$\n", "- $$x$$\n"]:
        after = _fixed(tmp_path, text, ["math-block-delimiters"])
        assert after != text and Note("n.md", after).html == Note("n.md", text).html


# --- real-vault patterns (Obsidian semantics the CommonMark tokens do not show) ----------------


@pytest.mark.parametrize("text", [
    # a callout type with metadata is still a callout title: no blank line under it
    ">>>[!warning| clean no-icon] Staff\n>>>| a | b |\n>>>|---|---|\n",
    "> [!column|flex]\n> ```\n> x\n> ```\n",
    "> [!tip:] Hint\n> $$\n> x\n> $$\n",
    # a `^block-id` right under a block is that block's id in Obsidian: never detached
    "Text\n\n$$\nx\n$$\n^eq-1\n\nMore\n",
    "Text\n\n```\ncode\n```\n^code-1\n",
    "> [!note] Title\n> q\n>\n> $$\n> x\n> $$\n^id-2\n",
    # `$$` under a list item is a lazy line of the item in Obsidian (rendered inside it)
    "- example:\n$$\nx\n$$\n",
    "> - example:\n> $$\n> x\n> $$\n> text\n",
    "1. one\n$$x$$\nand more\n",
])
def test_blocks_left_alone_in_obsidian_patterns(tmp_path, text):
    assert _fixed(tmp_path, text, BLOCK_RULES) == text


@pytest.mark.parametrize("text,expected", [
    ("- a\n\n$$\nx\n$$\nb\n", "- a\n\n$$\nx\n$$\n\nb\n"),  # a blank line already ends the list
    ("- a\n```\nx\n```\nb\n", "- a\n\n```\nx\n```\n\nb\n"),  # a fence is no lazy line
    ("[!note] no quote\n> q\n", "[!note] no quote\n\n> q\n"),  # not a callout: no `>`
])
def test_blocks_fixed_next_to_obsidian_patterns(tmp_path, text, expected):
    assert _fixed(tmp_path, text, BLOCK_RULES) == expected


@pytest.mark.parametrize("text", [
    # a callout's code whose middle lines lost their `>`: CommonMark sees two unclosed fences
    "> [!note] Code\n> text\n>```bash\n>ONE\nTWO\nTHREE\n>```\n>\n> end\n",
    "Text\n```\nnever closed\n",
    "Text\n````\ncode\n```\n",  # a shorter fence does not close it
])
def test_unclosed_fences_left_alone(tmp_path, text):
    assert _fixed(tmp_path, text, BLOCK_RULES) == text


def test_quote_ending_in_a_list_does_not_fight_consecutive_blank_lines(tmp_path):
    # markdown-it counts the blank line after such a quote in its map: no blank line is missing
    text = "> [!note] A\n> - a\n> - b\n>  \n>\n\n> [!note] C\n> text\n"
    rules = [*BLOCK_RULES, "consecutive-blank-lines"]
    assert _fixed(tmp_path, text, rules) == text
