"""`vaultlint init`: a starter config for a vault, with every default spelled out."""

from __future__ import annotations

import json
from pathlib import Path

from vaultlint import rules as registry
from vaultlint.schema_cmd import collect
from vaultlint.schema_infer import infer

HEADER = """\
# vaultlint configuration (https://github.com/vaultlint/vaultlint). Every key is optional;
# the values shown commented out are the defaults. `vaultlint rule NAME` explains a rule.

# ignore = []                       # rules never to run: codes, prefixes or names
# extend-select = []                # rules that are off by default, to turn on
exclude = ["Templates/**"]          # gitignore-style globs from the vault root
# respect-gitignore = true
# unsafe-fixes = false

# [per-file-ignores]
# "Daily/**" = ["heading-blank-lines"]
"""


def _rule_section(rule: registry.Rule) -> str:
    lines = [f"\n# [rules.{rule.name}]   # {rule.code}: {rule.summary}"]
    lines.append(f'# severity = "{rule.severity.value}"')
    for key, value in rule.options.items():
        lines.append(f"# {key} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def starter_config() -> str:
    return HEADER + "".join(_rule_section(r) for r in registry.ALL_RULES if r.options)


INFERRED_SCHEMA = ".vaultlint/frontmatter.schema.json"


def schema_section(count: int) -> str:
    return (f"\n# Inferred by `vaultlint init` from the frontmatter of {count} note(s): edit it, or\n"
            "# map stricter schemas to folders or property values (docs/frontmatter.md).\n"
            f'[[frontmatter.schemas]]\nschema = "{INFERRED_SCHEMA}"\n')


def write_starter(root: Path, force: bool = False, settings: object = None) -> Path:
    """Write .vaultlint.toml; with `settings`, also a frontmatter schema inferred from the vault."""
    target = root / ".vaultlint.toml"
    if target.exists() and not force:
        raise FileExistsError(f"{target} exists (use --force to replace it)")
    text = starter_config()
    if settings is not None:
        notes = collect(root, [], {}, settings)
        if notes:
            schema = root / INFERRED_SCHEMA
            schema.parent.mkdir(exist_ok=True)
            schema.write_text(json.dumps(infer(notes), indent=2, ensure_ascii=False) + "\n",
                              encoding="utf-8")
            text += schema_section(len(notes))
    target.write_text(text, encoding="utf-8")
    return target
