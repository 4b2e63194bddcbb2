"""obsidian-linter examples for the style family (format: see tests/test_conformance.py)."""

BULLET = "bullet-marker"
ORDERED = "ordered-list-number"
QUOTE = "quote-marker-space"
EM = "emphasis-marker"
STRONG = "strong-marker"

CASES: list[tuple] = [
    # adjacent lists with different markers merge into one when given one marker: unsafe
    ("unordered-list-style", 0, [BULLET], True, None, ""),
    ("unordered-list-style", 1, {BULLET: {"list-style": "-"}}, True, None, ""),
    ("unordered-list-style", 2, {BULLET: {"list-style": "*"}}, True, None, ""),
    ("unordered-list-style", 3, {BULLET: {"list-style": "+"}}, True, None, ""),
    ("ordered-list-style", 0, [ORDERED], False, None, ""),
    ("ordered-list-style", 1, [ORDERED], False,
     "1. Item 1\n2. Item 2\n  3. Subitem 1\n  4. Subitem 2\n  5. Subitem 3\n6. Item 3",
     "items indented by two under `2. ` are items of the same list in CommonMark, not a sublist"),
    ("ordered-list-style", 2, {ORDERED: {"number-style": "lazy"}}, False, None, ""),
    ("ordered-list-style", 3, [ORDERED], False, None, ""),
    ("ordered-list-style", 4, {ORDERED: {"number-style": "lazy", "list-end-style": ")"}}, False,
     None, ""),
    ("ordered-list-style", 5, {ORDERED: {"preserve-start": True}}, False, None, ""),
    ("ordered-list-style", 6, {ORDERED: {"preserve-start": True}}, False,
     "4. Item 4\n5. Item 5\n  6. Subitem 2\n  7. Subitem 3\n  8. Subitem 4\n9. Item 6",
     "items indented by two under `5. ` are items of the same list in CommonMark, not a sublist"),
    ("ordered-list-style", 7, {ORDERED: {"preserve-start": True, "number-style": "lazy"}}, False,
     None, ""),
    ("ordered-list-style", 8, {ORDERED: {"preserve-start": True, "number-style": "lazy"}}, False,
     "4. Item 4\n4. Item 5\n  4. Subitem 2\n  4. Subitem 3\n  4. Subitem 4\n4. Item 6",
     "items indented by two under `4. ` are items of the same list in CommonMark, not a sublist"),
    ("ordered-list-style", 9, {ORDERED: {"number-style": "preserve"}}, False, None, ""),
    ("blockquote-style", 0, [QUOTE], False, None, ""),
    ("blockquote-style", 1, {QUOTE: {"style": "no space"}}, False, None, ""),
    ("emphasis-style", 0, {EM: {"style": "underscore"}}, False, None, ""),
    ("emphasis-style", 1, {EM: {"style": "asterisk"}}, False, None, ""),
    ("emphasis-style", 2, [EM], False, None, ""),
    ("emphasis-style", 3, [EM], False, None, ""),
    ("strong-style", 0, {STRONG: {"style": "underscore"}}, False, None, ""),
    ("strong-style", 1, {STRONG: {"style": "asterisk"}}, False, None, ""),
    ("strong-style", 2, [STRONG], False, None, ""),
    ("strong-style", 3, [STRONG], False,
     "# Strong First Strong Is an Underscore\n\n__First bold__\nThis is __bold__ mid sentence\n"
     "This is __bold__ mid sentence with a second __bold__ on the same line\n"
     "This is **_bold and emphasized_**\nThis is *__nested bold__ and ending emphasized*\n"
     "This is ___nested emphasis_ and ending bold__\n\n__Test bold__",
     "`**_a_**` as `___a___` would render <em><strong> instead of <strong><em>: left as it is"),
    ("default-language-for-code-fences", 0,
     {"code-fence-language": {"default-language": "javascript"}}, True, None, ""),
    ("default-language-for-code-fences", 1,
     {"code-fence-language": {"default-language": "shell"}}, False, None, ""),
    ("default-language-for-code-fences", 2, ["code-fence-language"], False, None, ""),
    ("space-after-list-markers", 0, ["list-marker-space"], False,
     "1. Item 1\n2. Item 2\n\n- [ ] Item 1\n- [x]    Item 2\n\t- [ ] Item 3",
     "the spaces after a checkbox are text of the item, kept in the rendered HTML: not touched"),
    ("remove-empty-list-markers", 0, ["empty-list-item"], True,
     "- item 1\n- item 2\n\n* list 2 item 1\n    *\n* list 2 item 2\n\n+ list 3 item 1\n"
     "+ list 3 item 2",
     "a `*` alone under a paragraph line is text of that paragraph in CommonMark, not an item"),
    ("remove-empty-list-markers", 1, ["empty-list-item"], True, None, ""),
    ("remove-empty-list-markers", 2, ["empty-list-item"], True, None, ""),
    ("remove-empty-list-markers", 3, ["empty-list-item"], True,
     "> Checklist in blockquote\n> - [ ]  item 1\n> - [ ] item 2\n\n> Ordered List in "
     "blockquote\n> > 1. item 1\n> > 3. item 2\n\n> Regular lists in blockquote\n>\n> - item 1"
     "\n> - item 2\n>\n> List 2\n>\n> * item 1\n>     *\n> * list 2 item 2\n>\n> List 3\n>\n"
     "> + item 1\n> + item 2",
     "a `*` alone under a paragraph line is text of that paragraph in CommonMark, not an item"),
    ("remove-consecutive-list-markers", 0, ["doubled-list-marker"], True, None, ""),
    ("convert-bullet-list-markers", 0, ["bullet-character"], True, None, ""),
    ("convert-bullet-list-markers", 1, ["bullet-character"], True, None, ""),
]

UNSUPPORTED: dict[tuple[str, int], str] = {}
