"""Running the fixer on a text with chosen rules, and the properties every fix must have:
shared by the formatter's tests (tests/format/, tests/rules/)."""

from __future__ import annotations

from pathlib import Path

from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import FixOutcome, applies, fix_note, verify
from vaultlint.note import Note
from vaultlint.vault import Vault


def linter_for(root: Path, rules, options: dict[str, dict] | None = None) -> Linter:
    """A linter with only `rules` (names or codes) on, with their `options`."""
    s = Settings(root=root, select=list(rules), rule_config=options or {})
    return Linter(s, Vault(root, [], s))


def fix_text(linter: Linter, text: str, path: str = "n.md", unsafe: bool = True) -> FixOutcome:
    return fix_note(Note(path, text), lambda n: linter.lint(n)[0], unsafe=unsafe)


def check_settles(linter: Linter, text: str, path: str = "n.md", unsafe: bool = True) -> FixOutcome:
    """A refused fix says why; the result passes the safety check against the original as a
    whole; a second --fix changes nothing; and, when nothing was refused, nothing fixable is
    left (a fixed point)."""
    outcome = fix_text(linter, text, path, unsafe)
    assert all(reason for _, reason in outcome.refused)
    intents = {i for d in outcome.applied for i in d.fix.intents}
    assert verify(Note(path, text), Note(path, outcome.text), intents) is None
    assert fix_text(linter, outcome.text, path, unsafe).text == outcome.text  # idempotent
    if not outcome.refused:
        left = [d for d in linter.lint(Note(path, outcome.text))[0] if applies(d.fix, unsafe)]
        assert not left, left
    return outcome
