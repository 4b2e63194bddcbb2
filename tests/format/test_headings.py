"""The headings family (FMT4xx): heading-trailing-punctuation, heading-capitalization and
file-name-heading, alone and together, on generated notes and on edge cases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixing import check_settles, fix_text, linter_for
from strategies import note_with
from vaultlint.note import Note

RULES = ["heading-trailing-punctuation", "heading-capitalization", "file-name-heading"]
RULE_SETS = [[r] for r in RULES] + [RULES]

# Heading lines the generic strategy rarely makes: punctuation, casing, links, code, entities.
HEADINGS = st.sampled_from([
    "# the end.", "## Why? ##", "### wait...", "# a [[note|the alias]] here!", "# `code.`",
    "# see [the link](https://example.com/a.)", "#### ALL CAPS TITLE:", "# Über die Straße;",
    "# 章节。", "# &amp;", "# ends with escape\\!", "# #tag.", "# math $x.$",
    "# iPhone and macOS",
    "# %%comment.%%", "Setext title.\n===", "setext two\nlines:\n---", "> # quoted heading.",
    "- # listed heading.", "```\n# in code.\n```", "# 'quoted' (words) and-dashes", "#",
    "# ^block-id", "# a[^1]. b", "#  spaced out  !  ",
])




@pytest.mark.parametrize("rules", RULE_SETS, ids=["+".join(r) for r in RULE_SETS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(text=note_with(HEADINGS))
def test_fixes_verify_are_idempotent_and_settle(tmp_path_factory, rules, text):
    check_settles(linter_for(tmp_path_factory.mktemp("v"), rules), text)


@pytest.mark.parametrize("style", ["ALL CAPS", "First letter"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(text=note_with(HEADINGS))
def test_other_styles_settle(tmp_path_factory, style, text):
    linter = linter_for(tmp_path_factory.mktemp("v"), ["heading-capitalization"],
                     {"heading-capitalization": {"style": style, "ignore-cased-words": False}})
    check_settles(linter, text)


def fixed(tmp_path, rules, text, options=None, path="n.md", unsafe=True) -> str:
    outcome = fix_text(linter_for(tmp_path, rules, options), text, path, unsafe)
    assert not outcome.refused, outcome.refused
    return outcome.text


# --- heading-trailing-punctuation ------------------------------------------------------------

@pytest.mark.parametrize("before,after", [
    ("# Done.\n", "# Done\n"),
    ("# Done.\r\n\r\ntext\r\n", "# Done\r\n\r\ntext\r\n"),
    ("---\ntitle: a.\n---\n# Done!\n", "---\ntitle: a.\n---\n# Done\n"),
    ("## Closed! ##\n", "## Closed ##\n"),
    ("Setext.\n===\n", "Setext\n===\n"),
    ("# 章节。\n", "# 章节\n"),
    ("# Several.;:\n", "# Several\n"),
    ("# Trailing blanks!  \n", "# Trailing blanks  \n"),
])
def test_trailing_punctuation_is_removed(tmp_path, before, after):
    assert fixed(tmp_path, ["heading-trailing-punctuation"], before) == after


@pytest.mark.parametrize("text", [
    "```\n# in code.\n```\n", "%%\n# in comment.\n%%\n", "# `code.`\n", "# $x.$\n",
    "# [[Note.]]\n", "# Heading &amp;\n", "# Escaped\\!\n", "# Wait...\n", "# …\n", "# .\n",
    "> # In a callout.\n", "- # In a list.\n", "Paragraph.\n", "    # indented code.\n",
])
def test_trailing_punctuation_left_alone(tmp_path, text):
    assert fixed(tmp_path, ["heading-trailing-punctuation"], text) == text


def test_trailing_punctuation_fix_is_unsafe_and_mentions_links(tmp_path):
    linter = linter_for(tmp_path, ["heading-trailing-punctuation"])
    assert fixed(tmp_path, ["heading-trailing-punctuation"], "# A.\n", unsafe=False) == "# A.\n"
    (ascii_,) = linter.lint(Note("n.md", "# A.\n"))[0]
    (cjk,) = linter.lint(Note("n.md", "# 章节。\n"))[0]
    assert "links" not in ascii_.message and "links" in cjk.message


# --- heading-capitalization ------------------------------------------------------------------

CAP = "heading-capitalization"


@pytest.mark.parametrize("before,after,options", [
    ("# the lord of the rings\n", "# The Lord of the Rings\n", {}),
    ("# a [[my note|the alias]] and `some code` today\n",
     "# A [[my note|the alias]] and `some code` Today\n", {}),
    ("# see #tag and https://example.com/path today\n",
     "# See #tag and https://example.com/path Today\n", {}),
    ("Title of the setext\n===\n", "Title of the Setext\n===\n", {}),
    ("## closed heading ##\r\n", "## Closed Heading ##\r\n", {}),
    ("# \"quoted words\" (in brackets)\n", "# \"Quoted Words\" (In Brackets)\n", {}),
    ("# NASA and the moon\n", "# NASA and the Moon\n", {}),
    ("# NASA and the moon\n", "# Nasa and the Moon\n", {"ignore-cased-words": False}),
    ("# the big iPhone\n", "# The big iPhone\n", {"style": "First letter"}),
    ("# the BIG iphone\n", "# The big iphone\n",
     {"style": "First letter", "ignore-cased-words": False}),
    ("# über straße [[link]] `x`\n", "# ÜBER STRASSE [[link]] `x`\n", {"style": "ALL CAPS"}),
    ("# a heading\n", "# A Heading\n", {"lowercase-words": []}),
])
def test_capitalization(tmp_path, before, after, options):
    assert fixed(tmp_path, [CAP], before, {CAP: options} if options else None) == after


@pytest.mark.parametrize("text", [
    "```\n# the code\n```\n", "%%\n# the comment\n%%\n", "> # the callout\n",
    "- # the list\n", "the paragraph\n", "# 123 456\n", "# *emphasis* `code`\n",
])
def test_capitalization_left_alone(tmp_path, text):
    assert fixed(tmp_path, [CAP], text) == text


def test_capitalization_is_unsafe_and_says_the_style(tmp_path):
    assert fixed(tmp_path, [CAP], "# the end\n", unsafe=False) == "# the end\n"
    (diag,) = linter_for(tmp_path, [CAP]).lint(Note("n.md", "# the end\n"))[0]
    assert diag.message == "heading is not in Title Case: `The End`"


def test_capitalization_options_are_validated_and_peer_id_works():
    from vaultlint.config import ConfigError, validate_config

    validate_config({"rules": {"capitalize-headings": {"style": "ALL CAPS"}}}, "t")
    with pytest.raises(ConfigError):
        validate_config({"rules": {CAP: {"style": "Sentence case"}}}, "t")


# --- file-name-heading -----------------------------------------------------------------------

FNH = ["file-name-heading"]


@pytest.mark.parametrize("before,after", [
    ("Text\n", "# My note\nText\n"),
    ("Text\r\nmore\r\n", "# My note\r\nText\r\nmore\r\n"),
    ("---\na: 1\n---\nText\n", "---\na: 1\n---\n# My note\nText\n"),
    ("---\na: 1\n---", "---\na: 1\n---\n# My note\n"),
    ("", "# My note\n"),
    ("## Only H2\n", "# My note\n## Only H2\n"),
    ("```\n# in code\n```\n", "# My note\n```\n# in code\n```\n"),
    ("%%\n# in a comment\n%%\n", "# My note\n%%\n# in a comment\n%%\n"),
    ("> # in a callout\n", "# My note\n> # in a callout\n"),
])
def test_file_name_heading_is_inserted(tmp_path, before, after):
    assert fixed(tmp_path, FNH, before, path="Folder/My note.md") == after


@pytest.mark.parametrize("text", ["# Title\n", "text\n\n# Later title\n", "Title\n===\n"])
def test_file_name_heading_left_alone(tmp_path, text):
    assert fixed(tmp_path, FNH, text, path="My note.md") == text


@pytest.mark.parametrize("path,heading", [
    ("a_b *c*.md", "# a\\_b \\*c\\*"), ("C #.md", "# C \\#"), ("x $5$.md", "# x \\$5\\$"),
])
def test_file_name_heading_escapes_markdown(tmp_path, path, heading):
    out = fixed(tmp_path, FNH, "Text\n", path=path)
    assert out == heading + "\nText\n"
    from vaultlint.note import Note as N

    (h,) = N(path, out).headings  # the heading shows the file name as it is
    assert h.level == 1


ITALIAN = ("La funzione è definita dove il denominatore non si annulla e dove le radici di "
           "indice pari hanno un argomento non negativo; il dominio si trova risolvendo il "
           "sistema delle condizioni, una per ogni frazione, radice o logaritmo della funzione.")


def test_capitalization_leaves_headings_of_notes_in_another_language(make_vault):
    """Title Case and its word lists are English: an Italian note's headings stay as written,
    a short one too (it takes the language of its vault), an English one is still fixed."""
    from conftest import run_cli

    vault = make_vault({**{f"Analisi/n{i}.md": f"# Nota {i}\n\n{ITALIAN}\n" for i in range(4)},
                        "Analisi/breve.md": "## condizioni di esistenza\n\n- $x > 0$\n",
                        "Analisi/english.md": "## how the limit works\n\nThe limit of a "
                        "function is the value it approaches as the input gets closer to a "
                        "point; it exists when both one-sided limits exist and agree. We "
                        "compute it by simplifying the expression first, then substituting the "
                        "point, and we check the two sides separately whenever the function "
                        "is defined piecewise around that point.\n"})
    found = run_cli(["--select", "heading-capitalization", "--output-format", "json"],
                    vault).json()
    assert [(d["path"], d["line"]) for d in found] == [("Analisi/english.md", 1)]
