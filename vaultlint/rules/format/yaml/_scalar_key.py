"""Setting one top-level scalar key of a note's frontmatter, shared by the yaml family's part 2
rules (title, timestamps): a missing key is inserted as one line before the closing `---` (a
note without frontmatter gets one), an existing one-line key gets its value replaced on its
line, its comment kept. Every other line keeps its bytes."""

from __future__ import annotations

import json
import re

import yaml

from vaultlint.diagnostics import Edit
from vaultlint.frontmatter import key_spans, load_for_check, yaml_comments
from vaultlint.note import Note


def scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when it reads back as the same string, else in double
    quotes (the peer's default escape character)."""
    if value and value == value.strip() and "\n" not in value:
        try:
            if load_for_check(f"k: {value}\n") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _key_text(key: str) -> str:
    return key if scalar(key) == key else json.dumps(key, ensure_ascii=False)


def insert_key(note: Note, key: str, value: str) -> tuple[Edit, frozenset[str]] | None:
    """Insert `key: value`: at the end of a valid frontmatter mapping, or as a new frontmatter
    at the top of a note that has none. None when the frontmatter cannot take it."""
    fm, nl = note.frontmatter, note.newline
    line = f"{_key_text(key)}: {scalar(value)}{nl}"
    if fm is None:  # a new block: the whole frontmatter is new data
        return Edit(0, 0, f"---{nl}{line}---{nl}"), frozenset({"frontmatter"})
    if not fm.closed or fm.error is not None or not isinstance(fm.data, (dict, type(None))):
        return None
    yaml_text = note.text[fm.content_start:fm.content_end]
    if not reads_as(yaml_text + line, {**(fm.data or {}), key: value}):
        return None  # a flow mapping, an odd last line: no line edit
    # empty frontmatter (no data) becomes a mapping: the whole frontmatter is new data
    intents = frozenset({"frontmatter"} if fm.data is None else {f"frontmatter:{key}"})
    return Edit(fm.content_end, fm.content_end, line), intents


def replace_value(note: Note, key: str, value: str) -> tuple[Edit, frozenset[str]] | None:
    """Replace the value of `key` written on one line (`key: old  # comment`); None when it
    spans several lines or its line cannot be split safely."""
    fm = note.frontmatter
    if fm is None or fm.error is not None or key not in fm.key_lines:
        return None
    spans = key_spans(note.text[fm.content_start:fm.content_end].replace("\r\n", "\n"))
    if spans is None or key not in spans or spans[key][1] - spans[key][0] != 1:
        return None
    start, end = note.line_span(fm.key_lines[key] - 1)
    text = note.text[start:end]
    m = re.match(rf"""(['"]?){re.escape(key)}\1[ \t]*:""", text)
    comments = yaml_comments(text)
    if not m or comments is None or len(comments) > 1:
        return None
    rest = ""
    if comments:  # the comment ends the line: keep it and the blanks before it
        at = text.rstrip().rfind(comments[0])
        rest = text[len(text[:at].rstrip(" \t")):]
    new = f"{text[:m.end()]} {scalar(value)}{rest}"
    after = note.text[fm.content_start:start] + new + note.text[end:fm.content_end]
    if not reads_as(after, {**fm.data, key: value}):
        return None
    return Edit(start, end, new), frozenset({f"frontmatter:{key}"})


def reads_as(yaml_text: str, data: dict) -> bool:
    """Whether the edited YAML holds exactly the data wanted (the edit is checked before it
    is proposed: the fixer would refuse it anyway, with a louder message)."""
    try:
        return load_for_check(yaml_text) == data
    except yaml.YAMLError:
        return False


def current(note: Note, key: str) -> str | None:
    """The key's value as text (None when absent, a list or a mapping)."""
    data = note.properties
    if key not in data or isinstance(data[key], (list, dict)):
        return None
    return "" if data[key] is None else str(data[key])
