"""examples/vault, the demo vault of the README's first command: one finding per rule family at
least, exactly the findings it was written to have, and `--fix`/`--diff` change no word or link.

Every test runs on a copy (vaultlint writes `.vaultlint_cache/` at the vault root; the
repository's copy stays as committed)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import run_subprocess
from vaultlint import rules as registry

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "vault"
README = (REPO / "README.md").read_text(encoding="utf-8")

# What each note was written to show (the notes say so in their text).
EXPECTED = {
    "FMT001", "FMT002", "FMT003",  # trailing whitespace, two blank lines, no final newline
    "FM102", "FM103", "FM201",  # `tag:`, `tags` as a string, `seeing: good` against the schema
    "TYP001", "TYP002",  # "recieve", "faster tan the"
    "DUP001",  # both sessions cite the same page (one URL with www. and utm_source)
    "LNK001", "LNK002", "LNK003", "LNK004", "LNK005",  # name, embed, heading, block, ambiguous
}
FAMILIES = {"FMT", "FM", "TYP", "DUP", "LNK"}  # VL: unreadable files and crashes, not a demo


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A fresh clone's layout: the repository's examples/vault alone, copied."""
    copy = tmp_path / "clone" / "examples" / "vault"
    shutil.copytree(DEMO, copy, ignore=shutil.ignore_patterns(".vaultlint_cache"))
    return copy


def _json(vault: Path, *args: str) -> list[dict]:
    import json

    proc = run_subprocess(["check", "--output-format", "json", "--extend-select",
                           "confused-word", *args], vault)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def _readme_first_command() -> str:
    block = README.split("## Two commands", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return block.strip()


def test_readme_first_command_needs_only_the_clone(demo):
    command = _readme_first_command()
    install, _, run = command.partition(" && ")
    assert install == "python3 -m pip install ."
    assert "../" not in command and "examples/vault" in run
    proc = run_subprocess(shlex.split(run)[1:], demo.parent.parent)  # from the clone's root
    assert proc.returncode == 1, proc.stderr
    for code in EXPECTED:
        assert f" {code} " in proc.stdout, code


def test_demo_vault_has_exactly_the_findings_it_was_written_for(demo):
    found = _json(demo)
    codes = {d["code"] for d in found}
    assert codes == EXPECTED
    assert {code.rstrip("0123456789") for code in codes} == FAMILIES
    assert {r.code.rstrip("0123456789") for r in registry.ALL_RULES} - FAMILIES == {"VL"}
    by_code = {d["code"]: d for d in found}
    assert "did you mean [[Telescope setup]]" in by_code["LNK001"]["message"]
    assert "session.schema.json" in by_code["FM201"]["message"]  # the mapped schema is used
    assert {d["path"] for d in found if d["code"] == "DUP001"} == {
        "Session 2026-03-14.md", "Session 2026-04-02.md"}


def test_italian_note_is_not_spell_checked(demo):
    italian = [d for d in _json(demo) if d["path"] == "Sessione di prova.md"]
    assert [d["code"] for d in italian] == ["FMT003"]  # only its missing final newline


def test_fixes_proposed_are_those_the_rules_declare(demo):
    """The README's fix column (a rule's `fix`) covers every fix the demo's findings carry."""
    for d in _json(demo):
        if d["fix"] is not None:
            declared = registry.get(d["code"]).fix or ""
            assert d["fix"]["applicability"] in declared.split("/"), d


def _words(text: str) -> list[str]:
    """The note's body (below the frontmatter) as words: what a layout change keeps."""
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return body.split()


def _properties(text: str) -> dict:
    """The frontmatter's data but `tag`/`tags`, which FM102 and FM103 rewrite."""
    import yaml

    block = re.match(r"\A---\n(.*?)\n---\n", text, flags=re.S)
    data = yaml.safe_load(block.group(1)) if block else {}
    return {key: value for key, value in data.items() if key not in ("tag", "tags")}


def test_diff_writes_nothing_and_fix_changes_no_word_or_link(demo):
    before = {p: p.read_text(encoding="utf-8") for p in demo.rglob("*.md")}
    diff = run_subprocess(["--fix", "--diff", "--extend-select", "confused-word", "."], demo)
    assert diff.returncode == 1 and "+tags:" in diff.stdout
    assert {p: p.read_text(encoding="utf-8") for p in before} == before
    fixed = run_subprocess(["--fix", "--extend-select", "confused-word", "."], demo)
    assert fixed.returncode == 1, fixed.stderr  # errors and unsafe fixes remain
    changed = {p for p, text in before.items() if p.read_text(encoding="utf-8") != text}
    assert changed  # the safe fixes were applied...
    for path in changed:  # ...and touched only whitespace and the frontmatter's tag keys
        assert _words(path.read_text(encoding="utf-8")) == _words(before[path]), path
        assert _properties(path.read_text(encoding="utf-8")) == _properties(before[path])
    left = {d["code"] for d in _json(demo)}
    assert left == EXPECTED - {"FMT001", "FMT002", "FMT003", "FM102", "FM103"}
