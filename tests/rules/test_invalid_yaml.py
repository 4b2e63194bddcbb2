"""invalid-yaml: the problem on its line, and every rule not needing properties still runs."""

from __future__ import annotations

import pytest

from conftest import run_cli

CASES = [
    pytest.param("---\ntitle: a\ntitle: b\n---\n", 3, "duplicate key 'title'", id="duplicate"),
    pytest.param("---\n- a\n- b\n---\n", 2, "must be a mapping", id="list"),
    pytest.param("---\ntitle: [oops\nx: 1\n---\n", None, "invalid YAML", id="unparsable"),
    pytest.param("---\ntitle: a\n", 1, "not closed", id="unclosed"),
]


@pytest.mark.parametrize("text,line,words", CASES)
def test_reported_on_its_line(make_vault, text, line, words):
    vault = make_vault({"n.md": text})
    res = run_cli(["--select", "invalid-yaml", "--output-format", "json"], vault)
    found = res.json()
    assert len(found) == 1 and words in found[0]["message"], found
    if line is not None:
        assert found[0]["line"] == line


def test_other_rules_still_check_the_note(make_vault):
    text = "---\ntitle: a\ntitle: b\n---\n# Head\ntrailing   \n\n\n\nend"
    vault = make_vault({"n.md": text, ".obsidian/types.json": '{"types": {"title": "number"}}'})
    res = run_cli(["--select", "ALL", "--output-format", "json"], vault)
    rules = {d["rule"] for d in res.json()}
    assert {"invalid-yaml", "trailing-whitespace", "consecutive-blank-lines",
            "final-newline"} <= rules, rules
    assert not rules & {"frontmatter-schema", "tags-format", "internal-error"}
