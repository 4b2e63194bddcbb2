"""The one place that changes notes: apply edits, re-lint to a fixed point, verify, write atomically.

Like ruff, fixes are applied in passes of non-overlapping edits until no fix is left (at most
MAX_PASSES). Like black, the result is then compared with the original: the Markdown token
stream (whitespace aside), the rendered HTML (exactly), the exact text of code, math, comments,
HTML and link targets, and the frontmatter data must be unchanged except where an applied fix
declared it meant to change them. A pass that fails the check is retried fix by fix so one bad fix cannot block the others;
a fix that fails alone is refused and reported.

Two intents loosen one thing each and keep every other check as strict: "math-delimiters" (a
math block's formula may differ only by whitespace at its edges, where `$$` moves to or from
its own line) and "code-language" (a code fence's info string may change, nothing else).
"""

from __future__ import annotations

import filecmp
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from vaultlint import markdown
from vaultlint.diagnostics import Applicability, Diagnostic, Edit, Fix
from vaultlint.note import BOM, MAX_NOTE_BYTES, Note, encode
from vaultlint.safeio import UnsafeFile, read_regular

MAX_PASSES = 25
PROTECTED_KINDS = ("code", "math", "comment", "html", "link", "url", "field")
_SPACE = re.compile(r"\s+")

LintFunction = Callable[[Note], list[Diagnostic]]


@dataclass
class FixOutcome:
    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    refused: list[tuple[Diagnostic, str]] = field(default_factory=list)
    # The fixed note as last linted and verified (its parse reused by the final check), or None
    note: Note | None = field(default=None, repr=False, compare=False)

    def fixed(self, original: Note) -> Note:
        """The fixed note: the one the passes built, or `original` if nothing changed."""
        if self.text == original.text:
            return original
        if self.note is not None and self.note.text == self.text:
            return self.note
        return Note(original.path, self.text, original.bom)


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


def _token_signature(note: Note, ignore_heading_levels: bool,
                     intents: set[str] | frozenset[str] = frozenset()) -> list[tuple[Any, ...]]:
    """The token stream, whitespace aside: what a renderer would see (less what the loosening
    intents allow to change: see `_loosened`)."""
    sig: list[tuple[Any, ...]] = []
    text_run: list[str] = []

    def flush() -> None:
        merged = _SPACE.sub(" ", "".join(text_run)).strip()
        if merged:
            sig.append(("text", merged))
        text_run.clear()

    comments = any(r.kind == "comment" for r in note.regions)
    for tok in _loosened(note.full_tokens, intents):
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
    return _token_signature(note, "headings" in intents, intents)


def _protected_text(note: Note, intents: set[str] | frozenset[str] = frozenset()
                    ) -> list[tuple[str, str]]:
    """The text of every protected region, exact, but what the loosening intents allow:
    under "code-language" a fence's opening line without its info string; under
    "math-delimiters" a math block is its formula as markdown-it reads it, edges aside
    (`_math_core`), and its text without whitespace and line-leading `>` (a `$$` moved to a
    line of its own in a quote takes a `>`)."""
    fences = _fence_starts(note) if "code-language" in intents else set()
    maths = _math_starts(note) if "math-delimiters" in intents else {}
    out = []
    for r in note.regions:
        if r.kind not in PROTECTED_KINDS:
            continue
        text = note.text[r.start : r.end]
        if r.kind == "math" and r.start in maths:
            squeezed = "".join("".join(line.lstrip(" \t>").split()) for line in text.splitlines())
            text = f"{maths[r.start]}\0{squeezed}"
        elif r.kind == "code" and r.start in fences:
            text = _without_info(text)
        out.append((r.kind, text))
    return out


# --- loosening intents: what exactly they allow to change ---------------------------------------

_MATH_BLOCKS = ("math_block", "math_block_label")


def _loosened(tokens: list[Token], intents: set[str] | frozenset[str]) -> list[Token]:
    """The block tokens with what the intents may change made equal: a math block's formula
    without the whitespace at its edges ("math-delimiters"), a fence's info string emptied
    ("code-language"). Tokens are copied, never changed: the note's own stay as parsed."""
    math, language = "math-delimiters" in intents, "code-language" in intents
    if not (math or language):
        return tokens
    out = []
    for tok in tokens:
        if math and tok.type in _MATH_BLOCKS:
            tok = tok.copy(content=_math_core(tok.content))
        elif language and tok.type == "fence":
            tok = tok.copy(info="")
        out.append(tok)
    return out


def _math_core(content: str) -> str:
    """A math block's formula without the whitespace at its edges, where `$$` moves to or from
    its own line. A `$$$` opener is `$$` and a `$` to markdown-it, so whitespace next to a run
    of `$` at an edge is an edge too. TeX ignores spaces and single line breaks in math, but
    `\\` then whitespace is the control space `\\ ` (after an odd run of backslashes: `\\\\` is
    a line break): that whitespace is kept, as one space."""
    head = content.lstrip()
    n = len(head) - len(head.lstrip("$"))
    head = head[:n] + head[n:].lstrip()
    tail = head.rstrip()
    n = len(tail) - len(tail.rstrip("$"))
    formula, dollars = tail[: len(tail) - n], tail[len(tail) - n :]
    kept = formula.rstrip()
    slashes = len(kept) - len(kept.rstrip("\\"))
    if slashes % 2 and (kept != formula or (not dollars and tail != head)):
        kept += " "
    return kept + dollars


def _math_starts(note: Note) -> dict[int, str]:
    """Offset where each math block's region starts -> its formula, edges aside, and label."""
    first = note.body_first_line
    return {note.line_starts[first + t.map[0]]: f"{_math_core(t.content)}\0{t.info}"
            for t in note.tokens if t.type in _MATH_BLOCKS and t.map}


def _fence_starts(note: Note) -> set[int]:
    """Offsets of the first line of each code fence: where its protected region starts."""
    first = note.body_first_line
    return {note.line_starts[first + t.map[0]] for t in note.tokens if t.type == "fence" and t.map}


def _without_info(fence: str) -> str:
    """A fence's text with its opening line cut after the backticks or tildes: its info string
    gone. The line's prefix (indent, `>`, list marker) holds neither character."""
    marks = [i for i in (fence.find("`"), fence.find("~")) if i >= 0]
    if not marks:
        return fence
    start = min(marks)
    end = start
    while end < len(fence) and fence[end] == fence[start]:
        end += 1
    eol = [i for i in (fence.find("\n", end), fence.find("\r", end)) if i >= 0]
    return fence[:end] + (fence[min(eol):] if eol else "")


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
    if "suppressions" in intents:  # vaultlint's own directives may change: compare without them
        from vaultlint.suppression import without_directives

        before, after = without_directives(before), without_directives(after)
        intents = intents - {"suppressions"}
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
        if kind_a == "data" and (reason := _yaml_text_kept(before, after, keys, intents)):
            return reason
    if "body" not in intents:
        # a "markup" fix changes how the same structure is written (`*a*` -> `_a_`, list
        # markers, fences): the rendered HTML alone is the judge, as black judges by the AST
        if "markup" not in intents and _structure(before, intents) != _structure(after, intents):
            return "the Markdown structure would change"
        if "links" not in intents and _html(before, intents) != _html(after, intents):
            return "the note would render differently"
    if "links" not in intents and (_protected_text(before, intents)
                                   != _protected_text(after, intents)):
        return "text inside code, math, comments, HTML or links would change"
    if after.text.startswith(BOM) and not before.text.startswith(BOM):
        return "a U+FEFF would start the note and be read as a byte order mark"
    return None


_HEADING_TAG = re.compile(r"<(/?)h[1-6]\b")
# Spaces and tabs before a line break of the HTML: markdown-it keeps a tab that ends a paragraph
# line (`a\t\nb`), a browser shows nothing of it. Code is compared byte for byte elsewhere.
_LINE_END_BLANKS = re.compile(r"(?<![ \t])[ \t]+\n")  # starts where a run starts: linear


def _html(note: Note, intents: set[str]) -> str:
    """The rendered body; a "headings" fix may change heading levels (`<h2>` -> `<h3>`).
    Compared exactly but for blanks at line ends and line breaks at the very end: it catches what the token signature, which
    ignores whitespace and tightness, cannot (a loose list made tight, two line breaks merged)."""
    loosened = _loosened(note.full_tokens, intents)
    html = note.html if loosened is note.full_tokens else markdown.render(loosened)
    # A raw HTML block that ends the note keeps the note's last line break in its HTML: the
    # line break `final-newline` adds after an `<iframe>` changes nothing a reader sees.
    html = _LINE_END_BLANKS.sub("\n", html).rstrip("\n")
    return _HEADING_TAG.sub(r"<\1h", html) if "headings" in intents else html


def _yaml_text_kept(before: Note, after: Note, keys: set[str], intents: set[str]) -> str | None:
    """Comments and untouched keys are not data, so the data check cannot see them: every
    comment of the old frontmatter must be in the new one (less those a fix declared it drops,
    each once) and, when a fix names the keys it edits, every other top-level key keeps its
    lines (trailing blanks aside)."""
    from collections import Counter

    from vaultlint.fm_edit import declared_drops
    from vaultlint.frontmatter import key_spans, yaml_comments

    old, new = _yaml_text(before), _yaml_text(after)
    if old == new:
        return None
    old_comments, new_comments = yaml_comments(old), yaml_comments(new)
    if old_comments is None or new_comments is None:
        return "the frontmatter's comments could not be compared"
    declared = Counter(declared_drops(intents))
    if Counter(old_comments) - Counter(new_comments) - declared:
        return "a comment in the frontmatter would be lost"
    if not keys or "yaml-layout" in intents:  # layout fixes may re-indent every key
        return None
    old_spans, new_spans = key_spans(old), key_spans(new)
    if old_spans is None or new_spans is None:
        return None
    # Trailing blanks are layout (a layout fix may go with this one); the rest is the key's text.
    old_lines = [ln.rstrip() for ln in old.split("\n")]
    new_lines = [ln.rstrip() for ln in new.split("\n")]
    for key, (s, e) in old_spans.items():
        if key in keys or key not in new_spans:
            continue
        t, u = new_spans[key]
        if old_lines[s:e] != new_lines[t:u]:
            return f"the text of the untouched key `{key}` would change"
    return None


def _yaml_text(note: Note) -> str:
    fm = note.frontmatter
    return "" if fm is None else note.text[fm.content_start:fm.content_end].replace("\r\n", "\n")


def _intents(diags: Iterable[Diagnostic]) -> set[str]:
    return {i for d in diags for i in d.fix.intents}  # type: ignore[union-attr]


def _key(diag: Diagnostic) -> tuple[str, int, str]:
    return (diag.code, diag.line, diag.message)


def fix_note(note: Note, lint: LintFunction, unsafe: bool = False) -> FixOutcome:
    """Fix a note to a fixed point; the result is verified against the original. Rules whose
    fixes fight (never settle) or whose fixes together fail the final check are left out, one
    rule at a time, so the other rules' fixes still apply; each is refused once, on its rule."""
    blocked: dict[str, tuple[Diagnostic, str]] = {}  # rule code -> (one of its fixes, why)
    while True:
        outcome, fighting = _fix_passes(note, lint, unsafe, set(blocked))
        if fighting:  # leave the fighting rules out and start again from the original
            why = f"fixes did not settle after {MAX_PASSES} passes"
            blocked.update((d.code, (d, why)) for d in fighting if d.code not in blocked)
            continue
        reason = verify(note, outcome.fixed(note),
                        _intents(outcome.applied)) if outcome.applied else None
        if not reason:  # black's final check: compare the end result with the original
            break
        culprit = _culprit(note, lint, unsafe, set(blocked), outcome.applied)
        blocked[culprit.code] = (culprit, reason)
    outcome.refused.extend(blocked.values())
    return outcome


def _culprit(note: Note, lint: LintFunction, unsafe: bool, blocked: set[str],
             applied: list[Diagnostic]) -> Diagnostic:
    """The applied fix whose rule, left out, lets the rest pass the final check (the last
    applied one when no single rule does: blocking it still makes progress)."""
    for diag in {d.code: d for d in applied}.values():
        trial, fighting = _fix_passes(note, lint, unsafe, blocked | {diag.code})
        if not fighting and not verify(note, Note(note.path, trial.text, note.bom),
                                       _intents(trial.applied)):
            return diag
    return applied[-1]


def _fix_passes(note: Note, lint: LintFunction, unsafe: bool,
                blocked: set[str]) -> tuple[FixOutcome, list[Diagnostic]]:
    """Apply fixes (not of `blocked` rules) in passes to a fixed point; the outcome and, when
    the passes did not settle, the fixes applied in the last passes (the fighting ones)."""
    outcome = FixOutcome(note.text)
    current = note
    refused: set[tuple[str, int, str]] = set()
    recent: list[list[Diagnostic]] = []
    for _ in range(MAX_PASSES):
        candidates = [d for d in lint(current) if applies(d.fix, unsafe)
                      and _key(d) not in refused and d.code not in blocked]
        if not candidates:
            break
        batch = _non_overlapping(candidates)
        nxt = _try(current, batch)
        applied = batch
        if nxt is None:  # find the culprit(s): check each fix alone on the same text
            applied = []
            for diag in batch:
                if _try(current, [diag]) is None:
                    refused.add(_key(diag))
                    outcome.refused.append((diag, _why(current, [diag])))
                else:
                    applied.append(diag)
            nxt = _try(current, applied) if applied else current
            if nxt is None:  # each passes alone but not all together: one now, the rest later
                applied = applied[:1]
                nxt = _try(current, applied)
        outcome.applied.extend(applied)
        recent = (recent + [applied])[-4:]
        current = nxt
    else:
        return outcome, [d for batch in recent for d in batch] or outcome.applied[-1:]
    outcome.text, outcome.note = current.text, current
    return outcome, []


def _try(note: Note, diags: list[Diagnostic]) -> Note | None:
    new = Note(note.path, apply_edits(note.text, (e for d in diags for e in d.fix.edits)), note.bom)  # type: ignore[union-attr]
    return None if verify(note, new, _intents(diags)) else new


def _why(note: Note, diags: list[Diagnostic]) -> str:
    new = Note(note.path, apply_edits(note.text, (e for d in diags for e in d.fix.edits)), note.bom)  # type: ignore[union-attr]
    return verify(note, new, _intents(diags)) or "refused"


# --- writing -----------------------------------------------------------------------------------


class WriteError(Exception):
    pass


def write_atomic(path: Path, text: str, bom: bool, expected: bytes,
                 root: Path | None = None) -> None:
    """Replace the file's content with `text` only if it still holds `expected`.

    The file is kept, not just its bytes: a symlink inside `root` (the vault) is written
    through and stays a link (with no `root`, symlinks are refused); owner, group and mode are
    kept; a hard-linked file is written in place so every link keeps the new content. Otherwise
    the new content goes to a temporary file in the same folder, is flushed to disk and replaces
    the original in one rename: a crash, a full disk or a concurrent edit leaves either the old
    note or the new one, never a mix. Every failure is a WriteError (the run goes on).
    """
    target = _write_target(path, root)
    try:  # non-blocking and regular files only: a note swapped for a FIFO must not hang us
        current, st = read_regular(target, MAX_NOTE_BYTES)
    except UnsafeFile as exc:
        raise WriteError(f"cannot re-read before writing: {exc}") from None
    except OSError as exc:
        raise WriteError(f"cannot re-read before writing: {exc.strerror or exc}") from None
    data = encode(text, bom)
    if current == data:  # already written under another name (a hard link or symlink to it)
        return
    if current != expected:
        raise WriteError("the file changed while vaultlint was running; not overwritten")
    mode = stat.S_IMODE(st.st_mode)
    # Honour a read-only mode even when running as root, who could write anyway.
    if not os.access(target, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError("the file is read-only; not changed")
    if st.st_nlink > 1:
        _write_in_place(target, data, current, st)
    else:
        _replace(target, data, st)


# Our temporary files: `.<note name>.<8 mkstemp characters><suffix>`, beside the note. TMP files
# replace a note by rename; a COPY is the verified new content of a hard-linked note written in
# place, which is the only complete copy if a crash tears that note.
TMP_SUFFIX = ".vaultlint-tmp"
COPY_SUFFIX = ".vaultlint-copy"
_MKSTEMP_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")  # tempfile's alphabet
STALE_AFTER = 60.0  # seconds: younger temp files may belong to a run still going on


def _write_target(path: Path, root: Path | None) -> Path:
    """The file to write: `path`, or the file it reaches through symlinks, which must be inside
    the vault `root` (without a root no symlink is trusted)."""
    if root is None:
        if path.is_symlink():
            raise WriteError("the note is a symlink to a file outside the vault; not changed")
        return path
    try:
        target = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError) as exc:  # deleted meanwhile, a dangling link or a loop
        raise WriteError(f"cannot re-read before writing: "
                         f"{getattr(exc, 'strerror', None) or exc}") from None
    if not target.is_relative_to(os.path.realpath(root)):
        raise WriteError("the note is a symlink to a file outside the vault; not changed")
    return target


def _temp_file(target: Path, suffix: str) -> tuple[int, str]:
    name = target.name
    while len(os.fsencode(name)) > 200:  # a long note name must not make the temp name too long
        name = name[:-1]
    try:
        return tempfile.mkstemp(prefix=f".{name}.", suffix=suffix, dir=target.parent)
    except OSError as exc:  # e.g. a read-only folder: report this note, go on with the others
        raise WriteError(f"cannot create a temporary file beside the note: "
                         f"{exc.strerror or exc}; the note is unchanged") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fsync(fd)


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _unlink_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _replace(target: Path, data: bytes, st: os.stat_result) -> None:
    """Write a temp file with the note's owner, group and mode, then rename it over the note."""
    fd, tmp = _temp_file(target, TMP_SUFFIX)
    try:
        try:
            # Owner first: chown clears set-id bits, so the mode is set after it.
            made = os.fstat(fd)
            if (st.st_uid, st.st_gid) != (made.st_uid, made.st_gid):
                os.fchown(fd, st.st_uid, st.st_gid)
        except OSError as exc:
            raise WriteError(f"cannot keep the note's owner and group (uid {st.st_uid}, gid "
                             f"{st.st_gid}): {exc.strerror or exc}; not changed") from None
        os.fchmod(fd, stat.S_IMODE(st.st_mode))
        _write_all(fd, data)
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}; the note is unchanged") from None
    finally:
        if fd != -1:
            os.close(fd)
        if os.path.lexists(tmp):
            _unlink_quietly(tmp)


def _write_in_place(target: Path, data: bytes, old: bytes, st: os.stat_result) -> None:
    """Write a hard-linked note in place (a rename would split it from its other links).

    A verified copy of the new content is written beside it first; then its bytes are written
    into the note (write, truncate, fsync) and read back. If that fails, the old bytes are put
    back the same way. Residual risk: a crash during the in-place write can leave the note torn;
    the copy then holds the complete new content (never deleted while the note differs).
    """
    copy = _verified_copy(target, data)
    try:
        note = os.open(target, os.O_RDWR | os.O_NOFOLLOW)
    except OSError as exc:
        _unlink_quietly(copy)
        raise WriteError(f"cannot write: {exc.strerror or exc}; the note is unchanged") from None
    try:
        now = os.fstat(note)
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):  # swapped since we read it
            _unlink_quietly(copy)
            raise WriteError("the file changed while vaultlint was running; not overwritten")
        try:
            _overwrite(note, data)
        except OSError as exc:
            try:
                _overwrite(note, old)  # the old bytes fitted before: put them back
            except OSError:
                raise WriteError(f"cannot write in place: {exc.strerror or exc}; the note may be "
                                 f"damaged, its complete new content is in "
                                 f"{Path(copy).name}") from None
            _unlink_quietly(copy)
            raise WriteError(f"cannot write: {exc.strerror or exc}; the note is unchanged") from None
    finally:
        os.close(note)
    _unlink_quietly(copy)


def _verified_copy(target: Path, data: bytes) -> str:
    """A temp file beside `target` holding `data`, on disk and read back."""
    fd, copy = _temp_file(target, COPY_SUFFIX)
    try:
        _write_all(fd, data)
        if _read_all(fd) != data:
            raise OSError("the temporary copy did not read back as written")
    except OSError as exc:
        _unlink_quietly(copy)
        raise WriteError(f"cannot write: {exc.strerror or exc}; the note is unchanged") from None
    finally:
        os.close(fd)
    return copy


def _overwrite(fd: int, data: bytes) -> None:
    """Make the open file hold exactly `data`, on disk, and check it by reading it back."""
    os.lseek(fd, 0, os.SEEK_SET)
    _write_all(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)
    if _read_all(fd) != data:
        raise OSError("the note did not read back as written")


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: some file systems refuse a folder fsync)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _our_temp(name: str) -> tuple[str, str] | None:
    """(note name, suffix) when `name` is exactly how we name a temp file, else None."""
    for suffix in (TMP_SUFFIX, COPY_SUFFIX):
        if name.startswith(".") and name.endswith(suffix):
            note, dot, random = name[1:-len(suffix)].rpartition(".")
            if dot and note and len(random) == 8 and _MKSTEMP_CHARS.issuperset(random):
                return note, suffix
    return None


def _same_regular_file_content(note: Path, copy: Path, copy_st: os.stat_result) -> bool:
    """Whether `note` is a regular file (never a FIFO: opening one would block) holding the
    copy's bytes; compared in chunks, so a large file is not read whole."""
    note_st = note.lstat()
    if not stat.S_ISREG(note_st.st_mode) or note_st.st_size != copy_st.st_size:
        return False
    return filecmp.cmp(note, copy, shallow=False)


def remove_stale_temps(root: Path, files: Iterable[str], now: float | None = None) -> list[str]:
    """Delete temp files of our own naming that a killed run left in the vault.

    Only regular files named exactly as we name them, older than STALE_AFTER (a concurrent
    run's temp file is younger); a COPY only once the note beside it holds the same bytes (else
    it may be the one complete copy of a note torn by a crash). Returns what was removed.
    """
    now = time.time() if now is None else now
    removed = []
    for rel in files:
        ours = _our_temp(rel.rpartition("/")[2])
        if ours is None:
            continue
        full = root / rel
        try:
            st = full.lstat()
            if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < STALE_AFTER:
                continue
            if ours[1] == COPY_SUFFIX and not _same_regular_file_content(full.with_name(ours[0]),
                                                                        full, st):
                continue
            full.unlink()
        except OSError:
            continue
        removed.append(rel)
    return removed
