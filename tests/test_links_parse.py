"""Parsing links out of a note: what is a link, what is text, and how the target splits."""

from __future__ import annotations

from vaultlint.links import parse_links, strip_heading
from vaultlint.note import Note


def targets(text: str) -> list[tuple[bool, bool, str, str | None, str | None]]:
    return [(lk.wiki, lk.embed, lk.path, lk.subpath, lk.display)
            for lk in parse_links(Note("n.md", text))]


def test_wikilinks_embeds_and_markdown_links():
    text = ("[[Note#Head#Sub|shown]] ![[img.png|300]] ![[Paper.pdf#page=3]] [[#^Block]]\n"
            "[x](Some%20Note.md#Part%201) ![alt](pics/a%20b.png) [[Sq]uare]]\n")
    assert targets(text) == [
        (True, False, "Note", "Head#Sub", "shown"),
        (True, True, "img.png", None, "300"),
        (True, True, "Paper.pdf", "page=3", None),
        (True, False, "", "^Block", None),
        (False, False, "Some Note.md", "Part 1", None),
        (False, True, "pics/a b.png", None, None),
        (True, False, "Sq]uare", None, None),
    ]


def test_code_math_and_comments_hold_no_links():
    text = ("`[[a]]` $[[b]]$ %% [[c]] %% <!-- [[d]] -->\n\n```\n[[e]]\n```\n\n$$\n[[f]]\n$$\n\n"
            "%%\n[[g]]\n%%\n\n    [[h]]\n\n[[real]]\n")
    assert [t[2] for t in targets(text)] == ["real"]


def test_escaped_pipe_in_tables_separates_the_display_text():
    text = "| a | b |\n|---|---|\n| [[Basic formatting syntax\\|Markdown syntax]] | ![[E.jpg\\|200]] |\n"
    assert targets(text) == [(True, False, "Basic formatting syntax", None, "Markdown syntax"),
                             (True, True, "E.jpg", None, "200")]


def test_urls_and_wikilinks_before_markdown_links():
    text = "[web](https://x.org) [mail](mailto:a@b.c) [o](obsidian://open?x) [[Magic Numbers]](MZ)\n"
    assert targets(text) == [(True, False, "Magic Numbers", None, None)]


def test_targets_are_nfc_and_trimmed():
    assert targets("[[ Cafe\u0301 ]]\n") == [(True, False, "Caf\u00e9", None, None)]


def test_strip_heading_matches_obsidian():
    assert strip_heading("Part 1: Basics") == "part 1 basics"
    assert strip_heading("Concatenation with `+` Operator") == "concatenation with operator"
    assert strip_heading("lwr\xa0and\xa0lwl") == "lwr and lwl"
    assert strip_heading("Arithmetic and [[Python Numbers]]") == "arithmetic and python numbers"
    assert strip_heading("How large can it be?") == strip_heading("How large can it be")
