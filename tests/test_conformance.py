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

SPACING = ["trailing-whitespace", "consecutive-blank-lines"]

# (peer rule, example index, vaultlint rules (or {rule: options}), unsafe fixes, our text or None,
#  reason)
CASES = [
    ("trailing-spaces", 0, ["trailing-whitespace"], False, None, ""),
    ("trailing-spaces", 1, ["trailing-whitespace"], False,
     "# H1\nLine with trailing spaces and tabs.",
     "two spaces at the end of the last line are no hard break in CommonMark, so they go"),
    ("consecutive-blank-lines", 0, ["consecutive-blank-lines"], False, None, ""),
    ("line-break-at-document-end", 0, ["final-newline"], False, None, ""),
    ("line-break-at-document-end", 1, ["final-newline"], False, None, ""),
    ("line-break-at-document-end", 2, ["final-newline"], False, None, ""),
    ("heading-blank-lines", 0, ["heading-blank-lines", "consecutive-blank-lines", "final-newline"],
     False, "# H1\n\n## H2\n\n# H1\n\nline\n\n## H2\n",
     "vaultlint keeps the final newline the peer drops (final-newline wants exactly one)"),
    ("heading-blank-lines", 1, {"heading-blank-lines": {"after": False}}, False,
     "# H1\nline\n\n## H2\n\n# H1\nline",
     "with after=false vaultlint still wants a blank line above a heading that follows another"),
    ("heading-blank-lines", 2, ["heading-blank-lines"], False,
     "---\nkey: value\n---\n\n# Header\n\nParagraph here...",
     "vaultlint never removes the blank line after the YAML (the peer's option to do so is off "
     "in vaultlint); it only requires blank lines, it does not forbid them"),
    ("header-increment", 0, ["heading-increment"], True, None, ""),
    ("header-increment", 1, ["heading-increment"], True,
     "# H1\n## H3\n\nWe skip from 1 to 3\n\n### H6\n\nWe skip from 3 to 6 leaving out 4, 5, and 6. "
     "Thus headings level 4 and 5 will be treated like H3 above until another H2 or H1 is "
     "encountered\n\n### H5\n\nWe skipped 5 previously so it will be treated the same as the H3 "
     "above since it was the next lowest header that was to be decremented\n\n## H2\n\nThis "
     "resets the decrement section so the H6 below is decremented to an H3\n\n### H6",
     "vaultlint moves a heading only as far as its parent requires: H5 under the former H3 "
     "becomes H3, and an H2 that skips nothing stays H2"),
    ("compact-yaml", 0, ["yaml-format"], False, None, ""),
]

UNSUPPORTED = {
    ("header-increment", 2): "option 'start at heading level 2' is not offered",
    ("compact-yaml", 1): "option 'inner new lines' is not offered: blank lines between keys are kept",
}


PASTE_RULES = {r for r in EXAMPLES if r.endswith("-on-paste")}

# Each formatter family keeps its cases beside the others (tests/conformance/cases_*.py).
_FAMILIES = [importlib.import_module(f"conformance.cases_{name}") for name in
             ("spacing", "style", "content", "headings", "footnotes", "yaml")]
ALL_CASES = CASES + [case for family in _FAMILIES for case in family.CASES]
ALL_UNSUPPORTED = {**UNSUPPORTED, **{k: v for family in _FAMILIES
                                     for k, v in family.UNSUPPORTED.items()}}


def _fix(text: str, rules: list[str] | dict[str, dict], unsafe: bool, tmp_path: Path) -> str:
    options = rules if isinstance(rules, dict) else {}
    settings = Settings(root=tmp_path, select=list(rules), rule_config=options)
    linter = Linter(settings, Vault(tmp_path, [], settings))
    outcome = fix_note(Note("example.md", text), lambda n: linter.lint(n)[0], unsafe=unsafe)
    assert not outcome.refused, outcome.refused
    return outcome.text


@pytest.mark.parametrize("peer,index,rules,unsafe,ours,reason", ALL_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in ALL_CASES])
def test_peer_example(tmp_path, peer, index, rules, unsafe, ours, reason):
    example = EXAMPLES[peer]["examples"][index]
    expected = example["after"] if ours is None else ours
    if ours is not None:
        assert reason, "a deliberate difference needs its reason"
        assert ours != example["after"]
    assert _fix(example["before"], rules, unsafe, tmp_path) == expected


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
