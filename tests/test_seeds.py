"""The user's own notes: what vaultlint says about them and what --fix does to them."""

from __future__ import annotations

import re

from conftest import run_cli, seed_vault

FIRST = "Thoughts on the AI job market.md"
SECOND = "Ruder - 2024 AI job market.md"


def test_fix_removes_trailing_blank_lines_and_keeps_every_meaningful_byte(tmp_path):
    vault = seed_vault(tmp_path / "v")
    before = (vault / FIRST).read_text(encoding="utf-8")
    assert before.endswith("etc.\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n")
    run_cli(["--fix"], vault)
    after = (vault / FIRST).read_text(encoding="utf-8")
    assert after.endswith("reasoning, etc.\n") and not after.endswith("\n\n")
    assert re.sub(r"\s+", "", after) == re.sub(r"\s+", "", before)
    assert after.startswith("#article\n")  # the tag stays a tag, never becomes a heading
    second = run_cli(["--fix"], vault)
    assert (vault / FIRST).read_text(encoding="utf-8") == after  # idempotent


def test_heading_jump_in_the_first_note_is_reported(tmp_path):
    vault = seed_vault(tmp_path / "v")
    diags = run_cli(["--select", "heading-increment", "--output-format", "json"], vault).json()
    assert [(d["path"], d["line"]) for d in diags] == [(FIRST, 39)]
    assert "numbered heading 5. is level 1" in diags[0]["message"]
    run_cli(["--fix", "--unsafe-fixes", "--select", "heading-increment"], vault)
    assert "\n## 5. More companies, more opportunities\n" in (vault / FIRST).read_text()
