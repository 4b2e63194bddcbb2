"""`vaultlint init`: a starter config for a vault, with every default spelled out; or, with
`--from-obsidian-linter`, the config equivalent to obsidian-linter's settings in the vault."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultlint import rules as registry
from vaultlint.config import MAX_CONFIG_BYTES, validate_config
from vaultlint.rules.base import Rule
from vaultlint.safeio import UnsafeFile, describe, read_regular
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
        lines.append(f"# {key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


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


# --- `vaultlint init --from-obsidian-linter` ---------------------------------------------------

PEER_DATA = ".obsidian/plugins/obsidian-linter/data.json"
PEER_SETTINGS_SEEN = ("ruleConfigs", "foldersToIgnore")  # mapped; every other setting is listed


class MigrationError(Exception):
    """obsidian-linter's settings cannot be read: reported with exit code 2."""


@dataclass
class Migration:
    """What obsidian-linter's data.json becomes: the config and what has no counterpart."""

    extend_select: list[str] = field(default_factory=list)
    off_in_peer: list[str] = field(default_factory=list)  # on here by default, off there
    exclude: list[str] = field(default_factory=list)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    no_rule: list[str] = field(default_factory=list)  # enabled peer rules without a counterpart
    no_option: list[str] = field(default_factory=list)  # `rule-id.option = value  (why)`
    no_setting: list[str] = field(default_factory=list)  # `setting = value`


def _peer_rule(peer_id: str) -> Rule | None:
    """The vaultlint rule doing the peer rule's job: the rule whose aliases name it, or a rule
    of the same name (`heading-blank-lines`, `consecutive-blank-lines`, ...)."""
    rule = registry.BY_NAME.get(peer_id)
    return rule if rule is not None and peer_id in (rule.name, *rule.aliases) else None


# The peer's word lists, kept as one text split on commas and blanks (its `wordSplitterRegex`);
# its other list options are one item a line.
_WORD_LISTS = {("capitalize-headings", "ignore-words"), ("capitalize-headings", "lowercase-words"),
               ("auto-correct-common-misspellings", "ignore-words")}
_WORD_SPLITTER = re.compile(r"[,\s]+")


def _coerce(value: Any, schema: dict[str, Any], peer_key: tuple[str, str]) -> Any:
    """The peer keeps a list option as the text of a text box."""
    if schema.get("type") == "array" and isinstance(value, str):
        items = _WORD_SPLITTER.split(value) if peer_key in _WORD_LISTS else value.splitlines()
        return [item.strip() for item in items if item.strip()]
    return value


def _accepted(value: Any, schema: dict[str, Any]) -> bool:
    import jsonschema

    return jsonschema.Draft202012Validator(schema).is_valid(value)


def _map_options(mig: Migration, peer_id: str, rule: Rule, conf: dict[str, Any]) -> None:
    """Options of an enabled peer rule: same name (or the rule's `peer_options`) and a value
    our schema accepts become `[rules.NAME]` keys when they differ from our default."""
    for key, value in conf.items():
        if key == "enabled":
            continue
        ours = rule.peer_options.get(key, key)
        if ours not in rule.options:
            mig.no_option.append(f"{peer_id}.{key} = {_toml_value(value)}  (no such option)")
            continue
        value = _coerce(value, rule.options_schema.get(ours, {}), (peer_id, key))
        if not _accepted(value, rule.options_schema.get(ours, {})):
            mig.no_option.append(f"{peer_id}.{key} = {_toml_value(value)}  (value not supported)")
        elif value != rule.options[ours]:
            mig.tables.setdefault(rule.name, {})[ours] = value


def _map_rules(mig: Migration, configs: dict[str, Any]) -> None:
    enabled_rules: set[str] = set()
    for peer_id, conf in sorted(configs.items()):
        if not isinstance(conf, dict):
            continue
        rule, enabled = _peer_rule(peer_id), conf.get("enabled") is True
        if rule is None:
            if enabled:
                mig.no_rule.append(peer_id)
            continue
        if enabled:
            enabled_rules.add(rule.name)
            if not rule.default_enabled and rule.name not in mig.extend_select:
                mig.extend_select.append(rule.name)
            _map_options(mig, peer_id, rule, conf)
        elif rule.default_enabled:
            mig.off_in_peer.append(rule.name)
    # a rule serving two peer ids, one of them enabled, stays on
    mig.off_in_peer = sorted(set(mig.off_in_peer) - enabled_rules)


def _folder_glob(folder: str) -> str:
    """A folder of the vault as a gitignore-style glob (its special characters escaped)."""
    plain = re.sub(r"([*?\[\]\\])", r"\\\1", folder.strip().strip("/"))
    return ("\\" + plain if plain[:1] in ("!", "#") else plain) + "/**"


def migrate(data: dict[str, Any]) -> Migration:
    """obsidian-linter's settings (its data.json) as vaultlint settings."""
    mig = Migration()
    configs = data.get("ruleConfigs")
    _map_rules(mig, configs if isinstance(configs, dict) else {})
    folders = data.get("foldersToIgnore")
    if isinstance(folders, list):
        mig.exclude = [_folder_glob(f) for f in folders if isinstance(f, str) and f.strip("/ ")]
    mig.no_setting = [f"{key} = {_toml_value(value)}" for key, value in data.items()
                      if key not in PEER_SETTINGS_SEEN]
    return mig


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _toml_value(value: Any) -> str:
    """A TOML value (JSON's string escapes are TOML's)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


def _comment_block(title: str, lines: list[str]) -> str:
    if not lines:
        return ""
    body = "".join(f"#   {line.replace(chr(10), ' ')}\n" for line in lines)
    return f"\n# {title}\n{body}"


def render(mig: Migration) -> str:
    """The migrated `.vaultlint.toml`."""
    out = [f"# vaultlint configuration written by `vaultlint init --from-obsidian-linter` from\n"
           f"# {PEER_DATA}. `vaultlint rule NAME` explains a rule.\n\n"]
    out.append(f"extend-select = {_toml_value(mig.extend_select)}\n")
    if mig.exclude:
        out.append(f"exclude = {_toml_value(mig.exclude)}   # obsidian-linter's foldersToIgnore\n")
    if mig.off_in_peer:
        out.append("# On by default in vaultlint (layout no one objects to), off in\n"
                   "# obsidian-linter; uncomment to keep them off:\n"
                   f"# ignore = {_toml_value(mig.off_in_peer)}\n")
    for name, options in mig.tables.items():
        out.append(f"\n[rules.{name}]\n")
        out += [f"{_toml_key(k)} = {_toml_value(v)}\n" for k, v in options.items()]
    out.append(_comment_block("Enabled obsidian-linter rules with no vaultlint counterpart:",
                              mig.no_rule))
    out.append(_comment_block("obsidian-linter options with no vaultlint counterpart:",
                              mig.no_option))
    out.append(_comment_block("obsidian-linter settings with no vaultlint counterpart (editor "
                              "behaviour, its UI):", mig.no_setting))
    return "".join(out)


def read_peer_settings(root: Path) -> dict[str, Any]:
    path = root / PEER_DATA
    try:
        data = json.loads(read_regular(path, MAX_CONFIG_BYTES * 16, root=root)[0].decode("utf-8"))
    except FileNotFoundError:
        raise MigrationError(f"{PEER_DATA}: not found (is obsidian-linter installed in this "
                             "vault?)") from None
    except (OSError, UnsafeFile) as exc:
        raise MigrationError(describe(PEER_DATA, exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MigrationError(f"{PEER_DATA}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise MigrationError(f"{PEER_DATA}: not obsidian-linter's settings (not a JSON object)")
    return data


def write_migrated(root: Path, force: bool = False) -> tuple[Path, Migration]:
    """Write .vaultlint.toml from obsidian-linter's settings in the vault."""
    target = root / ".vaultlint.toml"
    if target.exists() and not force:
        raise FileExistsError(f"{target} exists (use --force to replace it)")
    mig = migrate(read_peer_settings(root))
    text = render(mig)
    validate_config(tomllib.loads(text), str(target))  # what we write must load
    target.write_text(text, encoding="utf-8")
    return target, mig


def migration_summary(mig: Migration) -> str:
    return (f"obsidian-linter: {len(mig.extend_select)} rule(s) turned on, {len(mig.tables)} "
            f"with options, {len(mig.no_rule)} enabled rule(s) and {len(mig.no_option)} "
            "option(s) with no vaultlint counterpart (listed in the file)")
