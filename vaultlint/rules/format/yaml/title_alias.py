"""The frontmatter `aliases` hold the note's title: its first H1, else its file name.

Off by default. With it on, the note's title (the first level-1 ATX heading, not in a list,
quote, code block or comment, links reduced to their text; else the file name) is added
first to `aliases` (to `alias` when only that key is there), and the key
`linter-yaml-title-alias` remembers it: when the heading or the file name changes, the
remembered old title is replaced in its place by the new one instead of a second alias being
added. A title that is the file name is not added (and removed, with the helper key) unless
`keep-alias-that-matches-the-filename` is set: Obsidian finds a note by its name already.
A title already among the aliases is never added twice (where obsidian-linter would).

Adding the title (a new `aliases` key, or one more entry) and the helper key is a safe fix:
nothing of the note is lost. Replacing the old title, removing an alias or the helper key, or
restyling the list is unsafe (`--unsafe-fixes`). Only the lines of `aliases` and of the helper
key change (a ruamel.yaml round trip of each: comments and quoting kept); a new key goes before
the closing `---` (a note without frontmatter gets one); invalid YAML is never rewritten. The
rule never adds a title already in the list, so its fixes settle in one pass.

Options (obsidian-linter's):
- `preserve-existing-alias-section-style` (default true): an existing `aliases` keeps its form
  (a flow list `[a, b]`, a block list, a single string while it holds one alias); when false,
  a list the rule changes is written as a block list.
- `keep-alias-that-matches-the-filename` (default false).
- `use-yaml-key-to-keep-track-of-old-filename-or-heading` (default true): keep the helper
  key; when false, it is removed and an old title stays in the list.
- `alias-helper-key` (default `"linter-yaml-title-alias"`): the helper key. `title` makes it
  the note's title, as `yaml-title` writes it; then set `keep-alias-that-matches-the-filename`
  too, else a note titled by its file name loses its `title` (and `yaml-title` wants it back).

Fail:
```markdown
# Obsidian
```
Pass:
```markdown
---
aliases:
  - Obsidian
linter-yaml-title-alias: Obsidian
---
# Obsidian
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.fm_edit import KeyEdit, _rewrite_span, block_list
from vaultlint.frontmatter import yaml_comments
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.yaml._lines import FmLines, fm_lines, span_comments
from vaultlint.rules.format.yaml._scalar_key import reads_as, scalar
from vaultlint.rules.format.yaml._title import file_title, first_h1
from vaultlint.rules.yaml_format import detect_style

HELPER = "linter-yaml-title-alias"
_MISSING = object()
Op = tuple[str, int]  # ("del", i), ("set", i), ("ins", 0): edits of the alias list


@dataclass
class Plan:
    """What the rule wants of the note's frontmatter."""

    title: str
    alias_key: str
    ops: list[Op]  # on the aliases as a list (a string is a list of one)
    drop_aliases: bool  # the ops leave no alias: the key goes
    block: bool  # the aliases are (re)written as a block list
    helper: str
    helper_value: str | None  # None: the helper key should not be there
    safe: bool
    data: dict[str, Any]  # the frontmatter data wanted


def _text(value: Any) -> str | None:
    """An alias as text to compare with a title (a number is its digits; a bool, None, a list
    or a mapping never equals a title)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)


def alias_ops(texts: list[str | None], title: str, previous: str | None, remove: bool) -> list[Op]:
    """The edits that put `title` first among the aliases (replacing the remembered previous
    title), or, with `remove`, take the title and the previous title out. Never a duplicate."""
    if remove:
        gone = {title} | ({previous} if previous is not None else set())
        return [("del", i) for i in reversed(range(len(texts))) if texts[i] in gone]
    if title in texts:  # already there: only an old title beside it goes
        if previous is not None and previous != title and previous in texts:
            return [("del", texts.index(previous))]
        return []
    if previous is not None and previous in texts:
        return [("set", texts.index(previous))]
    return [("ins", 0)]


def apply_ops(seq: Any, ops: list[Op], value: Any) -> None:
    """Apply the ops in place (on a ruamel.yaml list they move each item's comment with it)."""
    for op, i in ops:
        if op == "del":
            del seq[i]
        elif op == "set":
            seq[i] = value
        else:
            seq.insert(0, value)


def plan(note: Note, options: dict[str, Any]) -> Plan | None:
    """None when the frontmatter is right, or not ours to edit."""
    data = note.properties
    fm = note.frontmatter
    if fm is not None and (not fm.closed or fm.error is not None
                           or not isinstance(fm.data, (dict, type(None)))):
        return None  # invalid YAML is invalid-yaml's business; a list is not a mapping
    title = first_h1(note) or file_title(note)
    remove = not options["keep-alias-that-matches-the-filename"] and title == file_title(note)
    helper = options["alias-helper-key"].removesuffix(":")
    alias_key = "alias" if "alias" in data and "aliases" not in data else "aliases"
    old = data.get(alias_key, _MISSING)
    if isinstance(old, dict):
        return None  # not a list of aliases: nothing to insert into
    previous = _text(data[helper]) if helper in data else None
    items = [] if old is _MISSING or old is None else old if isinstance(old, list) else [old]
    ops = alias_ops([_text(v) for v in items], title, previous, remove)
    keep_helper = options["use-yaml-key-to-keep-track-of-old-filename-or-heading"] and not remove
    helper_value = title if keep_helper else None
    helper_ok = (helper not in data) if helper_value is None else previous == title
    if not ops and helper_ok:
        return None
    after = list(items)
    apply_ops(after, ops, title)
    restyle = bool(ops) and not options["preserve-existing-alias-section-style"] and bool(items)
    block = bool(ops) and _as_block(old, after, restyle)
    safe = ops in ([], [("ins", 0)]) and not restyle and (helper_ok or helper not in data)
    wanted = {k: v for k, v in data.items() if k != helper}
    if ops and not after:
        del wanted[alias_key]
    elif ops:
        wanted[alias_key] = after if block or isinstance(old, list) else after[0]
    if helper_value is not None:
        wanted[helper] = helper_value
    return Plan(title, alias_key, ops, bool(ops) and not after, block, helper, helper_value,
                safe, wanted)


def _as_block(old: Any, after: list[Any], restyle: bool) -> bool:
    """Whether changed aliases are written as a block list: a new key, the option saying so,
    or a single string that now holds two aliases (a list keeps its own style)."""
    if isinstance(old, list):
        return restyle
    return old is _MISSING or old is None or len(after) > 1 or restyle


def _rt_scalar(value: str) -> Any:
    """`value` for ruamel.yaml: plain when YAML reads it back as that text, else in double
    quotes (as `scalar` writes a new line; ruamel would pick single quotes)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return value if scalar(value) == value else DoubleQuotedScalarString(value)


def _new_lines(p: Plan, offset: int, alias: bool, helper: bool) -> list[str]:
    """The lines of the keys the plan adds: the title as a one-item block list, the helper."""
    lines = [f"{p.alias_key}:", f"{' ' * offset}- {scalar(p.title)}"] if alias else []
    if helper:
        lines.append(f"{scalar(p.helper)}: {scalar(p.title)}")
    return lines


def _alias_mutate(p: Plan):
    def mutate(data: Any, _dropped: set[int]) -> bool:
        old = data[p.alias_key]
        seq = old if isinstance(old, list) else block_list([] if old is None else [old])
        apply_ops(seq, p.ops, _rt_scalar(p.title))
        if p.block:
            seq.fa.set_block_style()
            data[p.alias_key] = seq
        elif not isinstance(old, list):
            data[p.alias_key] = seq[0]  # a single string stays one
        return True
    return mutate


def _helper_mutate(value: str):
    def mutate(data: Any, _dropped: set[int]) -> bool:
        data[next(iter(data))] = _rt_scalar(value)
        return True
    return mutate


def _key_lines(fl: FmLines, key: str, mutate: Any | None) -> list[str] | None:
    """The new lines of `key`: its comments alone when it goes (no `mutate`), else its round
    trip."""
    if mutate is None:
        return span_comments(fl, key)
    return _rewrite_span(fl.lines, fl.spans[key], mutate, set())


def _yaml_edit(note: Note, p: Plan) -> tuple[Edit, frozenset[str]] | None:
    """One edit of the frontmatter YAML: the lines of the two keys rewritten or removed, new
    keys appended; every other line kept. None when it cannot be edited line by line."""
    fl = fm_lines(note)
    if fl is None:
        return None
    changes: dict[tuple[int, int], list[str] | None] = {}
    if p.ops and p.alias_key in fl.spans:
        mutate = None if p.drop_aliases else _alias_mutate(p)
        changes[fl.spans[p.alias_key]] = _key_lines(fl, p.alias_key, mutate)
    helper_now = _text(note.properties.get(p.helper))
    if p.helper in fl.spans and (p.helper_value is None or helper_now != p.helper_value):
        mutate = None if p.helper_value is None else _helper_mutate(p.helper_value)
        changes[fl.spans[p.helper]] = _key_lines(fl, p.helper, mutate)
    if None in changes.values():
        return None  # ruamel.yaml refused what PyYAML read: no fix rather than a risky one
    lines = list(fl.lines)
    for (s, e), new in sorted(changes.items(), reverse=True):
        lines[s:e] = new or []
    add_alias = p.ops == [("ins", 0)] and p.alias_key not in fl.spans
    add_helper = p.helper_value is not None and p.helper not in fl.spans
    lines[-1:-1] = _new_lines(p, _list_offset(fl.lines), add_alias, add_helper)  # before `---`
    if lines == fl.lines or not any(ln.split("#")[0].strip() for ln in lines):
        return None  # no change, or no key left: no frontmatter at all is not ours to make
    if not reads_as("\n".join(lines), p.data):
        return None  # a flow mapping, an odd last line: no line edit
    old_comments = Counter(yaml_comments("\n".join(fl.lines)) or [])
    dropped = list((old_comments - Counter(yaml_comments("\n".join(lines)) or [])).elements())
    return fl.edit(note, lines), KeyEdit("", dropped).intents(p.alias_key, p.helper)


def _list_offset(lines: list[str]) -> int:
    """The file's block list indentation (two spaces when it has no block list)."""
    offset = detect_style(lines)[1]
    return 2 if offset is None else offset


def make_fix(note: Note, p: Plan) -> Fix | None:
    fm, nl = note.frontmatter, note.newline
    if fm is None or fm.data is None:  # a new block, or a block holding no data yet
        lines = _new_lines(p, 2, p.ops == [("ins", 0)], p.helper_value is not None)
        text = "".join(ln + nl for ln in lines)
        at = 0 if fm is None else fm.content_end
        edit = Edit(at, at, f"---{nl}{text}---{nl}" if fm is None else text)
        return Fix.safe(edit, intents=frozenset({"frontmatter"}))
    made = _yaml_edit(note, p)
    if made is None:
        return None
    return (Fix.safe if p.safe else Fix.unsafe)(made[0], intents=made[1])


def _message(note: Note, p: Plan) -> str:
    ops = {op for op, _ in p.ops}
    if "ins" in ops:
        return f"`{p.alias_key}` lacks the note's title {p.title!r}"
    if "set" in ops:
        return f"`{p.alias_key}` holds an old title of the note, not {p.title!r}"
    if ops and p.helper_value is None and p.title == file_title(note):
        return f"`{p.alias_key}` holds the file name {p.title!r} (it needs no alias)"
    if ops:
        return f"`{p.alias_key}` holds an old title of the note beside {p.title!r}"
    if p.helper_value is None:
        return f"`{p.helper}` is no longer used"
    return f"`{p.helper}` does not remember the note's title {p.title!r}"


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    p = plan(note, ctx.options)
    if p is None:
        return
    fm = note.frontmatter
    key = p.alias_key if p.ops else p.helper  # the line of the key that changes
    line = 0 if fm is None else fm.key_lines.get(key, fm.first_line + 1) - 1
    yield ctx.at_line(line, _message(note, p), make_fix(note, p))


RULE = Rule(
    code="FM333",
    name="yaml-title-alias",
    severity=Severity.INFO,
    summary="The frontmatter aliases start with the note's first H1 or file name",
    table="the note's title (first H1 or file name) first in `aliases`, old titles replaced "
          "(added safe, replaced unsafe)",
    docs=__doc__,
    check=check,
    fix="safe/unsafe",
    default_enabled=False,
    options={"preserve-existing-alias-section-style": True,
             "keep-alias-that-matches-the-filename": False,
             "use-yaml-key-to-keep-track-of-old-filename-or-heading": True,
             "alias-helper-key": HELPER},
    options_schema={
        "preserve-existing-alias-section-style": {"type": "boolean"},
        "keep-alias-that-matches-the-filename": {"type": "boolean"},
        "use-yaml-key-to-keep-track-of-old-filename-or-heading": {"type": "boolean"},
        "alias-helper-key": {"type": "string", "minLength": 1, "pattern": "[^:]",
                             "not": {"enum": ["aliases", "alias", "aliases:", "alias:"]}},
    },
    examples=(
        Example("# Obsidian\n",
                "---\naliases:\n  - Obsidian\nlinter-yaml-title-alias: Obsidian\n---\n# Obsidian\n"),
        Example("---\naliases: [Obs]  # mine\n---\n# Obsidian\n",
                "---\naliases: [Obsidian, Obs] # mine\nlinter-yaml-title-alias: Obsidian\n---\n"
                "# Obsidian\n"),
        Example("---\naliases:\n  - Old\n  - Other\nlinter-yaml-title-alias: Old\n---\n# New\n",
                "---\naliases:\n  - New\n  - Other\nlinter-yaml-title-alias: New\n---\n# New\n",
                unsafe=True),
        Example("---\naliases:\n  - example\n  - Other\n---\nNo heading.\n",
                "---\naliases:\n  - Other\n---\nNo heading.\n", unsafe=True),
        Example("No heading.\n", flagged=False),
        Example("# Obsidian\n", "---\naliases:\n  - Obsidian\n---\n# Obsidian\n",
                options={"use-yaml-key-to-keep-track-of-old-filename-or-heading": False}),
    ),
    aliases=("yaml-title-alias",),
)
