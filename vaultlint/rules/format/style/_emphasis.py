"""Where emphasis and strong delimiters are in the note.

markdown-it gives inline tokens no offsets, so each paragraph's inline children are walked
along the paragraph's source text (`inline.content`): text is matched character by
character (escapes and entities allowed for), code spans, math, HTML, links and images are
stepped over, and each `em_open`/`strong_open`/... is found exactly where the walk stands. Any
mismatch drops the whole paragraph: a delimiter is never guessed. Table cells are not walked
(a row holds several cells on one line).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from vaultlint.note import Note

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_OPEN = {"em_open": "em", "strong_open": "strong"}
_CLOSE = {"em_close": "em", "strong_close": "strong"}


@dataclass(frozen=True)
class Pair:
    kind: str  # "em" or "strong"
    markup: str  # `*`, `_`, `**` or `__`
    open: int  # offset of the opening delimiter in note.text
    close: int  # offset of the closing delimiter


class _Mismatch(Exception):
    pass


class _Walk:
    """A cursor over an inline token's source text."""

    def __init__(self, src: str) -> None:
        self.src, self.p = src, 0

    def expect(self, s: str) -> int:
        if not self.src.startswith(s, self.p):
            raise _Mismatch
        at, self.p = self.p, self.p + len(s)
        return at

    def text(self, content: str) -> None:
        src, k = self.src, 0
        while k < len(content):
            c = content[k]
            # an entity first: `&amp;` is text `&`, whose own `&` would match the source too
            if (m := _ENTITY.match(src, self.p)) and content.startswith(html.unescape(m[0]), k):
                self.p, k = m.end(), k + len(html.unescape(m[0]))
            elif src.startswith(c, self.p):
                self.p, k = self.p + 1, k + 1
            elif src.startswith("\\" + c, self.p):
                self.p, k = self.p + 2, k + 1
            else:
                raise _Mismatch

    def line_break(self) -> None:
        end = self.src.find("\n", self.p)
        if end < 0 or self.src[self.p : end].strip(" \t\\"):
            raise _Mismatch
        self.p = end + 1
        while self.p < len(self.src) and self.src[self.p] in " \t":
            self.p += 1

    def code(self, ticks: str) -> None:
        self.expect(ticks)
        q = self.p
        while (q := self.src.find(ticks, q)) >= 0:
            if self.src[q + len(ticks) : q + len(ticks) + 1] != "`" and self.src[q - 1] != "`":
                self.p = q + len(ticks)
                return
            q += len(ticks)
        raise _Mismatch

    def bracketed(self, open_: str, close: str) -> None:
        """Step over a balanced `(...)` or `[...]` (escapes allowed)."""
        if not self.src.startswith(open_, self.p):
            raise _Mismatch
        depth, q = 0, self.p
        while q < len(self.src):
            c = self.src[q]
            if c == "\\":
                q += 2
                continue
            depth += (c == open_) - (c == close)
            q += 1
            if depth == 0:
                self.p = q
                return
        raise _Mismatch

    def link_end(self) -> None:
        self.expect("]")
        if self.src.startswith("(", self.p):
            self.bracketed("(", ")")
        elif self.src.startswith("[", self.p):
            self.bracketed("[", "]")


def _walk(children: list, src: str) -> list[tuple[str, str, int, bool]] | None:
    """(kind, markup, offset in src, is_open) of every delimiter, or None on any mismatch."""
    walk, out = _Walk(src), []
    autolink = False
    try:
        for t in children:
            if autolink:
                autolink = t.type != "link_close"
            elif t.type == "text":
                walk.text(t.content)
            elif t.type in ("softbreak", "hardbreak"):
                walk.line_break()
            elif t.type in _OPEN or t.type in _CLOSE:
                kind = _OPEN.get(t.type) or _CLOSE[t.type]
                out.append((kind, t.markup, walk.expect(t.markup), t.type in _OPEN))
            elif t.type in ("s_open", "s_close"):
                walk.expect(t.markup)
            elif t.type == "code_inline":
                walk.code(t.markup)
            elif t.type in ("math_inline", "math_inline_double"):
                walk.expect(t.markup)
                walk.expect(t.content)
                walk.expect(t.markup)
            elif t.type == "html_inline":
                walk.expect(t.content)
            elif t.type == "link_open" and t.markup == "autolink":
                walk.bracketed("<", ">")
                autolink = True
            elif t.type == "link_open":
                walk.expect("[")
            elif t.type == "link_close":
                walk.link_end()
            elif t.type == "image":
                walk.expect("!")
                walk.bracketed("[", "]")
                walk.p -= 1
                walk.link_end()
            elif t.type == "footnote_ref":  # `[^1]`, or an inline footnote `^[text]`
                walk.p += walk.src.startswith("^[", walk.p)
                walk.bracketed("[", "]")
            else:
                raise _Mismatch
    except _Mismatch:
        return None
    return out


def _line_offsets(note: Note, tok, content: str) -> list[int] | None:
    """The note offset of each line of an inline token's content (its block prefixes, `>` and
    indentation, stripped by markdown-it, are found again in the note's line)."""
    first = note.body_first_line + tok.map[0]
    offsets = []
    for j, cline in enumerate(content.split("\n")):
        line = first + j
        if line >= note.line_count:
            return None
        start, end = note.line_span(line)
        at = note.text.rfind(cline, start, end)
        if at < 0:
            return None
        offsets.append(at)
    return offsets


def pairs(note: Note) -> list[Pair]:
    """Every emphasis and strong pair of the note outside tables, protected text (code, math,
    comments, HTML, link targets, URLs, tags) and frontmatter, in document order."""
    out: list[Pair] = []
    tokens = note.full_tokens
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or not tok.map or not tok.children:
            continue
        if i and tokens[i - 1].type in ("th_open", "td_open"):
            continue
        if not any(c.type in _OPEN for c in tok.children):
            continue
        found = _walk(tok.children, tok.content)
        offsets = _line_offsets(note, tok, tok.content) if found else None
        if not found or offsets is None:
            continue
        line_starts = [0]
        for cline in tok.content.split("\n")[:-1]:
            line_starts.append(line_starts[-1] + len(cline) + 1)
        out.extend(_paired(note, found, line_starts, offsets))
    return out


def _paired(note: Note, found: list[tuple[str, str, int, bool]], line_starts: list[int],
            offsets: list[int]) -> list[Pair]:
    def at(pos: int) -> int:
        j = bisect.bisect_right(line_starts, pos) - 1
        return offsets[j] + pos - line_starts[j]

    out, stack = [], []
    for kind, markup, pos, is_open in found:
        if is_open:
            stack.append((kind, markup, at(pos)))
            continue
        if not stack or stack[-1][0] != kind:
            return []  # not nested as expected: leave the paragraph alone
        _, open_markup, start = stack.pop()
        end = at(pos)
        if note.in_region(start) or note.in_region(end) or open_markup != markup:
            continue
        out.append(Pair(kind, markup, start, end))
    out.sort(key=lambda p: p.open)
    return out


def can_be_underscore(note: Note, pair: Pair) -> bool:
    """`_` emphasis cannot open or close inside a word (`snake_case`): `a*b*c` stays `*`."""
    text, n = note.text, len(pair.markup)
    before = text[pair.open - 1] if pair.open else " "
    after = text[pair.close + n] if pair.close + n < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def marker_findings(note: Note, kind: str, style: str) -> Iterator[tuple[Pair, str]]:
    """(pair, wanted markup) for every `kind` pair not written in `style` (`consistent`: the
    note's first pair of that kind decides), when the other markup renders the same."""
    found = [p for p in pairs(note) if p.kind == kind]
    if not found:
        return
    width = 1 if kind == "em" else 2
    char = {"asterisk": "*", "underscore": "_"}.get(style) or found[0].markup[0]
    wanted = char * width
    for pair in found:
        if (pair.markup != wanted and (char == "*" or can_be_underscore(note, pair))
                and not _flips_nesting(note, pair, char)):
            yield pair, wanted


def _flips_nesting(note: Note, pair: Pair, char: str) -> bool:
    """Whether the new delimiters would run into an inner or outer pair's on both sides and
    swap which is outside: `**_a_**` as `___a___` is `<em><strong>`, not `<strong><em>`.
    CommonMark reads a run of three as emphasis outside, strong inside."""
    text, n = note.text, len(pair.markup)
    if pair.kind == "strong":  # strong outside an emphasis written with `char`
        return text[pair.open + n : pair.open + n + 1] == char == text[pair.close - 1 : pair.close]
    return text[pair.open - 1 : pair.open] == char == text[pair.close + n : pair.close + n + 1]
