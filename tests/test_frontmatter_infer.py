"""`vaultlint schema infer`: the schema describes the vault, and validates it (round trip)."""

from __future__ import annotations

import json

from conftest import run_cli, seed_vault

NOTES = {
    f"Articles/n{i}.md": (
        f"---\nlink: https://x.org/{i}\ntype: {'Content' if i % 4 else 'Idea'}\n"
        f"upload_date: 2024-02-{10 + i}\nread_priority: {i % 3}\nscore: {i / 2}\n"
        f"already_read: {'true' if i % 2 else 'false'}\nsource: {'null' if i % 2 else 'web'}\n"
        f"created: 2020-08-21T10:{10 + i}:00\ntags:\n  - t{i % 2}\n"
        + ("extra: yes\n" if i == 3 else "") + "---\nBody\n")
    for i in range(12)
}


def _infer(vault, *args: str) -> dict:
    res = run_cli(["schema", "infer", *args], vault)
    assert res.exit_code == 0, res.stdout + res.stderr
    return json.loads(res.stdout)


def test_types_formats_enums_required(make_vault):
    schema = _infer(make_vault(NOTES))
    props = schema["properties"]
    assert props["link"] == {"type": "string", "format": "uri"}
    assert props["upload_date"] == {"type": "string", "format": "date"}
    assert props["created"] == {"type": "string", "format": "date-time"}
    assert props["type"] == {"type": "string", "enum": ["Content", "Idea"]}
    assert props["read_priority"] == {"type": "integer"}
    assert props["score"] == {"type": "number"}
    assert props["already_read"] == {"type": "boolean"}
    assert props["source"] == {"type": ["string", "null"]}  # enums only for non-null strings
    assert props["tags"] == {"type": "array", "items": {"type": "string"}}
    assert "extra" in props and "extra" not in schema["required"]
    assert set(schema["required"]) == set(props) - {"extra"}


def test_where_filters_notes(make_vault):
    schema = _infer(make_vault(NOTES), "--where", "type=Idea")
    assert schema["properties"]["type"]["type"] == "string"
    assert "3 note(s)" in schema["description"]


def test_round_trip_inferred_schema_validates_its_vault(make_vault):
    vault = make_vault(NOTES)
    res = run_cli(["schema", "infer", "-o", "inferred.json"], vault)
    assert res.exit_code == 0, res.stderr
    (vault / ".vaultlint.toml").write_text('[[frontmatter.schemas]]\nschema = "inferred.json"\n')
    res = run_cli(["--select", "frontmatter-schema", "--output-format", "json"], vault)
    assert res.exit_code == 0 and res.json() == []


def test_round_trip_on_the_seed_vault(tmp_path):
    vault = seed_vault(tmp_path / "v")
    res = run_cli(["schema", "infer", "--where", "type=Content", "-o", "s.json"], vault)
    assert res.exit_code == 0, res.stderr
    (vault / ".vaultlint.toml").write_text(
        '[[frontmatter.schemas]]\nschema = "s.json"\nwhere = { type = "Content" }\n')
    res = run_cli(["--select", "frontmatter-schema", "--output-format", "json"], vault)
    assert res.json() == []


def test_no_matching_note_is_an_error(make_vault):
    res = run_cli(["schema", "infer", "--where", "type=Nope"], make_vault(NOTES))
    assert res.exit_code == 2 and "no note" in res.stderr
