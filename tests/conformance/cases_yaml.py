"""obsidian-linter examples for the yaml family (format: see tests/test_conformance.py)."""

import json
from pathlib import Path

# --- part 1 helper: a pinned text told as the peer's text with our one difference
_EXAMPLES = json.loads((Path(__file__).parent / "obsidian-linter-examples.json").read_text("utf-8"))


def _p1_peer(peer: str, index: int, field: str, *swaps: tuple[str, str]) -> str:
    text = _EXAMPLES[peer]["examples"][index][field]
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new)
    return text
# --- end of part 1 helper

CASES: list[tuple] = [
    # --- part 1 (FM301-FM329)
    ("yaml-key-sort", 0, {"yaml-key-order": {"priority-keys": ["date", "type", "language"]}},
     False, None, ""),
    ("yaml-key-sort", 1, {"yaml-key-order": {"priority-keys": ["date", "type", "language"],
                                             "other-keys-order": "ascending"}}, False, None, ""),
    ("yaml-key-sort", 2, {"yaml-key-order": {"priority-keys": ["date", "type", "language"],
                                             "other-keys-order": "descending"}}, False, None, ""),
    ("yaml-key-sort", 3, {"yaml-key-order": {"priority-keys": ["date", "type", "language"],
                                             "other-keys-order": "descending",
                                             "priority-keys-at-start": False}}, False, None, ""),
    ("format-yaml-array", 0, {"yaml-array-style": {"tags-style": "flow", "aliases-style": "block",
                                                   "flow-keys": ["test"]}}, True, None, ""),
    ("format-yaml-array", 1, {"yaml-array-style": {"default-style": "flow"}}, False,
     "---\naliases: Typescript\ntypes: [thought provoking, peer reviewed]\n"
     "tags: [computer, science, trajectory]\n---",
     "tags stay a list: a space-separated string is not offered (tags-format, on by default, "
     "warns on it and fixes it back to a list; Obsidian's properties want a list)"),
    ("format-yaml-array", 2, {"yaml-array-style": {"default-style": "flow"}}, False, None, ""),
    ("remove-yaml-keys", 0, {"yaml-removed-keys": {"keys": ["status:", "keywords", "date"]}},
     True, None, ""),
    ("dedupe-yaml-array-values", 0, ["yaml-array-dedupe"], False, None, ""),
    ("dedupe-yaml-array-values", 1, ["yaml-array-dedupe"], False, None, ""),
    ("dedupe-yaml-array-values", 2, ["yaml-array-dedupe"], True, None, ""),
    ("dedupe-yaml-array-values", 3, {"yaml-array-dedupe": {"ignore-keys": ["arr2"]}}, True,
     None, ""),
    ("sort-yaml-array-values", 0, ["yaml-array-sort"], False, None, ""),
    ("sort-yaml-array-values", 1, {"yaml-array-sort": {"order": "descending"}}, False, None, ""),
    ("sort-yaml-array-values", 2, {"yaml-array-sort": {"ignore-keys": ["arr2"]}}, True, None, ""),
    ("insert-yaml-attributes", 0, {"yaml-inserted-keys": {"text": "aliases:\ntags: doc\nanimal: dog"}},
     False, None, ""),
    ("escape-yaml-special-characters", 0, ["yaml-value-quotes"], False, None, ""),
    ("escape-yaml-special-characters", 1, ["yaml-value-quotes"], False,
     _p1_peer("escape-yaml-special-characters", 1, "before"),
     "`key: value: with colon` is invalid YAML, never rewritten (invalid-yaml reports it)"),
    ("escape-yaml-special-characters", 2, {"yaml-value-quotes": {"quote-char": "'"}}, False,
     _p1_peer("escape-yaml-special-characters", 2, "after",
              ("'value: with colon in the middle'", "value: with colon in the middle")),
     "`- value: with colon` is a mapping in valid YAML: quoting it would change the data"),
    ("escape-yaml-special-characters", 3, ["yaml-value-quotes"], False,
     _p1_peer("escape-yaml-special-characters", 3, "after",
              ('"value: with colon in the middle"', "value: with colon in the middle")),
     "`[value: with colon]` holds a mapping in valid YAML: quoting it would change the data"),
    ("force-yaml-escape", 0, ["yaml-value-quotes"], True, None, ""),
    ("force-yaml-escape", 1, {"yaml-value-quotes": {"force-keys": ["key", "title", "bool"]}},
     True, None, ""),
    ("format-tags-in-yaml", 0, ["tags-format"], True,
     "---\ntags:\n  - one\n  - two\n  - three\n  - nested/four/five\n---",
     "` #one` starts a YAML comment (no tag is set): the unsafe fix makes the tags a list, as "
     "Obsidian reads a string as one tag (the peer's `one two three` would be one tag)"),
    ("format-tags-in-yaml", 1, ["tags-format"], True, _p1_peer("format-tags-in-yaml", 1, "before"),
     "`[#one` is invalid YAML, never rewritten (invalid-yaml reports it)"),
    ("format-tags-in-yaml", 2, ["tags-format", "deprecated-property"], True,
     _p1_peer("format-tags-in-yaml", 2, "before"),
     "`[#one` is invalid YAML, never rewritten (invalid-yaml reports it)"),
    ("format-tags-in-yaml", 3, ["tags-format"], True, None, ""),
    # --- end of part 1
    # --- part 2 (FM330-FM349)
    ("yaml-title", 0, ["yaml-title"], False, None, ""),
    ("yaml-title", 1, ["yaml-title"], False, None, "", {"name": "Filename.md"}),
    ("yaml-title", 2, ["yaml-title"], False, None, ""),
    ("yaml-title", 3, {"yaml-title": {"mode": "first-h1"}}, False, None, ""),
    ("yaml-title", 4, {"yaml-title": {"mode": "filename"}}, False, None, "",
     {"name": "Filename.md"}),
    ("move-tags-to-yaml", 0, {"yaml-body-tags": {"tags-to-ignore": ["ignored-tag"]}}, True,
     None, ""),
    ("move-tags-to-yaml", 1, ["yaml-body-tags"], True, None, ""),
    ("move-tags-to-yaml", 2, {"yaml-body-tags": {"how-to-handle-existing-tags": "Remove hashtag",
                                                 "tags-to-ignore": ["yet-another-ignored-tag"]}},
     True, None, ""),
    ("move-tags-to-yaml", 3, {"yaml-body-tags": {"how-to-handle-existing-tags":
                                                 "Remove whole tag"}}, True, None, ""),
    # --- end of part 2
    # --- yaml-title-alias (FM333)
    ("yaml-title-alias", 0, ["yaml-title-alias"], False, None, ""),
    ("yaml-title-alias", 1, {"yaml-title-alias": {
        "use-yaml-key-to-keep-track-of-old-filename-or-heading": False}}, False, None, ""),
    ("yaml-title-alias", 2, {"yaml-title-alias": {"keep-alias-that-matches-the-filename": True}},
     False, None, "", {"name": "Filename.md"}),
    ("yaml-title-alias", 3, {"yaml-title-alias": {
        "keep-alias-that-matches-the-filename": True,
        "use-yaml-key-to-keep-track-of-old-filename-or-heading": False}}, False, None, "",
     {"name": "Filename.md"}),
    ("yaml-title-alias", 4, {"yaml-title-alias": {"keep-alias-that-matches-the-filename": True}},
     True, None, "", {"name": "Filename.md"}),
    ("yaml-title-alias", 5, ["yaml-title-alias"], False, None, ""),
    ("yaml-title-alias", 6, {"yaml-title-alias": {"keep-alias-that-matches-the-filename": True,
                                                  "alias-helper-key": "title"}},
     False, None, "", {"name": "Filename.md"}),
    # --- end of yaml-title-alias
]


UNSUPPORTED: dict[tuple[str, int], str] = {
    # --- part 1 (FM301-FM329)
    # --- end of part 1
    # --- part 2 (FM330-FM349)
    # --- end of part 2
}
