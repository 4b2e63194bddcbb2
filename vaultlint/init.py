"""`vaultlint init`: a starter config for a vault, with every default spelled out."""

from __future__ import annotations

from pathlib import Path

from vaultlint import rules as registry

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


def write_starter(root: Path, force: bool = False) -> Path:
    target = root / ".vaultlint.toml"
    if target.exists() and not force:
        raise FileExistsError(f"{target} exists (use --force to replace it)")
    target.write_text(starter_config(), encoding="utf-8")
    return target
