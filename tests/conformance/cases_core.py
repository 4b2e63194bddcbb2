"""obsidian-linter examples for vaultlint's first layout rules (format: see tests/test_conformance.py)."""

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
    ("heading-blank-lines", 0, ["heading-blank-lines", "consecutive-blank-lines"], False,
     "# H1\n\n## H2\n\n# H1\n\nline\n\n## H2\n",
     "the peer's rule drops the note's final newline after a last heading; vaultlint's "
     "heading-blank-lines leaves the end of the note alone (final-newline wants one)"),
    ("heading-blank-lines", 1, {"heading-blank-lines": {"after": False}}, False, None, ""),
    ("heading-blank-lines", 2, {"heading-blank-lines": {"empty-line-after-yaml": False}}, False,
     None, ""),
    ("header-increment", 0, ["heading-increment"], True, None, ""),
    ("header-increment", 1, ["heading-increment"], True,
     "# H1\n## H3\n\nWe skip from 1 to 3\n\n### H6\n\nWe skip from 3 to 6 leaving out 4, 5, and 6. "
     "Thus headings level 4 and 5 will be treated like H3 above until another H2 or H1 is "
     "encountered\n\n### H5\n\nWe skipped 5 previously so it will be treated the same as the H3 "
     "above since it was the next lowest header that was to be decremented\n\n## H2\n\nThis "
     "resets the decrement section so the H6 below is decremented to an H3\n\n### H6",
     "vaultlint moves a heading only as far as its parent requires: H5 under the former H3 "
     "becomes H3, and an H2 that skips nothing stays H2"),
    ("header-increment", 2, {"heading-increment": {"start-at-h2": True}}, True,
     "## H1 becomes H2\n### H4 becomes H3\n#### H6\n### H2\n#### H6\n## H1\n### H2",
     "with start-at-h2 every # becomes ## and its section moves with it; the ## H2 under the "
     "first # stays its subsection (###), as in example 1 (the peer makes it a sibling, ##)"),
    ("compact-yaml", 0, ["yaml-format"], False, None, ""),
    ("compact-yaml", 1, {"yaml-format": {"inner-new-lines": True}}, False, None, ""),
]

UNSUPPORTED: dict[tuple[str, int], str] = {}
