"""The one place that changes notes: apply edits, re-lint to a fixed point, verify, write atomically.

Like ruff, fixes are applied in passes of non-overlapping edits until no fix is left (at most
MAX_PASSES). Like black, the result is then compared with the original: the Markdown token
stream (whitespace aside), the exact text of code, math, comments, HTML and link targets, and the
frontmatter data must be unchanged except where an applied fix declared it meant to change
them. A pass that fails the check is retried fix by fix so one bad fix cannot block the others;
a fix that fails alone is refused and reported.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultlint.diagnostics import Applicability, Diagnostic, Edit, Fix
from vaultlint.frontmatter import load_for_check
from vaultlint.note import Note, encode

MAX_PASSES = 25
PROTECTED_KINDS = ("code", "math", "comment", "html", "link", "url", "field")
_SPACE = re.compile(r"\s+")

LintFunction = Callable[[Note], list[Diagnostic]]


@dataclass
class FixOutcome:
    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    refused: list[tuple[Diagnostic, str]] = field(default_factory=list)


def applies(fix: Fix | None, unsafe: bool) -> bool:
    if fix is None or not fix.edits:
        return False
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (sorted here) to text."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits):
        parts.append(text[pos : edit.start])
        parts.append(edit.content)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def _non_overlapping(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics whose fixes can be applied together: no two touch the same text."""
    chosen: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []
    for diag in sorted(diags, key=lambda d: min(e.start for e in d.fix.edits)):  # type: ignore[union-attr]
        spans = [(e.start, e.end) for e in diag.fix.edits]  # type: ignore[union-attr]
        if any(_overlap(s, t) for s in spans for t in taken):
            continue
        chosen.append(diag)
        taken.extend(spans)
    return chosen


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # an insertion clashes with anything at or around its point
        return b[0] <= a[0] <= b[1] or a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


# --- verification ------------------------------------------------------------------------------


_EXACT = ("fence", "code_block", "code_inline", "math_block", "math_inline", "html_block",
          "html_inline", "math_inline_double", "math_block_label")


def _token_signature(note: Note, ignore_heading_levels: bool) -> list[tuple[Any, ...]]:
    """The token stream, whitespace aside: what a renderer would see."""
    sig: list[tuple[Any, ...]] = []
    text_run: list[str] = []

    def flush() -> None:
        merged = _SPACE.sub(" ", "".join(text_run)).strip()
        if merged:
            sig.append(("text", merged))
        text_run.clear()

    comments = any(r.kind == "comment" for r in note.regions)
    for tok in note.full_tokens:
        if tok.map and comments and note.in_region(
                note.line_starts[note.body_first_line + tok.map[0]], {"comment"}):
            continue  # markdown-it does not know `%%`: what it parses inside is not structure
        for t in [tok, *(tok.children or [])]:
            if t.type == "inline":
                continue
            if t.type == "text":
                text_run.append(t.content)
                continue
            flush()
            heading = t.type in ("heading_open", "heading_close")
            tag = "h" if heading and ignore_heading_levels else t.tag
            markup = "" if heading else t.markup
            if t.type in _EXACT:
                content = t.content.rstrip("\r\n")  # the block's last line ending is layout
            else:
                content = _SPACE.sub(" ", t.content).strip()
            sig.append((t.type, tag, t.nesting, markup, t.info.strip(), content))
    flush()
    return sig


# No `[` or `]` inside: a line of unclosed `[[` would otherwise be rescanned from each one
# (quadratic). A rare `[[a]b]]` is then not masked, so its fix is refused: the safe side.
_WIKILINK = re.compile(r"!?\[\[[^\n\[\]]*\]\]")


def _structure(note: Note, intents: set[str]) -> list[tuple[Any, ...]]:
    """The token signature the fix must keep; a "links" fix may rewrite link targets and the
    display text of wikilinks (`[[AI]]` -> `[[Artificial Intelligence|AI]]`)."""
    if "links" in intents:
        note = Note(note.path, _WIKILINK.sub("[[]]", note.masked({"link"})))
    return _token_signature(note, "headings" in intents)


def _protected_text(note: Note) -> list[tuple[str, str]]:
    return [(r.kind, note.text[r.start : r.end]) for r in note.regions if r.kind in PROTECTED_KINDS]


def _frontmatter_state(note: Note) -> tuple[str, Any]:
    fm = note.frontmatter
    if fm is None:
        return ("none", None)
    if not fm.closed:  # no frontmatter after all: the text is body, checked as Markdown
        return ("unclosed", None)
    if fm.error:
        return ("invalid", note.text[fm.content_start : fm.content_end])
    return ("data", fm.data)


def _without(data: Any, keys: set[str]) -> Any:
    if not isinstance(data, dict) or not keys:
        return data
    return {k: v for k, v in data.items() if k not in keys}


def verify(before: Note, after: Note, intents: set[str]) -> str | None:
    """None if `after` keeps everything of `before` that the intents do not allow to change,
    else a sentence saying what changed."""
    if "frontmatter" not in intents:
        kind_a, data_a = _frontmatter_state(before)
        kind_b, data_b = _frontmatter_state(after)
        keys = {i.split(":", 1)[1] for i in intents if i.startswith("frontmatter:")}
        if kind_a != kind_b:
            return f"the frontmatter would change from {kind_a} to {kind_b}"
        if kind_a == "invalid" and data_a != data_b:
            return "the fix would rewrite frontmatter that is not valid YAML"
        if kind_a == "data" and _without(data_a, keys) != _without(data_b, keys):
            return "the frontmatter data would change"
    if "body" not in intents:
        if _structure(before, intents) != _structure(after, intents):
            return "the Markdown structure would change"
    if "links" not in intents and _protected_text(before) != _protected_text(after):
        return "text inside code, math, comments, HTML or links would change"
    return None


def _intents(diags: Iterable[Diagnostic]) -> set[str]:
    return {i for d in diags for i in d.fix.intents}  # type: ignore[union-attr]


def _key(diag: Diagnostic) -> tuple[str, int, str]:
    return (diag.code, diag.line, diag.message)


def fix_note(note: Note, lint: LintFunction, unsafe: bool = False) -> FixOutcome:
    """Fix a note to a fixed point; the result is verified against the original."""
    outcome = FixOutcome(note.text)
    current = note
    refused: set[tuple[str, int, str]] = set()
    for _ in range(MAX_PASSES):
        candidates = [d for d in lint(current) if applies(d.fix, unsafe) and _key(d) not in refused]
        if not candidates:
            break
        batch = _non_overlapping(candidates)
        nxt = _try(current, batch)
        if nxt is None:  # find the culprit(s): apply the batch one fix at a time
            nxt = current
            # Last edit first, so that applying one never shifts the offsets of the others.
            for diag in sorted(batch, key=lambda d: -min(e.start for e in d.fix.edits)):  # type: ignore[union-attr]
                single = _try(nxt, [diag])
                if single is None:
                    refused.add(_key(diag))
                    outcome.refused.append((diag, _why(nxt, [diag])))
                else:
                    nxt = single
                    outcome.applied.append(diag)
        else:
            outcome.applied.extend(batch)
        current = nxt
    else:
        outcome.refused.append((outcome.applied[0] if outcome.applied else _dummy(note),
                                f"fixes did not settle after {MAX_PASSES} passes"))
        return FixOutcome(note.text, [], outcome.refused)
    reason = verify(note, current, _intents(outcome.applied)) if outcome.applied else None
    if reason:  # black's final check: compare the end result with the original
        return FixOutcome(note.text, [], outcome.refused + [(outcome.applied[0], reason)])
    outcome.text = current.text
    return outcome


def _try(note: Note, diags: list[Diagnostic]) -> Note | None:
    new = Note(note.path, apply_edits(note.text, (e for d in diags for e in d.fix.edits)), note.bom)  # type: ignore[union-attr]
    return None if verify(note, new, _intents(diags)) else new


def _why(note: Note, diags: list[Diagnostic]) -> str:
    new = Note(note.path, apply_edits(note.text, (e for d in diags for e in d.fix.edits)), note.bom)  # type: ignore[union-attr]
    return verify(note, new, _intents(diags)) or "refused"


def _dummy(note: Note) -> Diagnostic:
    from vaultlint.rules.internal_error import RULE

    return Diagnostic(note.path, 1, 1, 1, 1, RULE.code, RULE.name, RULE.severity, "")


# --- writing -----------------------------------------------------------------------------------


class WriteError(Exception):
    pass


def write_atomic(path: Path, text: str, bom: bool, expected: bytes) -> None:
    """Replace the file's content with `text` only if it still holds `expected`.

    The new content goes to a temporary file in the same folder, is flushed to disk, gets the
    original's permission bits and then replaces the original in one rename: a crash, a full
    disk or a concurrent edit leaves either the old note or the new one, never a mix.
    """
    try:
        with path.open("rb") as fh:
            current = fh.read()
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as exc:
        raise WriteError(f"cannot re-read before writing: {exc.strerror or exc}") from None
    if current != expected:
        raise WriteError("the file changed while vaultlint was running; not overwritten")
    # Honour a read-only mode even when running as root, who could write anyway.
    if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError("the file is read-only; not changed")
    data = encode(text, bom)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".vaultlint-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise WriteError(f"cannot write: {exc.strerror or exc}; the note is unchanged") from None
