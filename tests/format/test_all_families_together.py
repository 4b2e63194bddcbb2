"""Every formatter rule at once (all families, taste rules included), over the peer's own examples
and over generated notes: each fix verified against the rendering, `--fix` idempotent, and the
fixes settle together (obsidian-linter has issues where a second run changes the note again)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from fixing import check_settles, linter_for
from strategies import note_text
from vaultlint import rules as registry
from vaultlint.engine import Linter

_PEER = json.loads((Path(__file__).parents[1] / "conformance" / "obsidian-linter-examples.json")
                   .read_text(encoding="utf-8"))
BEFORE_TEXTS = [(f"{rule}-{i}", example["before"]) for rule, entry in sorted(_PEER.items())
                if not rule.endswith("-on-paste") for i, example in enumerate(entry["examples"])]

# The formatter's families: layout FMT0xx/FMT1xx, style, content, headings, footnotes, and the
# frontmatter rules FM3xx (FM332 reads dates from git or the file, none here: it inserts nothing
# the test could predict, which is fine; it must still settle).
FORMATTER = [r.code for r in registry.ALL_RULES if r.code.startswith(("FMT", "FM3"))]


def _linter(root: Path) -> Linter:
    return linter_for(root, FORMATTER)


def test_the_families_cover_every_peer_file_rule():
    aliases = {a for r in registry.ALL_RULES for a in r.aliases} | \
        {r.name for r in registry.ALL_RULES}
    file_rules = {rule for rule in _PEER if not rule.endswith("-on-paste")}
    assert len(file_rules) == 57
    assert file_rules <= aliases, sorted(file_rules - aliases)


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("text", [t for _, t in BEFORE_TEXTS], ids=[n for n, _ in BEFORE_TEXTS])
def test_every_rule_together_settles_on_the_peer_examples(tmp_path, text, unsafe):
    check_settles(_linter(tmp_path), text, "example.md", unsafe)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(text=note_text())
def test_every_rule_together_settles_on_generated_notes(tmp_path_factory, text):
    linter = _linter(tmp_path_factory.mktemp("v"))
    check_settles(linter, text, unsafe=False)
    check_settles(linter, text, unsafe=True)
