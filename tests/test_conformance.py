"""obsidian-linter's own examples, run through vaultlint's fixer (docs/conformance.md).

Each case names the vaultlint rules that do the peer rule's job. `after=None` means vaultlint
gives exactly obsidian-linter's `after`; otherwise the expected text is vaultlint's, and the
reason says why it differs on purpose.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import fix_note
from vaultlint.note import Note
from vaultlint.vault import Vault

EXAMPLES = json.loads((Path(__file__).parent / "conformance" / "obsidian-linter-examples.json")
                      .read_text(encoding="utf-8"))

PASTE_RULES = {r for r in EXAMPLES if r.endswith("-on-paste")}

# Each formatter family keeps its cases beside the others (tests/conformance/cases_*.py).
_FAMILIES = [importlib.import_module(f"conformance.cases_{name}") for name in
             ("core", "spacing", "style", "content", "headings", "footnotes", "yaml")]
ALL_CASES = [case for family in _FAMILIES for case in family.CASES]
ALL_UNSUPPORTED = {k: v for family in _FAMILIES for k, v in family.UNSUPPORTED.items()}


def _fix(text: str, rules: list[str] | dict[str, dict], unsafe: bool, tmp_path: Path,
         name: str = "example.md") -> str:
    options = rules if isinstance(rules, dict) else {}
    settings = Settings(root=tmp_path, select=list(rules), rule_config=options)
    linter = Linter(settings, Vault(tmp_path, [], settings))
    outcome = fix_note(Note(name, text), lambda n: linter.lint(n)[0], unsafe=unsafe)
    assert not outcome.refused, outcome.refused
    return outcome.text


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{c[0]}-{c[1]}" for c in ALL_CASES])
def test_peer_example(tmp_path, case):
    """A case is (peer, index, rules, unsafe, ours, reason) and, optionally, a setup dict:
    `name`, the note's file name where the peer's example depends on it."""
    peer, index, rules, unsafe, ours, reason, *rest = case
    setup = rest[0] if rest else {}
    example = EXAMPLES[peer]["examples"][index]
    expected = example["after"] if ours is None else ours
    if ours is not None:
        assert reason, "a deliberate difference needs its reason"
        assert ours != example["after"]
    name = setup.get("name", "example.md")
    assert _fix(example["before"], rules, unsafe, tmp_path, name) == expected


def test_every_example_of_a_covered_peer_rule_is_accounted_for():
    """A peer rule with a vaultlint counterpart (an alias, or a case above) has every one of its
    examples run or listed as unsupported with a reason."""
    from vaultlint import rules as registry

    covered = {c[0] for c in ALL_CASES} | {a for r in registry.ALL_RULES for a in r.aliases}
    listed = {(c[0], c[1]) for c in ALL_CASES} | set(ALL_UNSUPPORTED)
    for peer in sorted(covered):
        assert peer in EXAMPLES, f"{peer}: not an obsidian-linter rule"
        every = {(peer, i) for i in range(len(EXAMPLES[peer]["examples"]))}
        assert every <= listed, sorted(every - listed)
    assert all(reason for reason in ALL_UNSUPPORTED.values())


def test_paste_rules_are_not_file_rules():
    """obsidian-linter's paste rules act on the clipboard: no vaultlint counterpart."""
    from vaultlint import rules as registry

    aliases = {a for r in registry.ALL_RULES for a in r.aliases}
    assert PASTE_RULES <= set(EXAMPLES) and not PASTE_RULES & aliases
    assert len(set(EXAMPLES) - PASTE_RULES) == 57
