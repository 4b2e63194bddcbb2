"""Config mistakes are config errors: exit 2, one clear line naming the config file (and the
line when it is known), never one finding per note nor a silent success; unknown names get a
`did you mean`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings as hyp_settings, strategies as st

from conftest import run_cli
from vaultlint import rules as registry
from vaultlint.config import did_you_mean

NOTE = "---\ntype: Content\ntitle: a\n---\n# A\n"
OK_SCHEMA = json.dumps({"type": "object", "properties": {"title": {"type": "string"}}})


def _mapping(schema: str, extra: str = "") -> str:
    return f'# a comment\n[[frontmatter.schemas]]\nschema = "{schema}"\n{extra}'


CASES = {  # config, files beside it, line, what the message says
    "missing file": (_mapping("gone.json"), {}, 3, "schema 'gone.json': cannot read schema"),
    "invalid JSON": (_mapping("s.json"), {"s.json": "{nope"}, 3, "not valid JSON"),
    "invalid schema": (_mapping("s.json"), {"s.json": '{"type": 12}'}, 3,
                       "schema 's.json': invalid JSON schema"),
    "not a schema at all": (_mapping("s.json"), {"s.json": "[1, 2]"}, 3, "schema 's.json': "),
    "unknown builtin": (_mapping("builtin:articel.schema.json"), {}, 3,
                        "unknown builtin schema 'builtin:articel.schema.json' "
                        "(did you mean 'builtin:article.schema.json'?)"),
    "unreadable $ref": (_mapping("s.json"), {"s.json": '{"$ref": "defs.json"}'}, 3,
                        "defs.json cannot be read"),
    "paths match nothing": (_mapping("s.json", 'paths = ["Artcles/**"]\n'), {"s.json": OK_SCHEMA},
                            4, "no note matches paths ['Artcles/**']"),
    "where matches nothing": (_mapping("s.json", 'where = { type = "Contnt" }\n'),
                              {"s.json": OK_SCHEMA}, 4, "no note has type = 'Contnt'"),
    "paths and where match nothing together": (
        _mapping("s.json", 'paths = ["Articles/**"]\nwhere = { type = "Content" }\n'),
        {"s.json": OK_SCHEMA, "Articles/b.md": "# B\n"}, 5,
        "no note matches paths ['Articles/**'] and has type = 'Content'"),
}


@pytest.mark.parametrize("case", CASES)
def test_schema_mapping_mistake_is_one_line_and_exit_2(make_vault, case):
    config, files, line, says = CASES[case]
    vault = make_vault({"a.md": NOTE, "b.md": NOTE, ".vaultlint.toml": config, **files})
    res = run_cli([], vault)
    assert res.exit_code == 2, res.stderr
    assert res.stdout == ""  # no finding per note
    (message,) = res.stderr.splitlines()
    assert message.startswith(f"vaultlint: error: .vaultlint.toml:{line}: ")  # from cwd
    assert says in message, message


def test_every_broken_mapping_is_named_at_once(make_vault):
    config = _mapping("gone.json") + _mapping("s.json", 'paths = ["Nope/**"]\n')
    vault = make_vault({"a.md": NOTE, "s.json": OK_SCHEMA, ".vaultlint.toml": config})
    lines = run_cli([], vault).stderr.splitlines()
    assert [ln.split(": ")[2].rsplit(":", 1)[1] for ln in lines] == ["3", "7"], lines
    assert all(ln.startswith("vaultlint: error: ") for ln in lines)


def test_pyproject_mapping_line(make_vault):
    pyproject = ('[project]\nname = "x"\n\n[[tool.vaultlint.frontmatter.schemas]]\n'
                 'schema = "gone.json"\n')
    vault = make_vault({"a.md": NOTE, "pyproject.toml": pyproject})
    res = run_cli([], vault)
    assert res.exit_code == 2 and "error: pyproject.toml:5: schema 'gone.json'" in res.stderr
    outside = run_cli([str(vault)], vault.parent)  # named relative to the current folder
    assert f"error: {Path('vault', 'pyproject.toml')}:5: schema" in outside.stderr


def test_working_mappings_still_check_notes(make_vault):
    config = _mapping("s.json", 'paths = ["*.md"]\nwhere = { type = "Content" }\n')
    schema = json.dumps({"properties": {"title": {"type": "integer"}}})
    vault = make_vault({"a.md": NOTE, "s.json": schema, ".vaultlint.toml": config})
    res = run_cli(["--select", "FM201", "--output-format", "json"], vault)
    assert res.exit_code == 1 and [d["path"] for d in res.json()] == ["a.md"]


def test_no_check_when_the_rule_is_off_or_the_vault_empty(make_vault):
    vault = make_vault({"a.md": NOTE, ".vaultlint.toml": _mapping("gone.json")})
    assert run_cli(["--ignore", "frontmatter-schema"], vault).exit_code == 0
    empty = make_vault({".vaultlint.toml": _mapping("s.json", 'paths = ["A/**"]\n'),
                        "s.json": OK_SCHEMA}, name="empty")
    assert run_cli([], empty).exit_code == 0  # nothing to map yet: not a mistake


def test_the_cached_verdict_follows_the_schema_file(make_vault):
    """The schema check is kept in the cache; editing the schema must change the verdict."""
    vault = make_vault({"a.md": NOTE, "s.json": "{nope", ".vaultlint.toml": _mapping("s.json")})
    for _ in range(2):  # cold, then warm
        assert run_cli([], vault).exit_code == 2
    (vault / "s.json").write_text(OK_SCHEMA)
    assert run_cli([], vault).exit_code == 0
    (vault / "s.json").write_text('{"type": 12}')
    assert "invalid JSON schema" in run_cli([], vault).stderr


def test_where_check_sees_an_edited_note(make_vault):
    vault = make_vault({"a.md": "# A\n", ".vaultlint.toml": _mapping(
        "builtin:obsidian-note.schema.json", 'where = { type = "Content" }\n')})
    assert run_cli([], vault).exit_code == 2
    (vault / "a.md").write_text(NOTE)
    assert run_cli([], vault).exit_code == 0


# --- did you mean ---------------------------------------------------------------------------


@pytest.mark.parametrize("args,config,says", [
    (["--select", "broken-wikilnk"], "", "unknown rule or prefix 'broken-wikilnk' "
                                         "(did you mean 'broken-wikilink'?)"),
    (["--ignore", "FMT01"], "", "(did you mean 'FMT001'?)"),
    (["--extend-select", "trailing-whitespaces"], "", "(did you mean 'trailing-whitespace'?)"),
    ([], "select = ['final-newlin']\n", "select: unknown rule or prefix 'final-newlin' "
                                          "(did you mean 'final-newline'?)"),
    ([], "[per-file-ignores]\n'a/*' = ['heading-incremnt']\n",
     "(did you mean 'heading-increment'?)"),
    ([], "[rules.broken-wikilnk]\n", ".vaultlint.toml: unknown rule 'broken-wikilnk' "
                                     "(did you mean 'broken-wikilink'?)"),
    ([], "[rules.FMT001]\n", "unknown rule 'FMT001' (a [rules] table takes the rule's name: "
                              "'trailing-whitespace')"),
    ([], "[links]\nstyle = 'x'\n", "links: unknown key(s): style"),  # read by nothing
    ([], "exclud = ['x']\n", "(top level): unknown key(s): exclud (did you mean 'exclude'?)"),
    ([], "[rules.consecutive-blank-lines]\nmaximun = 2\n",
     "rules.consecutive-blank-lines: unknown key(s): maximun (did you mean 'maximum'?)"),
])
def test_did_you_mean(make_vault, args, config, says):
    vault = make_vault({"a.md": "# A\n", ".vaultlint.toml": config})
    res = run_cli(args, vault)
    assert res.exit_code == 2 and says in res.stderr, res.stderr
    assert len(res.stderr.splitlines()) == 1


def test_rule_command_suggests(make_vault):
    vault = make_vault({"a.md": "# A\n"})
    res = run_cli(["rule", "broken-wikilnk"], vault)
    assert res.exit_code == 2 and "(did you mean 'broken-wikilink'?)" in res.stderr
    far = run_cli(["rule", "zzzz"], vault)
    assert far.exit_code == 2 and "did you mean" not in far.stderr


@hyp_settings(max_examples=40, deadline=None)
@given(st.sampled_from([r.name for r in registry.ALL_RULES]), st.data())
def test_one_letter_dropped_is_found_again(name, data):
    i = data.draw(st.integers(0, len(name) - 1))
    typo = name[:i] + name[i + 1:]
    if registry.is_known_selector(typo):
        return
    assert f" (did you mean '{name}'?)" == did_you_mean(typo, [r.name for r in registry.ALL_RULES])
