"""obsidian-linter examples for the footnotes family (format: see tests/test_conformance.py)."""

_MOVED = ("Lorem ipsum, consectetur adipiscing elit. [^1] Donec dictum turpis quis ipsum "
          "pellentesque.\n\nQuisque lorem est, fringilla sed enim at, sollicitudin lacinia "
          "nisi.[^2]\n\nMaecenas malesuada dignissim purus ac volutpat.\n\n")
_APART = ("a definition that ended a paragraph leaves a blank line, so the two paragraphs around "
          "it stay two (the peer joins them into one, which renders differently)")

CASES: list[tuple] = [
    ("footnote-after-punctuation", 0, ["footnote-after-punctuation"], True, None, ""),
    ("footnote-after-punctuation", 1, ["footnote-after-punctuation"], True, None, ""),
    ("move-footnotes-to-the-bottom", 0, ["footnotes-at-end"], False,
     _MOVED + "[^1]: first footnote\n[^2]: second footnote", _APART),
    ("move-footnotes-to-the-bottom", 1,
     {"footnotes-at-end": {"include-blank-line-between-footnotes": True}}, False,
     _MOVED + "[^1]: first footnote\n\n[^2]: second footnote", _APART),
    ("re-index-footnotes", 0, ["footnote-numbering"], False, None, ""),
    ("re-index-footnotes", 1, ["footnote-numbering"], False, None, ""),
    ("re-index-footnotes", 2, ["footnote-numbering"], False, None, ""),
    ("re-index-footnotes", 3, ["footnote-numbering"], False, None, ""),
]

UNSUPPORTED: dict[tuple[str, int], str] = {}
