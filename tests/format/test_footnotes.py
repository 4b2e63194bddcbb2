"""The footnotes family (FMT5xx): footnote-after-punctuation, footnote-numbering and
footnotes-at-end, alone and together, on generated notes and on edge cases."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixing import check_settles, fix_text, linter_for
from strategies import note_with
from vaultlint import markdown
from vaultlint.note import Note
from vaultlint.rules.format.footnotes._notes import footnotes

RULES = ["footnote-after-punctuation", "footnote-numbering", "footnotes-at-end"]
RULE_SETS = [[r] for r in RULES] + [RULES]
SAFE = ["footnote-numbering", "footnotes-at-end"]

FRAGMENTS = st.sampled_from([
    "[^1]: first footnote", "[^a]: named footnote [^1]", "[^2]: two\n    indented more",
    "[^3]: three\n\n    second paragraph", "lazy continuation line", "Text[^1]. more[^2], end",
    "x[^a][^3]!", "word ^[inline note] end.", "[^1]: first footnote", "[^2]: a different two",
    "- [ ] [^4]: task", "> [^5]: quoted def", "- [^6]: listed def", "`[^7]` in code.",
    "[^9] undefined.", "see[^3]: colon", "a[^2]![[img.png]]", "\\[^1]. escaped", "",
    "```\n[^1]: in code\n```", "[x]: https://example.com", "$$\n[^1]. math\n$$",
    "%%\n[^2]: in a comment\n%%", "# Heading[^1].", "| a[^1]. | b |\n|---|---|",
    "  [^8]: indented def", "[^1]:", "para\n---",
])


_LINE_END_BLANKS = re.compile(r"[ \t]+\n")


def _html(text: str) -> str:
    return _LINE_END_BLANKS.sub("\n", Note("n.md", text).html)


@pytest.mark.parametrize("rules", RULE_SETS, ids=["+".join(r) for r in RULE_SETS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(text=note_with(FRAGMENTS, most=6))
def test_fixes_verify_are_idempotent_and_settle(tmp_path_factory, rules, text):
    outcome = check_settles(linter_for(tmp_path_factory.mktemp("v"), rules), text)
    if set(rules) <= set(SAFE):  # the safe ones render exactly the same
        assert _html(outcome.text) == _html(text)


def _reference_maps(body: str) -> list[tuple[str, int, int]]:
    """(label, first, last line) of the top-level definitions markdown-it itself finds (its
    footnote plugin with the step that moves definitions away switched off)."""
    md = markdown.parser.__wrapped__(inline=False)
    md.disable("footnote_tail")
    out = []
    for tok in md.parse(body):
        if tok.type == "footnote_reference_open" and tok.level == 0:
            last = tok.map[1] - 1
            lines = body.splitlines()
            while last > tok.map[0] and not lines[last].strip(" \t"):
                last -= 1
            out.append((tok.meta["label"], tok.map[0], last))
    return out


@settings(max_examples=60, deadline=None)
@given(text=note_with(FRAGMENTS, most=6))
def test_definitions_are_where_markdown_it_finds_them(text):
    note = Note("n.md", text)
    base = note.body_first_line
    ours = [(d.label, d.first - base, d.last - base) for d in footnotes(note).definitions]
    theirs = _reference_maps(text[note.body_start:])
    # a definition inside a comment is markdown-it's but not Obsidian's
    theirs = [t for t in theirs if not note.in_region(note.line_starts[t[1] + base], {"comment"})]
    assert ours == theirs


def fixed(tmp_path, rules, text, options=None, unsafe=True) -> str:
    outcome = fix_text(linter_for(tmp_path, rules, options), text, unsafe=unsafe)
    assert not outcome.refused, outcome.refused
    return outcome.text


# --- footnote-after-punctuation --------------------------------------------------------------

FAP = ["footnote-after-punctuation"]


@pytest.mark.parametrize("before,after", [
    ("Lorem[^1]. Ipsum[^2], doletes.\n", "Lorem.[^1] Ipsum,[^2] doletes.\n"),
    ("Lorem[^1] . Ipsum\n", "Lorem.[^1] Ipsum\n"),
    ("Wait[^1]?!\r\n", "Wait?![^1]\r\n"),
    ("Two[^1][^a].\n", "Two.[^1][^a]\n"),
    ("> [!note] Callout\n> In it[^1].\n", "> [!note] Callout\n> In it.[^1]\n"),
    ("- item[^1];\n", "- item;[^1]\n"),
    ("| cell[^1]. | b |\n|---|---|\n", "| cell.[^1] | b |\n|---|---|\n"),
    ("---\nk: '[^1].'\n---\nx[^1].\n", "---\nk: '[^1].'\n---\nx.[^1]\n"),
])
def test_punctuation_moves_before_the_reference(tmp_path, before, after):
    assert fixed(tmp_path, FAP, before) == after


@pytest.mark.parametrize("text", [
    "Lorem [^1].\n", "[^1]: a definition.\n", "- [ ] [^1]: task.\n", "`x[^1].`\n",
    "```\nx[^1].\n```\n", "$x[^1].$\n", "%%x[^1].%%\n", "a[^1]![[img.png]]\n", "a\\[^1].\n",
    "a^[inline]. b\n", "a[^1]:: field\n", "[[Note[^1].]]\n",
])
def test_punctuation_left_alone(tmp_path, text):
    assert fixed(tmp_path, FAP, text) == text


def test_after_punctuation_is_unsafe(tmp_path):
    assert fixed(tmp_path, FAP, "a[^1].\n", unsafe=False) == "a[^1].\n"


# --- footnote-numbering ----------------------------------------------------------------------

NUM = ["footnote-numbering"]


@pytest.mark.parametrize("before,after", [
    # numbered by first reference, references inside definitions too
    ("b[^b] a[^a]\n\n[^a]: A [^c]\n[^b]: B\n[^c]: C\n",
     "b[^1] a[^2]\n\n[^2]: A [^3]\n[^1]: B\n[^3]: C\n"),
    # unreferenced definitions come last; an undefined reference is text and stays
    ("x[^5] y[^z]\n\n[^9]: unused\n[^5]: five\n", "x[^1] y[^z]\n\n[^2]: unused\n[^1]: five\n"),
    # CRLF and frontmatter
    ("---\nt: 1\n---\nx[^3]\r\n\r\n[^3]: three\r\n",
     "---\nt: 1\n---\nx[^1]\r\n\r\n[^1]: three\r\n"),
    # a label used twice keeps one number
    ("a[^x] b[^y] c[^x]\n\n[^x]: X\n[^y]: Y\n", "a[^1] b[^2] c[^1]\n\n[^1]: X\n[^2]: Y\n"),
    # footnotes in code are not footnotes; inline footnotes have no label
    ("`[^1]` a^[inline] b[^q]\n\n```\n[^q]: code\n```\n\n[^q]: Q\n",
     "`[^1]` a^[inline] b[^1]\n\n```\n[^q]: code\n```\n\n[^1]: Q\n"),
])
def test_numbering(tmp_path, before, after):
    assert fixed(tmp_path, NUM, before, unsafe=False) == after
    assert _html(after) == _html(before)


@pytest.mark.parametrize("text", [
    "a[^1] b[^2]\n\n[^1]: one\n[^2]: two\n",
    "a[^x]\n\n[^x]: one\n[^x]: two\n",  # defined twice differently: reported, no fix
    "a[^x] b[^1]\n\n[^x]: X\n",  # [^1] is literal text: renaming x to 1 would link it
    "a[^x]\n\n- [^1]: listed\n\n[^x]: X\n",  # 1 is taken by a definition in a list
    "no footnotes\n",
])
def test_numbering_without_a_fix(tmp_path, text):
    assert fixed(tmp_path, NUM, text) == text


def test_numbering_reports_a_conflicting_duplicate(tmp_path):
    (diag,) = linter_for(tmp_path, NUM).lint(Note("n.md", "a[^x]\n\n[^x]: one\n[^x]: two\n"))[0]
    assert "defined twice" in diag.message and diag.fix is None


# --- footnotes-at-end ------------------------------------------------------------------------

END = ["footnotes-at-end"]


@pytest.mark.parametrize("before,after", [
    ("A.[^1]\n\n[^1]: one\n\nB.\n", "A.[^1]\n\nB.\n\n[^1]: one\n"),
    # a definition between two paragraphs: they stay two
    ("A.[^1]\n[^1]: one\n\nB.\n", "A.[^1]\n\nB.\n\n[^1]: one\n"),
    # several, sorted by reference, with their indented paragraphs
    ("A[^2] B[^1]\n\n[^1]: one\n\n    more one\n\n[^2]: two\n\n# H\n\ntext",
     "A[^2] B[^1]\n\n# H\n\ntext\n\n[^2]: two\n[^1]: one\n\n    more one"),
    # CRLF, frontmatter, a definition already at the end stays first
    ("---\r\nt: 1\r\n---\r\nA[^1][^2]\r\n\r\n[^2]: two\r\n\r\nB\r\n\r\n[^1]: one\r\n",
     "---\r\nt: 1\r\n---\r\nA[^1][^2]\r\n\r\nB\r\n\r\n[^1]: one\r\n[^2]: two\r\n"),
    # link reference definitions stay where they are
    ("A[^1] [l]\n\n[^1]: one\n\n[l]: https://example.com\n\nB\n",
     "A[^1] [l]\n\n[l]: https://example.com\n\nB\n\n[^1]: one\n"),
])
def test_definitions_move_to_the_end(tmp_path, before, after):
    assert fixed(tmp_path, END, before) == after
    assert _html(after) == _html(before)


@pytest.mark.parametrize("text", [
    "A[^1]\n\nB\n\n[^1]: one\n",
    "A[^1]\n\n[^1]: one\n\n```\nunclosed code",
    "A[^1]\n\n[^1]: one\n\nB %% open comment\n",
    "A[^1]\n\n> [^1]: in a callout\n\nB\n",
    "A[^1]\n\n```\n[^1]: in code\n```\n\nB\n",
])
def test_definitions_left_where_they_are(tmp_path, text):
    assert fixed(tmp_path, END, text) == text


def test_blank_line_between_footnotes_option(tmp_path):
    out = fixed(tmp_path, END, "A[^1][^2]\n\n[^1]: one\n[^2]: two\n\nB\n",
                {"footnotes-at-end": {"include-blank-line-between-footnotes": True}})
    assert out == "A[^1][^2]\n\nB\n\n[^1]: one\n\n[^2]: two\n"
