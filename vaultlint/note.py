"""A note, read and parsed once: text, lines, frontmatter, Markdown blocks, protected regions.

Rules read a `Note`; they never open files. Offsets are character offsets into `Note.text`
(the decoded file without its BOM); line endings are kept exactly as found.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from markdown_it.token import Token

from vaultlint import markdown
from vaultlint.frontmatter import FrontmatterBlock, find_block, parse_block

T = TypeVar("T")

BOM = "\ufeff"
# Parsing is linear but not free (~3 s per MB for every rule and index); a 50 MB "note" is a
# log or a dump, not a note, and would stall a run for minutes. Every caller that parses bytes
# (the engine and the vault's indexes) already turns DecodeError into a read-error, so the limit
# lives here rather than in each reader.
MAX_NOTE_BYTES = 8 * 1024 * 1024
_LINE_END = re.compile(r"\r\n|\n|\r")
_NOT_LINE_END = re.compile(r"[^\r\n]")


class DecodeError(ValueError):
    """The bytes are not a text note (not UTF-8, or binary)."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def decode(data: bytes) -> tuple[str, bool]:
    """UTF-8 bytes -> (text without BOM, had_bom). Non-UTF-8 (binary) or too large raises
    DecodeError."""
    if len(data) > MAX_NOTE_BYTES:
        raise DecodeError(f"file is too large to check ({len(data):,} bytes; "
                          f"limit {MAX_NOTE_BYTES:,})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if b"\0" in data[:8192]:
            raise DecodeError("binary file: contains NUL bytes and is not UTF-8") from None
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DecodeError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}, column {col}",
            line, col,
        ) from None
    if "\0" in text[:8192] and _mostly_control(text[:8192]):
        raise DecodeError("binary file: mostly control characters and NUL bytes")
    if text.startswith(BOM):
        return text[1:], True
    return text, False


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _mostly_control(head: str) -> bool:
    """Whether control characters make up a tenth of the text: binary data (or UTF-16) that
    happens to be valid UTF-8. A NUL pasted into a code block of a real note (which Obsidian
    shows as a note) is far below that, so such a note is checked like any other."""
    return len(_CONTROL.findall(head)) * 10 >= len(head)


def is_blank(line: str) -> bool:
    """A blank line as CommonMark reads it: only spaces and tabs. A line of U+00A0, U+2003 or
    U+3000 (which `str.strip` removes) is content: it renders as a paragraph."""
    return not line.strip(" \t")


def encode(text: str, bom: bool) -> bytes:
    return ((BOM if bom else "") + text).encode("utf-8")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # the heading's inline source text, e.g. "Part 1: Basics"
    line: int  # 0-based line of the heading
    start: int  # offset of the heading's first character
    end: int  # offset just after its last line's content (before the newline)
    atx: bool  # `# Heading` (True) or setext (underlined, False)
    nested: bool  # inside a list item or blockquote (callout)


class Note:
    """One Markdown note. `path` is POSIX, relative to the vault root."""

    def __init__(self, path: str, text: str, bom: bool = False) -> None:
        self.path = path
        self.text = text
        self.bom = bom

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> "Note":
        text, bom = decode(data)
        return cls(path, text, bom)

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What a module computes from this note (its links, its prose), computed once however
        many rules and indexes ask. (A note's text never changes: a fix makes a new Note.)"""
        memo = self.__dict__.setdefault("_derived", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def release_tokens(self) -> None:
        """Forget the block tokens and line starts, the bulk of a parsed note's memory (each is
        parsed again if asked); what was computed from them (regions, headings) is kept."""
        self.__dict__.pop("tokens", None)
        self.__dict__.pop("line_starts", None)

    # --- lines -------------------------------------------------------------------------------

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in _LINE_END.finditer(self.text))
        return starts

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_span(self, line: int) -> tuple[int, int]:
        """(start, end) of 0-based `line`'s content, without its line ending."""
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.text[start:end]

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, column) of an offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]

    @cached_property
    def newline(self) -> str:
        """The note's dominant line ending, used for inserted lines."""
        m = _LINE_END.search(self.text)
        return m.group() if m else "\n"

    # --- frontmatter -------------------------------------------------------------------------

    @cached_property
    def frontmatter(self) -> FrontmatterBlock | None:
        block = find_block(self.text)
        if block is not None:
            parse_block(self.text, block)
        return block

    @property
    def properties(self) -> dict[str, Any]:
        """The frontmatter data, or {} when there is none or it is invalid."""
        fm = self.frontmatter
        return fm.data if fm is not None and isinstance(fm.data, dict) else {}

    @property
    def body_start(self) -> int:
        fm = self.frontmatter
        return fm.end if fm is not None and fm.closed else 0

    @cached_property
    def body_first_line(self) -> int:
        return self.position(self.body_start)[0] if self.body_start else 0

    # --- Markdown ----------------------------------------------------------------------------

    @cached_property
    def tokens(self) -> list[Token]:
        """Block tokens (inline tokens carry their source text but no children)."""
        return markdown.parse_blocks(self.text[self.body_start :])

    @cached_property
    def full_tokens(self) -> list[Token]:
        """Block and inline tokens: slower, for the fixer's safety check."""
        return markdown.parse_full(self.text[self.body_start :])

    @cached_property
    def html(self) -> str:
        """The body rendered to HTML: the fixer's check that a fix keeps how the note looks."""
        return markdown.render(self.full_tokens)

    @cached_property
    def regions(self) -> list[markdown.Region]:
        """Disjoint, sorted protected regions (code, math, html, comment, link, url, tag)."""
        regions = markdown.find_regions(
            self.text, self.body_start, self.line_starts, self.body_first_line, self.tokens
        )
        fm = self.frontmatter
        if fm is not None:
            regions.insert(0, markdown.Region(fm.start, fm.end, markdown.FRONTMATTER))
        return regions

    @cached_property
    def _region_starts(self) -> list[int]:
        return [r.start for r in self.regions]

    def region_at(self, offset: int) -> markdown.Region | None:
        i = bisect.bisect_right(self._region_starts, offset) - 1
        if i >= 0 and self.regions[i].start <= offset < self.regions[i].end:
            return self.regions[i]
        return None

    def in_region(self, offset: int, kinds: frozenset[str] | set[str] | None = None) -> bool:
        region = self.region_at(offset)
        return region is not None and (kinds is None or region.kind in kinds)

    def masked(self, kinds: frozenset[str] | set[str]) -> str:
        """The text with regions of `kinds` blanked to spaces (line breaks kept), so offsets,
        lines and columns of what is left stay exactly where they were."""
        parts: list[str] = []
        pos = 0
        for r in self.regions:
            if r.kind not in kinds:
                continue
            parts.append(self.text[pos : r.start])
            segment = self.text[r.start : r.end]
            if "\n" in segment or "\r" in segment:
                parts.append(_NOT_LINE_END.sub(" ", segment))
            else:
                parts.append(" " * len(segment))
            pos = r.end
        parts.append(self.text[pos:])
        return "".join(parts)

    @cached_property
    def block_lines(self) -> dict[int, str]:
        """0-based line -> kind, for every line inside a code, math or HTML block."""
        lines: dict[int, str] = {}
        first = self.body_first_line
        for tok in self.tokens:
            kind = markdown.BLOCK_KINDS.get(tok.type)
            if kind and tok.map:
                for ln in range(first + tok.map[0], first + tok.map[1]):
                    lines[ln] = kind
        return lines

    @cached_property
    def comment_lines(self) -> set[int]:
        """0-based lines that lie wholly or partly inside a `%% %%` or HTML comment."""
        lines: set[int] = set()
        for r in self.regions:
            if r.kind == markdown.COMMENT:
                first = self.position(r.start)[0]
                last = self.position(max(r.start, r.end - 1))[0]
                lines.update(range(first, last + 1))
        return lines

    @cached_property
    def headings(self) -> list[Heading]:
        """Headings Obsidian sees: not inside comments (markdown-it does not know `%%`)."""
        out: list[Heading] = []
        first = self.body_first_line
        toks = self.tokens
        for i, tok in enumerate(toks):
            if tok.type != "heading_open" or not tok.map:
                continue
            line = first + tok.map[0]
            last_line = first + tok.map[1] - 1
            start = self.line_starts[line]
            if self.in_region(start, {markdown.COMMENT}):
                continue
            inline = toks[i + 1]
            out.append(
                Heading(
                    level=int(tok.tag[1]),
                    text=inline.content.strip(),
                    line=line,
                    start=start,
                    end=self.line_span(last_line)[1],
                    atx=tok.markup.startswith("#"),
                    nested=tok.level > 0,
                )
            )
        return out
