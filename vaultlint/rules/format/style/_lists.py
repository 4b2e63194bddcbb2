"""Lists as the style rules see them: each list with its items and where each item's marker is
in the note, found from the block tokens the note already has (no second parse)."""

from __future__ import annotations

from dataclasses import dataclass, field

from vaultlint.note import Note

_OPEN = {"bullet_list_open": "bullet", "ordered_list_open": "ordered"}
_CLOSE = {"bullet_list_close", "ordered_list_close"}


@dataclass
class Item:
    line: int  # 0-based note line of the marker
    start: int  # offset of the marker in note.text
    marker: str  # `-`, `*`, `+`, or the number and delimiter (`12.`, `3)`)
    number: int | None  # ordered items only
    end_line: int  # 0-based line after the item's last line (blank lines after it included)
    indent: str = ""  # the blanks before the marker (after any `>` of its line)


@dataclass
class List:
    kind: str  # "bullet" or "ordered"
    delimiter: str  # `-`, `*`, `+` for a bullet list, `.` or `)` for an ordered one
    level: int  # token nesting level: lists of one level and parent are siblings
    items: list[Item] = field(default_factory=list)
    open_index: int = 0  # index of the *_list_open token in note.tokens
    close_index: int = 0  # index of the matching close token
    prev_sibling: "List | None" = None  # the list whose close token comes right before the open
    next_sibling: "List | None" = None


def _marker_at(text: str, pos: int, end: int) -> int:
    """The offset of the next list marker from `pos` on a line ending at `end`: container
    markup before it (indentation, `>` of a quote opened on the same line) is skipped."""
    while pos < end and text[pos] in " \t>":
        pos += 1
    return pos


def _item(note: Note, tok, pos_on_line: dict[int, int], kind: str) -> Item | None:
    """The item of list_item_open `tok`, or None when its marker is not where it must be."""
    line = note.body_first_line + tok.map[0]
    line_start, line_end = note.line_span(line)
    scan = pos_on_line.get(line, line_start)
    pos = _marker_at(note.text, scan, line_end)
    indent = note.text[scan:pos].rpartition(">")[2]
    marker = tok.markup if kind == "bullet" else tok.info + tok.markup
    if not note.text.startswith(marker, pos):
        return None
    pos_on_line[line] = pos + len(marker)  # a nested item on the same line (`- - a`) is after it
    number = int(tok.info) if kind == "ordered" else None
    return Item(line, pos, marker, number, note.body_first_line + tok.map[1], indent)


def _tab_nested(lst: List, item: Item) -> bool:
    """Whether Obsidian may see `item` at another depth than the list's first item: their
    indentation differs and holds a tab. Obsidian nests an item indented by a tab one level
    deeper (`>1. a` then `>\t1. b` is a sublist to it), where CommonMark counts the tab in
    columns and may find a sibling; such a list is left alone."""
    first = lst.items[0].indent if lst.items else item.indent
    return first != item.indent and "\t" in first + item.indent


def lists(note: Note) -> list[List]:
    """Every list of the note, in document order, outer before inner. Lists inside `%%`
    comments are left out (markdown-it does not know `%%`: they are not lists to Obsidian); a
    list whose markers cannot all be located is left out too (never guessed at), and so is
    one whose items Obsidian may nest otherwise (`_tab_nested`)."""
    out: list[List] = []
    stack: list[tuple[List, bool]] = []  # open lists, and whether each is still usable
    pos_on_line: dict[int, int] = {}
    last_closed: dict[int, tuple[int, List]] = {}  # level -> (token index, list) closed there
    comment_lines = note.comment_lines
    for i, tok in enumerate(note.tokens):
        if tok.type in _OPEN:
            lst = List(_OPEN[tok.type], tok.markup, tok.level, open_index=i)
            prev = last_closed.get(tok.level)
            if prev and prev[0] == i - 1 and prev[1].kind == lst.kind:
                lst.prev_sibling, prev[1].next_sibling = prev[1], lst
            usable = note.body_first_line + tok.map[0] not in comment_lines
            stack.append((lst, usable))
        elif tok.type == "list_item_open" and stack:
            lst, usable = stack[-1]
            item = _item(note, tok, pos_on_line, lst.kind) if usable else None
            if item is None or _tab_nested(lst, item):
                stack[-1] = (lst, False)
            else:
                lst.items.append(item)
        elif tok.type in _CLOSE and stack:
            lst, usable = stack.pop()
            lst.close_index = i
            last_closed[tok.level] = (i, lst)
            if usable and lst.items:
                out.append(lst)
    out.sort(key=lambda lst: lst.open_index)
    return out


TASK_PREFIXES = ("[ ]", "[x]", "[X]")


def is_task(note: Note, item: Item) -> bool:
    """`- [ ] text`: a task (checklist) item."""
    after = note.text[item.start + len(item.marker) :].lstrip(" \t")
    return after.startswith(TASK_PREFIXES) or (after[:1] == "[" and after[2:3] == "]")
