"""`tags` is a list of tag names: no leading `#`, no duplicates.

A single string (`tags: a, b` or `tags: a b`) becomes a list, a leading `#` is removed and
duplicates are dropped, the first occurrence kept in place.

Tags written as in the body, `tags: #one #two` or `- #one` under `tags:`, are YAML comments
(a `#` after a blank starts one): Obsidian sets no tag. They are reported; the fix makes them
the list they were meant to be (`tags:` then `- one`, `- two`), an unsafe fix as it turns a
comment into data (`--unsafe-fixes`). Only the lines of `tags` are
rewritten (a ruamel.yaml round trip of that key, keeping comments, quoting and the file's list
style); a removed duplicate's own line goes with its comment, which the fix declares.

Fail:
```markdown
---
tags: "#a, b"
---
```
Pass:
```markdown
---
tags:
  - a
  - b
---
```
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from vaultlint import fm_edit
from vaultlint.diagnostics import Diagnostic, Edit, Fix
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext

_SPLIT = re.compile(r"[,\s]+")
# a comment that is only body-style tags: `#one #two, #nested/three`
_TAG_COMMENT = re.compile(r"#([^\s#,]+)(?:[ \t,]+#([^\s#,]+))*[ \t,]*")
_TAG = re.compile(r"#([^\s#,]+)")
_KEY_LINE = re.compile(r"(tags[ \t]*:)[ \t]+(#.*?)[ \t]*$")
_ITEM_LINE = re.compile(r"([ \t]*-[ \t]+)(#.*?)[ \t]*$")


def normal_tags(value: Any) -> list[Any] | None:
    """The normalised tag list, or None when `value` is not something we can fix."""
    if isinstance(value, str):
        items: list[Any] = [t for t in _SPLIT.split(value) if t]
    elif isinstance(value, list):
        items = list(value)
    else:
        return None
    tags = [item.lstrip("#") if isinstance(item, str) else item for item in items]
    drop = _repeated(tags)
    return [tag for i, tag in enumerate(tags) if i not in drop]


def _repeated(items: list[Any]) -> set[int]:
    """Indexes of the empty items and of those equal to an earlier one, in linear time (a set
    of the hashable ones seen; a YAML mapping or list as a tag is compared one by one)."""
    seen: set[Any] = set()
    unhashable: list[Any] = []
    drop: set[int] = set()
    for i, item in enumerate(items):
        if item is None:  # an empty item (`- ` or `- #tag`, a comment) holds no tag to dedupe
            continue
        try:
            repeated = item in seen
            seen.add(item)
        except TypeError:
            repeated = item in unhashable
            unhashable.append(item)
        if repeated or item == "":
            drop.add(i)
    return drop


def _delete(seq: Any, drop: set[int]) -> None:
    """`del seq[i]` for every i in `drop`, in one pass: ruamel's CommentedSeq re-keys every
    later comment on each delete (quadratic for thousands of tags). The comments move exactly
    as those deletes would move them; a deleted item's comment goes with it."""
    if not drop:
        return
    gone = sorted(drop)
    kept = [item for i, item in enumerate(seq) if i not in drop]
    comments = getattr(getattr(seq, "ca", None), "items", None)
    if isinstance(comments, dict):
        moved = {k - bisect.bisect_left(gone, k): v for k, v in comments.items()
                 if k not in drop}
        comments.clear()
        comments.update(moved)
    list.__delitem__(seq, slice(None))
    list.extend(seq, kept)


def _problem(value: Any) -> str | None:
    if isinstance(value, str):
        return "tags is a string, not a list"
    if not isinstance(value, list):
        return None
    if any(isinstance(t, str) and t.startswith("#") for t in value):
        return "tags start with `#`"
    named = [t for t in value if t is not None]
    if len({repr(t) for t in named}) != len(named):
        return "tags has duplicates"
    return None


def _mutate(data: Any, dropped_lines: set[int]) -> bool:
    old = data.get("tags")
    new = normal_tags(old)
    if new is None or new == old:
        return False
    if isinstance(old, list):  # edit in place so comments stay on the items they follow
        for i in range(len(old)):
            tag = old[i].lstrip("#") if isinstance(old[i], str) else old[i]
            if tag != old[i]:
                old[i] = type(old[i])(tag) if isinstance(old[i], str) else tag
        lines = _item_lines(old)
        drop = _repeated(old)
        removed = {lines[i] for i in drop}
        _delete(old, drop)
        lines = [line for i, line in enumerate(lines) if i not in drop]
        # A removed item's own line goes, and its comment with it (declared, not lost)
        dropped_lines.update(removed - set(lines) - {0})
        return True
    data["tags"] = fm_edit.block_list(new)
    return True


def _item_lines(seq: Any) -> list[int]:
    """The line of each item of a ruamel list (0 when unknown: the key's own line)."""
    lines = []
    for i in range(len(seq)):
        try:
            lines.append(seq.lc.item(i)[0])
        except (AttributeError, KeyError, TypeError):
            lines.append(0)
    return lines


def _commented_tags(note: Note, ctx: RuleContext) -> Diagnostic | None:
    """`tags: #a #b` (no value) or `- #a` items (empty ones): body-style tags in comments."""
    fm = note.frontmatter
    value, line = fm.data["tags"], fm.key_lines.get("tags", 0) - 1
    if line < 0 or not (value is None or isinstance(value, list) and None in value):
        return None
    edits, drops = [], []
    if value is None:
        m = _KEY_LINE.match(note.line_text(line))
        if m and _TAG_COMMENT.fullmatch(m.group(2)):
            nl = "\r\n" if note.text.startswith("\r\n", note.line_span(line)[1]) else "\n"
            items = "".join(f"{nl}  - {t}" for t in _TAG.findall(m.group(2)))
            edits.append(_line_edit(note, line, m.group(1) + items))
            drops.append(m.group(2))
    else:
        for at in range(line + 1, note.line_count):
            text = note.line_text(at)
            if not text.startswith((" ", "\t", "-")) or note.line_starts[at] >= fm.content_end:
                break
            m = _ITEM_LINE.match(text)
            if m and _TAG_COMMENT.fullmatch(m.group(2)) and len(_TAG.findall(m.group(2))) == 1:
                edits.append(_line_edit(note, at, m.group(1) + m.group(2)[1:]))
                drops.append(m.group(2))
    if not edits:
        return None
    intents = frozenset({"frontmatter:tags",
                         *(f"{fm_edit.COMMENT_DROP}{i}:{c}" for i, c in enumerate(drops))})
    return ctx.at_line(line, "tags written as `#tag` in the frontmatter are a YAML comment: "
                       "Obsidian sets no tag", Fix.unsafe(*edits, intents=intents))


def _line_edit(note: Note, line: int, text: str) -> Edit:
    start = note.line_starts[line]
    return Edit(start, start + len(note.line_text(line)), text)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is None or fm.error is not None or not isinstance(fm.data, dict) or "tags" not in fm.data:
        return
    problem = _problem(fm.data["tags"])
    if problem is None:
        commented = _commented_tags(note, ctx)
        if commented is not None:
            yield commented
        return
    new = fm_edit.rewrite_key(note, "tags", _mutate)
    fix = Fix.safe(Edit(fm.content_start, fm.content_end, new.yaml),
                   intents=new.intents("tags")) if new is not None else None
    yield ctx.at_line(fm.key_lines.get("tags", 1) - 1, problem, fix)


RULE = Rule(
    code="FM103",
    name="tags-format",
    summary="`tags` is a list of names without `#` and without duplicates",
    table=(  # the README's rule table
        "`tags` as a list: string split, leading `#` and duplicates removed"),
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
    examples=(
        Example("---\ntags: \"#a, b\"\n---\n", "---\ntags:\n  - a\n  - b\n---\n"),
        Example("---\ntags: #one #nested/two\n---\n", "---\ntags:\n  - one\n  - nested/two\n---\n",
                unsafe=True),
        Example("---\ntags:\n- #one\n- two\n---\n", "---\ntags:\n- one\n- two\n---\n", unsafe=True),
        Example("---\ntags: # to do: pick some\n---\n", flagged=False),
        Example("---\ntags:\n- '#a'  # kept\n- b\n- b\n---\n", "---\ntags:\n- 'a'   # kept\n- b\n---\n"),
        Example("---\ntags: [x, y, x]\n---\n", "---\ntags: [x, y]\n---\n"),
        Example("---\ntags:\n  - a\n---\n", flagged=False),
    ),
    aliases=("format-tags-in-yaml",),  # obsidian-linter's: a leading `#` goes
)
