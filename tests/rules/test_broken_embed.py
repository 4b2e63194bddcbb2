"""broken-embed end to end: real vaults, the real CLI."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli


def _messages(vault: Path) -> list[str]:
    res = run_cli(["--select", "broken-embed", "--output-format", "json", "--no-cache"], vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return [d["message"] for d in res.json()]


def test_sizes_and_non_markdown_subpaths_are_not_part_of_the_name(make_vault):
    vault = make_vault({
        "Attachments/Engelbart.jpg": "", "Paper.pdf": "", "icons/lucide-plus.svg": "",
        "Board.canvas": "{}", "Note.md": "",
        "n.md": "![[engelbart.JPG|100x145]] ![[Paper.pdf#page=3]] ![[lucide-plus.svg#icon]]\n"
                "![[Board.canvas]] ![[Note]] ![pic](Attachments/Engelbart.jpg)\n"
                "| t |\n|---|\n| ![[Engelbart.jpg\\|200]] |\n",
    })
    assert _messages(vault) == []


def test_missing_attachments_name_the_file_and_suggest_a_close_one(make_vault):
    vault = make_vault({"img/diagram.png": "",
                        "n.md": "![[diagramm.png|300]]\n![[Gone.pdf#page=2]]\n![x](no%20pic.png)\n"})
    assert _messages(vault) == [
        "missing embed ![[diagramm.png]]: no file 'diagramm.png' in the vault; did you mean "
        "[[diagram.png]]?",
        "missing embed ![[Gone.pdf#page=2]]: no file 'Gone.pdf' in the vault",
        "missing embed (no%20pic.png): no file 'no pic.png' in the vault",
    ]
    run_cli(["--select", "broken-embed", "--fix", "--unsafe-fixes", "--no-cache"], vault)
    assert (vault / "n.md").read_text().startswith("![[diagram.png|300]]\n")


def test_an_image_needs_its_extension(make_vault):
    vault = make_vault({"Figure 1.png": "", "n.md": "![[Figure 1]]\n"})
    assert _messages(vault) == [
        "missing embed ![[Figure 1]]: no file 'Figure 1.md' in the vault; "
        "did you mean [[Figure 1.png]]?"]
