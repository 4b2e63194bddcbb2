"""The content family (FMT3xx): generated notes with content-rule fragments spliced in, each rule
alone and all together, with --unsafe-fixes (every content fix changes the text); plus edge cases
(code, math, callouts, lists, tables, CRLF, frontmatter, Italian and French prose)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import note_text
from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import applies, fix_note, verify
from vaultlint.note import Note
from vaultlint.rules.format.content import RULES
from vaultlint.vault import Vault

NAMES = [rule.name for rule in RULES]
# Rules that only add or remove blanks: every other character stays, in order
BLANKS_ONLY = {"multiple-spaces", "link-text-spacing", "space-around-punctuation",
               "space-around-fullwidth", "cjk-spacing"}
_WS = re.compile(r"\s+")
FRAGMENTS = st.sampled_from([
    "中文english中文", "日本語`code`ひらがな", "한글 english", "中文[link](a.md)中文", "**粗体**english",
    "*斜体english*", "注[^1]", "中文  english", "“smart”", "‘single’", "don't", "l'acqua",
    "dell’anno", "'90s", "\"straight\"", "«guillemets»", "...", ". . .", "....", "linebr‐ eak",
    "pre- and post", "a   b", "word ,", "( x )", "right ?", "[ text ](t.md)",
    "[[T| alias ]]", "![[img.png| x ]]", "https://a.org/x_(y)", "<<https://b.org>>",
    "obsidian://open?v=1", "'https://c.org'", "[see https://d.org](e.md)", "key:: https://e.org",
    "文 。 字", "（ 注 ）", "a — b", "<% tp.x(\"“...\") %>", "`a...b  c`", "$x...y$",
    "%% a...b %%", "<span title=\"“x”\">h</span>", "- [ ] task", "#标签A", "Bonjour : ça va ?",
])


@st.composite
def content_note(draw) -> str:
    """A generated note with fragments appended to some of its lines."""
    lines = draw(note_text()).splitlines(keepends=True) or [""]
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        body = lines[i].rstrip("\r\n")
        lines[i] = body + draw(st.sampled_from(["", " "])) + draw(FRAGMENTS) + lines[i][len(body):]
    return "".join(lines)


def _linter(tmp_path_factory, rules: list[str]) -> Linter:
    root = tmp_path_factory.mktemp("v")
    s = Settings(root=root, select=rules)
    return Linter(s, Vault(root, [], s))


def _structure(note: Note) -> list[tuple]:
    """Block and inline token kinds, nesting and markup: no text."""
    return [(t.type, t.tag, t.nesting, t.markup) for tok in note.full_tokens
            for t in [tok, *(tok.children or [])] if t.type not in ("text", "softbreak")]


def _protected(note: Note, kinds: set[str]) -> list[tuple[str, str]]:
    return [(r.kind, note.text[r.start:r.end]) for r in note.regions if r.kind in kinds]


def _check(linter: Linter, rules: list[str], text: str) -> None:
    lint = lambda n: linter.lint(n)[0]  # noqa: E731
    before = Note("n.md", text)
    outcome = fix_note(before, lint, unsafe=True)
    assert not outcome.refused, outcome.refused
    after = Note("n.md", outcome.text)
    intents = {i for d in outcome.applied for i in d.fix.intents}
    assert verify(before, after, intents) is None
    # a fixed point: a second run changes nothing, and nothing fixable is left
    assert fix_note(after, lint, unsafe=True).text == outcome.text
    assert not [d for d in lint(after) if applies(d.fix, True)]
    kinds = {"code", "math", "comment", "html", "link", "field", "frontmatter"}
    if "bare-url" not in rules:
        kinds.add("url")
        assert _structure(before) == _structure(after)
    assert _protected(before, kinds) == _protected(after, kinds)
    if set(rules) <= BLANKS_ONLY:
        assert _WS.sub("", outcome.text) == _WS.sub("", text)


_SETTINGS = settings(max_examples=30, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow,
                                            HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("rule", NAMES)
@_SETTINGS
@given(text=content_note())
def test_each_rule_fixes_to_a_verified_fixed_point(tmp_path_factory, rule, text):
    _check(_linter(tmp_path_factory, [rule]), [rule], text)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=content_note())
def test_all_content_rules_together(tmp_path_factory, text):
    _check(_linter(tmp_path_factory, NAMES), NAMES, text)


def _fixed(tmp_path, rules: list[str] | dict, text: str) -> str:
    options = rules if isinstance(rules, dict) else {}
    s = Settings(root=tmp_path, select=list(rules), rule_config=options)
    linter = Linter(s, Vault(tmp_path, [], s))
    outcome = fix_note(Note("n.md", text), lambda n: linter.lint(n)[0], unsafe=True)
    assert not outcome.refused
    return outcome.text


EDGES = [
    # code, math, comments, HTML and frontmatter are never touched
    ("ellipsis",
     "---\nt: a...b\n---\n```\na...b\n```\n$$\na...b\n$$\n%%\na...b\n%%\n<div>\na...b\n</div>\n",
     None),
    ("quote-style", "---\nt: “x”\n---\n    “indented code”\n\n<!-- “c” -->\n", None),
    # CRLF kept
    ("ellipsis", "a...\r\nb...\r\n", "a…\r\nb…\r\n"),
    ("multiple-spaces", "a  b\r\nc   d\r\n", "a b\r\nc d\r\n"),
    # callouts, lists and tables
    ("multiple-spaces", "> [!note]  Title  here\n> body  text\n",
     "> [!note] Title here\n> body text\n"),
    ("multiple-spaces", "1.  one  two\n    -   three  four\n",
     "1.  one two\n    -   three four\n"),
    ("multiple-spaces", "| a  b | c |\n|---|---|\n| 1   | 2 |\n", None),
    ("multiple-spaces", "a  b  \nc\n", "a b  \nc\n"),  # the hard break stays
    ("ellipsis", "| a... | b |\n|---|---|\n", "| a… | b |\n|---|---|\n"),
    # Italian and French prose
    ("quote-style", "L’acqua dell’anno, l’“ombra”\n", "L'acqua dell'anno, l'\"ombra\"\n"),
    ({"quote-style": {"single-quote-style": "smart", "double-quote-style": "smart"}},
     "L'acqua, dell'anno e po' di \"vino\"\n", "L’acqua, dell’anno e po’ di “vino”\n"),
    ("hyphenated-line-break", "pre- e post-bellico, Vor- und Nachteile\n", None),
    ({"space-around-punctuation": {"characters-to-remove-space-before": ",.)"}},
     "Bonjour : ça va ? Oui , merci .\n", "Bonjour : ça va ? Oui, merci.\n"),
    # headings: reported, never fixed (links name their text)
    ("quote-style", "# “Title”\n", None),
    ("cjk-spacing", "## 中文english\n", None),
    # templater, dataview, tags, URLs
    ("quote-style", "<% tp.file.title(\"“x”\") %> key:: “v”\n",
     "<% tp.file.title(\"“x”\") %> key:: \"v\"\n"),
    ("bare-url", "key:: https://a.org\n[x]: https://b.org\n`https://c.org`\n", None),
    ("ellipsis", "https://a.org/x...y #tag... [[a...b]]\n",
     "https://a.org/x...y #tag… [[a...b]]\n"),
    ("cjk-spacing", "中文![[图english.png]]中文 中文#tag\n", None),
    ("link-text-spacing", "`[ a ](b)`\n\n<div>\n[ c ](d)\n</div>\n", None),
    ("space-around-fullwidth", "> 文字 。\n>   （ 注 ）\n", "> 文字。\n>   （注）\n"),
]


@pytest.mark.parametrize("rules,before,after", EDGES)
def test_edge_cases(tmp_path, rules, before, after):
    expected = before if after is None else after
    assert _fixed(tmp_path, [rules] if isinstance(rules, str) else rules, before) == expected


def test_rules_are_off_by_default_and_unsafe():
    for rule in RULES:
        assert not rule.default_enabled and rule.fix == "unsafe" and rule.aliases


def test_heading_finding_has_no_fix(tmp_path):
    s = Settings(root=tmp_path, select=["ellipsis"])
    linter = Linter(s, Vault(tmp_path, [], s))
    [found] = linter.lint(Note("n.md", "# Wait...\n"))[0]
    assert found.fix is None and "heading" in found.message


@pytest.mark.parametrize("rules,text", [
    # `\...` is an escaped dot then two dots: `\…` would render the backslash
    (["ellipsis"], "\\...And carefully again.\n"),
    (["ellipsis"], "> \\. . . and so on\n"),
    # the blank before a wikilink's `]]`: without it `[key]]]` closes the link at `key]]`
    (["space-around-punctuation"], "1. [[Note#get [key ] to|dict [key] ]]\n"),
    (["space-around-punctuation", "link-text-spacing"], "See [[Note|list [a] ]] now\n"),
])
def test_real_vault_patterns_left_alone(tmp_path, rules, text):
    assert _fixed(tmp_path, rules, text) == text


def test_ellipsis_after_an_escaped_backslash_elsewhere_still_fixed(tmp_path):
    assert _fixed(tmp_path, ["ellipsis"], "\\. and then... more\n") == "\\. and then… more\n"
