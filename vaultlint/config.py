"""Find, read (tomllib) and validate the configuration, and answer "which rules, which options".

Discovery: from the starting folder upwards, the first folder holding `.vaultlint.toml`,
`vaultlint.toml` or a `pyproject.toml` with `[tool.vaultlint]` (in that order of precedence)
gives the config; no merging (ruff's choice). `--config PATH` names one explicitly.
"""

from __future__ import annotations

import copy
import os
import re
import sys
import tomllib
from collections.abc import Iterable
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
    _options: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False,
                                                compare=False)

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
        """The rule's options: its defaults, overridden by the config. Built once per rule and
        shared by every note's check (rules read options, never change them)."""
        options = self._options.get(rule.name)
        if options is None:
            options = copy.deepcopy(rule.options)
            for key, value in self.rule_config.get(rule.name, {}).items():
                if key != "severity":
                    options[key] = value
            self._options[rule.name] = options
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
        raise ConfigError(f"{shown(path)}: invalid TOML: {exc}") from None
    except UnsafeFile as exc:
        raise ConfigError(f"{shown(path)}: cannot read: {exc.reason}") from None
    except OSError as exc:
        raise ConfigError(f"{shown(path)}: cannot read: {exc.strerror}") from None


def shown(path: Path) -> str:
    """A config file as an error names it: relative to the current folder when inside it
    (clickable in a terminal, as ruff does), else as it is."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


def read_config(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("vaultlint", {})
    validate_config(data, shown(path))
    return data


def _rules_schema() -> dict[str, Any]:
    props = {}
    for rule in registry.ALL_RULES:
        table = {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                **rule.options_schema,
                "severity": {"enum": [s.value for s in Severity]},
            },
        }
        for name in (rule.name, *rule.aliases):  # `[rules.header-increment]` works too
            props[name] = table
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
        if len(errors) == 1:  # the usual case: one line, as every other config error
            raise ConfigError(f"{source}: {_describe(errors[0])}")
        if errors:
            lines = [f"  {_describe(e)}" for e in errors]
            raise ConfigError(f"{source}: invalid configuration:\n" + "\n".join(lines))
    for key in ("select", "extend-select", "ignore"):
        for sel in data.get(key, []):
            if not registry.is_known_selector(sel):
                raise ConfigError(f"{source}: {key}: {unknown_selector(sel)}")
    for glob, sels in data.get("per-file-ignores", {}).items():
        for sel in sels:
            if not registry.is_known_selector(sel):
                raise ConfigError(f"{source}: per-file-ignores {glob!r}: {unknown_selector(sel)}")


def _fast_valid(schema: dict[str, Any], data: dict[str, Any]) -> bool:
    """jsonschema-rs's answer (it imports in a fraction of jsonschema's time); False if absent."""
    try:
        import jsonschema_rs

        return bool(jsonschema_rs.validator_for(schema).is_valid(data))
    except Exception:  # not installed, or a value it cannot convert: jsonschema decides
        return False


def _describe(error: jsonschema.ValidationError) -> str:
    """`where: what`; an unknown `[rules.X]` table needs no `where`, its message says it."""
    if error.validator == "additionalProperties" and list(error.absolute_path) == ["rules"]:
        return _plain(error)
    return f"{_where(error)}: {_plain(error)}"


def _where(error: jsonschema.ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "(top level)"


def _plain(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = sorted(set(error.instance) - set(known))
        if list(error.absolute_path) == ["rules"]:  # a table named after a rule: `[rules.X]`
            return "; ".join(f"unknown rule {k!r}{_rule_table_hint(k)}" for k in extra)
        return "unknown key(s): " + ", ".join(f"{k}{did_you_mean(k, known)}" for k in extra)
    return error.message


def _rule_table_hint(key: str) -> str:
    """A `[rules.X]` table takes the rule's name: a code gets its name, else the closest name."""
    if key.upper() in registry.BY_CODE:
        return f" (a [rules] table takes the rule's name: {registry.BY_CODE[key.upper()].name!r})"
    return did_you_mean(key, registry.BY_NAME)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` naming the choice closest to `word`, or "" when none is close."""
    from rapidfuzz import fuzz, process  # only imported when something is unknown

    best = process.extractOne(word, list(choices), scorer=fuzz.ratio, processor=str.lower,
                              score_cutoff=70)
    return f" (did you mean {best[0]!r}?)" if best else ""


def rule_words() -> list[str]:
    """What a selector may be: rule names, codes and their letter prefixes (`FMT`)."""
    rules = registry.ALL_RULES
    prefixes = sorted({r.code.rstrip("0123456789") for r in rules})
    return [*(r.name for r in rules), *(a for r in rules for a in r.aliases),
            *(r.code for r in rules), *prefixes]


def unknown_selector(selector: str) -> str:
    """The message for a selector that matches no rule, with the closest known one."""
    return f"unknown rule or prefix {selector!r}{did_you_mean(selector, rule_words())}"


def table_key_line(path: Path | None, table: str, index: int, key: str) -> int | None:
    """1-based line of `key` in the `index`-th `[[table]]` of the config file (`[[tool.vaultlint.
    table]]` in pyproject.toml), else of that table's header; None if not found (inline tables)."""
    if path is None:
        return None
    try:
        lines = read_regular(path, MAX_CONFIG_BYTES)[0].decode("utf-8").splitlines()
    except (OSError, UnsafeFile, UnicodeDecodeError):
        return None
    header = re.compile(rf"\s*\[\[\s*(?:tool\.vaultlint\.)?{re.escape(table)}\s*\]\]")
    starts = [n for n, text in enumerate(lines) if header.match(text)]
    if index >= len(starts):
        return None
    assignment = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for n in range(starts[index] + 1, len(lines)):
        if lines[n].lstrip().startswith("["):
            break
        if assignment.match(lines[n]):
            return n + 1
    return starts[index] + 1


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
        rule_config=_by_rule_name(data.get("rules", {})),
        raw=data,
        trusted=trusted,
    )


def _by_rule_name(tables: dict[str, Any]) -> dict[str, Any]:
    """`[rules.X]` tables under the rule's own name: an obsidian-linter id is an alias (its
    options merge into the rule's table; the rule's own name wins on a clash)."""
    out: dict[str, Any] = {}
    own_names = {r.name for r in registry.ALL_RULES}
    for key in sorted(tables, key=lambda k: k in own_names):  # aliases first, own names last
        rule = registry.BY_NAME.get(key)
        name = rule.name if rule is not None else key
        out[name] = {**out.get(name, {}), **tables[key]}
    return out


def load_settings(root: Path, start: Path, explicit: Path | None = None,
                  isolated: bool = False) -> Settings:
    if isolated:
        return settings_from(root, None, {}, trusted=True)
    path = explicit if explicit is not None else find_config(start)
    if explicit is not None and not explicit.is_file():
        raise ConfigError(f"{explicit}: config file not found")
    data = read_config(path) if path is not None else {}
    return settings_from(root, path, data, trusted=explicit is not None)
