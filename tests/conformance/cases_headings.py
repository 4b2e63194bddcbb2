"""obsidian-linter examples for the headings family (format: see tests/test_conformance.py)."""

CAP = "heading-capitalization"

CASES: list[tuple] = [
    ("capitalize-headings", 0, {CAP: {"style": "Title Case", "ignore-cased-words": False}},
     True, None, ""),
    ("capitalize-headings", 1, {CAP: {"style": "Title Case", "ignore-cased-words": True}},
     True, None, ""),
    ("capitalize-headings", 2, {CAP: {"style": "First letter"}}, True, None, ""),
    ("capitalize-headings", 3, {CAP: {"style": "ALL CAPS"}}, True, None, ""),
    # the peer's examples are given the file name `File Name`
    ("file-name-heading", 0, ["file-name-heading"], True, None, "", {"name": "File Name.md"}),
    ("file-name-heading", 1, ["file-name-heading"], True, None, "", {"name": "File Name.md"}),
    ("remove-trailing-punctuation-in-heading", 0, ["heading-trailing-punctuation"], True,
     None, ""),
    ("remove-trailing-punctuation-in-heading", 1, ["heading-trailing-punctuation"], True,
     None, ""),
    ("remove-trailing-punctuation-in-heading", 2, ["heading-trailing-punctuation"], True,
     None, ""),
]

UNSUPPORTED: dict[tuple[str, int], str] = {}
