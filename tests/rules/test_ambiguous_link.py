"""ambiguous-link end to end: real vaults, the real CLI."""

from __future__ import annotations

from conftest import run_cli


def test_the_fix_writes_the_path_the_tie_break_picked(make_vault):
    vault = make_vault({"Work/Meeting.md": "", "Home/Meeting.md": "", "Journal/Today.md":
                        "[[Meeting|m]] [[Meeting.md]] [x](Meeting.md)\n",
                        "Home/Plan.md": "[[Meeting]]\n"})  # own folder: not reported
    res = run_cli(["--select", "ambiguous-link", "--output-format", "json", "--no-cache"], vault)
    assert [(d["path"], d["severity"]) for d in res.json()] == [("Journal/Today.md", "warning")] * 3
    run_cli(["--select", "ambiguous-link", "--fix", "--unsafe-fixes", "--no-cache"], vault)
    assert (vault / "Journal/Today.md").read_text() == (
        "[[Home/Meeting|m]] [[Home/Meeting.md]] [x](Home/Meeting.md)\n")
    assert (vault / "Home/Plan.md").read_text() == "[[Meeting]]\n"
