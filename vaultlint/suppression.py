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

obsidian-linter's `disabled rules` property (a list of its rule ids, or `[all]`) is honoured
the same way, for notes migrated from it: each id (or a vaultlint name, code or prefix) listed
there is disabled for the whole note, as by `# vaultlint-disable ID`.

The engine records which directive matched each suppressed diagnostic (`Suppressions.used`),
so the unused-suppression rule can report, after every other rule ran, those that matched none.
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
    r"(?<!\S)(#)\s*vaultlint-(disable-next-line|disable-line|disable-file|disable)\b([^\n]*)"
)
_TOKEN = re.compile(r"[^\s,]+")
ALL = "*"

Key = tuple[int, int]  # (directive index, selector index)


@dataclass(frozen=True)
class Selector:
    text: str  # as written; ALL when the directive names no rule
    start: int  # offsets in the note (the directive's end for ALL)
    end: int


@dataclass(frozen=True)
class Directive:
    line: int  # 1-based
    kind: str  # disable, enable, disable-line, disable-next-line, disable-file
    selectors: tuple[Selector, ...]
    start: int  # the comment: a `%%` one, the `# ...` of a YAML line, or only the directive's
    end: int  # text inside a comment holding more (an HTML comment, other words)
    removable: bool  # the comment holds nothing else: removing it loses nothing
    yaml: bool = False

    @property
    def named(self) -> list[str]:
        return [s.text for s in self.selectors if s.text != ALL]


def _selectors(raw: str, offset: int, kind_end: int) -> tuple[Selector, ...]:
    raw = raw.replace("--", "  ").replace("%%", "  ")  # same length: offsets stay right
    found = tuple(Selector(m.group(), offset + m.start(), offset + m.end())
                  for m in _TOKEN.finditer(raw))
    return found or (Selector(ALL, kind_end, kind_end),)


def _matches(selector: str, diag: Diagnostic) -> bool:
    """As every selector: a code, prefix, name or obsidian-linter id (`Rule.matches`)."""
    if selector == ALL:
        return True
    from vaultlint import rules as registry  # the registry imports a module importing this one

    rule = registry.BY_CODE.get(diag.code)
    return rule.matches(selector) if rule is not None else \
        selector_matches(selector, diag.code, diag.rule)


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    file: list[tuple[str, Key]] = field(default_factory=list)
    lines: dict[int, list[tuple[str, Key]]] = field(default_factory=dict)  # 1-based line
    ranges: list[tuple[int, int, str, Key]] = field(default_factory=list)  # first, last line
    used: set[Key] = field(default_factory=set)  # directives' selectors that matched a finding
    ran: frozenset[str] = frozenset()  # names of the rules checked on the note (set by the engine)

    def suppressed(self, diag: Diagnostic) -> bool:
        """Whether a directive covers `diag`; every directive that does is recorded as used. A
        finding about a directive (its `extra["directive"]`) is not suppressed by that one."""
        hits = [key for sel, key in self.file if _matches(sel, diag)]
        hits += [key for sel, key in self.lines.get(diag.line, ()) if _matches(sel, diag)]
        hits += [key for a, b, sel, key in self.ranges
                 if a <= diag.line <= b and _matches(sel, diag)]
        own = diag.extra.get("directive")
        hits = [key for key in hits if key[0] != own]
        self.used.update(hits)
        return bool(hits)

    def __bool__(self) -> bool:
        return bool(self.file or self.lines or self.ranges)


def directives(note: Note) -> list[Directive]:
    """Every suppression directive of the note, in order."""
    if "vaultlint-" not in note.text:  # the common case: nothing to parse
        return []
    found: list[Directive] = []
    text = note.text
    for region in note.regions:
        if region.kind != "comment":
            continue
        for m in _DIRECTIVE.finditer(text, region.start, region.end):
            selectors = _selectors(m.group(2), m.start(2), m.end(1))
            end = selectors[-1].end  # not the `--` of `-->`
            # Only a `%%` comment that holds nothing else may go whole: an HTML comment is
            # Markdown structure (an HTML block), other words in the comment are the user's.
            pure = text[region.start:m.start()].strip() == "%%" and \
                text[end:region.end].strip() == "%%"
            found.append(Directive(note.position(m.start())[0] + 1, m.group(1), selectors,
                                   *((region.start, region.end) if pure else (m.start(), end)),
                                   removable=pure))
    fm = note.frontmatter
    if fm is not None:
        for m in _YAML_DIRECTIVE.finditer(text, fm.content_start, fm.content_end):
            kind = "disable-file" if m.group(2) == "disable" else m.group(2)
            selectors = _selectors(m.group(3), m.start(3), m.end(2))
            found.append(Directive(note.position(m.start(1))[0] + 1, kind, selectors,
                                   m.start(1), max(selectors[-1].end, m.end(2)),
                                   removable=True, yaml=True))
    return sorted(found, key=lambda d: (d.line, d.start))


def read(note: Note) -> Suppressions:
    sup = Suppressions(directives(note))
    _apply(sup, note.line_count)
    # keys (-1, i): no directive of its own, so unused-suppression never judges the property
    sup.file.extend((s.text, (-1, i)) for i, s in enumerate(disabled_rules(note)))
    return sup


DISABLED_RULES_KEY = "disabled rules"  # obsidian-linter's per-note switch


def disabled_rules(note: Note) -> list[Selector]:
    """The ids of the note's `disabled rules` property (a list, or one string), each placed on
    the text that names it inside the property's lines (else on the key)."""
    fm = note.frontmatter
    if fm is None or fm.error is not None or not isinstance(fm.data, dict):
        return []
    value = fm.data.get(DISABLED_RULES_KEY)
    items = [str(v) for v in (value if isinstance(value, list) else [value])
             if isinstance(v, (str, int, float)) and str(v).strip()]
    if not items:
        return []
    key_line = fm.key_lines.get(DISABLED_RULES_KEY, fm.first_line + 2) - 1
    limit = min((note.line_span(line - 1)[0] for line in fm.key_lines.values()
                 if line - 1 > key_line), default=fm.content_end)
    key_at = note.text.find(DISABLED_RULES_KEY, note.line_span(key_line)[0], limit)
    key_at = max(key_at, note.line_span(key_line)[0])  # quoted oddly: the line's start
    pos = key_at + len(DISABLED_RULES_KEY)
    found = []
    for item in items:
        at = note.text.find(item, pos, limit)
        if at < 0:  # written in another form (escaped, folded): the key stands for it
            found.append(Selector(item.strip(), key_at, key_at + len(DISABLED_RULES_KEY)))
            continue
        found.append(Selector(item.strip(), at, at + len(item)))
        pos = at + len(item)
    return found


def _apply(sup: Suppressions, last: int) -> None:
    open_at: dict[str, tuple[int, Key]] = {}
    for index, d in enumerate(sup.directives):
        keyed = [(s.text, (index, i)) for i, s in enumerate(d.selectors)]
        if d.kind == "disable-file":
            sup.file.extend(keyed)
        elif d.kind == "disable-line":
            sup.lines.setdefault(d.line, []).extend(keyed)
        elif d.kind == "disable-next-line":
            sup.lines.setdefault(d.line + 1, []).extend(keyed)
        elif d.kind == "disable":
            for sel, key in keyed:
                open_at.setdefault(sel, (d.line, key))
        elif d.kind == "enable":
            sels = [sel for sel, _ in keyed]
            closing = list(open_at) if sels == [ALL] else [s for s in sels if s in open_at]
            for sel in closing:
                start, key = open_at.pop(sel)
                sup.ranges.append((start, d.line, sel, key))
    for sel, (start, key) in open_at.items():
        sup.ranges.append((start, last, sel, key))


# --- removing a directive ----------------------------------------------------------------------


def removal_span(text: str, start: int, end: int) -> tuple[int, int]:
    """What removing the comment text[start:end] deletes: its whole line when it stands alone
    on it, the blanks before it when it ends a line, else just the comment."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    if not after.strip(" \t\r"):
        if not before.strip(" \t"):
            return line_start, min(line_end + 1, len(text))
        return start - (len(before) - len(before.rstrip(" \t"))), end
    return start, end


def without_directives(note: Note) -> Note:
    """The note with its body's suppression directives removed as the unused-suppression fix
    removes them (`%%` comments whole, a directive inside other comment text alone): the fixer
    compares a fix declaring the "suppressions" intent on these texts, so that fix may change
    directives and nothing else. Obsidian shows no `%%` comment; YAML comments are compared by
    the frontmatter check (declared with `comment-drop:` intents)."""
    spans = sorted(removal_span(note.text, d.start, d.end) if d.removable else (d.start, d.end)
                   for d in directives(note) if not d.yaml)
    if not spans:
        return note
    parts, pos = [], 0
    for start, end in spans:
        if start >= pos:
            parts.append(note.text[pos:start])
            pos = end
    parts.append(note.text[pos:])
    return Note(note.path, "".join(parts), note.bom)
