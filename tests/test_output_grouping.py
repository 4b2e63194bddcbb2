"""Output a person can act on (issue 12, item 6): errors first, a count per rule at the end of
long reports, one heading-blank-lines finding per heading, fix previews that show only what
changes, and a hint when YAML fails on an unquoted template placeholder."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings, strategies as st

from conftest import run_cli
from vaultlint import rules as registry
from vaultlint.config import Settings
from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.engine import Linter
from vaultlint.fixer import fix_note
from vaultlint.note import Note
from vaultlint.output.text_format import SUMMARY_MIN_FINDINGS, _fix_preview
from vaultlint.vault import Vault

HEADLINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) ")
SEVERITY_OF = {r.code: r.severity for r in registry.ALL_RULES}

# A note per severity, named so that path order is the opposite of severity order: sorting by
# path alone would put the layout finding first.
NOTES = {
    "a layout.md": "text  \n",  # FMT001 (info)
    "b deprecated.md": "---\ntag: x\n---\nbody\n",  # FM102 (warning)
    "c broken.md": "see [[Nowhere]]\n",  # LNK001 (error)
    "d mixed.md": "# Titolo\ntesto \nvedi [[Assente]]\n",  # Italian: FMT004, FMT001 and LNK001
}

# Every rule but the spelling ones and the formatter's families (FMT1xx-FMT5xx, FM3xx), whose
# verdicts on these words and this layout are not what is tested here.
ALL_BUT_TYPOS = ["--no-color", "--select", "ALL", "--ignore", "TYP,FMT1,FMT2,FMT3,FMT4,FMT5,FM3"]


def _sections(text: str) -> list[tuple[str, list[str]]]:
    """(header, headlines) per `=== ... ===` section of a text report."""
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("=== "):
            sections.append((line, []))
        elif HEADLINE.match(line):
            sections[-1][1].append(line)
    return sections


def test_text_report_has_errors_then_warnings_then_info(make_vault):
    vault = make_vault(NOTES)
    res = run_cli(ALL_BUT_TYPOS, vault)
    sections = _sections(res.stdout)
    assert [h for h, _ in sections] == [
        "=== errors: 2 ===", "=== warnings: 1 ===", "=== info: 3 ==="]
    for (header, headlines), severity in zip(sections, ("error", "warning", "info")):
        codes = [HEADLINE.match(h)["code"] for h in headlines]
        assert {SEVERITY_OF[c].value for c in codes} == {severity}, (header, codes)
        keys = [(HEADLINE.match(h)["path"], int(HEADLINE.match(h)["line"])) for h in headlines]
        assert keys == sorted(keys)  # by note, then line, inside a section
    assert re.match(r"c broken\.md:1:\d+: LNK001", sections[0][1][0])


def test_concise_is_errors_first_one_line_each(make_vault):
    vault = make_vault(NOTES)
    lines = run_cli([*ALL_BUT_TYPOS, "--output-format", "concise"], vault).stdout.splitlines()
    assert all(HEADLINE.match(line) for line in lines), lines  # no headers: grep-able
    ranks = [list(Severity).index(SEVERITY_OF[HEADLINE.match(l)["code"]]) for l in lines]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 2


def test_json_keeps_its_documented_order(make_vault):
    vault = make_vault(NOTES)
    found = run_cli([*ALL_BUT_TYPOS, "--output-format", "json"], vault).json()
    keys = [(d["path"], d["line"], d["column"], d["code"]) for d in found]
    assert keys == sorted(keys) and found[0]["severity"] == "info"  # not grouped by severity


def test_github_puts_errors_first(make_vault):
    vault = make_vault(NOTES)
    levels = [line.split(" ", 1)[0] for line in
              run_cli([*ALL_BUT_TYPOS, "--output-format", "github"], vault).stdout.splitlines()]
    assert levels == ["::error"] * 2 + ["::warning"] + ["::notice"] * 3


def test_layout_rules_are_info_and_link_rules_errors():
    for rule in registry.ALL_RULES:
        if rule.code.startswith("FMT"):
            assert rule.severity is Severity.INFO, rule.name
        if rule.code in ("LNK001", "LNK002", "LNK003", "LNK004", "FM101", "FM201"):
            assert rule.severity is Severity.ERROR, rule.name


def _long_vault(make_vault, findings: int):
    return make_vault({f"n{i:02d}.md": "trailing  \n" for i in range(findings - 1)}
                      | {"broken.md": "[[Missing]]\n"})


def test_long_text_report_ends_with_count_per_rule(make_vault):
    vault = _long_vault(make_vault, SUMMARY_MIN_FINDINGS + 1)
    out = run_cli(["--no-color"], vault).stdout
    table = out.split("=== findings by rule ===\n", 1)[1]
    assert table.splitlines() == [
        "    1  LNK001      broken-wikilink              error",
        f"   {SUMMARY_MIN_FINDINGS:2d}  FMT001  [*] trailing-whitespace          info",
    ]
    quiet = run_cli(["--no-color", "-q"], vault).stdout
    assert "findings by rule" not in quiet and HEADLINE.search(quiet.splitlines()[2])
    for fmt in ("concise", "json", "github"):
        assert "findings by rule" not in run_cli(["--output-format", fmt], vault).stdout


def test_short_text_report_has_no_count_per_rule(make_vault):
    vault = _long_vault(make_vault, SUMMARY_MIN_FINDINGS)
    out = run_cli(["--no-color"], vault).stdout
    assert "findings by rule" not in out and out.count("FMT001 [*]") == SUMMARY_MIN_FINDINGS - 1


def test_statistics_lists_errors_first(make_vault):
    vault = _long_vault(make_vault, 5)
    rows = run_cli(["--statistics"], vault).stdout.splitlines()
    assert rows[0].split()[:2] == ["1", "LNK001"] and rows[1].split()[:3] == ["4", "FMT001", "[*]"]


# --- heading-blank-lines: one finding per heading ----------------------------------------------


ROOT = Path("/nonexistent-vault")  # rules on one note's text need no files on disk


def _lint(text: str, rule: str = "heading-blank-lines"):
    settings = Settings(root=ROOT, select=[rule])
    linter = Linter(settings, Vault(ROOT, [], settings))
    note = Note("n.md", text)
    return note, linter, [d for d in linter.lint(note)[0] if d.rule == rule]


def test_heading_missing_both_blank_lines_is_one_finding_fixing_both():
    note, linter, found = _lint("intro\n## Metodo\ntesto\n")  # Italian prose, one heading
    assert [d.message for d in found] == ["heading needs blank lines above and below it"]
    assert len(found[0].fix.edits) == 2
    assert fix_note(note, lambda n: linter.lint(n)[0]).text == "intro\n\n## Metodo\n\ntesto\n"


def test_one_side_keeps_its_message():
    _, _, found = _lint("# Title\ntext\n\n## Next\n\nmore\n")
    assert [d.message for d in found] == ["heading needs a blank line below it"]


BLOCKS = st.lists(st.sampled_from(["# H", "## Sub", "text", "more text", ""]),
                  min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(BLOCKS)
def test_at_most_one_finding_per_heading_and_fix_clears_all(lines):
    text = "\n".join(lines) + "\n"
    note, linter, found = _lint(text)
    assert len({d.line for d in found}) == len(found) <= sum(l.startswith("#") for l in lines)
    fixed = fix_note(note, lambda n: linter.lint(n)[0]).text
    assert not _lint(fixed)[2]
    # Only blank lines were added.
    assert [l for l in fixed.split("\n") if l] == [l for l in text.split("\n") if l]


# --- fix previews: only what changes --------------------------------------------------------


def _preview(source: str, *edits: Edit) -> list[str]:
    diag = Diagnostic("n.md", 1, 1, 1, 1, "X001", "x", Severity.INFO, "m", Fix.safe(*edits))
    return _fix_preview(diag, source, colour=False)


def test_removed_blank_lines_are_not_shown_with_the_unchanged_line_after_them():
    source = "# A\n\n\n\n## 1. Research\n"
    assert _preview(source, Edit(5, 7, "")) == ["  fix:", "  - (2 blank lines)"]


def test_added_blank_line_shows_where_it_goes_unmarked():
    source = "## H\nnext line\n"
    assert _preview(source, Edit(5, 5, "\n")) == ["  fix:", "  + (blank line)", "    next line"]


def test_blank_lines_around_a_heading_in_one_preview():
    source = "intro\n## H\ntext\n"
    assert _preview(source, Edit(6, 6, "\n"), Edit(11, 11, "\n")) == [
        "  fix:", "  + (blank line)", "    ## H", "  + (blank line)", "    text"]


def test_final_line_break_and_trailing_whitespace_are_visible():
    assert _preview("a\nFin", Edit(5, 5, "\n")) == [
        "  fix:", "  - Fin   (no line break at the end)", "  + Fin"]
    assert _preview("Total \t\n", Edit(5, 7, "")) == ["  fix:", "  - Total·→", "  + Total"]


def test_changes_far_apart_are_joined_by_an_ellipsis():
    source = "a x\nkeep\nkeep\nb x\n"
    assert _preview(source, Edit(2, 3, "y"), Edit(16, 17, "y")) == [
        "  fix:", "  - a x", "  + a y", "  …", "  - b x", "  + b y"]


def test_long_line_is_cropped_around_the_change():
    line = "word " * 40 + "appleid research"
    preview = _preview(line + "\n", Edit(200, 207, "applied"))
    assert preview[1].startswith("  - …") and "appleid research" in preview[1]
    assert preview[2].startswith("  + …") and "applied research" in preview[2]
    assert preview[1].index("appleid") == preview[2].index("applied")


LINE = st.text(st.characters(codec="utf-8", exclude_characters="\n\r",
                             exclude_categories=("Z", "Cc")), min_size=1, max_size=30)


@settings(max_examples=100, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=15), st.data())
def test_a_one_line_change_shows_exactly_that_line(lines, data):
    index = data.draw(st.integers(0, len(lines) - 1))
    replacement = data.draw(LINE.filter(lambda s: s != lines[index]))
    source = "\n".join(lines) + "\n"
    start = sum(len(l) + 1 for l in lines[:index])
    preview = _preview(source, Edit(start, start + len(lines[index]), replacement))
    assert preview == ["  fix:", f"  - {lines[index]}", f"  + {replacement}"]


# --- invalid YAML: unquoted template placeholders --------------------------------------------


def _yaml_message(frontmatter: str) -> str:
    _, _, found = _lint(f"---\n{frontmatter}\n---\nbody\n", "invalid-yaml")
    assert len(found) == 1
    return found[0].message


def test_unquoted_placeholders_get_a_hint():
    assert _yaml_message("title: {{date}}").endswith(
        '`{{date}}` is an unquoted template placeholder: quote the template placeholder, '
        'as in `title: "{{date}}"`')
    assert 'as in `titolo: "{{title}} appunti"`' in _yaml_message("titolo: {{title}} appunti")
    assert "as in `aliases: [\"{{title}}\"]`" in _yaml_message("aliases: [{{title}}]")
    assert "quote the template placeholder" in _yaml_message("tags:\n  - {{tag}}")
    templater = _yaml_message('creato: <% tp.date.now("HH: mm") %>: x')
    assert "as in `creato: '<% tp.date.now(\"HH: mm\") %>: x'`" in templater


def test_quotes_inside_a_quoted_templater_tag_get_the_other_quotes():
    message = _yaml_message('settimana: "[[<% tp.date.now("YYYY") %>]]"')
    assert message.endswith("the quotes in `<% tp.date.now(\"YYYY\") %>` end the quoted value "
                            "early: quote the template placeholder with the other quotes, as in "
                            "`settimana: '[[<% tp.date.now(\"YYYY\") %>]]'`")


def test_no_hint_when_the_placeholder_is_quoted_or_absent():
    assert "placeholder" not in _yaml_message('title: "{{date}}"\nlist: [oops')
    assert "placeholder" not in _yaml_message("title: [oops")
    assert not _lint('---\ntitle: "{{date}}"\n---\n', "invalid-yaml")[2]
