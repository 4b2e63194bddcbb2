"""Frontmatter layout: consistent indentation, no trailing spaces, no blank edge lines.

The YAML is re-laid out with ruamel.yaml's round trip, which keeps comments, key order
and quoting; only indentation and whitespace are taken from its output, line by line, and
the result must load to exactly the same data, or nothing is changed. Values are never
rewritten (`source: null` stays `null`, quotes stay as written).

Options:
- `mapping-indent` ("consistent" or an int, default "consistent"): spaces per nested
  mapping level; "consistent" takes the note's first nested mapping (else 2).
- `sequence-offset` ("consistent", 0 or 2, default "consistent"): where `-` sits under its
  key: `0` is `tags:\\n- a`, `2` is Obsidian's `tags:\\n  - a`; "consistent" takes the
  note's first list (else 2).
- `inner-new-lines` (bool, default false): remove the blank lines between keys too
  (obsidian-linter's option of that name). A blank line inside a block scalar (`|`, `>`) or
  a multi-line string is part of the value and stays.

Fail:
```markdown
---
tags:
  - a
more:
      - c
title: x   
---
```
Pass:
```markdown
---
tags:
  - a
more:
  - c
title: x
---
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.frontmatter import load_for_check, round_trip_yaml, rt_dump
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext

_KEY_ONLY = re.compile(r"^( *)[^\s#-][^#]*:[ \t]*(?:#.*)?$")
_ITEM = re.compile(r"^( *)- ")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)?")


def detect_style(lines: list[str]) -> tuple[int | None, int | None]:
    """(mapping indent, sequence offset) of the first nested mapping and first block list."""
    mapping = offset = None
    for i, line in enumerate(lines):
        m = _KEY_ONLY.match(line)
        if not m:
            continue
        nxt = next((n for n in lines[i + 1 :] if n.strip() and not n.lstrip().startswith("#")), None)
        if nxt is None:
            continue
        indent = len(nxt) - len(nxt.lstrip(" "))
        delta = indent - len(m.group(1))
        if _ITEM.match(nxt):
            if offset is None and delta >= 0:
                offset = delta
        elif mapping is None and delta > 0:
            mapping = delta
    return mapping, offset


_BLOCK_SCALAR = re.compile(r":[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")
_ITEM_MAPPING = re.compile(r"^- [^#'\"\[{]*?:(?:[ \t]|$)")


def looks_normal(lines: list[str], mapping: int, offset: int) -> bool:
    """A cheap check that the YAML already has the wanted layout, so the slow ruamel.yaml round
    trip runs only on the few notes that may need it. False means "not sure", never "bad"."""
    if not lines or not lines[0].strip() or not lines[-1].strip():
        return False
    open_indents = [0]
    parent: int | None = None  # indent of a `key:` line whose block value comes next
    for raw in lines:
        line = _body(raw)
        if line != line.rstrip(" \t"):
            return False
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _BLOCK_SCALAR.search(line) or stripped.startswith(("?", "[", "{", '"', "'")) or \
                stripped.endswith(("[", "{", ",")):
            return False
        indent = len(line) - len(line.lstrip(" "))
        item = stripped.startswith("- ") or stripped == "-"
        if parent is not None:
            if indent != parent + (offset if item else mapping):
                return False
            open_indents.append(indent)
            parent = None
        elif indent not in open_indents:
            return False
        while open_indents[-1] > indent:
            open_indents.pop()
        if item and _ITEM_MAPPING.match(stripped):
            open_indents.append(indent + 2)
        if _KEY_ONLY.match(line) or (item and stripped.endswith(":")):
            parent = indent + 2 if item else indent
    return parent is None


def _split(text: str) -> list[str]:
    return [m.group() for m in _LINE.finditer(text) if m.group()]


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def normalise(yaml_text: str, mapping_indent: int, sequence_offset: int,
              inner_blanks: bool = False) -> str | None:
    """The YAML with normalised layout (less its inner blank lines if `inner_blanks`), or None
    if that cannot be done without risk."""
    lines = _split(yaml_text)
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    rt = round_trip_yaml(mapping_indent, sequence_offset + 2, sequence_offset)
    try:
        dumped = [d for d in rt_dump(rt.load("".join(lines)), rt).splitlines() if d.strip()]
    except Exception:  # ruamel rejects what PyYAML accepted: leave the layout alone
        dumped = None
    content = [i for i, line in enumerate(lines) if line.strip()]
    out = list(lines)
    for i in content:  # trailing whitespace goes everywhere
        ending = lines[i][len(_body(lines[i])):]
        out[i] = _body(lines[i]).rstrip(" \t") + ending
    if dumped is not None and len(dumped) == len(content):
        for i, new in zip(content, dumped):
            if _body(lines[i]).strip() == new.strip():
                ending = lines[i][len(_body(lines[i])):]
                out[i] = new + ending  # ruamel keeps trailing spaces only where they are data
    for candidate in ("".join(out), _only_trailing(lines)):
        if inner_blanks:
            candidate = _without_inner_blanks(candidate)
        if _same_data(yaml_text, candidate):
            return candidate
    return None


def _without_inner_blanks(yaml_text: str) -> str:
    """`yaml_text` less each run of blank lines whose removal keeps the data: a blank line
    between keys goes, one inside a block scalar or a multi-line string is data and stays."""
    lines = _split(yaml_text)
    try:
        data = load_for_check(yaml_text)
    except Exception:
        return yaml_text
    i = 0
    while i < len(lines):
        if lines[i].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and not lines[j].strip():
            j += 1
        trial = lines[:i] + lines[j:]
        try:
            same = load_for_check("".join(trial)) == data
        except Exception:
            same = False
        if same:
            lines = trial
        else:
            i = j
    return "".join(lines)


def _only_trailing(lines: list[str]) -> str:
    return "".join(_body(line).rstrip(" \t") + line[len(_body(line)):] for line in lines)


def _same_data(a: str, b: str) -> bool:
    try:
        return load_for_check(a) == load_for_check(b)
    except Exception:
        return False


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is None or not fm.closed or fm.error:
        return
    yaml_text = note.text[fm.content_start : fm.content_end]
    if not yaml_text.strip():
        return
    lines = _split(yaml_text)
    found_mapping, found_offset = detect_style([_body(x) for x in lines])
    mapping = ctx.options["mapping-indent"]
    offset = ctx.options["sequence-offset"]
    mapping = (found_mapping or 2) if mapping == "consistent" else mapping
    offset = (2 if found_offset is None else found_offset) if offset == "consistent" else offset
    if offset not in (0, 2) or mapping < 1:
        offset, mapping = 2, max(mapping, 1)
    inner = ctx.options["inner-new-lines"]
    if looks_normal(lines, mapping, offset) and not (inner and any(not x.strip() for x in lines)):
        return
    new = normalise(yaml_text, mapping, offset, inner)
    if new is None or new == yaml_text:
        return
    old_lines, new_lines = lines, _split(new)
    first_diff = next(
        (i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b),
        min(len(old_lines), len(new_lines)),
    )
    line = note.position(fm.content_start)[0] + first_diff
    changed = sum(1 for a, b in zip(old_lines, new_lines) if a != b) + abs(len(old_lines) - len(new_lines))
    # Layout of every key may change (the verifier still checks data and comments).
    fix = Fix.safe(Edit(fm.content_start, fm.content_end, new), intents=frozenset({"yaml-layout"}))
    yield ctx.at_line(
        min(line, note.line_count - 1),
        f"frontmatter layout: {changed} line(s) differ from consistent YAML "
        f"(indentation, trailing spaces or blank lines{'' if inner else ' at the edges'})",
        fix,
    )


RULE = Rule(
    aliases=("compact-yaml",),  # obsidian-linter's id
    code="FMT006",
    name="yaml-format",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="Frontmatter YAML uses consistent indentation and no stray whitespace",
    table="frontmatter indentation, trailing spaces, blank edge lines",
    docs=__doc__,
    check=check,
    fix="safe",
    options={"mapping-indent": "consistent", "sequence-offset": "consistent",
             "inner-new-lines": False},
    options_schema={
        "mapping-indent": {"oneOf": [{"const": "consistent"},
                                     {"type": "integer", "minimum": 1, "maximum": 16}]},
        "sequence-offset": {"enum": ["consistent", 0, 2]},
        "inner-new-lines": {"type": "boolean"},
    },
    examples=(
        Example("---\ntags:\n  - a\n  - b\nmore:\n      - c\n---\n", "---\ntags:\n  - a\n  - b\nmore:\n  - c\n---\n"),
        Example("---\ntitle: x   \nsource: null\n---\n", "---\ntitle: x\nsource: null\n---\n"),
        Example("---\n\ndate: today\n\ntitle: kept inner blank line\n\n---\n",
                "---\ndate: today\n\ntitle: kept inner blank line\n---\n"),
        Example("---\n# a comment\ntags:\n- a   # why\n- b\n---\n", "---\n# a comment\ntags:\n- a   # why\n- b\n---\n",
                flagged=False),
        Example("---\nparent:\n    child: 1\n    other:\n      - x\n---\n", flagged=False),
        Example("---\ndate: today\n\n\ntitle: x\ntext: |\n  a\n\n  b\n---\n",
                "---\ndate: today\ntitle: x\ntext: |\n  a\n\n  b\n---\n",
                options={"inner-new-lines": True}),
    ),
)
