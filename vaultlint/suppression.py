"""Suppression comments, read from the note itself.

In the body, inside an Obsidian comment or an HTML comment:
    %% vaultlint-disable RULE ... %%          until `vaultlint-enable` (or the end)
    %% vaultlint-enable RULE ... %%
    %% vaultlint-disable-next-line RULE %%   the following line only
    %% vaultlint-disable-line RULE %%        the line the comment is on
    %% vaultlint-disable-file RULE %%        the whole note
    <!-- vaultlint-disable RULE -->          the same, for notes also published outside Obsidian
In the frontmatter, as a YAML comment (no property is added, so Obsidian's UI stays clean):
    # vaultlint-disable RULE                 the whole note
    key: value  # vaultlint-disable-line RULE
RULE is a code, a code prefix or a name, several separated by spaces or commas; none means all.
Directives inside code spans or blocks are text, not directives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vaultlint.diagnostics import Diagnostic
from vaultlint.note import Note
from vaultlint.rules.base import selector_matches

_DIRECTIVE = re.compile(
    r"vaultlint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^%\n>]*)"
)
_YAML_DIRECTIVE = re.compile(
    r"(?:^|\s)#\s*vaultlint-(disable-next-line|disable-line|disable-file|disable)\b([^\n]*)"
)
ALL = "*"


def _selectors(raw: str) -> tuple[str, ...]:
    raw = raw.replace("--", " ").replace("%%", " ")
    parts = tuple(p for p in re.split(r"[\s,]+", raw.strip()) if p)
    return parts or (ALL,)


def _matches(selector: str, diag: Diagnostic) -> bool:
    return selector == ALL or selector_matches(selector, diag.code, diag.rule)


@dataclass
class Suppressions:
    file: list[str] = field(default_factory=list)
    lines: dict[int, list[str]] = field(default_factory=dict)  # 1-based line -> selectors
    ranges: list[tuple[int, int, str]] = field(default_factory=list)  # (first, last, selector)

    def suppressed(self, diag: Diagnostic) -> bool:
        if any(_matches(s, diag) for s in self.file):
            return True
        if any(_matches(s, diag) for s in self.lines.get(diag.line, ())):
            return True
        return any(a <= diag.line <= b and _matches(s, diag) for a, b, s in self.ranges)

    def __bool__(self) -> bool:
        return bool(self.file or self.lines or self.ranges)


def read(note: Note) -> Suppressions:
    sup = Suppressions()
    if "vaultlint-" not in note.text:  # the common case: nothing to parse
        return sup
    directives: list[tuple[int, str, tuple[str, ...]]] = []
    for region in note.regions:
        if region.kind != "comment":
            continue
        for m in _DIRECTIVE.finditer(note.text, region.start, region.end):
            line = note.position(m.start())[0] + 1
            directives.append((line, m.group(1), _selectors(m.group(2))))
    fm = note.frontmatter
    if fm is not None:
        for m in _YAML_DIRECTIVE.finditer(note.text, fm.content_start, fm.content_end):
            line = note.position(m.start())[0] + 1
            kind = "disable-file" if m.group(1) == "disable" else m.group(1)
            directives.append((line, kind, _selectors(m.group(2))))
    _apply(sup, sorted(directives), note.line_count)
    return sup


def _apply(sup: Suppressions, directives: list[tuple[int, str, tuple[str, ...]]], last: int) -> None:
    open_at: dict[str, int] = {}
    for line, kind, sels in directives:
        if kind == "disable-file":
            sup.file.extend(sels)
        elif kind == "disable-line":
            sup.lines.setdefault(line, []).extend(sels)
        elif kind == "disable-next-line":
            sup.lines.setdefault(line + 1, []).extend(sels)
        elif kind == "disable":
            for s in sels:
                open_at.setdefault(s, line)
        elif kind == "enable":
            closing = list(open_at) if sels == (ALL,) else [s for s in sels if s in open_at]
            for s in closing:
                sup.ranges.append((open_at.pop(s), line, s))
    for s, start in open_at.items():
        sup.ranges.append((start, last, s))
