"""Links in frontmatter properties resolve like body links, are reported at their place in the
YAML, and their fixes keep the YAML valid; a single string in a list-typed property is what
Obsidian shows as a list of one."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import run_cli, write_vault


def findings(vault: Path, *args: str) -> list[dict]:
    res = run_cli(["--output-format", "json", "--no-cache", *args], vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return res.json()


def spots(vault: Path, select: str = "LNK") -> list[tuple[str, int, int, str]]:
    return sorted((d["path"], d["line"], d["column"], d["code"])
                  for d in findings(vault, "--select", select))


NOTE = """---
related: "[[Search Algorithms]]"
see:
  - "[[Missing One]]"
  - '[[Search Algorithms#Binary]]'
  - "[[Search Algorithms#Nope]]"
text: read [[Missing Two]] first
unquoted: [[Not A Link]]
# [[In A Comment]]
---
Body [[Missing Three]].
"""


def test_frontmatter_links_are_reported_at_their_place(make_vault):
    vault = make_vault({"Search Algorithms.md": "# Search\n\n## Binary\n", "n.md": NOTE})
    assert spots(vault) == [
        ("n.md", 4, 8, "LNK001"),   # "[[Missing One]]"
        ("n.md", 6, 8, "LNK003"),   # #Nope
        ("n.md", 7, 14, "LNK001"),  # text with a link inside
        ("n.md", 11, 8, "LNK001"),  # the body link
    ]


def test_a_resolved_frontmatter_link_is_not_reported(make_vault):
    vault = make_vault({"Search Algorithms.md": "", "n.md": '---\nrelated: "[[search algorithms]]"\n---\n'})
    assert spots(vault) == []


def test_frontmatter_alias_only_link_fix_keeps_yaml_valid(make_vault):
    vault = make_vault({
        "Artificial Intelligence.md": "---\naliases: [AI]\n---\n",
        "n.md": '---\nrelated: "[[AI]]"\nother: 1\n---\n',
    })
    (diag,) = findings(vault, "--select", "LNK")
    assert "alias" in diag["message"]
    run_cli(["--fix", "--unsafe-fixes", "--no-cache"], vault)
    text = (vault / "n.md").read_text()
    data = yaml.safe_load(text.split("---\n")[1])
    assert data == {"related": "[[Artificial Intelligence|AI]]", "other": 1}


def test_fix_in_single_quoted_yaml_escapes_the_quote(make_vault):
    vault = make_vault({"Bob's Notes.md": "", "n.md": "---\nrelated: '[[Bobs Note]]'\n---\n"})
    run_cli(["--fix", "--unsafe-fixes", "--no-cache"], vault)
    data = yaml.safe_load((vault / "n.md").read_text().split("---\n")[1])
    assert data == {"related": "[[Bob's Notes]]"}
    assert spots(vault) == []


def test_fix_in_a_plain_scalar_that_cannot_be_written_safely_is_not_offered(make_vault):
    vault = make_vault({"Note: one.md": "", "n.md": "---\ntext: see [[Note one]] now\n---\n"})
    (diag,) = findings(vault, "--select", "LNK")
    assert diag["fix"] is None or not diag["fix"].get("edits")
    run_cli(["--fix", "--unsafe-fixes", "--no-cache"], vault)
    assert (vault / "n.md").read_text() == "---\ntext: see [[Note one]] now\n---\n"


NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"),
                              exclude_characters="[]|#^/\\%:*?<>\n\r\t\x85\u2028\u2029"),
                min_size=2, max_size=12).map(str.strip).filter(lambda s: len(s) >= 2 and
                                                               not s.startswith("."))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES, quote=st.sampled_from(['"', "'"]))
def test_fixed_frontmatter_stays_valid_yaml_and_resolves(tmp_path_factory, name, quote):
    """Whatever the target's name (quotes, backslashes, accents), the rewritten property is
    valid YAML holding exactly the link to the suggested note."""
    vault = write_vault(tmp_path_factory.mktemp("v"), {
        f"{name}.md": "",
        "n.md": f"---\nrelated: {quote}[[{name}x]]{quote}\n---\n"
        if quote == '"' and '"' not in name and "\\" not in name or quote == "'" and "'" not in name
        else "---\nrelated: x\n---\n",
    })
    run_cli(["--fix", "--unsafe-fixes", "--no-cache", "--select", "LNK"], vault)
    data = yaml.safe_load((vault / "n.md").read_text().split("---\n")[1])
    assert isinstance(data, dict) and set(data) == {"related"}
    if data["related"] != "x" and data["related"] != f"[[{name}x]]":
        assert data["related"] == f"[[{name}]]"


def test_string_in_a_list_typed_property_is_a_list_of_one(make_vault):
    vault = make_vault({
        "Search Algorithms.md": "",
        "a.md": '---\nrelated: "[[Search Algorithms]]"\n---\n',
        "b.md": '---\nrelated:\n  - "[[Search Algorithms]]"\n---\n',
        "c.md": "---\nrelated: 3\n---\n",
        "d.md": "---\nrelated:\n---\n",
    })
    (vault / ".obsidian" / "types.json").write_text(json.dumps({"types": {"related": "multitext"}}))
    assert [p for p, *_ in spots(vault, "FM201")] == ["c.md"]
