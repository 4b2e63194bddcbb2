"""Every rule's documented examples are true: the docs and the code cannot drift apart."""

from __future__ import annotations

import pytest

from vaultlint import rules as registry
from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import fix_note
from vaultlint.note import Note
from vaultlint.vault import Vault

CASES = [(rule, i, ex) for rule in registry.ALL_RULES for i, ex in enumerate(rule.examples)]


def _linter(tmp_path, rule, options) -> Linter:
    settings = Settings(root=tmp_path, select=[rule.name],
                        rule_config={rule.name: options} if options else {})
    return Linter(settings, Vault(tmp_path, [], settings))


@pytest.mark.parametrize("rule,index,example", CASES,
                         ids=[f"{r.name}-{i}" for r, i, _ in CASES])
def test_example(tmp_path, rule, index, example):
    linter = _linter(tmp_path, rule, example.options)
    note = Note("example.md", example.before)
    found = [d for d in linter.lint(note)[0] if d.rule == rule.name]
    assert bool(found) == example.flagged, found
    if example.after is not None:
        outcome = fix_note(note, lambda n: linter.lint(n)[0], unsafe=example.unsafe)
        assert outcome.text == example.after
        assert not outcome.refused


def test_every_rule_is_documented():
    codes, names = set(), set()
    for rule in registry.ALL_RULES:
        assert rule.code not in codes and rule.name not in names
        codes.add(rule.code)
        names.add(rule.name)
        assert rule.docs and rule.docs.strip(), rule.name
        assert rule.summary, rule.name
        assert rule.examples, f"{rule.name} has no examples"
        assert set(rule.options) == set(rule.options_schema), rule.name
