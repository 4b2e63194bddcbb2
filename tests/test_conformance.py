"""obsidian-linter's own examples, run through vaultlint's fixer (docs/conformance.md).

Each case names the vaultlint rules that do the peer rule's job. `after=None` means vaultlint
gives exactly obsidian-linter's `after`; otherwise the expected text is vaultlint's, and the
reason says why it differs on purpose.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
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
             ("core", "spacing", "style", "content", "headings", "footnotes", "yaml",
              "timestamps")]
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


def _commit_history(root: Path, name: str, text: str, dates: list[str]) -> None:
    """A git repository at `root` where note `name` was committed at each of `dates` (ISO
    8601), the last commit holding `text` (earlier ones a draft): the note is unchanged since.
    Hermetic: no system or user git config, no inherited GIT_* variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "HOME": str(root),
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}

    def git(*args: str, date: str | None = None) -> None:
        dated = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
        subprocess.run(["git", *args], cwd=root, env=env | dated, check=True,
                       capture_output=True)

    git("init", "-q")
    for i, date in enumerate(dates):
        last = i == len(dates) - 1
        (root / name).write_bytes((text if last else f"draft {i}\n").encode("utf-8"))
        git("add", "--", name)
        git("commit", "-qm", date, date=date)


@contextmanager
def _local_zone(zone: str) -> Iterator[None]:
    """Local time is `zone` (a TZ value) inside the block."""
    if not hasattr(time, "tzset"):
        pytest.skip("the local time zone cannot be set on this platform")
    saved = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{c[0]}-{c[1]}" for c in ALL_CASES])
def test_peer_example(tmp_path, case):
    """A case is (peer, index, rules, unsafe, ours, reason) and, optionally, a setup dict:
    `name`, the note's file name where the peer's example depends on it; `commits`, ISO dates
    at which the note was committed to a git repository at the vault root (the last commit is
    the example's `before`), with local time `tz` (default UTC, as the peer's tests run)."""
    peer, index, rules, unsafe, ours, reason, *rest = case
    setup = rest[0] if rest else {}
    example = EXAMPLES[peer]["examples"][index]
    expected = example["after"] if ours is None else ours
    if ours is not None:
        assert reason, "a deliberate difference needs its reason"
        assert ours != example["after"]
    name = setup.get("name", "example.md")
    zone: AbstractContextManager[None] = nullcontext()
    if "commits" in setup:
        _commit_history(tmp_path, name, example["before"], setup["commits"])
        zone = _local_zone(setup.get("tz", "UTC"))
    with zone:
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
