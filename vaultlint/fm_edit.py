"""Edits of a note's frontmatter for fixes, made on the lines of the touched keys only: every
other line (comments between keys, untouched keys) keeps its bytes. The touched key is a
ruamel.yaml round trip of that key alone (comments, quoting kept); the list indentation is the
one the file already uses (detected, not imposed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vaultlint.frontmatter import key_spans, round_trip_yaml, rt_dump, yaml_comments
from vaultlint.note import Note
from vaultlint.rules.yaml_format import detect_style


@dataclass
class KeyEdit:
    """A frontmatter edit made on the lines of the keys it touches only."""

    yaml: str  # the whole new frontmatter YAML (the file's line endings)
    dropped: list[str] = field(default_factory=list)  # comments removed on purpose, with a value

    def intents(self, *keys: str) -> frozenset[str]:
        """The fix's intents: the keys it changes and each comment it declares it drops."""
        return frozenset({f"frontmatter:{k}" for k in keys} | {
            f"{COMMENT_DROP}{self.dropped[:i].count(c) + 1}:{c}" for i, c in enumerate(self.dropped)})


# Intent `comment-drop:N:# text`: the fix removes the Nth copy of this comment on purpose
# (numbered, as intents are a set and a removed duplicate may repeat a comment).
COMMENT_DROP = "comment-drop:"


def declared_drops(intents: set[str] | frozenset[str]) -> list[str]:
    """The comments the intents declare dropped, each as many times as declared."""
    return [i[len(COMMENT_DROP):].split(":", 1)[1] for i in intents if i.startswith(COMMENT_DROP)]

# mutate(data, dropped_lines): edits the one-key mapping `data`; adds to `dropped_lines` the
# span lines (0-based) whose content, comments included, it removes on purpose; True if changed.
KeyMutate = Callable[[Any, set[int]], bool]


def rewrite_key(note: Note, key: str, mutate: KeyMutate, remove: tuple[str, ...] = ()) -> KeyEdit | None:
    """Rewrite only the lines of `key` (a ruamel.yaml round trip of that key alone) and delete
    the keys in `remove`, leaving their comments in their place. Every other line keeps its
    bytes. None when nothing changes or the YAML cannot be edited line by line."""
    fm = note.frontmatter
    if fm is None or fm.error is not None:
        return None
    raw = note.text[fm.content_start:fm.content_end]
    crlf = "\r\n" in raw
    yaml_text = raw.replace("\r\n", "\n")  # ruamel keeps a `\r` inside comments: work in LF
    spans = key_spans(yaml_text)
    if spans is None or key not in spans or any(k not in spans for k in remove):
        return None
    lines = yaml_text.split("\n")
    start, end = spans[key]
    dropped_lines: set[int] = set()
    new_lines = _rewrite_span(lines, (start, end), mutate, dropped_lines)
    if new_lines is None:
        return None
    dropped = [c for i in sorted(dropped_lines) if "#" in lines[start + i]  # else no comment:
               for c in (yaml_comments(lines[start + i]) or [])]  # and no scan (10,000 tags)
    replacements = {spans[key]: new_lines}
    for gone in remove:  # its comments stay where it was, as comment lines
        s, e = spans[gone]
        replacements[spans[gone]] = yaml_comments("\n".join(lines[s:e]) + "\n") or []
    for (s, e), repl in sorted(replacements.items(), reverse=True):
        lines[s:e] = repl
    new = "\n".join(lines)
    return KeyEdit(new.replace("\n", "\r\n") if crlf else new, dropped)


def _rewrite_span(lines: list[str], where: tuple[int, int], mutate: KeyMutate,
                  dropped_lines: set[int]) -> list[str] | None:
    """The span's lines after `mutate` on its one-key mapping, or None (unchanged, or failed).
    The list indentation is the one the whole frontmatter uses (detected, not imposed)."""
    span = lines[where[0]:where[1]]
    mapping, offset = detect_style(lines)
    offset = 2 if offset is None else offset
    rt = round_trip_yaml(mapping or 2, offset + 2, offset)
    try:
        data = rt.load("\n".join(span) + "\n")
    except Exception:  # ruamel refuses what PyYAML took: no fix rather than a risky one
        return None
    if data is None or not mutate(data, dropped_lines):
        return None
    return rt_dump(data, rt).rstrip("\n").split("\n")


def block_list(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq
