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
