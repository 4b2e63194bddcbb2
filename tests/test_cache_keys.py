"""The cache never disagrees with a fresh run: every file a rule reads is part of its cache key
(wherever it is), and damaged but well-formed cache rows are validated and recomputed."""

from __future__ import annotations

import json

import sqlite3
from pathlib import Path

import pytest

from conftest import quoted_words, run_cli, run_subprocess, typo_findings
from vaultlint import hunspell
from test_typo_language import AFF, ITALIAN, WORDS

NOTE = {"n.md": "The appleid step and satrt.\n"}


def _words_case(vault: Path, where: str) -> tuple[Path, list[str]]:
    """Where the words file lives and the extra CLI arguments to name it."""
    if where == "obsidian":
        path = vault / ".obsidian" / "words.txt"
        (vault / ".vaultlint.toml").write_text('[rules.typo]\nwords-file = ".obsidian/words.txt"\n')
        return path, []
    if where == "excluded":
        path = vault / "private" / "words.txt"
        (vault / ".vaultlint.toml").write_text(
            'exclude = ["private/"]\n[rules.typo]\nwords-file = "private/words.txt"\n')
        return path, []
    if where == "gitignored":
        path = vault / "private" / "words.txt"
        (vault / ".git").mkdir()
        (vault / ".gitignore").write_text("private/\n")
        (vault / ".vaultlint.toml").write_text('[rules.typo]\nwords-file = "private/words.txt"\n')
        return path, []
    # outside the vault: only a config named with --config (trusted) may name it
    path = vault.parent / "outside-words.txt"
    config = vault.parent / "user.toml"
    config.write_text(f'[rules.typo]\nwords-file = "{path}"\n')
    return path, ["--config", str(config)]


@pytest.mark.parametrize("where", ["obsidian", "excluded", "gitignored", "outside"])
def test_editing_the_words_file_changes_cached_findings(make_vault, where) -> None:
    vault = make_vault(NOTE)
    path, args = _words_case(vault, where)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# none yet\n")
    assert quoted_words(typo_findings(vault, *args)) == ["appleid", "satrt"]
    assert quoted_words(typo_findings(vault, *args)) == ["appleid", "satrt"]  # cached
    path.write_text("appleid\n")
    assert quoted_words(typo_findings(vault, *args)) == ["satrt"]
    assert quoted_words(typo_findings(vault, *args, "--no-cache")) == ["satrt"]


def test_editing_a_hunspell_dictionary_changes_cached_findings(make_vault) -> None:
    folder = make_vault({}) / ".obsidian" / "dict"  # outside the vault's file list
    vault = folder.parent.parent
    (vault / "it.md").write_text(ITALIAN.replace("È possibile", "È possibbile"), encoding="utf-8")
    folder.mkdir(parents=True)
    (folder / "it_IT.aff").write_text(AFF, encoding="utf-8")
    dic = folder / "it_IT.dic"
    dic.write_text(f"{len(WORDS)}\n" + "\n".join(WORDS) + "\n", encoding="utf-8")
    (vault / ".vaultlint.toml").write_text(
        '[rules.typo]\ndictionaries = { it = ".obsidian/dict/it_IT" }\n')
    assert "possibbile" in quoted_words(typo_findings(vault))
    words = (*WORDS, "possibbile")
    dic.write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    hunspell.load.cache_clear()  # the CLI runs in-process here: as a new process would
    assert "possibbile" not in quoted_words(typo_findings(vault))


def _schema_codes(vault: Path) -> list[str]:
    res = run_cli(["--select", "frontmatter-schema", "--output-format", "json"], vault)
    return [d["code"] for d in res.json()]


def test_editing_a_schema_file_changes_cached_findings(make_vault) -> None:
    vault = make_vault({"n.md": "---\nrating: 7\n---\nx\n",
                        ".vaultlint.toml": '[[frontmatter.schemas]]\nschema = "s/s.json"\n'})
    schema = vault / "s" / "s.json"
    schema.parent.mkdir()
    schema.write_text('{"properties": {"rating": {"type": "integer"}}}')
    assert _schema_codes(vault) == []
    schema.write_text('{"properties": {"rating": {"type": "integer", "maximum": 5}}}')
    assert _schema_codes(vault) == ["FM201"]


def test_editing_a_ref_target_in_a_subfolder_changes_cached_findings(make_vault) -> None:
    vault = make_vault({"n.md": "---\nrating: 7\n---\nx\n",
                        ".vaultlint.toml": '[[frontmatter.schemas]]\nschema = "s/s.json"\n'})
    (vault / "s" / "defs").mkdir(parents=True)
    (vault / "s" / "s.json").write_text(
        '{"properties": {"rating": {"$ref": "defs/rating.json"}}}')
    target = vault / "s" / "defs" / "rating.json"
    target.write_text('{"type": "integer"}')

    def codes() -> list[str]:  # new processes: a process keeps its compiled schemas
        res = run_subprocess(["--select", "frontmatter-schema", "--output-format", "json"], vault)
        return [d["code"] for d in json.loads(res.stdout)]

    assert codes() == []
    target.write_text('{"type": "integer", "maximum": 5}')
    assert codes() == ["FM201"]


def _cache_file(vault: Path) -> Path:
    [path] = list((vault / ".vaultlint_cache").glob("*/cache.db"))
    return path


def _json(vault: Path) -> list[dict]:
    return run_cli(["--output-format", "json"], vault).json()


@pytest.mark.parametrize("table,column,value", [
    ("facts", "value", "{}"), ("facts", "value", "null"), ("facts", "value", "[]"),
    ("results", "diags", "null"), ("results", "diags", "{}"), ("results", "diags", "[{}]"),
    ("results", "diags", '[{"code": "FMT001"}]'), ("results", "diags", "[null]"),
])
def test_damaged_well_formed_rows_are_recomputed(make_vault, table, column, value) -> None:
    vault = make_vault({"a.md": "# A\n\nSee [[b]] and [[nowhere]] and ![[pic.png]].\n",
                        "b.md": "# B\n\n[[a#A]] [[a#Nope]]\n", "pic.png": b"",
                        "c.md": "The vaault.\n", "d.md": "A vaault.\n", "e.md": "Vaault.\n"})
    expected = _json(vault)
    with sqlite3.connect(_cache_file(vault)) as db:
        db.execute(f"UPDATE {table} SET {column} = ?", (value,))
        db.execute("DELETE FROM indexes")  # kept indexes would otherwise hide the facts
        if table == "facts":  # and cached findings would be served without reading facts
            db.execute("DELETE FROM results")
    assert _json(vault) == expected


def _ambiguous_fix(vault: Path) -> str:
    res = run_cli(["--select", "ambiguous-link", "--output-format", "json"], vault)
    [diag] = res.json()
    return diag["fix"]["edits"][0]["content"]


def test_editing_obsidian_app_json_changes_cached_findings(make_vault) -> None:
    vault = make_vault({"x/n.md": "[[t]]\n", "a/t.md": "A\n", "b/t.md": "B\n"})
    assert _ambiguous_fix(vault) == "a/t"
    (vault / ".obsidian" / "app.json").write_text('{"newLinkFormat": "relative"}')
    assert _ambiguous_fix(vault) == "../a/t"
