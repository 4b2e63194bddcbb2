"""Refused and fighting fixes: reported once, on their own rule; the other fixes still apply.
Also: trailing spaces on table rows and callout rows are not hard breaks."""

from __future__ import annotations

from pathlib import Path

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.fixer import MAX_PASSES, fix_note
from vaultlint.note import Note
from vaultlint.runner import _with_refusals
from conftest import run_cli


def _diag(note: Note, code: str, edit: Edit, intents: frozenset[str] = frozenset()) -> Diagnostic:
    line = note.position(edit.start)[0] + 1
    return Diagnostic(note.path, line, 1, line, 2, code, code.lower(), Severity.WARNING,
                      f"{code} finding", Fix.safe(edit, intents=intents), offset=edit.start)


def _honest_fix(note: Note, code: str) -> list[Diagnostic]:
    """A fix no one objects to: the trailing spaces after `tail`."""
    trailing = note.text.find("tail   ")
    return [_diag(note, code, Edit(trailing + 4, trailing + 7, ""))] if trailing >= 0 else []


def _fighting_lint(note: Note) -> list[Diagnostic]:
    """Two rules that undo each other on line 1 (`x` <-> `x `) and one honest rule on line 3."""
    out = []
    first = note.text.split("\n", 1)[0]
    if first == "x ":
        out.append(_diag(note, "AAA1", Edit(1, 2, "")))
    if first == "x":
        out.append(_diag(note, "BBB1", Edit(1, 1, " ")))
    return out + _honest_fix(note, "CCC1")


def test_fighting_fixes_do_not_block_the_others() -> None:
    note = Note("a.md", "x\n\ntail   \n")
    outcome = fix_note(note, _fighting_lint)
    assert outcome.text.endswith("\ntail\n")  # the honest fix is applied
    assert outcome.text.startswith("x\n")  # the fighting ones are not
    reasons = {(d.code, why) for d, why in outcome.refused}
    assert all(why == f"fixes did not settle after {MAX_PASSES} passes" for _, why in reasons)
    assert {code for code, _ in reasons} <= {"AAA1", "BBB1"} and reasons
    assert "CCC1" not in {code for code, _ in reasons}


def _bad_and_good_lint(note: Note) -> list[Diagnostic]:
    """GOOD1 removes trailing spaces; BAD11 turns a paragraph into a heading (refused)."""
    out = []
    if note.text.startswith("para"):
        out.append(_diag(note, "BAD11", Edit(0, 0, "# ")))
    return out + _honest_fix(note, "GOOD1")


def test_refused_fix_is_attributed_to_its_own_rule() -> None:
    note = Note("a.md", "para\n\ntail   \n")
    outcome = fix_note(note, _bad_and_good_lint)
    assert outcome.text == "para\n\ntail\n"
    assert [d.code for d, _ in outcome.refused] == ["BAD11"]
    assert [d.code for d in outcome.applied] == ["GOOD1"]


def test_refusal_is_reported_once_on_the_rule_not_as_internal_error() -> None:
    note = Note("a.md", "para\n\ntail\n")
    remaining = _bad_and_good_lint(note)
    refused = [(remaining[0], "the Markdown structure would change")] * 2
    out = _with_refusals(note, remaining, refused)
    assert [d.code for d in out] == ["BAD11"]  # no VL999, no second copy
    assert out[0].message == "BAD11 finding (fix refused: the Markdown structure would change)"
    assert out[0].fix is None


def test_refused_rule_without_finding_left_gets_one_finding_of_its_own() -> None:
    note = Note("a.md", "para\n\ntail\n")
    gone = _bad_and_good_lint(note)[0]
    out = _with_refusals(note, [], [(gone, "why")])
    assert [(d.code, d.rule, d.message) for d in out] == [("BAD11", "bad11", "fix refused: why")]


def _fix(vault: Path, *args: str) -> str:
    res = run_cli(["--no-cache", "--fix", "--select", "trailing-whitespace", *args], vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return (vault / "n.md").read_text()


def test_trailing_spaces_on_table_rows_are_removed(make_vault) -> None:
    vault = make_vault({"n.md": "| a | b |  \n|---|---|  \n| 1 | 2 |  \n"})
    assert _fix(vault) == "| a | b |\n|---|---|\n| 1 | 2 |\n"


def test_trailing_spaces_on_quote_and_callout_rows(make_vault) -> None:
    text = "> quote  \n\n> [!note] Title  \n> body  \n> more  \n\npara  \nnext\n"
    vault = make_vault({"n.md": text})
    # A quote's last line is not followed by a line of its paragraph; `body  ` is a real break.
    assert _fix(vault) == "> quote\n\n> [!note] Title  \n> body  \n> more\n\npara  \nnext\n"
    # The callout title's spaces mean nothing in Obsidian but CommonMark reads a break: unsafe.
    assert _fix(vault, "--unsafe-fixes") == (
        "> quote\n\n> [!note] Title\n> body  \n> more\n\npara  \nnext\n")


def _final_check_lint(note: Note) -> list[Diagnostic]:
    """Each fix passes alone; together, the final check against the original fails (TAGS1
    names the key it edits, so another key's text must not change; SPACE1, a layout fix that
    names no key, changes it)."""
    out = []
    at = note.text.find("tags: [a, a]")
    if at >= 0:
        out.append(_diag(note, "TAGS1", Edit(at, at + 12, "tags: [a]"),
                         frozenset({"frontmatter:tags"})))
    if (at := note.text.find("nul: ~")) >= 0:
        out.append(_diag(note, "SPACE1", Edit(at + 4, at + 4, " ")))
    return out


def test_failed_final_check_refuses_one_rule_and_applies_the_rest() -> None:
    note = Note("a.md", "---\ntags: [a, a]\nnul: ~\n---\nx\n")
    outcome = fix_note(note, _final_check_lint)
    assert len(outcome.refused) == 1
    assert outcome.refused[0][1] == "the text of the untouched key `nul` would change"
    assert [d.code for d, _ in outcome.refused] == ["TAGS1"]
    assert outcome.text == "---\ntags: [a, a]\nnul:  ~\n---\nx\n"  # the other fix applied


def test_fix_lints_again_only_the_notes_it_would_fix(make_vault) -> None:
    """--fix first checks (from the cache where nothing changed) and fixes only the notes with
    a finding it would apply: safe fixes by default, unsafe ones with --unsafe-fixes; what it
    reports is what a check reports, and a second --fix on the tidy vault is a check."""
    vault = make_vault({"a.md": "# A\n\ntext   \n", "b.md": "# B\n\nWe recieve mail.\n",
                        "c.md": "# C\n\nClean.\n"})
    before = {p: (vault / p).read_bytes() for p in ("b.md", "c.md")}
    first = run_cli(["--fix", "--output-format", "json"], vault)
    assert (vault / "a.md").read_text() == "# A\n\ntext\n"
    assert {p: (vault / p).read_bytes() for p in before} == before  # typo: unsafe, c: clean
    check = run_cli(["--output-format", "json"], vault)
    again = run_cli(["--fix", "--output-format", "json"], vault)
    assert first.json() == check.json() == again.json() != []
    assert (first.exit_code, check.exit_code, again.exit_code) == (1, 1, 1)
    run_cli(["--fix", "--unsafe-fixes"], vault)
    assert (vault / "b.md").read_text() == "# B\n\nWe receive mail.\n"
    assert run_cli(["--fix", "--unsafe-fixes", "--output-format", "json"], vault).json() == []


def test_a_note_fix_wrote_is_cached_as_its_check(make_vault) -> None:
    """--fix caches what it wrote as a check of it would: facts and findings under the new
    content, so the next run reads them from the cache instead of linting the note again
    (a --fix right after a --fix costs a warm check), and reports what a fresh check does."""
    from vaultlint.runner import Linter, RunOptions, check_all, prepare, results_keys

    vault = make_vault({"a.md": "# A\n\ntext   \n\nWe recieve mail, see [[B#Part]].\n",
                        "b.md": "# B\n\n## Part\n"})
    run_cli(["--fix"], vault)
    assert (vault / "a.md").read_text() == "# A\n\ntext\n\nWe recieve mail, see [[B#Part]].\n"
    settings, state = prepare(RunOptions(cwd=vault))
    entry = state.cached("a.md")
    assert entry is not None and entry["fh"], "the written note's facts are cached"
    linter = Linter(settings, state)
    check_all(linter, [], jobs=1)  # extracts facts: none is missing, nothing is read
    assert "a.md" not in state.notes
    key = results_keys(linter, ["a.md"])["a.md"]
    state.cache.read_results(["a.md"])
    cached = state.cache.results("a.md", entry["hash"], key)
    assert cached is not None and [d["c"] for d in cached] == ["TYP001"]
    warm = run_cli(["--output-format", "json"], vault).json()
    assert warm == run_cli(["--output-format", "json", "--no-cache"], vault).json() != []
