"""`vaultlint init --from-obsidian-linter` and obsidian-linter's `disabled rules` property.

The data.json below has the shape obsidian-linter writes (src/settings-data.ts: `ruleConfigs`
with every option of every rule under its config key, plus the general settings)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from conftest import run_cli, write_vault
from vaultlint import rules as registry
from vaultlint.config import load_settings
from vaultlint.init import PEER_DATA, migrate, render

DATA = {
    "ruleConfigs": {
        "yaml-title": {"enabled": True, "title-key": "name",
                       "mode": "first-h1-or-filename-if-h1-missing"},
        "yaml-timestamp": {"enabled": True, "date-created": True,
                           "date-created-key": "date created",
                           "date-created-source-of-truth": "file system", "date-modified": True,
                           "date-modified-key": "date modified",
                           "date-modified-source-of-truth": "file system",
                           "format": "dddd, MMMM Do YYYY, h:mm:ss a", "convert-to-utc": False,
                           "update-on-file-contents-updated": "never"},
        "trailing-spaces": {"enabled": True, "two-space-line-break": False},
        "header-increment": {"enabled": False, "start-at-h2": False},
        "proper-ellipsis-on-paste": {"enabled": True},  # a paste rule: never a counterpart
        "capitalize-headings": {"enabled": False, "style": "Title Case"},
    },
    "lintOnSave": True,
    "displayChanged": True,
    "lintOnFileChange": False,
    "settingsConvertedToConfigKeyValues": True,
    "additionalFileExtensions": [],
    "foldersToIgnore": ["Templates", "Archive/Old [2020]"],
    "filesToIgnore": [{"label": "drafts", "match": "^Draft", "flags": "i"}],
    "linterLocale": "system-default",
    "logLevel": "ERROR",
    "lintCommands": [],
    "customRegexes": [],
    "commonStyles": {"aliasArrayStyle": "single-line", "tagArrayStyle": "single-line",
                     "minimumNumberOfDollarSignsToBeAMathBlock": 2, "escapeCharacter": '"',
                     "removeUnnecessaryEscapeCharsForMultiLineArrays": False},
}


def _vault(tmp_path: Path, data: dict) -> Path:
    return write_vault(tmp_path / "v", {PEER_DATA: json.dumps(data, indent=2),
                                        "Templates/t.md": "x\n",
                                        "Archive/Old [2020]/o.md": "x\n", "n.md": "# N\n"})


def test_migration_through_the_cli(tmp_path):
    root = _vault(tmp_path, DATA)
    res = run_cli(["init", "--from-obsidian-linter"], root)
    assert res.exit_code == 0, res.stdout + res.stderr
    text = (root / ".vaultlint.toml").read_text()
    settings = load_settings(root, root)
    enabled = {r.name for r in settings.enabled_rules}
    assert {"yaml-title", "yaml-timestamps", "trailing-whitespace"} <= enabled
    assert settings.options_for(registry.get("yaml-title"))["title-key"] == "name"
    stamps = settings.options_for(registry.get("yaml-timestamps"))
    assert stamps["date-created-key"] == "date created"
    assert stamps["format"] == "dddd, MMMM Do YYYY, h:mm:ss a"
    assert "mode" not in tomllib.loads(text)["rules"]["yaml-title"]  # our default: not written
    assert settings.is_excluded("Templates/t.md")
    assert settings.is_excluded("Archive/Old [2020]/o.md")
    assert not settings.is_excluded("n.md")
    # what has no counterpart is listed, in comments
    assert "#   proper-ellipsis-on-paste\n" in text
    assert ('#   yaml-timestamp.date-created-source-of-truth = "file system"  (no such option)'
            in text)
    assert tomllib.loads(text)["rules"]["trailing-whitespace"] == {"hard-breaks": False}
    assert "#   lintOnSave = true\n" in text and '"label": "drafts"' not in text
    assert "#   filesToIgnore = [{label = \"drafts\"" in text
    # a default-on rule the peer has off is offered, commented, for `ignore`
    assert '# ignore = ["heading-increment"]' in text
    # the run then uses it
    res = run_cli(["--output-format", "json", "."], root)
    assert [d["path"] for d in res.json() if d["code"] == "FM330"] == ["n.md"]


def test_every_aliased_rule_is_enabled_by_its_peer_id():
    """Driven by the registry: each rule's obsidian-linter ids turn it on, options mapped."""
    for rule in registry.ALL_RULES:
        for peer in rule.aliases:
            mig = migrate({"ruleConfigs": {peer: {"enabled": True}}})
            config = tomllib.loads(render(mig))
            chosen = registry.select(config.get("extend-select", [])) if not rule.default_enabled \
                else [rule]
            assert rule in chosen, (peer, rule.name)
            assert not mig.no_rule


def test_peer_option_names_map_through_the_rule():
    """A rule may name the peer's option differently (`Rule.peer_options`)."""
    rule = registry.get("yaml-title")
    object.__setattr__(rule, "peer_options", {"title-property": "title-key"})
    try:
        mig = migrate({"ruleConfigs": {"yaml-title": {"enabled": True, "title-property": "t",
                                                      "mode": "bogus"}}})
    finally:
        object.__setattr__(rule, "peer_options", {})
    assert mig.tables == {"yaml-title": {"title-key": "t"}}
    assert mig.no_option == ['yaml-title.mode = "bogus"  (value not supported)']


def test_migration_errors(tmp_path):
    root = write_vault(tmp_path / "v", {"n.md": "x\n"})
    res = run_cli(["init", "--from-obsidian-linter"], root)
    assert res.exit_code == 2 and "not found" in res.stderr
    (root / PEER_DATA).parent.mkdir(parents=True)
    (root / PEER_DATA).write_text("{not json")
    res = run_cli(["init", "--from-obsidian-linter"], root)
    assert res.exit_code == 2 and "not valid JSON" in res.stderr
    (root / PEER_DATA).write_text("{}")
    assert run_cli(["init", "--from-obsidian-linter"], root).exit_code == 0
    res = run_cli(["init", "--from-obsidian-linter"], root)
    assert res.exit_code == 2 and "--force" in res.stderr


# --- `disabled rules` ------------------------------------------------------------------------


def test_disabled_rules_property_silences_the_listed_rules(tmp_path):
    root = write_vault(tmp_path / "v", {
        "peer.md": "---\ndisabled rules: [trailing-spaces]\n---\nA line   \n",
        "ours.md": "---\ndisabled rules:\n  - FMT001\n---\nA line   \n",
        "all.md": "---\ndisabled rules: [all]\n---\nA line   \n\n\n\n# H\n### H3\n",
        "one.md": "---\ndisabled rules: header-increment\n---\nA line   \n# H\n### H3\n",
        "none.md": "---\ntitle: x\n---\nA line   \n",
    })
    res = run_cli(["--output-format", "json", "--select", "FMT001,FMT005,VL102", "."], root)
    found = sorted((d["path"], d["code"]) for d in res.json())
    assert found == [("none.md", "FMT001"), ("one.md", "FMT001")]


def test_unknown_ids_in_disabled_rules_are_reported(tmp_path):
    root = write_vault(tmp_path / "v", {
        "n.md": "---\ndisabled rules: [trailing-spaces, trailing-spcaes]\n---\nText.\n"})
    res = run_cli(["--output-format", "json", "."], root)
    [diag] = res.json()
    assert diag["code"] == "VL102" and (diag["line"], diag["column"]) == (2, 35)
    assert "unknown rule 'trailing-spcaes' in `disabled rules`" in diag["message"]
    assert "did you mean 'trailing-spaces'" in diag["message"]


def test_disabled_rules_are_never_judged_unused(tmp_path):
    root = write_vault(tmp_path / "v", {"n.md": "---\ndisabled rules: [FMT001]\n---\nText.\n"})
    res = run_cli(["--output-format", "json", "--extend-select", "unused-suppression", "."], root)
    assert res.json() == []


def test_all_silences_everything_even_its_own_unknown_ids(tmp_path):
    root = write_vault(tmp_path / "v", {
        "n.md": "---\ndisabled rules: [all, no-such-rule]\n---\nA line   \n"})
    assert run_cli(["--output-format", "json", "."], root).json() == []


FULL_SHAPE = Path(__file__).parent / "conformance" / "obsidian-linter-data.json"


def test_a_full_data_json_migrates_every_enabled_rule_and_option(tmp_path):
    """Every rule and option the plugin writes: each enabled file rule ends up enabled in the
    loaded config, the peer's comma-separated word lists become lists of words, its differently
    named keys (`twp-space-line-break`, `ignore-case-words`, ...) reach their counterparts."""
    data = json.loads(FULL_SHAPE.read_text(encoding="utf-8"))
    root = _vault(tmp_path, data)
    res = run_cli(["init", "--from-obsidian-linter"], root)
    assert res.exit_code == 0, res.stdout + res.stderr
    text = (root / ".vaultlint.toml").read_text()
    config = tomllib.loads(text)
    assert config["rules"]["heading-capitalization"]["lowercase-words"] == [
        "a", "an", "the", "aboard", "about", "than", "through", "with"]
    assert config["rules"]["trailing-whitespace"] == {"hard-breaks": False}
    assert config["rules"]["heading-increment"] == {"start-at-h2": True}
    assert "no such option" not in text  # every option of the plugin has a counterpart here
    settings = load_settings(root, root)
    active = {r.name for r in settings.enabled_rules}
    for peer, conf in data["ruleConfigs"].items():
        if conf["enabled"] and not peer.endswith("-on-paste"):
            rule = registry.get(peer)
            assert rule.name in active, (peer, rule.name)
