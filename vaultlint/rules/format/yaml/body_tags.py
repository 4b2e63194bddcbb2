"""Every `#tag` of the body is also in the frontmatter's `tags`.

Off by default. Each inline `#tag` of the body (not in code, math, comments, HTML or links;
a tag of digits only is no tag in Obsidian) missing from the frontmatter's `tags` is appended
to it, in the order of the body, without duplicates (compared without `#`). A note without
frontmatter gets one; a note without `tags` gets `tags: [a, b]`; an existing list keeps its
style and comments (a ruamel.yaml round trip of that key only), a string of tags becomes a
list. `how-to-handle-existing-tags` then leaves the body's tags alone (`Nothing`), removes
their `#` (`Remove hashtag`) or removes them with the space before them (`Remove whole tag`).

The fix is unsafe: it changes the note's data (and, with the last two choices, its text).
Tags in `tags-to-ignore` are neither copied nor removed.

Options:
- `how-to-handle-existing-tags` (default `"Nothing"`, or `"Remove hashtag"`,
  `"Remove whole tag"`: obsidian-linter's values);
- `tags-to-ignore` (default `[]`): tags (without `#`) left where they are.

Fail:
```markdown
---
tags: [test]
---
Text about #test and #markdown
```
Pass:
```markdown
---
tags: [test, markdown]
---
Text about #test and #markdown
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultlint import fm_edit
from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.markdown import TAG
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.yaml._scalar_key import reads_as
from vaultlint.rules.tags_format import normal_tags

HANDLING = ("Nothing", "Remove hashtag", "Remove whole tag")


def body_tags(note: Note, ignored: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, name without `#`) of each tag of the body, ignored ones left out."""
    out = []
    for region in note.regions:
        if region.kind != TAG:
            continue
        name = note.text[region.start + 1:region.end]
        if not name.replace("/", "").isdigit() and name not in ignored:
            out.append((region.start, region.end, name))
    return out


def _flow(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _append(added: list[str]):
    def mutate(data: Any, _dropped: set[int]) -> bool:
        if isinstance(data["tags"], list):
            data["tags"].extend(added)
        else:
            data["tags"] = _flow((normal_tags(data["tags"]) or []) + added)
        return True
    return mutate


def _tags_edit(note: Note, added: list[str]) -> tuple[Edit, frozenset[str]] | None:
    """Append `added` to `tags` (creating the key, or the frontmatter)."""
    fm, nl = note.frontmatter, note.newline
    line = f"tags: [{', '.join(added)}]{nl}"
    if fm is None:
        return Edit(0, 0, f"---{nl}{line}---{nl}"), frozenset({"frontmatter"})
    yaml_text = note.text[fm.content_start:fm.content_end]
    if "tags" not in note.properties:
        if not reads_as(yaml_text + line, {**(fm.data or {}), "tags": added}):
            return None
        intents = frozenset({"frontmatter"} if fm.data is None else {"frontmatter:tags"})
        return Edit(fm.content_end, fm.content_end, line), intents
    edit = fm_edit.rewrite_key(note, "tags", _append(added))
    if edit is None:
        return None
    return Edit(fm.content_start, fm.content_end, edit.yaml), edit.intents("tags")


def _body_edits(note: Note, tags: list[tuple[int, int, str]], how: str) -> list[Edit]:
    if how == "Remove hashtag":
        return [Edit(start, start + 1, "") for start, _, _ in tags]
    if how == "Remove whole tag":  # with the blanks before it, as the peer does
        edits = []
        for start, end, _ in tags:
            before = start
            while before > 0 and note.text[before - 1] in " \t":
                before -= 1
            edits.append(Edit(before, end, ""))
        return edits
    return []


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is not None and (not fm.closed or fm.error is not None):
        return
    tags = body_tags(note, set(ctx.options["tags-to-ignore"]))
    if not tags:
        return
    have = normal_tags(note.properties.get("tags")) or []
    added: list[str] = []
    for _, _, name in tags:
        if name not in have and name not in added:
            added.append(name)
    how = ctx.options["how-to-handle-existing-tags"]
    if not added and how == "Nothing":
        return
    made = _tags_edit(note, added) if added else None
    if added and made is None:
        yield ctx.diagnostic(tags[0][0], tags[0][1], _message(added))
        return
    edits = ([made[0]] if made else []) + _body_edits(note, tags, how)
    intents = (made[1] if made else frozenset()) | ({"body"} if how != "Nothing" else set())
    message = _message(added) if added else "tags in the body are already in the frontmatter"
    yield ctx.diagnostic(tags[0][0], tags[0][1], message, Fix.unsafe(*edits, intents=intents))


def _message(added: list[str]) -> str:
    return "body tag(s) missing from the frontmatter's `tags`: " + ", ".join(added)


RULE = Rule(
    code="FM332",
    name="yaml-body-tags",
    severity=Severity.INFO,
    summary="The body's #tags are in the frontmatter's tags",
    table="body `#tags` copied (or moved) into the frontmatter's `tags`; off by default",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"how-to-handle-existing-tags": "Nothing", "tags-to-ignore": []},
    options_schema={"how-to-handle-existing-tags": {"enum": list(HANDLING)},
                    "tags-to-ignore": {"type": "array", "items": {"type": "string"}}},
    examples=(
        Example("---\ntags: [test]\n---\nText about #test and #markdown\n",
                "---\ntags: [test, markdown]\n---\nText about #test and #markdown\n", unsafe=True),
        Example("A #tag here.\n", "---\ntags: [tag]\n---\nA #tag here.\n", unsafe=True),
        Example("---\ntags:\n  - a  # first\n---\n`#code` and #b\n",
                "---\ntags:\n  - a  # first\n  - b\n---\n`#code` and #b\n", unsafe=True),
        Example("---\ntags: [a]\n---\nIssue #123 and #a\n", flagged=False),
        Example("---\ntags: [a]\n---\nSee #a and #b.\n", "---\ntags: [a, b]\n---\nSee and.\n",
                unsafe=True, options={"how-to-handle-existing-tags": "Remove whole tag"}),
    ),
    aliases=("move-tags-to-yaml",),
)
