"""Suppression comments that name an unknown rule (invalid-suppression, VL102, on by default)
or suppress nothing (unused-suppression, VL100, opt-in), and VL100's safe fix."""

from __future__ import annotations

from hypothesis import given, settings as hyp_settings, strategies as st

from conftest import run_cli
from vaultlint.diagnostics import Edit
from vaultlint.fixer import apply_edits, verify
from vaultlint.note import Note
from vaultlint.suppression import directives, removal_span

VL100 = ["--extend-select", "unused-suppression"]


def _found(vault, *args: str) -> list[tuple[int, str, str]]:
    res = run_cli(["--output-format", "json", *args], vault)
    assert res.exit_code in (0, 1), res.stderr
    return [(d["line"], d["code"], d["message"]) for d in res.json()]


# --- unknown rules -----------------------------------------------------------------------------


def test_unknown_rule_in_a_comment_is_reported_by_default(make_vault):
    vault = make_vault({"a.md": (
        "---\ntitle: x  # vaultlint-disable FOO, FMT001\n---\n"
        "%% vaultlint-disable-next-line brokn-link %%\nSee [[Nowhere]].\n"
        "<!-- vaultlint-disable-line LNK, ALL, trailing-whitespace -->\n"
    )})
    found = _found(vault)
    assert (2, "VL102", "unknown rule 'FOO' in suppression comment") in found
    assert (4, "VL102", "unknown rule 'brokn-link' in suppression comment "
                        "(did you mean 'broken-wikilink'?)") in found
    assert [f for f in found if f[1] == "VL102"] == [found[0], found[1]]  # known names are fine
    assert (5, "LNK001") in [(line, code) for line, code, _ in found]  # not suppressed


def test_unused_suppression_is_off_by_default(make_vault):
    vault = make_vault({"a.md": "%% vaultlint-disable-next-line FMT001 %%\nClean.\n"})
    assert _found(vault) == []


# --- unused suppressions ----------------------------------------------------------------------


def test_unused_and_used_directives(make_vault):
    vault = make_vault({"a.md": (
        "%% vaultlint-disable-next-line FMT001 %%\nclean\n"      # unused: FMT001 ran
        "%% vaultlint-disable-next-line FMT001 %%\ndirty\t\n"    # used
        "%% vaultlint-disable-next-line TYP002 %%\nclean\n"       # TYP002 is off: not judged
        "%% vaultlint-disable-next-line FMT001, FMT002 %%\nx\t\n"  # FMT002 unused there
    )})
    found = _found(vault, *VL100)
    assert found == [
        (1, "VL100", "unused suppression comment (FMT001): it suppresses nothing"),
        (7, "VL100", "unused rule(s) in suppression comment: FMT002 suppress nothing here"),
    ]
    assert _found(vault, *VL100, "--ignore", "FMT001")[0][0] == 7  # line 1: FMT001 did not run


def test_fix_removes_what_is_unused(make_vault):
    text = ("---\ntitle: x  # vaultlint-disable FMT002\n# vaultlint-disable-line\n---\n"
            "Intro.\n\n%% vaultlint-disable-next-line FMT001 %%\nclean\n"
            "%% vaultlint-disable-next-line FMT001, FMT003 %%\ndirty\t\n"
            "end %% vaultlint-disable-line %%\n")
    vault = make_vault({"a.md": text})
    res = run_cli(["--fix", *VL100], vault)
    assert (vault / "a.md").read_text() == (
        "---\ntitle: x\n---\nIntro.\n\nclean\n%% vaultlint-disable-next-line FMT001 %%\ndirty\t\n"
        "end\n")
    assert res.exit_code == 0 and "VL999" not in res.stdout + res.stderr, res.stdout
    assert _found(vault, *VL100) == []  # nothing left to report: the fix settled


def test_html_comment_directive_is_reported_without_fix(make_vault):
    text = "Para.\n<!-- vaultlint-disable-next-line -->\nNext.\n"
    vault = make_vault({"a.md": text})
    res = run_cli(["--output-format", "json", *VL100], vault)
    (diag,) = res.json()
    assert diag["code"] == "VL100" and diag["fix"] is None
    run_cli(["--fix", *VL100], vault)
    assert (vault / "a.md").read_text() == text  # an HTML comment is structure: left to you


def test_a_directive_silencing_the_rule_is_used(make_vault):
    vault = make_vault({"a.md": "%% vaultlint-disable-file VL100 %%\n"
                                "%% vaultlint-disable-next-line %%\nClean.\n"})
    assert _found(vault, *VL100) == []


def test_cached_run_reports_the_same(make_vault):
    vault = make_vault({"a.md": "%% vaultlint-disable-next-line %%\nClean.\n"})
    first = _found(vault, *VL100)
    assert first and _found(vault, *VL100) == first


# --- the fixer's check: the "suppressions" intent allows directives to change, nothing else ------


LINES = st.sampled_from(["Text.", "", "# Head", "- item", "> quote", "`code`", "a\t",
                         "%% a comment %%", "<!-- html -->"])
DIRECTIVES = st.sampled_from(["%% vaultlint-disable-next-line %%",
                              "%% vaultlint-disable-line FMT001 %%",
                              "x %% vaultlint-disable-line %%"])


@hyp_settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(LINES, DIRECTIVES), min_size=1, max_size=8), st.data())
def test_suppressions_intent_allows_only_directive_removal(lines, data):
    note = Note("n.md", "\n".join(lines) + "\n")
    found = directives(note)
    if not found:
        return
    d = data.draw(st.sampled_from(found))
    start, end = removal_span(note.text, d.start, d.end)
    removed = Note("n.md", apply_edits(note.text, [Edit(start, end, "")]))
    assert verify(note, removed, {"suppressions"}) is None
    # the same intent does not let any other text change along with it
    outside = [i for i, ch in enumerate(removed.text) if ch.isalpha()
               and not any(x.start <= i < x.end for x in directives(removed))]
    if outside:
        i = data.draw(st.sampled_from(outside))
        changed = Note("n.md", removed.text[:i] + "Z" + removed.text[i + 1:])
        if changed.text != removed.text:
            assert verify(note, changed, {"suppressions"}) is not None
