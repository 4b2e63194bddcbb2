"""YAML comments and untouched keys survive every frontmatter fix, and the fixer checks it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from conftest import run_cli
from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.fixer import fix_note, verify
from vaultlint.note import Note
from vaultlint.rules import deprecated_property, tags_format
from vaultlint.rules.base import RuleContext

RULES = "deprecated-property,tags-format"
UNTOUCHED = "nul: ~\n? complex\n: 3\n"


def _fix(make_vault, text: str) -> str:
    vault: Path = make_vault({"n.md": text})
    res = run_cli(["--no-cache", "--fix", "--select", RULES], vault)
    assert res.exit_code == 0, res.stdout + res.stderr
    return (vault / "n.md").read_text()


def _fixes(rule, text: str) -> list[Fix]:
    note = Note("n.md", text)
    return [d.fix for d in rule.check(note, RuleContext(rule, note, {})) if d.fix]


def test_merge_keeps_the_singulars_comments_and_untouched_keys(make_vault) -> None:
    text = ("---\ntags:\n  - a\ntag: b  # from old plugin\n# comment about title\ntitle: x\n"
            + UNTOUCHED + "---\nbody\n")
    assert _fix(make_vault, text) == (
        "---\ntags:\n  - a\n  - b\n# from old plugin\n# comment about title\ntitle: x\n"
        + UNTOUCHED + "---\nbody\n")


def test_duplicate_removal_keeps_the_comment_of_the_kept_item(make_vault) -> None:
    text = "---\ntags:\n  - a # important: keep me\n  - b\n  - a\n" + UNTOUCHED + "---\nx\n"
    assert _fix(make_vault, text) == (
        "---\ntags:\n  - a # important: keep me\n  - b\n" + UNTOUCHED + "---\nx\n")


def test_removed_commented_duplicate_declares_its_one_comment(make_vault) -> None:
    text = "---\ntags:\n  - a # keep\n  - a # dup\n  - b # kept too\n---\nx\n"
    (fix,) = _fixes(tags_format.RULE, text)
    assert "comment-drop:1:# dup" in fix.intents
    assert not any(i.startswith("comment-drop:# keep") for i in fix.intents)
    assert _fix(make_vault, text) == "---\ntags:\n  - a # keep\n  - b # kept too\n---\nx\n"


def _diag(note: Note, new_yaml: str, intents: frozenset[str]) -> Diagnostic:
    fm = note.frontmatter
    assert fm is not None
    fix = Fix.safe(Edit(fm.content_start, fm.content_end, new_yaml), intents=intents)
    return Diagnostic(note.path, 2, 1, 2, 2, "FM103", "tags-format", Severity.WARNING, "m", fix)


def test_verifier_refuses_a_lost_comment_unless_declared() -> None:
    before = Note("n.md", "---\ntags:\n  - a # c1\n  - a\n---\n")
    after = Note("n.md", "---\ntags:\n  - a\n---\n")
    assert verify(before, after, {"frontmatter:tags"}) == "a comment in the frontmatter would be lost"
    assert verify(before, after, {"frontmatter:tags", "comment-drop:1:# c1"}) is None


def test_verifier_refuses_rewriting_an_untouched_key() -> None:
    before = Note("n.md", "---\ntags: [a, a]\nnul: ~\n---\n")
    after = Note("n.md", "---\ntags: [a]\nnul:\n---\n")
    assert verify(before, after, {"frontmatter:tags"}) == (
        "the text of the untouched key `nul` would change")


def test_refused_comment_drop_is_reported_on_its_rule() -> None:
    note = Note("n.md", "---\ntags:\n  - a # c1\n  - a\n---\n")
    bad = _diag(note, "tags:\n  - a\n", frozenset({"frontmatter:tags"}))
    outcome = fix_note(note, lambda n: [bad] if n.text == note.text else [])
    assert outcome.text == note.text
    assert [(d.code, why) for d, why in outcome.refused] == [
        ("FM103", "a comment in the frontmatter would be lost")]


_TAG = st.sampled_from(["a", "b", "'#c'", "d"])
_COMMENT = st.sampled_from(["", " # one", "  # two: x"])


@settings(max_examples=40, deadline=None)
@given(items=st.lists(st.tuples(_TAG, _COMMENT), min_size=1, max_size=6),
       singular=st.tuples(_TAG, _COMMENT))
def test_every_comment_survives_or_is_declared(items, singular) -> None:
    text = ("---\n# head\ntags:\n" + "".join(f"  - {t}{c}\n" for t, c in items)
            + f"tag: {singular[0]}{singular[1]}\n" + UNTOUCHED + "---\nbody\n")
    note = Note("n.md", text)
    for rule in (deprecated_property.RULE, tags_format.RULE):
        for fix in _fixes(rule, text):
            new = Note("n.md", text[:fix.edits[0].start] + fix.edits[0].content
                       + text[fix.edits[0].end:])
            assert verify(note, new, set(fix.intents)) is None, (text, new.text)
            assert UNTOUCHED in new.text
