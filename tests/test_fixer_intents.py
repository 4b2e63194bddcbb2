"""The fixer's two narrow intents: "math-delimiters" (a math block's `$$` moves to or from its
own line) and "code-language" (a code fence's info string changes). Each allows exactly that
change; a fix that declares one and changes math or code text, or anything else, is refused."""

from __future__ import annotations

import pytest

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.fixer import fix_note, verify
from vaultlint.note import Note

MATH = {"math-delimiters"}
CODE = {"code-language"}


def _verify(before: str, after: str, intents: set[str]) -> str | None:
    return verify(Note("n.md", before), Note("n.md", after), intents)


@pytest.mark.parametrize("before,after", [
    ("$$x$$\n", "$$\nx\n$$\n"),
    ("$$x$$\r\n", "$$\r\nx\r\n$$\r\n"),
    ("$$  x  $$\n", "$$\nx\n$$\n"),
    ("$$$x\n$$$\n", "$$$\nx\n$$$\n"),  # `$$$` is `$$` and a `$` of the formula
    ("> $$x$$\n", "> $$\n> x\n> $$\n"),
    ("- $$x$$\n", "- $$\n  x\n  $$\n"),
    ("$$x$$ (1)\n", "$$\nx\n$$ (1)\n"),
    ("$$x\\\\$$\n", "$$\nx\\\\\n$$\n"),  # `\\` is a line break: a break after it is layout
    ("$$x\\ $$\n", "$$\nx\\\n$$\n"),  # a control space stays one
])
def test_math_delimiters_allows_moving_the_dollars(before, after):
    assert _verify(before, after, MATH) is None
    assert _verify(before, after, set()) is not None  # no layout fix may do it


@pytest.mark.parametrize("before,after", [
    ("$$x$$\n", "$$\ny\n$$\n"),  # the formula changes
    ("$$x y$$\n", "$$\nx  y\n$$\n"),  # whitespace inside the formula
    ("$$x\n  y$$\n", "$$\nx\ny\n$$\n"),  # the indentation of an inner line
    ("$$x\\$$\n", "$$\nx\\\n$$\n"),  # `\` then a break is TeX's control space
    ("$$x$$ (1)\n", "$$\nx\n$$ (2)\n"),  # the label
    ("$$$x$$$\n", "$$\nx\n$$\n"),  # a `$` of the formula dropped
    ("a $x$ b\n\n$$y$$\n", "a $ x$ b\n\n$$\ny\n$$\n"),  # inline math is not loosened
    ("a $$x$$ b\n", "a $$\nx\n$$ b\n"),  # inline math made a block
    ("$$x$$\n%% a %%\n", "$$\nx\n$$\n%% b %%\n"),  # other protected text
    ("$$x$$\n```\nc\n```\n", "$$\nx\n$$\n```py\nc\n```\n"),  # a fence's info: not this intent
    ("$$x$$\n\n*a*\n", "$$\nx\n$$\n\n_a_\n"),  # other markup
])
def test_math_delimiters_refuses_everything_else(before, after):
    assert _verify(before, after, MATH) is not None


@pytest.mark.parametrize("before,after", [
    ("$$x\n  y$$\n", "$$\nx\n y\n$$\n"),
    ("$$a b$$\n", "$$\nab\n$$\n"),
])
def test_math_delimiters_with_a_markup_or_body_fix_still_keeps_the_formula(before, after):
    """Even where the token check is off ("markup": the HTML judges; "body": neither), the
    formula is compared: by the rendered HTML and by the protected text."""
    for extra in ({"markup"}, {"body"}):
        assert _verify(before, after, MATH | extra) is not None


@pytest.mark.parametrize("before,after", [
    ("```\nx\n```\n", "```py\nx\n```\n"),
    ("```\nx\n```\r\n", "```py\nx\n```\r\n"),
    ("~~~  \nx\n~~~\n", "~~~py\nx\n~~~\n"),
    ("```js\nx\n```\n", "```ts\nx\n```\n"),
    ("> ```\n> x\n> ```\n", "> ```js\n> x\n> ```\n"),
    ("- ```\n  x\n  ```\n", "- ```js\n  x\n  ```\n"),
])
def test_code_language_allows_the_info_string(before, after):
    assert _verify(before, after, CODE) is None
    assert _verify(before, after, set()) is not None


@pytest.mark.parametrize("before,after", [
    ("```\nx\n```\n", "```py\ny\n```\n"),  # the code changes
    ("```\nx\n```\n", "```py\nx \n```\n"),  # a space in the code
    ("```\nx\n```\n", "~~~py\nx\n~~~\n"),  # the fence markers
    ("```\nx\n```\n", "````py\nx\n````\n"),
    ("```\nx\n```\n", "```py\nx\n```\n\nmore\n"),
    ("a `x` b\n", "a `y` b\n"),  # inline code
    ("```\nx\n```\n<b>a</b>\n", "```py\nx\n```\n<i>a</i>\n"),  # HTML
    ("```\nx\n```\n\n$$x$$\n", "```py\nx\n```\n\n$$\nx\n$$\n"),  # math: not this intent
    ("```\nx\n```\n", "```py`\nx\n```\n"),  # a backtick in the info: no fence any more
])
def test_code_language_refuses_everything_else(before, after):
    assert _verify(before, after, CODE) is not None


def test_code_language_with_a_body_fix_still_keeps_the_code():
    assert _verify("```\nx\n```\n", "```py\ny\n```\n", CODE | {"body"}) is not None


def _rule(find: str, replace: str, intents: set[str]):
    """A lint function whose one finding proposes replacing `find` by `replace`, declaring
    `intents`: the fixer must judge it by what it does, not by what it declares."""
    def lint(note: Note) -> list[Diagnostic]:
        at = note.text.find(find)
        if at < 0:
            return []
        fix = Fix.safe(Edit(at, at + len(find), replace), intents=frozenset(intents))
        return [Diagnostic(note.path, 1, 1, 1, 2, "FMT999", "test-rule", Severity.INFO,
                           "finding", fix, offset=at)]
    return lint


@pytest.mark.parametrize("text,find,replace,intents", [
    ("$$x$$\n", "$$x$$", "$$\nx2\n$$", MATH),  # math content under math-delimiters
    ("$$a b$$\n", "$$a b$$", "$$\na\nb\n$$", MATH),
    ("```\nx\n```\n", "```\nx", "```py\ny", CODE),  # code content under code-language
    ("```\nx\n```\n", "```\nx\n```", "```py\nx\n```\n\n```\nz\n```", CODE),
])
def test_a_fix_that_changes_math_or_code_under_the_intents_is_refused(text, find, replace,
                                                                      intents):
    outcome = fix_note(Note("n.md", text), _rule(find, replace, intents))
    assert outcome.text == text
    assert [d.code for d, _ in outcome.refused] == ["FMT999"]


@pytest.mark.parametrize("text,find,replace,intents,expected", [
    ("$$x$$\n", "$$x$$", "$$\nx\n$$", MATH, "$$\nx\n$$\n"),
    ("```\nx\n```\n", "```\nx", "```py\nx", CODE, "```py\nx\n```\n"),
])
def test_the_declared_change_alone_is_applied(text, find, replace, intents, expected):
    outcome = fix_note(Note("n.md", text), _rule(find, replace, intents))
    assert outcome.text == expected and not outcome.refused
