"""The README and docs say what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from vaultlint import rules as registry

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_rule():
    for rule in registry.ALL_RULES:
        assert f"| {rule.code} | {rule.name} |" in README, rule.name


def test_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = 'python3 -m pip install -e ".[test]" && python3 -m pytest'
    assert command in README and command in ci


def test_docs_linked_from_readme_exist():
    for line in README.splitlines():
        for part in line.split("](")[1:]:
            target = part.split(")")[0]
            if not target.startswith(("http", "#")):
                path, _, anchor = target.partition("#")
                assert (ROOT / path).exists(), target
                if anchor:  # GitHub's heading slugs
                    slugs = {re.sub(r"[^\w\- ]", "", h.strip("# ").lower()).replace(" ", "-")
                             for h in (ROOT / path).read_text().splitlines() if h.startswith("#")}
                    assert anchor in slugs, target


# --- the rule table, generated from the registry (scripts/rule_table.py) ---------------------

def _rule_table_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("rule_table", ROOT / "scripts" / "rule_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_rule_table_is_the_generated_one():
    script = _rule_table_script()
    assert script.with_table(README) == README, "run python3 scripts/rule_table.py"
    for rule in registry.ALL_RULES:  # every rule, with the fix column from the rule itself
        assert f"| {rule.code} | {rule.name} | {rule.fix or '–'} |" in README, rule.name


def test_rule_table_generation_repairs_a_stale_row():
    row = "| LNK004 | broken-block-link | – |"
    stale = README.replace(row, "| LNK004 | broken-block-link | unsafe |")
    assert row in README and stale != README
    assert _rule_table_script().with_table(stale) == README


def _fix_kinds(rule) -> set[str]:
    return set(rule.fix.split("/")) if rule.fix else set()


def test_fix_column_agrees_with_the_examples(tmp_path):
    """A rule's declared `fix` covers every fix its examples show or its diagnostics propose."""
    from rules.test_rule_examples import _linter  # tests/rules/, the examples' own harness
    from vaultlint.note import Note

    for rule in registry.ALL_RULES:
        assert rule.fixable == (rule.fix is not None), rule.name
        kinds = _fix_kinds(rule)
        for example in rule.examples:
            if example.after is not None and example.after != example.before:
                assert ("unsafe" if example.unsafe else "safe") in kinds, (rule.name, example)
            found = _linter(tmp_path, rule, example.options).lint(Note("example.md",
                                                                       example.before))[0]
            proposed = {d.fix.applicability.value for d in found
                        if d.rule == rule.name and d.fix is not None}
            assert proposed <= kinds, (rule.name, proposed)


# --- environment variables --------------------------------------------------------------------

def test_every_vaultlint_environment_variable_is_documented():
    used = {name for path in (ROOT / "vaultlint").rglob("*.py")
            for name in re.findall(r"\bVAULTLINT_[A-Z_]+\b", path.read_text(encoding="utf-8"))}
    assert {"VAULTLINT_NO_CACHE", "VAULTLINT_CACHE_DIR"} <= used  # the grep finds them
    section = README.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    for name in sorted(used):
        assert f"| `{name}` |" in section, f"{name} is not documented in README.md"


# --- runtime dependencies: only what the code uses ---------------------------------------------

# distribution -> how vaultlint uses it: an imported module, unless noted below.
_MODULES = {"markdown-it-py": "markdown_it", "mdit-py-plugins": "mdit_py_plugins",
            "ruamel.yaml": "ruamel", "PyYAML": "yaml", "jsonschema-rs": "jsonschema_rs",
            "python-frontmatter": "frontmatter"}


def _imported_modules() -> set[str]:
    import ast

    found: set[str] = set()
    for path in (ROOT / "vaultlint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
            elif (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "find_spec"
                  and node.args and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)  # a package read for its data files only
    return found


def _runtime_dependencies() -> list[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0] for dep in project["dependencies"]]


def test_every_runtime_dependency_is_used_by_the_code():
    imported = _imported_modules()
    spelling = (ROOT / "vaultlint" / "spelling.py").read_text(encoding="utf-8")
    for dist in _runtime_dependencies():
        if dist == "typos":  # a binary: vaultlint runs the `typos` executable it installs
            assert 'shutil.which("typos")' in spelling and '"typos.exe"' in spelling
        elif dist in ("rfc3339-validator", "rfc3986-validator"):
            _assert_format_checked(dist)
        else:
            module = _MODULES.get(dist, dist.replace("-", "_"))
            assert module in imported, f"{dist} is a runtime dependency but vaultlint never " \
                                       f"imports {module}"


def _assert_format_checked(dist: str) -> None:
    """jsonschema checks `date-time` / `uri` only when these are installed; vaultlint's frontmatter
    format checker relies on it."""
    from vaultlint.fm_schema import format_checker

    if dist == "rfc3339-validator":
        assert not format_checker().conforms("2024-01-01T00:00:00+99:00", "date-time")
    else:
        assert not format_checker().conforms("not a uri", "uri")


def test_test_tools_are_not_runtime_dependencies():
    runtime = set(_runtime_dependencies())
    assert not runtime & {"pre-commit", "python-frontmatter", "pytest", "hypothesis"}
    assert "pre_commit" not in _imported_modules() and "frontmatter" not in _imported_modules()


def test_license_file_matches_the_metadata():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == {"text": "MIT"}
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert license_text.startswith("MIT License\n") and "the vaultlint authors" in license_text
    # shipped in the sdist (hatchling puts LICENSE* in the wheel's .dist-info/licenses/ itself)
    assert "LICENSE" in pyproject["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
