"""Markdown edge cases where vaultlint must read a note as Obsidian does: NUL bytes in a UTF-8
note, spaces in Markdown link destinations, `$$` blocks under a paragraph and with blank lines,
and a note ending in `%%` without a final newline (Excalidraw)."""

from __future__ import annotations

import re
import time
from pathlib import Path

from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultlint import markdown
from vaultlint.links import parse_links
from vaultlint.markdown import MATH, parse_blocks
from vaultlint.note import DecodeError, Note, decode


def codes(vault: Path, *args: str) -> list[tuple[str, str]]:
    res = run_cli(["--output-format", "json", "--no-cache", *args], vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return sorted((d["path"], d["code"]) for d in res.json())


def note(text: str) -> Note:
    return Note.from_bytes("n.md", text.encode("utf-8"))


# --- NUL bytes ---------------------------------------------------------------------------------


def test_utf8_note_with_nul_in_code_block_is_checked(make_vault):
    vault = make_vault({"n.md": b"# Dump\n\n```\nab\x00cd\n```\n\nSee [[Missing]].\n"})
    assert codes(vault, "--select", "VL001,LNK001") == [("n.md", "LNK001")]


def test_binary_data_that_happens_to_be_utf8_is_still_binary():
    for data in (b"\x00\x01\x02PNG", "plain text".encode("utf-16-le")):
        try:
            decode(data)
        except DecodeError as exc:
            assert "binary" in str(exc)
        else:
            raise AssertionError(f"{data!r} decoded as a note")


# --- Markdown link destinations ------------------------------------------------------------------


def links(text: str) -> list[str]:
    return [link.path for link in parse_links(note(text))]


def test_space_in_unbracketed_destination_is_not_a_link():
    assert links("a [text](a couple write ups about it) b\n") == []


def test_bracketed_encoded_and_titled_destinations_are_links():
    assert links("[t](<a b.md>) [u](a%20b.md) [v](c.md \"title\") [w](d.md 'x') [x](e.md (y))\n") \
        == ["a b.md", "a b.md", "c.md", "d.md", "e.md"]


def test_prose_in_parentheses_is_not_reported(make_vault):
    vault = make_vault({"n.md": "I read [some posts](a couple write ups, really) today.\n"})
    assert codes(vault, "--select", "LNK") == []


# --- $$ math blocks ------------------------------------------------------------------------------


def test_dollar_block_under_a_paragraph_is_math_not_a_setext_heading():
    n = note("Where\n$$\na\n=\nb\n$$\n")
    assert n.headings == []
    assert any(r.kind == MATH for r in n.regions)


def test_blank_lines_inside_dollar_block_are_math(make_vault):
    text = "Intro\n\n$$\na = 1\n\n\n\nb = [[Not a link]]\n$$\n\nEnd.\n"
    vault = make_vault({"n.md": text})
    assert codes(vault) == []
    run_cli(["--fix", "--no-cache"], vault)
    assert (vault / "n.md").read_text() == text


def test_unclosed_dollar_lines_stay_linear():
    started = time.perf_counter()
    parse_blocks("$$ a\n" * 20000)
    parse_blocks("para\n$$ a\n" * 10000)
    assert time.perf_counter() - started < 10


# --- Excalidraw: ending in %% without a final newline -----------------------------------------


EXCALIDRAW = ("---\nexcalidraw-plugin: parsed\n---\n==Switch to EXCALIDRAW VIEW==\n\n"
              "# Excalidraw Data\n\n%%\n## Drawing\n```json\n{\"type\": \"excalidraw\"}\n```\n%%")


def test_note_ending_in_comment_is_fixed_once(make_vault):
    vault = make_vault({"Drawing.excalidraw.md": EXCALIDRAW})
    first = run_cli(["--fix", "--no-cache", "--output-format", "json"], vault)
    assert (vault / "Drawing.excalidraw.md").read_text().endswith("```\n%%\n")
    assert "VL999" not in first.stdout
    assert codes(vault) == []


# The scanner's first search, as one pattern (scheme letters inside it made it 4x slower).
_ONE_PATTERN = re.compile(r"[\\`%$<\[!#]|(?:https?|ftp|file|obsidian|zotero)://", re.I)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="hHtTpPsSſfFiIlLeEoObBdDaAnNzZrR:/ x#[", max_size=30),
       st.integers(0, 35), st.integers(0, 35))
def test_the_next_interesting_place_is_where_one_pattern_finds_it(text, start, end):
    """`_next_interesting` finds `://` and then its scheme: the same place as the one pattern
    with the schemes in it, whatever the case (`ſ` folds to `s`), cut or partial scheme."""
    start, end = min(start, len(text)), min(max(start, end), len(text))
    m = _ONE_PATTERN.search(text, start, end)
    assert markdown._next_interesting(text, start, end) == (m.start() if m else -1)
