"""Find, read (tomllib) and validate the configuration, and answer "which rules, which options".

Discovery: from the starting folder upwards, the first folder holding `.vaultlint.toml`,
`vaultlint.toml` or a `pyproject.toml` with `[tool.vaultlint]` (in that order of precedence)
gives the config; no merging (ruff's choice). `--config PATH` names one explicitly.
"""

from __future__ import annotations

import copy
import os
import sys
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaultlint import rules as registry
from vaultlint.diagnostics import Severity
from vaultlint.resources import load_schema
from vaultlint.rules.base import Rule
from vaultlint.safeio import UnsafeFile, read_regular
from vaultlint.vault import glob_spec

if TYPE_CHECKING:  # both imported when first needed: a run without exclusions needs neither
    import jsonschema
    import pathspec

CONFIG_NAMES = (".vaultlint.toml", "vaultlint.toml")
MAX_CONFIG_BYTES = 1024 * 1024
ALWAYS_EXCLUDED = (".obsidian/", ".trash/", ".git/", ".vaultlint_cache/", "node_modules/")


class ConfigError(Exception):
    """A config problem the user must fix: reported with exit code 2."""


@dataclass
class Settings:
    root: Path
    config_path: Path | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    unsafe_fixes: bool = False
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rule_config: dict[str, dict[str, Any]] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)  # sections read by rules (links, ...)
    # the config was named by the user (`--config`), not found on disk: only such a config may
    # name files outside the vault and its own folder, or a typos command (docs/safety.md)
    trusted: bool = False

    # --- which rules -------------------------------------------------------------------------

    @cached_property
    def enabled_rules(self) -> list[Rule]:
        if self.select is None:
            chosen = [r for r in registry.ALL_RULES if r.default_enabled]
        else:
            chosen = registry.select(self.select)
        extra = registry.select(self.extend_select)
        chosen += [r for r in extra if r not in chosen]
        return [r for r in chosen if not any(r.matches(s) for s in self.ignore)]

    @cached_property
    def _per_file_specs(self) -> list[tuple[pathspec.PathSpec, list[str]]]:
        return [
            (glob_spec([glob]), sels)
            for glob, sels in self.per_file_ignores.items()
        ]

    def rules_for(self, path: str) -> list[Rule]:
        """Enabled rules minus those per-file-ignores switch off for `path`."""
        ignored = [s for spec, sels in self._per_file_specs if spec.match_file(path) for s in sels]
        if not ignored:
            return self.enabled_rules
        return [r for r in self.enabled_rules if not any(r.matches(s) for s in ignored)]

    def options_for(self, rule: Rule) -> dict[str, Any]:
        options = copy.deepcopy(rule.options)
        for key, value in self.rule_config.get(rule.name, {}).items():
            if key != "severity":
                options[key] = value
        return options

    def severity_for(self, rule: Rule) -> Severity:
        value = self.rule_config.get(rule.name, {}).get("severity")
        return Severity(value) if value else rule.severity

    # --- which files -------------------------------------------------------------------------

    @cached_property
    def exclude_spec(self) -> pathspec.PathSpec:
        return glob_spec([*ALWAYS_EXCLUDED, *self.exclude])

    def is_excluded(self, path: str) -> bool:
        if not self.exclude:  # the built-in excludes are folders: a cheap test suffices
            return any(f"/{d}" in f"/{path}" for d in ALWAYS_EXCLUDED)
        return self.exclude_spec.match_file(path)


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "vaultlint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(read_regular(path, MAX_CONFIG_BYTES)[0].decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnsafeFile as exc:
        raise ConfigError(f"{path}: cannot read: {exc.reason}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def read_config(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("vaultlint", {})
    validate_config(data, str(path))
    return data


def _rules_schema() -> dict[str, Any]:
    props = {}
    for rule in registry.ALL_RULES:
        props[rule.name] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                **rule.options_schema,
                "severity": {"enum": [s.value for s in Severity]},
            },
        }
    return {"type": "object", "additionalProperties": False, "properties": props}


def full_schema() -> dict[str, Any]:
    """The config schema shipped in schemas/, with each rule's option schema filled in."""
    schema = copy.deepcopy(load_schema("vaultlint-config.schema.json"))
    schema["properties"]["rules"] = {**schema["properties"]["rules"], **_rules_schema()}
    return schema


def validate_config(data: dict[str, Any], source: str) -> None:
    schema = full_schema()
    if not _fast_valid(schema, data):
        import jsonschema  # only to explain what is wrong

        validator = jsonschema.Draft202012Validator(schema)
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        if errors:
            lines = [f"  {_where(e)}: {_plain(e)}" for e in errors]
            raise ConfigError(f"{source}: invalid configuration:\n" + "\n".join(lines))
    for key in ("select", "extend-select", "ignore"):
        for sel in data.get(key, []):
            if not registry.is_known_selector(sel):
                raise ConfigError(f"{source}: {key}: unknown rule or prefix {sel!r}")


def _fast_valid(schema: dict[str, Any], data: dict[str, Any]) -> bool:
    """jsonschema-rs's answer (it imports in a fraction of jsonschema's time); False if absent."""
    try:
        import jsonschema_rs

        return bool(jsonschema_rs.validator_for(schema).is_valid(data))
    except Exception:  # not installed, or a value it cannot convert: jsonschema decides
        return False


def _where(error: jsonschema.ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "(top level)"


def _plain(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"unknown key(s): {', '.join(extra)}"
    return error.message


TYPOS_COMMAND_ENV = "VAULTLINT_TYPOS_COMMAND"


def _typos_command_policy(data: dict[str, Any], source: Path | None, trusted: bool) -> None:
    """`typos-command` runs a program: taken from VAULTLINT_TYPOS_COMMAND or a `--config` file,
    never from a config found on disk (a cloned vault's config must not run anything)."""
    typo = data.get("rules", {}).get("typo", {})
    if typo.get("typos-command") and not trusted:
        print(f"vaultlint: warning: {source}: [rules.typo] typos-command is ignored in a config "
              f"found in the vault (it would run a program); set {TYPOS_COMMAND_ENV} or pass "
              "the config with --config", file=sys.stderr)
        typo["typos-command"] = ""
    if os.environ.get(TYPOS_COMMAND_ENV):
        data.setdefault("rules", {}).setdefault("typo", {})["typos-command"] = \
            os.environ[TYPOS_COMMAND_ENV]


def settings_from(root: Path, config_path: Path | None, data: dict[str, Any],
                  trusted: bool = False) -> Settings:
    _typos_command_policy(data, config_path, trusted)
    return Settings(
        root=root,
        config_path=config_path,
        select=data.get("select"),
        extend_select=data.get("extend-select", []),
        ignore=data.get("ignore", []),
        exclude=data.get("exclude", []),
        respect_gitignore=data.get("respect-gitignore", True),
        unsafe_fixes=data.get("unsafe-fixes", False),
        per_file_ignores=data.get("per-file-ignores", {}),
        rule_config=data.get("rules", {}),
        raw=data,
        trusted=trusted,
    )


def load_settings(root: Path, start: Path, explicit: Path | None = None,
                  isolated: bool = False) -> Settings:
    if isolated:
        return settings_from(root, None, {}, trusted=True)
    path = explicit if explicit is not None else find_config(start)
    if explicit is not None and not explicit.is_file():
        raise ConfigError(f"{explicit}: config file not found")
    data = read_config(path) if path is not None else {}
    return settings_from(root, path, data, trusted=explicit is not None)
