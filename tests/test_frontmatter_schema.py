"""frontmatter-schema end to end: real vaults, real schemas, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli, seed_vault

ARTICLE = '[[frontmatter.schemas]]\nschema = "builtin:article.schema.json"\nwhere = { type = "Content" }\n'


def _findings(vault: Path, select: str = "frontmatter-schema") -> list[tuple[str, int, str]]:
    res = run_cli(["--select", select, "--output-format", "json"], vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return [(d["path"], d["line"], d["message"]) for d in res.json()]


def test_seed_article_validates_against_shipped_schema(tmp_path):
    vault = seed_vault(tmp_path / "v")
    (vault / ".vaultlint.toml").write_text(ARTICLE)
    assert _findings(vault) == []


GOOD = ("---\nlink: https://x.org/a\ntype: Content\nupload_date: '2024-02-22'\nread_priority: 1\n"
        "already_read: false\nsource: null\ntags:\n- a\n---\nBody\n")


def test_each_violation_kind_on_its_line(make_vault):
    bad = ("---\ntype: Content\nupload_date: 2024-02-30\nread_priority: high\n"
           "already_read: false\nsurprise: 1\ntags:\n- a\n---\nBody\n")
    vault = make_vault({"good.md": GOOD, "bad.md": bad, ".vaultlint.toml": ARTICLE})
    assert _findings(vault) == [
        ("bad.md", 1, "'link' is required (at $, article.schema.json)"),
        ("bad.md", 3, "upload_date: '2024-02-30' is not a valid date (at $.upload_date, article.schema.json)"),
        ("bad.md", 4, "read_priority: 'high' is not of type integer or null (at $.read_priority, article.schema.json)"),
        ("bad.md", 6, "surprise: property not allowed (at $.surprise, article.schema.json)"),
    ]


def test_yaml_dates_and_zoneless_datetimes_are_fine(make_vault):
    schema = {"type": "object", "properties": {
        "d": {"type": "string", "format": "date"}, "t": {"type": "string", "format": "date-time"},
        "z": {"type": "string", "format": "date-time"}}}
    vault = make_vault({
        "s.json": json.dumps(schema),
        ".vaultlint.toml": '[[frontmatter.schemas]]\nschema = "s.json"\n',
        "n.md": "---\nd: 2020-08-21\nt: 2020-08-21T10:30:00\nz: 2020-08-21T10:30:00+02:00\n---\n",
        "bad.md": "---\nt: 2020-08-21T25:30:00\n---\n",
    })
    assert _findings(vault) == [
        ("bad.md", 2, "t: '2020-08-21T25:30:00' is not a valid date-time (at $.t, s.json)")]


def test_paths_and_where_mappings_all_apply(make_vault):
    vault = make_vault({
        "req.json": json.dumps({"required": ["title"]}),
        "num.json": json.dumps({"properties": {"n": {"type": "integer"}}}),
        ".vaultlint.toml": ('[[frontmatter.schemas]]\nschema = "req.json"\npaths = ["Articles/**"]\n'
                            '[[frontmatter.schemas]]\nschema = "num.json"\nwhere = { kind = "x" }\n'),
        "Articles/a.md": "---\nkind: x\nn: one\n---\n",
        "other.md": "---\nkind: y\nn: one\n---\n",
    })
    assert _findings(vault) == [
        ("Articles/a.md", 1, "'title' is required (at $, req.json)"),
        ("Articles/a.md", 3, "n: 'one' is not of type integer (at $.n, num.json)"),
    ]


def test_local_ref_works_and_remote_ref_fails_without_fetching(make_vault):
    vault = make_vault({
        "defs.json": json.dumps({"$defs": {"n": {"type": "integer"}}}),
        "local.json": json.dumps({"properties": {"n": {"$ref": "defs.json#/$defs/n"}}}),
        "remote.json": json.dumps({"properties": {"n": {"$ref": "https://example.invalid/s.json"}}}),
        ".vaultlint.toml": ('[[frontmatter.schemas]]\nschema = "local.json"\n'
                            '[[frontmatter.schemas]]\nschema = "remote.json"\n'),
        "a.md": "---\nn: one\n---\n",
    })
    res = run_cli(["--select", "frontmatter-schema"], vault)  # the remote one: config error
    assert res.exit_code == 2 and "never fetches" in res.stderr
    assert "remote $ref 'https://example.invalid/s.json' refused" in res.stderr
    (vault / ".vaultlint.toml").write_text('[[frontmatter.schemas]]\nschema = "local.json"\n')
    assert _findings(vault) == [("a.md", 2, "n: 'one' is not of type integer (at $.n, local.json)")]


def test_obsidian_types_json_without_user_schema(make_vault):
    vault = make_vault({
        ".obsidian/types.json": json.dumps({"types": {
            "n": "number", "done": "checkbox", "due": "date", "at": "datetime", "who": "multitext",
            "free": "text"}}),
        "a.md": "---\nn: lots\ndone: yes\ndue: tomorrow\nat: 2020-08-21T10:30:00\nwho: [a]\nfree: 1\n---\n",
    })
    assert [(line, msg.split(" (at")[0]) for _, line, msg in _findings(vault)] == [
        (2, "n: 'lots' is not of type number or null"),
        (3, "done: 'yes' is not of type boolean or null"),
        (4, "due: 'tomorrow' is not a valid date"),
    ]


def test_bad_schema_mapping_is_a_config_error(make_vault):
    vault = make_vault({".vaultlint.toml": '[[frontmatter.schemas]]\npath = "x.json"\n', "a.md": "x\n"})
    res = run_cli(["--output-format", "json"], vault)
    assert res.exit_code == 2


def test_shipped_obsidian_note_schema(make_vault):
    vault = make_vault({
        ".vaultlint.toml": '[[frontmatter.schemas]]\nschema = "builtin:obsidian-note.schema.json"\n',
        "ok.md": "---\ntags: [a, b]\naliases:\n- A\ncssclasses: []\nrating: 3\n---\n",
        "bad.md": "---\ntags: a\naliases: [1]\n---\n",
    })
    found = _findings(vault)
    assert [(p, line) for p, line, _ in found] == [("bad.md", 2), ("bad.md", 3)]


def test_fast_and_full_validators_agree():
    """jsonschema-rs only says "valid"; it must never accept what jsonschema rejects."""
    from vaultlint import fm_schema
    from vaultlint.resources import schemas_dir

    compiled = fm_schema.compile_schema(schemas_dir() / "article.schema.json")
    assert compiled.fast is not None
    base = {"link": "https://x.org", "type": "Content", "upload_date": "2024-02-22", "tags": ["a"]}
    samples = [base, {**base, "link": "no uri"}, {**base, "upload_date": "2024-02-30"},
               {**base, "read_priority": "high"}, {**base, "x": 1}, {**base, "tags": "a"},
               {**base, "source": None, "already_read": True, "relevance": 0},
               {k: v for k, v in base.items() if k != "link"}]
    for data in samples:
        assert compiled.fast.is_valid(data) == compiled.full.is_valid(data), data
