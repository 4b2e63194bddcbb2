"""Markdown structure via markdown-it-py, plus the Obsidian syntax it does not know.

markdown-it-py finds the blocks (fences, indented code, math blocks, HTML blocks, headings);
its inline tokens carry no offsets, so a small scanner finds the inline regions rules must not
touch (code spans, inline math, HTML, `%% comments %%`, URLs, link targets) with exact offsets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.dollarmath.index import DOLLAR_EQNO_REV as _EQNO_REV, math_block_dollar
from mdit_py_plugins.footnote import footnote_plugin

# Region kinds. "link" is a link target (wikilink path, Markdown link destination),
# "url" a bare or autolinked URL, "tag" an inline #tag, "field" a Dataview field key
# (`key:: value`): a name queries use, never prose. Templater commands (`<% ... %>`) are code.
CODE, MATH, HTML, COMMENT, FRONTMATTER, LINK, URL, TAG, FIELD = (
    "code",
    "math",
    "html",
    "comment",
    "frontmatter",
    "link",
    "url",
    "tag",
    "field",
)
# What spelling rules never read as prose: every region kind but none.
NON_PROSE = frozenset({CODE, MATH, HTML, COMMENT, FRONTMATTER, LINK, URL, TAG, FIELD})


@lru_cache(maxsize=2)
def parser(inline: bool = False) -> MarkdownIt:
    """A shared parser: CommonMark + GFM tables and strikethrough + math + footnotes.

    Checking needs only the block structure (which lines are code, math, HTML, headings), so by
    default inline parsing, two thirds of markdown-it's time, is switched off; the fixer's
    safety check compares full token streams and asks for `inline=True`.
    """
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(dollarmath_plugin, allow_space=True, double_inline=True, allow_blank_lines=True)
    # Obsidian: `$$` opens a math block even right under a paragraph line (which CommonMark
    # would otherwise read as a setext underline or paragraph text), like a code fence does.
    md.block.ruler.at("math_block", _interrupting(math_block_dollar(allow_blank_lines=True)),
                      {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.use(footnote_plugin)
    if not inline:
        md.disable(["inline", "text_join"], ignoreInvalid=True)
    return md


def _interrupting(rule: Callable[[StateBlock, int, int, bool], bool]
                  ) -> Callable[[StateBlock, int, int, bool], bool]:
    """The math block rule, made safe to ask whether it would end a paragraph: the plugin's
    rule pushes its token even when only asked (`silent`), which would leave a stray token."""
    def run(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not _may_close(state, start, end):
            return False
        if not silent:
            return rule(state, start, end, silent)
        tokens, line = len(state.tokens), state.line
        found = rule(state, start, end, silent)
        del state.tokens[tokens:]
        state.line = line
        return found

    return run


def _may_close(state: StateBlock, start: int, end: int) -> bool:
    """Whether a `$$` opened on line `start` can close before line `end`: the plugin scans
    every following line for the closer, so with blank lines allowed, thousands of unclosed
    `$$ x` lines would each scan to the end of the note (quadratic). Lines that end in `$$`
    (or `$$ (label)`) are listed once per parse, and an opener with none after it fails fast."""
    closers = state.env.get("_vaultlint_math_closers") if isinstance(state.env, dict) else None
    if closers is None or closers[0] is not state.src:
        lines = [n for n in range(state.lineMax)
                 if _closes_math(state.src[state.bMarks[n] : state.eMarks[n]])]
        closers = (state.src, lines)
        if isinstance(state.env, dict):
            state.env["_vaultlint_math_closers"] = closers
    lines = closers[1]
    first = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]].strip()
    if len(first) > 3 and _closes_math(first):
        return True
    k = bisect.bisect_right(lines, start)
    return k < len(lines) and lines[k] < end


def _closes_math(line: str) -> bool:
    return line.rstrip().endswith("$$") or _EQNO_REV.match(line[::-1]) is not None


def parse_blocks(body: str) -> list[Token]:
    return parser().parse(body)


def parse_full(body: str) -> list[Token]:
    return parser(inline=True).parse(body)


def render(tokens: list[Token]) -> str:
    """The HTML markdown-it renders from full tokens (`parse_full`), with vaultlint's plugins:
    what the note looks like, whitespace inside text included."""
    md = parser(inline=True)
    return md.renderer.render(tokens, md.options, {})


@dataclass(frozen=True, order=True)
class Region:
    start: int
    end: int
    kind: str


BLOCK_KINDS = {"fence": CODE, "code_block": CODE, "math_block": MATH, "math_block_label": MATH,
               "html_block": HTML}

_BACKTICKS = re.compile(r"`+")
# A line break, then a line of only spaces and tabs (CommonMark's blank line; U+00A0 is content),
# then another break. `\r\n`, `\n` and a lone `\r` all end a line, as markdown-it reads them: a
# code span, inline math or link label never runs across such a line, whatever the line endings.
_BLANK_LINE = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t]*[\r\n]")
# Characters that may open an inline region; everything between them is plain prose. A URL is
# found by its `://` and then its scheme before it: a scheme's letters in the pattern would make
# every `h`, `f`, `o` and `z` of the prose a place to try (4x slower).
_INTERESTING = re.compile(r"[\\`%$<\[!#]|://")
_SCHEME = re.compile(r"https?|ftp|file|obsidian|zotero", re.I)
_SCHEME_LENGTHS = (3, 4, 5, 6, 8)
_URL = re.compile(r"""(?:https?|ftp|file|obsidian|zotero)://[^\s<>"'`\]\)]*[^\s<>"'`\]\).,;:!?*_~]""", re.I)
# Starts only where a run of address characters starts: otherwise a long run with no `@` is
# retried from each of its characters (quadratic); the matches found are the same.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>")
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>")
# #tag: Obsidian tags start after whitespace or line start, contain no spaces or most punctuation.
_TAG = re.compile(r"(?<![^\s(\[])#[^\s#!\"$%&'()*+,.:;<=>?@\[\\\]^`{|}~]+")
# Dataview fields: `key:: value` as a line of its own (after list or quote markers, the key
# maybe bold), or inline as `[key:: value]` / `(key:: value)`. The group is the key.
_LINE_FIELD = re.compile(
    r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[.\][ \t]+)?)?(?:\*\*|__)?"
    r"([^\s:\[\](){}`*_#>][^:\n\[\](){}`]{0,100}?)(?:\*\*|__)?::", re.M)
_INLINE_FIELD = re.compile(r"(?<=[\[(])([^\s:\[\](){}`][^:\n\[\](){}`]{0,100}?)::")
_BLOCK_ID = re.compile(r"(?<=\s)\^[A-Za-z0-9-]+[ \t]*$|(?<=\])\^[A-Za-z0-9-]+[ \t]*$", re.M)


def _scan_inline(text: str, start: int, end: int, out: list[Region]) -> int:
    """Find inline regions in text[start:end]: code spans, math, comments, HTML, links, URLs, tags.

    One left-to-right pass so that, as in Obsidian, whatever opens first wins: a `%%` inside a
    code span is code, a backtick inside a comment is comment. Returns the offset of a `%%` left
    unclosed in the stretch (its comment is the last region added), else -1.
    """
    i = start
    while i < end:
        i = _next_interesting(text, i, end)
        if i < 0:
            return -1
        c = text[i]
        if c == "\\" and i + 1 < end:
            i += 2
            continue
        if c == "`":
            run = _BACKTICKS.match(text, i, end).group()
            close = _find_backtick_close(text, i + len(run), end, len(run))
            if close < 0:
                i += len(run)
                continue
            out.append(Region(i, close + len(run), CODE))
            i = close + len(run)
            continue
        if c == "%" and text.startswith("%%", i):
            close = text.find("%%", i + 2, end)
            if close < 0:
                out.append(Region(i, _trim_line_ends(text, i + 2, end), COMMENT))
                return i
            out.append(Region(i, close + 2, COMMENT))
            i = close + 2
            continue
        if c == "$":
            j = _find_math_close(text, i, end)
            if j > 0:
                out.append(Region(i, j, MATH))
                i = j
                continue
        if c == "<":
            if text.startswith("<%", i):  # a Templater command: code run by the plugin
                close = text.find("%>", i + 2, end)
                stop = end if close < 0 else close + 2
                out.append(Region(i, stop, CODE))
                i = stop
                continue
            if text.startswith("<!--", i):
                close = text.find("-->", i + 4, end)
                stop = end if close < 0 else close + 3
                out.append(Region(i, stop, COMMENT))
                i = stop
                continue
            m = _AUTOLINK.match(text, i, end)
            if m:
                out.append(Region(m.start(), m.end(), URL))
                i = m.end()
                continue
            m = _HTML_TAG.match(text, i, end)
            if m:
                out.append(Region(m.start(), m.end(), HTML))
                i = m.end()
                continue
        if c == "[" or (c == "!" and text.startswith("[[", i + 1)):
            j = _scan_link(text, i, end, out)
            if j > i:
                i = j
                continue
        if c in "hHfFoOzZ":
            m = _URL.match(text, i, end)
            if m and (i == start or not text[i - 1].isalnum()):
                out.append(Region(m.start(), m.end(), URL))
                i = m.end()
                continue
        if c == "#" and (i == start or text[i - 1].isspace()):
            m = _TAG.match(text, i, end)
            if m and not m.group()[1:].isdigit():
                out.append(Region(m.start(), m.end(), TAG))
                i = m.end()
                continue
        i += 1
    return -1


def _next_interesting(text: str, i: int, end: int) -> int:
    """Where the next character that may open a region is in text[i:end] (a URL's: the start
    of its scheme), or -1."""
    while True:
        m = _INTERESTING.search(text, i, end)
        if m is None:
            return -1
        at = m.start()
        if text[at] != ":":
            return at
        for length in _SCHEME_LENGTHS:  # no scheme ends another: at most one fits
            if at - length >= i and _SCHEME.fullmatch(text, at - length, at):
                return at - length
        i = at + 1


def _trim_line_ends(text: str, start: int, end: int) -> int:
    """`end` moved back over line breaks: an unclosed `%%` runs to the end of its stretch of
    text, and the line break there is layout, not comment (else adding the final newline to a
    note ending in `%%`, as Excalidraw notes do, would change the comment and be refused)."""
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return end


def _find_backtick_close(text: str, i: int, end: int, n: int) -> int:
    """Start of the closing backtick run of exactly length n, not crossing a blank line.

    The blank-line test looks only between the opener and the candidate closer: searching for
    the next blank line up front would scan to the end of a long paragraph for every code span."""
    start = i
    while True:
        m = _BACKTICKS.search(text, i, end)
        if not m or _BLANK_LINE.search(text, start, m.start()):
            return -1
        if len(m.group()) == n:
            return m.start()
        i = m.end()


def _find_math_close(text: str, i: int, end: int) -> int:
    """End of `$...$` or `$$...$$` starting at i, or -1 (Obsidian: no space after the opener)."""
    if text.startswith("$$", i):
        close = text.find("$$", i + 2, end)
        return -1 if close < 0 else close + 2
    if i + 1 >= end or text[i + 1] in " \t\r\n$":
        return -1
    j = i + 1
    while j < end:
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch in "\r\n" and _BLANK_LINE.match(text, j, end):
            return -1
        if ch == "$":
            if text[j - 1] in " \t":
                return -1
            if j + 1 < end and text[j + 1].isdigit():
                return -1
            return j + 1
        j += 1
    return -1


def _scan_link(text: str, i: int, end: int, out: list[Region]) -> int:
    """Mark the target of a wikilink/embed or Markdown link starting at i; return where it ends."""
    bang = text[i] == "!"
    j = i + 1 if bang else i
    if text.startswith("[[", j):
        # A wikilink never spans lines nor holds another `[[`: search for `]]` only up to the
        # first of those, or unclosed `[[`s (100,000 on a line) each scan to the end: quadratic.
        limit = _find_or_end(text, "[[", j + 2, end)
        limit = _find_or_end(text, "\n", j + 2, limit)
        close = text.find("]]", j + 2, limit)
        if close < 0:
            return i
        inner = text[j + 2 : close]
        if "\n" in inner or "[[" in inner:
            return i
        pipe = _alias_pipe(inner)
        target_end = j + 2 + (len(inner) if pipe < 0 else pipe)
        out.append(Region(j + 2, target_end, LINK))
        if pipe >= 0:  # the alias is prose: scan it too
            _scan_inline(text, target_end + 1, close, out)
        return close + 2
    # Markdown link or image: [text](dest)
    # CommonMark caps link labels at 999 characters; the cap also keeps a run of unclosed `[`
    # (each of which scans forward) from costing quadratic time.
    depth, k, stop = 0, j, min(end, j + _MAX_LABEL)
    while k < stop:
        ch = text[k]
        if ch == "\\":
            k += 2
            continue
        if ch in "\r\n" and _BLANK_LINE.match(text, k, end):
            return i
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                break
        k += 1
    else:
        return i
    if not text.startswith("(", k + 1):
        return i
    dest_start = k + 2
    close = _matching_paren(text, dest_start, end)
    if close < 0 or not _is_destination(text[dest_start:close]):
        return i
    _scan_inline(text, j + 1, k, out)  # the label is prose
    out.append(Region(dest_start, close, LINK))
    return close + 1


_MAX_LABEL = 1000
# CommonMark: after an unbracketed destination only a quoted or parenthesised title may follow.
_TITLE = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|\((?:[^()\\]|\\.)*\)', re.S)


def _is_destination(inside: str) -> bool:
    """Whether `inside` the parentheses is a link destination (and optional title): `a b.md`
    is not (a space ends an unbracketed destination; `<a b.md>` or `a%20b.md` is one), so
    `[some](a couple of words)` is prose, as in Obsidian and CommonMark."""
    rest = inside.strip()
    if not rest or rest.startswith("<"):
        return True
    parts = rest.split(None, 1)
    return len(parts) == 1 or _TITLE.fullmatch(parts[1].strip()) is not None


def _find_or_end(text: str, needle: str, start: int, end: int) -> int:
    found = text.find(needle, start, end)
    return end if found < 0 else found


def _alias_pipe(inner: str) -> int:
    """Index of the `|` (or escaped `\\|` in tables) separating target and alias, or -1."""
    pipe = inner.find("|")
    if pipe > 0 and inner[pipe - 1] == "\\":
        return pipe - 1
    return pipe


def _matching_paren(text: str, i: int, end: int) -> int:
    depth = 0
    if text.startswith("<", i):
        close = text.find(">", i, end)
        return -1 if close < 0 or not text.startswith(")", close + 1) else close + 1
    k = i
    while k < end:
        ch = text[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "\n":
            return -1
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return k
            depth -= 1
        k += 1
    return -1


def find_regions(text: str, body_start: int, line_starts: list[int], first_line: int,
                 tokens: list[Token]) -> list[Region]:
    """All protected regions of the body, as offsets into the whole note `text`.

    The body is text[body_start:], which starts on 0-based line `first_line`; token maps are
    body-relative line numbers.
    """
    regions: list[Region] = []
    blocks: list[Region] = []
    for tok in tokens:
        kind = BLOCK_KINDS.get(tok.type)
        if kind == HTML and tok.content.lstrip().startswith("<!--"):
            kind = COMMENT
        if kind and tok.map:
            s = line_starts[first_line + tok.map[0]]
            e_line = first_line + tok.map[1]
            e = line_starts[e_line] if e_line < len(line_starts) else len(text)
            while e > s and text[e - 1] in "\r\n":  # the last line ending is layout, not content
                e -= 1
            blocks.append(Region(s, e, kind))
    blocks.sort()
    pos = body_start
    for block in blocks + [Region(len(text), len(text), "")]:
        if block.end <= pos and block.start < len(text):
            continue  # inside a `%%` comment that opened before it
        if block.start > pos:
            first_inline = len(regions)
            opened = _scan_inline(text, pos, block.start, regions)
            _scan_fields(text, pos, block.start, regions, regions[first_inline:])
            if opened >= 0:
                pos = _comment_across_blocks(text, opened, regions)
                if block.end <= pos:
                    continue
        if block.kind:
            regions.append(Region(max(block.start, pos), block.end, block.kind))
        pos = max(pos, block.end)
    regions.sort()
    return _drop_nested(regions)


def _comment_across_blocks(text: str, opened: int, regions: list[Region]) -> int:
    """Extend the `%%` comment opened at `opened` (the last region) to its closing `%%`, however
    many blocks lie between: as in Obsidian, what opens first wins, so a code fence or heading
    inside a comment is comment text, and a `%%` inside it closes the comment. Unclosed, the
    comment runs to the end of the note. Returns where the comment ends."""
    close = text.find("%%", opened + 2)
    end = close + 2 if close >= 0 else _trim_line_ends(text, opened + 2, len(text))
    regions[-1] = Region(opened, end, COMMENT)
    return end


def _scan_fields(text: str, start: int, end: int, out: list[Region],
                 inline: list[Region]) -> None:
    """Dataview field keys in text[start:end] that overlap none of the `inline` regions found
    there (a `key::` inside a code span or a wikilink is not a field)."""
    if text.find("::", start, end) < 0:
        return
    starts = [r.start for r in inline]  # in scan order, so sorted
    for pattern in (_LINE_FIELD, _INLINE_FIELD):
        for m in pattern.finditer(text, start, end):
            i = bisect.bisect_left(starts, m.end(1))
            if i == 0 or inline[i - 1].end <= m.start(1):
                out.append(Region(m.start(1), m.end(1), FIELD))


def _drop_nested(regions: list[Region]) -> list[Region]:
    """Keep regions disjoint: a region inside an earlier one is dropped, overlaps are trimmed."""
    out: list[Region] = []
    for r in regions:
        if out and r.start < out[-1].end:
            if r.end <= out[-1].end:
                continue
            r = Region(out[-1].end, r.end, r.kind)
        out.append(r)
    return out


def block_ids(text: str) -> list[tuple[int, str]]:
    """(offset, id) for every `^blockid` at the end of a line."""
    return [(m.start(), m.group().strip()[1:]) for m in _BLOCK_ID.finditer(text)]
