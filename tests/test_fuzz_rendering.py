"""Bounded fuzz target (issue 13, class C): real-looking notes, mutated with what broke safe
fixes before (CRLF and lone CR line ends, lines of U+00A0 / U+2003 / U+3000, U+FEFF, `%%`
comments around fences and headings, loose lists, whitespace-only lines, empty frontmatter).

For every example: every safe fix keeps the rendered HTML, the fixed note re-read from its
bytes fixes to itself (idempotent), and every comment stays byte-identical."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from strategies import note_text
from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import _html as rendered
from vaultlint.fixer import fix_note, verify
from vaultlint.note import Note, encode
from vaultlint.vault import Vault

FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])

_INLINE = """\
---
title: Reading list
tags: [reading]
---
# Reading list

Papers I mean to read, with `code` and $x^2$ and [[Some Note|a link]].

- first item
- second item  
  continued

- loose item

> [!note] A callout
> with a body

```python
x = 1   
```

$$
a + b
$$

%% a private remark %%
Done.
"""


def _corpus() -> list[str]:
    """Lines of real notes (the user's seeds, when present) and a note written to look real."""
    texts = [_INLINE]
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return texts


CORPUS = _corpus()
SPACES = ["\u00a0", "\u2003", "\u3000", "\u00a0\u00a0", " \u3000 ", "", " ", "\t"]
# Lines spliced in: the shapes of the examples.
INSERTS = st.one_of(
    st.sampled_from(SPACES),
    st.sampled_from(["- a", "- b", "1. one", "  - nested", "```", "```js", "~~~", "%%", "%% x %%",
                     "# Heading", "## H2", "$$", "\ufeff", "\ufefftext", "---", "> quote",
                     "`open code", "close` span", "$open", "math$", "<!-- c -->", "key:: value"]),
)


@st.composite
def real_looking_note(draw) -> tuple[str, bool]:
    source = draw(st.sampled_from(CORPUS + ["generated"]))
    if source == "generated":
        lines = draw(note_text()).splitlines()
    else:
        all_lines = source.splitlines()
        start = draw(st.integers(0, max(0, len(all_lines) - 1)))
        lines = all_lines[start : start + draw(st.integers(1, 25))]
    for _ in range(draw(st.integers(0, 6))):  # splice in lines of the examples' shapes
        lines.insert(draw(st.integers(0, len(lines))), draw(INSERTS))
    if lines and draw(st.booleans()):  # trailing spaces (or unicode spaces) on some line
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] += draw(st.sampled_from(["  ", "   ", "\t", "\u00a0", " \u3000"]))
    if draw(st.booleans()):  # a `%%` comment around a stretch that may hold a fence
        a = draw(st.integers(0, len(lines)))
        b = draw(st.integers(a, len(lines)))
        lines[a:b] = ["%%", *lines[a:b], "  ", "%%"]
    if draw(st.booleans()):
        lines[:0] = ["---", "---", draw(st.sampled_from(["\ufeffText", "\ufeff---", "Text"]))]
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r", " \r", "\r \n"]),
                         min_size=len(lines), max_size=len(lines)))
    uniform = draw(st.sampled_from(["\n", "\r\n", None]))
    text = "".join(line + (uniform or end) for line, end in zip(lines, ends))
    return text, draw(st.booleans())


def _linter(tmp_path_factory) -> Linter:
    root = tmp_path_factory.mktemp("v")
    s = Settings(root=root)  # every default-enabled rule: every safe fix `--fix` applies
    return Linter(s, Vault(root, ["n.md"], s))


def _comments(note: Note) -> list[str]:
    return [note.text[r.start : r.end] for r in note.regions if r.kind == "comment"]


@FUZZ
@given(sample=real_looking_note())
def test_safe_fixes_keep_rendering_comments_and_are_idempotent(tmp_path_factory, sample):
    text, bom = sample
    linter = _linter(tmp_path_factory)
    lint = lambda n: linter.lint(n)[0]  # noqa: E731
    note = Note.from_bytes("n.md", encode(text, bom))  # as read from disk
    outcome = fix_note(note, lint)
    intents = {i for d in outcome.applied for i in d.fix.intents}
    after = Note.from_bytes("n.md", encode(outcome.text, note.bom))  # as the next run reads it
    assert after.text == outcome.text and after.bom == note.bom
    assert verify(note, after, intents) is None
    if not intents & {"body", "links", "headings"}:  # blanks at HTML line ends aside
        assert rendered(after, set()) == rendered(note, set())
    assert _comments(after) == _comments(note)
    assert fix_note(after, lint).text == outcome.text  # fixing twice = fixing once
