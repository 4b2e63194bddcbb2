"""Issue 13, class C: a safe fix never changes what a note says or how it renders.

Each example of the issue is run through the real rules and fixer (the rule must no longer
propose the change) and, where it applies, through `verify` alone (the safety net must refuse
the change even if a rule proposed it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import fix_note, verify
from vaultlint.note import Note, encode
from vaultlint.vault import Vault


def _fix(tmp_path: Path, text: str, bom: bool = False, **rule_config: dict) -> tuple[str, list]:
    settings = Settings(root=tmp_path, rule_config=dict(rule_config))
    linter = Linter(settings, Vault(tmp_path, ["n.md"], settings))
    outcome = fix_note(Note("n.md", text, bom), lambda n: linter.lint(n)[0])
    return outcome.text, outcome.refused


def _codes(tmp_path: Path, text: str) -> list[str]:
    settings = Settings(root=tmp_path)
    linter = Linter(settings, Vault(tmp_path, ["n.md"], settings))
    return [d.code for d in linter.lint(Note("n.md", text))[0]]


# --- lines of non-breaking / ideographic spaces are content ------------------------------------

@pytest.mark.parametrize("space", ["\u00a0", "\u2003", "\u3000"])
def test_lines_of_unicode_spaces_are_content_not_blank(tmp_path, space):
    text = f"a\n\n{space}\n\n{space}\n"
    fixed, refused = _fix(tmp_path, text)
    assert fixed == text and not refused
    assert not {"FMT001", "FMT002", "FMT003"} & set(_codes(tmp_path, text))


@pytest.mark.parametrize("space", ["\u00a0", "\u3000"])
def test_a_run_of_blank_lines_around_a_unicode_space_line_keeps_it(tmp_path, space):
    fixed, refused = _fix(tmp_path, f"a\n\n\n{space}\n\n\nb\n")
    assert fixed == f"a\n\n{space}\n\nb\n" and not refused


# --- maximum = 0 must not make a loose list tight ------------------------------------------------

def test_maximum_zero_keeps_a_loose_list_loose(tmp_path):
    text = "- a\n\n- b\n\nPara one.\n\nPara two.\n"
    fixed, refused = _fix(tmp_path, text, **{"consecutive-blank-lines": {"maximum": 0}})
    assert fixed == text and not refused
    assert Note("n.md", fixed).html == Note("n.md", text).html


def test_maximum_zero_still_removes_a_blank_line_that_renders_nothing(tmp_path):
    fixed, _ = _fix(tmp_path, "# H\n\n\nText\n",
                    **{"consecutive-blank-lines": {"maximum": 0}, "heading-blank-lines":
                       {"after": False}})
    assert fixed == "# H\nText\n"


def test_verify_refuses_a_loose_list_made_tight():
    before = Note("n.md", "- a\n\n- b\n")
    assert verify(before, Note("n.md", "- a\n- b\n"), set()) == "the note would render differently"


# --- a CR and a LF must not merge ---------------------------------------------------------------

def test_whitespace_between_cr_and_lf_is_not_removed(tmp_path):
    text = "- a\r \n- b\n"
    fixed, refused = _fix(tmp_path, text)
    assert fixed.startswith("- a\r \n- b") and not refused
    assert Note("n.md", fixed).html == Note("n.md", text).html
    assert "FMT001" in _codes(tmp_path, text)  # still reported, without a fix


def test_verify_refuses_merging_two_line_breaks():
    assert verify(Note("n.md", "- a\r \n- b\n"), Note("n.md", "- a\r\n- b\n"), set())


@pytest.mark.parametrize("end", ['<iframe src="https://example.com/v"></iframe>', "<div>\nx"])
def test_a_final_newline_after_an_html_block_is_added(tmp_path, end):
    """markdown-it keeps a raw HTML block's last line break in its HTML; at the very end of the
    note it changes nothing a reader sees, so `final-newline` may add it (real vaults end notes
    with an embedded video)."""
    fixed, refused = _fix(tmp_path, f"Watch this:\n\n{end}")
    assert (fixed, refused) == (f"Watch this:\n\n{end}\n", [])


def test_verify_still_refuses_a_line_break_lost_inside_an_html_block():
    assert verify(Note("n.md", "<div>\na\n\nb</div>\n"), Note("n.md", "<div>\na\nb</div>\n"), set())


# --- U+FEFF after an empty frontmatter block ----------------------------------------------------

def test_feff_after_empty_frontmatter_does_not_become_a_bom(tmp_path):
    text = "---\n---\n\ufeff---\nk: v\n---\n\nText\n"
    fixed, refused = _fix(tmp_path, text)
    assert fixed == text and not refused
    # what a re-read sees is what was written: idempotent
    reread = Note.from_bytes("n.md", encode(fixed, False))
    assert reread.text == fixed and not reread.bom
    assert _fix(tmp_path, fixed)[0] == fixed


def test_verify_refuses_a_leading_feff():
    before = Note("n.md", "---\n---\n\ufeffText\n")
    assert "byte order mark" in verify(before, Note("n.md", "\ufeffText\n"), {"frontmatter"})


def test_empty_frontmatter_is_still_removed_without_feff(tmp_path):
    assert _fix(tmp_path, "---\n---\nText\n")[0] == "Text\n"


# --- a `%%` comment holding a code fence is comment, all of it ----------------------------------

COMMENT = "%%\nold   \n```\ncode   \n```\n# Heading in a comment\nmore  \n\n\n\nend\n%%"


def test_comment_with_a_fence_is_never_edited(tmp_path):
    text = f"Before\n\n{COMMENT}\n\nAfter   \n"
    fixed, refused = _fix(tmp_path, text)
    assert COMMENT in fixed and not refused
    assert fixed == f"Before\n\n{COMMENT}\n\nAfter\n"  # outside the comment fixes still apply


def test_comment_region_runs_across_blocks_to_its_close():
    note = Note("n.md", f"x\n\n{COMMENT}\ny\n")
    comments = [note.text[r.start:r.end] for r in note.regions if r.kind == "comment"]
    assert comments == [COMMENT]
    assert note.headings == []


def test_a_percent_pair_inside_a_fence_that_opened_first_is_code():
    note = Note("n.md", "```\n%%\n```\ntext\n")
    assert [r.kind for r in note.regions] == ["code"]


# --- CRLF: code spans and inline math stop at a blank line --------------------------------------

@pytest.mark.parametrize("opener,closer", [("`", "`"), ("$", "$")])
@pytest.mark.parametrize("nl", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("blank", ["", " ", "\t"])
def test_inline_code_and_math_never_cross_a_blank_line(opener, closer, nl, blank):
    text = f"a {opener}b{nl}{blank}{nl}c{closer} [[Target]]{nl}"
    note = Note("n.md", text)
    kinds = [r.kind for r in note.regions]
    assert "code" not in kinds and "math" not in kinds
    assert "link" in kinds  # the wikilink after it is seen by the rules


def test_crlf_trailing_whitespace_after_a_would_be_code_span_is_fixed(tmp_path):
    # on the old scanner the spaces after `b` were inside a code span and left alone
    fixed, _ = _fix(tmp_path, "a `b   \r\n\r\nc`\r\n")
    assert fixed == "a `b\r\n\r\nc`\r\n"


# --- the HTML check does not refuse what renders the same ---------------------------------------

def test_a_tab_ending_a_paragraph_line_is_still_removed(tmp_path):
    # markdown-it keeps the tab in the HTML (`line 0\t\nline 1`); a browser shows nothing of it
    fixed, refused = _fix(tmp_path, "line 0\t\nline 1 \t \nline 2\n")
    assert fixed == "line 0\nline 1\nline 2\n" and not refused


# --- end to end: the bytes on disk ---------------------------------------------------------------

def test_fix_on_disk_keeps_the_examples_and_is_idempotent(make_vault):
    files = {
        "feff.md": "---\n---\n\ufeff---\nk: v\n---\n\nText\n".encode(),
        "nbsp.md": "a\n\n\u00a0\n\n\u3000\n".encode(),
        "crlf.md": b"- a\r \n- b\n",
        "comment.md": f"Text\n\n{COMMENT}\n".encode(),
        "code.md": b"a `b\r\n\r\nc` d  \r\n",
    }
    vault = make_vault(files)
    run_cli(["--fix"], vault)
    once = {name: (vault / name).read_bytes() for name in files}
    assert {n: b for n, b in once.items() if n != "code.md"} == \
        {n: b for n, b in files.items() if n != "code.md"}
    assert once["code.md"] == b"a `b\r\n\r\nc` d\r\n"
    run_cli(["--fix"], vault)
    assert {name: (vault / name).read_bytes() for name in files} == once
